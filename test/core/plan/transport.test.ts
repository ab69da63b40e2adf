/** The incremental transportation solver against an LP solve, and its dual prices as bounds. */
import { beforeAll, describe, expect, it } from 'vitest';
import { descend, nodeBound } from '../../../src/core/plan/dual';
import type { SlotProblem } from '../../../src/core/plan/slotProblem';
import { FORBIDDEN, Transport } from '../../../src/core/plan/transport';
import { seeded } from './fixtures';
import { loadHighs } from './highs';

type Highs = Awaited<ReturnType<typeof loadHighs>>;
let highs: Highs;

beforeAll(async () => {
  highs = await loadHighs();
});

/** Optimal assignment value for fixed bounds, by LP (the constraint matrix is totally unimodular); null when infeasible. */
function lpOptimum(values: Int32Array, pupils: number, types: number, lower: number[], upper: number[]): number | null {
  const objective: string[] = [];
  const rows: string[] = [];
  const perType: string[][] = Array.from({ length: types }, () => []);
  for (let p = 0; p < pupils; p++) {
    const vars: string[] = [];
    for (let t = 0; t < types; t++) {
      if (values[p * types + t] === FORBIDDEN) continue;
      objective.push(`${values[p * types + t]} x${p}_${t}`);
      vars.push(`x${p}_${t}`);
      perType[t].push(`x${p}_${t}`);
    }
    if (vars.length) rows.push(` p${p}: ${vars.join(' + ')} <= 1`);
  }
  perType.forEach((vars, t) => {
    const sum = vars.length ? vars.join(' + ') : '0 z';
    rows.push(` u${t}: ${sum} <= ${upper[t]}`, ` l${t}: ${sum} >= ${lower[t]}`);
  });
  const lp = ['Maximize', ` v: ${objective.join(' + ') || '0 z'}`, 'Subject To', ...rows, 'Bounds', ' 0 <= z <= 0', 'End', ''].join('\n');
  const result = highs.solve(lp, { output_flag: false });
  if (result.Status === 'Infeasible') return null;
  return Math.round(result.ObjectiveValue);
}

describe('Transport', () => {
  it('stays optimal while bounds change, and detects unreachable minimums', () => {
    for (let seed = 1; seed <= 20; seed++) {
      const random = seeded(seed);
      const pupils = 3 + Math.floor(random() * 30);
      const types = 1 + Math.floor(random() * 5);
      const values = Int32Array.from({ length: pupils * types }, () => (random() < 0.15 ? FORBIDDEN : 1 + Math.floor(random() * 50)));
      const transport = new Transport(values, pupils, types);
      const lower = new Array<number>(types).fill(0);
      const upper = new Array<number>(types).fill(0);
      for (let step = 0; step < 12; step++) {
        const changes = Array.from({ length: 1 + Math.floor(random() * 2) }, () => Math.floor(random() * types)).map((type) => {
          upper[type] = Math.floor(random() * 12);
          lower[type] = Math.floor(random() * (upper[type] + 1) * 0.6);
          return { type, lower: lower[type], upper: upper[type] };
        });
        transport.setBounds(changes);
        const reference = lpOptimum(values, pupils, types, lower, upper);
        expect({ seed, step, feasible: transport.feasible }).toEqual({ seed, step, feasible: reference !== null });
        if (reference !== null) expect({ seed, step, value: transport.objective }).toEqual({ seed, step, value: reference });
        for (let t = 0; t < types; t++) expect(transport.sizeOf(t)).toBeLessThanOrEqual(upper[t]);
      }
    }
  });

  it('gives prices whose Lagrangian bound is exact here and an upper bound for other group counts', () => {
    const random = seeded(99);
    const pupils = 40;
    const types = 4;
    const values = Int32Array.from({ length: pupils * types }, () => 1000 + Math.floor(random() * 100));
    const problem: SlotProblem = { pupils, types, values, cap: [6, 8, 10, 6], minSize: [2, 2, 3, 0], fixedSeats: [0, 0, 0, 3], teacherClasses: [] };
    const transport = new Transport(values, pupils, types);
    const groups = [2, 1, 1, 0];
    transport.setBounds(groups.map((g, t) => ({ type: t, lower: problem.minSize[t] * g, upper: problem.fixedSeats[t] + problem.cap[t] * g })));
    const prices = transport.prices();
    expect(nodeBound(problem, prices, { fixed: groups, free: [] })).toBeCloseTo(transport.objective, 6);
    for (const other of [[1, 1, 1, 1], [3, 0, 2, 0], [0, 2, 0, 3]]) {
      transport.setBounds(other.map((g, t) => ({ type: t, lower: problem.minSize[t] * g, upper: problem.fixedSeats[t] + problem.cap[t] * g })));
      expect(nodeBound(problem, prices, { fixed: other, free: [] })).toBeGreaterThanOrEqual(transport.objective - 1e-6);
    }
    const shape = { fixed: [0, 0, 0, 0], free: [{ count: 4, types: [0, 1, 2, 3] }] };
    const improved = descend(problem, prices, shape, 3);
    expect(improved.bound).toBeLessThanOrEqual(nodeBound(problem, prices, shape) + 1e-9);
    expect(improved.bound).toBeCloseTo(nodeBound(problem, improved.prices, shape), 6);
  });
});
