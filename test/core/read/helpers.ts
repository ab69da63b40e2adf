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

/** The self-check's warning on competency columns whose discipline nothing names, as `messages()` shows it. */
export function noDiscipline(where: string, columns: string[]): string {
  const s = columns.length > 1 ? 's' : '';
  return `${where} : Vérifiez la lecture : colonne${s} ${columns.join(', ')} : aucune discipline reconnue dans l'en-tête, le nom de la feuille ou le titre, compétence${s} classée${s} en « Discipline non précisée » (aucun atelier de remédiation n'est formé pour elle${s}) ; indiquez la discipline dans « AP Correspondances », colonne « Discipline »`;
}
