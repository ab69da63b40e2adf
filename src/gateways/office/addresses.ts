/**
 * Excel addresses as Office.js returns them: `'AP Groupes'!B3:F20`, `Feuil1!A1`, and comma-separated
 * lists of such areas for RangeAreas. Parsed into 0-based absolute rectangles.
 */
import { columnIndex, type CellRange } from '../../core/grid';

/** One area with an optional sheet prefix (quoted or not) and optional `$` anchors. */
const AREA = /(?:(?:'(?:[^']|'')*'|[^'!,\s][^'!,]*)!)?\$?([A-Za-z]{1,3})\$?(\d{1,7})(?::\$?([A-Za-z]{1,3})\$?(\d{1,7}))?/g;

/** Every rectangle of an address such as `Feuil1!A1:C1, Feuil1!B4` (empty for an empty text). */
export function parseAreas(address: string): CellRange[] {
  const ranges: CellRange[] = [];
  for (const match of address.matchAll(AREA)) {
    const row = Number(match[2]) - 1;
    const col = columnIndex(match[1]);
    const endRow = match[4] ? Number(match[4]) - 1 : row;
    const endCol = match[3] ? columnIndex(match[3]) : col;
    ranges.push({
      row: Math.min(row, endRow),
      col: Math.min(col, endCol),
      rowCount: Math.abs(endRow - row) + 1,
      colCount: Math.abs(endCol - col) + 1,
    });
  }
  return ranges;
}

/** The rectangle of a single-area address; throws on an address Office.js would never return. */
export function parseRangeAddress(address: string): CellRange {
  const [range] = parseAreas(address);
  if (!range) throw new Error(`Adresse de plage illisible : ${address}`);
  return range;
}

/** Intersection of a rectangle with a window, in the window's coordinates; null when they do not meet. */
export function relativeTo(range: CellRange, window: CellRange): CellRange | null {
  const top = Math.max(range.row, window.row);
  const left = Math.max(range.col, window.col);
  const bottom = Math.min(range.row + range.rowCount, window.row + window.rowCount);
  const right = Math.min(range.col + range.colCount, window.col + window.colCount);
  if (bottom <= top || right <= left) return null;
  return { row: top - window.row, col: left - window.col, rowCount: bottom - top, colCount: right - left };
}
