/**
 * Planning: open workshops with the free teachers and place every pupil, optimally (see
 * slotProblem.ts, search.ts), keeping the coordinator's locks and following the history.
 */
import type { Plan } from '../model';
import { buildPlan, type PlanningInput } from './planner';

export type { PlanningInput, SlotTrace } from './planner';
export { buildPlan } from './planner';
export { readPins } from './pins';
export { readHistory } from './history';

/** Plan all slots of the settings. Pure and deterministic; async so that a host can await it like any step. */
export async function planGroups(input: PlanningInput): Promise<Plan> {
  return buildPlan(input).plan;
}
