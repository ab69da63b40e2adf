/**
 * The planner is exact: on random instances its objective equals an independent MIP solve of the
 * same model by HiGHS (CPLEX LP text, see src/core/plan/lpFormat.ts).
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import { solveSlot } from '../../../src/core/plan/search';
import type { SlotProblem, SlotSolution } from '../../../src/core/plan/slotProblem';
import { FORBIDDEN } from '../../../src/core/plan/transport';
import { makeSchool, seeded } from './fixtures';
import { loadHighs, referenceObjective } from './highs';

/** A small random slot: pupils, types with caps and minimum sizes, teacher classes, locked seats, exclusions. */
function randomProblem(seed: number): SlotProblem {
  const random = seeded(seed);
  const int = (lo: number, hi: number): number => lo + Math.floor(random() * (hi - lo + 1));
  const pupils = int(4, 40);
  const types = int(2, 6);
  const cap = Array.from({ length: types }, () => int(2, 9));
  const minSize = cap.map((c) => int(0, Math.min(4, c)));
  const fixedSeats = cap.map((c) => (random() < 0.2 ? int(1, c) : 0));
  const classes = int(1, 4);
  const teacherClasses = Array.from({ length: classes }, () => {
    const led = Array.from({ length: types }, (_, t) => t).filter(() => random() < 0.5);
    return { count: int(1, 4), types: led.length ? led : [int(0, types - 1)] };
  });
  const u = Array.from({ length: pupils * types }, () => (random() < 0.1 ? FORBIDDEN : Math.round(100 * random() * random())));
  let place = 1;
  for (let p = 0; p < pupils; p++) place += Math.max(0, ...u.slice(p * types, (p + 1) * types));
  const values = Int32Array.from(u, (x) => (x === FORBIDDEN ? FORBIDDEN : place + x));
  return { pupils, types, values, cap, minSize, fixedSeats, teacherClasses };
}

/** The solution is a feasible point of the model and its objective is what it claims. */
function expectFeasible(problem: SlotProblem, solution: SlotSolution): void {
  const groups = new Array<number>(problem.types).fill(0);
  solution.use.forEach((row, c) => {
    expect(row.reduce((a, b) => a + b, 0)).toBeLessThanOrEqual(problem.teacherClasses[c].count);
    row.forEach((n, j) => (groups[problem.teacherClasses[c].types[j]] += n));
  });
  expect(groups).toEqual(solution.groups);
  const sizes = new Array<number>(problem.types).fill(0);
  let objective = 0;
  solution.typeOf.forEach((t, p) => {
    if (t < 0) return;
    const value = problem.values[p * problem.types + t];
    expect(value).not.toBe(FORBIDDEN);
    objective += value;
    sizes[t]++;
  });
  expect(objective).toBe(solution.objective);
  sizes.forEach((n, t) => {
    expect(n).toBeLessThanOrEqual(problem.fixedSeats[t] + problem.cap[t] * groups[t]);
    expect(n).toBeGreaterThanOrEqual(problem.minSize[t] * groups[t]);
  });
}

beforeAll(async () => {
  await loadHighs();
});

describe('optimality against an exact MIP (HiGHS)', () => {
  it('matches the MIP optimum on 36 random slot models', async () => {
    for (let seed = 1; seed <= 36; seed++) {
      const problem = randomProblem(seed);
      const solution = solveSlot(problem);
      expect(solution.proven).toBe(true);
      expectFeasible(problem, solution);
      expect({ seed, objective: solution.objective }).toEqual({ seed, objective: await referenceObjective(problem) });
    }
  });

  it('matches the MIP optimum on every slot of 8 random small schools (as the planner builds them)', async () => {
    for (let seed = 1; seed <= 8; seed++) {
      const school = makeSchool({ seed, pupils: 30 + seed * 7, levels: 1 + (seed % 3), competencies: 10, teachers: 3 + seed, freeRate: 0.7 });
      const needs = computeNeeds(school.pupils, school.competencies, school.settings, []);
      const { traces } = buildPlan({ pupils: school.pupils, needs, settings: school.settings, pins: [], history: [] });
      expect(traces.length).toBeGreaterThan(0);
      for (const { slot, problem, solution } of traces) {
        expectFeasible(problem, solution);
        expect({ seed, slot: slot.id, objective: solution.objective }).toEqual({ seed, slot: slot.id, objective: await referenceObjective(problem) });
      }
    }
  });
});
