import { describe, expect, it } from 'vitest';
import type { Grid, WorkbookSnapshot } from '../../../src/core/grid';
import { computeHours, readHoursDone, readRooms } from '../../../src/core/hours';
import { CALENDAR_HEADERS, HOURS_HEADERS } from '../../../src/core/hours/labels';
import type { HistoryEntry, Plan } from '../../../src/core/model';
import { renderCalendarSheet } from '../../../src/core/hours/calendarSheet';
import { renderHoursSheet } from '../../../src/core/hours/hoursSheet';
import { fixturePlan, fixtureSettings } from './fixture';
import { specToGrid } from './specGrid';

const HEADERS = Object.values(HOURS_HEADERS) as string[];

/** Type a value in the hours done cell of a row of the table, as the coordinator would. */
function typeDone(grid: Grid, cycle: number, teacher: string, workshop: string, value: unknown, level?: string): void {
  const header = grid.values.findIndex((line) => line[0] === HOURS_HEADERS.cycle && line[2] === HOURS_HEADERS.teacher);
  const col = (name: string) => HEADERS.indexOf(name);
  const row = grid.values.findIndex(
    (line, r) => r > header && line[col(HOURS_HEADERS.cycle)] === cycle && line[col(HOURS_HEADERS.teacher)] === teacher && line[col(HOURS_HEADERS.workshop)] === workshop && (!level || line[col(HOURS_HEADERS.levels)] === level),
  );
  if (row < 0) throw new Error(`no row ${cycle} ${teacher} ${workshop}`);
  grid.values[row][col(HOURS_HEADERS.done)] = value as never;
}

/** What AP Historique holds after generating a cycle: one entry per pupil of each group. */
function historyOf(plan: Plan, cycle: number): HistoryEntry[] {
  return plan.groups.flatMap((g) =>
    g.pupilIds.map((pupilId) => ({ cycle, pupilId, pupilName: pupilId, className: '', level: g.level, slotId: g.slotId, workshopTypeId: g.workshopTypeId, kind: g.kind, teacher: g.teacher })),
  );
}

describe('readHoursDone', () => {
  it('reads back the hours done written in the sheet', () => {
    const settings = fixtureSettings();
    const done = [
      { teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', level: 'CAP 1', cycle: 2, hoursDone: 12.5 },
      { teacher: 'M. Durand', workshop: 'Méthodologie', level: '2nde', cycle: 3, hoursDone: 3 },
    ];
    const spec = renderHoursSheet(computeHours(fixturePlan(), settings, done, []), settings);
    const read = readHoursDone({ grids: [specToGrid(spec)] });
    expect(read.diagnostics).toEqual([]);
    expect(read.entries).toEqual(done);
  });

  it('keeps the hours done of past cycles when the next cycle is generated', () => {
    // Cycle 1 is generated, the coordinator types the hours done, then cycle 2 is generated.
    const settings = fixtureSettings();
    settings.general.cycle = 1;
    const plan1 = fixturePlan();
    const sheet1 = specToGrid(renderHoursSheet(computeHours(plan1, settings, [], []), settings));
    typeDone(sheet1, 1, 'Mme Martin', 'Remédiation Mathématiques', 10, '2nde');
    typeDone(sheet1, 1, 'M. Durand', 'Méthodologie', '10,5');
    typeDone(sheet1, 2, 'Mme Petit', 'Orientation', 2);

    settings.general.cycle = 2;
    const plan2 = fixturePlan();
    plan2.groups = plan2.groups.filter((g) => g.teacher !== 'M. Durand');
    const { entries } = readHoursDone({ grids: [sheet1] });
    const hours = computeHours(plan2, settings, entries, historyOf(plan1, 1));
    const sheet2 = specToGrid(renderHoursSheet(hours, settings));

    expect(readHoursDone({ grids: [sheet2] }).entries).toEqual([
      { teacher: 'M. Durand', workshop: 'Méthodologie', level: '2nde', cycle: 1, hoursDone: 10.5 },
      { teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', level: '2nde', cycle: 1, hoursDone: 10 },
      { teacher: 'Mme Petit', workshop: 'Orientation', level: '1re', cycle: 2, hoursDone: 2 },
    ]);
    const martin = hours.rows.filter((r) => r.cycle === 1 && r.teacher === 'Mme Martin');
    expect(martin.map((r) => [r.levels[0], r.plannedHours, r.hoursDone])).toEqual([
      ['CAP 1', 7, null],
      ['2nde', 10.5, 10],
    ]);
    expect(martin[1]).toMatchObject({ source: 'history', difference: -0.5 });
  });

  it('reports unreadable hours with their cell and ignores them', () => {
    const settings = fixtureSettings();
    const grid = specToGrid(renderHoursSheet(computeHours(fixturePlan(), settings, [], []), settings));
    typeDone(grid, 2, 'Mme Petit', 'Orientation', 'douze');
    const read = readHoursDone({ grids: [grid] });
    expect(read.entries).toEqual([]);
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0]).toMatchObject({ severity: 'warning', sheet: 'AP Horaires' });
    expect(read.diagnostics[0].cell).toMatch(/^J\d+$/);
    expect(read.diagnostics[0].message).toContain('« douze »');
  });

  it('reads hours done as a person writes them (« 10h30 », « 630 min »), and refuses a negative figure', () => {
    const settings = fixtureSettings();
    const grid = specToGrid(renderHoursSheet(computeHours(fixturePlan(), settings, [], []), settings));
    typeDone(grid, 2, 'Mme Petit', 'Orientation', '10h30');
    const read = readHoursDone({ grids: [grid] });
    expect(read.entries).toEqual([expect.objectContaining({ teacher: 'Mme Petit', cycle: 2, hoursDone: 10.5 })]);
    typeDone(grid, 2, 'Mme Petit', 'Orientation', '630 min');
    expect(readHoursDone({ grids: [grid] }).entries[0].hoursDone).toBe(10.5);
    typeDone(grid, 2, 'Mme Petit', 'Orientation', '-3');
    expect(readHoursDone({ grids: [grid] })).toMatchObject({ entries: [], diagnostics: [{ message: expect.stringContaining('« -3 » illisibles (il faut au moins 0 h') }] });
  });

  it('reads nothing from a sheet of that name the add-in did not write', () => {
    const snapshot: WorkbookSnapshot = { grids: [{ sheet: 'AP Horaires', origin: { row: 0, col: 0 }, values: [['Mes heures'], HEADERS, [1, '', 'X', 'HP', 'Y', '', '', 1, 1, 5]] }] };
    const read = readHoursDone(snapshot);
    expect(read.entries).toEqual([]);
    expect(read.diagnostics).toEqual([]); // the pipeline reports such a sheet once
    expect(readHoursDone({ grids: [] })).toEqual({ entries: [], diagnostics: [] });
  });
});

describe('readRooms', () => {
  it('reads back the rooms typed in AP Calendrier and carries them to the next generation', () => {
    const settings = fixtureSettings();
    const grid = specToGrid(renderCalendarSheet(computeHours(fixturePlan(), settings, [], []), settings));
    const roomCol = Object.values(CALENDAR_HEADERS).indexOf(CALENDAR_HEADERS.room);
    const row = grid.values.findIndex((line) => line[0] === 2 && line[7] === 'Mme Petit');
    grid.values[row][roomCol] = 'CDI';
    const { entries } = readRooms({ grids: [grid] });
    expect(entries).toEqual([{ cycle: 2, slotId: String(grid.values[row][3]), teacher: 'Mme Petit', workshop: 'Orientation', room: 'CDI' }]);
    const next = computeHours(fixturePlan(), settings, [], [], entries);
    expect(next.calendar.filter((e) => e.teacher === 'Mme Petit').map((e) => [e.cycle, e.room])).toEqual([
      [2, 'CDI'],
      [3, 'CDI'],
    ]);
  });
});
