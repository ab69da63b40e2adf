/**
 * Finding the header of a pupils table, from the content of the first 40 rows:
 * - the label row is a row with a name column (« Nom », « Élève », « Pseudonyme »…); when a label sits
 *   over the identity columns (« Élève » above « Nom | Prénom »), the lower row is the label row;
 * - up to two group rows above it (disciplines, domains, merged or written once and carried), or
 *   competency labels below it when the names are merged over two rows;
 * - without any name header, the label row is the first row above columns of mastery values whose
 *   leftmost text column, distinct from row to row, holds the pupils' identities (said so).
 * Title and legend rows above the header are kept as the sheet's "title" text.
 */
import { cellAt, gridWidth, type CellRange, type Grid } from '../grid';
import { isMasteryWord, numberOf, scoreTextPercent } from './mastery';
import { looksLikeName } from './names';
import { extraKindOf, identityFieldOf, isPureRoundMarker, keyOf, mentionsPositionnement, tidy, type IdentityField } from './vocabulary';

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
  /** Set when no header names the identity column: why the column was taken for it. */
  inferredIdentity?: string;
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

/** Words a team writes over its identity columns (« Élève » over « Nom | Prénom »). */
const IDENTITY_GROUP_WORDS = new Set(['eleve', 'eleves', 'identite', 'identification', 'apprenant', 'apprenants', 'candidat', 'informations']);

/**
 * A group row above the header: short texts above the competencies (disciplines, domains), and over
 * the identity columns nothing or a label confined to them (« Élève » merged over « Nom | Prénom »).
 */
function isGroupRowAbove(grid: Grid, row: number, identity: Map<IdentityField, number>, width: number): boolean {
  const above = row - 1;
  if (above < 0) return false;
  const identityCols = new Set(identity.values());
  for (const col of identityCols) {
    const shown = shownText(grid, above, col);
    if (!shown) continue;
    const merge = mergeAt(grid, above, col);
    const confined = !merge || Array.from({ length: merge.colCount }, (_, i) => merge.col + i).every((c) => identityCols.has(c) || !text(grid, row, c));
    if (!confined || !(identityFieldOf(shown) || IDENTITY_GROUP_WORDS.has(keyOf(shown)))) return false;
  }
  let groups = 0;
  for (let c = 0; c < width; c++) {
    if (identityCols.has(c)) continue;
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
  // Merged discipline labels mean nothing is carried; a label merged over the identity columns says nothing.
  const overIdentity = (m: CellRange) => Array.from({ length: m.colCount }, (_, i) => m.col + i).every((c) => identityCols.has(c));
  const topHasMerges = (grid.merges ?? []).some((m) => m.row <= top && m.row + m.rowCount > top && m.colCount > 1 && !overIdentity(m));
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

/**
 * Columns of a header whose first and label rows are known. With several group rows, a column's
 * group is their texts from the top down, joined by « › » (« Français › Lire »).
 */
function columnsOf(grid: Grid, top: number, labelRow: number, width: number, identityCols: Set<number>): HeaderColumn[] {
  if (top === labelRow) return Array.from({ length: width }, (_, c) => ({ col: c, label: text(grid, labelRow, c), group: '' }));
  const groupRows = Array.from({ length: labelRow - top }, (_, i) => groupsOf(grid, top + i, labelRow, width, identityCols));
  const columns: HeaderColumn[] = [];
  for (let c = 0; c < width; c++) {
    const label = text(grid, labelRow, c);
    const parts: string[] = [];
    for (const groups of groupRows) if (groups[c] && !parts.includes(groups[c]) && groups[c] !== label) parts.push(groups[c]);
    if (label) {
      columns.push({ col: c, label, group: parts.join(' › ') });
      continue;
    }
    // No label: the lowest text above it is the label (« Nom » merged over two rows).
    let r = labelRow - 1;
    while (r > top && !shownText(grid, r, c)) r--;
    const own = shownText(grid, r, c);
    columns.push({ col: c, label: own, group: parts.filter((p) => p !== own).join(' › ') });
  }
  return columns;
}

function titleOf(grid: Grid, top: number, width: number): string {
  const parts: string[] = [];
  for (let r = 0; r < top; r++) for (let c = 0; c < width && c < 30; c++) if (text(grid, r, c)) parts.push(text(grid, r, c));
  return parts.join(' ').slice(0, 500);
}

/** Rows holding a name header, top down. */
function nameHeaderRows(grid: Grid, width: number): { row: number; identity: Map<IdentityField, number> }[] {
  const found: { row: number; identity: Map<IdentityField, number> }[] = [];
  const last = Math.min(grid.values.length, HEADER_SEARCH_ROWS);
  for (let r = 0; r < last; r++) {
    const identity = identityOfRow(grid, r, width);
    if (!identity.has('lastName') && !identity.has('fullName')) continue;
    if (nonEmptyCount(grid, r, width) < 2) continue;
    found.push({ row: r, identity });
  }
  return found;
}

export function findHeader(grid: Grid): HeaderLayout | null {
  const width = gridWidth(grid);
  const candidates = nameHeaderRows(grid, width);
  if (!candidates.length) return inferredHeader(grid, width);
  // « Élève » over « Nom | Prénom »: the lower of two header rows close together holds the labels.
  let chosen = candidates[0];
  for (const next of candidates.slice(1)) {
    if (next.row - chosen.row > 2 || (next.row - chosen.row === 2 && hasValues(grid, chosen.row + 1, width))) break;
    const nameCol = next.identity.get('lastName') ?? next.identity.get('fullName') ?? -1;
    if (!identityArea(grid, chosen.row, chosen.identity).has(nameCol)) break;
    chosen = next;
  }
  return layoutFrom(grid, chosen.row, chosen.identity, width);
}

/** Columns covered by the identity labels of a row, merged areas included. */
function identityArea(grid: Grid, row: number, identity: Map<IdentityField, number>): Set<number> {
  const cols = new Set<number>();
  for (const col of identity.values()) {
    const merge = mergeAt(grid, row, col);
    if (!merge) cols.add(col);
    else for (let c = merge.col; c < merge.col + merge.colCount; c++) cols.add(c);
  }
  return cols;
}

/** A row holding mastery values or numbers: data, not header. */
function hasValues(grid: Grid, row: number, width: number): boolean {
  for (let c = 0; c < width; c++) if (isResultValue(cellAt(grid, row, c))) return true;
  return false;
}

function isResultValue(value: unknown): boolean {
  if (typeof value === 'number') return true;
  return typeof value === 'string' && (isMasteryWord(value) || scoreTextPercent(value) !== null || numberOf(value) !== null);
}

/** Rows looked at below a candidate label row when no header names the identity column. */
const INFERENCE_SAMPLE = 60;

/**
 * No « Nom » anywhere: the first row with labels above at least one column of mastery values, whose
 * leftmost text column before those values holds mostly distinct texts, is taken as the header.
 */
function inferredHeader(grid: Grid, width: number): HeaderLayout | null {
  const last = Math.min(grid.values.length - 1, HEADER_SEARCH_ROWS);
  const columns = Math.min(width, IDENTITY_SEARCH_COLUMNS);
  for (let r = 0; r < last; r++) {
    if (nonEmptyCount(grid, r, columns) < 2 || hasValues(grid, r, columns)) continue;
    const end = Math.min(grid.values.length, r + 1 + INFERENCE_SAMPLE);
    let firstResult = -1;
    for (let c = 0; c < columns && firstResult < 0; c++) {
      let values = 0;
      let mastery = 0;
      for (let x = r + 1; x < end; x++) {
        const value = cellAt(grid, x, c);
        if (value === null || tidy(value) === '') continue;
        values++;
        if (isMasteryWord(value) || (typeof value === 'string' && scoreTextPercent(value) !== null)) mastery++;
      }
      if (mastery >= 2 && mastery * 5 >= values * 3) firstResult = c;
    }
    if (firstResult <= 0) continue;
    for (let c = 0; c < firstResult; c++) {
      const texts: string[] = [];
      for (let x = r + 1; x < end; x++) {
        const value = tidy(cellAt(grid, x, c));
        if (value) texts.push(value);
      }
      const names = texts.filter((t) => looksLikeName(t));
      if (names.length < 2 || names.length * 5 < texts.length * 4 || new Set(names).size * 5 < names.length * 4) continue;
      const identity = new Map<IdentityField, number>([['fullName', c]]);
      const layout = layoutFrom(grid, r, identity, width);
      const label = text(grid, r, c);
      layout.inferredIdentity = `${label ? `« ${label} » : ` : ''}aucun intitulé « Nom » ou « Élève » ; textes distincts à gauche des résultats, pris pour l'identité des élèves`;
      return layout;
    }
  }
  return null;
}

/**
 * The layout for header rows the coordinator chose (rows corrected in the pane): identity columns are
 * looked for in the label row, then in the rows above (names merged over two rows).
 */
export function layoutAtRows(grid: Grid, labelRow: number, headerRows: number): HeaderLayout {
  const width = gridWidth(grid);
  const top = Math.max(0, labelRow - Math.max(1, headerRows) + 1);
  const identity = identityOfRow(grid, labelRow, width);
  for (let r = labelRow - 1; r >= top; r--) for (const [field, col] of identityOfRow(grid, r, width)) if (!identity.has(field) && !text(grid, labelRow, col)) identity.set(field, col);
  const columns = columnsOf(grid, top, labelRow, width, new Set(identity.values()));
  return { topRow: top, labelRow, identity, columns, title: titleOf(grid, top, width) };
}

/** The layout for a header whose rows are known (a saved mapping); `identityCols` are its name columns. */
export function layoutAt(grid: Grid, labelRow: number, headerRows: number, identityCols: Set<number>): HeaderLayout {
  const width = gridWidth(grid);
  const top = Math.max(0, labelRow - Math.max(1, headerRows) + 1);
  const columns = columnsOf(grid, top, labelRow, width, identityCols);
  return { topRow: top, labelRow, identity: new Map(), columns, title: titleOf(grid, top, width) };
}

/** At most two group rows above the label row: a header spans up to three rows. */
const MAX_GROUP_ROWS = 2;

function layoutFrom(grid: Grid, row: number, identity: Map<IdentityField, number>, width: number): HeaderLayout {
  const identityCols = new Set(identity.values());
  let top = row;
  let labelRow = row;
  if (isLabelRowBelow(grid, row, identity, width)) labelRow = row + 1;
  while (row - top < MAX_GROUP_ROWS && isGroupRowAbove(grid, top, identity, width)) top--;
  const columns = columnsOf(grid, top, labelRow, width, identityCols);
  return { topRow: top, labelRow, identity, columns, title: titleOf(grid, top, width) };
}

/** Header text of a column as stored in the mapping: « Mathématiques › Calculer ». */
export function headerText(column: HeaderColumn): string {
  return column.group ? `${column.group} › ${column.label}` : column.label;
}
