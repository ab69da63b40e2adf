/**
 * Needs that nobody can serve, said loudly before planning: a remediation workshop whose discipline no
 * teacher has, a strong need with no workshop for it, a strong need with no teacher free on the level's
 * slots. Each warning names the cell and how many pupils are concerned.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { canonicalDiscipline, isKnownDiscipline, sameDiscipline } from '../disciplines';
import type { Pupil, PupilNeeds, WorkshopType } from '../model';
import { disciplineInSentence } from '../needs/labels';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import { canLead, isFree } from './resources';
import { sameText } from './slots';

function pupilsText(n: number): string {
  return `${n} élève${n > 1 ? 's' : ''}`;
}

/** Does this type serve a remediation of `discipline`? (A type without discipline serves any.) */
function servesDiscipline(type: WorkshopType, discipline: string): boolean {
  return type.kind === 'remediation' && (!type.discipline || sameDiscipline(type.discipline, discipline));
}

export function unservedDemand(pupils: Pupil[], needs: PupilNeeds[], settings: Settings): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const strong = settings.general.strongNeed;
  const levelOf = new Map(pupils.map((p) => [p.id, p.level]));
  /** Strong remediation demand per canonical discipline: the pupils' levels. */
  const demand = new Map<string, string[]>();
  for (const entry of needs) {
    for (const need of entry.needs) {
      if (need.kind !== 'remediation' || !need.discipline || need.score < strong) continue;
      const discipline = canonicalDiscipline(need.discipline);
      demand.set(discipline, [...(demand.get(discipline) ?? []), levelOf.get(entry.pupilId) ?? entry.level]);
    }
  }
  const strongIn = (discipline: string): number => [...demand.entries()].filter(([d]) => sameDiscipline(d, discipline)).reduce((n, [, levels]) => n + levels.length, 0);

  for (const type of settings.workshopTypes) {
    if (!type.discipline || settings.teachers.some((t) => canLead(t, type))) continue;
    const waiting = strongIn(type.discipline);
    const unknown = isKnownDiscipline(type.discipline) ? '' : ` (discipline « ${type.discipline} » inconnue du vocabulaire : vérifiez l’orthographe)`;
    diagnostics.push(
      diagnostic(
        'warning',
        type.source.sheet,
        type.source.cell,
        `aucun intervenant de ${SHEET_NAMES.teachers} ne peut animer « ${type.id} »${unknown} : ${pupilsText(waiting)} avec un besoin fort en ${disciplineInSentence(canonicalDiscipline(type.discipline))} ne pourront pas y être accueillis.`,
      ),
    );
  }

  for (const [discipline, levels] of demand) {
    const serving = settings.workshopTypes.filter((t) => servesDiscipline(t, discipline));
    if (!serving.length) {
      diagnostics.push(
        diagnostic(
          'warning',
          SHEET_NAMES.workshops,
          '',
          `${pupilsText(levels.length)} ont un besoin fort en ${disciplineInSentence(discipline)}, mais aucun atelier de remédiation ${disciplineInSentence(discipline)} n’existe : ajoutez-en un (ou corrigez sa discipline).`,
        ),
      );
      continue;
    }
    for (const level of [...new Set(levels)]) {
      const slots = settings.slots.filter((s) => sameText(s.level, level));
      if (!slots.length) continue; // said by the planner: no slot for the level
      const served = slots.some((slot) => settings.teachers.some((t) => isFree(t, slot) && serving.some((type) => canLead(t, type))));
      if (served) continue;
      const count = levels.filter((l) => l === level).length;
      diagnostics.push(
        diagnostic(
          'warning',
          serving[0].source.sheet,
          serving[0].source.cell,
          `${pupilsText(count)} de ${level} ont un besoin fort en ${disciplineInSentence(discipline)}, mais aucun intervenant libre sur leurs barrettes ne peut animer « ${serving[0].id} ».`,
        ),
      );
    }
  }

  for (const teacher of settings.teachers) {
    if (!teacher.kinds.some((k) => k === 'remediation' || k === 'enrichment')) continue;
    for (const discipline of teacher.disciplines) {
      const matched = settings.workshopTypes.some((t) => t.discipline && canLead({ ...teacher, disciplines: [discipline] }, t));
      if (matched || isKnownDiscipline(discipline) || settings.workshopTypes.every((t) => !t.discipline)) continue;
      diagnostics.push(
        diagnostic('warning', teacher.source.sheet, teacher.source.cell, `${teacher.name} : discipline « ${discipline} » inconnue, qui ne correspond à aucun atelier de ${SHEET_NAMES.workshops}.`),
      );
    }
  }
  return diagnostics;
}
