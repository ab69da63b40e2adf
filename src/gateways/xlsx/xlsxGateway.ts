/**
 * The .xlsx file gateway (command line, tests): reads a workbook file into grids with ExcelJS and
 * writes sheet specs into a copy of its package. The input file itself is never written.
 */
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import type { CellRange, CellValue, Grid, WorkbookSnapshot } from '../../core/grid';
import { a1, parseA1, rangeA1 } from '../../core/grid';
import type { SheetSpec } from '../../core/render/sheetSpec';
import { UnusableInputError } from '../../core/diagnostics';
import type { WorkbookGateway } from '../gateway';
import { resolveColor, type ExcelJsColor } from './colors';
import { writeCompletedWorkbook } from './package/writeWorkbook';

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

/**
 * What a school workbook can hold, and far more: beyond, a sheet is refused rather than read, so that
 * memory follows the content and never the address of the last cell (one value in XFD1048576).
 */
export const SHEET_LIMITS = { contentCells: 200_000, gridCells: 5_000_000 };

interface ContentCell {
  row: number;
  col: number;
  value: CellValue;
  formula: boolean;
  fill: string | null;
}

function cellFill(cell: ExcelJS.Cell): string | null {
  const fill = cell.fill as ExcelJS.FillPattern | undefined;
  const color = fill && fill.type === 'pattern' && fill.pattern !== 'none' ? resolveColor(fill.fgColor as ExcelJsColor) : null;
  return color === '#FFFFFF' ? null : color;
}

function tooLarge(sheet: string, address: string, detail: string): UnusableInputError {
  return new UnusableInputError(
    `Feuille « ${sheet} », cellule ${address} : ${detail}, bien plus qu'un classeur d'établissement n'en contient. ` +
      "Effacez les cellules remplies par erreur loin du tableau (dans Excel, Ctrl+Fin montre la dernière cellule utilisée), ou placez ces données dans un autre classeur, puis réessayez.",
  );
}

/** The cells that hold a value or a fill, in one pass over what the sheet stores (never its rectangle). */
function contentCells(sheet: ExcelJS.Worksheet): ContentCell[] {
  const cells: ContentCell[] = [];
  sheet.eachRow({ includeEmpty: false }, (row, rowNumber) => {
    row.eachCell({ includeEmpty: false }, (cell, colNumber) => {
      // A merged cell's slaves repeat the master's value in ExcelJS; grids keep it on the master only.
      const isSlave = cell.isMerged && cell.master !== cell;
      const value = isSlave ? null : plainValue(cell.value);
      const fill = cellFill(cell);
      if ((value === null || value === '') && fill === null) return;
      cells.push({ row: rowNumber - 1, col: colNumber - 1, value, formula: !isSlave && isFormulaValue(cell.value), fill });
      if (cells.length > SHEET_LIMITS.contentCells) {
        throw tooLarge(sheet.name, a1(rowNumber - 1, colNumber - 1), `plus de ${SHEET_LIMITS.contentCells.toLocaleString('fr-FR')} cellules remplies`);
      }
    });
  });
  return cells;
}

function sheetToGrid(sheet: ExcelJS.Worksheet): Grid {
  const base: Grid = { sheet: sheet.name, origin: { row: 0, col: 0 }, values: [], hidden: sheet.state !== 'visible' };
  const cells = contentCells(sheet);
  if (!cells.length) return base;
  let top = Infinity;
  let left = Infinity;
  let bottom = -1;
  let right = -1;
  for (const cell of cells) {
    top = Math.min(top, cell.row);
    left = Math.min(left, cell.col);
    bottom = Math.max(bottom, cell.row);
    right = Math.max(right, cell.col);
  }
  const height = bottom - top + 1;
  const width = right - left + 1;
  if (height * width > SHEET_LIMITS.gridCells) {
    // Name the cell that stretches the rectangle most: the lowest one, or the rightmost one.
    const far = height >= width ? cells.find((c) => c.row === bottom)! : cells.find((c) => c.col === right)!;
    throw tooLarge(sheet.name, a1(far.row, far.col), `le contenu de la feuille s'étend sur ${(height * width).toLocaleString('fr-FR')} cellules (${rangeA1({ row: top, col: left, rowCount: height, colCount: width })})`);
  }

  const values: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  const fills: (string | null)[][] = Array.from({ length: height }, () => new Array<string | null>(width).fill(null));
  const formulas: boolean[][] = Array.from({ length: height }, () => new Array<boolean>(width).fill(false));
  for (const cell of cells) {
    values[cell.row - top][cell.col - left] = cell.value;
    fills[cell.row - top][cell.col - left] = cell.fill;
    formulas[cell.row - top][cell.col - left] = cell.formula;
  }
  const hiddenRows: number[] = [];
  for (let r = 0; r < height; r++) if (sheet.findRow(top + r + 1)?.hidden) hiddenRows.push(r);
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

/**
 * Tables saved by LibreOffice have no <tableStyleInfo>, on which ExcelJS's loader crashes: the copy
 * that is only read gets a neutral one. The caller's bytes are never changed.
 */
async function withReadableTables(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  let patched = false;
  for (const path of Object.keys(zip.files)) {
    if (!/^xl\/tables\/[^/]+\.xml$/i.test(path)) continue;
    const xml = await zip.file(path)!.async('string');
    if (/<(\w+:)?tableStyleInfo\b/.test(xml)) continue;
    const styleInfo = '<tableStyleInfo name="TableStyleLight1" showFirstColumn="0" showLastColumn="0" showRowStripes="1" showColumnStripes="0"/>';
    const at = /<(\w+:)?extLst\b|<\/(\w+:)?table>\s*$/.exec(xml);
    if (!at) continue;
    zip.file(path, `${xml.slice(0, at.index)}${styleInfo}${xml.slice(at.index)}`);
    patched = true;
  }
  return patched ? zip.generateAsync({ type: 'uint8array' }) : bytes;
}

async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  try {
    await workbook.xlsx.load(Buffer.from(await withReadableTables(bytes)) as unknown as ExcelJS.Buffer);
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

/**
 * Write specs into `base` (the original file's bytes, edited at the package level: see
 * package/writeWorkbook.ts) or into a new workbook. Output sheets replace those of the same name;
 * parameter sheets are only added when absent.
 */
export function writeXlsx(specs: SheetSpec[], base?: Uint8Array): Promise<Uint8Array> {
  return writeCompletedWorkbook(base ?? null, specs);
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
    return writeCompletedWorkbook(this.original, this.pending);
  }
}

