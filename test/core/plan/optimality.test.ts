/**
 * The planner is exact: on random instances its objective equals an independent MIP solve of the
 * same model by HiGHS (CPLEX LP text, see src/core/plan/lpFormat.ts). The values come from the
 * planner's objective (src/core/plan/objective.ts): utilities, year goals, wishes, rotation.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import type { HistoryEntry, NeedKind } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import { placementValues } from '../../../src/core/plan/objective';
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
  const u = Int32Array.from({ length: pupils * types }, () => (random() < 0.1 ? FORBIDDEN : Math.round(100 * random() * random())));
  const values = placementValues(u, pupils, types);
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
      const needs = computeNeeds(school.pupils, school.competencies, school.settings);
      const { traces } = buildPlan({ pupils: school.pupils, needs, settings: school.settings, pins: [], history: [] });
      expect(traces.length).toBeGreaterThan(0);
      for (const { slot, problem, solution } of traces) {
        expectFeasible(problem, solution);
        expect({ seed, slot: slot.id, objective: solution.objective }).toEqual({ seed, slot: slot.id, objective: await referenceObjective(problem) });
      }
    }
  });

  it('matches the MIP optimum in a later cycle: rotation exclusions, year goals and wishes in the values', async () => {
    const kinds: NeedKind[] = ['remediation', 'methodology', 'orientation', 'enrichment'];
    for (let seed = 11; seed <= 16; seed++) {
      const school = makeSchool({ seed, pupils: 40 + seed, levels: 2, competencies: 10, teachers: 6, freeRate: 0.8 });
      const pupils = school.pupils.map((p, i) => (i % 3 ? { ...p, wishes: [kinds[i % 4], kinds[(i + 1) % 4]] } : p));
      const needs = computeNeeds(pupils, school.competencies, school.settings);
      const history: HistoryEntry[] = [];
      for (const cycle of [1, 2]) {
        const settings = { ...school.settings, general: { ...school.settings.general, cycle } };
        const { plan } = buildPlan({ pupils, needs, settings, pins: [], history });
        for (const a of plan.assignments) {
          const group = plan.groups.find((g) => g.id === a.groupId)!;
          history.push({ cycle, pupilId: a.pupilId, pupilName: '', className: '', level: group.level, slotId: a.slotId, workshopTypeId: group.workshopTypeId, kind: group.kind, ...(group.discipline ? { discipline: group.discipline } : {}), teacher: group.teacher });
        }
      }
      const settings = { ...school.settings, general: { ...school.settings.general, cycle: 3 } };
      const { traces } = buildPlan({ pupils, needs, settings, pins: [], history });
      expect(traces.some(({ problem }) => problem.values.some((v) => v === FORBIDDEN))).toBe(true);
      for (const { slot, problem, solution } of traces) {
        expectFeasible(problem, solution);
        expect({ seed, slot: slot.id, objective: solution.objective }).toEqual({ seed, slot: slot.id, objective: await referenceObjective(problem) });
      }
    }
  });
});
