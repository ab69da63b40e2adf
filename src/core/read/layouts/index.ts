/**
 * Layouts: each one turns the rows of a sheet into the same records (see `record.ts`). The mapping
 * says which layout a sheet has; adding a layout is adding a file here and a line below.
 */
import type { Diagnostic } from '../../diagnostics';
import type { Grid } from '../../grid';
import { layoutOf, type MasteryScale, type SheetLayout, type SheetMapping } from '../mapping';
import { readLong } from './long';
import type { SheetRead } from './record';
import { readRoll } from './roll';
import { readWide } from './wide';

export type { PairRequest, RowRecord, SheetRead } from './record';
export { competencyId } from './record';

type LayoutReader = (grid: Grid, mapping: SheetMapping, scale: MasteryScale, sheetIndex: number, diagnostics: Diagnostic[]) => SheetRead;

const LAYOUTS: Record<SheetLayout, LayoutReader> = {
  wide: readWide,
  long: readLong,
  roll: (grid, mapping, _scale, sheetIndex, diagnostics) => readRoll(grid, mapping, sheetIndex, diagnostics),
};

export function readSheetRows(grid: Grid, mapping: SheetMapping, scale: MasteryScale, sheetIndex: number, diagnostics: Diagnostic[]): SheetRead {
  if (mapping.role === 'ignored') return { records: [], competencies: [], selfCompetencies: [] };
  return LAYOUTS[layoutOf(mapping)](grid, mapping, scale, sheetIndex, diagnostics);
}
