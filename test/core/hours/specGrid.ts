/** Test helper: a sheet spec as the grid a host would read back (formulas give their value). */
import type { CellValue, Grid } from '../../../src/core/grid';
import { isFormula, type SheetSpec, type SpecCell } from '../../../src/core/render/sheetSpec';

function cellValue(cell: SpecCell): CellValue {
  if (isFormula(cell)) return cell.value ?? null;
  return cell;
}

export function specToGrid(spec: SheetSpec): Grid {
  return { sheet: spec.name, origin: { row: 0, col: 0 }, values: spec.cells.map((row) => row.map(cellValue)) };
}

/** Row index of the cell whose text is `text` in column A, after `from`. */
export function rowOf(spec: SheetSpec, text: string, from = 0): number {
  const row = spec.cells.findIndex((line, r) => r >= from && line[0] === text);
  if (row < 0) throw new Error(`« ${text} » absent de ${spec.name}`);
  return row;
}
