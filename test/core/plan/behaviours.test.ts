/**
 * Behaviours a deliberate change could break without noticing: the explanation of a pupil held to
 * reach a group's minimum, the under-estimation term of the self-assessment gap, the order of groups.
 */
import { describe, expect, it } from 'vitest';
import type { MasteryLevel } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import { formGroups } from '../../../src/core/plan/groups';
import { competencies, pupil, settingsWith, slot, teacher, workshop } from './scenario';

const comps = competencies({ Mathématiques: 8, Français: 8 });
const levels = (na: number, total = 8): MasteryLevel[] => Array.from({ length: total }, (_, i) => (i < na ? 1 : 3));

describe('explanations and objective terms', () => {
  it('tells a pupil held back from a stronger need with free seats that the group needed them to reach its minimum', () => {
    const monday = slot('2nde', 'lundi', '10h');
    const settings = settingsWith({
      slots: [monday],
      teachers: [teacher('Maths', ['Mathématiques'], ['remediation'], [monday]), teacher('CPE', ['Vie scolaire'], ['methodology'], [monday])],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques'), workshop('Aide méthodologique', 'methodology', 14, 4)],
    });
    // 14 pupils, 12 maths seats: two must go to methodology, which opens only with 4.
    const pupils = Array.from({ length: 14 }, (_, i) => pupil(`H${String(i).padStart(2, '0')}`, '2nde', { Mathématiques: levels(8 - (i % 3)) }));
    const needs = computeNeeds(pupils, comps, settings);
    const { plan } = buildPlan({ pupils, needs, settings, pins: [], history: [] });
    const methodology = plan.groups.find((g) => g.workshopTypeId === 'Aide méthodologique')!;
    const maths = plan.groups.find((g) => g.workshopTypeId === 'Remédiation Mathématiques')!;
    expect(methodology.pupilIds).toHaveLength(4);
    expect(maths.pupilIds).toHaveLength(10);
    for (const id of methodology.pupilIds) {
      const { reason, detail } = plan.assignments.find((a) => a.pupilId === id)!;
      expect(reason).toMatch(/^Aide méthodologique : [^;]* ; Mathématiques : places libres, mais ce groupe en avait besoin pour atteindre son effectif minimum\.$/);
      expect(detail).toMatch(/^n°2 0,\d\d ; Mathématiques 0,\d\d( ; |$)/);
    }
    // The pupils moved are those with the weakest maths need.
    const score = (id: string) => plan.assignments.find((a) => a.pupilId === id)!;
    const mathsNeed = (id: string) => needs.find((n) => n.pupilId === id)!.needs.find((n) => n.kind === 'remediation')!.score;
    expect(Math.max(...methodology.pupilIds.map(mathsNeed))).toBeLessThanOrEqual(Math.min(...maths.pupilIds.map(mathsNeed)));
    expect(score(maths.pupilIds[0]).reason).toMatch(/^Remédiation mathématiques : \d compétences sur 8 non acquises en mathématiques[;.]/);
    // Its score is in « Besoin principal »: the team's detail gives no rank.
    expect(score(maths.pupilIds[0]).detail).not.toMatch(/n°/);
  });

  it('adds the under-estimation term (weight « selfGap ») to methodology, with its reason', () => {
    const team = { Mathématiques: [3, 3, 3, 3] as MasteryLevel[], Français: [3, 3, 4, 4] as MasteryLevel[] };
    const self = { Mathématiques: [1, 1, 1, 1] as MasteryLevel[], Français: [2, 2, 3, 3] as MasteryLevel[] };
    const methodologyOf = (withSelf: boolean, selfGap: number) => {
      const settings = settingsWith({ slots: [], teachers: [], workshopTypes: [] });
      settings.weights.selfGap = selfGap;
      const p = pupil('U', '2nde', team, withSelf ? { self } : {});
      return computeNeeds([p], comps, settings)[0].needs.find((n) => n.kind === 'methodology');
    };
    // Mean under-estimation: (2·4 + 1·2 + 1·2 + 0 + 0) / 3 / 8 = 0.5.
    const plain = methodologyOf(false, 0.5)?.score ?? 0;
    const under = methodologyOf(true, 0.5)!;
    expect(under.score).toBeCloseTo(plain + 0.5 * 0.5, 2);
    expect(under.reasons).toContain('sous-estime ses acquis : besoin de confiance');
    const doubled = methodologyOf(true, 1)!;
    expect(doubled.score).toBeCloseTo(plain + 1 * 0.5, 2);
    expect(methodologyOf(true, 0)?.score ?? 0).toBe(plain);
  });
});

describe('wishes and the main need', () => {
  it('uses the pupil’s wishes after the needs, and says so', () => {
    const monday = slot('1re', 'lundi', '10h');
    const settings = settingsWith({
      slots: [monday],
      teachers: [teacher('CPE', ['Vie scolaire'], ['methodology'], [monday]), teacher('PsyEN', ['Orientation'], ['orientation'], [monday])],
      workshopTypes: [workshop('Aide méthodologique', 'methodology', 14, 1), workshop('Orientation et projet', 'orientation', 14, 1)],
    });
    // Same results for everybody; half of them wish orientation first.
    const pupils = Array.from({ length: 8 }, (_, i) => ({
      ...pupil(`W${i}`, '1re', { Mathématiques: levels(2), Français: levels(2) }, { project: 'employment' }),
      ...(i % 2 ? { wishes: ['orientation' as const, 'methodology' as const] } : {}),
    }));
    const needs = computeNeeds(pupils, comps, settings);
    const { plan } = buildPlan({ pupils, needs, settings, pins: [], history: [] });
    for (const [i, p] of pupils.entries()) {
      const a = plan.assignments.find((x) => x.pupilId === p.id)!;
      const group = plan.groups.find((g) => g.id === a.groupId)!;
      if (i % 2) {
        expect(group.kind).toBe('orientation');
        expect(a.reason).toContain('premier vœu de l’élève');
      } else expect(a.reason).not.toContain('vœu');
    }
    // A strong need still wins over a wish.
    const strong = { ...pupil('S', '1re', { Mathématiques: levels(8), Français: levels(8) }), wishes: ['orientation' as const] };
    const alone = buildPlan({ pupils: [strong], needs: computeNeeds([strong], comps, settings), settings, pins: [], history: [] }).plan;
    expect(alone.groups[0].kind).toBe('methodology');
  });

  it('breaks a tie between equal scores by evidence, in the groups as in the ranking', () => {
    const monday = slot('2nde', 'lundi', '10h');
    const settings = settingsWith({
      slots: [monday],
      teachers: [teacher('Maths', ['Mathématiques'], ['remediation'], [monday]), teacher('Lettres', ['Français'], ['remediation'], [monday])],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques'), workshop('Remédiation Français', 'remediation', 12, 1, 'Français')],
    });
    settings.weights.evidencePrudence = 0;
    const pupils = Array.from({ length: 6 }, (_, i) =>
      pupil(`T${i}`, '2nde', i % 2 ? { Mathématiques: [1, 1, 1, 1], Français: [1, 1, 1] } : { Mathématiques: [1, 1, 1], Français: [1, 1, 1, 1] }),
    );
    const needs = computeNeeds(pupils, competencies({ Mathématiques: 4, Français: 4 }), settings);
    const { plan } = buildPlan({ pupils, needs, settings, pins: [], history: [] });
    pupils.forEach((p, i) => {
      const a = plan.assignments.find((x) => x.pupilId === p.id)!;
      expect(plan.groups.find((g) => g.id === a.groupId)?.discipline).toBe(i % 2 ? 'Mathématiques' : 'Français');
      expect(a.reason).not.toContain(';');
      expect(a.detail).not.toMatch(/n°|\d,\d/);
    });
  });

  it('ranks needs on evidence: four « non acquis » of four outweigh one of one', () => {
    const p = pupil('E', '2nde', { Mathématiques: [1, 1, 1, 1], Français: [1, 1, 1, 1], Anglais: [1] } as Record<string, MasteryLevel[]>);
    const [entry] = computeNeeds([p], competencies({ Mathématiques: 4, Français: 4, Anglais: 1 }), settingsWith({ slots: [], teachers: [], workshopTypes: [] }));
    const order = entry.needs.filter((n) => n.kind === 'remediation').map((n) => n.discipline);
    expect(order[2]).toBe('Anglais');
  });
});

describe('order of groups', () => {
  it('puts locked groups first, then one group per teacher in name order, the strongest needs in the first groups', () => {
    const types = [workshop('A', 'remediation', 2, 1, 'Mathématiques'), workshop('B', 'methodology', 3, 1)];
    const drafts = formGroups({
      types,
      forced: [{ type: 1, teacherName: 'Zoé', pupilIds: ['locked'] }],
      classTeachers: [['Alice', 'Bernard'], ['Claire']],
      classTypes: [[0], [1]],
      solution: { groups: [2, 1], use: [[2], [1]], typeOf: Int32Array.from([0, 0, 0, 0, 1, 1]), objective: 0, evaluations: 0, proven: true },
      pupilIds: ['p0', 'p1', 'p2', 'p3', 'p4', 'p5'],
      utility: (p) => [10, 40, 30, 20, 5, 6][p],
    });
    expect(drafts.map((d) => [d.type.id, d.teacherName])).toEqual([
      ['A', 'Alice'],
      ['A', 'Bernard'],
      ['B', 'Zoé'],
      ['B', 'Claire'],
    ]);
    expect(drafts[0].pupilIds).toEqual(['p1', 'p2']);
    expect(drafts[1].pupilIds).toEqual(['p3', 'p0']);
    expect(drafts[2].pupilIds[0]).toBe('locked');
    expect([...drafts[2].locked]).toEqual(['locked']);
    expect(drafts[2].pupilIds.length + drafts[3].pupilIds.length).toBe(3);
    expect(drafts[3].pupilIds.length).toBeGreaterThanOrEqual(1);
  });

  it('numbers a slot’s groups in that order in the plan', () => {
    const monday = slot('2nde', 'lundi', '10h');
    const settings = settingsWith({
      slots: [monday],
      teachers: [teacher('Bernard', ['Maths'], ['remediation'], [monday]), teacher('Alice', ['Mathématiques'], ['remediation'], [monday]), teacher('CPE', ['Vie scolaire'], ['methodology'], [monday])],
      workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 4, 1, 'Mathématiques'), workshop('Aide méthodologique', 'methodology', 14, 1)],
    });
    const pupils = Array.from({ length: 9 }, (_, i) => pupil(`O${i}`, '2nde', { Mathématiques: levels(8 - (i % 4)) }));
    const { plan } = buildPlan({ pupils, needs: computeNeeds(pupils, comps, settings), settings, pins: [], history: [] });
    expect(plan.groups.map((g) => [g.id, g.workshopTypeId, g.teacher])).toEqual([
      ['2nde-LUN10-G1', 'Remédiation Mathématiques', 'Alice'],
      ['2nde-LUN10-G2', 'Remédiation Mathématiques', 'Bernard'],
      ['2nde-LUN10-G3', 'Aide méthodologique', 'CPE'],
    ]);
    const mean = (ids: string[]) => ids.reduce((s, id) => s + plan.assignments.find((a) => a.pupilId === id)!.score, 0) / ids.length;
    expect(mean(plan.groups[0].pupilIds)).toBeGreaterThanOrEqual(mean(plan.groups[1].pupilIds));
  });
});
