/**
 * The .xlsx file gateway (command line, tests): reads a workbook file into grids with ExcelJS and
 * writes sheet specs into a copy of it. The input file itself is never written.
 */
import ExcelJS from 'exceljs';
import type { CellRange, CellValue, Grid, WorkbookSnapshot } from '../../core/grid';
import { parseA1, rangeA1 } from '../../core/grid';
import { isFormula, PRINT_FOOTER, type CellStyle, type PrintSpec, type SheetSpec } from '../../core/render/sheetSpec';
import { UnusableInputError } from '../../core/diagnostics';
import type { WorkbookGateway } from '../gateway';
import { resolveColor, type ExcelJsColor } from './colors';

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);

function dateToSerial(date: Date): number {
  return (date.getTime() - EXCEL_EPOCH_UTC) / 86_400_000;
}

/** Plain value of an ExcelJS cell value (formula results, rich text, hyperlinks, errors, dates). */
function plainValue(value: ExcelJS.CellValue): CellValue {
  if (value === null || value === undefined) return null;
  if (typeof value === 'string' || typeof value === 'number' || typeof value === 'boolean') return value;
  if (value instanceof Date) return dateToSerial(value);
  if (typeof value === 'object') {
    if ('error' in value) return String(value.error);
    if ('richText' in value) return value.richText.map((part) => part.text).join('');
    if ('formula' in value || 'sharedFormula' in value) {
      return plainValue((value as ExcelJS.CellFormulaValue).result as ExcelJS.CellValue);
    }
    if ('text' in value) return String((value as ExcelJS.CellHyperlinkValue).text);
  }
  return null;
}

function isFormulaValue(value: ExcelJS.CellValue): boolean {
  return typeof value === 'object' && value !== null && ('formula' in value || 'sharedFormula' in value);
}

function parseRangeRef(ref: string): { top: number; left: number; bottom: number; right: number } | null {
  const [from, to = from] = ref.split(':');
  const start = parseA1(from);
  const end = parseA1(to);
  if (!start || !end) return null;
  return { top: start.row, left: start.col, bottom: end.row, right: end.col };
}

function sheetToGrid(sheet: ExcelJS.Worksheet): Grid {
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      const hasValue = cell.value !== null && cell.value !== undefined && cell.value !== '';
      const hasFill = resolveColor((cell.fill as ExcelJS.FillPattern | undefined)?.fgColor as ExcelJsColor) !== null;
      if (!hasValue && !hasFill) return;
      top = Math.min(top, rowNumber - 1);
      left = Math.min(left, colNumber - 1);
      bottom = Math.max(bottom, rowNumber - 1);
      right = Math.max(right, colNumber - 1);
    });
  });
  const base: Grid = { sheet: sheet.name, origin: { row: 0, col: 0 }, values: [], hidden: sheet.state !== 'visible' };
  if (bottom < 0) return base;

  const height = bottom - top + 1;
  const width = right - left + 1;
  const values: CellValue[][] = [];
  const fills: (string | null)[][] = [];
  const formulas: boolean[][] = [];
  for (let r = 0; r < height; r++) {
    const row = sheet.getRow(top + r + 1);
    const lineValues: CellValue[] = [];
    const lineFills: (string | null)[] = [];
    const lineFormulas: boolean[] = [];
    for (let c = 0; c < width; c++) {
      const cell = row.getCell(left + c + 1);
      // A merged cell's slaves repeat the master's value in ExcelJS; grids keep it on the master only.
      const isSlave = cell.isMerged && cell.master !== cell;
      lineValues.push(isSlave ? null : plainValue(cell.value));
      lineFormulas.push(!isSlave && isFormulaValue(cell.value));
      const fill = cell.fill as ExcelJS.FillPattern | undefined;
      const color = fill && fill.type === 'pattern' && fill.pattern !== 'none' ? resolveColor(fill.fgColor as ExcelJsColor) : null;
      lineFills.push(color === '#FFFFFF' ? null : color);
    }
    values.push(lineValues);
    fills.push(lineFills);
    formulas.push(lineFormulas);
  }
  const hiddenRows: number[] = [];
  for (let r = 0; r < height; r++) if (sheet.getRow(top + r + 1).hidden) hiddenRows.push(r);
  const hiddenColumns: number[] = [];
  for (let c = 0; c < width; c++) if (sheet.getColumn(left + c + 1).hidden) hiddenColumns.push(c);
  const merges: CellRange[] = [];
  for (const ref of sheet.model.merges ?? []) {
    const area = parseRangeRef(ref);
    if (!area) continue;
    merges.push({ row: area.top - top, col: area.left - left, rowCount: area.bottom - area.top + 1, colCount: area.right - area.left + 1 });
  }
  return { ...base, origin: { row: top, col: left }, values, fills, formulas, hiddenRows, hiddenColumns, merges };
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  } catch {
    throw new UnusableInputError(
      "Ce fichier n'est pas un classeur Excel lisible (.xlsx). Enregistrez-le au format « Classeur Excel (*.xlsx) » puis réessayez.",
    );
  }
  return workbook;
}

export async function readXlsx(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  const workbook = await loadWorkbook(bytes);
  return { grids: workbook.worksheets.map(sheetToGrid) };
}

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

function applyStyle(cell: ExcelJS.Cell, style: CellStyle): void {
  if (style.bold || style.italic || style.fontSize || style.fontColor) {
    cell.font = {
      ...cell.font,
      ...(style.bold !== undefined && { bold: style.bold }),
      ...(style.italic !== undefined && { italic: style.italic }),
      ...(style.fontSize && { size: style.fontSize }),
      ...(style.fontColor && { color: { argb: argb(style.fontColor) } }),
    };
  }
  if (style.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: argb(style.fill) } };
  if (style.numberFormat) cell.numFmt = style.numberFormat;
  if (style.wrap || style.horizontal || style.vertical) {
    cell.alignment = {
      ...cell.alignment,
      ...(style.wrap && { wrapText: true }),
      ...(style.horizontal && { horizontal: style.horizontal }),
      ...(style.vertical && { vertical: style.vertical === 'center' ? 'middle' : style.vertical }),
    };
  }
  if (style.border) {
    const thin = { style: 'thin' as const, color: { argb: 'FFBFBFBF' } };
    cell.border = { top: thin, left: thin, bottom: thin, right: thin };
  }
}

function forEachCell(range: CellRange, visit: (row: number, col: number) => void): void {
  for (let r = range.row; r < range.row + range.rowCount; r++) {
    for (let c = range.col; c < range.col + range.colCount; c++) visit(r, c);
  }
}

/** Page setup of a sheet spec (orientation, fit to width, repeated rows, footer): see PrintSpec. */
function applyPrintSpec(sheet: ExcelJS.Worksheet, print: PrintSpec): void {
  sheet.pageSetup.orientation = print.landscape ? 'landscape' : 'portrait';
  if (print.fitToWidth) Object.assign(sheet.pageSetup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  if (print.repeatRows) sheet.pageSetup.printTitlesRow = `${print.repeatRows.first + 1}:${print.repeatRows.last + 1}`;
  if (print.footer) sheet.headerFooter.oddFooter = PRINT_FOOTER;
}

function writeSpec(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name, {
    properties: spec.tabColor ? { tabColor: { argb: argb(spec.tabColor) } } : {},
    views: spec.freeze ? [{ state: 'frozen', xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }] : [],
    pageSetup: spec.landscape ? { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {},
  });
  if (spec.print) applyPrintSpec(sheet, spec.print);
  const inTable = new Set<string>();
  for (const table of spec.tables ?? []) {
    forEachCell(table.range, (r, c) => inTable.add(`${r},${c}`));
    const header = spec.cells[table.range.row] ?? [];
    const columns = Array.from({ length: table.range.colCount }, (_, i) => ({
      name: String(header[table.range.col + i] ?? `Colonne ${i + 1}`),
      filterButton: true,
    }));
    const rows: ExcelJS.CellValue[][] = [];
    for (let r = table.range.row + 1; r < table.range.row + table.range.rowCount; r++) {
      const line = spec.cells[r] ?? [];
      rows.push(Array.from({ length: table.range.colCount }, (_, i) => toExcelJsValue(line[table.range.col + i] ?? null)));
    }
    sheet.addTable({
      name: table.name,
      ref: rangeA1({ row: table.range.row, col: table.range.col, rowCount: 1, colCount: 1 }),
      headerRow: true,
      style: { theme: table.style as ExcelJS.TableStyleProperties['theme'], showRowStripes: true },
      columns,
      rows,
    });
  }
  spec.cells.forEach((line, r) =>
    line.forEach((cell, c) => {
      if (cell === null || inTable.has(`${r},${c}`)) return;
      sheet.getCell(r + 1, c + 1).value = toExcelJsValue(cell);
    }),
  );
  spec.columnWidths?.forEach((width, c) => {
    sheet.getColumn(c + 1).width = width;
  });
  for (const merge of spec.merges ?? []) {
    sheet.mergeCells(merge.row + 1, merge.col + 1, merge.row + merge.rowCount, merge.col + merge.colCount);
  }
  for (const { range, style } of spec.styles ?? []) {
    forEachCell(range, (r, c) => applyStyle(sheet.getCell(r + 1, c + 1), style));
  }
  for (const format of spec.conditionalFormats ?? []) {
    const value = typeof format.value === 'number' ? String(format.value) : `"${format.value.replace(/"/g, '""')}"`;
    sheet.addConditionalFormatting({
      ref: rangeA1(format.range),
      rules: [
        {
          type: 'cellIs',
          operator: format.operator as ExcelJS.CellIsOperators,
          formulae: [value],
          priority: 1,
          style: {
            ...(format.style.fill && { fill: { type: 'pattern', pattern: 'solid', bgColor: { argb: argb(format.style.fill) } } }),
            ...((format.style.fontColor || format.style.bold) && {
              font: { ...(format.style.fontColor && { color: { argb: argb(format.style.fontColor) } }), ...(format.style.bold && { bold: true }) },
            }),
          },
        },
      ],
    });
  }
  for (const validation of spec.validations ?? []) {
    const list = `"${validation.values.filter(Boolean).join(',')}"`;
    forEachCell(validation.range, (r, c) => {
      sheet.getCell(r + 1, c + 1).dataValidation = { type: 'list', allowBlank: true, formulae: [list] };
    });
  }
}

function toExcelJsValue(cell: SheetSpec['cells'][number][number]): ExcelJS.CellValue {
  if (isFormula(cell)) {
    const result = cell.value;
    return { formula: cell.formula.replace(/^=/, ''), ...(result !== undefined && { result }) } as ExcelJS.CellFormulaValue;
  }
  return cell;
}

/** Which sheet specs may be written into a workbook that already has `existing` sheet names. */
function specsToWrite(existing: Set<string>, specs: SheetSpec[]): SheetSpec[] {
  return specs.filter((spec) => spec.role === 'output' || !existing.has(spec.name));
}

/**
 * Write specs into a copy of `base` (the original file's bytes) or into a new workbook. Output sheets
 * replace those of the same name; parameter sheets are only added when absent.
 */
export async function writeXlsx(specs: SheetSpec[], base?: Uint8Array): Promise<Uint8Array> {
  const workbook = base ? await loadWorkbook(base) : new ExcelJS.Workbook();
  workbook.creator = 'Pilote AP';
  const existing = new Set(workbook.worksheets.map((s) => s.name));
  const toWrite = specsToWrite(existing, specs);
  for (const spec of toWrite) {
    const old = workbook.getWorksheet(spec.name);
    if (old) workbook.removeWorksheet(old.id);
    writeSpec(workbook, spec);
  }
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const withCharts = toWrite.filter((spec) => spec.charts?.length);
  if (!withCharts.length) return bytes;
  const { addChartsToXlsx } = await import('./charts');
  return addChartsToXlsx(bytes, withCharts.map((spec) => ({ sheetName: spec.name, charts: spec.charts ?? [] })));
}

/** Gateway over a file's bytes: reads them, collects writes, hands back the new file's bytes. */
export class XlsxFileGateway implements WorkbookGateway {
  private pending: SheetSpec[] = [];

  constructor(private readonly original: Uint8Array) {}

  readSnapshot(): Promise<WorkbookSnapshot> {
    return readXlsx(this.original);
  }

  async writeSheets(specs: SheetSpec[]): Promise<void> {
    this.pending.push(...specs);
  }

  /** The output file: the original workbook plus the written sheets. */
  toBytes(): Promise<Uint8Array> {
    return writeXlsx(this.pending, this.original);
  }
}

