/** Read back a table of an output sheet: the header row holding given headers, then rows up to the first blank one. */
import { cellAt, gridAddress, gridWidth, type Grid } from '../grid';
import { cellText, normalizeText } from '../text';

export interface TableRow {
  /** Trimmed text of the cell under a header ('' when missing). */
  text(header: string): string;
  value(header: string): unknown;
  /** A1 address of the cell under a header (or of the row's first cell). */
  address(header?: string): string;
}

export function readTable(grid: Grid, headers: readonly string[]): TableRow[] | null {
  const wanted = headers.map(normalizeText);
  const width = gridWidth(grid);
  for (let r = 0; r < grid.values.length; r++) {
    const keys: string[] = [];
    for (let c = 0; c < width; c++) keys.push(normalizeText(cellAt(grid, r, c)));
    if (!wanted.every((w) => keys.includes(w))) continue;
    const rows: TableRow[] = [];
    for (let rr = r + 1; rr < grid.values.length; rr++) {
      if (keys.every((_, c) => cellText(cellAt(grid, rr, c)) === '')) break;
      const row = rr;
      const col = (header: string): number => keys.indexOf(normalizeText(header));
      rows.push({
        value: (header) => (col(header) < 0 ? null : cellAt(grid, row, col(header))),
        text: (header) => (col(header) < 0 ? '' : cellText(cellAt(grid, row, col(header)))),
        address: (header) => gridAddress(grid, row, header && col(header) >= 0 ? col(header) : 0),
      });
    }
    return rows;
  }
  return null;
}
