/**
 * A grid is what every host hands to the core: the used part of one worksheet as a 2-D array of
 * plain values, plus what the reader may need to understand it (fills, hidden rows, merges).
 * The core never sees Office.js objects, DOM nodes or files.
 */

export type CellValue = string | number | boolean | null;

/** A rectangle in 0-based coordinates relative to the grid's values. */
export interface CellRange {
  row: number;
  col: number;
  rowCount: number;
  colCount: number;
}

export interface Grid {
  /** Worksheet name as shown on its tab. */
  sheet: string;
  /** Absolute 0-based position in the worksheet of values[0][0] (the used range may not start at A1). */
  origin: { row: number; col: number };
  /**
   * Cell values, row-major; rows may be shorter than the widest row. Dates are Excel serial numbers,
   * errors are their text (`#N/A`), formula cells hold their last computed value.
   */
  values: CellValue[][];
  /** Fill colour of each cell as `#RRGGBB` (upper case), null for no fill. Same shape as `values`. */
  fills?: (string | null)[][];
  /** True where the cell holds a formula (its value above is the computed one). */
  formulas?: boolean[][];
  /** Relative indices of hidden rows and columns. */
  hiddenRows?: number[];
  hiddenColumns?: number[];
  /** Merged areas, relative to values[0][0]. */
  merges?: CellRange[];
  /** Sheet visibility in the workbook. */
  hidden?: boolean;
}

/** Everything the core reads from a workbook: all its worksheets, in tab order. */
export interface WorkbookSnapshot {
  grids: Grid[];
}

export function cellAt(grid: Grid, row: number, col: number): CellValue {
  const line = grid.values[row];
  if (!line) return null;
  const value = line[col];
  return value === undefined ? null : value;
}

export function gridWidth(grid: Grid): number {
  let width = 0;
  for (const line of grid.values) if (line.length > width) width = line.length;
  return width;
}

/** 0-based column index to letters: 0 -> A, 25 -> Z, 26 -> AA. */
export function columnLetters(col: number): string {
  let n = col + 1;
  let letters = '';
  while (n > 0) {
    const rem = (n - 1) % 26;
    letters = String.fromCharCode(65 + rem) + letters;
    n = Math.floor((n - 1) / 26);
  }
  return letters;
}

/** Letters to 0-based column index: A -> 0, AA -> 26. */
export function columnIndex(letters: string): number {
  let n = 0;
  for (const ch of letters.toUpperCase()) n = n * 26 + (ch.charCodeAt(0) - 64);
  return n - 1;
}

/** A1 address of an absolute 0-based cell. */
export function a1(row: number, col: number): string {
  return `${columnLetters(col)}${row + 1}`;
}

/** A1 address of a cell given relative to a grid's values. */
export function gridAddress(grid: Grid, row: number, col: number): string {
  return a1(grid.origin.row + row, grid.origin.col + col);
}

/** A1 address of a range in absolute 0-based coordinates, e.g. `A1:C10`. */
export function rangeA1(range: CellRange): string {
  const start = a1(range.row, range.col);
  if (range.rowCount === 1 && range.colCount === 1) return start;
  return `${start}:${a1(range.row + range.rowCount - 1, range.col + range.colCount - 1)}`;
}

/** Parse `B3` or `$B$3` into absolute 0-based coordinates; null when it is not a cell address. */
export function parseA1(address: string): { row: number; col: number } | null {
  const match = /^\$?([A-Za-z]{1,3})\$?(\d{1,7})$/.exec(address.trim());
  if (!match) return null;
  return { row: Number(match[2]) - 1, col: columnIndex(match[1]) };
}
