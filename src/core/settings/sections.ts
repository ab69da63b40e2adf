/**
 * Parameter sheets are laid out as titled sections: a title in column A, a header row under it,
 * then data rows until the first blank row. This reads such sections back, whatever the rows the
 * coordinator inserted or moved.
 */
import { cellAt, gridAddress, gridWidth, type Grid } from '../grid';
import { cellText, normalizeText } from '../text';

export interface SectionRow {
  /** Cells keyed by normalised header text. */
  cells: Map<string, unknown>;
  /** A1 address of the row's cell under a header, for diagnostics. */
  addressOf(header: string): string;
  /** A1 address of the first cell of the row. */
  address: string;
}

export interface Section {
  title: string;
  headers: string[];
  rows: SectionRow[];
  /** A1 address of the section title. */
  address: string;
}

function rowIsBlank(grid: Grid, row: number, width: number): boolean {
  for (let c = 0; c < width; c++) if (cellText(cellAt(grid, row, c)) !== '') return false;
  return true;
}

/** One data row, its cells keyed by the normalised headers `keys`. */
function sectionRow(grid: Grid, row: number, keys: string[]): SectionRow {
  const cells = new Map<string, unknown>();
  keys.forEach((key, c) => key && cells.set(key, cellAt(grid, row, c)));
  return {
    cells,
    address: gridAddress(grid, row, 0),
    addressOf: (header) => gridAddress(grid, row, Math.max(0, keys.indexOf(normalizeText(header)))),
  };
}

/** Find the section whose title (column A) matches one of `titles`, compared without case or accents. */
export function readSection(grid: Grid, titles: string[]): Section | null {
  const wanted = titles.map(normalizeText);
  const width = gridWidth(grid);
  for (let r = 0; r < grid.values.length; r++) {
    if (!wanted.includes(normalizeText(cellAt(grid, r, 0)))) continue;
    const headerRow = r + 1;
    const headers: string[] = [];
    for (let c = 0; c < width; c++) headers.push(cellText(cellAt(grid, headerRow, c)));
    while (headers.length && !headers[headers.length - 1]) headers.pop();
    const keys = headers.map(normalizeText);
    const rows: SectionRow[] = [];
    for (let rr = headerRow + 1; rr < grid.values.length && !rowIsBlank(grid, rr, width); rr++) {
      rows.push(sectionRow(grid, rr, keys));
    }
    return { title: cellText(cellAt(grid, r, 0)), headers, rows, address: gridAddress(grid, r, 0) };
  }
  return null;
}

/** Read a table whose header row is the first row containing all `required` headers. */
export function readHeaderTable(grid: Grid, required: string[]): Section | null {
  const wanted = required.map(normalizeText);
  const width = gridWidth(grid);
  for (let r = 0; r < Math.min(grid.values.length, 30); r++) {
    const keys: string[] = [];
    for (let c = 0; c < width; c++) keys.push(normalizeText(cellAt(grid, r, c)));
    if (!wanted.every((w) => keys.includes(w))) continue;
    const headers = keys.map((_, c) => cellText(cellAt(grid, r, c)));
    const rows: SectionRow[] = [];
    for (let rr = r + 1; rr < grid.values.length; rr++) {
      if (rowIsBlank(grid, rr, width)) continue;
      rows.push(sectionRow(grid, rr, keys));
    }
    return { title: '', headers, rows, address: gridAddress(grid, r, 0) };
  }
  return null;
}

export function sectionValue(row: SectionRow, header: string): unknown {
  return row.cells.get(normalizeText(header)) ?? null;
}

/** Number from a cell that may hold "12", "12,5", 12.5 or "12 h"; null when it holds none. */
export function numberValue(value: unknown): number | null {
  if (typeof value === 'number' && Number.isFinite(value)) return value;
  if (typeof value !== 'string') return null;
  const match = /^\s*(-?\d+(?:[.,]\d+)?)\s*(?:h|%)?\s*$/i.exec(value);
  return match ? Number(match[1].replace(',', '.')) : null;
}

/** Yes/no cells: "oui", "x", "✓", "1", true. */
export function yesValue(value: unknown): boolean {
  if (value === true) return true;
  if (typeof value === 'number') return value > 0;
  const text = normalizeText(value);
  return ['oui', 'x', 'o', 'yes', 'y', '1', 'vrai', 'true', 'dispo', 'disponible', '✓', '✔'].includes(text);
}

/** Split "Maths, Sciences; Français" into trimmed parts. */
export function listValue(value: unknown): string[] {
  return cellText(value)
    .split(/[;,/+\n]|\bet\b/)
    .map((s) => s.trim())
    .filter(Boolean);
}
