/**
 * The `AP Indicateurs` sheet: every indicator table one under the other, totals as live SUM
 * formulas, and native column / bar charts to the right of the tables. Figures are the
 * establishment's own, unmasked: masking only applies to what leaves it (the rectorat export).
 */
import { a1 } from '../grid';
import { cellValue, isShare } from './tally';
import type { IndicatorCell, IndicatorRow, Indicators, IndicatorTable, IndicatorUnit } from './types';
import type { Settings } from '../settings/settings';
import { HOUSE, SheetBuilder } from '../render/builder';
import { fitColumnWidths, type CellStyle, type ChartSpec, type SheetSpec, type SpecCell, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';

const NUMBER_FORMATS: Record<IndicatorUnit, string> = {
  pupils: '0',
  workshops: '0',
  teachers: '0',
  hours: '0.0" h"',
  pupilShare: '0%',
  teacherShare: '0%',
  sessionShare: '0%',
  count: '0',
};

const CHART_SIZE = { rows: 16, cols: 8 };

function specCell(cell: IndicatorCell): SpecCell {
  return isShare(cell) ? cellValue(cell) : cell;
}

/** Cells of a data row; a count row's total is a live SUM of its level cells. */
function rowCells(table: IndicatorTable, row: IndicatorRow, sheetRow: number): SpecCell[] {
  const cells: SpecCell[] = [row.label, ...row.cells.map(specCell)];
  const last = row.cells.length;
  const total = row.cells[last - 1];
  if (table.lastColumnIsSum && typeof total === 'number' && last > 1) {
    cells[last] = { formula: `=SUM(${a1(sheetRow, 1)}:${a1(sheetRow, last - 1)})`, value: total };
  }
  return cells;
}

/** The chart's data: header and rows, without a total column (it would dwarf the levels). */
function chartFor(table: IndicatorTable, headerRow: number, anchor: { row: number; col: number }): ChartSpec {
  const lastIsTotal = table.lastColumnIsSum || table.columns.at(-1)?.key === 'total';
  const series = table.columns.length - (lastIsTotal && table.columns.length > 1 ? 1 : 0);
  return {
    type: table.chart ?? 'column',
    title: table.title,
    data: { row: headerRow, col: 0, rowCount: table.rows.length + 1, colCount: series + 1 },
    anchor,
    size: CHART_SIZE,
  };
}

export function renderIndicatorsSheet(ind: Indicators, settings: Settings): SheetSpec {
  const { establishmentName, schoolYear, maskThreshold } = settings.general;
  const sheet = new SheetBuilder(
    "Indicateurs de l'accompagnement personnalisé",
    `${establishmentName || 'Établissement'} — année ${schoolYear || 'non précisée'} — cycle ${ind.summary.cycle}. ` +
      `Chiffres internes à l'établissement ; l'export pour le rectorat est agrégé et masque les effectifs inférieurs à ${maskThreshold}.`,
  );
  sheet.blank();
  const width = Math.max(...ind.tables.map((t) => t.columns.length + 1));
  const chartCol = width + 1;
  const charts: ChartSpec[] = [];

  for (const table of ind.tables) {
    const titleRow = sheet.row([table.title], HOUSE.section);
    sheet.style(titleRow, 0, 1, width, HOUSE.section);
    const headerRow = sheet.row([table.rowHeader, ...table.columns.map((c) => c.label)], HOUSE.header);
    for (const row of table.rows) {
      const index = sheet.rowCount;
      sheet.row(rowCells(table, row, index));
      const style: CellStyle = { ...HOUSE.cell, numberFormat: NUMBER_FORMATS[row.unit] };
      sheet.style(index, 0, 1, 1, HOUSE.cell);
      sheet.style(index, 1, 1, table.columns.length, style);
    }
    if (!table.rows.length) sheet.row(['Aucune donnée pour le moment.'], HOUSE.note);
    sheet.row([table.note], HOUSE.note);
    sheet.blank();
    const chart = table.chart && table.rows.length ? chartFor(table, headerRow, { row: titleRow, col: chartCol }) : null;
    if (chart && chart.data.colCount > 1) {
      charts.push(chart);
      // Keep the next table below this chart, so that each chart stays beside its own table.
      while (sheet.rowCount < titleRow + CHART_SIZE.rows + 1) sheet.blank();
    }
  }

  return sheet.build({
    name: SHEET_NAMES.indicators,
    role: 'output',
    columnWidths: fitColumnWidths(sheet.cells, [52, ...Array.from({ length: width - 1 }, () => 13)]),
    charts,
    tabColor: '#548235',
    landscape: true,
    print: printLayout({ landscape: true, header: 0 }),
  });
}
