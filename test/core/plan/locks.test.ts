/** Locks with a lifetime, on workshops or teachers that changed, and beyond a group's cap. */
import { describe, expect, it } from 'vitest';
import type { MasteryLevel, Pin } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import { lockLifetime } from '../../../src/core/plan/pins';
import { competencies, pupil, settingsWith, slot, teacher, workshop } from './scenario';

const comps = competencies({ Mathématiques: 4 });
const monday = slot('2nde', 'lundi', '10h');
const settings = settingsWith({
  cycle: 2,
  slots: [monday],
  teachers: [teacher('Maths A', ['Maths'], ['remediation'], [monday]), teacher('Maths B', ['Maths'], ['remediation'], [monday]), teacher('CPE', ['Vie scolaire'], ['methodology'], [monday])],
  workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 3, 1, 'Mathématiques'), workshop('Aide méthodologique', 'methodology', 14, 1)],
});
const pupils = Array.from({ length: 8 }, (_, i) => pupil(`K${i}`, '2nde', { Mathématiques: [1, 1, 2, 3] as MasteryLevel[] }));
const needs = computeNeeds(pupils, comps, settings);
const pin = (i: number, workshopTypeId: string, teacherName: string, lifetime: Pin['lifetime'] = { kind: 'once' }): Pin => ({
  pupilId: pupils[i].id,
  slotId: monday.id,
  workshopTypeId,
  teacher: teacherName,
  source: { sheet: 'AP Groupes', cell: `J${5 + i}` },
  lifetime,
});

describe('locks', () => {
  it('reads « oui », « oui (cycle 3) » and « toujours »', () => {
    expect(lockLifetime('OUI')).toEqual({ kind: 'once' });
    expect(lockLifetime('oui (cycle 3)')).toEqual({ kind: 'once', cycle: 3 });
    expect(lockLifetime('Toujours')).toEqual({ kind: 'always' });
    expect(lockLifetime('non')).toBeNull();
    expect(lockLifetime('')).toBeNull();
  });

  it('keeps no more locked pupils in a group than its cap, and says so on each extra lock’s cell', () => {
    const pins = [0, 1, 2, 3, 4].map((i) => pin(i, 'Remédiation Mathématiques', 'Maths A'));
    const { plan } = buildPlan({ pupils, needs, settings, pins, history: [] });
    for (const group of plan.groups) expect(group.pupilIds.length).toBeLessThanOrEqual(group.capacity);
    const groupA = plan.groups.find((g) => g.teacher === 'Maths A')!;
    expect(groupA.pupilIds).toEqual(pupils.slice(0, 3).map((p) => p.id));
    const extra = plan.diagnostics.filter((d) => /au-delà de l’effectif maximum \(3\)/.test(d.message));
    expect(extra.map((d) => d.cell)).toEqual(['J8', 'J9']);
    for (const i of [3, 4]) {
      const a = plan.assignments.find((x) => x.pupilId === pupils[i].id)!;
      expect(plan.groups.find((g) => g.id === a.groupId)?.workshopTypeId).toBe('Remédiation Mathématiques');
      expect(a.locked).toBe(true);
    }
  });

  it('keeps the nature and discipline of a workshop renamed in AP Ateliers, with a warning on the cell', () => {
    const { plan } = buildPlan({ pupils, needs, settings, pins: [pin(0, 'Remédiation Maths', 'Maths B', { kind: 'always' })], history: [] });
    const a = plan.assignments.find((x) => x.pupilId === pupils[0].id)!;
    expect(plan.groups.find((g) => g.id === a.groupId)?.workshopTypeId).toBe('Remédiation Mathématiques');
    expect([a.locked, a.lock]).toEqual([true, 'always']);
    expect(plan.diagnostics.find((d) => d.cell === 'J5')?.message).toMatch(/l’atelier « Remédiation Maths » n’est plus dans AP Ateliers ; l’élève garde « Remédiation Mathématiques »/);
  });

  it('places a pupil whose kept workshop cannot open by their needs, and says the lock was not applied', () => {
    const withOrientation = { ...settings, teachers: [...settings.teachers, teacher('PsyEN', ['Orientation'], ['orientation'], [monday])], workshopTypes: [...settings.workshopTypes, workshop('Orientation et projet', 'orientation', 14, 9)] };
    const { plan } = buildPlan({ pupils, needs: computeNeeds(pupils, comps, withOrientation), settings: withOrientation, pins: [pin(0, 'Orientation et projet', 'Ancien PsyEN')], history: [] });
    const a = plan.assignments.find((x) => x.pupilId === pupils[0].id)!;
    expect(a.locked).toBe(false);
    expect(plan.groups.some((g) => g.workshopTypeId === 'Orientation et projet')).toBe(false);
    expect(plan.diagnostics.filter((d) => d.cell === 'J5').map((d) => d.message)).toEqual([
      expect.stringMatching(/Ancien PsyEN n’est plus dans AP Intervenants/),
      expect.stringMatching(/^verrou non appliqué pour K0 Élève : aucun groupe « Orientation et projet » n’a pu ouvrir/),
    ]);
  });

  it('lets a lock applied to another cycle expire, and reports it', () => {
    const { plan } = buildPlan({ pupils, needs, settings, pins: [pin(0, 'Aide méthodologique', 'CPE', { kind: 'once', cycle: 1 })], history: [] });
    expect(plan.assignments.find((x) => x.pupilId === pupils[0].id)?.locked).toBe(false);
    expect(plan.diagnostics.find((d) => d.cell === 'J5')?.message).toMatch(/^verrou du cycle 1 expiré/);
    const again = buildPlan({ pupils, needs, settings, pins: [pin(0, 'Aide méthodologique', 'CPE', { kind: 'once', cycle: 2 })], history: [] }).plan;
    expect(again.assignments.find((x) => x.pupilId === pupils[0].id)?.locked).toBe(true);
  });
});
