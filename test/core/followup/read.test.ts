/** Reading `AP Suivi` back: what cannot be understood is said in French, with the sheet and the cell, and kept as typed. */
import { describe, expect, it } from 'vitest';
import { readFollowUp } from '../../../src/core/followup';
import { FOLLOW_UP_COLUMNS as COL, LEADING_COLUMNS, TRAILING_COLUMNS } from '../../../src/core/followup/labels';
import type { Grid } from '../../../src/core/grid';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';

const header = [...LEADING_COLUMNS, 'mar. 08/09', 'mar. 15/09', ...TRAILING_COLUMNS];
const line = (values: Partial<Record<string, string | number>>) => header.map((h) => values[h] ?? null);

function suivi(rows: (string | number | null)[][], a1 = `${MARKER} Suivi`): Grid {
  return { sheet: SHEET_NAMES.followUp, origin: { row: 0, col: 0 }, values: [[a1], [], ['Cycle 1 · 2nde lundi'], header, ...rows] };
}

describe('readFollowUp', () => {
  it('reads a row with its sessions, « Autres séances » and bilans, as typed', () => {
    const grid = suivi([
      line({ [COL.cycle]: 1, [COL.pupil]: 'DURAND Léa', [COL.id]: 'ine:123', [COL.slot]: '2nde lundi', 'mar. 08/09': 'P', 'mar. 15/09': 'absente', [COL.otherSessions]: 'mar. 01/09 : R ; Séance 9 : E', [COL.outcome]: 'Atteint', [COL.comment]: 'bien' }),
    ]);
    const { records, diagnostics } = readFollowUp({ grids: [grid] });
    expect(diagnostics).toEqual([]);
    expect(records).toHaveLength(1);
    expect(records[0]).toMatchObject({
      cycle: 1,
      pupilId: 'ine:123',
      columns: ['mar. 08/09', 'mar. 15/09'],
      sessions: [
        { label: 'mar. 08/09', value: 'P' },
        { label: 'mar. 15/09', value: 'absente' },
        { label: 'mar. 01/09', value: 'R' },
        { label: 'Séance 9', value: 'E' },
      ],
      outcome: 'Atteint',
      comment: 'bien',
      source: { sheet: SHEET_NAMES.followUp, cell: 'A5' },
    });
  });

  it('warns, naming the cell, about an unknown code or bilan, a row without identifier and an unreadable cycle', () => {
    const grid = suivi([
      line({ [COL.cycle]: 1, [COL.pupil]: 'DURAND Léa', [COL.id]: 'ine:123', 'mar. 15/09': 'X', [COL.outcome]: 'bof' }),
      line({ [COL.cycle]: 1, [COL.pupil]: 'MARTIN Paul' }),
      line({ [COL.cycle]: 'premier', [COL.pupil]: 'PETIT Zoé', [COL.id]: 'ine:456' }),
    ]);
    const { records, diagnostics } = readFollowUp({ grids: [grid] });
    expect(records.map((r) => [r.pupilId, r.sessions[1].value, r.outcome])).toEqual([['ine:123', 'X', 'bof']]);
    const col = (name: string) => String.fromCharCode(65 + header.indexOf(name));
    expect(diagnostics.map((d) => [d.severity, d.sheet, d.cell])).toEqual([
      ['warning', SHEET_NAMES.followUp, `${col('mar. 15/09')}5`],
      ['warning', SHEET_NAMES.followUp, `${col(COL.outcome)}5`],
      ['warning', SHEET_NAMES.followUp, `${col(COL.id)}6`],
      ['warning', SHEET_NAMES.followUp, 'A7'],
    ]);
    expect(diagnostics[0].message).toBe('présence « X » du mar. 15/09 non reconnue pour « DURAND Léa » : utilisez P, A, R ou E.');
    expect(diagnostics[2].message).toContain('sans identifiant');
  });

  it("ignores a coordinator's own sheet under our name", () => {
    const grid = suivi([line({ [COL.cycle]: 1, [COL.pupil]: 'DURAND Léa', [COL.id]: 'ine:123' })], 'Mon suivi à moi');
    expect(readFollowUp({ grids: [grid] })).toEqual({ records: [], diagnostics: [] });
  });
});
