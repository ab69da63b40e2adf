/**
 * Writing sheet specs with Office.js. A spec becomes a list of operations, each of which only queues
 * calls on the request context and knows roughly how many bytes it adds to the request. The gateway
 * sends as many operations per sync as fit under the request cap of Excel on the web (5 MB), so a
 * usual generation is written in a single round trip and a huge one is split by rows.
 *
 * Order inside a request matters: sheets are (re)created first, then values and formulas, then
 * formats, merges, tables over the written data, conditional formats, validations, layout, charts.
 */
import { a1, type CellRange } from '../../core/grid';
import { isFormula, MARKER, type CellStyle, type ConditionalFormatSpec, type SheetSpec, type SpecCell } from '../../core/render/sheetSpec';
import { jsonBytes, toExcelInput } from './cellText';
import { findBySheetName } from '../../core/sheetNames';

/** Fixed cost of one queued call (object path and action envelope in the request JSON). */
export const ACTION_BYTES = 300;

/** The sheets of the workbook as last seen: enough to decide how to write each spec. */
export interface KnownSheet {
  name: string;
  /** Tab position (0-based). */
  position: number;
  /** Written by Pilote AP (name prefix and marker in A1). */
  ours: boolean;
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
 * Replace a sheet of ours in place: the old one is renamed out of the way, the new one takes its name
 * and tab position, then the old one (with its tables, whose names become free) is deleted. Adding
 * before deleting means the workbook never lacks a visible sheet.
 */
function replaceSheet(spec: SheetSpec, existing: KnownSheet, parkingName: string): WriteOperation {
  return {
    bytes: 7 * ACTION_BYTES,
    apply(scope) {
      const old = scope.sheet(existing.name);
      old.name = parkingName;
      const fresh = scope.context.workbook.worksheets.add(spec.name);
      fresh.position = existing.position;
      old.delete();
      markAsOurs(fresh, spec);
      scope.remember(spec.name, fresh);
    },
  };
}

function addSheet(spec: SheetSpec): WriteOperation {
  return {
    bytes: 3 * ACTION_BYTES,
    apply(scope) {
      const fresh = scope.context.workbook.worksheets.add(spec.name);
      markAsOurs(fresh, spec);
      scope.remember(spec.name, fresh);
    },
  };
}

/**
 * Write the marker cell with the sheet itself: should a later call of a split write fail, the sheet
 * is still recognised as ours and the next generation may replace it.
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

function applyStyle(range: Excel.Range, area: CellRange, style: CellStyle): void {
  const format = range.format;
  if (style.bold !== undefined) format.font.bold = style.bold;
  if (style.italic !== undefined) format.font.italic = style.italic;
  if (style.fontSize) format.font.size = style.fontSize;
  if (style.fontColor) format.font.color = style.fontColor;
  if (style.fill) format.fill.color = style.fill;
  if (style.wrap !== undefined) format.wrapText = style.wrap;
  if (style.horizontal) format.horizontalAlignment = HORIZONTAL[style.horizontal];
  if (style.vertical) format.verticalAlignment = VERTICAL[style.vertical];
  if (style.numberFormat) {
    const numberFormat = style.numberFormat;
    range.numberFormat = Array.from({ length: area.rowCount }, () => Array.from({ length: area.colCount }, () => numberFormat));
  }
  if (style.border) {
    const edges: ('EdgeTop' | 'EdgeBottom' | 'EdgeLeft' | 'EdgeRight' | 'InsideHorizontal' | 'InsideVertical')[] = ['EdgeTop', 'EdgeBottom', 'EdgeLeft', 'EdgeRight'];
    if (area.rowCount > 1) edges.push('InsideHorizontal');
    if (area.colCount > 1) edges.push('InsideVertical');
    for (const edge of edges) {
      const border = format.borders.getItem(edge);
      border.style = 'Continuous';
      border.color = '#BFBFBF';
    }
  }
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
function layoutOperations(spec: SheetSpec): WriteOperation[] {
  const name = spec.name;
  const operations: WriteOperation[] = [];
  for (const { range, style } of spec.styles ?? []) {
    operations.push({ bytes: styleBytes(style, range), apply: (scope) => applyStyle(scope.range(name, range), range, style) });
  }
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
  return operations;
}

/**
 * Every operation needed to write `specs` into a workbook whose sheets are `known`, in the order they
 * must run. Parameter sheets that already exist are skipped; output sheets replace ours.
 */
export function planWrite(specs: SheetSpec[], known: KnownSheet[], budget: number): WriteOperation[] {
  const toWrite = specs.filter((spec) => spec.role === 'output' || !findSheet(known, spec.name));
  // Temporary name of a sheet being replaced: unique per run, under the 31-character limit.
  const stamp = Date.now().toString(36);
  const structure = toWrite.map((spec, index) => {
    const existing = findSheet(known, spec.name);
    return existing ? replaceSheet(spec, existing, `~AP ${stamp} ${index}`) : addSheet(spec);
  });
  const content = toWrite.flatMap((spec) => contentOperations(spec, budget / 2));
  const layout = toWrite.flatMap(layoutOperations);
  return [...structure, ...content, ...layout];
}
