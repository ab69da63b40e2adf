/**
 * LibreOffice Calc (.ods) workbooks: a small streaming reader of `content.xml` (and the named styles of
 * `styles.xml`). Values (text, numbers, percentages, currencies, dates and times as Excel serial numbers,
 * booleans), formulas' computed values, merged cells, hidden rows, columns and sheets, and cell fills.
 * Repeated rows and cells are never expanded blindly: a sheet's trailing million empty rows cost nothing,
 * and only cells that hold something are kept before the grid is built.
 */
import type JSZip from 'jszip';
import { SaxesParser, type SaxesTagPlain } from 'saxes';
import { UnusableInputError } from '../../core/diagnostics';
import type { CellRange, CellValue, Grid, WorkbookSnapshot } from '../../core/grid';
import { checkSheetExtent, MAX_COLUMNS, MAX_ROWS, MAX_SHEET_CELLS } from './limits';
import { readZipEntry } from './zip';

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;
/** A fill on empty cells counts in the sheet's extent only for a few cells, not for a coloured whole column. */
const MAX_FILL_ONLY_BLOCK = 1024;

/** `2026-09-07` or `2026-09-07T13:45:00.5` -> Excel serial number (with the time as a fraction). */
export function odsDateToSerial(text: string): number | null {
  const match = /^(-?\d{4,})-(\d{2})-(\d{2})(?:T(\d{2}):(\d{2}):(\d{2}(?:\.\d+)?))?/.exec(text);
  if (!match) return null;
  const [, y, m, d, hh = '0', mm = '0', ss = '0'] = match;
  const ms = Date.UTC(Number(y), Number(m) - 1, Number(d)) + (Number(hh) * 3600 + Number(mm) * 60 + Number(ss)) * 1000;
  return (ms - EXCEL_EPOCH_UTC) / DAY_MS;
}

/** `PT13H45M00S` -> fraction of a day. */
export function odsDurationToDays(text: string): number | null {
  const match = /^(-)?P(?:(\d+)D)?T?(?:(\d+)H)?(?:(\d+)M)?(?:(\d+(?:\.\d+)?)S)?$/.exec(text);
  if (!match) return null;
  const [, minus, d = '0', h = '0', m = '0', s = '0'] = match;
  const days = Number(d) + (Number(h) * 3600 + Number(m) * 60 + Number(s)) / 86_400;
  return minus ? -days : days;
}

interface Style {
  parent?: string;
  fill?: string | null;
  hiddenTable?: boolean;
}

/** One cell, or several identical neighbours of a row (`number-columns-repeated`), that hold something. */
interface CellRun {
  col: number;
  count: number;
  value: CellValue;
  formula: boolean;
  fill: string | null;
  /** The fill comes from a style set on a few cells (so it may extend the sheet's used area). */
  fillCounts: boolean;
  colSpan: number;
  rowSpan: number;
}

interface SheetState {
  name: string;
  hidden: boolean;
  columns: { start: number; count: number; hidden: boolean; defaultStyle?: string }[];
  columnCount: number;
  rows: { row: number; runs: CellRun[] }[];
  hiddenRows: { start: number; count: number }[];
  storedCells: number;
  row: number;
}

interface CellState {
  attributes: Record<string, string>;
  repeat: number;
  text: string;
  paragraphs: number;
}

function toFill(color: string | undefined): string | null | undefined {
  if (color === undefined) return undefined;
  if (!/^#[0-9a-f]{6}$/i.test(color)) return null;
  const upper = color.toUpperCase();
  return upper === '#FFFFFF' ? null : upper;
}

function repeatOf(attributes: Record<string, string>, name: string, max: number): number {
  const n = Number(attributes[name] ?? 1);
  return Number.isInteger(n) && n >= 1 ? Math.min(n, max) : 1;
}

function cellValue(cell: CellState): CellValue {
  const a = cell.attributes;
  switch (a['office:value-type']) {
    case 'float':
    case 'percentage':
    case 'currency': {
      const n = Number(a['office:value']);
      return Number.isFinite(n) ? n : cell.text || null;
    }
    case 'date':
      return odsDateToSerial(a['office:date-value'] ?? '') ?? (cell.text || null);
    case 'time':
      return odsDurationToDays(a['office:time-value'] ?? '') ?? (cell.text || null);
    case 'boolean':
      return a['office:boolean-value'] === 'true';
    case 'string':
      return a['office:string-value'] ?? cell.text;
    default:
      return cell.text || null;
  }
}

/** Style names -> resolved fill, following parent styles (automatic styles derive from named ones). */
class Styles {
  private readonly byName = new Map<string, Style>();
  private current: Style | null = null;

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    if (tag.name === 'style:style' || tag.name === 'style:default-style') {
      const family = a['style:family'];
      this.current = { ...(a['style:parent-style-name'] && { parent: a['style:parent-style-name'] }) };
      if (a['style:name']) this.byName.set(`${family}:${a['style:name']}`, this.current);
    } else if (this.current && tag.name === 'style:table-cell-properties') {
      const fill = toFill(a['fo:background-color']);
      if (fill !== undefined) this.current.fill = fill;
    } else if (this.current && tag.name === 'style:table-properties') {
      if (a['table:display'] === 'false') this.current.hiddenTable = true;
    }
  }

  close(name: string): void {
    if (name === 'style:style' || name === 'style:default-style') this.current = null;
  }

  cellFill(name: string | undefined): string | null {
    for (let style = name ? this.byName.get(`table-cell:${name}`) : undefined, depth = 0; style && depth < 16; depth++) {
      if (style.fill !== undefined) return style.fill;
      style = style.parent ? this.byName.get(`table-cell:${style.parent}`) : undefined;
    }
    return null;
  }

  isHiddenTable(name: string | undefined): boolean {
    return Boolean(name && this.byName.get(`table:${name}`)?.hiddenTable);
  }
}

function parseXml(xml: string, part: string, fileName: string, handlers: { open(tag: SaxesTagPlain): void; text?(text: string): void; close(name: string): void }): void {
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => handlers.open(tag));
  parser.on('closetag', (tag) => handlers.close(tag.name));
  const onText = handlers.text?.bind(handlers);
  if (onText) parser.on('text', (text) => onText(text));
  try {
    parser.write(xml).close();
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError(
      `Le fichier LibreOffice « ${fileName} » est abîmé (${part} illisible). Ouvrez-le dans LibreOffice Calc et enregistrez-le de nouveau.`,
    );
  }
}

function defaultColumnStyle(sheet: SheetState, col: number): string | undefined {
  for (const column of sheet.columns) if (col >= column.start && col < column.start + column.count) return column.defaultStyle;
  return undefined;
}

/** The grid of one sheet: the rectangle around the cells that hold something, nothing beyond. */
function sheetToGrid(sheet: SheetState): Grid {
  const base: Grid = { sheet: sheet.name, origin: { row: 0, col: 0 }, values: [], hidden: sheet.hidden };
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const { row, runs } of sheet.rows) {
    for (const run of runs) {
      if (run.value === null && run.colSpan === 1 && run.rowSpan === 1 && !run.fillCounts) continue;
      top = Math.min(top, row);
      bottom = Math.max(bottom, row + run.rowSpan - 1);
      left = Math.min(left, run.col);
      right = Math.max(right, run.col + run.count * run.colSpan - 1);
    }
  }
  if (bottom < 0) return base;
  checkSheetExtent(sheet.name, top, left, bottom, right);

  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  const fills: (string | null)[][] = Array.from({ length: height }, () => new Array<string | null>(width).fill(null));
  const formulas: boolean[][] = Array.from({ length: height }, () => new Array<boolean>(width).fill(false));
  const merges: CellRange[] = [];
  for (const { row, runs } of sheet.rows) {
    if (row < top || row > bottom) continue;
    const r = row - top;
    for (const run of runs) {
      for (let k = 0; k < run.count; k++) {
        const c = run.col + k - left;
        if (c < 0 || c >= width) continue;
        values[r][c] = run.value;
        fills[r][c] = run.fill;
        formulas[r][c] = run.formula;
        if (run.colSpan > 1 || run.rowSpan > 1) merges.push({ row: r, col: c, rowCount: run.rowSpan, colCount: run.colSpan });
      }
    }
  }
  const hiddenRows: number[] = [];
  for (const { start, count } of sheet.hiddenRows) {
    for (let row = Math.max(start, top); row < Math.min(start + count, bottom + 1); row++) hiddenRows.push(row - top);
  }
  const hiddenColumns: number[] = [];
  for (const { start, count, hidden } of sheet.columns) {
    if (!hidden) continue;
    for (let col = Math.max(start, left); col < Math.min(start + count, right + 1); col++) hiddenColumns.push(col - left);
  }
  return { ...base, origin: { row: top, col: left }, values, fills, formulas, merges, hiddenRows, hiddenColumns };
}

/** Reads the sheets of `content.xml` as the parser streams through it. */
class ContentReader {
  readonly grids: Grid[] = [];
  private sheet: SheetState | null = null;
  /** Depth of tables inside a sheet's cells (sub-tables are not read). */
  private nestedTables = 0;
  private rowAttributes: Record<string, string> = {};
  private runs: CellRun[] = [];
  private col = 0;
  private cell: CellState | null = null;
  /** Inside a comment or a drawing of a cell: its text is not the cell's. */
  private ignored = 0;
  private inParagraph = 0;

  constructor(
    private readonly styles: Styles,
    private readonly fileName: string,
  ) {}

  open(tag: SaxesTagPlain): void {
    const a = tag.attributes;
    if (tag.name === 'table:table') {
      if (this.sheet) this.nestedTables++;
      else {
        const name = a['table:name'] ?? `Feuille${this.grids.length + 1}`;
        this.sheet = { name, hidden: this.styles.isHiddenTable(a['table:style-name']), columns: [], columnCount: 0, rows: [], hiddenRows: [], storedCells: 0, row: 0 };
      }
      return;
    }
    if (!this.sheet || this.nestedTables) {
      if (!this.sheet) this.styles.open(tag);
      return;
    }
    if (this.cell) {
      if (tag.name === 'office:annotation' || tag.name.startsWith('draw:')) this.ignored++;
      else if (this.ignored) return;
      else if (tag.name === 'text:p' || tag.name === 'text:h') {
        if (this.cell.paragraphs++) this.cell.text += '\n';
        this.inParagraph++;
      } else if (tag.name === 'text:s') this.cell.text += ' '.repeat(repeatOf(a, 'text:c', 1000));
      else if (tag.name === 'text:tab') this.cell.text += '\t';
      else if (tag.name === 'text:line-break') this.cell.text += '\n';
      return;
    }
    switch (tag.name) {
      case 'table:table-column': {
        const count = repeatOf(a, 'table:number-columns-repeated', MAX_COLUMNS);
        const hidden = a['table:visibility'] === 'collapse' || a['table:visibility'] === 'filter';
        this.sheet.columns.push({ start: this.sheet.columnCount, count, hidden, ...(a['table:default-cell-style-name'] && { defaultStyle: a['table:default-cell-style-name'] }) });
        this.sheet.columnCount += count;
        break;
      }
      case 'table:table-row':
        this.rowAttributes = a;
        this.runs = [];
        this.col = 0;
        break;
      case 'table:table-cell':
      case 'table:covered-table-cell':
        this.cell = { attributes: a, repeat: repeatOf(a, 'table:number-columns-repeated', MAX_COLUMNS), text: '', paragraphs: 0 };
        break;
    }
  }

  text(text: string): void {
    if (this.cell && this.inParagraph && !this.ignored) this.cell.text += text;
  }

  close(name: string): void {
    if (!this.sheet) {
      this.styles.close(name);
      return;
    }
    if (name === 'table:table') {
      if (this.nestedTables) this.nestedTables--;
      else {
        this.grids.push(sheetToGrid(this.sheet));
        this.sheet = null;
      }
      return;
    }
    if (this.nestedTables) return;
    if (this.cell) {
      if (name === 'office:annotation' || name.startsWith('draw:')) this.ignored--;
      else if (!this.ignored && (name === 'text:p' || name === 'text:h')) this.inParagraph--;
      else if (name === 'table:table-cell' || name === 'table:covered-table-cell') this.endCell(this.cell, this.sheet);
      return;
    }
    if (name === 'table:table-row') this.endRow(this.sheet);
  }

  private endCell(cell: CellState, sheet: SheetState): void {
    const a = cell.attributes;
    const value = cellValue(cell);
    const ownStyle = a['table:style-name'];
    const fill = this.styles.cellFill(ownStyle ?? defaultColumnStyle(sheet, this.col));
    const colSpan = repeatOf(a, 'table:number-columns-spanned', MAX_COLUMNS);
    const rowSpan = repeatOf(a, 'table:number-rows-spanned', MAX_ROWS);
    if (value !== null || fill || colSpan > 1 || rowSpan > 1) {
      const fillCounts = Boolean(fill && ownStyle && cell.repeat <= MAX_FILL_ONLY_BLOCK);
      this.runs.push({ col: this.col, count: cell.repeat, value, formula: Boolean(a['table:formula']), fill, fillCounts, colSpan, rowSpan });
    }
    this.col += cell.repeat;
    this.cell = null;
  }

  private endRow(sheet: SheetState): void {
    const a = this.rowAttributes;
    const repeat = repeatOf(a, 'table:number-rows-repeated', MAX_ROWS);
    if (a['table:visibility'] === 'collapse' || a['table:visibility'] === 'filter') sheet.hiddenRows.push({ start: sheet.row, count: repeat });
    // A formatted but empty row repeated down the sheet is not content: only a small block of
    // coloured empty cells counts in the sheet's extent.
    const runs =
      repeat > MAX_FILL_ONLY_BLOCK
        ? this.runs.filter((run) => run.value !== null)
        : this.runs.map((run) => (run.value === null && run.fillCounts ? { ...run, fillCounts: run.count * repeat <= MAX_FILL_ONLY_BLOCK } : run));
    if (runs.length) {
      const cellsPerRow = runs.reduce((sum, run) => sum + run.count, 0);
      sheet.storedCells += cellsPerRow * repeat;
      if (sheet.storedCells > MAX_SHEET_CELLS) {
        throw new UnusableInputError(
          `La feuille « ${sheet.name} » de « ${this.fileName} » contient plus de ${MAX_SHEET_CELLS.toLocaleString('fr-FR')} cellules remplies : c'est bien au-delà d'un classeur d'établissement.`,
        );
      }
      for (let k = 0; k < repeat; k++) sheet.rows.push({ row: sheet.row + k, runs });
    }
    sheet.row += repeat;
  }
}

async function readPart(zip: JSZip, path: string, fileName: string): Promise<string | null> {
  const entry = zip.file(path);
  return entry ? readZipEntry(entry, fileName, 'string') : null;
}

/** An .ods package (already opened) as grids, in tab order. */
export async function readOds(zip: JSZip, fileName: string): Promise<WorkbookSnapshot> {
  const manifest = (await readPart(zip, 'META-INF/manifest.xml', fileName)) ?? '';
  if (manifest.includes('encryption-data')) {
    throw new UnusableInputError(
      `« ${fileName} » est un classeur LibreOffice protégé par un mot de passe. Ouvrez-le dans LibreOffice Calc, ` +
        'retirez le mot de passe (Fichier > Propriétés > Sécurité, ou Enregistrer sous sans « Enregistrer avec mot de passe »), puis réessayez.',
    );
  }
  const content = await readPart(zip, 'content.xml', fileName);
  if (content === null) throw new UnusableInputError(`« ${fileName} » ressemble à un fichier LibreOffice mais n'a pas de contenu (content.xml manquant). Ouvrez-le dans LibreOffice Calc et enregistrez-le de nouveau.`);
  const styles = new Styles();
  const namedStyles = await readPart(zip, 'styles.xml', fileName);
  if (namedStyles) parseXml(namedStyles, 'styles.xml', fileName, { open: (tag) => styles.open(tag), close: (name) => styles.close(name) });
  const reader = new ContentReader(styles, fileName);
  parseXml(content, 'content.xml', fileName, reader);
  return { grids: reader.grids };
}

/** A flat OpenDocument spreadsheet (.fods: one XML file, styles before the sheets) as grids. */
export function readFlatOds(xml: string, fileName: string): WorkbookSnapshot {
  const reader = new ContentReader(new Styles(), fileName);
  parseXml(xml, fileName, fileName, reader);
  return { grids: reader.grids };
}

/** True when the XML is a flat OpenDocument spreadsheet. */
export function isFlatOds(xml: string): boolean {
  return /<office:document[^>]*office:mimetype="application\/vnd\.oasis\.opendocument\.spreadsheet"/.test(xml.slice(0, 4096));
}
