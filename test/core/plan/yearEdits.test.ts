/**
 * A school year through the pipeline with the edits a coordinator makes between cycles (issue 21):
 * hours done typed, the « (à compléter) » teachers named after cycle 1, a mid-year rename of a teacher
 * locked « toujours », a barrette made longer and another renamed. Who is who stays, and what was
 * planned and done in ended cycles never changes.
 */
import { countsAsTeacher } from '../../../src/core/settings/staff';
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { HOURS_HEADERS } from '../../../src/core/hours/labels';
import { NO_TEACHER } from '../../../src/core/hours/workshops';
import type { HoursResult } from '../../../src/core/hours/types';
import { generate, type Generation } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-09-20';

function values(gateway: MemoryGateway, sheet: string) {
  return gateway.current().grids.find((g) => g.sheet === sheet)!.values;
}

async function run(gateway: MemoryGateway, cycle: number): Promise<Generation> {
  // The first generation creates `AP Paramètres` (cycle 1 by default).
  const row = cycle > 1 ? values(gateway, SHEET_NAMES.parameters).findIndex((r) => r[0] === 'Cycle à générer') : -1;
  if (row >= 0) gateway.setCell(SHEET_NAMES.parameters, row, 1, cycle);
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

/** Every cell of a sheet equal to `from` becomes `to` (a name typed over, wherever it appears). */
function retype(gateway: MemoryGateway, sheet: string, from: string, to: string | number): number {
  let count = 0;
  values(gateway, sheet).forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell !== from) return;
      gateway.setCell(sheet, r, c, to);
      count++;
    }),
  );
  return count;
}

/** Types, for every row of a cycle in `AP Horaires`, its planned hours as done; returns the total typed. */
function typeHoursDone(gateway: MemoryGateway, cycle: number): number {
  const sheet = values(gateway, SHEET_NAMES.hours);
  const header = sheet.findIndex((line) => line[0] === HOURS_HEADERS.cycle && line[2] === HOURS_HEADERS.teacher);
  const col = (name: string) => sheet[header].indexOf(name);
  let total = 0;
  for (let r = header + 1; r < sheet.length && typeof sheet[r][0] === 'number'; r++) {
    if (sheet[r][0] !== cycle) continue;
    const planned = Number(sheet[r][col(HOURS_HEADERS.planned)]);
    gateway.setCell(SHEET_NAMES.hours, r, col(HOURS_HEADERS.done), planned);
    total += planned;
  }
  return total;
}

/** Planned and done hours of a cycle, per teacher, workshop and level. */
function cycleHours(hours: HoursResult, cycle: number) {
  return hours.rows
    .filter((r) => r.cycle === cycle)
    .map((r) => ({ teacher: r.teacher, workshop: r.workshop, levels: r.levels, slots: r.slotIds, planned: r.plannedHours, done: r.hoursDone }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

/** No teacher anywhere that `AP Intervenants` does not declare (a group without teacher aside). */
function expectOnlyDeclaredTeachers(generation: Generation): void {
  const declared = new Set([...generation.analysis.settings.teachers.map((t) => t.name), NO_TEACHER]);
  const named = [
    ...generation.hours.rows.map((r) => r.teacher),
    ...generation.hours.teachers.map((t) => t.teacher),
    ...generation.hours.calendar.map((e) => e.teacher),
    ...generation.history.map((h) => h.teacher),
    ...generation.plan.groups.map((g) => g.teacher),
  ];
  expect([...new Set(named)].filter((name) => !declared.has(name))).toEqual([]);
  // The involvement counts teachers only (CPE, PsyEN… are counted apart).
  expect(generation.hours.involvement.teachers).toBe(generation.analysis.settings.teachers.filter(countsAsTeacher).length);
}

describe('a year of edits between cycles', () => {
  it('keeps who is who and the past as it was', { timeout: 180_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway, 1);
    const typed = typeHoursDone(gateway, 1);
    expect(typed).toBeGreaterThan(100);

    // The « (à compléter) » teachers are named while preparing cycle 2.
    const placeholders = first.analysis.settings.teachers.filter((t) => t.name.includes('(à compléter)'));
    expect(placeholders.length).toBeGreaterThan(4);
    placeholders.forEach((t, i) => retype(gateway, SHEET_NAMES.teachers, t.name, `Mme Nom${i + 1}`));
    const second = await run(gateway, 2);
    expectOnlyDeclaredTeachers(second);
    const cycle1 = cycleHours(second.hours, 1);
    expect(cycle1.reduce((t, r) => t + (r.done ?? 0), 0)).toBeCloseTo(typed, 6);
    expect(second.hours.rows.filter((r) => r.cycle === 1).every((r) => r.source === 'history' && r.payStatus !== null)).toBe(true);
    expect(second.hours.statuses.some((s) => s.status === null)).toBe(false);

    // A mid-year rename of a teacher locked « toujours ».
    const groups = values(gateway, SHEET_NAMES.groups);
    const header = groups.findIndex((line) => line.includes('Verrou'));
    const teacherCol = groups[header].indexOf('Intervenant');
    const lockRow = groups.findIndex((line, r) => r > header && typeof line[teacherCol] === 'string' && String(line[teacherCol]).startsWith('Mme Nom'));
    const lockedTeacher = String(groups[lockRow][teacherCol]);
    const lockedPupil = String(groups[lockRow][groups[header].indexOf('Élève')]);
    gateway.setCell(SHEET_NAMES.groups, lockRow, groups[header].indexOf('Verrou'), 'toujours');
    const third = await run(gateway, 3);
    const renamedTo = `${lockedTeacher}-MARTIN`;
    expect(retype(gateway, SHEET_NAMES.teachers, lockedTeacher, renamedTo)).toBe(1);
    const fourth = await run(gateway, 4);
    expectOnlyDeclaredTeachers(fourth);
    const pupil = fourth.analysis.read.pupils.find((p) => p.displayName === lockedPupil)!;
    const kept = fourth.plan.assignments.find((a) => a.pupilId === pupil.id && a.locked)!;
    expect(fourth.plan.groups.find((g) => g.id === kept.groupId)?.teacher).toBe(renamedTo);
    const status = (g: Generation, name: string) => g.hours.teachers.find((t) => t.teacher === name);
    expect(status(fourth, renamedTo)?.payStatus).toBe(status(third, lockedTeacher)?.payStatus);
    expect(status(fourth, renamedTo)?.doneHours).toBe(status(third, lockedTeacher)?.doneHours);
    expect(status(fourth, lockedTeacher)).toBeUndefined();

    // The past as it was at cycle 4, under today's names.
    const asNow = (rows: ReturnType<typeof cycleHours>) => rows.map((r) => ({ ...r, teacher: r.teacher === lockedTeacher ? renamedTo : r.teacher }));
    const past = [1, 2, 3].map((c) => asNow(cycleHours(third.hours, c)).map((r) => (c === 3 ? { ...r, done: null } : r)));
    expect([1, 2, 3].map((c) => cycleHours(fourth.hours, c))).toEqual(past);

    // The 2nde barrette made longer, the 1re barrette renamed (timetable change) while preparing cycle 5.
    const [longer, renamed] = fourth.analysis.settings.slots;
    const params = values(gateway, SHEET_NAMES.parameters);
    const longerRow = params.findIndex((line) => line[0] === longer.id);
    gateway.setCell(SHEET_NAMES.parameters, longerRow, 4, longer.durationHours + 0.25);
    const newSlot = `${renamed.level} lundi 15h`;
    retype(gateway, SHEET_NAMES.parameters, renamed.id, newSlot);
    retype(gateway, SHEET_NAMES.teachers, renamed.id, newSlot);
    const fifth = await run(gateway, 5);
    expectOnlyDeclaredTeachers(fifth);
    const slotsNow = (rows: ReturnType<typeof cycleHours>) => rows.map((r) => ({ ...r, slots: r.slots.map((s) => (s === renamed.id ? newSlot : s)) }));
    const before = [1, 2, 3, 4].map((c) => slotsNow(cycleHours(fourth.hours, c)).map((r) => (c === 4 ? { ...r, done: null } : r)));
    expect([1, 2, 3, 4].map((c) => cycleHours(fifth.hours, c))).toEqual(before);
    expect(fifth.hours.rows.some((r) => r.source === 'kept')).toBe(false);
    // Past calendar rows of the renamed barrette stay, under its new name; the new duration applies from cycle 5.
    const calendarOf = (g: Generation, slotId: string, cycle: number) => g.hours.calendar.filter((e) => e.slotId === slotId && e.cycle === cycle);
    expect(calendarOf(fifth, newSlot, 2).length).toBe(calendarOf(fourth, renamed.id, 2).length);
    expect(calendarOf(fifth, newSlot, 2).length).toBeGreaterThan(0);
    expect(fifth.hours.slotHours.find((s) => s.slotId === longer.id && s.cycle === 4)?.durationHours).toBe(longer.durationHours);
    expect(fifth.hours.slotHours.find((s) => s.slotId === longer.id && s.cycle === 5)?.durationHours).toBe(longer.durationHours + 0.25);
    expect(fifth.diagnostics.some((d) => d.severity === 'info' && d.message.includes(`Barrette « ${longer.id} »`) && /à partir du cycle 5/.test(d.message))).toBe(true);
    const note = values(gateway, SHEET_NAMES.hours).flat().find((cell) => typeof cell === 'string' && cell.includes('figées'));
    expect(note).toMatch(/Cycles 1, 2, 3, 4 terminés/);
  });
});
