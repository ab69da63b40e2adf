/**
 * Writing sheet specs with Office.js. A spec becomes a list of operations, each of which only queues
 * calls on the request context and knows roughly how many bytes it adds to the request. The gateway
 * sends as many operations per sync as fit under the request cap of Excel on the web (5 MB), so a
 * usual generation is written in a single round trip and a huge one is split by rows.
 *
 * Order inside a request matters: leftover sheets and old backups are deleted first, the sheets to
 * replace are copied to their backups and emptied, new sheets are added, then values and formulas,
 * formats, merges, tables over the written data, conditional formats, validations, layout, charts;
 * the fingerprints come last (see planWrite).
 */
import { a1, type CellRange } from '../../core/grid';
import { isFormula, type CellStyle, type ConditionalFormatSpec, type PrintSpec, type SheetSpec, type SpecCell, PRINT_FOOTER } from '../../core/render/sheetSpec';
import { MARKER } from '../../core/workbook';
import { jsonBytes, toExcelInput } from './cellText';
import { findBySheetName } from '../../core/sheetNames';
import { FINGERPRINT_KEY, specFingerprint } from './fingerprint';

/** Fixed cost of one queued call (object path and action envelope in the request JSON). */
export const ACTION_BYTES = 300;

/** The sheets of the workbook as last seen: enough to decide how to write each spec. */
export interface KnownSheet {
  name: string;
  /** Tab position (0-based). */
  position: number;
  /** Written by Pilote AP (name prefix and marker in A1). */
  ours: boolean;
  /** Fingerprint of the content the last write gave it (see fingerprint.ts), when known. */
  fingerprint?: string | null;
  /** Names of its tables and charts, for a sheet named like ours. */
  tables: string[];
  charts: string[];
  /** Where its values are (used range, values only), when read. */
  extent?: CellRange;
}

/** Where a written spec's values are: the box around its non-empty cells (null when it has none). */
function specExtent(spec: SheetSpec): CellRange | null {
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  spec.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell === null || cell === '') return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    }),
  );
  return bottom < 0 ? null : { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
}

/**
 * The sheet still looks like what its fingerprint says was written: same place of its values. The
 * fingerprint is of what Pilote AP wrote, not of the sheet: a value typed by hand below or beside the
 * written cells (or a row of them cleared) moves the used range, and the sheet is written again
 * rather than kept as edited. (An edit inside the written cells is not seen: see README.)
 */
function sameExtent(known: CellRange | undefined, spec: SheetSpec): boolean {
  const expected = specExtent(spec);
  return !known || (!!expected && JSON.stringify(known) === JSON.stringify(expected));
}

/** Per-request state: worksheet proxies already obtained in this request. */
export class RequestScope {
  private readonly sheets = new Map<string, Excel.Worksheet>();
  constructor(readonly context: Excel.RequestContext) {}

  sheet(name: string): Excel.Worksheet {
    let sheet = this.sheets.get(name);
    if (!sheet) {
      sheet = this.context.workbook.worksheets.getItem(name);
      this.sheets.set(name, sheet);
    }
    return sheet;
  }

  remember(name: string, sheet: Excel.Worksheet): void {
    this.sheets.set(name, sheet);
  }

  range(sheetName: string, range: CellRange): Excel.Range {
    return this.sheet(sheetName).getRangeByIndexes(range.row, range.col, range.rowCount, range.colCount);
  }
}

export interface WriteOperation {
  bytes: number;
  apply(scope: RequestScope): void;
}

export function findSheet(known: KnownSheet[], name: string): KnownSheet | undefined {
  return findBySheetName(known, name, (sheet) => sheet.name);
}

/**
 * Write the marker cell with the sheet itself: should a later call of a split write fail, the new
 * sheet is still recognised as ours (and its INCOMPLETE mark says it was not finished).
 */
function markAsOurs(sheet: Excel.Worksheet, spec: SheetSpec): void {
  const first = spec.cells[0]?.[0];
  if (typeof first === 'string' && first.startsWith(MARKER)) sheet.getRange('A1').values = [[toExcelInput(first)]];
}

function specWidth(spec: SheetSpec): number {
  let width = 0;
  for (const row of spec.cells) width = Math.max(width, row.length);
  return width;
}

/** Values of rows [from, to) with formula cells left untouched (null), padded to the sheet width. */
function valueRows(cells: SpecCell[][], from: number, to: number, width: number): (string | number | boolean | null)[][] {
  const rows: (string | number | boolean | null)[][] = [];
  for (let r = from; r < to; r++) {
    const line = cells[r] ?? [];
    const out: (string | number | boolean | null)[] = [];
    for (let c = 0; c < width; c++) {
      const cell = line[c] ?? null;
      out.push(isFormula(cell) ? null : toExcelInput(cell));
    }
    rows.push(out);
  }
  return rows;
}

/** The smallest block of rows [from, to) holding every formula, with null elsewhere; null when none. */
function formulaBlock(cells: SpecCell[][], from: number, to: number): { range: CellRange; formulas: (string | null)[][] } | null {
  let top = Infinity, left = Infinity, bottom = -1, right = -1;
  for (let r = from; r < to; r++) {
    (cells[r] ?? []).forEach((cell, c) => {
      if (!isFormula(cell)) return;
      top = Math.min(top, r);
      bottom = Math.max(bottom, r);
      left = Math.min(left, c);
      right = Math.max(right, c);
    });
  }
  if (bottom < 0) return null;
  const formulas: (string | null)[][] = [];
  for (let r = top; r <= bottom; r++) {
    const line = cells[r] ?? [];
    const out: (string | null)[] = [];
    for (let c = left; c <= right; c++) {
      const cell = line[c] ?? null;
      out.push(isFormula(cell) ? cell.formula : null);
    }
    formulas.push(out);
  }
  return { range: { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 }, formulas };
}

/** Values and formulas of one sheet, cut into row blocks that each stay under `budget` bytes. */
function contentOperations(spec: SheetSpec, budget: number): WriteOperation[] {
  const width = specWidth(spec);
  if (width === 0) return [];
  const rowBytes = spec.cells.map((_, r) => jsonBytes(valueRows(spec.cells, r, r + 1, width)[0]) + jsonBytes(formulaBlock(spec.cells, r, r + 1)?.formulas ?? null));
  const operations: WriteOperation[] = [];
  let from = 0;
  while (from < spec.cells.length) {
    let to = from;
    let bytes = 2 * ACTION_BYTES;
    while (to < spec.cells.length && (to === from || bytes + rowBytes[to] <= budget)) bytes += rowBytes[to++];
    const block = { from, to };
    operations.push({
      bytes,
      apply(scope) {
        const rows = valueRows(spec.cells, block.from, block.to, width);
        scope.range(spec.name, { row: block.from, col: 0, rowCount: rows.length, colCount: width }).values = rows;
        const formulas = formulaBlock(spec.cells, block.from, block.to);
        if (formulas) scope.range(spec.name, formulas.range).formulas = formulas.formulas;
      },
    });
    from = to;
  }
  return operations;
}

const HORIZONTAL = { left: 'Left', center: 'Center', right: 'Right' } as const;
const VERTICAL = { top: 'Top', center: 'Center', bottom: 'Bottom' } as const;

/** Excel's column width unit is the character; Office.js wants points (7 px per character + 5 px padding). */
export function characterWidthToPoints(characters: number): number {
  return Math.round((characters * 7 + 5) * 0.75 * 100) / 100;
}

/** Request weight of one styled range: a call per property, plus the number formats' 2-D array. */
function styleBytes(style: CellStyle, range: CellRange): number {
  const calls = Object.keys(style).length + (style.border ? 12 : 0) + 1;
  const formats = style.numberFormat ? range.rowCount * range.colCount * (jsonBytes(style.numberFormat) + 1) : 0;
  return calls * ACTION_BYTES + formats;
}

/** The format properties of a style, on one range or on several areas at once (no number format there). */
function applyFormat(format: Excel.RangeFormat, style: CellStyle, multiRow: boolean, multiColumn: boolean): void {
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize) format.font.size = style.fontSize;
  if (style.fontColor) format.font.color = style.fontColor;
  if (style.fill) format.fill.color = style.fill;
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.horizontal) format.horizontalAlignment = HORIZONTAL[style.horizontal];
  if (style.vertical) format.verticalAlignment = VERTICAL[style.vertical];
  if (style.border) {
    const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical')[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (multiRow) edges.push('InsideHorizontal');
    if (multiColumn) edges.push('InsideVertical');
    for (const edge of edges) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.color = '#BFBFBF';
    }
  }
}

function applyStyle(range: Excel.Range, area: CellRange, style: CellStyle): void {
  applyFormat(range.format, style, area.rowCount > 1, area.colCount > 1);
  if (style.numberFormat) {
    const numberFormat = style.numberFormat;
    range.numberFormat = Array.from({ length: area.rowCount }, () => Array.from({ length: area.colCount }, () => numberFormat));
  }
}

const overlap = (a: CellRange, b: CellRange) =>
  a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.col < b.col + b.colCount && b.col < a.col + a.colCount;

/** Longest address list given to one `getRanges` call. */
const MAX_AREAS_ADDRESS = 2_000;

interface StyleGroup {
  style: CellStyle;
  key: string;
  ranges: CellRange[];
}

/**
 * Styled ranges gathered by identical style, so that a style repeated on many blocks (each list of
 * a printable sheet...) costs one call per property instead of one per block and property. A range
 * joins the latest group of its style unless a differently styled range applied since overlaps it
 * (the later style must keep winning). Number formats are per-cell arrays: never gathered.
 */
export function groupStyles(styles: { range: CellRange; style: CellStyle }[]): StyleGroup[] {
  const groups: StyleGroup[] = [];
  for (const { range, style } of styles) {
    // Bordered areas are gathered only with areas of the same shape: inside lines are asked for only
    // where an area has more than one row (or column), as for a single range.
    const shape = style.border ? `|${range.rowCount > 1}|${range.colCount > 1}` : '';
    const key = style.numberFormat ? '' : JSON.stringify(style) + shape;
    let target: StyleGroup | undefined;
    for (let g = groups.length - 1; g >= 0; g--) {
      const group = groups[g];
      if (key && group.key === key) {
        target = group;
        break;
      }
      if (group.ranges.some((other) => overlap(other, range))) break;
    }
    if (target) target.ranges.push(range);
    else groups.push({ style, key, ranges: [range] });
  }
  return groups;
}

/** A1 address lists of at most MAX_AREAS_ADDRESS characters. */
function addressChunks(ranges: CellRange[]): { address: string; ranges: CellRange[] }[] {
  const chunks: { address: string; ranges: CellRange[] }[] = [];
  for (const range of ranges) {
    const end = a1(range.row + range.rowCount - 1, range.col + range.colCount - 1);
    const address = range.rowCount === 1 && range.colCount === 1 ? a1(range.row, range.col) : `${a1(range.row, range.col)}:${end}`;
    const last = chunks[chunks.length - 1];
    if (last && last.address.length + address.length + 1 <= MAX_AREAS_ADDRESS) {
      last.address += `,${address}`;
      last.ranges.push(range);
    } else {
      chunks.push({ address, ranges: [range] });
    }
  }
  return chunks;
}

/**
 * One operation per style group: a single range as before, several through `getRanges` when
 * `multiArea`, else each area on its own. `getRanges("A1:B2,D4")` takes the comma the reference
 * documents, but Excel for Windows in a locale whose list separator is `;` (French, German) has been
 * reported to refuse it with InvalidArgument (office-js issues 1167 and 1985): the gateway then writes
 * again with `multiArea` off, so no separator is ever needed.
 */
function styleOperations(name: string, styles: { range: CellRange; style: CellStyle }[], multiArea: boolean): WriteOperation[] {
  return groupStyles(styles).flatMap(({ style, ranges }) => {
    if (ranges.length === 1 || !multiArea) {
      return ranges.map((range) => ({ bytes: styleBytes(style, range), apply: (scope: RequestScope) => applyStyle(scope.range(name, range), range, style) }));
    }
    return addressChunks(ranges).map(({ address, ranges: chunk }) => ({
      bytes: styleBytes(style, { row: 0, col: 0, rowCount: 1, colCount: 1 }) + address.length,
      apply(scope: RequestScope) {
        const multiRow = chunk.some((r) => r.rowCount > 1);
        const multiColumn = chunk.some((r) => r.colCount > 1);
        applyFormat(scope.sheet(name).getRanges(address).format, style, multiRow, multiColumn);
      },
    }));
  });
}

const OPERATORS: Record<ConditionalFormatSpec['operator'], 'LessThan' | 'GreaterThan' | 'EqualTo' | 'NotEqualTo'> = {
  lessThan: 'LessThan',
  greaterThan: 'GreaterThan',
  equal: 'EqualTo',
  notEqual: 'NotEqualTo',
};

function criterion(value: number | string): string {
  return typeof value === 'number' ? `=${value}` : `="${value.replace(/"/g, '""')}"`;
}

function applyConditionalFormat(range: Excel.Range, spec: ConditionalFormatSpec): void {
  const format = range.conditionalFormats.add('CellValue');
  const { fill, fontColor, bold } = spec.style;
  if (fill) format.cellValue.format.fill.color = fill;
  if (fontColor) format.cellValue.format.font.color = fontColor;
  if (bold) format.cellValue.format.font.bold = true;
  format.cellValue.rule = { formula1: criterion(spec.value), operator: OPERATORS[spec.operator] };
}

const operation = (calls: number, payload: unknown, apply: WriteOperation['apply']): WriteOperation => ({
  bytes: calls * ACTION_BYTES + jsonBytes(payload),
  apply,
});

/**
 * Formats, merges, tables over the written data, conditional formats, validations, widths, panes, tab,
 * charts and page layout: one small operation each, so that a heavily formatted sheet can be split too.
 */
function layoutOperations(spec: SheetSpec, multiArea: boolean): WriteOperation[] {
  const name = spec.name;
  const operations: WriteOperation[] = [];
  operations.push(...styleOperations(name, spec.styles ?? [], multiArea));
  for (const merge of spec.merges ?? []) {
    operations.push(operation(2, merge, (scope) => scope.range(name, merge).merge(false)));
  }
  for (const table of spec.tables ?? []) {
    operations.push(
      operation(4, table, (scope) => {
        const added = scope.sheet(name).tables.add(scope.range(name, table.range), true);
        added.name = table.name;
        added.style = table.style;
      }),
    );
  }
  for (const format of spec.conditionalFormats ?? []) {
    operations.push(operation(6, format, (scope) => applyConditionalFormat(scope.range(name, format.range), format)));
  }
  for (const validation of spec.validations ?? []) {
    operations.push(
      operation(4, validation, (scope) => {
        const target = scope.range(name, validation.range).dataValidation;
        target.ignoreBlanks = true;
        target.rule = { list: { inCellDropDown: true, source: validation.values.filter((v) => v !== '').join(',') } };
      }),
    );
  }
  const widths = spec.columnWidths ?? [];
  if (widths.length) {
    operations.push(
      operation(2 * widths.length, widths, (scope) =>
        widths.forEach((width, col) => {
          scope.range(name, { row: 0, col, rowCount: 1, colCount: 1 }).format.columnWidth = characterWidthToPoints(width);
        }),
      ),
    );
  }
  const freeze = spec.freeze;
  if (freeze && (freeze.rows > 0 || freeze.cols > 0)) {
    operations.push(
      operation(2, freeze, (scope) => {
        const panes = scope.sheet(name).freezePanes;
        if (freeze.rows > 0 && freeze.cols > 0) panes.freezeAt(scope.range(name, { row: 0, col: 0, rowCount: freeze.rows, colCount: freeze.cols }));
        else if (freeze.rows > 0) panes.freezeRows(freeze.rows);
        else panes.freezeColumns(freeze.cols);
      }),
    );
  }
  const tabColor = spec.tabColor;
  if (tabColor) operations.push(operation(1, tabColor, (scope) => (scope.sheet(name).tabColor = tabColor)));
  for (const chart of spec.charts ?? []) {
    operations.push(
      operation(5, chart, (scope) => {
        const type = chart.type === 'bar' ? 'BarClustered' : 'ColumnClustered';
        const added = scope.sheet(name).charts.add(type, scope.range(name, chart.data), 'Columns');
        added.title.text = chart.title;
        const end = a1(chart.anchor.row + chart.size.rows - 1, chart.anchor.col + chart.size.cols - 1);
        added.setPosition(a1(chart.anchor.row, chart.anchor.col), end);
      }),
    );
  }
  if (spec.landscape) {
    operations.push(operation(2, null, (scope) => (scope.sheet(name).pageLayout.orientation = 'Landscape')));
  }
  if (spec.print) operations.push(...printOperations(name, spec.print));
  return operations;
}

/**
 * Paper size, orientation, fit to the page width, rows repeated at the top of each page, the footer
 * (sheet name, date, page n / total) and one manual page break above each row that starts a page
 * (all ExcelApi 1.9).
 */
function printOperations(name: string, print: PrintSpec): WriteOperation[] {
  const operations: WriteOperation[] = [];
  const paper = print.paper;
  if (paper) operations.push(operation(2, paper, (scope) => (scope.sheet(name).pageLayout.paperSize = paper)));
  if (print.landscape !== undefined) {
    const orientation = print.landscape ? 'Landscape' : 'Portrait';
    operations.push(operation(2, orientation, (scope) => (scope.sheet(name).pageLayout.orientation = orientation)));
  }
  if (print.fitToWidth) {
    // 0 pages tall: as many as needed, like OOXML fitToHeight="0".
    operations.push(operation(2, null, (scope) => (scope.sheet(name).pageLayout.zoom = { horizontalFitToPages: 1, verticalFitToPages: 0 })));
  }
  const repeat = print.repeatRows;
  if (repeat) {
    const rows = `$${repeat.first + 1}:$${repeat.last + 1}`;
    operations.push(operation(2, rows, (scope) => scope.sheet(name).pageLayout.setPrintTitleRows(rows)));
  }
  if (print.footer) {
    operations.push(operation(2, PRINT_FOOTER, (scope) => (scope.sheet(name).pageLayout.headersFooters.defaultForAllPages.centerFooter = PRINT_FOOTER)));
  }
  const breaks = (print.pageBreaksBefore ?? []).filter((row) => row > 0);
  if (breaks.length) {
    operations.push(
      operation(2 * breaks.length, breaks, (scope) => {
        const pageBreaks = scope.sheet(name).horizontalPageBreaks;
        for (const row of breaks) pageBreaks.add(scope.range(name, { row, col: 0, rowCount: 1, colCount: 1 }));
      }),
    );
  }
  return operations;
}

/** Suffix of the hidden copy of an AP sheet that a generation replaced (for « Annuler la dernière génération »). */
export const BACKUP_SUFFIX = ' (préc.)';
/** Prefix of the temporary sheets of earlier versions; a leftover one is deleted by the next write. */
export const STAGING_PREFIX = 'AP ~';
/**
 * Fingerprint of a sheet being written: set before its content is touched, replaced by the content's
 * fingerprint in the write's last sync. A sheet still marked so was left by an interrupted write.
 */
export const INCOMPLETE = 'écriture en cours';

/** The hidden copy's name of an AP sheet, within Excel's 31 characters. */
export function backupName(name: string): string {
  return name.slice(0, 31 - BACKUP_SUFFIX.length) + BACKUP_SUFFIX;
}

export function isBackupName(name: string): boolean {
  return name.endsWith(BACKUP_SUFFIX);
}

/** A table name that no table of the workbook holds: `AP_Groupes`, else `AP_Groupes_2`, `_3`... */
export function freeTableName(wanted: string, taken: Set<string>): string {
  const lower = (name: string) => name.toLocaleLowerCase('en');
  let name = wanted;
  for (let n = 2; taken.has(lower(name)); n++) name = `${wanted}_${n}`;
  taken.add(lower(name));
  return name;
}

/**
 * Worksheet calls that cannot be undone, per platform (« Undo support with the Excel JavaScript API »,
 * learn.microsoft.com/office/dev/add-ins/excel/excel-add-ins-undo-capabilities): `Worksheet.copy` and
 * `Worksheet.delete` nowhere; `Worksheet.name`, `.position` and `.visibility` not in Excel on Windows
 * and on Mac. Inside a `mergeUndoGroup` batch such a call throws `UndoNotSupported`; outside one, it
 * clears the user's undo stack.
 */
export type StructuralCall = 'copy' | 'delete' | 'rename' | 'move' | 'hide';
const NEVER_UNDONE: StructuralCall[] = ['copy', 'delete'];
const UNDONE_ON_THE_WEB_ONLY: StructuralCall[] = ['rename', 'move', 'hide'];

/** Can every call of a write be undone as one group on this platform (`web`: Excel on the web)? */
export function canGroupUndo(calls: Set<StructuralCall>, onTheWeb: boolean): boolean {
  if (NEVER_UNDONE.some((call) => calls.has(call))) return false;
  return onTheWeb || !UNDONE_ON_THE_WEB_ONLY.some((call) => calls.has(call));
}

export interface WritePlanContext {
  /** Sheets of the workbook as last seen. */
  known: KnownSheet[];
  /** Every table name of the workbook (names are workbook-wide). */
  tableNames: string[];
  budget: number;
  /** Sheet to bring to the front at the end. */
  activate?: string;
  /** Mark written sheets with their content fingerprint, and leave alone those whose content is unchanged. */
  fingerprints?: boolean;
  /** Style several areas with one `getRanges` call (default); off: each area on its own. */
  multiArea?: boolean;
}

export interface PlannedWrite {
  operations: WriteOperation[];
  /** Output sheets that had no predecessor (deleted by an undo). */
  created: string[];
  /** Existing AP sheets whose previous content is kept hidden as `… (préc.)` (restored by an undo). */
  replaced: string[];
  /** Output sheets left as they were: same content fingerprint as the spec. */
  unchanged: string[];
  /** Every sheet name of the workbook once the write is done (order not kept). */
  sheetsAfter: string[];
  /** The worksheet calls of the write that some platform cannot undo. */
  structuralCalls: Set<StructuralCall>;
}

/**
 * A sheet that the write empties before writing it again in place: its tables and charts removed,
 * its cells, merges, conditional formats, validations, frozen panes and page breaks cleared. The
 * sheet itself stays, under its name: a coordinator's formula (`='AP Groupes'!B5`), a defined name or
 * a chart series that points at it keeps pointing at it, and shows the new values.
 */
function resetSheet(sheet: KnownSheet): WriteOperation {
  return {
    bytes: (sheet.tables.length + sheet.charts.length + 6) * ACTION_BYTES,
    apply(scope) {
      const target = scope.sheet(sheet.name);
      for (const table of sheet.tables) target.tables.getItem(table).delete();
      for (const chart of sheet.charts) target.charts.getItem(chart).delete();
      const all = target.getRange();
      all.unmerge();
      all.conditionalFormats.clearAll();
      all.dataValidation.clear();
      all.clear('All');
      target.freezePanes.unfreeze();
      target.horizontalPageBreaks.removePageBreaks();
    },
  };
}

/**
 * Every operation needed to write `specs`, in the order they must run. Parameter sheets that already
 * exist are skipped, and so are output sheets whose fingerprint says their content is unchanged.
 *
 * An AP sheet is rewritten in place, never renamed nor deleted, so that whatever points at it keeps
 * working: first its previous content is copied to a hidden `… (préc.)` sheet (the one an undo puts
 * back; the copy's tables get new names from Excel, the live sheet's keep theirs), and the sheet is
 * marked INCOMPLETE; then it is emptied and written; its fingerprint comes last. A write interrupted
 * halfway leaves the copy, and the mark that tells the next read (see officeGateway.ts).
 */
export function planWrite(specs: SheetSpec[], plan: WritePlanContext): PlannedWrite {
  const { known, budget } = plan;
  const fingerprintOf = new Map(plan.fingerprints ? specs.map((spec) => [spec, specFingerprint(spec)]) : []);
  const unchanged = specs.filter((spec) => {
    const existing = findSheet(known, spec.name);
    return (
      spec.role === 'output' && existing?.ours && existing.name === spec.name && !!existing.fingerprint && existing.fingerprint === fingerprintOf.get(spec) && sameExtent(existing.extent, spec)
    );
  });
  const toWrite = specs
    .filter((spec) => !unchanged.includes(spec) && (spec.role === 'output' || !findSheet(known, spec.name)))
    .map((spec) => ({ spec, existing: findSheet(known, spec.name), fingerprint: fingerprintOf.get(spec) ?? null }));
  const structuralCalls = new Set<StructuralCall>();
  const leftovers = known.filter((sheet) => sheet.ours && sheet.name.startsWith(STAGING_PREFIX));
  // A sheet an interrupted write left incomplete is not copied: its backup is the one of before.
  const backedUp = toWrite.filter(({ existing }) => existing && existing.fingerprint !== INCOMPLETE);
  const keptBackups = new Set(toWrite.filter(({ existing }) => existing?.fingerprint === INCOMPLETE).map(({ existing }) => backupName((existing as KnownSheet).name)));
  // A generation that changes no sheet keeps the copies of the one before, which can still be undone.
  const oldBackups = toWrite.length ? known.filter((sheet) => sheet.ours && isBackupName(sheet.name) && !keptBackups.has(sheet.name)) : [];
  if (leftovers.length || oldBackups.length) structuralCalls.add('delete');
  if (backedUp.length) ['copy', 'rename', 'hide'].forEach((call) => structuralCalls.add(call as StructuralCall));

  const prepare: WriteOperation[] = [];
  if (leftovers.length || oldBackups.length) {
    prepare.push({
      bytes: (leftovers.length + oldBackups.length) * ACTION_BYTES,
      apply: (scope) => [...leftovers, ...oldBackups].forEach((sheet) => scope.sheet(sheet.name).delete()),
    });
  }
  for (const { existing } of backedUp) {
    const sheet = existing as KnownSheet;
    prepare.push({
      bytes: 3 * ACTION_BYTES,
      apply(scope) {
        const copy = scope.sheet(sheet.name).copy('End');
        copy.name = backupName(sheet.name);
        copy.visibility = 'Hidden';
      },
    });
  }
  for (const { spec, existing } of toWrite) {
    prepare.push({
      bytes: 2 * ACTION_BYTES,
      apply(scope) {
        const sheet = existing ? scope.sheet(existing.name) : addSheet(scope, spec);
        if (plan.fingerprints) sheet.customProperties.add(FINGERPRINT_KEY, INCOMPLETE);
      },
    });
    if (existing) prepare.push(resetSheet(existing));
  }
  const finish: WriteOperation = {
    bytes: (toWrite.length + 1) * ACTION_BYTES,
    apply(scope) {
      for (const { spec, fingerprint } of toWrite) if (fingerprint) scope.sheet(spec.name).customProperties.add(FINGERPRINT_KEY, fingerprint);
      if (plan.activate) scope.sheet(plan.activate).activate();
    },
  };
  // Written under the existing sheet's name (same sheet whatever the case of the spec's name). The
  // tables of the sheets emptied first free their names: each table is added under its own name again.
  const emptied = new Set(toWrite.flatMap(({ existing }) => existing?.tables ?? []).map((name) => name.toLocaleLowerCase('en')));
  const takenTables = new Set(plan.tableNames.map((name) => name.toLocaleLowerCase('en')).filter((name) => !emptied.has(name)));
  const targets = toWrite.map(({ spec, existing }) => ({
    ...spec,
    name: existing?.name ?? spec.name,
    tables: spec.tables?.map((t) => ({ ...t, name: freeTableName(t.name, takenTables) })),
  }));
  return {
    operations: [
      ...prepare,
      ...targets.flatMap((target) => contentOperations(target, budget / 2)),
      ...targets.flatMap((target) => layoutOperations(target, plan.multiArea ?? true)),
      ...(toWrite.length || plan.activate ? [finish] : []),
    ],
    unchanged: unchanged.map((spec) => spec.name),
    created: toWrite.filter((s) => !s.existing && s.spec.role === 'output').map((s) => s.spec.name),
    replaced: toWrite.filter((s) => s.existing).map((s) => s.spec.name),
    sheetsAfter: [
      ...new Set([
        ...known.filter((sheet) => !leftovers.includes(sheet) && !oldBackups.includes(sheet)).map((sheet) => sheet.name),
        ...targets.map((target) => target.name),
        ...backedUp.map(({ existing }) => backupName((existing as KnownSheet).name)),
      ]),
    ],
    structuralCalls,
  };
}

/** A new sheet under its own name, marked as ours with its marker cell at once. */
function addSheet(scope: RequestScope, spec: SheetSpec): Excel.Worksheet {
  const fresh = scope.context.workbook.worksheets.add(spec.name);
  markAsOurs(fresh, spec);
  scope.remember(spec.name, fresh);
  return fresh;
}
