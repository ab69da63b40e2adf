/** Invariants of the planner on random schools (fast-check): coverage, caps, minimum sizes, pins, determinism. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { Pin, Plan } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan, type PlanningInput } from '../../../src/core/plan';
import { needShortLabel } from '../../../src/core/needs';
import { frenchNumber } from '../../../src/core/text';
import { needServed, rankNeeds } from '../../../src/core/plan/objective';
import { canLead, isFree } from '../../../src/core/plan/resources';
import { momentKey } from '../../../src/core/plan/slots';
import { makeSchool } from './fixtures';

const config = fc.record({
  seed: fc.integer({ min: 1, max: 1_000_000 }),
  pupils: fc.integer({ min: 3, max: 45 }),
  levels: fc.integer({ min: 1, max: 3 }),
  teachers: fc.integer({ min: 1, max: 9 }),
  slotsPerLevel: fc.integer({ min: 1, max: 2 }),
  freeRate: fc.integer({ min: 3, max: 10 }).map((x) => x / 10),
  locks: fc.array(fc.tuple(fc.nat(), fc.boolean()), { maxLength: 6 }),
});

/** Lock some rows of a first plan, some of them moved by hand to another group of the same slot. */
function pinsFrom(plan: Plan, locks: [number, boolean][]): Pin[] {
  const pins: Pin[] = [];
  const taken = new Set<string>();
  for (const [index, moved] of locks) {
    if (!plan.assignments.length) break;
    const a = plan.assignments[index % plan.assignments.length];
    if (taken.has(`${a.pupilId}|${a.slotId}`)) continue;
    taken.add(`${a.pupilId}|${a.slotId}`);
    const sameSlot = plan.groups.filter((g) => g.slotId === a.slotId);
    const group = moved ? sameSlot[index % sameSlot.length] : plan.groups.find((g) => g.id === a.groupId)!;
    pins.push({ pupilId: a.pupilId, slotId: a.slotId, workshopTypeId: group.workshopTypeId, teacher: group.teacher, source: { sheet: 'AP Groupes', cell: `J${pins.length + 5}` } });
  }
  return pins;
}

type Config = typeof config extends fc.Arbitrary<infer T> ? T : never;

function inputFor(c: Config): PlanningInput {
  const school = makeSchool({ seed: c.seed, pupils: c.pupils, levels: c.levels, competencies: 10, teachers: c.teachers, slotsPerLevel: c.slotsPerLevel, freeRate: c.freeRate });
  const needs = computeNeeds(school.pupils, school.competencies, school.settings);
  const base: PlanningInput = { pupils: school.pupils, needs, settings: school.settings, pins: [], history: [] };
  return { ...base, pins: pinsFrom(buildPlan(base).plan, c.locks) };
}

describe('planner invariants', () => {
  it('places every pupil once per slot of its level or says why not, within caps and minimum sizes, keeping pins', () => {
    fc.assert(
      fc.property(config, (c) => {
        const input = inputFor(c);
        const { plan } = buildPlan(input);
        const { settings, pupils } = input;
        for (const pupil of pupils) {
          const slots = settings.slots.filter((s) => s.level === pupil.level);
          if (!slots.length) {
            expect(plan.unassigned.filter((u) => u.pupilId === pupil.id && !u.slotId)).toHaveLength(1);
            continue;
          }
          for (const slot of slots) {
            const placed = plan.assignments.filter((a) => a.pupilId === pupil.id && a.slotId === slot.id).length;
            const missing = plan.unassigned.filter((u) => u.pupilId === pupil.id && u.slotId === slot.id);
            expect(placed + missing.length).toBe(1);
            for (const u of missing) expect(u.reason.length).toBeGreaterThan(10);
          }
        }
        const moments = new Map<string, string>();
        for (const group of plan.groups) {
          const locked = plan.assignments.filter((a) => a.groupId === group.id && a.locked).length;
          expect(group.pupilIds.length).toBeGreaterThan(0);
          expect(group.pupilIds.length).toBeLessThanOrEqual(group.capacity);
          if (locked === 0) {
            expect(group.pupilIds.length).toBeGreaterThanOrEqual(group.minSize);
            const slot = settings.slots.find((s) => s.id === group.slotId)!;
            const teacher = settings.teachers.find((t) => t.name === group.teacher)!;
            const type = settings.workshopTypes.find((t) => t.id === group.workshopTypeId)!;
            expect(canLead(teacher, type) && isFree(teacher, slot)).toBe(true);
            const moment = `${group.teacher}|${momentKey(slot)}`;
            expect(moments.get(moment)).toBeUndefined();
            moments.set(moment, group.id);
          }
          expect(new Set(group.pupilIds).size).toBe(group.pupilIds.length);
        }
        for (const pin of input.pins) {
          const a = plan.assignments.find((x) => x.pupilId === pin.pupilId && x.slotId === pin.slotId);
          const group = plan.groups.find((g) => g.id === a?.groupId);
          expect(a?.locked).toBe(true);
          expect([group?.workshopTypeId, group?.teacher]).toEqual([pin.workshopTypeId, pin.teacher]);
        }
      }),
      { numRuns: 40 },
    );
  });

  it('names the « Besoin principal » in the reason whenever the workshop serves another need, its score in the team’s detail', () => {
    fc.assert(
      fc.property(config, (c) => {
        const input = inputFor(c);
        const { plan } = buildPlan(input);
        for (const a of plan.assignments) {
          if (a.locked) continue;
          const needs = input.needs.find((n) => n.pupilId === a.pupilId)!.needs;
          const main = rankNeeds(needs, input.settings)[0];
          const group = plan.groups.find((g) => g.id === a.groupId)!;
          const type = input.settings.workshopTypes.find((t) => t.id === group.workshopTypeId)!;
          if (!main || needServed(type, needs, new Set())?.key === main.key) continue;
          expect(a.reason).toMatch(new RegExp(`; ${needShortLabel(main)}( :| déjà| laissé| passe)`));
          expect(a.detail).toContain(`${needShortLabel(main)} ${frenchNumber(main.score)}`);
        }
      }),
      { numRuns: 25 },
    );
  });

  it('gives the same plan for the same input', () => {
    fc.assert(
      fc.property(config, (c) => {
        const input = inputFor(c);
        expect(JSON.stringify(buildPlan(input).plan)).toBe(JSON.stringify(buildPlan(input).plan));
      }),
      { numRuns: 15 },
    );
  });
});
