/**
 * Render sheet specs into a new workbook with ExcelJS (values, formulas, formats, tables, conditional
 * formats, list validations), then add the native charts. The package writer transplants the sheets
 * of this workbook into the coordinator's file; with no file, it is the output itself.
 */
import ExcelJS from 'exceljs';
import type { CellRange } from '../../core/grid';
import { rangeA1 } from '../../core/grid';
import { isFormula, PRINT_FOOTER, type CellStyle, type PrintSpec, type SheetSpec } from '../../core/render/sheetSpec';

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

function writeSpec(workbook: ExcelJS.Workbook, spec: SheetSpec): void {
  const sheet = workbook.addWorksheet(spec.name, {
    properties: spec.tabColor ? { tabColor: { argb: argb(spec.tabColor) } } : {},
    views: spec.freeze ? [{ state: 'frozen', xSplit: spec.freeze.cols, ySplit: spec.freeze.rows }] : [],
    pageSetup: spec.landscape ? { orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 } : {},
  });
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
  // Excel gives every rule of a sheet its own priority (its Manage Rules dialog relies on it).
  let priority = 0;
  for (const format of spec.conditionalFormats ?? []) {
    const value = typeof format.value === 'number' ? String(format.value) : `"${format.value.replace(/"/g, '""')}"`;
    sheet.addConditionalFormatting({
      ref: rangeA1(format.range),
      rules: [
        {
          type: 'cellIs',
          operator: format.operator as ExcelJS.CellIsOperators,
          formulae: [value],
          priority: ++priority,
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
  // One rule per range: set cell by cell, ExcelJS 4.4 regroups the cells into overlapping ranges
  // (it sorts addresses as text, J10 before J5), which Excel never writes.
  const validations = (sheet as unknown as { dataValidations: { add(address: string, rule: ExcelJS.DataValidation): void } }).dataValidations;
  for (const validation of spec.validations ?? []) {
    const list = `"${validation.values.filter(Boolean).join(',')}"`;
    validations.add(rangeA1(validation.range), { type: 'list', allowBlank: true, formulae: [list] });
  }
  if (spec.print) applyPrint(sheet, spec.print);
}

/** OOXML paper size codes (ECMA-376, `paperSize`). */
const PAPER_CODES: Record<NonNullable<PrintSpec['paper']>, number> = { A4: 9 };

/** Page setup of a sheet spec: paper, orientation, fit to width, repeated rows, footer, page breaks. */
function applyPrint(sheet: ExcelJS.Worksheet, print: PrintSpec): void {
  if (print.paper) sheet.pageSetup.paperSize = PAPER_CODES[print.paper] as ExcelJS.PageSetup['paperSize'];
  if (print.landscape !== undefined) sheet.pageSetup.orientation = print.landscape ? 'landscape' : 'portrait';
  if (print.fitToWidth) Object.assign(sheet.pageSetup, { fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
  if (print.repeatRows) sheet.pageSetup.printTitlesRow = `${print.repeatRows.first + 1}:${print.repeatRows.last + 1}`;
  if (print.footer) sheet.headerFooter.oddFooter = PRINT_FOOTER;
  // ExcelJS puts a break below the given row: the row above the first row of the new page.
  for (const row of print.pageBreaksBefore ?? []) if (row > 0) sheet.getRow(row).addPageBreak();
}

function toExcelJsValue(cell: SheetSpec['cells'][number][number]): ExcelJS.CellValue {
  if (isFormula(cell)) {
    const result = cell.value;
    return { formula: cell.formula.replace(/^=/, ''), ...(result !== undefined && { result }) } as ExcelJS.CellFormulaValue;
  }
  return cell;
}

/** A new workbook holding exactly these sheets, in this order. */
export async function renderWorkbook(specs: SheetSpec[]): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pilote AP';
  for (const spec of specs) writeSpec(workbook, spec);
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  const withCharts = specs.filter((spec) => spec.charts?.length);
  if (!withCharts.length) return bytes;
  const { addChartsToXlsx } = await import('./charts');
  return addChartsToXlsx(bytes, withCharts.map((spec) => ({ sheetName: spec.name, charts: spec.charts ?? [] })));
}
