import { describe, expect, it } from 'vitest';
import { createOfficeHost } from '../../../src/host/officeHost';
import { FakeExcel } from '../../fakes/fakeExcel';

const XLSX = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

function workbook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('Accueil');
  excel.addSheet('AP Paramètres', { values: [['Pilote AP · paramètres'], ['Effectif maximal', 12]] });
  return excel;
}

describe('Excel host', () => {
  it('selects a cell on its sheet (links from diagnostics) and brings a sheet forward', async () => {
    const excel = workbook();
    const host = createOfficeHost({ run: excel.run, isSetSupported: () => true });
    await host.selectCell('AP Paramètres', 'B2');
    expect(excel.activeSheet).toBe('AP Paramètres');
    expect(excel.selection).toBe('AP Paramètres!B2');
    await host.activateSheet('Accueil');
    expect(excel.activeSheet).toBe('Accueil');
  });

  it('writes one parameter, text kept as text', async () => {
    const excel = workbook();
    const host = createOfficeHost({ run: excel.run, isSetSupported: () => true });
    await host.setCellValue('AP Paramètres', 'B2', 10);
    await host.setCellValue('AP Paramètres', 'C2', '=à vérifier');
    expect(excel.sheet('AP Paramètres').valueAt('B2')).toBe(10);
    expect(excel.sheet('AP Paramètres').cell(1, 2)).toMatchObject({ value: '=à vérifier', formula: undefined });
  });

  it('explains in French a sheet that no longer exists', async () => {
    const host = createOfficeHost({ run: workbook().run, isSetSupported: () => true });
    await expect(host.activateSheet('AP Groupes')).rejects.toThrow(/supprimée ou renommée/);
  });

  it('opens an export as a new workbook where Excel can, else downloads it', async () => {
    const bytes = new Uint8Array([80, 75, 3, 4, 255, 0, 1]);
    const opened: string[] = [];
    const downloads: string[] = [];
    const download = (name: string) => void downloads.push(name);
    const host = createOfficeHost({ run: workbook().run, isSetSupported: () => true, createWorkbook: async (b64) => void opened.push(b64), download });
    expect(await host.deliverFile('export.xlsx', bytes, XLSX)).toBe('new-workbook');
    expect(Buffer.from(opened[0], 'base64')).toEqual(Buffer.from(bytes));
    expect(await host.deliverFile('export.csv', bytes, 'text/csv')).toBe('download');

    const blocked = createOfficeHost({ run: workbook().run, isSetSupported: () => true, createWorkbook: () => Promise.reject(new Error('popup')), download });
    expect(await blocked.deliverFile('export.xlsx', bytes, XLSX)).toBe('download');
    const old = createOfficeHost({ run: workbook().run, isSetSupported: () => false, createWorkbook: async () => undefined, download });
    expect(await old.deliverFile('export.xlsx', bytes, XLSX)).toBe('download');
    expect(downloads).toEqual(['export.csv', 'export.xlsx', 'export.xlsx']);
  });

  it('reports missing requirement sets and reads merges only where supported', async () => {
    const excel = new FakeExcel();
    excel.addSheet('2MRC', { values: [['Français', null], ['Lire', 'Écrire']], merges: ['A1:B1'] });
    const host = createOfficeHost({ run: excel.run, isSetSupported: (_name, version) => version !== '1.13' });
    expect(host.kind).toBe('excel');
    expect(host.missingRequirements().map((m) => m.requirement)).toEqual(['ExcelApi 1.13']);
    const snapshot = await host.gateway.readSnapshot();
    expect(snapshot.grids[0].merges).toBeUndefined();
  });
});
