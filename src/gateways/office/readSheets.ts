/**
 * Reading worksheets into grids, in as few syncs as the 5 MB answer limit of Excel on the web allows.
 * The functions here only queue loads on the request context; the gateway syncs. Values, hidden rows
 * and columns, formula cells and merges are read for the coordinator's sheets; fills only where the
 * reader needs them (see fillsNeeded.ts); of our own output sheets, only what the engine reads back.
 */
import type { CellRange, CellValue, Grid } from '../../core/grid';
import { GROUP_COLUMNS } from '../../core/plan/sheetColumns';
import { readBackOf, type ReadBack } from '../../core/readBack';
import { MARKER, SHEET_NAMES, SHEET_PREFIX } from '../../core/workbook';
import { normalizeText } from '../../core/text';
import { parseAreas, parseRangeAddress, relativeTo } from './addresses';
import { FINGERPRINT_KEY } from './fingerprint';
import { isBackupName, STAGING_PREFIX } from './writePlan';

/** A worksheet as listed by the first sync. */
export interface SheetMeta {
  name: string;
  hidden: boolean;
}

/** What the second sync tells about a sheet: where its values are, and whether it is ours. */
export interface SheetOutline {
  meta: SheetMeta;
  /** Absolute used range (values only); a blank sheet gives A1. */
  window: CellRange;
  /** Written by Pilote AP (our name prefix and the marker in A1). */
  ours: boolean;
  marker: string | null;
  /** The first rows of a sheet named like ours (A1 and, for `AP Groupes`, its header row). */
  top: unknown[][];
  /** Content fingerprint of the spec that wrote an AP sheet (see fingerprint.ts); null when unknown. */
  fingerprint: string | null;
  /** Tables and charts on a sheet named like ours (a rewrite in place removes them first). */
  tables: string[];
  charts: string[];
}

export interface PendingOutline {
  meta: SheetMeta;
  used: Excel.Range;
  corner: Excel.Range | null;
  fingerprint: Excel.WorksheetCustomProperty | null;
  tables: Excel.TableCollection | null;
  charts: Excel.ChartCollection | null;
}

/** Rows and columns probed at the top of our sheets: the marker and the header of `AP Groupes`. */
const TOP_ROWS = 6;
const TOP_COLUMNS = 16;

/**
 * Queue the used range of a sheet and, for a sheet named like ours, its top-left corner and (where
 * Excel has worksheet custom properties, ExcelApi 1.12) the fingerprint of its content.
 */
export function queueOutline(sheet: Excel.Worksheet, meta: SheetMeta, withFingerprint: boolean): PendingOutline {
  // Values only: a column formatted down to row 1,048,576 must not inflate the read.
  const used = sheet.getUsedRange(true).load('address');
  const named = meta.name.startsWith(SHEET_PREFIX);
  const corner = named ? sheet.getRangeByIndexes(0, 0, TOP_ROWS, TOP_COLUMNS).load('values') : null;
  const fingerprint = named && withFingerprint ? sheet.customProperties.getItemOrNullObject(FINGERPRINT_KEY).load('value') : null;
  const tables = named ? sheet.tables.load('items/name') : null;
  const charts = named ? sheet.charts.load('items/name') : null;
  return { meta, used, corner, fingerprint, tables, charts };
}

export function toOutline(pending: PendingOutline): SheetOutline {
  const window = parseRangeAddress(pending.used.address);
  const top = (pending.corner?.values ?? []) as unknown[][];
  const a1 = top[0]?.[0];
  const marker = typeof a1 === 'string' && a1.startsWith(MARKER) ? a1 : null;
  const fingerprint = pending.fingerprint && !pending.fingerprint.isNullObject ? pending.fingerprint.value : null;
  const names = (collection: { items: { name: string }[] } | null) => collection?.items.map((item) => item.name) ?? [];
  return { meta: pending.meta, window, ours: marker !== null, marker, top, fingerprint, tables: names(pending.tables), charts: names(pending.charts) };
}

/** What the engine reads back from `AP Groupes`: the locks and what identifies the locked row. */
const GROUP_COLUMNS_READ = [GROUP_COLUMNS.slot, GROUP_COLUMNS.workshop, GROUP_COLUMNS.teacher, GROUP_COLUMNS.pupil, GROUP_COLUMNS.className, GROUP_COLUMNS.lock];

/**
 * The rectangles (absolute) to read of a sheet whose values the engine needs. For `AP Groupes`, its
 * header rows whole, then only the columns read back below them (not the long « Pourquoi »); for any
 * other sheet, the used range.
 */
export function valueAreas(outline: SheetOutline): CellRange[] {
  const { window } = outline;
  if (!(outline.ours && outline.meta.name === SHEET_NAMES.groups && window.row === 0 && window.col === 0)) return [window];
  const wanted = GROUP_COLUMNS_READ.map(normalizeText);
  const headerRow = outline.top.findIndex((line) => wanted.every((w) => line.some((cell) => normalizeText(cell as string) === w)));
  if (headerRow < 0) return [window];
  const header = outline.top[headerRow].map((cell) => normalizeText(cell as string));
  const columns = wanted.map((w) => header.indexOf(w)).sort((a, b) => a - b);
  const below = window.rowCount - headerRow - 1;
  const areas: CellRange[] = [{ row: 0, col: 0, rowCount: headerRow + 1, colCount: window.colCount }];
  if (below <= 0) return areas;
  for (const col of columns) {
    const last = areas[areas.length - 1];
    if (areas.length > 1 && last.col + last.colCount === col) last.colCount++;
    else areas.push({ row: headerRow + 1, col, rowCount: below, colCount: 1 });
  }
  return areas;
}

/**
 * How much of a sheet the gateway reads: of our own sheets, what the engine reads back (declared by
 * each domain in the core, see readBack.ts); the coordinator's sheets in full. Staging and backup
 * copies are not part of the workbook the engine sees.
 */
export type ReadExtent = 'skip' | ReadBack;

export function readExtent(outline: SheetOutline): ReadExtent {
  const name = outline.meta.name;
  if (!outline.ours) return 'full';
  if (name.startsWith(STAGING_PREFIX) || isBackupName(name)) return 'skip';
  return readBackOf(name);
}

/** Hidden rows and columns, formula cells and merges of one sheet: small answers, queued once. */
export interface PendingStructure {
  rows: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  columns: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  formulaCells: Excel.RangeAreas;
  merges: Excel.RangeAreas | null;
}

export function queueStructure(sheet: Excel.Worksheet, window: CellRange, withMerges: boolean): PendingStructure {
  const used = sheet.getRangeByIndexes(window.row, window.col, window.rowCount, window.colCount);
  const rows = used.getRowProperties({ rowHidden: true });
  const columns = used.getColumnProperties({ columnHidden: true });
  // The addresses of formula cells weigh far less than every cell's formula text.
  const formulaCells = used.getSpecialCellsOrNullObject('Formulas');
  formulaCells.load('address');
  let merges: Excel.RangeAreas | null = null;
  if (withMerges) {
    merges = used.getMergedAreasOrNullObject();
    merges.load('address');
  }
  return { rows, columns, formulaCells, merges };
}

function toCellValue(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

const NO_FILL = '#FFFFFF';

export function toFill(color: string | undefined): string | null {
  if (!color || !color.startsWith('#')) return null;
  const upper = color.toUpperCase();
  return upper === NO_FILL ? null : upper;
}

export function toCellValues(raw: unknown[][]): CellValue[][] {
  return raw.map((line) => line.map(toCellValue));
}

/** Areas (e.g. formula cells or merges) in the grid's own coordinates, clipped to it. */
function areasWithin(areas: Excel.RangeAreas | null, window: CellRange): CellRange[] {
  if (!areas || areas.isNullObject) return [];
  return parseAreas(areas.address).flatMap((area) => relativeTo(area, window) ?? []);
}

/** An empty grid for a sheet, at its used range. */
export function emptyGrid(outline: SheetOutline): Grid {
  return {
    sheet: outline.meta.name,
    origin: { row: outline.window.row, col: outline.window.col },
    values: [],
    hidden: outline.meta.hidden,
  };
}

/** Put the structure of a sheet (synced) into its grid. */
export function applyStructure(grid: Grid, window: CellRange, structure: PendingStructure): void {
  if (structure.merges) grid.merges = areasWithin(structure.merges, window);
  grid.hiddenRows = structure.rows.value.flatMap((row, index) => (row.rowHidden ? [index] : []));
  grid.hiddenColumns = structure.columns.value.flatMap((column, index) => (column.columnHidden ? [index] : []));
  const formulas = grid.values.map((line) => line.map(() => false));
  for (const area of areasWithin(structure.formulaCells, window)) {
    for (let r = area.row; r < area.row + area.rowCount && r < formulas.length; r++) {
      for (let c = area.col; c < area.col + area.colCount; c++) formulas[r][c] = true;
    }
  }
  grid.formulas = formulas;
}
