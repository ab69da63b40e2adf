/**
 * Year-coverage goals (domain.md, seed 002): over the year, a pupil's path should reflect their
 * profile — orientation work for every pupil, sooner for « Malgré eux » pupils and projects still to build,
 * approfondissement for pupils at ease (« Contents d'être là », BTS project, strong ease at the
 * positionnement), methodology where the self-assessment gap is large. The planner's objective
 * (plan/objective.ts) rewards a goal until the pupil has had it in the year.
 */
import type { Need, Pupil, YearGoal } from '../model';
import { weightOf, type Settings } from '../settings/settings';
import { PROJECT_LABELS, profilePhrase } from './labels';
import { atEase, ORIENTATION_FOR_ALL } from './scores';

/** Mean |self − team| / 3 over the competencies both assessed (0..1); 0 without autopositionnement. */
export function selfAssessmentGap(pupil: Pupil): number {
  const team = new Map(pupil.results.map((r) => [r.competencyId, r.level]));
  let sum = 0;
  let count = 0;
  for (const self of pupil.selfResults) {
    const level = team.get(self.competencyId);
    if (level === undefined) continue;
    sum += Math.abs(self.level - level) / 3;
    count++;
  }
  return count ? sum / count : 0;
}

/** Share of the year-goal weight for the orientation every pupil has (the profile's goals count whole). */
export const ORIENTATION_FOR_ALL_SHARE = 0.5;

/**
 * The pupil's year goals. Orientation is part of every pupil's year (« accompagnement au choix
 * d'orientation », with or without an interview sheet); the profile and the project make it more
 * pressing. Reasons are words a pupil can hear; the profile stays in `staffReason`.
 */
export function yearGoals(pupil: Pupil, needs: Need[], settings: Settings): YearGoal[] {
  const goals: YearGoal[] = [];
  if (pupil.profile === 'despite') goals.push({ kind: 'orientation', reason: 'travailler son projet', staffReason: profilePhrase('despite') });
  else if (pupil.project === 'undecided') goals.push({ kind: 'orientation', reason: PROJECT_LABELS.undecided });
  else goals.push({ kind: 'orientation', reason: ORIENTATION_FOR_ALL, share: ORIENTATION_FOR_ALL_SHARE });

  const enrichment = needs.find((n) => n.kind === 'enrichment');
  const acquired = pupil.results.filter((r) => r.level >= 3).length;
  if (pupil.profile === 'content') goals.push({ kind: 'enrichment', reason: 'aller plus loin', staffReason: profilePhrase('content') });
  else if (pupil.project === 'further-study') goals.push({ kind: 'enrichment', reason: `approfondir (${PROJECT_LABELS['further-study']})` });
  else if (enrichment && enrichment.score >= settings.general.strongNeed && atEase(acquired, pupil.results.length)) {
    goals.push({ kind: 'enrichment', reason: 'à l’aise au positionnement' });
  }

  if (selfAssessmentGap(pupil) >= weightOf(settings.weights, 'largeSelfGap') && pupil.selfResults.length > 0) {
    goals.push({ kind: 'methodology', reason: 'grand écart entre son autopositionnement et celui de l’équipe' });
  }
  return goals;
}
