/**
 * The roll: a class list (SIECLE, Pronote, EDT pre-term list…). Every named row is a pupil, with
 * class, INE, date of leaving and pair constraints when the list has them; no results.
 */
import type { Diagnostic } from '../../diagnostics';
import type { Grid } from '../../grid';
import type { SheetMapping } from '../mapping';
import { RowIdentityReader } from './identity';
import type { SheetRead } from './record';

export function readRoll(grid: Grid, mapping: SheetMapping, sheetIndex: number, diagnostics: Diagnostic[]): SheetRead {
  const identity = new RowIdentityReader(grid, mapping, sheetIndex, diagnostics);
  const records = [];
  const start = identity.firstRow;
  if (start !== null) {
    for (let r = start; r < grid.values.length; r++) {
      const record = identity.read(r, false, undefined);
      if (record) records.push(record);
    }
    identity.report();
  }
  return { records, competencies: [], selfCompetencies: [] };
}
