/**
 * Sheet specs: what the core asks a gateway to write. A spec is plain data (values, formulas,
 * formats, tables, conditional formats, charts) that each gateway turns into Office.js calls or
 * ExcelJS objects. Coordinates are 0-based and relative to A1.
 */
import type { CellRange } from '../grid';

/** A formula in English function names with `,` separators, as `range.formulas` expects: `=SUM(B2:B9)`. */
export interface FormulaCell {
  formula: string;
  /** Value the core computed for it, written by hosts that cannot recalculate (and used by tests). */
  value?: number | string;
}

export type SpecCell = string | number | boolean | null | FormulaCell;

export function isFormula(cell: SpecCell): cell is FormulaCell {
  return typeof cell === 'object' && cell !== null && 'formula' in cell;
}

export interface CellStyle {
  bold?: boolean;
  italic?: boolean;
  fontSize?: number;
  /** `#RRGGBB` */
  fontColor?: string;
  /** `#RRGGBB` */
  fill?: string;
  /** Excel number format in en-US syntax, e.g. `0.0" h"` or `0%`. */
  numberFormat?: string;
  wrap?: boolean;
  horizontal?: 'left' | 'center' | 'right';
  vertical?: 'top' | 'center' | 'bottom';
  border?: boolean;
}

export interface StyledRange {
  range: CellRange;
  style: CellStyle;
}

export interface TableSpec {
  /** Workbook-unique table name (letters, digits, underscores), e.g. `AP_Groupes`. */
  name: string;
  /** Header row included. */
  range: CellRange;
  /** Built-in style name, e.g. `TableStyleMedium2`. */
  style: string;
}

export interface ConditionalFormatSpec {
  range: CellRange;
  /** Highlight cells whose value compares so to `value`. */
  operator: 'lessThan' | 'greaterThan' | 'equal' | 'notEqual';
  value: number | string;
  style: Pick<CellStyle, 'fill' | 'fontColor' | 'bold'>;
}

export interface ChartSpec {
  type: 'column' | 'bar';
  title: string;
  /** Data with category labels in the first column and series names in the first row. */
  data: CellRange;
  /** Top-left cell the chart is anchored to, and its size in cells. */
  anchor: { row: number; col: number };
  size: { rows: number; cols: number };
}

export interface ListValidationSpec {
  range: CellRange;
  /** Allowed values, e.g. ["oui", ""] for a lock column. */
  values: string[];
}

/**
 * How a gateway may treat an existing sheet of that name:
 * - `output`: replaced at each generation (only when it carries the Pilote AP marker);
 * - `parameters`: created when absent, never overwritten (it is the coordinator's once created).
 */
export type SheetRoleForWrite = 'output' | 'parameters';

export interface SheetSpec {
  name: string;
  role: SheetRoleForWrite;
  /** Rows of cells starting at A1; text is always written as text, never as a formula. */
  cells: SpecCell[][];
  columnWidths?: number[];
  styles?: StyledRange[];
  merges?: CellRange[];
  tables?: TableSpec[];
  conditionalFormats?: ConditionalFormatSpec[];
  charts?: ChartSpec[];
  validations?: ListValidationSpec[];
  /** Rows and columns kept visible when scrolling. */
  freeze?: { rows: number; cols: number };
  tabColor?: string;
  landscape?: boolean;
  /** How the sheet prints; a gateway that cannot set it prints with its defaults. */
  print?: PrintSpec;
}

/** Page setup of a sheet for a coordinator who prints it. */
export interface PrintSpec {
  paper?: 'A4';
  landscape?: boolean;
  /** All columns on one page wide, as many pages high as needed. */
  fitToWidth: boolean;
  /** 0-based rows repeated at the top of every printed page. */
  repeatRows?: { first: number; last: number };
  /** Footer with the sheet name, the print date and « page n / total ». */
  footer?: boolean;
  /** 0-based rows that start a new page (a manual break is put just above each). */
  pageBreaksBefore?: number[];
}

/**
 * Most manual page breaks one printable sheet is given. Excel keeps at most 1,026 horizontal breaks a
 * sheet (« There is a limit of 1026 horizontal page breaks per sheet », VBA HPageBreak object; MS-XLS
 * 2.4.142 HorizontalPageBreaks; MS-XLSB 2.4.27 BrtBeginRwBrk says at most 1,023): past that, pages
 * would run into each other. A printable sheet with more pages is split into parts (see pageParts).
 */
export const MAX_PAGE_BREAKS = 1_000;

/** Name of the n-th (1-based) part of a printable sheet: `AP Fiches`, `AP Fiches (2)`, `AP Fiches (3)`... */
export function partName(name: string, part: number): string {
  return part <= 1 ? name : `${name} (${part})`;
}

/** The sheet a part belongs to: `AP Fiches (2)` → `AP Fiches` (a name that is no part is its own). */
export function partBase(name: string): string {
  return name.replace(/ \(\d+\)$/, '');
}

/**
 * Pages (one per pupil, per list...) cut into parts of at most MAX_PAGE_BREAKS + 1 pages, a part ending
 * where `keyOf` changes (a class, a slot) when a whole run of the same key fits; a longer run is cut.
 */
export function pageParts<T>(pages: T[], keyOf: (page: T) => string, perPart = MAX_PAGE_BREAKS + 1): T[][] {
  const runs: T[][] = [];
  for (const page of pages) {
    const last = runs[runs.length - 1];
    if (last && keyOf(last[0]) === keyOf(page)) last.push(page);
    else runs.push([page]);
  }
  const parts: T[][] = [];
  for (const run of runs) {
    for (let from = 0; from < run.length; from += perPart) {
      const chunk = run.slice(from, from + perPart);
      const last = parts[parts.length - 1];
      if (last && last.length + chunk.length <= perPart) last.push(...chunk);
      else parts.push(chunk);
    }
  }
  return parts.length ? parts : [[]];
}

/**
 * Parts a previous generation wrote that this one no longer needs (`AP Fiches (3)` when the school now
 * fits in two): each is rewritten as an empty part that says where its pages went, so that nothing
 * stale is left to print. `existing` are the names of our sheets in the workbook.
 */
export function retiredParts(specs: SheetSpec[], existing: string[], marker: string): SheetSpec[] {
  const written = new Set(specs.map((spec) => spec.name.toLocaleLowerCase('fr')));
  const bases = new Set(specs.filter((spec) => spec.role === 'output').map((spec) => spec.name.toLocaleLowerCase('fr')));
  return existing
    .filter((name) => partBase(name) !== name && bases.has(partBase(name).toLocaleLowerCase('fr')) && !written.has(name.toLocaleLowerCase('fr')))
    .map((name) => ({
      name,
      role: 'output',
      cells: [[`${marker} partie vide`], [`Cette partie n’est plus utilisée : toutes les pages sont désormais dans « ${partBase(name)} » et ses parties suivantes.`]],
    }));
}

/** Footer codes understood by Excel and LibreOffice: sheet name, date, page n / total. */
export const PRINT_FOOTER = '&A — &D — page &P / &N';

/**
 * How every AP sheet prints: on A4, all columns on one page wide, with the footer. Each sheet says its
 * orientation, the row repeated at the top of each page (the header kept on screen, for a sheet that
 * freezes one) and the rows that start a new page.
 */
export function printLayout(layout: { landscape: boolean; header?: number; pageBreaksBefore?: number[] }): PrintSpec {
  const { header, ...rest } = layout;
  // A programming error, not the coordinator's: a printable sheet with more pages is split (pageParts).
  if ((layout.pageBreaksBefore?.length ?? 0) > MAX_PAGE_BREAKS) throw new Error(`${layout.pageBreaksBefore?.length} sauts de page : plus que les ${MAX_PAGE_BREAKS} qu’une feuille garde`);
  return { paper: 'A4', fitToWidth: true, footer: true, ...rest, ...(header !== undefined && { repeatRows: { first: header, last: header } }) };
}

/** Longest width a column is widened to (Excel's units: about one character). */
const MAX_COLUMN_WIDTH = 60;

/**
 * Column widths no narrower than `minimum` and wide enough for the longest text or number of the
 * column (up to MAX_COLUMN_WIDTH), so that names are not cut on screen nor on paper. Rows of a
 * single cell (titles, notes: they overflow on purpose) and `skipRows` are not measured.
 */
export function fitColumnWidths(cells: SpecCell[][], minimum: number[], skipRows: number[] = []): number[] {
  const widths = [...minimum];
  cells.forEach((row, r) => {
    if (skipRows.includes(r) || row.filter((cell) => cell !== null && cell !== '').length <= 1) return;
    row.forEach((cell, c) => {
      const text = isFormula(cell) ? String(cell.value ?? '') : cell === null ? '' : String(cell);
      widths[c] = Math.max(widths[c] ?? 8, Math.min(MAX_COLUMN_WIDTH, text.length + 2));
    });
  });
  return widths;
}
