/**
 * Every sheet a generation writes prints well (issue 15): A4, all columns on one page wide, a footer
 * with the sheet name, the date and the page number; landscape when its columns would not fit a
 * portrait page without shrinking the text much; the header row kept on screen repeated on each
 * page. Checked on the specs, then on what each gateway makes of them: the .xlsx (ExcelJS, read back)
 * and Excel (the strict fake of Office.js).
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook, buildLargeSchool } from '../../../src/core/example';
import { generate } from '../../../src/core/pipeline';
import { PRINT_FOOTER, type SheetSpec } from '../../../src/core/render/sheetSpec';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { writeXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { seedFakeExcel } from '../../gateways/office/seed';

/** Printable width of an A4 portrait page with Excel's default margins (0.7 in each side), in points. */
const PORTRAIT_WIDTH = (8.27 - 2 * 0.7) * 72;
/** Width in points of a column of `width` characters (7 px per character plus 5 px padding, at 96 dpi). */
const columnPoints = (width: number) => ((width * 7 + 5) * 72) / 96;
/** Fitting more than this on a portrait page would shrink the text below about 80 %. */
const PORTRAIT_STRETCH = 1.25;

const isEmpty = (cell: unknown) => cell === null || cell === '' || cell === undefined;

describe('page setup of every sheet a generation writes', async () => {
  const snapshot = buildExampleWorkbook();
  const generations = [
    { label: 'example', sheets: (await generate(snapshot, { today: '2026-10-01' })).sheets },
    // Generated schools: other classes, slots and sessions, hence other widths and headers.
    ...(await Promise.all(
      fc.sample(fc.record({ pupils: fc.integer({ min: 40, max: 160 }), seed: fc.nat(10_000) }), { numRuns: 2, seed: 15 }).map(async (school) => ({
        label: `school of ${school.pupils} pupils (seed ${school.seed})`,
        sheets: (await generate(buildLargeSchool(school.pupils, school.seed), { today: '2027-01-11' })).sheets,
      })),
    )),
  ];

  it.each(generations)('$label: A4, one page wide, footer, explicit orientation', ({ sheets }) => {
    expect(sheets.length).toBeGreaterThan(3);
    for (const spec of sheets) {
      expect(spec.print, spec.name).toMatchObject({ paper: 'A4', fitToWidth: true, footer: true });
      expect(typeof spec.print!.landscape, spec.name).toBe('boolean');
      // The older `landscape` flag, when a renderer sets it, must say the same.
      if (spec.landscape !== undefined) expect(spec.print!.landscape, spec.name).toBe(spec.landscape);
    }
  });

  it.each(generations)('$label: landscape when the columns are too wide for a portrait page', ({ sheets }) => {
    for (const spec of sheets) {
      const width = (spec.columnWidths ?? []).reduce((sum, w) => sum + columnPoints(w), 0);
      if (width > PORTRAIT_WIDTH * PORTRAIT_STRETCH) expect(spec.print!.landscape, `${spec.name} (${Math.round(width)} pt)`).toBe(true);
    }
  });

  it.each(generations)('$label: the header row kept on screen is repeated on each printed page', ({ sheets }) => {
    for (const spec of sheets) {
      const repeat = spec.print!.repeatRows;
      if (spec.freeze?.rows) expect(repeat?.last, spec.name).toBe(spec.freeze.rows - 1);
      if (!repeat) continue;
      expect(repeat.first, spec.name).toBeLessThanOrEqual(repeat.last);
      for (let row = repeat.first; row <= repeat.last; row++) expect(spec.cells[row]?.some((cell) => !isEmpty(cell)), `${spec.name} row ${row}`).toBe(true);
    }
  });

  it.each(generations)('$label: page breaks fall inside the sheet, in order, never above its first row', ({ sheets }) => {
    for (const spec of sheets) {
      const breaks = spec.print!.pageBreaksBefore ?? [];
      expect(breaks, spec.name).toEqual([...breaks].sort((a, b) => a - b));
      for (const row of breaks) expect(row > 0 && row < spec.cells.length, `${spec.name} break ${row}`).toBe(true);
    }
  });

  it('comes out in the .xlsx: paper, orientation, fit, footer and repeated rows read back by ExcelJS', async () => {
    const { sheets } = generations[0];
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await writeXlsx(sheets)) as unknown as ExcelJS.Buffer);
    for (const spec of sheets) {
      const sheet = workbook.getWorksheet(spec.name)!;
      const print = spec.print!;
      expect(sheet.pageSetup, spec.name).toMatchObject({ paperSize: 9, orientation: print.landscape ? 'landscape' : 'portrait', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.headerFooter.oddFooter, spec.name).toBe(PRINT_FOOTER);
      const rows = print.repeatRows;
      expect(sheet.pageSetup.printTitlesRow, spec.name).toBe(rows ? `${rows.first + 1}:${rows.last + 1}` : undefined);
    }
  });

  it('comes out in Excel: the pane sets the same page setup on every sheet it writes', async () => {
    const excel = seedFakeExcel(snapshot);
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    const { sheets } = await generate(await gateway.readSnapshot(), { today: '2026-10-01' });
    await gateway.writeSheets(sheets);
    for (const spec of sheets as SheetSpec[]) {
      const sheet = excel.sheet(spec.name);
      const print = spec.print!;
      expect([sheet.paperSize, sheet.orientation, sheet.zoom], spec.name).toEqual(['A4', print.landscape ? 'Landscape' : 'Portrait', { horizontalFitToPages: 1, verticalFitToPages: 0 }]);
      expect(sheet.footer.center, spec.name).toBe(PRINT_FOOTER);
      expect(sheet.printTitleRows, spec.name).toEqual(print.repeatRows ?? null);
    }
  });
});
