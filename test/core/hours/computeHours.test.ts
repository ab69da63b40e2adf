import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { computeHours, HOURS_PER_WEEKLY_HOUR, type HoursDone, type HoursResult } from '../../../src/core/hours';
import { fixtureHistory, fixturePlan, fixtureSettings, SLOT_1RE, SLOT_2NDE, SLOT_CAP } from './fixture';

const done: HoursDone[] = [
  { teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', cycle: 1, hoursDone: 9 },
  { teacher: 'm. durand', workshop: 'methodologie', cycle: 2, hoursDone: 4.5 },
  { teacher: 'Mme Petit', workshop: 'Atelier supprimé', cycle: 1, hoursDone: 3 },
];

function compute(): HoursResult {
  return computeHours(fixturePlan(), fixtureSettings(), done, fixtureHistory());
}

function row(hours: HoursResult, cycle: number, teacher: string, workshop: string, level?: string) {
  const found = hours.rows.find((r) => r.cycle === cycle && r.teacher === teacher && r.workshop === workshop && (!level || r.levels[0] === level));
  if (!found) throw new Error(`no row ${cycle} ${teacher} ${workshop}`);
  return found;
}

describe('computeHours on a hand-counted year', () => {
  it('counts sessions per slot and cycle, skipping holidays and the level’s PFMP', () => {
    const hours = compute();
    const slot = (cycle: number, slotId: string) => hours.slotHours.find((s) => s.cycle === cycle && s.slotId === slotId);
    expect(slot(1, SLOT_2NDE)?.sessions).toBe(7);
    expect(slot(1, SLOT_1RE)?.sessions).toBe(7);
    expect(slot(1, SLOT_CAP)).toBeUndefined();
    expect(slot(2, SLOT_2NDE)?.sessions).toBe(7);
    expect(slot(2, SLOT_1RE)?.sessions).toBe(5);
    expect(slot(2, SLOT_CAP)?.sessions).toBe(6);
    expect(slot(3, SLOT_2NDE)?.sessions).toBe(6);
    expect(slot(3, SLOT_1RE)?.sessions).toBe(7);
    expect(slot(3, SLOT_CAP)?.sessions).toBe(7);
  });

  it('takes past cycles from history, the current one from the plan, later ones as a labelled forecast', () => {
    const hours = compute();
    expect(hours.cycles.map((c) => [c.cycle, c.source])).toEqual([
      [1, 'history'],
      [2, 'plan'],
      [3, 'forecast'],
    ]);
    expect(row(hours, 1, 'M. Leroy', 'Approfondissement')).toMatchObject({ source: 'history', sessions: 7, plannedHours: 10.5 });
    expect(row(hours, 1, 'Mme Petit', 'Orientation')).toMatchObject({ sessions: 7, plannedHours: 14 });
    expect(hours.rows.some((r) => r.cycle === 2 && r.teacher === 'M. Durand' && r.workshop === 'Remédiation Mathématiques')).toBe(false);
    // One row per level: the same workshop in 2nde and in CAP 1 is paid and done separately.
    expect(row(hours, 2, 'Mme Martin', 'Remédiation Mathématiques', '2nde')).toMatchObject({ source: 'plan', sessions: 7, plannedHours: 10.5, slotIds: [SLOT_2NDE] });
    expect(row(hours, 2, 'Mme Martin', 'Remédiation Mathématiques', 'CAP 1')).toMatchObject({ source: 'plan', sessions: 6, plannedHours: 6, slotIds: [SLOT_CAP] });
    expect(row(hours, 3, 'Mme Martin', 'Remédiation Mathématiques', '2nde')).toMatchObject({ source: 'forecast', sessions: 6, plannedHours: 9 });
    expect(row(hours, 3, 'Mme Martin', 'Remédiation Mathématiques', 'CAP 1')).toMatchObject({ source: 'forecast', sessions: 7, plannedHours: 7 });
    expect(row(hours, 3, 'M. Durand', 'Remédiation Français')).toMatchObject({ source: 'forecast', sessions: 7, plannedHours: 14 });
  });

  it('leaves out empty groups and spells each teacher as in AP Intervenants', () => {
    const hours = compute();
    expect(row(hours, 2, 'M. Leroy', 'Approfondissement')).toMatchObject({ plannedHours: 6, payStatus: 'HSE' });
    expect(row(hours, 2, 'Mme Petit', 'Orientation')).toMatchObject({ sessions: 5, plannedHours: 10 });
    expect(hours.rows.filter((r) => r.teacher.toLowerCase() === 'm. leroy').every((r) => r.teacher === 'M. Leroy')).toBe(true);
  });

  it('applies the hours done typed before, and keeps those that match no workshop any more', () => {
    const hours = compute();
    expect(row(hours, 1, 'Mme Martin', 'Remédiation Mathématiques')).toMatchObject({ hoursDone: 9, difference: -1.5 });
    expect(row(hours, 2, 'M. Durand', 'Méthodologie')).toMatchObject({ hoursDone: 4.5, difference: -6 });
    expect(row(hours, 1, 'Mme Petit', 'Atelier supprimé')).toMatchObject({ source: 'kept', plannedHours: 0, hoursDone: 3, difference: 3 });
    expect(row(hours, 2, 'Mme Petit', 'Orientation')).toMatchObject({ hoursDone: null, difference: null });
  });

  it('totals per teacher with the HSA and HSE views and the yearly maximum', () => {
    const hours = compute();
    const teacher = (name: string) => hours.teachers.find((t) => t.teacher === name)!;
    expect(hours.teachers).toHaveLength(5);
    expect(teacher('Mme Martin')).toMatchObject({ payStatus: 'HSA', plannedHours: 43, doneHours: 9, difference: -1.5, hseHours: null, maxHours: 40, remaining: -3 });
    expect(teacher('Mme Martin').hsaWeeklyHours).toBeCloseTo(43 / HOURS_PER_WEEKLY_HOUR, 12);
    expect(teacher('M. Durand')).toMatchObject({ payStatus: 'HSE', plannedHours: 43.5, doneHours: 4.5, hseHours: 4.5, hsaWeeklyHours: null });
    expect(teacher('M. Leroy').plannedHours).toBe(23.5);
    expect(teacher('Mme Petit')).toMatchObject({ plannedHours: 38, doneHours: 3 });
    expect(teacher('M. Absent')).toMatchObject({ plannedHours: 0, remaining: null });
    expect(hours.involvement).toEqual({ teachers: 5, involved: 4, staff: 40, share: 0.1 });
  });

  it('totals per pay status: HP planned, HSA in yearly weekly hours, HSE as done', () => {
    const hours = compute();
    const [hp, hsa, hse] = hours.statuses;
    expect(hours.statuses.map((s) => s.status)).toEqual(['HP', 'HSA', 'HSE', 'Pacte']);
    // Paris (zone C), 2026-2027: 36 school weeks from the national calendar.
    expect(hours.hoursPerWeeklyHour).toBe(36);
    expect(hp).toMatchObject({ teachersInvolved: 1, plannedHours: 38, doneHours: 3, toPay: 38 });
    expect(hsa).toMatchObject({ teachersInvolved: 1, plannedHours: 43, toPay: 43 / 36 });
    expect(hse).toMatchObject({ teachersInvolved: 2, plannedHours: 67, doneHours: 4.5, toPay: 4.5 });
  });

  it('counts Pacte in half-parts covering the planned hours, and HSA over the weeks of the year', () => {
    const settings = fixtureSettings();
    settings.teachers.find((t) => t.name === 'Mme Petit')!.payStatus = 'Pacte';
    const hours = computeHours(fixturePlan(), settings, done, fixtureHistory());
    // 38 h planned, 24 h a part: 1.58 parts, rounded up to the half-part.
    expect(hours.teachers.find((t) => t.teacher === 'Mme Petit')).toMatchObject({ payStatus: 'Pacte', plannedHours: 38, pacteParts: 2 });
    expect(hours.statuses.find((s) => s.status === 'Pacte')).toMatchObject({ teachersInvolved: 1, toPay: 2 });
    settings.general.pacteHoursPerPart = 19;
    expect(computeHours(fixturePlan(), settings, done, fixtureHistory()).teachers.find((t) => t.teacher === 'Mme Petit')?.pacteParts).toBe(2);
    settings.general.pacteHoursPerPart = 20;
    expect(computeHours(fixturePlan(), settings, done, fixtureHistory()).teachers.find((t) => t.teacher === 'Mme Petit')?.pacteParts).toBe(2);
    settings.general.pacteHoursPerPart = 30;
    expect(computeHours(fixturePlan(), settings, done, fixtureHistory()).teachers.find((t) => t.teacher === 'Mme Petit')?.pacteParts).toBe(1.5);
    // A year outside the national calendar: the usual 36 weeks.
    settings.general.schoolYear = '2031-2032';
    expect(computeHours(fixturePlan(), settings, done, fixtureHistory()).hoursPerWeeklyHour).toBe(36);
    settings.general.schoolYear = '2025-2026';
    const weeks2025 = computeHours(fixturePlan(), settings, done, fixtureHistory()).hoursPerWeeklyHour;
    expect(weeks2025).toBeGreaterThanOrEqual(34);
    expect(weeks2025).toBeLessThanOrEqual(37);
  });

  it('says when a teacher is planned beyond their yearly maximum, with their cell', () => {
    const settings = fixtureSettings();
    settings.teachers.find((t) => t.name === 'Mme Martin')!.maxHours = 30;
    const hours = computeHours(fixturePlan(), settings, done, fixtureHistory());
    const warning = hours.diagnostics.find((d) => d.message.startsWith('Mme Martin :'));
    expect(warning).toMatchObject({ sheet: 'AP Intervenants', cell: 'A2' });
    expect(warning?.message).toMatch(/43 h d'AP prévues pour un maximum annuel de 30 h \(13 h de trop\)/);
  });

  it('compares the hours offered to a pupil over the year with the envelope of each level', () => {
    const hours = compute();
    expect(hours.levels).toEqual([
      { level: 'CAP 1', regime: 'CAP 2019', offeredHours: 13, forecastHours: 7, envelope: 101.5, gap: -88.5, doneHours: 0 },
      // Done: cycle 1, 9 h of 10.5 typed on a 10.5 h slot; cycle 2, 4.5 h of 10.5 on a 10.5 h slot.
      { level: '2nde', regime: 'Bac pro 2019', offeredHours: 30, forecastHours: 9, envelope: 90, gap: -60, doneHours: 13.5 },
      { level: '1re', regime: 'Bac pro 2019', offeredHours: 38, forecastHours: 14, envelope: 84, gap: -46, doneHours: 0 },
    ]);
    const gaps = hours.diagnostics.filter((d) => d.message.includes('au-delà de la tolérance'));
    expect(gaps.map((d) => d.message.split(' :')[0])).toEqual(['CAP 1', '2nde', '1re']);
    expect(gaps[1].message).toMatch(/30 h d'AP prévues par élève sur l'année pour une enveloppe de 90 h .* écart de -60 h/);
  });

  it('takes hours done per level, and a line typed without level only where it is unambiguous', () => {
    const typed: HoursDone[] = [
      { teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', level: 'CAP 1', cycle: 2, hoursDone: 5 },
      { teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', cycle: 3, hoursDone: 2 },
    ];
    const hours = computeHours(fixturePlan(), fixtureSettings(), typed, fixtureHistory());
    expect(row(hours, 2, 'Mme Martin', 'Remédiation Mathématiques', 'CAP 1').hoursDone).toBe(5);
    expect(row(hours, 2, 'Mme Martin', 'Remédiation Mathématiques', '2nde').hoursDone).toBeNull();
    // Two levels in cycle 3: the line without level cannot be split, it is kept apart and said.
    expect(hours.rows.find((r) => r.cycle === 3 && r.source === 'kept')).toMatchObject({ teacher: 'Mme Martin', hoursDone: 2, levels: [] });
  });

  it('builds the calendar with first and last session dates and the rooms typed before', () => {
    const rooms = [
      { cycle: 1, slotId: SLOT_2NDE, teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', room: 'B12' },
      { cycle: 2, slotId: SLOT_1RE, teacher: 'Mme Petit', workshop: 'Orientation', room: 'CDI' },
    ];
    const hours = computeHours(fixturePlan(), fixtureSettings(), [], fixtureHistory(), rooms);
    const entry = (cycle: number, slotId: string, teacher: string) => hours.calendar.find((e) => e.cycle === cycle && e.slotId === slotId && e.teacher === teacher)!;
    expect(entry(2, SLOT_1RE, 'Mme Petit')).toMatchObject({ firstDate: '2026-11-05', lastDate: '2026-12-17', sessions: 5, room: 'CDI', day: 'Jeudi' });
    expect(entry(2, SLOT_2NDE, 'Mme Martin')).toMatchObject({ firstDate: '2026-11-03', lastDate: '2026-12-15', sessions: 7, room: 'B12' });
    expect(entry(3, SLOT_2NDE, 'Mme Martin')).toMatchObject({ source: 'forecast', lastDate: '2027-02-16', sessions: 6, room: 'B12' });
    expect(entry(2, SLOT_CAP, 'M. Leroy').room).toBe('');
    expect(hours.calendar.map((e) => e.cycle)).toEqual([...hours.calendar.map((e) => e.cycle)].sort());
  });

  it('reports, in French with the sheet, what it could not count', () => {
    const messages = compute().diagnostics.map((d) => `${d.sheet}: ${d.message}`);
    expect(messages.some((m) => m.startsWith('AP Paramètres:') && m.includes('« Ancienne barrette »'))).toBe(true);
    expect(messages.some((m) => m.startsWith('AP Historique:') && m.includes('ateliers des cycles 2 :'))).toBe(true);
    expect(messages.some((m) => m.startsWith('AP Horaires:') && m.includes('Atelier supprimé'))).toBe(true);
  });

  it('estimates sessions from « Semaines par cycle » when a cycle has no dates, and says so', () => {
    const settings = fixtureSettings();
    settings.cycles = settings.cycles.filter((c) => c.cycle !== 3);
    settings.cycles.push({ cycle: 4, start: '2027-03-01', end: '2027-04-16' });
    const hours = computeHours(fixturePlan(), settings, [], fixtureHistory());
    expect(hours.cycles.map((c) => c.cycle)).toEqual([1, 2, 4]);
    settings.general.cycle = 3;
    const later = computeHours(fixturePlan(), settings, [], fixtureHistory());
    const entry = later.calendar.find((e) => e.cycle === 3)!;
    expect(entry).toMatchObject({ sessions: 7, estimated: true, firstDate: null });
    expect(later.diagnostics.some((d) => d.message.includes('dates du cycle 3 absentes'))).toBe(true);
  });

  it('leaves the gap empty when the regime’s envelope is still to fill in', () => {
    const settings = fixtureSettings();
    settings.general.regime = 'Bac pro 2024 (soutien au parcours)';
    // 2nde has its (to be confirmed) 30 h; terminale's « parcours personnalisé » has no figure yet.
    settings.slots.push({ ...settings.slots[0], id: 'Tle lundi', level: 'Tle', day: 'lundi' });
    const levels = computeHours(fixturePlan(), settings, [], []).levels;
    expect(levels.find((l) => l.level === '2nde')).toMatchObject({ envelope: 30, regime: 'Bac pro 2024 (soutien au parcours)' });
    expect(levels.find((l) => l.level === 'Tle')).toMatchObject({ envelope: null, gap: null });
  });
});

describe('computeHours invariants', () => {
  const doneArb = fc.array(
    fc.record({
      teacher: fc.constantFrom('Mme Martin', 'M. Durand', 'Mme Petit', 'M. Inconnu'),
      workshop: fc.constantFrom('Remédiation Mathématiques', 'Méthodologie', 'Orientation', 'Autre'),
      cycle: fc.integer({ min: 1, max: 3 }),
      hoursDone: fc.integer({ min: 0, max: 40 }).map((n) => n / 2),
    }),
    { maxLength: 8 },
  );

  it('totals add up whatever hours were typed, and the result is deterministic', () => {
    fc.assert(
      fc.property(doneArb, fc.integer({ min: 1, max: 3 }), (typed, cycle) => {
        const settings = fixtureSettings();
        settings.general.cycle = cycle;
        const hours = computeHours(fixturePlan(), settings, typed, fixtureHistory());
        const rowsPlanned = hours.rows.reduce((t, r) => t + r.plannedHours, 0);
        const rowsDone = hours.rows.reduce((t, r) => t + (r.hoursDone ?? 0), 0);
        const typedDone = typed.reduce((t, d) => t + d.hoursDone, 0);
        expect(hours.teachers.reduce((t, x) => t + x.plannedHours, 0)).toBeCloseTo(rowsPlanned, 9);
        expect(hours.statuses.reduce((t, x) => t + x.plannedHours, 0)).toBeCloseTo(rowsPlanned, 9);
        expect(rowsDone).toBeCloseTo(typedDone, 9);
        for (const level of hours.levels) {
          const slots = hours.slotHours.filter((s) => s.level === level.level);
          expect(level.offeredHours).toBeCloseTo(slots.reduce((t, s) => t + s.hours, 0), 9);
        }
        expect(computeHours(fixturePlan(), settings, typed, fixtureHistory())).toEqual(hours);
      }),
      { numRuns: 60 },
    );
  });
});
