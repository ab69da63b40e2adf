/**
 * Read an .xlsx package into grids without building a workbook model: one pass over each sheet's XML
 * keeps only the cells that hold a value or a fill, so memory follows the content, never the address
 * of the last cell (one value in XFD1048576 costs one cell). Sheets whose content is beyond anything
 * a school keeps are refused with a French message naming the sheet and the cell.
 * Tables saved by LibreOffice (no tableStyleInfo) and anything else this reader does not need are
 * simply not looked at. No Node-only API: this runs in a browser bundle too.
 */
import { UnusableInputError } from '../../../core/diagnostics';
import { a1, parseA1, rangeA1, type CellRange, type CellValue, type Grid, type WorkbookSnapshot } from '../../../core/grid';
import { resolveColor, type ExcelJsColor } from '../colors';
import { attribute, isRelType, Package, resolveTarget, unescapeXml } from './opc';
import { sheetEntries, UNREADABLE_PACKAGE, workbookPartOf } from './workbookParts';

/**
 * What a school workbook can hold, and far more (a national export of 10,000 pupils × 40 competencies
 * is 440,000 cells): beyond, a sheet is refused rather than read.
 */
export const SHEET_LIMITS = { contentCells: 1_000_000, gridCells: 5_000_000 };

/** Days between the 1900 and 1904 date systems: grids always hold 1900-system serial numbers. */
const DATE_1904_OFFSET = 1462;
/** Built-in number formats that show dates or times (ECMA-376 §18.8.30). */
const BUILTIN_DATE_FORMATS = new Set([14, 15, 16, 17, 18, 19, 20, 21, 22, 45, 46, 47]);

interface CellStyleInfo {
  fill: string | null;
  isDate: boolean;
}

interface ContentCell {
  row: number;
  col: number;
  value: CellValue;
  formula: boolean;
  fill: string | null;
}

/** Excel escapes characters XML cannot hold as `_xHHHH_` (and a literal `_x` as `_x005F_x`). */
function decodeExcelEscapes(text: string): string {
  return text.includes('_x') ? text.replace(/_x([0-9A-Fa-f]{4})_/g, (_, hex: string) => String.fromCharCode(parseInt(hex, 16))) : text;
}

/** Text of a shared or inline string: its runs, without phonetic guides. */
function stringText(xml: string): string {
  const runs = xml.replace(/<(\w+:)?rPh\b[\s\S]*?<\/(\w+:)?rPh>/g, '');
  let text = '';
  for (const match of runs.matchAll(/<(?:\w+:)?t(?:\s[^>]*)?>([\s\S]*?)<\/(?:\w+:)?t>/g)) text += match[1];
  return decodeExcelEscapes(unescapeXml(text));
}

function sharedStrings(xml: string | null): string[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?si\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?si>)/g)].map((m) => stringText(m[1] ?? ''));
}

function colorOf(tag: string | undefined): ExcelJsColor | undefined {
  if (!tag) return undefined;
  const color: ExcelJsColor = {};
  const rgb = attribute(tag, 'rgb');
  const theme = attribute(tag, 'theme');
  const indexed = attribute(tag, 'indexed');
  const tint = attribute(tag, 'tint');
  if (rgb !== null) color.argb = rgb;
  if (theme !== null) color.theme = Number(theme);
  if (indexed !== null) color.indexed = Number(indexed);
  if (tint !== null) color.tint = Number(tint);
  return color;
}

function isDateFormatCode(code: string): boolean {
  const bare = code.replace(/"[^"]*"|\\.|\[[^\]]*\]/g, '');
  return /[dmyhs]/i.test(bare) && !/^general$/i.test(bare.trim());
}

/** Fill colour and date-ness of every cell format (cellXfs index). */
function cellStyles(xml: string | null): CellStyleInfo[] {
  if (!xml) return [];
  const section = (name: string) => new RegExp(`<(?:\\w+:)?${name}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${name}>)`).exec(xml)?.[1] ?? '';
  const fills = [...section('fills').matchAll(/<(?:\w+:)?fill\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?fill>)/g)].map((m) => {
    const pattern = /<(?:\w+:)?patternFill\b[^>]*>/.exec(m[1] ?? '')?.[0];
    const type = pattern ? attribute(pattern, 'patternType') : null;
    if (!pattern || type === null || type === 'none') return null;
    const color = resolveColor(colorOf(/<(?:\w+:)?fgColor\b[^>]*>/.exec(m[1] ?? '')?.[0]));
    return color === '#FFFFFF' ? null : color;
  });
  const customFormats = new Map<number, string>();
  for (const [tag] of section('numFmts').matchAll(/<(?:\w+:)?numFmt\b[^>]*>/g)) customFormats.set(Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? '');
  return [...section('cellXfs').matchAll(/<(?:\w+:)?xf\b[^>]*>/g)].map(([tag]) => {
    const numFmtId = Number(attribute(tag, 'numFmtId') ?? 0);
    const code = customFormats.get(numFmtId);
    return {
      fill: fills[Number(attribute(tag, 'fillId') ?? 0)] ?? null,
      isDate: code !== undefined ? isDateFormatCode(code) : BUILTIN_DATE_FORMATS.has(numFmtId),
    };
  });
}

function tooLarge(sheet: string, address: string, detail: string): UnusableInputError {
  return new UnusableInputError(
    `Feuille « ${sheet} », cellule ${address} : ${detail}, bien plus qu'un classeur d'établissement n'en contient. ` +
      'Effacez les cellules remplies par erreur loin du tableau (dans Excel, Ctrl+Fin montre la dernière cellule utilisée), ou placez ces données dans un autre classeur, puis réessayez.',
  );
}

function isTrue(value: string | null): boolean {
  return value === '1' || value === 'true';
}

interface SheetContext {
  name: string;
  strings: string[];
  styles: CellStyleInfo[];
  date1904: boolean;
}

/** Value of one `<c>` element, or null when it holds none. */
function cellValue(tag: string, body: string, context: SheetContext, style: CellStyleInfo | undefined): CellValue {
  const type = attribute(tag, 't') ?? 'n';
  if (type === 'inlineStr') {
    const inline = /<(?:\w+:)?is\b[^>]*>([\s\S]*?)<\/(?:\w+:)?is>/.exec(body)?.[1];
    return inline === undefined ? null : stringText(inline);
  }
  const raw = /<(?:\w+:)?v\b[^>]*>([\s\S]*?)<\/(?:\w+:)?v>/.exec(body)?.[1];
  if (raw === undefined) return null;
  if (type === 's') return context.strings[Number(raw)] ?? null;
  if (type === 'str' || type === 'e') return decodeExcelEscapes(unescapeXml(raw));
  if (type === 'b') return isTrue(raw.trim());
  const number = Number(raw);
  if (raw.trim() === '' || !Number.isFinite(number)) return null;
  return context.date1904 && style?.isDate ? number + DATE_1904_OFFSET : number;
}

function sheetGrid(xml: string, context: SheetContext, hidden: boolean): Grid {
  const base: Grid = { sheet: context.name, origin: { row: 0, col: 0 }, values: [], hidden };
  const merges: { top: number; left: number; bottom: number; right: number }[] = [];
  for (const [tag] of xml.matchAll(/<(?:\w+:)?mergeCell\b[^>]*>/g)) {
    const [from, to = from] = (attribute(tag, 'ref') ?? '').split(':');
    const start = parseA1(from);
    const end = parseA1(to);
    if (start && end) merges.push({ top: start.row, left: start.col, bottom: end.row, right: end.col });
  }
  // Merged areas crossing the current row: a merged cell's other cells hold no value of their own.
  let rowMerges: typeof merges = [];
  const isMergedSlave = (row: number, col: number) => rowMerges.some((m) => col >= m.left && col <= m.right && (row !== m.top || col !== m.left));

  const cells: ContentCell[] = [];
  const hiddenRowSet = new Set<number>();
  let rowIndex = -1;
  for (const rowMatch of xml.matchAll(/<(?:\w+:)?row\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?row>)/g)) {
    const rowTag = `<row${rowMatch[1]}>`;
    const r = Number(attribute(rowTag, 'r'));
    rowIndex = Number.isInteger(r) && r > 0 ? r - 1 : rowIndex + 1;
    if (isTrue(attribute(rowTag, 'hidden'))) hiddenRowSet.add(rowIndex);
    rowMerges = merges.length ? merges.filter((m) => rowIndex >= m.top && rowIndex <= m.bottom) : rowMerges;
    let colIndex = -1;
    for (const cellMatch of (rowMatch[2] ?? '').matchAll(/<(?:\w+:)?c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/(?:\w+:)?c>)/g)) {
      const tag = `<c${cellMatch[1]}>`;
      const address = parseA1(attribute(tag, 'r') ?? '');
      colIndex = address ? address.col : colIndex + 1;
      const style = context.styles[Number(attribute(tag, 's') ?? 0)];
      const body = cellMatch[2] ?? '';
      const slave = rowMerges.length > 0 && isMergedSlave(rowIndex, colIndex);
      const value = slave ? null : cellValue(tag, body, context, style);
      const fill = style?.fill ?? null;
      if ((value === null || value === '') && fill === null) continue;
      cells.push({ row: rowIndex, col: colIndex, value, formula: !slave && /<(?:\w+:)?f\b/.test(body), fill });
      if (cells.length > SHEET_LIMITS.contentCells) {
        throw tooLarge(context.name, a1(rowIndex, colIndex), `plus de ${SHEET_LIMITS.contentCells.toLocaleString('fr-FR')} cellules remplies`);
      }
    }
  }
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
    const area = rangeA1({ row: top, col: left, rowCount: height, colCount: width });
    throw tooLarge(context.name, a1(far.row, far.col), `le contenu de la feuille s'étend sur ${(height * width).toLocaleString('fr-FR')} cellules (${area})`);
  }

  const values: CellValue[][] = Array.from({ length: height }, () => new Array<CellValue>(width).fill(null));
  const fills: (string | null)[][] = Array.from({ length: height }, () => new Array<string | null>(width).fill(null));
  const formulas: boolean[][] = Array.from({ length: height }, () => new Array<boolean>(width).fill(false));
  for (const cell of cells) {
    values[cell.row - top][cell.col - left] = cell.value;
    fills[cell.row - top][cell.col - left] = cell.fill;
    formulas[cell.row - top][cell.col - left] = cell.formula;
  }
  const hiddenRows = [...hiddenRowSet].filter((r) => r >= top && r <= bottom).map((r) => r - top).sort((a, b) => a - b);
  const hiddenColumns: number[] = [];
  for (const [tag] of xml.matchAll(/<(?:\w+:)?col\b[^>]*>/g)) {
    if (!isTrue(attribute(tag, 'hidden'))) continue;
    const min = Number(attribute(tag, 'min'));
    const max = Number(attribute(tag, 'max'));
    for (let c = Math.max(min - 1, left); c <= Math.min(max - 1, right); c++) hiddenColumns.push(c - left);
  }
  const mergeRanges: CellRange[] = merges.map((m) => ({ row: m.top - top, col: m.left - left, rowCount: m.bottom - m.top + 1, colCount: m.right - m.left + 1 }));
  return { ...base, origin: { row: top, col: left }, values, fills, formulas, hiddenRows, hiddenColumns: [...new Set(hiddenColumns)].sort((a, b) => a - b), merges: mergeRanges };
}

/** Every worksheet of the package as a grid, in tab order (chart sheets have no cells and are skipped). */
export async function readWorkbookPackage(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  let pkg: Package;
  try {
    pkg = await Package.load(bytes);
  } catch {
    throw new UnusableInputError(UNREADABLE_PACKAGE);
  }
  try {
    const workbookPart = await workbookPartOf(pkg);
    const workbookXml = (await pkg.text(workbookPart)) ?? '';
    const rels = await pkg.rels(workbookPart);
    const partOf = (kind: string) => {
      const rel = rels.find((r) => isRelType(r, kind));
      return rel ? resolveTarget(workbookPart, rel.target) : null;
    };
    const stringsPart = partOf('sharedStrings');
    const stylesPart = partOf('styles');
    const workbookPr = /<(?:\w+:)?workbookPr\b[^>]*>/.exec(workbookXml)?.[0] ?? '';
    const shared = {
      strings: sharedStrings(stringsPart ? await pkg.text(stringsPart) : null),
      styles: cellStyles(stylesPart ? await pkg.text(stylesPart) : null),
      date1904: isTrue(attribute(workbookPr, 'date1904')),
    };
    const grids: Grid[] = [];
    for (const sheet of sheetEntries(workbookXml, workbookPart, rels)) {
      if (!sheet.part || !sheet.type.endsWith('/worksheet')) continue;
      const xml = await pkg.text(sheet.part);
      if (xml === null) continue;
      const state = attribute(sheet.tag, 'state');
      grids.push(sheetGrid(xml, { ...shared, name: sheet.name }, state === 'hidden' || state === 'veryHidden'));
    }
    return { grids };
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError(UNREADABLE_PACKAGE);
  }
}
