/** Needs: a 0..1 score per need (remediation per discipline, methodology, orientation, approfondissement) with French reasons. */
import type { Competency, HistoryEntry, Pupil, PupilNeeds } from '../model';
import type { Settings } from '../settings/settings';
import { isMethodologyDiscipline } from '../settings/defaults';
import { pupilNeeds } from './scores';

export { consecutiveRemediationCycles } from './scores';
export { disciplineInSentence, needLabel, needShortLabel, needWithScore, PROFILE_LABELS, PROJECT_LABELS } from './labels';

/** One entry per pupil, in the pupils' order; needs sorted by decreasing score. */
export function computeNeeds(pupils: Pupil[], competencies: Competency[], settings: Settings, history: HistoryEntry[]): PupilNeeds[] {
  const disciplineOf = new Map(competencies.map((c) => [c.id, c.discipline]));
  // Transversal domains feed methodology rather than a remediation of their own.
  const methodDisciplines = new Set(competencies.map((c) => c.discipline).filter(isMethodologyDiscipline));
  const byPupil = new Map<string, HistoryEntry[]>();
  for (const h of history) {
    if (!byPupil.has(h.pupilId)) byPupil.set(h.pupilId, []);
    byPupil.get(h.pupilId)!.push(h);
  }
  return pupils.map((pupil) => ({
    pupilId: pupil.id,
    level: pupil.level,
    needs: pupilNeeds(pupil, disciplineOf, methodDisciplines, settings, byPupil.get(pupil.id) ?? []),
  }));
}
