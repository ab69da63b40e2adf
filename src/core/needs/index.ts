/** Needs: a 0..1 score per need (remediation per discipline, methodology, orientation, approfondissement) with French reasons. */
import { canonicalDiscipline } from '../disciplines';
import type { AssessmentRound, Competency, Pupil, PupilNeeds } from '../model';
import type { Settings } from '../settings/settings';
import { isMethodologyDiscipline } from '../settings/defaults';
import { yearGoals } from './goals';
import { pupilNeeds } from './scores';

export { compareNeeds, evidenceFactor } from './scores';
export { selfAssessmentGap, yearGoals } from './goals';
export { disciplineInSentence, needLabel, needShortLabel, needWithScore, PROFILE_LABELS, PROJECT_LABELS } from './labels';

/**
 * One entry per pupil, in the pupils' order; needs sorted from the strongest (see compareNeeds).
 * `rounds`: the positionnements when there are several, so that older results weigh less.
 */
export function computeNeeds(pupils: Pupil[], competencies: Competency[], settings: Settings, rounds: AssessmentRound[] = []): PupilNeeds[] {
  const disciplineOf = new Map(competencies.map((c) => [c.id, c.discipline]));
  // Transversal domains feed methodology rather than a remediation of their own.
  const methodDisciplines = new Set(competencies.map((c) => c.discipline).filter(isMethodologyDiscipline).map(canonicalDiscipline));
  return pupils.map((pupil) => {
    const needs = pupilNeeds(pupil, disciplineOf, methodDisciplines, settings, rounds);
    return { pupilId: pupil.id, level: pupil.level, needs, goals: yearGoals(pupil, needs, settings) };
  });
}
