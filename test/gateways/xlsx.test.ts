import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../src/core/diagnostics';
import type { SheetSpec } from '../../src/core/render/sheetSpec';
import { readXlsx, writeXlsx, XlsxFileGateway } from '../../src/gateways/xlsx/xlsxGateway';

async function coordinatorWorkbook(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('2MRC');
  sheet.getCell('B3').value = 'Nom';
  sheet.getCell('C3').value = 'Calcul';
  sheet.getCell('B4').value = 'DUPONT';
  sheet.getCell('C4').value = null;
  sheet.getCell('C4').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFF0000' } };
  sheet.getCell('D4').fill = { type: 'pattern', pattern: 'solid', fgColor: { theme: 9 } };
  sheet.getCell('B5').value = { formula: 'UPPER("martin")', result: 'MARTIN' };
  sheet.getCell('C5').value = { error: '#N/A' };
  sheet.getCell('B6').value = new Date(Date.UTC(2026, 8, 7));
  sheet.mergeCells('C2:D2');
  sheet.getCell('C2').value = 'Mathématiques';
  sheet.getRow(6).hidden = true;
  sheet.getColumn(4).hidden = true;
  workbook.addWorksheet('AP Paramètres').getCell('A1').value = 'réglages du coordinateur';
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

const output: SheetSpec = {
  name: 'AP Groupes',
  role: 'output',
  cells: [['Pilote AP · Groupes'], ['Élève', 'Note'], ['=HYPERLINK("http://x")', '+33 6'], ['@dupont', { formula: '=1+1', value: 2 }]],
  tables: [{ name: 'AP_Groupes', range: { row: 1, col: 0, rowCount: 3, colCount: 2 }, style: 'TableStyleMedium2' }],
  styles: [{ range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, style: { bold: true, fill: '#DDEBF7' } }],
};

describe('xlsx gateway', () => {
  it('reads values, origin, fills (explicit and theme), merges, hidden rows and columns, formulas', async () => {
    const { grids } = await readXlsx(await coordinatorWorkbook());
    const grid = grids[0];
    expect(grid.sheet).toBe('2MRC');
    expect(grid.origin).toEqual({ row: 1, col: 1 });
    expect(grid.values[1]).toEqual(['Nom', 'Calcul', null]);
    expect(grid.values[2][0]).toBe('DUPONT');
    expect(grid.fills?.[2][1]).toBe('#FF0000');
    expect(grid.fills?.[2][2]).toBe('#70AD47');
    expect(grid.values[3]).toEqual(['MARTIN', '#N/A', null]);
    expect(grid.formulas?.[3][0]).toBe(true);
    expect(grid.values[4][0]).toBe(46272);
    expect(grid.merges).toEqual([{ row: 0, col: 1, rowCount: 1, colCount: 2 }]);
    expect(grid.hiddenRows).toEqual([4]);
    expect(grid.hiddenColumns).toEqual([2]);
  });

  it('writes cell text as text, never as a formula, and formulas as formulas', async () => {
    const bytes = await writeXlsx([output]);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    const sheet = workbook.getWorksheet('AP Groupes')!;
    expect(sheet.getCell('A3').type).toBe(ExcelJS.ValueType.String);
    expect(sheet.getCell('A3').value).toBe('=HYPERLINK("http://x")');
    expect(sheet.getCell('B3').value).toBe('+33 6');
    expect(sheet.getCell('A4').value).toBe('@dupont');
    expect(sheet.getCell('B4').type).toBe(ExcelJS.ValueType.Formula);
    expect((sheet.getCell('B4').value as ExcelJS.CellFormulaValue).formula).toBe('1+1');
    expect(sheet.getTable('AP_Groupes')).toBeTruthy();
  });

  it('leaves the input untouched, never overwrites a parameter sheet, replaces an output sheet', async () => {
    const input = await coordinatorWorkbook();
    const before = Buffer.from(input).toString('base64');
    const gateway = new XlsxFileGateway(input);
    await gateway.writeSheets([output, { name: 'AP Paramètres', role: 'parameters', cells: [['défauts']] }]);
    const first = await gateway.toBytes();
    const again = new XlsxFileGateway(first);
    await again.writeSheets([{ ...output, cells: [['Pilote AP · Groupes'], ['Élève', 'Note'], ['MARTIN', 1]] }]);
    const { grids } = await readXlsx(await again.toBytes());
    expect(Buffer.from(input).toString('base64')).toBe(before);
    expect(grids.map((g) => g.sheet)).toEqual(['2MRC', 'AP Paramètres', 'AP Groupes']);
    expect(grids[1].values[0][0]).toBe('réglages du coordinateur');
    expect(grids[2].values.flat()).toContain('MARTIN');
    expect(grids[2].values.flat()).not.toContain('@dupont');
    const original = await readXlsx(input);
    expect(grids[0]).toEqual(original.grids[0]);
  });

  it('says in French that a file is not a workbook', async () => {
    await expect(readXlsx(new TextEncoder().encode('Nom;Prénom\nDupont;Léa'))).rejects.toThrow(UnusableInputError);
    await expect(readXlsx(new TextEncoder().encode('x'))).rejects.toThrow(/pas un classeur Excel/);
  });
});

describe('xlsx gateway: print setup', () => {
  it('writes A4, fit to one page wide and a manual break above each page-starting row', async () => {
    const spec: SheetSpec = {
      name: 'AP Fiches',
      role: 'output',
      cells: Array.from({ length: 30 }, (_, r) => [`ligne ${r}`]),
      print: { paper: 'A4', fitToWidth: true, pageBreaksBefore: [0, 10, 20] },
    };
    const bytes = await writeXlsx([spec, { name: 'AP Autre', role: 'output', cells: [['x']] }]);
    const zip = await JSZip.loadAsync(bytes);
    const xml = await zip.file('xl/worksheets/sheet1.xml')!.async('string');
    expect(xml).toMatch(/<pageSetup[^>]*paperSize="9"/);
    expect(xml).toMatch(/<pageSetup[^>]*fitToHeight="0"/);
    expect(xml).toMatch(/<pageSetUpPr[^>]*fitToPage="1"/);
    // A break below 1-based row 10 starts the page at 0-based row 10; none above the first row.
    expect([...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]))).toEqual([10, 20]);
    const other = await zip.file('xl/worksheets/sheet2.xml')!.async('string');
    expect(other).not.toMatch(/rowBreaks|paperSize/);
  });
});
