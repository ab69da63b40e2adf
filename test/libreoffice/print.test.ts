/**
 * The page setup of the AP sheets, read by a real spreadsheet: the example's generation is written over
 * a coordinator's package (the package-level writer, as the command line does), opened and saved again
 * by LibreOffice, then read back. LibreOffice keeps only what it understood: the repeated rows, the
 * footer, the orientation and the fit to one page wide of every sheet.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { generate } from '../../src/core/pipeline';
import type { SheetSpec } from '../../src/core/render/sheetSpec';
import { writeCompletedWorkbook } from '../../src/gateways/xlsx/package/writeWorkbook';
import { coordinatorPackage } from '../gateways/xlsx/coordinatorPackage';
import { loadWorkbook, recalculate } from './recalc';

describe('LibreOffice reads the print setup of every AP sheet written over a coordinator workbook', () => {
  let specs: SheetSpec[];
  let workbook: Awaited<ReturnType<typeof loadWorkbook>>;

  beforeAll(async () => {
    specs = (await generate(buildExampleWorkbook(), { today: '2026-10-01' })).sheets;
    const { file } = await recalculate({ file: await writeCompletedWorkbook(await coordinatorPackage(), specs) });
    workbook = await loadWorkbook(file);
  }, 180_000);

  it('repeats the header rows of each sheet that has them, and no others', () => {
    expect(specs.filter((s) => s.print?.repeatRows).length).toBeGreaterThan(3);
    for (const spec of specs) {
      const rows = spec.print!.repeatRows;
      const titles = workbook.getWorksheet(spec.name)!.pageSetup.printTitlesRow;
      expect(titles?.replace(/\$/g, ''), spec.name).toBe(rows ? `${rows.first + 1}:${rows.last + 1}` : undefined);
    }
  });

  it('prints the sheet name, the date and the page number in the footer, in the orientation asked, one page wide', () => {
    for (const spec of specs) {
      const sheet = workbook.getWorksheet(spec.name)!;
      expect(sheet.headerFooter.oddFooter, spec.name).toMatch(/&A.*&D.*&P.*&N/);
      expect(sheet.pageSetup.orientation, spec.name).toBe(spec.print!.landscape ? 'landscape' : 'portrait');
      // LibreOffice saves « fit to 1 page wide, any height » as these two numbers; its .xlsx does not
      // write the fitToPage flag of our sheets (LibreOffice 7.4), so it is not checked.
      expect(sheet.pageSetup, spec.name).toMatchObject({ fitToWidth: 1, fitToHeight: 0, paperSize: 9 });
    }
  });
});
