import { describe, expect, it } from 'vitest';
import { computeHours } from '../../../src/core/hours';
import { HOURS_HEADERS, HOURS_TABLE_TITLE } from '../../../src/core/hours/labels';
import { renderCalendarSheet } from '../../../src/core/hours/calendarSheet';
import { renderHoursSheet } from '../../../src/core/hours/hoursSheet';
import { isFormula, type FormulaCell, type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';
import { isoToSerial } from '../../../src/core/dates';
import { fixtureHistory, fixturePlan, fixtureSettings, SLOT_1RE } from './fixture';
import { rowOf } from './specGrid';

function render(done = [{ teacher: 'Mme Martin', workshop: 'Remédiation Mathématiques', cycle: 1, hoursDone: 9 }]) {
  const settings = fixtureSettings();
  const hours = computeHours(fixturePlan(), settings, done, fixtureHistory());
  return { hours, settings, spec: renderHoursSheet(hours, settings) };
}

function formulas(spec: SheetSpec): { row: number; col: number; cell: FormulaCell }[] {
  return spec.cells.flatMap((line, row) => line.flatMap((cell, col) => (isFormula(cell) ? [{ row, col, cell }] : [])));
}

function styleAt(spec: SheetSpec, row: number, col: number) {
  return (spec.styles ?? [])
    .filter(({ range: r }) => row >= r.row && row < r.row + r.rowCount && col >= r.col && col < r.col + r.colCount)
    .reduce((all, s) => ({ ...all, ...s.style }), {} as Record<string, unknown>);
}

/** `$I$30:$I$44` -> first and last 0-based rows. */
function rowsOfRange(range: string): [number, number] {
  const match = /\$[A-Z]+\$(\d+):\$[A-Z]+\$(\d+)/.exec(range)!;
  return [Number(match[1]) - 1, Number(match[2]) - 1];
}

describe('AP Horaires', () => {
  it('is a marked output sheet', () => {
    const { spec } = render();
    expect(spec.name).toBe(SHEET_NAMES.hours);
    expect(spec.role).toBe('output');
    expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
  });

  it('writes formulas in English with commas and plain A1 ranges, each with the core’s value', () => {
    const { spec } = render();
    const all = formulas(spec);
    expect(all.length).toBeGreaterThan(40);
    for (const { cell } of all) {
      expect(cell.formula).toMatch(/^=/);
      expect(cell.formula).not.toMatch(/[[\];]/);
      expect(cell.value).not.toBeUndefined();
    }
  });

  it('sums the table rows exactly: every total range spans the table’s data rows', () => {
    const { spec, hours } = render();
    const header = rowOf(spec, HOURS_TABLE_TITLE) + 1;
    const first = header + 1;
    const last = first + hours.rows.length - 1;
    const sums = formulas(spec).filter(({ cell }) => /^=SUMPRODUCT\(.*,\$[IJ]\$\d+:\$[IJ]\$\d+\)$/.test(cell.formula));
    expect(sums.length).toBeGreaterThan(10);
    for (const { cell } of sums) expect(rowsOfRange(cell.formula)).toEqual([first, last]);
    expect(formulas(spec).filter(({ cell }) => /SUMIFS|COUNTIFS/.test(cell.formula))).toEqual([]);
    expect(spec.tables?.find((t) => t.name === 'AP_Horaires')?.range).toEqual({ row: header, col: 0, rowCount: hours.rows.length + 1, colCount: 11 });
    expect(spec.cells[header]).toEqual(Object.values(HOURS_HEADERS));
  });

  it('shows hours as « 12,5 h » and marks the hours done column as to fill in', () => {
    const { spec } = render();
    const header = rowOf(spec, HOURS_TABLE_TITLE) + 1;
    const row = spec.cells.findIndex((line, r) => r > header && line[2] === 'Mme Martin');
    expect(styleAt(spec, row, 8).numberFormat).toBe('0.0" h"');
    expect(styleAt(spec, row, 9)).toMatchObject({ numberFormat: '0.0" h"', fill: '#FFF2CC' });
    expect(spec.cells[row][10]).toEqual({ formula: `=IF(J${row + 1}="","",J${row + 1}-I${row + 1})`, value: -1.5 });
    expect(spec.cells[row + 1][10]).toEqual({ formula: `=IF(J${row + 2}="","",J${row + 2}-I${row + 2})`, value: '' });
  });

  it('highlights a level under or over its envelope with conditional formats', () => {
    const { spec, hours } = render();
    const levelRow = rowOf(spec, '2nde');
    const gap = spec.cells[levelRow][5] as FormulaCell;
    expect(gap.value).toBe(hours.levels.find((l) => l.level === '2nde')!.gap);
    const formats = spec.conditionalFormats!.filter((f) => f.range.col === 5 && levelRow >= f.range.row && levelRow < f.range.row + f.range.rowCount);
    expect(formats.map((f) => [f.operator, f.value])).toEqual([
      ['lessThan', 0],
      ['greaterThan', 0],
    ]);
  });

  it('shows the share of teachers involved over the school’s teaching staff, as a formula', () => {
    const { spec } = render();
    const row = rowOf(spec, "Part des enseignants de l'établissement impliqués");
    // 4 teachers with hours among the 40 teachers of the school (not among the 5 AP teachers).
    expect(spec.cells[row][1]).toMatchObject({ value: 0.1 });
    expect(spec.cells[row - 1][1]).toBe(40);
    expect((spec.cells[row][1] as FormulaCell).formula).toMatch(/^=IF\(IF\(N\(B\d+\)>0,B\d+,B\d+\)=0,0,B\d+\/IF\(N\(B\d+\)>0,B\d+,B\d+\)\)$/);
  });

  it('falls back to the AP teachers when the teaching staff is not given', () => {
    const settings = fixtureSettings();
    settings.general.teachingStaff = 0;
    const spec = renderHoursSheet(computeHours(fixturePlan(), settings, [], fixtureHistory()), settings);
    expect(spec.cells[rowOf(spec, 'Part des enseignants déclarés impliqués')][1]).toMatchObject({ value: 0.8 });
  });

  it('counts only teachers in the share: a CPE with hours is not one', () => {
    const settings = fixtureSettings();
    settings.general.teachingStaff = 0;
    settings.teachers[0] = { ...settings.teachers[0], category: 'cpe' };
    const hours = computeHours(fixturePlan(), settings, [], fixtureHistory());
    const spec = renderHoursSheet(hours, settings);
    const cpeHasHours = hours.teachers.find((t) => t.teacher === settings.teachers[0].name)!.plannedHours > 0;
    expect(cpeHasHours).toBe(true);
    expect(hours.involvement).toMatchObject({ teachers: 4, involved: 3, share: 0.75 });
    expect(spec.cells[rowOf(spec, 'Intervenants ayant des heures prévues')][1]).toMatchObject({ value: 4 });
    expect(spec.cells[rowOf(spec, 'Part des enseignants déclarés impliqués')][1]).toMatchObject({ value: 0.75 });
  });

  it('stays valid with no workshop at all: blocks keep one blank row under formulas', () => {
    const settings = fixtureSettings();
    settings.teachers = [];
    settings.slots = [];
    const hours = computeHours({ groups: [], assignments: [], unassigned: [], objective: 0, diagnostics: [] }, settings, [], []);
    const spec = renderHoursSheet(hours, settings);
    for (const { cell } of formulas(spec)) {
      for (const range of cell.formula.match(/\$[A-Z]+\$\d+:\$[A-Z]+\$\d+/g) ?? []) {
        const [a, b] = rowsOfRange(range);
        expect(b).toBeGreaterThanOrEqual(a);
      }
    }
    expect(spec.cells[rowOf(spec, "Part des enseignants de l'établissement impliqués")][1]).toMatchObject({ value: 0 });
  });
});

describe('AP Calendrier', () => {
  it('lists each workshop of each cycle and slot with dates as Excel dates in dd/mm/yyyy', () => {
    const settings = fixtureSettings();
    const hours = computeHours(fixturePlan(), settings, [], fixtureHistory());
    const spec = renderCalendarSheet(hours, settings);
    expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
    expect(spec.name).toBe(SHEET_NAMES.calendar);
    const row = spec.cells.findIndex((line) => line[0] === 2 && line[3] === SLOT_1RE && line[7] === 'Mme Petit');
    expect(spec.cells[row].slice(0, 12)).toEqual([2, 'Plan', '1re', SLOT_1RE, 'Jeudi', '10h', 'Orientation', 'Mme Petit', '', isoToSerial('2026-11-05'), isoToSerial('2026-12-17'), 5]);
    expect(styleAt(spec, row, 9).numberFormat).toBe('dd/mm/yyyy');
    expect(styleAt(spec, row, 8).fill).toBe('#FFF2CC');
    expect(spec.cells.filter((line) => line.length === 13 && line[1] === 'Prévision').length).toBe(6);
  });
});
