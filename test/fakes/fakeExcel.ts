/**
 * A strict in-memory fake of the part of the Excel JavaScript API the Office gateway uses.
 *
 * Like Office.js: every property write and method call is queued on the request context and only
 * happens at `context.sync()`; objects returned by methods are bound when their call runs; reading a
 * property that was not loaded, or loaded but not yet synced, throws `PropertyNotLoaded`; strings
 * written through `values` are parsed like typed input (`=A1` becomes a formula, `-3` a number, a
 * leading apostrophe keeps text); requests and answers over 5 MB fail like Excel on the web; a range
 * of more than 5 million cells fails with `RangeExceedsLimit`; table names are unique across the
 * workbook (real Excel answers `InvalidArgument`); a workbook that lost focus answers `InactiveWorkbook`;
 * a sync can be held (`holdSync`) and lands later, as `delayForCellEdit` does. Syncs are counted. The workbook lives in memory so tests can seed it and inspect the result.
 */
import { a1, parseA1, type CellRange } from '../../src/core/grid';

export type FakeValue = string | number | boolean;

export class FakeOfficeError extends Error {
  readonly debugInfo: { code: string; message: string; errorLocation: string };
  constructor(readonly code: string, message: string, location = '') {
    super(message);
    this.name = 'RichApi.Error';
    this.debugInfo = { code, message, errorLocation: location };
  }
}

export interface FakeFormat {
  bold?: boolean;
  italic?: boolean;
  size?: number;
  fontColor?: string;
  fill?: string;
  numberFormat?: string;
  wrap?: boolean;
  horizontal?: string;
  vertical?: string;
}

export interface FakeCell {
  value: FakeValue;
  formula?: string;
  /** Written with Excel's text prefix (a leading apostrophe). */
  textPrefix?: boolean;
  format: FakeFormat;
}

export interface FakeTable { name: string; range: CellRange; style: string }
export interface FakeChart {
  /** Excel's own name (« Chart 1 »...), unique on its sheet. */
  name: string;
  type: string;
  source: CellRange;
  seriesBy: string;
  title: string;
  from: string;
  to: string;
  /** A series' formula pointing at another sheet (`='AP Groupes'!$B$5:$B$9`): a coordinator's chart. */
  seriesFormula?: string;
}
/** A workbook-scoped defined name and what it refers to (`='AP Groupes'!$B$5`). */
export interface FakeName { name: string; formula: string }
/** Where each Excel runs: only on the web can renaming, moving or hiding a sheet be undone. */
export type FakePlatform = 'web' | 'windows' | 'mac';
export interface FakeConditionalFormat { range: CellRange; type: string; fill?: string; fontColor?: string; bold?: boolean; rule?: unknown }
export interface FakeValidation { range: CellRange; rule?: unknown; ignoreBlanks?: boolean }
export interface FakeBorder { range: CellRange; edge: string; style?: string; color?: string }

const MAX_ROWS = 1_048_576;
/** Excel refuses to read or write a range of more cells than this (RangeExceedsLimit). */
export const MAX_RANGE_CELLS = 5_000_000;
const MAX_COLUMNS = 16_384;
/** Manual horizontal page breaks Excel keeps on one sheet. */
export const MAX_PAGE_BREAKS = 1_026;
const NUMBER_INPUT = /^\s*[+-]?(\d+([.,]\d*)?|[.,]\d+)(e[+-]?\d+)?\s*%?\s*$/i;
const DATE_INPUT = /^\s*\d{1,4}[/-]\d{1,2}([/-]\d{1,4})?\s*$/;

/** What Excel stores when a string is typed (or written through `values`). */
export function typedInput(input: FakeValue): { value: FakeValue; formula?: string; textPrefix?: boolean } {
  if (typeof input !== 'string') return { value: input };
  if (input.startsWith("'")) return { value: input.slice(1), textPrefix: true };
  if (NUMBER_INPUT.test(input)) {
    const percent = input.includes('%');
    const number = Number(input.replace('%', '').replace(',', '.').trim());
    return { value: percent ? number / 100 : number };
  }
  if (/^[=+\-@]./s.test(input)) return { value: '', formula: input.startsWith('=') ? input : `=${input}` };
  if (/^\s*(true|vrai)\s*$/i.test(input)) return { value: true };
  if (/^\s*(false|faux)\s*$/i.test(input)) return { value: false };
  if (DATE_INPUT.test(input)) return { value: 45_000 };
  return { value: input };
}

const key = (row: number, col: number) => `${row},${col}`;

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.col < b.col + b.colCount && b.col < a.col + a.colCount;
}

function quoteSheet(name: string): string {
  return /^[A-Za-z_][A-Za-z0-9_.]*$/.test(name) ? name : `'${name.replace(/'/g, "''")}'`;
}

function areaA1(area: CellRange): string {
  const start = a1(area.row, area.col);
  return area.rowCount === 1 && area.colCount === 1 ? start : `${start}:${a1(area.row + area.rowCount - 1, area.col + area.colCount - 1)}`;
}

function parseLocalAddress(address: string): CellRange {
  const [from, to = from] = address.replace(/^.*!/, '').split(':');
  const start = parseA1(from);
  const end = parseA1(to);
  if (!start || !end) throw new FakeOfficeError('InvalidArgument', `Adresse non valide : ${address}`);
  return {
    row: Math.min(start.row, end.row),
    col: Math.min(start.col, end.col),
    rowCount: Math.abs(end.row - start.row) + 1,
    colCount: Math.abs(end.col - start.col) + 1,
  };
}

function checkSheetName(name: string): void {
  if (!name || name.length > 31 || /[[\]:*?/\\]/.test(name) || name.startsWith("'") || name.endsWith("'")) {
    throw new FakeOfficeError('InvalidArgument', `Nom de feuille non valide : ${name}`);
  }
}

export interface SeedSheet {
  /** Top-left cell of `values` (default A1). */
  origin?: string;
  values?: (FakeValue | null)[][];
  /** Formula text where a cell holds one (its value comes from `values`). */
  formulas?: (string | null)[][];
  fills?: (string | null)[][];
  /** Absolute 0-based rows / columns. */
  hiddenRows?: number[];
  hiddenColumns?: number[];
  merges?: string[];
  hidden?: boolean;
  protected?: boolean;
}

export class FakeSheet {
  visibility: 'Visible' | 'Hidden' | 'VeryHidden' = 'Visible';
  readonly cells = new Map<string, FakeCell>();
  readonly hiddenRows = new Set<number>();
  readonly hiddenColumns = new Set<number>();
  merges: CellRange[] = [];
  tables: FakeTable[] = [];
  charts: FakeChart[] = [];
  conditionalFormats: FakeConditionalFormat[] = [];
  validations: FakeValidation[] = [];
  borders: FakeBorder[] = [];
  freeze = { rows: 0, cols: 0 };
  tabColor = '';
  readonly columnWidths = new Map<number, number>();
  orientation = 'Portrait';
  paperSize = 'Letter';
  zoom: { horizontalFitToPages?: number; verticalFitToPages?: number; scale?: number } = {};
  /** 0-based rows above which a manual page break was added. */
  pageBreaksBefore: number[] = [];
  /** 0-based first and last rows repeated at the top of each printed page, when set. */
  printTitleRows: { first: number; last: number } | null = null;
  /** Footer of every printed page (`headersFooters.defaultForAllPages`), with Excel's codes. */
  footer = { left: '', center: '', right: '' };
  protected = false;
  deleted = false;
  /** Worksheet custom properties (ExcelApi 1.12): key -> value; keys are case-insensitive in Excel. */
  readonly customProperties = new Map<string, string>();

  constructor(public name: string) {}

  cell(row: number, col: number): FakeCell | undefined {
    return this.cells.get(key(row, col));
  }

  ensure(row: number, col: number): FakeCell {
    let cell = this.cells.get(key(row, col));
    if (!cell) {
      cell = { value: '', format: {} };
      this.cells.set(key(row, col), cell);
    }
    return cell;
  }

  /** Value of a cell by A1 address ('' when empty), as `range.values` would return it. */
  valueAt(address: string): FakeValue {
    const at = parseA1(address);
    if (!at) throw new Error(`bad address ${address}`);
    return this.cell(at.row, at.col)?.value ?? '';
  }

  formulaAt(address: string): string | undefined {
    const at = parseA1(address);
    return at ? this.cell(at.row, at.col)?.formula : undefined;
  }

  /** Bounding box of cells with a value or formula (and, unless valuesOnly, any format); null if none. */
  usedArea(valuesOnly: boolean): CellRange | null {
    let top = Infinity, left = Infinity, bottom = -1, right = -1;
    for (const [k, cell] of this.cells) {
      const used = cell.value !== '' || cell.formula !== undefined || (!valuesOnly && Object.keys(cell.format).length > 0);
      if (!used) continue;
      const [row, col] = k.split(',').map(Number);
      top = Math.min(top, row);
      left = Math.min(left, col);
      bottom = Math.max(bottom, row);
      right = Math.max(right, col);
    }
    return bottom < 0 ? null : { row: top, col: left, rowCount: bottom - top + 1, colCount: right - left + 1 };
  }

  /** Everything about the sheet as plain data, for deep equality before and after a generation. */
  describe(): unknown {
    const cells = [...this.cells.entries()]
      .filter(([, cell]) => cell.value !== '' || cell.formula !== undefined || Object.keys(cell.format).length > 0)
      .sort(([a], [b]) => a.localeCompare(b, 'en', { numeric: true }));
    return {
      name: this.name,
      visibility: this.visibility,
      cells,
      hiddenRows: [...this.hiddenRows].sort((a, b) => a - b),
      hiddenColumns: [...this.hiddenColumns].sort((a, b) => a - b),
      merges: this.merges,
      tables: this.tables,
      charts: this.charts,
      conditionalFormats: this.conditionalFormats,
      validations: this.validations,
      borders: this.borders,
      freeze: this.freeze,
      tabColor: this.tabColor,
      columnWidths: [...this.columnWidths.entries()].sort((a, b) => a[0] - b[0]),
      orientation: this.orientation,
      paperSize: this.paperSize,
      zoom: this.zoom,
      pageBreaksBefore: this.pageBreaksBefore,
      printTitleRows: this.printTitleRows,
      footer: this.footer,
      protected: this.protected,
      customProperties: [...this.customProperties.entries()],
    };
  }
}

export interface FakeExcelOptions {
  /** Which Excel (default: Excel on the web). */
  platform?: FakePlatform;
  /**
   * The list separator `getRanges` wants between areas. The reference shows commas, but Excel for
   * Windows in a `;` locale (French, German) answers InvalidArgument to them (office-js issues 1167,
   * 1985). Default: `,`.
   */
  listSeparator?: ',' | ';';
  /** Request cap (Excel on the web: 5 MB). */
  maxRequestBytes?: number;
  /** Answer cap (Excel on the web: 5 MB). */
  maxResponseBytes?: number;
}

/**
 * How a request is weighed. « The payload size of a request is a combination of the number of API
 * calls, the number of objects, such as Range objects, and the length of the value to set »
 * (Performance optimization using the Excel JavaScript API, « Payload size limit best practices »,
 * learn.microsoft.com/office/dev/add-ins/excel/performance). Each call and each object travels as a
 * JSON record of ids, type, name and argument envelope, about 100 bytes before its arguments.
 */
export const CALL_BYTES = 100;
export const OBJECT_BYTES = 100;

export class FakeExcel {
  readonly sheets: FakeSheet[] = [];
  syncCount = 0;
  /** Bytes sent by each sync, in order. */
  readonly requestBytes: number[] = [];
  /** Bytes answered by each sync that got that far, in order. */
  readonly responseBytes: number[] = [];
  activeSheet = '';
  selection = '';
  workbookProtected = false;
  /** 1-based index of a sync that never answers. */
  hangAtSync?: number;
  /**
   * 1-based index of a sync held until `release()` is called, then run in full (a batch waiting for
   * the user to leave cell editing): `held` resolves when it starts waiting.
   */
  holdSync?: { at: number; release: Promise<void>; held?: () => void };
  /** Another workbook has the focus: every sync fails with InactiveWorkbook. */
  inactive = false;
  /** Options of each `Excel.run` (mergeUndoGroup...). */
  readonly runOptions: unknown[] = [];
  /** A sync that fails with this Office error code before doing anything. */
  failAtSync?: { at: number; code: string };
  /** getMergedAreasOrNullObject fails beyond this many areas (Excel: 512). */
  mergedAreasLimit = 512;
  readonly maxRequestBytes: number;
  readonly maxResponseBytes: number;
  readonly platform: FakePlatform;
  readonly listSeparator: ',' | ';';
  /** Workbook-scoped defined names (seeded by tests: the gateway never writes any). */
  readonly names: FakeName[] = [];

  constructor(options: FakeExcelOptions = {}) {
    this.platform = options.platform ?? 'web';
    this.listSeparator = options.listSeparator ?? ',';
    this.maxRequestBytes = options.maxRequestBytes ?? 5_000_000;
    this.maxResponseBytes = options.maxResponseBytes ?? 5_000_000;
  }

  /** Stands for `Excel.run`: a fresh context, the batch, then a last sync if calls are still queued. */
  run = async <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: unknown): Promise<T> => {
    this.runOptions.push(options ?? null);
    const context = new FakeContext(this, !!(options as { mergeUndoGroup?: boolean } | undefined)?.mergeUndoGroup);
    try {
      const result = await batch(context as unknown as Excel.RequestContext);
      if (context.hasPending()) await context.sync();
      return result;
    } finally {
      context.closed = true;
    }
  };

  addSheet(name: string, seed: SeedSheet = {}): FakeSheet {
    const sheet = new FakeSheet(name);
    const origin = parseA1(seed.origin ?? 'A1') ?? { row: 0, col: 0 };
    seed.values?.forEach((line, r) =>
      line.forEach((value, c) => {
        if (value !== null && value !== '') sheet.ensure(origin.row + r, origin.col + c).value = value;
      }),
    );
    seed.formulas?.forEach((line, r) =>
      line.forEach((formula, c) => {
        if (formula) sheet.ensure(origin.row + r, origin.col + c).formula = formula;
      }),
    );
    seed.fills?.forEach((line, r) =>
      line.forEach((fill, c) => {
        if (fill) sheet.ensure(origin.row + r, origin.col + c).format.fill = fill;
      }),
    );
    seed.hiddenRows?.forEach((r) => sheet.hiddenRows.add(r));
    seed.hiddenColumns?.forEach((c) => sheet.hiddenColumns.add(c));
    sheet.merges = (seed.merges ?? []).map(parseLocalAddress);
    if (seed.hidden) sheet.visibility = 'Hidden';
    sheet.protected = seed.protected ?? false;
    this.sheets.push(sheet);
    if (!this.activeSheet) this.activeSheet = name;
    return sheet;
  }

  findSheet(name: string): FakeSheet | undefined {
    const lower = name.toLowerCase();
    return this.sheets.find((s) => s.name.toLowerCase() === lower);
  }

  sheet(name: string): FakeSheet {
    const sheet = this.findSheet(name);
    if (!sheet) throw new Error(`no sheet ${name}`);
    return sheet;
  }

  sheetNames(): string[] {
    return this.sheets.map((s) => s.name);
  }

  allTables(): FakeTable[] {
    return this.sheets.flatMap((s) => s.tables);
  }

  /** Every formula of the workbook that may point at a sheet: cells, defined names, chart series. */
  private rewriteFormulas(rewrite: (formula: string) => string): void {
    for (const sheet of this.sheets) {
      for (const cell of sheet.cells.values()) if (cell.formula) cell.formula = rewrite(cell.formula);
      for (const chart of sheet.charts) if (chart.seriesFormula) chart.seriesFormula = rewrite(chart.seriesFormula);
    }
    for (const name of this.names) name.formula = rewrite(name.formula);
  }

  /**
   * Renaming a sheet rewrites every reference to it, wherever it is: a formula `='AP Groupes'!B5`
   * follows the sheet under its new name, and so do defined names and chart series (« Rename a
   * worksheet », support.microsoft.com: formulas that refer to the sheet are updated).
   */
  renamed(from: string, to: string): void {
    this.rewriteFormulas((formula) => replaceSheetReferences(formula, from, () => `${quoteSheet(to)}!`));
  }

  /**
   * Deleting a sheet turns every reference to it into `#REF!` (« How to correct a #REF! error »,
   * support.microsoft.com: a formula refers to a cell that is not valid, e.g. on a deleted sheet).
   */
  deleted(name: string): void {
    this.rewriteFormulas((formula) => replaceSheetReferences(formula, name, () => '#REF!'));
  }

  /**
   * What a reference formula (`='AP Groupes'!B5`, `=Feuil1!A1:A3`) gives: the cell's value, the
   * values of a range, or `#REF!` when it points at a deleted sheet. Only plain references are
   * computed (the fake does not calculate).
   */
  evaluate(formula: string): FakeValue | FakeValue[] {
    if (formula.includes('#REF!')) return '#REF!';
    const match = /^=(?:'((?:[^']|'')+)'|([^'!]+))!(\$?[A-Z]+\$?\d+(?::\$?[A-Z]+\$?\d+)?)$/.exec(formula.trim());
    if (!match) throw new Error(`fake Excel: cannot compute ${formula}`);
    const sheet = this.findSheet(match[1]?.replace(/''/g, "'") ?? match[2]);
    if (!sheet) return '#REF!';
    const area = parseLocalAddress(match[3].replace(/\$/g, ''));
    if (area.rowCount === 1 && area.colCount === 1) return sheet.cell(area.row, area.col)?.value ?? '';
    const values: FakeValue[] = [];
    for (let r = area.row; r < area.row + area.rowCount; r++) for (let c = area.col; c < area.col + area.colCount; c++) values.push(sheet.cell(r, c)?.value ?? '');
    return values;
  }
}

/** Sheet qualifiers in a formula: `'AP Groupes'!` or `Feuil1!` (string literals aside). */
const SHEET_QUALIFIER = /("(?:[^"]|"")*")|'((?:[^']|'')+)'!|([A-Za-z_\u00C0-\u024F][\w.\u00C0-\u024F]*)!/g;

function replaceSheetReferences(formula: string, sheet: string, by: () => string): string {
  const target = sheet.toLowerCase();
  return formula.replace(SHEET_QUALIFIER, (whole, literal: string | undefined, quoted: string | undefined, bare: string | undefined) => {
    if (literal) return whole;
    const name = quoted !== undefined ? quoted.replace(/''/g, "'") : (bare as string);
    return name.toLowerCase() === target ? by() : whole;
  });
}

type Action = { bytes: number; location: string; run: () => void };
type Staged = { publish: () => void; bytes: number };

export function jsonSize(value: unknown): number {
  return Buffer.byteLength(JSON.stringify(value) ?? '', 'utf8');
}

class FakeContext {
  closed = false;
  private queue: Action[] = [];
  private staged: Staged[] = [];
  readonly workbook: WorkbookProxy;

  /** `grouped`: the batch runs with `mergeUndoGroup` (ExcelApi 1.20). */
  constructor(readonly excel: FakeExcel, readonly grouped = false) {
    this.workbook = new WorkbookProxy(this);
  }

  /**
   * Inside an undo group, a call Excel cannot undo on this platform throws UndoNotSupported
   * (« Undo support with the Excel JavaScript API », learn.microsoft.com/office/dev/add-ins/excel/
   * excel-add-ins-undo-capabilities): `Worksheet.copy` and `Worksheet.delete` on every platform,
   * `Worksheet.name`, `.position` and `.visibility` on Windows and Mac.
   */
  checkUndoable(call: 'Worksheet.copy' | 'Worksheet.delete' | 'Worksheet.name' | 'Worksheet.position' | 'Worksheet.visibility'): void {
    if (!this.grouped) return;
    const nowhere = call === 'Worksheet.copy' || call === 'Worksheet.delete';
    if (nowhere || this.excel.platform !== 'web') throw new FakeOfficeError('UndoNotSupported', `${call} ne peut pas être annulé ici`);
  }

  hasPending(): boolean {
    return this.queue.length > 0;
  }

  enqueue(location: string, payload: unknown, run: () => void): void {
    if (this.closed) throw new Error(`fake Excel: ${location} used after its Excel.run ended (InvalidObjectPath)`);
    // A proxy's binding is the object it creates (its object path); anything else is a call.
    const record = location.endsWith('.bind') ? OBJECT_BYTES : CALL_BYTES;
    this.queue.push({ bytes: record + jsonSize(payload ?? null), location, run });
  }

  /** Called by actions that produce data: made readable only once the whole sync succeeds. */
  stage(value: unknown, publish: () => void): void {
    this.staged.push({ publish, bytes: jsonSize(value ?? null) });
  }

  async sync(): Promise<void> {
    const excel = this.excel;
    excel.syncCount++;
    const queue = this.queue;
    this.queue = [];
    this.staged = [];
    if (excel.hangAtSync === excel.syncCount) return new Promise<void>(() => {});
    if (excel.holdSync?.at === excel.syncCount) {
      excel.holdSync.held?.();
      await excel.holdSync.release;
    }
    await Promise.resolve();
    if (excel.inactive) throw new FakeOfficeError('InactiveWorkbook', 'Le classeur n’est plus actif');
    if (excel.failAtSync?.at === excel.syncCount) throw new FakeOfficeError(excel.failAtSync.code, `Échec simulé (${excel.failAtSync.code})`);
    const requestBytes = queue.reduce((sum, action) => sum + action.bytes, 0);
    excel.requestBytes.push(requestBytes);
    if (requestBytes > excel.maxRequestBytes) {
      throw new FakeOfficeError('RequestPayloadSizeLimitExceeded', `Requête de ${requestBytes} octets`);
    }
    for (const action of queue) {
      try {
        action.run();
      } catch (error) {
        this.staged = [];
        if (error instanceof FakeOfficeError && !error.debugInfo.errorLocation) error.debugInfo.errorLocation = action.location;
        throw error;
      }
    }
    const responseBytes = this.staged.reduce((sum, s) => sum + s.bytes, 0);
    const staged = this.staged;
    this.staged = [];
    excel.responseBytes.push(responseBytes);
    if (responseBytes > excel.maxResponseBytes) {
      throw new FakeOfficeError('ResponsePayloadSizeLimitExceeded', `Réponse de ${responseBytes} octets`);
    }
    for (const s of staged) s.publish();
  }
}

function notLoaded(what: string): FakeOfficeError {
  return new FakeOfficeError(
    'PropertyNotLoaded',
    `The property '${what}' is not available. Before reading the property's value, call the load method on the containing object and call "context.sync()" on the associated request context.`,
  );
}

/** Base of every proxy: bound lazily at sync, strict about reads. */
class Proxy<T> {
  private bound = false;
  private target: T | undefined;
  private readonly loaded = new Map<string, unknown>();

  constructor(
    protected readonly context: FakeContext,
    protected readonly kind: string,
    bind?: () => T,
    payload?: unknown,
  ) {
    if (bind) context.enqueue(`${kind}.bind`, payload, () => this.bindTo(bind()));
  }

  bindTo(target: T): this {
    this.target = target;
    this.bound = true;
    return this;
  }

  protected get t(): T {
    if (!this.bound) throw new Error(`fake Excel: ${this.kind} used before it was bound`);
    return this.target as T;
  }

  protected read(property: string): unknown {
    if (!this.loaded.has(property)) throw notLoaded(`${this.kind}.${property}`);
    return this.loaded.get(property);
  }

  protected publish(property: string, value: unknown): void {
    this.context.stage(value, () => this.loaded.set(property, value));
  }

  /** Queue a write or a call. */
  protected act(name: string, payload: unknown, run: (target: T) => void): void {
    this.context.enqueue(`${this.kind}.${name}`, payload, () => run(this.t));
  }

  /** Queue a load of comma-separated property names, each produced by `produce`. */
  protected queueLoad(properties: string, produce: (target: T, property: string) => unknown): this {
    if (typeof properties !== 'string') throw new Error('fake Excel: only string load() arguments are supported');
    const names = properties.split(',').map((p) => p.trim());
    this.context.enqueue(`${this.kind}.load`, properties, () => {
      for (const name of names) this.publish(name, produce(this.t, name));
    });
    return this;
  }

  protected setLoaded(property: string, value: unknown): void {
    this.loaded.set(property, value);
  }
}

class ClientResultProxy<V> {
  private ready = false;
  private result: V | undefined;
  constructor(context: FakeContext, location: string, payload: unknown, produce: () => V) {
    context.enqueue(location, payload, () => {
      const value = produce();
      context.stage(value, () => {
        this.result = value;
        this.ready = true;
      });
    });
  }
  get value(): V {
    if (!this.ready) throw notLoaded('ClientResult.value');
    return this.result as V;
  }
}

class WorkbookProxy {
  readonly worksheets: WorksheetCollectionProxy;
  readonly tables: TableCollectionProxy;
  constructor(context: FakeContext) {
    this.worksheets = new WorksheetCollectionProxy(context);
    this.tables = new TableCollectionProxy(context);
  }
}

/** `workbook.tables`: only `load('items/name')`. */
class TableCollectionProxy {
  private names: { name: string }[] | undefined;
  constructor(private readonly context: FakeContext) {}

  load(properties: string): this {
    if (properties !== 'items/name') throw new Error(`fake Excel: unsupported tables load ${properties}`);
    this.context.enqueue('TableCollection.load', properties, () => {
      const names = this.context.excel.allTables().map((t) => ({ name: t.name }));
      this.context.stage(names, () => (this.names = names));
    });
    return this;
  }

  get items(): { name: string }[] {
    if (!this.names) throw notLoaded('TableCollection.items');
    return this.names;
  }
}

function liveSheet(excel: FakeExcel, sheet: FakeSheet): FakeSheet {
  if (sheet.deleted || !excel.sheets.includes(sheet)) throw new FakeOfficeError('ItemNotFound', `La feuille ${sheet.name} n’existe plus`);
  return sheet;
}

class WorksheetCollectionProxy extends Proxy<FakeExcel> {
  private list: WorksheetProxy[] | undefined;

  constructor(context: FakeContext) {
    super(context, 'WorksheetCollection');
    this.bindTo(context.excel);
  }

  load(properties: string): this {
    if (!/^items\/\w+(,\s*items\/\w+)*$/.test(properties)) throw new Error(`fake Excel: unsupported load ${properties}`);
    const names = properties.split(',').map((p) => p.trim().replace('items/', ''));
    this.context.enqueue('WorksheetCollection.load', properties, () => {
      const sheets = [...this.t.sheets];
      const items = sheets.map((sheet) => {
        const proxy = new WorksheetProxy(this.context).bindTo(sheet);
        for (const name of names) proxy.preload(name);
        return proxy;
      });
      this.context.stage(sheets.map((s) => names.map((n) => (s as unknown as Record<string, unknown>)[n])), () => (this.list = items));
    });
    return this;
  }

  get items(): WorksheetProxy[] {
    if (!this.list) throw notLoaded('WorksheetCollection.items');
    return this.list;
  }

  getItem(name: string): WorksheetProxy {
    const excel = this.context.excel;
    return new WorksheetProxy(this.context, () => {
      const sheet = excel.findSheet(name);
      if (!sheet) throw new FakeOfficeError('ItemNotFound', `La feuille ${name} est introuvable`);
      return sheet;
    }, name);
  }

  add(name: string): WorksheetProxy {
    const excel = this.context.excel;
    return new WorksheetProxy(this.context, () => {
      if (excel.workbookProtected) throw new FakeOfficeError('AccessDenied', 'Classeur protégé');
      checkSheetName(name);
      if (excel.findSheet(name)) throw new FakeOfficeError('ItemAlreadyExists', `La feuille ${name} existe déjà`);
      const sheet = new FakeSheet(name);
      excel.sheets.push(sheet);
      return sheet;
    }, name);
  }
}

class WorksheetProxy extends Proxy<FakeSheet> {
  constructor(context: FakeContext, bind?: () => FakeSheet, payload?: unknown) {
    super(context, 'Worksheet', bind, payload);
  }

  private get excel(): FakeExcel {
    return this.context.excel;
  }

  private live(): FakeSheet {
    return liveSheet(this.excel, this.t);
  }

  private structural(): FakeSheet {
    if (this.excel.workbookProtected) throw new FakeOfficeError('AccessDenied', 'Classeur protégé');
    return this.live();
  }

  /** Loaded with the collection: readable after that sync. */
  preload(property: string): void {
    const sheet = this.t;
    const value = property === 'position' ? this.excel.sheets.indexOf(sheet) : (sheet as unknown as Record<string, unknown>)[property];
    this.context.stage(value, () => this.setLoaded(property, value));
  }

  load(properties: string): this {
    return this.queueLoad(properties, (sheet, property) =>
      property === 'position' ? this.excel.sheets.indexOf(sheet) : (sheet as unknown as Record<string, unknown>)[property],
    );
  }

  get name(): string {
    return this.read('name') as string;
  }
  set name(value: string) {
    this.act('name', value, () => {
      const sheet = this.structural();
      this.context.checkUndoable('Worksheet.name');
      checkSheetName(value);
      const other = this.excel.findSheet(value);
      if (other && other !== sheet) throw new FakeOfficeError('ItemAlreadyExists', `La feuille ${value} existe déjà`);
      const before = sheet.name;
      sheet.name = value;
      this.excel.renamed(before, value);
    });
  }

  get visibility(): string {
    return this.read('visibility') as string;
  }
  set visibility(value: 'Visible' | 'Hidden' | 'VeryHidden') {
    this.act('visibility', value, () => {
      const sheet = this.structural();
      this.context.checkUndoable('Worksheet.visibility');
      if (value !== 'Visible') {
        const visible = this.excel.sheets.filter((s) => s.visibility === 'Visible' && s !== sheet);
        if (!visible.length) throw new FakeOfficeError('InvalidOperation', 'Un classeur doit garder au moins une feuille visible');
        if (this.excel.activeSheet === sheet.name) this.excel.activeSheet = visible[0].name;
      }
      sheet.visibility = value;
    });
  }

  get position(): number {
    return this.read('position') as number;
  }
  set position(value: number) {
    this.act('position', value, () => {
      const sheet = this.structural();
      this.context.checkUndoable('Worksheet.position');
      const sheets = this.excel.sheets;
      if (!Number.isInteger(value) || value < 0 || value >= sheets.length) throw new FakeOfficeError('InvalidArgument', `Position ${value}`);
      sheets.splice(sheets.indexOf(sheet), 1);
      sheets.splice(value, 0, sheet);
    });
  }

  set tabColor(value: string) {
    this.act('tabColor', value, () => (this.live().tabColor = value));
  }

  delete(): void {
    this.act('delete', null, () => {
      const sheet = this.structural();
      this.context.checkUndoable('Worksheet.delete');
      const visible = this.excel.sheets.filter((s) => s.visibility === 'Visible');
      if (visible.length === 1 && visible[0] === sheet) {
        throw new FakeOfficeError('InvalidOperation', 'Un classeur doit garder au moins une feuille visible');
      }
      this.excel.sheets.splice(this.excel.sheets.indexOf(sheet), 1);
      sheet.deleted = true;
      this.excel.deleted(sheet.name);
      if (this.excel.activeSheet === sheet.name) this.excel.activeSheet = visible.find((s) => s !== sheet)?.name ?? '';
    });
  }

  /**
   * A copy of the sheet (ExcelApi 1.7), named like Excel does (`AP Groupes (2)`), visible, at the end
   * (`End`; other positions are not modelled). Its tables get new names, a table name being unique in
   * the workbook; its charts point at the copy's own cells.
   */
  copy(positionType = 'None'): WorksheetProxy {
    if (positionType !== 'End') throw new Error('fake Excel: only copy("End") is modelled');
    return new WorksheetProxy(this.context, () => {
      const source = this.structural();
      this.context.checkUndoable('Worksheet.copy');
      let name = '';
      for (let n = 2; !name || this.excel.findSheet(name); n++) name = `${source.name.slice(0, 31 - ` (${n})`.length)} (${n})`;
      const copy = new FakeSheet(name);
      for (const [k, cell] of source.cells) copy.cells.set(k, { ...cell, format: { ...cell.format } });
      source.hiddenRows.forEach((r) => copy.hiddenRows.add(r));
      source.hiddenColumns.forEach((c) => copy.hiddenColumns.add(c));
      copy.merges = source.merges.map((m) => ({ ...m }));
      const taken = new Set(this.excel.allTables().map((t) => t.name.toLowerCase()));
      copy.tables = source.tables.map((t) => {
        let tableName = t.name;
        for (let n = 2; taken.has(tableName.toLowerCase()); n++) tableName = `${t.name}${n}`;
        taken.add(tableName.toLowerCase());
        return { ...t, name: tableName };
      });
      copy.charts = source.charts.map((c) => ({ ...c }));
      copy.conditionalFormats = source.conditionalFormats.map((f) => ({ ...f }));
      copy.validations = source.validations.map((v) => ({ ...v }));
      copy.borders = source.borders.map((b) => ({ ...b }));
      copy.freeze = { ...source.freeze };
      copy.tabColor = source.tabColor;
      source.columnWidths.forEach((w, c) => copy.columnWidths.set(c, w));
      copy.orientation = source.orientation;
      copy.paperSize = source.paperSize;
      copy.zoom = { ...source.zoom };
      copy.pageBreaksBefore = [...source.pageBreaksBefore];
      copy.printTitleRows = source.printTitleRows && { ...source.printTitleRows };
      copy.footer = { ...source.footer };
      source.customProperties.forEach((v, k) => copy.customProperties.set(k, v));
      this.excel.sheets.push(copy);
      return copy;
    }, positionType);
  }

  activate(): void {
    this.act('activate', null, () => {
      const sheet = this.live();
      if (sheet.visibility !== 'Visible') throw new FakeOfficeError('InvalidOperation', 'Feuille masquée');
      this.excel.activeSheet = sheet.name;
    });
  }

  getRange(address = 'A1:XFD1048576'): RangeProxy {
    return new RangeProxy(this.context, () => ({ sheet: this.live(), area: parseLocalAddress(address) }), address);
  }

  getRangeByIndexes(row: number, col: number, rowCount: number, colCount: number): RangeProxy {
    return new RangeProxy(this.context, () => {
      if (row < 0 || col < 0 || rowCount < 1 || colCount < 1 || row + rowCount > MAX_ROWS || col + colCount > MAX_COLUMNS) {
        throw new FakeOfficeError('InvalidArgument', `Plage hors limites ${row},${col},${rowCount},${colCount}`);
      }
      return { sheet: this.live(), area: { row, col, rowCount, colCount } };
    }, [row, col, rowCount, colCount]);
  }

  /** Several areas at once (ExcelApi 1.9), e.g. `A1:B2,D4`: one call formats them all. */
  getRanges(address: string): RangeAreasFormatProxy {
    const separator = this.excel.listSeparator;
    return new RangeAreasFormatProxy(this.context, () => {
      if (address.includes(separator === ',' ? ';' : ',')) throw new FakeOfficeError('InvalidArgument', `Adresse non valide : ${address}`);
      return { sheet: this.live(), areas: address.split(separator).map(parseLocalAddress) };
    }, address);
  }

  getUsedRange(valuesOnly = false): RangeProxy {
    return new RangeProxy(this.context, () => {
      const sheet = this.live();
      return { sheet, area: sheet.usedArea(valuesOnly) ?? { row: 0, col: 0, rowCount: 1, colCount: 1 } };
    }, valuesOnly);
  }

  get tables() {
    const context = this.context;
    const live = () => this.live();
    let items: { name: string }[] | undefined;
    return {
      load: (properties: string) => {
        if (properties !== 'items/name') throw new Error(`fake Excel: unsupported tables load ${properties}`);
        const collection = {
          get items(): { name: string }[] {
            if (!items) throw notLoaded('TableCollection.items');
            return items;
          },
        };
        context.enqueue('Worksheet.tables.load', properties, () => {
          const names = live().tables.map((t) => ({ name: t.name }));
          context.stage(names, () => (items = names));
        });
        return collection;
      },
      getItem: (name: string) => ({
        /** Deletes the table and its data (`convertToRange` would keep the data). */
        delete: () =>
          context.enqueue('Table.delete', name, () => {
            const sheet = live();
            const table = sheet.tables.find((t) => t.name.toLowerCase() === name.toLowerCase());
            if (!table) throw new FakeOfficeError('ItemNotFound', `Tableau ${name} introuvable`);
            sheet.tables.splice(sheet.tables.indexOf(table), 1);
            for (const [k, cell] of [...sheet.cells]) {
              const [r, c] = k.split(',').map(Number);
              if (overlaps(table.range, { row: r, col: c, rowCount: 1, colCount: 1 })) sheet.cells.set(k, { value: '', format: cell.format });
            }
          }),
      }),
      add: (source: RangeProxy | string, hasHeaders: boolean) => {
        const sourceTarget = typeof source === 'string' ? null : source;
        return new TableProxy(this.context, () => {
          const sheet = this.live();
          if (sheet.protected) throw new FakeOfficeError('AccessDenied', 'Feuille protégée');
          const area = sourceTarget ? sourceTarget.targetArea() : parseLocalAddress(source as string);
          if (!hasHeaders) throw new Error('fake Excel: tables are always added with headers here');
          if (sheet.tables.some((t) => overlaps(t.range, area))) throw new FakeOfficeError('MergedRangeConflict', 'Tableaux superposés');
          // « MergedRangeConflict: a table can't overlap with another table, a PivotTable report, query
          // results, merged cells, or an XML Map » (Error handling with the application-specific
          // JavaScript APIs, learn.microsoft.com/office/dev/add-ins/testing/application-specific-api-error-handling).
          if (sheet.merges.some((m) => overlaps(m, area))) throw new FakeOfficeError('MergedRangeConflict', 'Cellules fusionnées dans un tableau');
          const index = this.excel.allTables().length + 1;
          const table: FakeTable = { name: `Tableau${index}`, range: area, style: 'TableStyleMedium2' };
          sheet.tables.push(table);
          return { sheet, table };
        }, { hasHeaders });
      },
    };
  }

  get charts() {
    const context = this.context;
    const live = () => this.live();
    let items: { name: string }[] | undefined;
    return {
      load: (properties: string) => {
        if (properties !== 'items/name') throw new Error(`fake Excel: unsupported charts load ${properties}`);
        const collection = {
          get items(): { name: string }[] {
            if (!items) throw notLoaded('ChartCollection.items');
            return items;
          },
        };
        context.enqueue('Worksheet.charts.load', properties, () => {
          const names = live().charts.map((c) => ({ name: c.name }));
          context.stage(names, () => (items = names));
        });
        return collection;
      },
      getItem: (name: string) => ({
        delete: () =>
          context.enqueue('Chart.delete', name, () => {
            const sheet = live();
            const index = sheet.charts.findIndex((c) => c.name === name);
            if (index < 0) throw new FakeOfficeError('ItemNotFound', `Graphique ${name} introuvable`);
            sheet.charts.splice(index, 1);
          }),
      }),
      add: (type: string, source: RangeProxy, seriesBy: string) =>
        new ChartProxy(this.context, () => {
          const sheet = this.live();
          let name = '';
          for (let n = 1; !name || sheet.charts.some((c) => c.name === name); n++) name = `Chart ${n}`;
          const chart: FakeChart = { name, type, source: source.targetArea(), seriesBy, title: '', from: '', to: '' };
          sheet.charts.push(chart);
          return chart;
        }, [type, seriesBy]),
    };
  }

  get freezePanes() {
    return {
      freezeRows: (count: number) => this.act('freezeRows', count, () => (this.live().freeze = { rows: count, cols: 0 })),
      unfreeze: () => this.act('unfreeze', null, () => (this.live().freeze = { rows: 0, cols: 0 })),
      freezeColumns: (count: number) => this.act('freezeColumns', count, () => (this.live().freeze = { rows: 0, cols: count })),
      freezeAt: (range: RangeProxy) =>
        this.act('freezeAt', null, () => {
          const area = range.targetArea();
          if (area.row !== 0 || area.col !== 0) throw new Error('fake Excel: freezeAt expects a range from A1');
          this.live().freeze = { rows: area.rowCount, cols: area.colCount };
        }),
    };
  }

  /** Page setup (ExcelApi 1.9): write-only here, reading a property without a load throws like Excel. */
  get pageLayout() {
    const act = (name: string, payload: unknown, run: () => void) => this.act(name, payload, run);
    const live = () => this.live();
    const footerSection = (section: keyof FakeSheet['footer']) => ({
      get: () => {
        throw notLoaded(`HeaderFooter.${section}Footer`);
      },
      set: (value: string) => act(`pageLayout.headersFooters.defaultForAllPages.${section}Footer`, value, () => (live().footer[section] = value)),
    });
    const defaultForAllPages = Object.defineProperties(
      {},
      { leftFooter: footerSection('left'), centerFooter: footerSection('center'), rightFooter: footerSection('right') },
    ) as { leftFooter: string; centerFooter: string; rightFooter: string };
    return {
      get orientation(): string {
        throw notLoaded('PageLayout.orientation');
      },
      set orientation(value: string) {
        act('pageLayout.orientation', value, () => (live().orientation = value));
      },
      get paperSize(): string {
        throw notLoaded('PageLayout.paperSize');
      },
      set paperSize(value: string) {
        act('pageLayout.paperSize', value, () => (live().paperSize = value));
      },
      get zoom(): FakeSheet['zoom'] {
        throw notLoaded('PageLayout.zoom');
      },
      set zoom(value: FakeSheet['zoom']) {
        act('pageLayout.zoom', value, () => (live().zoom = { ...value }));
      },
      headersFooters: { defaultForAllPages },
      /** Whole rows only (`5:5`, `$1:$2`), like Excel; a range proxy is not modelled. */
      setPrintTitleRows(rows: string) {
        act('pageLayout.setPrintTitleRows', rows, () => {
          const match = typeof rows === 'string' ? /^\$?(\d+):\$?(\d+)$/.exec(rows) : null;
          const [first, last] = match ? [Number(match[1]) - 1, Number(match[2]) - 1] : [-1, -1];
          if (first < 0 || last < first || last >= MAX_ROWS) throw new FakeOfficeError('InvalidArgument', `Lignes à répéter non valides : ${String(rows)}`);
          live().printTitleRows = { first, last };
        });
      },
    };
  }

  /** Worksheet custom properties (ExcelApi 1.12): `add` (replaces a same key) and `getItemOrNullObject`. */
  get customProperties() {
    return {
      add: (key: string, value: string) =>
        this.act('customProperties.add', [key, value], () => {
          if (!key || key.length > 255) throw new FakeOfficeError('InvalidArgument', `Clé de propriété ${key}`);
          this.live().customProperties.set(key.toLowerCase(), String(value));
        }),
      getItemOrNullObject: (key: string) =>
        new CustomPropertyProxy(this.context, () => {
          const value = this.live().customProperties.get(key.toLowerCase());
          return value === undefined ? null : { value };
        }, key),
    };
  }

  get horizontalPageBreaks() {
    return {
      removePageBreaks: () => this.act('horizontalPageBreaks.removePageBreaks', null, () => (this.live().pageBreaksBefore = [])),
      add: (range: RangeProxy) =>
        this.act('horizontalPageBreaks.add', null, () => {
          const sheet = this.live();
          // « There is a limit of 1026 horizontal page breaks per sheet » (VBA HPageBreak object; MS-XLS
          // 2.4.142 HorizontalPageBreaks). What Excel does with one more is not documented: refused here,
          // so that a sheet asking for more is a red test.
          if (sheet.pageBreaksBefore.length >= MAX_PAGE_BREAKS) throw new FakeOfficeError('InvalidOperation', `Plus de ${MAX_PAGE_BREAKS} sauts de page`);
          sheet.pageBreaksBefore.push(range.targetArea().row);
        }),
    };
  }
}

function checkCellCount(area: CellRange): void {
  if (area.rowCount * area.colCount > MAX_RANGE_CELLS) {
    throw new FakeOfficeError('RangeExceedsLimit', `Plage de ${area.rowCount * area.colCount} cellules (limite ${MAX_RANGE_CELLS})`);
  }
}

interface RangeTarget {
  sheet: FakeSheet;
  area: CellRange;
}

class RangeProxy extends Proxy<RangeTarget> {
  constructor(context: FakeContext, bind: () => RangeTarget, payload?: unknown) {
    super(context, 'Range', bind, payload);
  }

  targetArea(): CellRange {
    return this.t.area;
  }

  private writable(): RangeTarget {
    const target = this.t;
    liveSheet(this.context.excel, target.sheet);
    if (target.sheet.protected) throw new FakeOfficeError('AccessDenied', `La feuille ${target.sheet.name} est protégée`);
    return target;
  }

  private forEachCell(target: RangeTarget, visit: (row: number, col: number) => void): void {
    const { row, col, rowCount, colCount } = target.area;
    for (let r = row; r < row + rowCount; r++) for (let c = col; c < col + colCount; c++) visit(r, c);
  }

  private checkShape(target: RangeTarget, matrix: unknown, what: string): unknown[][] {
    const { rowCount, colCount } = target.area;
    checkCellCount(target.area);
    if (!Array.isArray(matrix) || matrix.length !== rowCount || matrix.some((line) => !Array.isArray(line) || line.length !== colCount)) {
      throw new FakeOfficeError('InvalidArgument', `${what} : dimensions différentes de la plage ${rowCount}x${colCount}`);
    }
    return matrix as unknown[][];
  }

  private matrix<V>(target: RangeTarget, cellValue: (cell: FakeCell | undefined) => V): V[][] {
    const { row, col, rowCount, colCount } = target.area;
    checkCellCount(target.area);
    return Array.from({ length: rowCount }, (_, r) => Array.from({ length: colCount }, (_, c) => cellValue(target.sheet.cell(row + r, col + c))));
  }

  load(properties: string): this {
    return this.queueLoad(properties, (target, property) => {
      liveSheet(this.context.excel, target.sheet);
      switch (property) {
        case 'address':
          return `${quoteSheet(target.sheet.name)}!${areaA1(target.area)}`;
        case 'values':
          return this.matrix(target, (cell) => cell?.value ?? '');
        case 'formulas':
          return this.matrix(target, (cell) => cell?.formula ?? cell?.value ?? '');
        case 'numberFormat':
          return this.matrix(target, (cell) => cell?.format.numberFormat ?? 'General');
        case 'rowCount':
          return target.area.rowCount;
        case 'columnCount':
          return target.area.colCount;
        default:
          throw new Error(`fake Excel: Range.${property} is not supported`);
      }
    });
  }

  get address(): string {
    return this.read('address') as string;
  }

  get values(): FakeValue[][] {
    return this.read('values') as FakeValue[][];
  }
  set values(matrix: (FakeValue | null)[][]) {
    this.act('values', matrix, () => {
      const target = this.writable();
      const rows = this.checkShape(target, matrix, 'values');
      this.forEachCell(target, (r, c) => {
        const input = rows[r - target.area.row][c - target.area.col] as FakeValue | null;
        if (input === null) return;
        const typed = typedInput(input);
        const cell = target.sheet.ensure(r, c);
        cell.value = typed.value;
        cell.formula = typed.formula;
        cell.textPrefix = typed.textPrefix;
      });
    });
  }

  get formulas(): unknown[][] {
    return this.read('formulas') as unknown[][];
  }
  set formulas(matrix: (string | number | boolean | null)[][]) {
    this.act('formulas', matrix, () => {
      const target = this.writable();
      const rows = this.checkShape(target, matrix, 'formulas');
      this.forEachCell(target, (r, c) => {
        const input = rows[r - target.area.row][c - target.area.col] as FakeValue | null;
        if (input === null) return;
        if (typeof input === 'string' && input.includes(';')) throw new FakeOfficeError('InvalidArgument', `Formule non anglaise : ${input}`);
        const typed = typedInput(input);
        const cell = target.sheet.ensure(r, c);
        cell.value = typed.value;
        cell.formula = typed.formula;
        cell.textPrefix = typed.textPrefix;
      });
    });
  }

  set numberFormat(matrix: (string | null)[][]) {
    this.act('numberFormat', matrix, () => {
      const target = this.writable();
      const rows = this.checkShape(target, matrix, 'numberFormat');
      this.forEachCell(target, (r, c) => {
        const format = rows[r - target.area.row][c - target.area.col] as string | null;
        if (format !== null) target.sheet.ensure(r, c).format.numberFormat = format;
      });
    });
  }

  /** Every cell's format, written when the sync runs. */
  private formatAll(name: string, payload: unknown, apply: (format: FakeFormat) => void): void {
    this.act(name, payload, () => {
      const target = this.writable();
      this.forEachCell(target, (r, c) => apply(target.sheet.ensure(r, c).format));
    });
  }

  get format() {
    return formatSetters({
      formatAll: (name, payload, apply) => this.formatAll(name, payload, apply),
      recordBorder: (edge, name, value) =>
        this.act(`format.borders.${edge}.${name}`, value, () => {
          const target = this.writable();
          let border = target.sheet.borders.find((b) => b.edge === edge && b.range === target.area);
          if (!border) target.sheet.borders.push((border = { range: target.area, edge }));
          border[name] = value;
        }),
      setColumnWidth: (v) =>
        this.act('format.columnWidth', v, () => {
          const target = this.writable();
          for (let c = target.area.col; c < target.area.col + target.area.colCount; c++) target.sheet.columnWidths.set(c, v);
        }),
    });
  }

  getCellProperties(options: { format?: { fill?: { color?: boolean } } }): ClientResultProxy<unknown[][]> {
    if (JSON.stringify(options) !== JSON.stringify({ format: { fill: { color: true } } })) throw new Error('fake Excel: only fill colours are supported');
    return new ClientResultProxy(this.context, 'Range.getCellProperties', options, () =>
      this.matrix(this.t, (cell) => ({ format: { fill: { color: cell?.format.fill ?? '#FFFFFF' } } })),
    );
  }

  getRowProperties(options: { rowHidden?: boolean }): ClientResultProxy<unknown[]> {
    if (!options.rowHidden) throw new Error('fake Excel: only rowHidden is supported');
    return new ClientResultProxy(this.context, 'Range.getRowProperties', options, () => {
      const { sheet, area } = this.t;
      return Array.from({ length: area.rowCount }, (_, r) => ({ rowHidden: sheet.hiddenRows.has(area.row + r) }));
    });
  }

  getColumnProperties(options: { columnHidden?: boolean }): ClientResultProxy<unknown[]> {
    if (!options.columnHidden) throw new Error('fake Excel: only columnHidden is supported');
    return new ClientResultProxy(this.context, 'Range.getColumnProperties', options, () => {
      const { sheet, area } = this.t;
      return Array.from({ length: area.colCount }, (_, c) => ({ columnHidden: sheet.hiddenColumns.has(area.col + c) }));
    });
  }

  getSpecialCellsOrNullObject(type: string): RangeAreasProxy {
    if (type !== 'Formulas') throw new Error(`fake Excel: special cells ${type} not supported`);
    return new RangeAreasProxy(this.context, () => {
      const { sheet, area } = this.t;
      const areas: CellRange[] = [];
      for (let r = area.row; r < area.row + area.rowCount; r++) {
        let start = -1;
        for (let c = area.col; c <= area.col + area.colCount; c++) {
          const isFormula = c < area.col + area.colCount && sheet.cell(r, c)?.formula !== undefined;
          if (isFormula && start < 0) start = c;
          if (!isFormula && start >= 0) {
            areas.push({ row: r, col: start, rowCount: 1, colCount: c - start });
            start = -1;
          }
        }
      }
      return areas.length ? { sheet, areas } : null;
    }, type);
  }

  getMergedAreasOrNullObject(): RangeAreasProxy {
    return new RangeAreasProxy(this.context, () => {
      const { sheet, area } = this.t;
      const areas = sheet.merges.filter((m) => overlaps(m, area));
      if (areas.length > this.context.excel.mergedAreasLimit) throw new FakeOfficeError('GeneralException', 'Trop de zones fusionnées');
      return areas.length ? { sheet, areas } : null;
    });
  }

  /** Clears what `applyTo` says on the cells of the range (All: contents and formats, borders included). */
  clear(applyTo = 'All'): void {
    this.act('clear', applyTo, () => {
      if (applyTo !== 'All') throw new Error('fake Excel: only clear("All") is modelled');
      const target = this.writable();
      for (const k of [...target.sheet.cells.keys()]) {
        const [r, c] = k.split(',').map(Number);
        if (overlaps(target.area, { row: r, col: c, rowCount: 1, colCount: 1 })) target.sheet.cells.delete(k);
      }
      target.sheet.borders = target.sheet.borders.filter((b) => !overlaps(b.range, target.area));
    });
  }

  unmerge(): void {
    this.act('unmerge', null, () => {
      const target = this.writable();
      target.sheet.merges = target.sheet.merges.filter((m) => !overlaps(m, target.area));
    });
  }

  merge(across = false): void {
    this.act('merge', across, () => {
      const target = this.writable();
      if (across) throw new Error('fake Excel: merge across is not supported');
      if (target.sheet.merges.some((m) => overlaps(m, target.area))) throw new FakeOfficeError('InvalidOperation', 'Fusion superposée');
      if (target.sheet.tables.some((t) => overlaps(t.range, target.area))) throw new FakeOfficeError('InvalidOperation', 'Fusion dans un tableau');
      target.sheet.merges.push(target.area);
    });
  }

  select(): void {
    this.act('select', null, (target) => {
      liveSheet(this.context.excel, target.sheet);
      if (this.context.excel.activeSheet !== target.sheet.name) throw new FakeOfficeError('InvalidOperation', 'Feuille non active');
      this.context.excel.selection = `${target.sheet.name}!${areaA1(target.area)}`;
    });
  }

  get conditionalFormats() {
    return {
      clearAll: () =>
        this.act('conditionalFormats.clearAll', null, () => {
          const target = this.writable();
          target.sheet.conditionalFormats = target.sheet.conditionalFormats.filter((f) => !overlaps(f.range, target.area));
        }),
      add: (type: string) =>
        new ConditionalFormatProxy(this.context, () => {
          const target = this.writable();
          const format: FakeConditionalFormat = { range: target.area, type };
          target.sheet.conditionalFormats.push(format);
          return format;
        }, type),
    };
  }

  get dataValidation() {
    const act = (name: string, payload: unknown, run: () => void) => this.act(name, payload, run);
    const writable = () => this.writable();
    const record = (): FakeValidation => {
      const target = writable();
      let validation = target.sheet.validations.find((v) => v.range === target.area);
      if (!validation) target.sheet.validations.push((validation = { range: target.area }));
      return validation;
    };
    return {
      clear: () =>
        act('dataValidation.clear', null, () => {
          const target = writable();
          target.sheet.validations = target.sheet.validations.filter((v) => !overlaps(v.range, target.area));
        }),
      set rule(v: unknown) { act('dataValidation.rule', v, () => (record().rule = v)); },
      set ignoreBlanks(v: boolean) { act('dataValidation.ignoreBlanks', v, () => (record().ignoreBlanks = v)); },
    };
  }
}

class RangeAreasProxy extends Proxy<{ sheet: FakeSheet; areas: CellRange[] } | null> {
  private nullKnown: boolean | undefined;

  constructor(context: FakeContext, bind: () => { sheet: FakeSheet; areas: CellRange[] } | null, payload?: unknown) {
    super(context, 'RangeAreas', bind, payload);
    // isNullObject becomes readable with the sync that binds the object, as in Office.js.
    context.enqueue('RangeAreas.isNullObject', null, () => {
      const isNull = this.t === null;
      context.stage(isNull, () => (this.nullKnown = isNull));
    });
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded('RangeAreas.isNullObject');
    return this.nullKnown;
  }

  load(properties: string): this {
    return this.queueLoad(properties, (target, property) => {
      if (property !== 'address') throw new Error(`fake Excel: RangeAreas.${property} is not supported`);
      if (!target) return undefined;
      return target.areas.map((area) => `${quoteSheet(target.sheet.name)}!${areaA1(area)}`).join(',');
    });
  }

  get address(): string {
    const value = this.read('address');
    if (value === undefined) throw notLoaded('RangeAreas.address (null object)');
    return value as string;
  }
}

/** How a range (or several areas) applies one format property: queued until sync, then on every cell. */
interface FormatTarget {
  formatAll(name: string, payload: unknown, apply: (format: FakeFormat) => void): void;
  recordBorder(edge: string, name: 'style' | 'color', value: string): void;
  /** Absent on several areas: the code never sets widths that way. */
  setColumnWidth?(width: number): void;
}

/** The `format` object of Office.js as the gateway uses it: each setter is one queued call. */
function formatSetters(target: FormatTarget) {
  const { formatAll } = target;
  return {
    font: {
      set bold(v: boolean) { formatAll('format.font.bold', v, (f) => (f.bold = v)); },
      set italic(v: boolean) { formatAll('format.font.italic', v, (f) => (f.italic = v)); },
      set size(v: number) { formatAll('format.font.size', v, (f) => (f.size = v)); },
      set color(v: string) { formatAll('format.font.color', v, (f) => (f.fontColor = v.toUpperCase())); },
    },
    fill: {
      set color(v: string) { formatAll('format.fill.color', v, (f) => (f.fill = v.toUpperCase())); },
    },
    set wrapText(v: boolean) { formatAll('format.wrapText', v, (f) => (f.wrap = v)); },
    set horizontalAlignment(v: string) { formatAll('format.horizontalAlignment', v, (f) => (f.horizontal = v)); },
    set verticalAlignment(v: string) { formatAll('format.verticalAlignment', v, (f) => (f.vertical = v)); },
    set columnWidth(v: number) {
      if (!target.setColumnWidth) throw new Error('fake Excel: columnWidth is only modelled on a single range');
      target.setColumnWidth(v);
    },
    borders: {
      getItem: (edge: string) => ({
        set style(v: string) { target.recordBorder(edge, 'style', v); },
        set color(v: string) { target.recordBorder(edge, 'color', v); },
      }),
    },
  };
}

/** `Worksheet.getRanges(...)` as used for writing: its format applies to every area, one call per property. */
class RangeAreasFormatProxy extends Proxy<{ sheet: FakeSheet; areas: CellRange[] }> {
  constructor(context: FakeContext, bind: () => { sheet: FakeSheet; areas: CellRange[] }, payload: unknown) {
    super(context, 'RangeAreas', bind, payload);
  }

  private writable(): { sheet: FakeSheet; areas: CellRange[] } {
    const target = this.t;
    liveSheet(this.context.excel, target.sheet);
    if (target.sheet.protected) throw new FakeOfficeError('AccessDenied', `La feuille ${target.sheet.name} est protégée`);
    return target;
  }

  get format() {
    return formatSetters({
      formatAll: (name, value, apply) =>
        this.act(name, value, () => {
          const { sheet, areas } = this.writable();
          for (const area of areas) {
            for (let r = area.row; r < area.row + area.rowCount; r++) for (let c = area.col; c < area.col + area.colCount; c++) apply(sheet.ensure(r, c).format);
          }
        }),
      // Excel draws an edge of a multi-area range around each area.
      recordBorder: (edge, name, value) =>
        this.act(`format.borders.${edge}.${name}`, value, () => {
          const { sheet, areas } = this.writable();
          for (const area of areas) {
            let border = sheet.borders.find((b) => b.edge === edge && JSON.stringify(b.range) === JSON.stringify(area));
            if (!border) sheet.borders.push((border = { range: area, edge }));
            border[name] = value;
          }
        }),
    });
  }
}

/** A worksheet custom property, or a null object when the key is absent. */
class CustomPropertyProxy extends Proxy<{ value: string } | null> {
  private nullKnown: boolean | undefined;

  constructor(context: FakeContext, bind: () => { value: string } | null, payload?: unknown) {
    super(context, 'WorksheetCustomProperty', bind, payload);
    context.enqueue('WorksheetCustomProperty.isNullObject', null, () => {
      const isNull = this.t === null;
      context.stage(isNull, () => (this.nullKnown = isNull));
    });
  }

  get isNullObject(): boolean {
    if (this.nullKnown === undefined) throw notLoaded('WorksheetCustomProperty.isNullObject');
    return this.nullKnown;
  }

  load(properties: string): this {
    return this.queueLoad(properties, (target, property) => {
      if (property !== 'value') throw new Error(`fake Excel: WorksheetCustomProperty.${property} is not supported`);
      return target?.value;
    });
  }

  get value(): string {
    const value = this.read('value');
    if (value === undefined) throw notLoaded('WorksheetCustomProperty.value (null object)');
    return value as string;
  }
}

class TableProxy extends Proxy<{ sheet: FakeSheet; table: FakeTable }> {
  constructor(context: FakeContext, bind: () => { sheet: FakeSheet; table: FakeTable }, payload?: unknown) {
    super(context, 'Table', bind, payload);
  }
  set name(value: string) {
    this.act('name', value, ({ table }) => {
      if (!/^[A-Za-z_\\][A-Za-z0-9_.]*$/.test(value) || value.length > 255) throw new FakeOfficeError('InvalidArgument', `Nom de tableau ${value}`);
      const clash = this.context.excel.allTables().find((t) => t !== table && t.name.toLowerCase() === value.toLowerCase());
      // Real Excel answers InvalidArgument (not ItemAlreadyExists) for a name held by any table of the workbook.
      if (clash) throw new FakeOfficeError('InvalidArgument', `Le tableau ${value} existe déjà`);
      table.name = value;
    });
  }
  set style(value: string) {
    this.act('style', value, ({ table }) => (table.style = value));
  }
}

class ChartProxy extends Proxy<FakeChart> {
  constructor(context: FakeContext, bind: () => FakeChart, payload?: unknown) {
    super(context, 'Chart', bind, payload);
  }
  get title() {
    const act = (payload: string) => this.act('title.text', payload, (chart) => (chart.title = payload));
    return {
      set text(value: string) { act(value); },
    };
  }
  setPosition(from: string, to: string): void {
    this.act('setPosition', [from, to], (chart) => {
      parseLocalAddress(from);
      parseLocalAddress(to);
      chart.from = from;
      chart.to = to;
    });
  }
}

class ConditionalFormatProxy extends Proxy<FakeConditionalFormat> {
  constructor(context: FakeContext, bind: () => FakeConditionalFormat, payload?: unknown) {
    super(context, 'ConditionalFormat', bind, payload);
  }
  get cellValue() {
    const act = (name: string, payload: unknown, run: (cf: FakeConditionalFormat) => void) => this.act(name, payload, run);
    return {
      format: {
        fill: { set color(v: string) { act('cellValue.format.fill.color', v, (cf) => (cf.fill = v.toUpperCase())); } },
        font: {
          set color(v: string) { act('cellValue.format.font.color', v, (cf) => (cf.fontColor = v.toUpperCase())); },
          set bold(v: boolean) { act('cellValue.format.font.bold', v, (cf) => (cf.bold = v)); },
        },
      },
      set rule(v: unknown) { act('cellValue.rule', v, (cf) => (cf.rule = v)); },
    };
  }
}

