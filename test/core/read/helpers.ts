/** Small builders for reader tests: grids written as rows, the way a sheet looks. */
import type { CellValue, Grid } from '../../../src/core/grid';
import { isFormula, type SheetSpec } from '../../../src/core/render/sheetSpec';

export function grid(sheet: string, values: CellValue[][], extra: Partial<Grid> = {}): Grid {
  return { sheet, origin: { row: 0, col: 0 }, values, ...extra };
}

/** A sheet spec as the grid a gateway would read back: formula cells hold their computed value. */
export function specGrid(spec: SheetSpec): Grid {
  return grid(
    spec.name,
    spec.cells.map((row) => row.map((cell) => (isFormula(cell) ? (cell.value ?? null) : cell))),
  );
}
