/**
 * Test helper: an .xlsx file as a WorkbookSnapshot, through ExcelJS, following src/core/grid.ts:
 * dates as Excel serials, errors as their text, formula cells as their result, fills as `#RRGGBB`
 * (theme and indexed colours are left out), hidden rows and columns and merges relative to A1.
 */
import ExcelJS from 'exceljs';
import type { CellValue, Grid, WorkbookSnapshot } from '../../../src/core/grid';

const EXCEL_EPOCH = Date.UTC(1899, 11, 30);

function plain(value: unknown): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return (value.getTime() - EXCEL_EPOCH) / 86_400_000;
  const v = value as Record<string, unknown>;
  if ('formula' in v || 'sharedFormula' in v) return plain(v.result);
  if ('error' in v) return String(v.error);
  if (Array.isArray(v.richText)) return (v.richText as { text: string }[]).map((t) => t.text).join('');
  if ('text' in v) return plain(v.text);
  return null;
}

function fillOf(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  if (!fill || fill.type !== 'pattern' || fill.pattern !== 'solid') return null;
  const argb = fill.fgColor?.argb;
  return argb && /^[0-9A-Fa-f]{8}$/.test(argb) ? `#${argb.slice(2).toUpperCase()}` : null;
}

function isFormula(cell: ExcelJS.Cell): boolean {
  const v = cell.value as Record<string, unknown> | null;
  return typeof v === 'object' && v !== null && ('formula' in v || 'sharedFormula' in v);
}

export function worksheetToGrid(sheet: ExcelJS.Worksheet): Grid {
  const rows = sheet.rowCount;
  const cols = sheet.columnCount;
  const values: CellValue[][] = [];
  const fills: (string | null)[][] = [];
  const formulas: boolean[][] = [];
  const hiddenRows: number[] = [];
  for (let r = 1; r <= rows; r++) {
    const row = sheet.getRow(r);
    if (row.hidden) hiddenRows.push(r - 1);
    const line: CellValue[] = [];
    const fillLine: (string | null)[] = [];
    const formulaLine: boolean[] = [];
    for (let c = 1; c <= cols; c++) {
      const cell = row.getCell(c);
      // A merged area holds its value in its top-left cell only, as Excel reports it.
      const merged = cell.type === ExcelJS.ValueType.Merge;
      line.push(merged ? null : plain(cell.value));
      fillLine.push(fillOf(cell));
      formulaLine.push(!merged && isFormula(cell));
    }
    values.push(line);
    fills.push(fillLine);
    formulas.push(formulaLine);
  }
  const hiddenColumns: number[] = [];
  for (let c = 1; c <= cols; c++) if (sheet.getColumn(c).hidden) hiddenColumns.push(c - 1);
  const merges = (sheet.model.merges ?? []).map((range: string) => {
    const [start, end] = range.split(':');
    const a = sheet.getCell(start);
    const b = sheet.getCell(end ?? start);
    return { row: Number(a.row) - 1, col: Number(a.col) - 1, rowCount: Number(b.row) - Number(a.row) + 1, colCount: Number(b.col) - Number(a.col) + 1 };
  });
  return {
    sheet: sheet.name,
    origin: { row: 0, col: 0 },
    values,
    fills,
    formulas,
    hiddenRows,
    hiddenColumns,
    merges,
    hidden: sheet.state !== 'visible',
  };
}

export async function loadXlsx(path: string): Promise<WorkbookSnapshot> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.readFile(path);
  return { grids: workbook.worksheets.map(worksheetToGrid) };
}
