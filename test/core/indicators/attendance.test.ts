import { describe, expect, it } from 'vitest';
import { buildRectoratExport } from '../../../src/core/export';
import type { Grid } from '../../../src/core/grid';
import { computeIndicators } from '../../../src/core/indicators';
import { FOLLOW_UP_SHEET, readAttendance } from '../../../src/core/indicators/attendance';
import { buildSchool } from './fixtures';

function followUp(values: Grid['values']): Grid {
  return { sheet: FOLLOW_UP_SHEET, origin: { row: 0, col: 0 }, values };
}

describe('attendance from the follow-up sheet AP Suivi', () => {
  const { input, settings } = buildSchool();
  const [first, second, third] = input.pupils.filter((p) => p.level === input.pupils[0].level);
  const grid = followUp([
    ['Suivi des ateliers'],
    ['Élève', 'Cycle', '08/09', '15/09', '22/09', '29/09'],
    [first.displayName.toUpperCase(), 1, 'P', 'p', 'A', 'R'],
    [second.displayName, 1, 'E', 'P', '', '?'],
    [third.displayName, 1, '', '', '', ''],
    ['Quelqu’un d’inconnu', 1, 'A', 'A', 'A', 'A'],
  ]);

  it('reads P/A/R/E per pupil and cycle, ignoring blanks and other marks', () => {
    const { records, diagnostics } = readAttendance({ grids: [grid] });
    expect(diagnostics).toEqual([]);
    expect(records[0]).toEqual({ pupil: first.displayName.toUpperCase(), cycle: 1, marks: { P: 2, A: 1, R: 1, E: 0 } });
    expect(records[1].marks).toEqual({ P: 1, A: 0, R: 0, E: 1 });
  });

  it('gives per level the pupils followed and the share of sessions attended', () => {
    const ind = computeIndicators({ ...input, attendance: readAttendance({ grids: [grid] }).records });
    const table = ind.tables.find((t) => t.id === 'attendance')!;
    const col = table.columns.findIndex((c) => c.key === first.level);
    expect(table.rows.find((r) => r.key === 'followed')!.cells[col]).toBe(2);
    // (2 P + 1 R) + (1 P) present out of 4 + 2 marked sessions.
    expect(table.rows.find((r) => r.key === 'presence')!.cells[col]).toEqual({ num: 4, den: 6 });
    expect(table.note).toMatch(/AP Suivi/);
  });

  it('is absent without the sheet, says when its headers are missing, and stays out of the rectorat export', () => {
    expect(computeIndicators(input).tables.some((t) => t.id === 'attendance')).toBe(false);
    expect(readAttendance({ grids: [followUp([['Nom', 'Séance 1']])] }).diagnostics[0].message).toMatch(/« Élève » et « Cycle »/);
    const ind = computeIndicators({ ...input, attendance: readAttendance({ grids: [grid] }).records });
    expect(buildRectoratExport(ind, settings, { exportDate: '2026-11-20' }).csv).not.toMatch(/attendance|séances suivies/);
  });
});
