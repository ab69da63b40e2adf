/**
 * Finding the header of a pupils table: the first row (among the first 40) with a name column,
 * plus a discipline row above it (or competency labels below it) when the header spans two rows.
 * Title and legend rows above the header are kept as the sheet's "title" text.
 */
import { cellAt, gridWidth, type CellRange, type Grid } from '../grid';
import { isMasteryWord } from './mastery';
import { extraKindOf, identityFieldOf, isPureRoundMarker, mentionsPositionnement, tidy, type IdentityField } from './vocabulary';

export const HEADER_SEARCH_ROWS = 40;

export interface HeaderColumn {
  col: number;
  /** Text of the label row (or of the upper row when the label cell is empty). */
  label: string;
  /** Text of the upper row above this column (merged cells spread), '' for one-row headers. */
  group: string;
}

export interface HeaderLayout {
  /** Relative index of the first header row. */
  topRow: number;
  /** Relative index of the row holding the column labels; data rows follow. */
  labelRow: number;
  /** Identity fields found in the header (label only, never under a group). */
  identity: Map<IdentityField, number>;
  columns: HeaderColumn[];
  /** Text of the rows above the header (titles, legends), for role and round hints. */
  title: string;
}

function text(grid: Grid, row: number, col: number): string {
  return tidy(cellAt(grid, row, col));
}

/** Merged area covering a cell, clipped to sane bounds. */
function mergeAt(grid: Grid, row: number, col: number): CellRange | null {
  for (const merge of grid.merges ?? []) {
    if (row >= merge.row && row < merge.row + merge.rowCount && col >= merge.col && col < merge.col + merge.colCount) return merge;
  }
  return null;
}

/** Value shown in a cell: a merged area shows its top-left value everywhere. */
function shownText(grid: Grid, row: number, col: number): string {
  const merge = mergeAt(grid, row, col);
  return merge ? text(grid, merge.row, merge.col) : text(grid, row, col);
}

/** Name columns sit at the left: a stray cell far to the right must not slow the search down. */
const IDENTITY_SEARCH_COLUMNS = 200;

function identityOfRow(grid: Grid, row: number, width: number): Map<IdentityField, number> {
  const found = new Map<IdentityField, number>();
  for (let c = 0; c < Math.min(width, IDENTITY_SEARCH_COLUMNS); c++) {
    const field = identityFieldOf(text(grid, row, c));
    if (field && !found.has(field)) found.set(field, c);
  }
  return found;
}

function nonEmptyCount(grid: Grid, row: number, width: number): number {
  let count = 0;
  for (let c = 0; c < width; c++) if (text(grid, row, c)) count++;
  return count;
}

/** Labels under the header row, with empty cells under the name columns (vertically merged names). */
function isLabelRowBelow(grid: Grid, row: number, identity: Map<IdentityField, number>, width: number): boolean {
  const below = row + 1;
  if (below >= grid.values.length) return false;
  for (const col of identity.values()) if (text(grid, below, col)) return false;
  let labels = 0;
  let others = 0;
  for (let c = 0; c < width; c++) {
    const value = cellAt(grid, below, c);
    if (value === null || tidy(value) === '') continue;
    if (typeof value === 'string' && !isMasteryWord(value) && !/^[\d\s.,/%]+$/.test(value)) labels++;
    else others++;
  }
  const mergedAbove = (grid.merges ?? []).some((m) => m.row === row && m.rowCount === 1 && m.colCount > 1);
  return labels > others && (labels >= 2 || (labels >= 1 && mergedAbove));
}

/** A discipline row above the header: nothing above the name columns, short texts above competencies. */
function isGroupRowAbove(grid: Grid, row: number, identity: Map<IdentityField, number>, width: number): boolean {
  const above = row - 1;
  if (above < 0) return false;
  for (const col of identity.values()) if (shownText(grid, above, col)) return false;
  let groups = 0;
  for (let c = 0; c < width; c++) {
    const value = cellAt(grid, above, c);
    if (value === null || tidy(value) === '') continue;
    if (typeof value !== 'string') return false;
    const shown = tidy(value);
    if (shown.length > 80 || /[:=]/.test(shown) || isMasteryWord(shown)) return false;
    if (/\b(19|20)\d\d\b/.test(shown) || (mentionsPositionnement(shown) && !isPureRoundMarker(shown))) return false;
    groups++;
  }
  return groups > 0;
}

function groupsOf(grid: Grid, top: number, labelRow: number, width: number, identityCols: Set<number>): string[] {
  const topHasMerges = (grid.merges ?? []).some((m) => m.row <= top && m.row + m.rowCount > top && m.colCount > 1);
  const groups: string[] = [];
  let carried = '';
  for (let c = 0; c < width; c++) {
    if (identityCols.has(c)) {
      carried = '';
      groups.push('');
      continue;
    }
    const own = shownText(grid, top, c);
    const label = text(grid, labelRow, c);
    if (own) carried = own;
    else if (extraKindOf(label)) carried = '';
    // Without merges, teams centre a discipline across its columns: carry it over labelled columns.
    groups.push(own || (topHasMerges || !label ? '' : carried));
  }
  return groups;
}

/** Columns of a header whose first and label rows are known. */
function columnsOf(grid: Grid, top: number, labelRow: number, width: number, identityCols: Set<number>): HeaderColumn[] {
  if (top === labelRow) return Array.from({ length: width }, (_, c) => ({ col: c, label: text(grid, labelRow, c), group: '' }));
  const groups = groupsOf(grid, top, labelRow, width, identityCols);
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    const label = text(grid, labelRow, c);
    const group = groups[c];
    if (!label) columns.push({ col: c, label: shownText(grid, top, c), group: '' });
    else columns.push({ col: c, label, group: group === label ? '' : group });
  }
  return columns;
}

function titleOf(grid: Grid, top: number, width: number): string {
  const parts: string[] = [];
  for (let r = 0; r < top; r++) for (let c = 0; c < width && c < 30; c++) if (text(grid, r, c)) parts.push(text(grid, r, c));
  return parts.join(' ').slice(0, 500);
}

export function findHeader(grid: Grid): HeaderLayout | null {
  const width = gridWidth(grid);
  const last = Math.min(grid.values.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    const identity = identityOfRow(grid, r, width);
    if (!identity.has('lastName') && !identity.has('fullName')) continue;
    if (nonEmptyCount(grid, r, width) < 2) continue;
    return layoutFrom(grid, r, identity, width);
  }
  return null;
}

/** The layout for a header whose rows are known (a saved mapping); `identityCols` are its name columns. */
export function layoutAt(grid: Grid, labelRow: number, headerRows: number, identityCols: Set<number>): HeaderLayout {
  const width = gridWidth(grid);
  const top = Math.max(0, labelRow - Math.max(1, headerRows) + 1);
  const columns = columnsOf(grid, top, labelRow, width, identityCols);
  return { topRow: top, labelRow, identity: new Map(), columns, title: titleOf(grid, top, width) };
}

function layoutFrom(grid: Grid, row: number, identity: Map<IdentityField, number>, width: number): HeaderLayout {
  const identityCols = new Set(identity.values());
  let top = row;
  let labelRow = row;
  if (isLabelRowBelow(grid, row, identity, width)) labelRow = row + 1;
  else if (isGroupRowAbove(grid, row, identity, width)) top = row - 1;
  const columns = columnsOf(grid, top, labelRow, width, identityCols);
  return { topRow: top, labelRow, identity, columns, title: titleOf(grid, top, width) };
}

/** Header text of a column as stored in the mapping: « Mathématiques › Calculer ». */
export function headerText(column: HeaderColumn): string {
  return column.group ? `${column.group} › ${column.label}` : column.label;
}
