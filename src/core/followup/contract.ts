/** The contract prefilled for a pupil in a workshop: a short objective from the need and its evidence, and a success indicator. */
import type { Need, NeedKind } from '../model';
import { disciplineInSentence } from '../needs/labels';

const OBJECTIVES: Record<NeedKind, (discipline: string) => string> = {
  remediation: (d) => (d ? `Consolider en ${d}` : 'Consolider les compétences non acquises'),
  methodology: () => 'Comprendre les consignes et organiser son travail',
  orientation: () => 'Construire ou confirmer son projet',
  enrichment: (d) => (d ? `Aller plus loin en ${d}` : 'Aller plus loin'),
};

/** « de mathématiques », « d’anglais », « d’histoire ». */
function ofDiscipline(discipline: string): string {
  return /^[aeiouyhàâéèêîôû]/i.test(discipline) ? `d’${discipline}` : `de ${discipline}`;
}

const INDICATORS: Record<NeedKind, (discipline: string) => string> = {
  remediation: (d) => `Au prochain positionnement, au moins une compétence${d ? ` ${ofDiscipline(d)}` : ''} gagne un niveau`,
  methodology: () => 'Agenda tenu et travail demandé rendu à chaque séance',
  orientation: () => 'Une démarche concrète réalisée (fiche métier, stage, salon, entretien)',
  enrichment: () => 'Une production aboutie présentée au groupe',
};

export interface WorkshopNeed {
  kind: NeedKind;
  discipline?: string;
}

/** Key of the need a workshop serves, as the needs step writes it. */
export function needKeyOf(workshop: WorkshopNeed): string {
  return workshop.kind === 'remediation' && workshop.discipline ? `remediation:${workshop.discipline}` : workshop.kind;
}

/** « Consolider en mathématiques — point de départ : 5 compétences sur 7 non acquises en mathématiques » */
export function prefilledObjective(workshop: WorkshopNeed, need: Need | undefined): string {
  const objective = OBJECTIVES[workshop.kind](workshop.discipline ? disciplineInSentence(workshop.discipline) : '');
  const evidence = need?.reasons[0];
  return evidence ? `${objective} — point de départ : ${evidence}` : objective;
}

export function prefilledIndicator(workshop: WorkshopNeed): string {
  return INDICATORS[workshop.kind](workshop.discipline ? disciplineInSentence(workshop.discipline) : '');
}
