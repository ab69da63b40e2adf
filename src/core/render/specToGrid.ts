/**
 * What a sheet spec looks like once written, as a grid: used by the in-memory gateway (browser
 * preview) and by tests that read back what the engine wrote.
 */
import type { CellValue, Grid } from '../grid';
import { isFormula, type SheetSpec } from './sheetSpec';

export function specToGrid(spec: SheetSpec): Grid {
  const values: CellValue[][] = spec.cells.map((row) =>
    row.map((cell) => {
      if (isFormula(cell)) return cell.value ?? null;
      return cell;
    }),
  );
  const formulas = spec.cells.map((row) => row.map((cell) => isFormula(cell)));
  const fills: (string | null)[][] = values.map((row) => row.map(() => null));
  for (const { range, style } of spec.styles ?? []) {
    if (!style.fill) continue;
    for (let r = range.row; r < range.row + range.rowCount && r < fills.length; r++) {
      for (let c = range.col; c < range.col + range.colCount && c < fills[r].length; c++) fills[r][c] = style.fill.toUpperCase();
    }
  }
  return { sheet: spec.name, origin: { row: 0, col: 0 }, values, formulas, fills, merges: spec.merges ?? [] };
}

/** A grid as a sheet spec (writes a workbook made of grids, such as the bundled example). */
export function gridToSpec(grid: Grid): SheetSpec {
  const styles: SheetSpec['styles'] = [];
  grid.fills?.forEach((row, r) =>
    row.forEach((fill, c) => {
      if (fill) styles.push({ range: { row: grid.origin.row + r, col: grid.origin.col + c, rowCount: 1, colCount: 1 }, style: { fill } });
    }),
  );
  const cells: SheetSpec['cells'] = Array.from({ length: grid.origin.row }, () => []);
  for (const line of grid.values) cells.push([...Array.from({ length: grid.origin.col }, () => null), ...line]);
  const merges = (grid.merges ?? []).map((m) => ({ ...m, row: m.row + grid.origin.row, col: m.col + grid.origin.col }));
  return { name: grid.sheet, role: 'parameters', cells, styles, merges };
}
