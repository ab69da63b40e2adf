/**
 * The hours sheets written to a real .xlsx, recalculated by LibreOffice: every formula must give the
 * value the core computed, none may end in an error, and totals must follow an edited « hours done ».
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { isoToSerial, serialToIso } from '../../src/core/dates';
import { computeHours, readHoursDone, type HoursDone } from '../../src/core/hours';
import { HOURS_HEADERS, HOURS_TABLE_TITLE } from '../../src/core/hours/labels';
import { renderCalendarSheet } from '../../src/core/hours/calendarSheet';
import { renderHoursSheet } from '../../src/core/hours/hoursSheet';
import { isFormula, type SheetSpec } from '../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../src/core/workbook';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { fixtureHistory, fixturePlan, fixtureSettings } from '../core/hours/fixture';
import { isErrorValue, loadWorkbook, readCells, recalculate, type ReadCell } from './recalc';

const typed: HoursDone[] = [
  { teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', level: '2nde', cycle: 1, hoursDone: 9 },
  { teacher: 'Mme Petit', workshop: 'Orientation', level: '1re', cycle: 1, hoursDone: 14 },
  { teacher: 'M. Leroy', workshop: 'Atelier supprimé', cycle: 1, hoursDone: 2 },
];
/** The edit made in the file before recalculation: hours done for a row that had none. */
const edit: HoursDone = { teacher: 'M. Durand', workshop: 'Méthodologie', level: '2nde', cycle: 2, hoursDone: 6.5 };

function specs(done: HoursDone[]): { hours: SheetSpec; calendar: SheetSpec } {
  const settings = fixtureSettings();
  // A group with no teacher yet: its row goes under « (à désigner) » with an unknown pay status.
  const plan = fixturePlan();
  plan.groups.push({ ...plan.groups[0], id: '2nde-G9', workshopTypeId: 'Oral', teacher: '' });
  const result = computeHours(plan, settings, done, fixtureHistory());
  return { hours: renderHoursSheet(result, settings), calendar: renderCalendarSheet(result, settings) };
}

/** A copy of the spec with `edit` typed in its hours done cell; formulas keep their old cached values. */
function withEdit(spec: SheetSpec): SheetSpec {
  const header = spec.cells.findIndex((_, r) => r > 0 && spec.cells[r - 1][0] === HOURS_TABLE_TITLE);
  const cols = Object.values(HOURS_HEADERS) as string[];
  const at = (name: string) => cols.indexOf(name);
  const row = spec.cells.findIndex(
    (line, r) => r > header && line[at(HOURS_HEADERS.cycle)] === edit.cycle && line[at(HOURS_HEADERS.teacher)] === edit.teacher && line[at(HOURS_HEADERS.workshop)] === edit.workshop,
  );
  const cells = spec.cells.map((line) => [...line]);
  cells[row][at(HOURS_HEADERS.done)] = edit.hoursDone;
  return { ...spec, cells };
}

function formulaCells(spec: SheetSpec) {
  return spec.cells.flatMap((line, row) => line.flatMap((cell, col) => (isFormula(cell) ? [{ row, col, cell }] : [])));
}

function byPosition(cells: ReadCell[]): Map<string, ReadCell> {
  return new Map(cells.map((c) => [`${c.row},${c.col}`, c]));
}

/** Every formula of the spec, recalculated, equals the value the core computed. */
function expectSameResults(spec: SheetSpec, read: ReadCell[]): number {
  const cells = byPosition(read);
  let compared = 0;
  for (const { row, col, cell } of formulaCells(spec)) {
    const got = cells.get(`${row},${col}`);
    expect(got?.formula, `formule en ${row},${col}`).toBe(cell.formula.slice(1));
    if (typeof cell.value === 'number') expect(got?.value, `${got?.address} ${cell.formula}`).toBeCloseTo(cell.value, 9);
    else expect(got?.value, `${got?.address} ${cell.formula}`).toBe(cell.value);
    compared++;
  }
  return compared;
}

describe('LibreOffice recalculation of AP Horaires and AP Calendrier', () => {
  const original = specs(typed);
  const expected = specs([...typed, edit]);
  const edited = withEdit(original.hours);
  let recalculated: Record<string, Uint8Array>;

  beforeAll(async () => {
    const files = {
      original: await writeXlsx([original.hours, original.calendar]),
      edited: await writeXlsx([edited, original.calendar]),
    };
    recalculated = await recalculate(files);
  });

  it('gives every formula the value the core computed', async () => {
    const workbook = await loadWorkbook(recalculated.original);
    const compared = expectSameResults(original.hours, readCells(workbook, SHEET_NAMES.hours));
    expect(compared).toBe(formulaCells(original.hours).length);
    expect(compared).toBeGreaterThan(50);
    expect(original.hours.cells.some((line) => line[0] === 'inconnu')).toBe(true);
  });

  it('leaves no cell in error in either sheet', async () => {
    for (const bytes of Object.values(recalculated)) {
      const workbook = await loadWorkbook(bytes);
      for (const sheet of [SHEET_NAMES.hours, SHEET_NAMES.calendar]) {
        const errors = readCells(workbook, sheet).filter((c) => isErrorValue(c.value));
        expect(errors.map((c) => `${sheet}!${c.address} ${c.value}`)).toEqual([]);
      }
    }
  });

  it('recomputes the totals live after an hours done cell is edited', async () => {
    // The edited file still caches the old totals: only a real recalculation can give the new ones.
    const stale = formulaCells(edited).filter(({ row, col, cell }) => cell.value !== (expected.hours.cells[row][col] as { value?: unknown }).value);
    expect(stale.length).toBeGreaterThanOrEqual(6);
    const workbook = await loadWorkbook(recalculated.edited);
    expect(expectSameResults(expected.hours, readCells(workbook, SHEET_NAMES.hours))).toBe(formulaCells(expected.hours).length);
  });

  it('keeps hours as « 0.0 h » and calendar dates as dd/mm/yyyy dates through the file', async () => {
    const workbook = await loadWorkbook(recalculated.original);
    const hoursSheet = workbook.getWorksheet(SHEET_NAMES.hours)!;
    const header = original.hours.cells.findIndex((_, r) => r > 0 && original.hours.cells[r - 1][0] === HOURS_TABLE_TITLE);
    expect(hoursSheet.getCell(header + 2, 9).numFmt).toBe('0.0" h"');
    const calendar = workbook.getWorksheet(SHEET_NAMES.calendar)!;
    const specRow = original.calendar.cells.findIndex((line) => typeof line[9] === 'number');
    const date = calendar.getCell(specRow + 1, 10);
    expect(date.numFmt).toBe('dd/mm/yyyy');
    const value = date.value instanceof Date ? isoToSerial(date.value.toISOString().slice(0, 10)) : date.value;
    expect(serialToIso(Number(value))).toBe(serialToIso(original.calendar.cells[specRow][9] as number));
  });

  it('reads the edited hours done back from the recalculated file, for the next generation', async () => {
    const snapshot = await readXlsx(recalculated.edited);
    const read = readHoursDone(snapshot);
    expect(read.diagnostics).toEqual([]);
    expect(read.entries).toEqual(expect.arrayContaining([...typed, edit]));
    expect(read.entries).toHaveLength(typed.length + 1);
  });
});

/** Names that SUMIFS / COUNTIFS would read as patterns or operators (issue 13, class 8). */
const WILDCARD_NAMES: Record<string, string> = {
  'Mme Martin': 'Prof à recruter ?',
  'M. Durand': '*',
  'Mme Petit': '~Petit*',
  'M. Leroy': '<>Prof à recruter ?',
  'M. Absent': '=*',
};

/** The same school with every teacher renamed: through JSON, so plan, history and typed hours agree. */
function renamed<T>(value: T): T {
  let text = JSON.stringify(value);
  for (const [from, to] of Object.entries(WILDCARD_NAMES)) text = text.split(JSON.stringify(from)).join(JSON.stringify(to));
  return JSON.parse(text) as T;
}

describe('LibreOffice recalculation with wildcard-like teacher names', () => {
  const settings = renamed(fixtureSettings());
  // One Pacte teacher, so that the parts formula is recalculated too.
  settings.teachers.find((t) => t.name === WILDCARD_NAMES['Mme Petit'])!.payStatus = 'Pacte';
  const result = computeHours(renamed(fixturePlan()), settings, renamed(typed), renamed(fixtureHistory()));
  const hours = renderHoursSheet(result, settings);
  let workbook: Awaited<ReturnType<typeof loadWorkbook>>;

  beforeAll(async () => {
    const { file } = await recalculate({ file: await writeXlsx([hours]) });
    workbook = await loadWorkbook(file);
  });

  it('gives every total the value the core computed, and no error', () => {
    expect(result.teachers.map((t) => t.teacher)).toEqual(expect.arrayContaining(Object.values(WILDCARD_NAMES)));
    // Each teacher keeps their own hours: « * » is not everybody, « Prof à recruter ? » not a pattern.
    const star = result.teachers.find((t) => t.teacher === '*')!;
    expect(star.plannedHours).toBeLessThan(result.teachers.reduce((t, x) => t + x.plannedHours, 0));
    expect(result.teachers.find((t) => t.payStatus === 'Pacte')?.pacteParts).toBeGreaterThan(0);
    const cells = readCells(workbook, SHEET_NAMES.hours);
    expect(expectSameResults(hours, cells)).toBe(formulaCells(hours).length);
    expect(cells.filter((c) => isErrorValue(c.value)).map((c) => c.address)).toEqual([]);
  });
});
