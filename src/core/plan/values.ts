/** What a workshop is worth to a pupil: the need it serves, weighted, as an integer for the solver. */
import type { Need, WorkshopType } from '../model';
import type { Settings } from '../settings/settings';
import { sameText } from './slots';

/** A need already served in an earlier slot of the same cycle counts this much again. */
export const REPEAT_FACTOR = 0.5;
/** Utilities are integers: weighted scores in hundredths. */
export const UTILITY_SCALE = 100;

/**
 * The pupil's need a workshop type serves: remediation of its discipline (or, for a remediation
 * type without discipline, the strongest remediation not excluded), else the need of its kind.
 */
export function needServed(type: WorkshopType, needs: Need[], excluded: ReadonlySet<string>): Need | undefined {
  if (type.kind === 'remediation') {
    if (type.discipline) return needs.find((n) => n.kind === 'remediation' && sameText(n.discipline, type.discipline) && !excluded.has(n.key));
    return needs.filter((n) => n.kind === 'remediation' && !excluded.has(n.key)).sort((a, b) => b.score - a.score)[0];
  }
  return needs.find((n) => n.kind === type.kind);
}

/** Is this type closed to the pupil by the history rule (same remediation too many cycles in a row)? */
export function isExcluded(type: WorkshopType, excluded: ReadonlySet<string>): boolean {
  return type.kind === 'remediation' && !!type.discipline && [...excluded].some((key) => sameText(key, `remediation:${type.discipline}`));
}

/** Weighted score of a need (what the planner maximises), before the repeat factor. */
export function weighted(need: Need, settings: Settings): number {
  return need.score * settings.weights[need.kind];
}

export function utility(need: Need | undefined, settings: Settings, repeated: boolean): number {
  if (!need) return 0;
  return Math.round(UTILITY_SCALE * weighted(need, settings) * (repeated ? REPEAT_FACTOR : 1));
}
