/**
 * A worksheet part written straight from its sheet spec, in the CT_Worksheet element order Excel
 * requires (sheetPr, dimension, sheetViews, cols, sheetData, mergeCells, conditionalFormatting,
 * dataValidations, pageMargins, pageSetup, headerFooter, rowBreaks, drawing, tableParts), and the
 * parts that hang from it (tables, charts). Text is written as inline strings, so that the
 * coordinator's shared string table is never touched. Work and memory follow the number of cells:
 * every cell's format is looked up in a table of distinct formats, every distinct text escaped once.
 * No Node module, no DOM: this runs in a Web Worker too.
 */
import { columnLetters, rangeA1, type CellRange } from '../../../core/grid';
import { isFormula, PRINT_FOOTER, type PrintSpec, type SheetSpec, type SpecCell, type TableSpec } from '../../../core/render/sheetSpec';
import { escapeXml, NS } from '../package/opc';
import type { StyleTable } from './styleTable';

/** A spec with each cell's format (index in the style table) and its conditional formats' dxf ids. */
export interface SheetLayout {
  spec: SheetSpec;
  /** formats[row][col]; a missing row or column has the default format 0. */
  formats: (Int32Array | undefined)[];
  dxfIds: number[];
  /** Header cells of the tables, written with their column names. */
  headers: Map<number, Map<number, string>>;
}

/** OOXML paper size codes (ECMA-376, `paperSize`). */
const PAPER_CODES: Record<NonNullable<PrintSpec['paper']>, number> = { A4: 9 };
/** Last column index of a sheet (XFD), the extent of a manual row break. */
const LAST_COLUMN = 16383;

/**
 * Column names of a table: its header cells as text, each name once ignoring case (Excel requires a
 * distinct name for each column and repairs the file otherwise).
 */
export function tableColumnNames(spec: SheetSpec, table: TableSpec): string[] {
  const header = spec.cells[table.range.row] ?? [];
  const used = new Set<string>();
  return Array.from({ length: table.range.colCount }, (_, i) => {
    const cell = header[table.range.col + i];
    const text = (cell === null || cell === undefined ? '' : isFormula(cell) ? String(cell.value ?? '') : String(cell)) || `Colonne ${i + 1}`;
    let name = text;
    for (let n = 2; used.has(name.toLowerCase()); n++) name = `${text} ${n}`;
    used.add(name.toLowerCase());
    return name;
  });
}

/** Resolve every cell's format once, range by range (each range style is looked up once). */
export function layoutSheet(spec: SheetSpec, styles: StyleTable): SheetLayout {
  const formats: (Int32Array | undefined)[] = [];
  for (const { range, style } of spec.styles ?? []) {
    const id = styles.styleId(style);
    const width = range.col + range.colCount;
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      let row = formats[r];
      if (!row || row.length < width) {
        const grown = new Int32Array(Math.max(width, row?.length ?? 0));
        if (row) grown.set(row);
        row = formats[r] = grown;
      }
      for (let c = range.col; c < width; c++) row[c] = styles.over(row[c], id);
    }
  }
  const headers = new Map<number, Map<number, string>>();
  for (const table of spec.tables ?? []) {
    const row = headers.get(table.range.row) ?? new Map<number, string>();
    tableColumnNames(spec, table).forEach((name, i) => row.set(table.range.col + i, name));
    headers.set(table.range.row, row);
  }
  const dxfIds = (spec.conditionalFormats ?? []).map((format) => styles.dxf(format.style));
  return { spec, formats, dxfIds, headers };
}

// Characters XML 1.0 cannot hold, and a literal `_xHHHH_` (which Excel would read as an escape).
// eslint-disable-next-line no-control-regex -- these are exactly the characters to escape
const EXCEL_ESCAPED = /[\u0000-\u0008\u000B\u000C\u000E-\u001F\uFFFE\uFFFF]|[\uD800-\uDBFF](?![\uDC00-\uDFFF])|(?<![\uD800-\uDBFF])[\uDC00-\uDFFF]|_(?=x[0-9A-Fa-f]{4}_)/g;
// eslint-disable-next-line no-control-regex -- the same characters, tested before any work
const NEEDS_WORK = /[&<>"\u0000-\u0008\u000B\u000C\u000E-\u001F\uD800-\uDFFF\uFFFE\uFFFF_]/;

/** Text as Excel stores it in XML: escaped, characters XML cannot hold as `_xHHHH_` (Excel's own form). */
export function excelText(text: string): string {
  if (!NEEDS_WORK.test(text)) return text;
  return escapeXml(text.replace(EXCEL_ESCAPED, (ch) => `_x${ch.charCodeAt(0).toString(16).toUpperCase().padStart(4, '0')}_`));
}

/** Cell bodies already written for a text (names, classes, workshops repeat on every row). */
class TextCells {
  private readonly bodies = new Map<string, string>();

  /** `t="inlineStr"><is><t>…</t></is></c>`: the end of a text cell after its address and format. */
  body(text: string): string {
    let body = this.bodies.get(text);
    if (body === undefined) {
      const space = text !== text.trim() || text.includes('\n') ? ' xml:space="preserve"' : '';
      body = ` t="inlineStr"><is><t${space}>${excelText(text)}</t></is></c>`;
      if (this.bodies.size < 200_000) this.bodies.set(text, body);
    }
    return body;
  }
}

function cellXml(ref: string, xf: number, cell: SpecCell | undefined, texts: TextCells): string {
  const head = xf ? `<c r="${ref}" s="${xf}"` : `<c r="${ref}"`;
  if (cell === null || cell === undefined) return `${head}/>`;
  switch (typeof cell) {
    case 'string':
      return head + texts.body(cell);
    case 'number':
      return Number.isFinite(cell) ? `${head}><v>${cell}</v></c>` : `${head}/>`;
    case 'boolean':
      return `${head} t="b"><v>${cell ? 1 : 0}</v></c>`;
    default: {
      const formula = `<f>${escapeXml(cell.formula.replace(/^=/, ''))}</f>`;
      if (typeof cell.value === 'string') return `${head} t="str">${formula}<v>${excelText(cell.value)}</v></c>`;
      if (typeof cell.value === 'number' && Number.isFinite(cell.value)) return `${head}>${formula}<v>${cell.value}</v></c>`;
      return `${head}>${formula}</c>`;
    }
  }
}

function paneXml(freeze: NonNullable<SheetSpec['freeze']>): string {
  const { rows, cols } = freeze;
  if (rows <= 0 && cols <= 0) return '<sheetView workbookViewId="0"/>';
  const pane = rows > 0 && cols > 0 ? 'bottomRight' : rows > 0 ? 'bottomLeft' : 'topRight';
  const split = `${cols > 0 ? ` xSplit="${cols}"` : ''}${rows > 0 ? ` ySplit="${rows}"` : ''}`;
  return `<sheetView workbookViewId="0"><pane${split} topLeftCell="${columnLetters(Math.max(cols, 0))}${Math.max(rows, 0) + 1}" activePane="${pane}" state="frozen"/><selection pane="${pane}"/></sheetView>`;
}

function pageSetupXml(spec: SheetSpec): { fitToPage: boolean; xml: string } {
  const print = spec.print;
  const landscape = print?.landscape ?? spec.landscape;
  const fitToPage = Boolean(print?.fitToWidth || spec.landscape);
  const attributes = [
    print?.paper ? ` paperSize="${PAPER_CODES[print.paper]}"` : '',
    landscape !== undefined ? ` orientation="${landscape ? 'landscape' : 'portrait'}"` : '',
    fitToPage ? ' fitToWidth="1" fitToHeight="0"' : '',
  ].join('');
  const setup = attributes ? `<pageSetup${attributes}/>` : '';
  const footer = print?.footer ? `<headerFooter><oddFooter>${escapeXml(PRINT_FOOTER)}</oddFooter></headerFooter>` : '';
  const breaks = (print?.pageBreaksBefore ?? []).filter((row) => row > 0);
  const rowBreaks = breaks.length
    ? `<rowBreaks count="${breaks.length}" manualBreakCount="${breaks.length}">${breaks.map((row) => `<brk id="${row}" max="${LAST_COLUMN}" man="1"/>`).join('')}</rowBreaks>`
    : '';
  return { fitToPage, xml: `<pageMargins left="0.7" right="0.7" top="0.75" bottom="0.75" header="0.3" footer="0.3"/>${setup}${footer}${rowBreaks}` };
}

function conditionalFormatsXml(spec: SheetSpec, dxfIds: number[], dxf: (index: number) => number): string {
  // Excel gives every rule of a sheet its own priority (its Manage Rules dialog relies on it).
  return (spec.conditionalFormats ?? [])
    .map((format, i) => {
      const value = typeof format.value === 'number' ? String(format.value) : `"${format.value.replace(/"/g, '""')}"`;
      return `<conditionalFormatting sqref="${rangeA1(format.range)}"><cfRule type="cellIs" dxfId="${dxf(dxfIds[i])}" priority="${i + 1}" operator="${format.operator}"><formula>${escapeXml(value)}</formula></cfRule></conditionalFormatting>`;
    })
    .join('');
}

function validationsXml(spec: SheetSpec): string {
  const validations = spec.validations ?? [];
  if (!validations.length) return '';
  const items = validations.map((validation) => {
    const list = `"${validation.values.filter(Boolean).join(',')}"`;
    return `<dataValidation type="list" allowBlank="1" sqref="${rangeA1(validation.range)}"><formula1>${escapeXml(list)}</formula1></dataValidation>`;
  });
  return `<dataValidations count="${items.length}">${items.join('')}</dataValidations>`;
}

function dimension(spec: SheetSpec, formats: SheetLayout['formats']): string {
  let rows = 0;
  let cols = 0;
  const rowCount = Math.max(spec.cells.length, formats.length);
  for (let r = 0; r < rowCount; r++) {
    const width = Math.max(spec.cells[r]?.length ?? 0, formats[r]?.length ?? 0);
    if (width) {
      rows = r + 1;
      cols = Math.max(cols, width);
    }
  }
  return rows ? rangeA1({ row: 0, col: 0, rowCount: rows, colCount: cols }) : 'A1';
}

export interface SheetRelationships {
  /** Relationship id of each table part, in spec order. */
  tables: string[];
  drawing?: string;
}

/**
 * The worksheet part, chunk by chunk (one per block of rows): written while it is zipped, a large sheet
 * is never one huge string. `xf` and `dxf` map the style table's indices to those of the package's
 * styles part.
 */
export function* sheetXml(layout: SheetLayout, xf: (index: number) => number, dxf: (index: number) => number, rels: SheetRelationships): Generator<string> {
  const { spec, formats, headers } = layout;
  const texts = new TextCells();
  const print = pageSetupXml(spec);
  const sheetPr = spec.tabColor || print.fitToPage
    ? `<sheetPr>${spec.tabColor ? `<tabColor rgb="FF${spec.tabColor.replace('#', '').toUpperCase()}"/>` : ''}${print.fitToPage ? '<pageSetUpPr fitToPage="1"/>' : ''}</sheetPr>`
    : '';
  const cols = (spec.columnWidths ?? [])
    .map((width, c) => (width === undefined || width === null ? '' : `<col min="${c + 1}" max="${c + 1}" width="${width}" customWidth="1"/>`))
    .join('');
  yield `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<worksheet xmlns="${NS.main}" xmlns:r="${NS.rel}">` +
    `${sheetPr}<dimension ref="${dimension(spec, formats)}"/><sheetViews>${spec.freeze ? paneXml(spec.freeze) : '<sheetView workbookViewId="0"/>'}</sheetViews>` +
    `<sheetFormatPr defaultRowHeight="15"/>${cols ? `<cols>${cols}</cols>` : ''}<sheetData>`;
  const letters: string[] = [];
  const xfCache: number[] = [];
  const mapped = (index: number) => (index === 0 ? 0 : (xfCache[index] ??= xf(index)));
  const rowCount = Math.max(spec.cells.length, formats.length);
  let block = '';
  for (let r = 0; r < rowCount; r++) {
    const cells = spec.cells[r];
    const rowFormats = formats[r];
    const header = headers.get(r);
    const width = Math.max(cells?.length ?? 0, rowFormats?.length ?? 0);
    const rowNumber = r + 1;
    let row = '';
    for (let c = 0; c < width; c++) {
      const format = rowFormats && c < rowFormats.length ? rowFormats[c] : 0;
      const cell = header?.get(c) ?? cells?.[c];
      if ((cell === null || cell === undefined) && format === 0) continue;
      row += cellXml(`${(letters[c] ??= columnLetters(c))}${rowNumber}`, mapped(format), cell, texts);
    }
    if (row) block += `<row r="${rowNumber}">${row}</row>`;
    if (block.length > 1 << 16) {
      yield block;
      block = '';
    }
  }
  const merges = spec.merges ?? [];
  const tail =
    `${block}</sheetData>` +
    (merges.length ? `<mergeCells count="${merges.length}">${merges.map((m: CellRange) => `<mergeCell ref="${rangeA1(m)}"/>`).join('')}</mergeCells>` : '') +
    conditionalFormatsXml(spec, layout.dxfIds, dxf) +
    validationsXml(spec) +
    print.xml +
    (rels.drawing ? `<drawing r:id="${rels.drawing}"/>` : '') +
    (rels.tables.length ? `<tableParts count="${rels.tables.length}">${rels.tables.map((id) => `<tablePart r:id="${id}"/>`).join('')}</tableParts>` : '') +
    '</worksheet>';
  yield tail;
}

/** A table part: header row, autofilter over the whole range, the spec's built-in style. */
export function tableXml(spec: SheetSpec, table: TableSpec, id: number, name: string): string {
  const ref = rangeA1(table.range);
  const columns = tableColumnNames(spec, table).map((column, i) => `<tableColumn id="${i + 1}" name="${excelText(column)}"/>`);
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<table xmlns="${NS.main}" id="${id}" name="${escapeXml(name)}" displayName="${escapeXml(name)}" ref="${ref}" totalsRowShown="0">` +
    `<autoFilter ref="${ref}"/><tableColumns count="${columns.length}">${columns.join('')}</tableColumns>` +
    `<tableStyleInfo name="${escapeXml(table.style)}" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/></table>`
  );
}
