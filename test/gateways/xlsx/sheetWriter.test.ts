/**
 * The direct sheet writer: any text comes back from the file exactly as written (characters XML cannot
 * hold use Excel's `_xHHHH_` form), styled ranges laid over each other combine as they did with a
 * per-cell model, and a table's column names are distinct and match its header cells.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { unzipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import type { SheetSpec } from '../../../src/core/render/sheetSpec';
import { readXlsx, writeXlsx } from '../../../src/gateways/xlsx/xlsxGateway';

const awkwardText = fc.oneof(
  fc.string({ unit: 'binary', maxLength: 12 }),
  fc.constantFrom('_x0041_', '_x005F_x0041_', 'a\u0001b\u001Fc', ' espaces ', 'ligne\nsuivante', '\uD83D', '\uDE00x', '😀 é « »', '&<>"\''),
);

async function loadExcelJs(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

describe('direct sheet writer', () => {
  it('gives back every text exactly, whatever characters it holds', async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(fc.array(awkwardText, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 6 }), async (rows) => {
        const cells = rows.map((row) => row.map((text) => text || 'x'));
        const { grids } = await readXlsx(await writeXlsx([{ name: 'AP Textes', role: 'output', cells }]));
        const values = grids[0].values;
        cells.forEach((row, r) => row.forEach((text, c) => expect(values[r - grids[0].origin.row]?.[c - grids[0].origin.col]).toBe(text)));
      }),
      { numRuns: 25, seed: 24 },
    );
  });

  it('combines styled ranges laid over each other, field by field, and shares one format per combination', async () => {
    const spec: SheetSpec = {
      name: 'AP Formats',
      role: 'output',
      cells: [['a', 'b', 'c'], ['d', 'e', 'f']],
      styles: [
        { range: { row: 0, col: 0, rowCount: 2, colCount: 3 }, style: { fill: '#DDEBF7', fontColor: '#1F3864', numberFormat: '0.0" h"' } },
        { range: { row: 0, col: 1, rowCount: 2, colCount: 1 }, style: { bold: true, wrap: true } },
        { range: { row: 1, col: 1, rowCount: 1, colCount: 2 }, style: { fill: '#FFC7CE', horizontal: 'center', border: true } },
      ],
    };
    const bytes = await writeXlsx([spec]);
    const sheet = (await loadExcelJs(bytes)).getWorksheet('AP Formats')!;
    expect(sheet.getCell('A1').font?.bold).toBeFalsy();
    expect((sheet.getCell('A1').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFDDEBF7');
    expect(sheet.getCell('B1').font).toMatchObject({ bold: true, color: { argb: 'FF1F3864' } });
    expect(sheet.getCell('B1').alignment?.wrapText).toBe(true);
    expect(sheet.getCell('B1').numFmt).toBe('0.0" h"');
    expect((sheet.getCell('B2').fill as ExcelJS.FillPattern).fgColor?.argb).toBe('FFFFC7CE');
    expect(sheet.getCell('B2').alignment).toMatchObject({ horizontal: 'center', wrapText: true });
    expect(sheet.getCell('B2').border?.top?.style).toBe('thin');
    expect(sheet.getCell('C2').font?.bold).toBeFalsy();
    expect(sheet.getCell('C2').alignment?.horizontal).toBe('center');
    // A1 and C1 have the same combination: one cell format for both.
    const xml = new TextDecoder().decode(unzipSync(bytes)['xl/worksheets/sheet1.xml']);
    const xf = (address: string) => new RegExp(`<c r="${address}" s="(\\d+)"`).exec(xml)?.[1];
    expect(xf('A1')).toBeDefined();
    expect(xf('A1')).toBe(xf('C1'));
    expect(xf('A1')).not.toBe(xf('B1'));
  });

  it('names every table column once, as its header cell shows it', async () => {
    const spec: SheetSpec = {
      name: 'AP Tableau',
      role: 'output',
      cells: [['Élève', 'élève', null, 3], ['A', 'B', 'C', 'D']],
      tables: [{ name: 'AP_Tableau', range: { row: 0, col: 0, rowCount: 2, colCount: 4 }, style: 'TableStyleMedium2' }],
    };
    const workbook = await loadExcelJs(await writeXlsx([spec]));
    const sheet = workbook.getWorksheet('AP Tableau')!;
    const header = [1, 2, 3, 4].map((c) => sheet.getCell(1, c).value);
    expect(header).toEqual(['Élève', 'élève 2', 'Colonne 3', '3']);
    const table = sheet.getTable('AP_Tableau') as unknown as { table: { columns: { name: string }[] } };
    expect(table.table.columns.map((column) => column.name)).toEqual(header);
  });
});
