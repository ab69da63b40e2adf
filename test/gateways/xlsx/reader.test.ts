/**
 * The package reader: same grids as an ExcelJS reading on the realistic fixtures, memory in proportion
 * to content (a value in XFD1048576 is one cell), refusal of absurd sheets in French naming the cell.
 */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import { describe, expect, it } from 'vitest';
import { FIXTURES_DIR } from '../../../scripts/make-fixtures';
import { cellAt, type Grid } from '../../../src/core/grid';
import { UnusableInputError } from '../../../src/core/diagnostics';
import { SHEET_LIMITS } from '../../../src/gateways/xlsx/package/readWorkbook';
import { readXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { loadXlsx } from '../../core/read/loadXlsx';

const FIXTURES = ['par-classe', 'par-discipline', 'grande-feuille', 'test-national', 'couleurs', 'autopositionnement-entretiens', 'deux-positionnements', 'illisible'];

/** Value at an absolute 0-based position of the sheet. */
const at = (grid: Grid, row: number, col: number) => cellAt(grid, row - grid.origin.row, col - grid.origin.col);

async function workbookBytes(build: (workbook: ExcelJS.Workbook) => void): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  build(workbook);
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

describe('package reader', () => {
  it.each(FIXTURES)('reads %s.xlsx as ExcelJS does: values, formulas, explicit fills, hidden rows and columns, merges', async (name) => {
    const file = path.join(FIXTURES_DIR, `${name}.xlsx`);
    const ours = await readXlsx(new Uint8Array(readFileSync(file)));
    const reference = await loadXlsx(file);
    expect(ours.grids.map((g) => [g.sheet, g.hidden])).toEqual(reference.grids.map((g) => [g.sheet, g.hidden]));
    ours.grids.forEach((grid, i) => {
      const ref = reference.grids[i];
      ref.values.forEach((line, r) =>
        line.forEach((value, c) => {
          const expected = typeof value === 'number' ? expect.closeTo(value, 9) : value === '' ? null : value;
          // ExcelJS drops a formula's cached result of 0 (`<v>0</v>`); the package reader keeps it.
          const droppedZero = value === null && ref.formulas?.[r]?.[c] && at(grid, r, c) === 0;
          if (!droppedZero) expect(at(grid, r, c), `${grid.sheet}!R${r + 1}C${c + 1}`).toEqual(expected);
          const fill = ref.fills?.[r]?.[c];
          if (fill && fill !== '#FFFFFF') expect(grid.fills?.[r - grid.origin.row]?.[c - grid.origin.col]).toBe(fill);
          if (ref.formulas?.[r]?.[c]) expect(grid.formulas?.[r - grid.origin.row]?.[c - grid.origin.col]).toBe(true);
        }),
      );
      const inside = (n: number, from: number, size: number) => n >= from && n < from + size;
      const height = grid.values.length;
      const width = grid.values[0]?.length ?? 0;
      expect(grid.hiddenRows?.map((r) => r + grid.origin.row) ?? []).toEqual((ref.hiddenRows ?? []).filter((r) => inside(r, grid.origin.row, height)));
      expect(grid.hiddenColumns?.map((c) => c + grid.origin.col) ?? []).toEqual((ref.hiddenColumns ?? []).filter((c) => inside(c, grid.origin.col, width)));
      expect(grid.merges?.map((m) => ({ ...m, row: m.row + grid.origin.row, col: m.col + grid.origin.col })) ?? []).toEqual(ref.merges ?? []);
    });
  });

  it('reads a sheet whose only content is in XFD1048576 as one cell', async () => {
    const bytes = await workbookBytes((workbook) => {
      workbook.addWorksheet('Loin').getCell('XFD1048576').value = 'ici';
      workbook.addWorksheet('Rempli').getCell('XFD1048576').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
    });
    const before = process.memoryUsage().heapUsed;
    const { grids } = await readXlsx(bytes);
    expect(process.memoryUsage().heapUsed - before).toBeLessThan(50 * 1024 * 1024);
    expect(grids[0]).toMatchObject({ origin: { row: 1048575, col: 16383 }, values: [['ici']] });
    expect(grids[1]).toMatchObject({ origin: { row: 1048575, col: 16383 }, values: [[null]], fills: [['#FF0000']] });
  });

  it('refuses, in French and naming the sheet and the cell, a sheet stretched to XFD1048576 by one stray value', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('2MRC');
      sheet.getCell('A1').value = 'Nom';
      sheet.getCell('B2').value = 'DUPONT';
      sheet.getCell('XFD1048576').value = 'x';
    });
    const error = await readXlsx(bytes).catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableInputError);
    expect((error as Error).message).toMatch(/^Feuille « 2MRC », cellule XFD1048576 : .*cellules/);
  });

  it('refuses a stray fill far away just the same, and a sheet with more filled cells than the limit', async () => {
    const far = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Données');
      sheet.getCell('A1').value = 'Nom';
      sheet.getCell('A1048000').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FF00FF00' } };
      sheet.getCell('ZZ1').value = 1;
    });
    await expect(readXlsx(far)).rejects.toThrow(/« Données », cellule A1048000/);
    const limits = { ...SHEET_LIMITS };
    SHEET_LIMITS.contentCells = 50;
    try {
      const many = await workbookBytes((workbook) => {
        const sheet = workbook.addWorksheet('Grand');
        for (let r = 1; r <= 10; r++) for (let c = 1; c <= 6; c++) sheet.getCell(r, c).value = r * c;
      });
      await expect(readXlsx(many)).rejects.toThrow(/« Grand », cellule [A-F]\d+ : plus de 50 cellules remplies/);
    } finally {
      Object.assign(SHEET_LIMITS, limits);
    }
  });

  it('reads Excel escapes, rich text without phonetic guides, booleans, errors, inline strings and 1904 dates', async () => {
    const bytes = await workbookBytes((workbook) => {
      const sheet = workbook.addWorksheet('Divers');
      sheet.getCell('A1').value = 'ESCAPE';
      sheet.getCell('B1').value = { richText: [{ text: 'Mathé' }, { font: { bold: true }, text: 'matiques' }] };
      sheet.getCell('C1').value = true;
      sheet.getCell('D1').value = { error: '#DIV/0!' };
      sheet.getCell('E1').value = new Date(Date.UTC(2026, 8, 7));
      sheet.getCell('F1').value = 'inline';
    });
    const JSZip = (await import('jszip')).default;
    const zip = await JSZip.loadAsync(bytes);
    const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
    zip.file('xl/sharedStrings.xml', strings.replace('<t>ESCAPE</t>', '<t>a_x0001_b</t><rPh sb="0" eb="1"><t>フリガナ</t></rPh>'));
    const sheetXml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    zip.file('xl/worksheets/sheet1.xml', sheetXml.replace(/<c r="F1"([^>]*?) t="s"><v>\d+<\/v><\/c>/, '<c r="F1"$1 t="inlineStr"><is><t>en &amp; ligne</t></is></c>'));
    const plain = await zip.generateAsync({ type: 'uint8array' });
    const [grid] = (await readXlsx(plain)).grids;
    expect(grid.values[0]).toEqual(['a\u0001b', 'Mathématiques', true, '#DIV/0!', 46272, 'en & ligne']);
    const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
    zip.file('xl/workbook.xml', workbookXml.replace(/<workbookPr\b/, '<workbookPr date1904="1"'));
    zip.file('xl/worksheets/sheet1.xml', (await zip.file('xl/worksheets/sheet1.xml')!.async('string')).replace(/(<c r="E1"[^>]*><v>)(\d+)/, (_, open: string, serial: string) => `${open}${Number(serial) - 1462}`));
    const [grid1904] = (await readXlsx(await zip.generateAsync({ type: 'uint8array' }))).grids;
    expect(grid1904.values[0][4]).toBe(46272);
  });
});
