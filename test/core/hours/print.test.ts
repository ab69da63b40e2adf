/** Every AP sheet rendered here prints well: landscape, one page wide, header repeated, footer, wide enough columns. */
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { computeHours } from '../../../src/core/hours';
import { computeIndicators, hoursForIndicators, renderIndicatorsSheet } from '../../../src/core/indicators';
import { renderCalendarSheet } from '../../../src/core/hours/calendarSheet';
import { renderHoursSheet } from '../../../src/core/hours/hoursSheet';
import { fitColumnWidths } from '../../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { writeXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { buildSchool } from '../indicators/fixtures';
import { fixtureHistory, fixturePlan, fixtureSettings } from './fixture';

const LONG_NAME = 'Mme Marie-Charlotte de La Tour-d’Auvergne-Lauraguais';

describe('printing the hours, calendar and indicators sheets', async () => {
  const settings = fixtureSettings();
  settings.teachers[0].name = LONG_NAME;
  const plan = fixturePlan();
  for (const group of plan.groups) if (group.teacher === 'Mme Martin') group.teacher = LONG_NAME;
  const hours = computeHours(plan, settings, [], fixtureHistory());
  const school = buildSchool();
  const indicators = computeIndicators({ ...school.input, hours: hoursForIndicators(hours) });
  const specs = [renderHoursSheet(hours, settings), renderCalendarSheet(hours, settings), renderIndicatorsSheet(indicators, school.settings)];
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load((await writeXlsx(specs)) as unknown as ArrayBuffer);

  for (const name of [SHEET_NAMES.hours, SHEET_NAMES.calendar, SHEET_NAMES.indicators]) {
    it(`${name}: landscape, one page wide, header rows repeated, footer with sheet, date and page`, () => {
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.pageSetup).toMatchObject({ orientation: 'landscape', fitToPage: true, fitToWidth: 1, fitToHeight: 0 });
      expect(sheet.pageSetup.printTitlesRow).toMatch(/^\d+:\d+$/);
      expect(sheet.headerFooter.oddFooter).toMatch(/&A.*&D.*&P.*&N/);
    });
  }

  it('repeats the calendar table header on each page', () => {
    const spec = specs[1];
    const header = spec.cells.findIndex((row) => row[0] === 'Cycle' && row[2] === 'Niveau');
    expect(workbook.getWorksheet(SHEET_NAMES.calendar)!.pageSetup.printTitlesRow).toBe(`${header + 1}:${header + 1}`);
  });

  it('widens the columns that hold a long teacher name', () => {
    for (const name of [SHEET_NAMES.hours, SHEET_NAMES.calendar]) {
      const sheet = workbook.getWorksheet(name)!;
      let found = false;
      sheet.eachRow((row) =>
        row.eachCell((cell, col) => {
          if (cell.value !== LONG_NAME) return;
          found = true;
          expect(sheet.getColumn(col).width, `${name} ${cell.address}`).toBeGreaterThanOrEqual(LONG_NAME.length);
        }),
      );
      expect(found).toBe(true);
    }
  });

  it('does not measure titles and notes, which overflow on purpose', () => {
    expect(fitColumnWidths([['Un titre bien plus long que la colonne, seul sur sa ligne'], ['a', 'b']], [10, 10])).toEqual([10, 10]);
    expect(fitColumnWidths([['x'.repeat(200), 'b']], [10])).toEqual([60, 8]);
  });
});
