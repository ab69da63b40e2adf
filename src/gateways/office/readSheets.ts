/**
 * Reading worksheets into grids. `queueSheetRead` only queues loads on the request context (no sync);
 * after the caller's single `context.sync()`, `toGrid` turns the loaded results into a Grid.
 */
import type { CellRange, CellValue, Grid } from '../../core/grid';
import { parseAreas, parseRangeAddress, relativeTo } from './addresses';

/** A worksheet as listed by the first sync. */
export interface SheetMeta {
  name: string;
  hidden: boolean;
}

/** The loads queued for one sheet, read back after the sync. */
export interface PendingSheetRead {
  meta: SheetMeta;
  used: Excel.Range;
  fills: OfficeExtension.ClientResult<Excel.CellProperties[][]>;
  rows: OfficeExtension.ClientResult<Excel.RowProperties[]>;
  columns: OfficeExtension.ClientResult<Excel.ColumnProperties[]>;
  formulaCells: Excel.RangeAreas;
  merges: Excel.RangeAreas | null;
}

/** Queue everything one sheet's grid needs; nothing is sent until the caller syncs. */
export function queueSheetRead(sheet: Excel.Worksheet, meta: SheetMeta, withMerges: boolean): PendingSheetRead {
  // Values only: a column formatted down to row 1,048,576 must not inflate the read.
  const used = sheet.getUsedRange(true);
  used.load('address,values');
  const fills = used.getCellProperties({ format: { fill: { color: true } } });
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
  return { meta, used, fills, rows, columns, formulaCells, merges };
}

const NO_FILL = '#FFFFFF';

function toCellValue(value: unknown): CellValue {
  if (value === '' || value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  return String(value);
}

function toFill(color: string | undefined): string | null {
  if (!color || !color.startsWith('#')) return null;
  const upper = color.toUpperCase();
  return upper === NO_FILL ? null : upper;
}

/** Areas (e.g. formula cells or merges) in the grid's own coordinates, clipped to it. */
function areasWithin(areas: Excel.RangeAreas | null, window: CellRange): CellRange[] {
  if (!areas || areas.isNullObject) return [];
  return parseAreas(areas.address).flatMap((area) => relativeTo(area, window) ?? []);
}

/** The grid of a sheet whose loads have been synced. */
export function toGrid(read: PendingSheetRead): Grid {
  const window = parseRangeAddress(read.used.address);
  const raw = read.used.values as unknown[][];
  const grid: Grid = {
    sheet: read.meta.name,
    origin: { row: window.row, col: window.col },
    values: [],
    fills: [],
    formulas: [],
    hiddenRows: [],
    hiddenColumns: [],
    hidden: read.meta.hidden,
  };
  const merges = read.merges ? areasWithin(read.merges, window) : undefined;
  if (merges) grid.merges = merges;
  // A blank sheet comes back as a single empty A1.
  if (raw.length === 1 && raw[0].length === 1 && toCellValue(raw[0][0]) === null) return grid;

  grid.values = raw.map((line) => line.map(toCellValue));
  grid.fills = read.fills.value.map((line) => line.map((cell) => toFill(cell.format?.fill?.color)));
  grid.formulas = raw.map((line) => line.map(() => false));
  for (const area of areasWithin(read.formulaCells, window)) {
    for (let r = area.row; r < area.row + area.rowCount; r++) {
      for (let c = area.col; c < area.col + area.colCount; c++) grid.formulas[r][c] = true;
    }
  }
  grid.hiddenRows = read.rows.value.flatMap((row, index) => (row.rowHidden ? [index] : []));
  grid.hiddenColumns = read.columns.value.flatMap((column, index) => (column.columnHidden ? [index] : []));
  return grid;
}
