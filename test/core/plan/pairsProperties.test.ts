/** « Séparé de » / « Regroupé avec » through the planner on random schools with random pairs (fast-check). */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { PairConstraint, Pin, Plan } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan, type PlanningInput } from '../../../src/core/plan';
import { makeSchool } from './fixtures';

const school = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  pupils: fc.integer({ min: 4, max: 45 }),
  levels: fc.integer({ min: 1, max: 2 }),
  teachers: fc.integer({ min: 1, max: 9 }),
  slotsPerLevel: fc.integer({ min: 1, max: 2 }),
  freeRate: fc.integer({ min: 3, max: 10 }).map((x) => x / 10),
});
type SchoolConfig = typeof school extends fc.Arbitrary<infer T> ? T : never;

function inputFor(c: SchoolConfig): PlanningInput {
  const s = makeSchool({ ...c, competencies: 10 });
  return { pupils: s.pupils, needs: computeNeeds(s.pupils, s.competencies, s.settings), settings: s.settings, pins: [], history: [] };
}

/** Pair number k of the list, its cell F<k+2>, between the pupils at two random indices. */
function pairsOf(input: PlanningInput, picks: [number, number, boolean][]): PairConstraint[] {
  const n = input.pupils.length;
  return picks.flatMap(([i, j, apart], k) => {
    const [a, b] = [input.pupils[i % n].id, input.pupils[j % n].id];
    if (a === b) return [];
    return [{ relation: apart ? ('apart' as const) : ('together' as const), pupilIds: [a, b].sort() as [string, string], source: { sheet: 'Prévisionnel', cell: `F${k + 2}` } }];
  });
}

const groupIdOf = (plan: Plan, pupilId: string, slotId: string) => plan.assignments.find((a) => a.pupilId === pupilId && a.slotId === slotId)?.groupId;
const pairWarnings = (plan: Plan) => plan.diagnostics.filter((d) => d.sheet === 'Prévisionnel');

function expectPlacedOnceWithinCaps(input: PlanningInput, plan: Plan): void {
  for (const pupil of input.pupils) {
    for (const slot of input.settings.slots.filter((s) => s.level === pupil.level)) {
      const placed = plan.assignments.filter((a) => a.pupilId === pupil.id && a.slotId === slot.id).length;
      const missing = plan.unassigned.filter((u) => u.pupilId === pupil.id && u.slotId === slot.id).length;
      expect(placed + missing).toBe(1);
    }
  }
  for (const group of plan.groups) {
    const locked = plan.assignments.some((a) => a.groupId === group.id && a.locked);
    expect(group.pupilIds.length).toBeLessThanOrEqual(group.capacity);
    if (!locked) expect(group.pupilIds.length).toBeGreaterThanOrEqual(Math.max(1, group.minSize));
    expect(plan.assignments.filter((a) => a.groupId === group.id).map((a) => a.pupilId).sort()).toEqual([...group.pupilIds].sort());
  }
}

describe('pairs in the planner (random schools, random pairs)', () => {
  it('keeps every pupil placed once within caps and every lock; every pair is met or reported at its cell; moved pupils say why', () => {
    fc.assert(
      fc.property(school, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { minLength: 1, maxLength: 12 }), fc.array(fc.nat(), { maxLength: 5 }), (c, picks, locks) => {
        const unlocked = inputFor(c);
        const first = buildPlan(unlocked).plan;
        // Some pupils locked where the plan without pairs put them.
        const pins: Pin[] = first.assignments.length
          ? [...new Set(locks.map((k) => first.assignments[k % first.assignments.length]))].map((a, k) => {
              const g = first.groups.find((x) => x.id === a.groupId)!;
              return { pupilId: a.pupilId, slotId: a.slotId, workshopTypeId: g.workshopTypeId, teacher: g.teacher, source: { sheet: 'AP Groupes', cell: `J${k + 5}` } };
            })
          : [];
        const input = { ...unlocked, pins };
        const base = buildPlan(input).plan;
        const pairs = pairsOf(input, picks);
        const { plan } = buildPlan({ ...input, pairs });
        expectPlacedOnceWithinCaps(input, plan);
        for (const pin of pins) {
          const a = plan.assignments.find((x) => x.pupilId === pin.pupilId && x.slotId === pin.slotId)!;
          const g = plan.groups.find((x) => x.id === a.groupId)!;
          expect([a.locked, g.workshopTypeId, g.teacher]).toEqual([true, pin.workshopTypeId, pin.teacher]);
        }
        const warned = new Set(pairWarnings(plan).map((d) => d.cell));
        for (const pair of pairs) {
          for (const slot of input.settings.slots) {
            const [g1, g2] = pair.pupilIds.map((id) => groupIdOf(plan, id, slot.id));
            if (!g1 || !g2) continue;
            if ((g1 === g2) !== (pair.relation === 'together')) expect(warned.has(pair.source.cell)).toBe(true);
          }
        }
        // A level's later slots adapt to what its earlier slots served: only single-slot levels compare.
        const single = new Set(input.settings.slots.filter((s) => input.settings.slots.filter((t) => t.level === s.level).length === 1).map((s) => s.id));
        for (const a of plan.assignments) {
          if (single.has(a.slotId) && groupIdOf(base, a.pupilId, a.slotId) !== a.groupId) expect(a.reason).toMatch(/(séparé\(e\) de|regroupé\(e\) avec|pour regrouper|pour séparer) .+ à la demande de l’équipe\.$/);
        }
      }),
      { numRuns: 60 },
    );
  });

  it('meets every « Séparé de » some group could meet (disjoint pairs, no locks)', () => {
    fc.assert(
      fc.property(school, fc.array(fc.nat(), { minLength: 2, maxLength: 20 }), (c, order) => {
        const input = inputFor(c);
        // Disjoint pairs: consecutive distinct pupils of a random order, each in at most one pair.
        const ids = [...new Set(order.map((i) => input.pupils[i % input.pupils.length].id))];
        const pairs: PairConstraint[] = [];
        for (let k = 0; k + 1 < ids.length; k += 2) pairs.push({ relation: 'apart', pupilIds: [ids[k], ids[k + 1]], source: { sheet: 'Prévisionnel', cell: `F${k + 2}` } });
        const { plan } = buildPlan({ ...input, pairs });
        expectPlacedOnceWithinCaps(input, plan);
        for (const pair of pairs) {
          for (const slot of input.settings.slots) {
            const [g1, g2] = pair.pupilIds.map((id) => groupIdOf(plan, id, slot.id));
            if (!g1 || g1 !== g2) continue;
            // Still together: no other group had room (or theirs could not lose a pupil), and no other
            // group holds a pupil free of pairs to exchange with.
            const group = plan.groups.find((g) => g.id === g1)!;
            const others = plan.groups.filter((g) => g.slotId === slot.id && g.id !== g1);
            const paired = new Set(pairs.flatMap((p) => p.pupilIds));
            expect(group.pupilIds.length <= Math.max(1, group.minSize) || others.every((g) => g.pupilIds.length >= g.capacity)).toBe(true);
            expect(others.every((g) => g.pupilIds.every((id) => paired.has(id)))).toBe(true);
            expect(pairWarnings(plan).some((d) => d.cell === pair.source.cell && d.message.includes('Séparé de'))).toBe(true);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('changes nothing when there are no pairs, or only pairs across levels', () => {
    fc.assert(
      fc.property(school, fc.array(fc.tuple(fc.nat(), fc.nat(), fc.boolean()), { maxLength: 8 }), (c, picks) => {
        const input = inputFor(c);
        const base = buildPlan(input).plan;
        expect(buildPlan({ ...input, pairs: [] }).plan).toEqual(base);
        const levelOf = new Map(input.pupils.map((p) => [p.id, p.level]));
        const across = pairsOf(input, picks).filter((p) => levelOf.get(p.pupilIds[0]) !== levelOf.get(p.pupilIds[1]));
        expect(buildPlan({ ...input, pairs: across }).plan).toEqual(base);
      }),
      { numRuns: 40 },
    );
  });
});
