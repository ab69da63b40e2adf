/**
 * The coordinator's settings, read from the parameter sheets (`AP Paramètres`, `AP Intervenants`,
 * `AP Ateliers`). Anything missing gets a default derived from the data and is reported, so that
 * one click always gives a result.
 */
import type { NeedKind, PayStatus, Slot, Teacher, WorkshopType } from '../model';
import type { Quantity } from './values';

/** A scalar parameter of the « Général » section. */
export interface GeneralParameter<K extends string = string> {
  key: K;
  /** Label in column A of the section, as the coordinator sees it. */
  label: string;
  kind: 'number' | 'text';
  defaultValue: number | string;
  help: string;
  /** What a number counts (the units it may be written with, see values.ts) and its accepted range. */
  quantity?: Quantity;
  integer?: boolean;
  min?: number;
  max?: number;
}

export const GENERAL_PARAMETERS = [
  { key: 'cycle', label: 'Cycle à générer', kind: 'number', quantity: 'cycles', integer: true, defaultValue: 1, min: 1, max: 12, help: 'Numéro du cycle de 7 à 8 semaines à préparer.' },
  { key: 'schoolYear', label: 'Année scolaire', kind: 'text', defaultValue: '', help: 'Par exemple 2026-2027.' },
  { key: 'establishmentName', label: 'Établissement', kind: 'text', defaultValue: '', help: "Nom de l'établissement (export rectorat)." },
  { key: 'uai', label: 'UAI', kind: 'text', defaultValue: '', help: '7 caractères et une lettre de contrôle, par exemple 0750655E ; donne l’académie et la zone de vacances.' },
  { key: 'academy', label: 'Académie', kind: 'text', defaultValue: '', help: 'Académie de rattachement (export rectorat) ; si renseignée, elle donne la zone de vacances.' },
  { key: 'maskThreshold', label: 'Seuil de masquage des effectifs', kind: 'number', quantity: 'pupils', integer: true, defaultValue: 5, min: 3, max: 20, help: "Dans l'export, tout effectif inférieur est masqué (« < 5 ») ; 3 au minimum." },
  { key: 'maxConsecutiveCycles', label: 'Cycles consécutifs max dans une même remédiation', kind: 'number', quantity: 'cycles', integer: true, defaultValue: 2, min: 1, max: 12, help: 'Au-delà, un élève change d’atelier sauf besoin encore fort.' },
  { key: 'strongNeed', label: 'Besoin fort à partir de', kind: 'number', quantity: 'ratio', defaultValue: 0.6, min: 0, max: 1, help: 'Score (0 à 1) au-dessus duquel un besoin est dit fort.' },
  { key: 'regime', label: 'Régime horaire', kind: 'text', defaultValue: 'Bac pro 2019', help: 'Régime dont les enveloppes (section « Enveloppes ») s’appliquent.' },
  { key: 'envelopeTolerance', label: 'Écart toléré à l’enveloppe (h)', kind: 'number', quantity: 'hours', defaultValue: 5, min: 0, max: 100, help: 'Au-delà, AP Horaires et le résumé signalent l’écart entre les heures prévues par élève et l’enveloppe.' },
  { key: 'pacteHoursPerPart', label: 'Heures d’AP pour une part de Pacte (à confirmer)', kind: 'number', quantity: 'hours', defaultValue: 24, min: 1, max: 200, help: 'Volume horaire d’une part de Pacte ; les demi-parts existent depuis la note de service de septembre 2025 (à vérifier pour votre académie).' },
  { key: 'pacteAmount', label: 'Montant brut d’une part de Pacte (€, à confirmer)', kind: 'number', quantity: 'euros', defaultValue: 1250, min: 0, max: 10000, help: 'Environ 1 250 € brut par part : modifiez selon la note de service en vigueur.' },
  { key: 'teachingStaff', label: "Enseignants de l'établissement", kind: 'number', quantity: 'teachers', integer: true, defaultValue: 0, min: 0, max: 2000, help: 'Effectif enseignant total : dénominateur de la part des enseignants impliqués dans l’AP (0 = non renseigné).' },
  { key: 'followUpAbsences', label: 'Absences non excusées pour un suivi individuel', kind: 'number', quantity: 'absences', integer: true, defaultValue: 3, min: 1, max: 30, help: 'À partir de ce nombre d’absences non excusées dans un cycle (AP Suivi), l’élève est signalé pour un suivi de personne à personne.' },
  { key: 'reachedNeedFactor', label: 'Besoin restant après un objectif atteint', kind: 'number', quantity: 'ratio', defaultValue: 0.5, min: 0, max: 1, help: 'Un objectif atteint multiplie le besoin qu’il servait par ce facteur au cycle suivant (0,5 : divisé par deux).' },
  { key: 'weeksPerCycle', label: 'Semaines par cycle', kind: 'number', quantity: 'weeks', integer: true, defaultValue: 7, min: 1, max: 20, help: 'Sert au calendrier par défaut des cycles.' },
] as const satisfies readonly GeneralParameter[];

export type GeneralKey = (typeof GENERAL_PARAMETERS)[number]['key'];

/** Weights of each need in the planner's objective (section « Poids des besoins »). */
export const WEIGHT_PARAMETERS = [
  { key: 'remediation', label: 'Remédiation (positionnement)', defaultValue: 1, help: 'Besoins de remédiation par discipline.' },
  { key: 'methodology', label: 'Aide méthodologique', defaultValue: 0.9, help: 'Organisation, consignes, prise de notes, oral.' },
  { key: 'orientation', label: 'Orientation / projet', defaultValue: 0.9, help: 'Projet professionnel, passerelles, PFMP.' },
  { key: 'enrichment', label: 'Approfondissement', defaultValue: 0.8, help: 'Élèves à l’aise, poursuite d’études (BTS).' },
  { key: 'selfGap', label: "Écart d'autopositionnement", defaultValue: 0.5, help: "Part du besoin due à l'écart entre l'élève et l'équipe." },
  { key: 'profile', label: "Profil d'entretien", defaultValue: 0.3, help: 'Part du besoin due au profil (« Malgré eux »...).' },
  { key: 'evidencePrudence', label: 'Prudence sur peu de compétences évaluées', defaultValue: 0.5, help: 'Un besoin fondé sur n compétences évaluées compte n / (n + prudence) : 1 compétence -> 0,67 ; 4 -> 0,89 ; 0 = aucune prudence.' },
  { key: 'olderRound', label: 'Positionnement plus ancien', defaultValue: 0.5, help: 'Poids d’un résultat d’un positionnement antérieur face au plus récent (1 = même poids).' },
  { key: 'yearGoals', label: 'Objectifs de l’année selon le profil', defaultValue: 0.3, help: 'Bonus, croissant à chaque cycle, pour le projet (« Malgré eux », projet à construire), l’approfondissement (élèves à l’aise, BTS) et la méthodologie (grand écart d’autopositionnement) tant que l’élève ne les a pas eus dans l’année.' },
  { key: 'largeSelfGap', label: 'Écart d’autopositionnement important', defaultValue: 0.3, help: 'Écart moyen (0 à 1) entre l’élève et l’équipe à partir duquel l’aide méthodologique devient un objectif de l’année.' },
  { key: 'wishes', label: 'Vœux de l’élève', defaultValue: 0.05, help: 'Critère secondaire : bonus du premier vœu (colonne « Vœux »), moindre pour les suivants.' },
] as const;

export type WeightKey = (typeof WEIGHT_PARAMETERS)[number]['key'];
/** Weights every settings object carries; the planner's finer ones (evidence, year goals…) may be absent. */
type CoreWeightKey = 'remediation' | 'methodology' | 'orientation' | 'enrichment' | 'selfGap' | 'profile';
export type Weights = Record<CoreWeightKey, number> & Partial<Record<WeightKey, number>>;

/** A weight, or its default when the settings do not carry it. */
export function weightOf(weights: Weights, key: WeightKey): number {
  return weights[key] ?? WEIGHT_PARAMETERS.find((w) => w.key === key)!.defaultValue;
}

export interface ClassLevel {
  className: string;
  level: string;
  /** The « Niveau » cell of the class in `AP Paramètres`. */
  source?: { sheet: string; cell: string };
}

/** Yearly AP hours per pupil and level under a regime (section « Enveloppes horaires »). */
export interface Envelope {
  regime: string;
  level: string;
  /** Null when the coordinator has still to fill it in (2024 regime). */
  hoursPerYear: number | null;
  /** Text the figure comes from (defaults only; shown in `AP Paramètres`). */
  source?: string;
}

export interface CycleDates {
  cycle: number;
  /** ISO dates. */
  start: string;
  end: string;
  /** Cell of the cycle's start in « Calendrier des cycles », when typed there. */
  cell?: string;
}

/** A period without AP: holidays for everybody, or a PFMP for one level. */
export interface WeeksOff {
  start: string;
  end: string;
  label: string;
  /** Empty: every level. */
  level: string;
}

export interface Settings {
  general: { [K in GeneralKey]: K extends 'cycle' | 'maskThreshold' | 'maxConsecutiveCycles' | 'strongNeed' | 'weeksPerCycle' | 'envelopeTolerance' | 'teachingStaff' | 'pacteHoursPerPart' | 'pacteAmount' | 'followUpAbsences' | 'reachedNeedFactor' ? number : string };
  weights: Weights;
  classLevels: ClassLevel[];
  slots: Slot[];
  teachers: Teacher[];
  workshopTypes: WorkshopType[];
  envelopes: Envelope[];
  cycles: CycleDates[];
  weeksOff: WeeksOff[];
}

export const KIND_LABELS: Record<NeedKind, string> = {
  remediation: 'Remédiation',
  methodology: 'Méthodologie',
  orientation: 'Orientation',
  enrichment: 'Approfondissement',
};

export const PAY_STATUS_LABELS: Record<PayStatus, string> = {
  HP: 'Heures poste',
  HSA: 'HSA',
  HSE: 'HSE',
  Pacte: 'Pacte',
};
