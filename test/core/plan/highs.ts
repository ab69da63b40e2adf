/** The exact reference: the slot model written in CPLEX LP format and solved by HiGHS (wasm). */
import { slotProblemToLp } from '../../../src/core/plan/lpFormat';
import type { SlotProblem } from '../../../src/core/plan/slotProblem';

type Highs = Awaited<ReturnType<typeof import('highs')['default']>>;
let loading: Promise<Highs> | null = null;

export function loadHighs(): Promise<Highs> {
  loading ??= import('highs').then((m) => m.default());
  return loading;
}

/** Optimal objective of the slot model by an exact MIP solve (integral: values are integers). */
export async function referenceObjective(problem: SlotProblem): Promise<number> {
  const highs = await loadHighs();
  const result = highs.solve(slotProblemToLp(problem), { output_flag: false, mip_rel_gap: 0, mip_abs_gap: 0.5 });
  if (result.Status !== 'Optimal') throw new Error(`HiGHS: ${result.Status}`);
  return Math.round(result.ObjectiveValue);
}
