import { describe, expect, it } from 'vitest';
import { createOfficeHost } from '../../../src/host/officeHost';
import { fakeWebviewDownload } from '../../fakes/fakeDownload';
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

  it('in Excel for Mac, where a download does nothing, opens the export as a new workbook and never says it downloaded', async () => {
    const bytes = new Uint8Array([1, 2, 3]);
    const workbook = new Uint8Array([80, 75, 3, 4]);
    const webview = fakeWebviewDownload(true);
    const opened: string[] = [];
    const mac = createOfficeHost({ run: new FakeExcel().run, isSetSupported: () => true, onMac: true, createWorkbook: async (b64) => void opened.push(b64), download: webview.download });
    expect(await mac.deliverFile('groupes.csv', bytes, 'text/csv', async () => workbook)).toBe('new-workbook');
    expect(Buffer.from(opened[0], 'base64')).toEqual(Buffer.from(workbook));
    // No workbook to open (blocked, or nothing to convert): a French refusal, not « téléchargé ».
    const blocked = createOfficeHost({ run: new FakeExcel().run, isSetSupported: () => true, onMac: true, createWorkbook: () => Promise.reject(new Error('blocked')), download: webview.download });
    await expect(blocked.deliverFile('export.xlsx', bytes, XLSX)).rejects.toThrow(/Excel pour Mac ne peut pas télécharger.*rien n’a été enregistré/);
    await expect(mac.deliverFile('groupes.csv', bytes, 'text/csv')).rejects.toThrow(/rien n’a été enregistré/);
    expect(webview.saved).toEqual([]);
    // Elsewhere the download happens, and is said.
    const windows = fakeWebviewDownload(false);
    const pc = createOfficeHost({ run: new FakeExcel().run, isSetSupported: () => true, onMac: false, createWorkbook: async () => undefined, download: windows.download });
    expect(await pc.deliverFile('groupes.csv', bytes, 'text/csv', async () => workbook)).toBe('download');
    expect(windows.saved.map((f) => f.fileName)).toEqual(['groupes.csv']);
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

describe('Excel host: writes that stay where the pane saw them', () => {
  function parameters(): FakeExcel {
    const excel = new FakeExcel();
    excel.addSheet('Accueil', { values: [['Bienvenue']] });
    excel.addSheet('AP Paramètres', { values: [['Pilote AP · paramètres'], ['Paramètre', 'Valeur'], ['Cycle à générer', 1], ['UAI', '']] });
    return excel;
  }

  it('writes into the row found again when a line was inserted above since the last read', async () => {
    const excel = parameters();
    const host = createOfficeHost({ run: excel.run, isSetSupported: () => true });
    await host.gateway.readSnapshot();
    // The coordinator inserts a line above « Cycle à générer » (rows move down by one).
    const sheet = excel.sheet('AP Paramètres');
    const moved = [...sheet.cells.entries()].filter(([k]) => Number(k.split(',')[0]) >= 2);
    moved.forEach(([k]) => sheet.cells.delete(k));
    moved.forEach(([k, cell]) => sheet.cells.set(`${Number(k.split(',')[0]) + 1},${k.split(',')[1]}`, cell));
    sheet.ensure(2, 0).value = 'Note';

    await host.setCellValue('AP Paramètres', 'B3', 2);
    expect(sheet.valueAt('B4')).toBe(2);
    expect(sheet.valueAt('B3')).toBe('');
  });

  it('refuses, in French, to write into a row that is gone', async () => {
    const excel = parameters();
    const host = createOfficeHost({ run: excel.run, isSetSupported: () => true });
    await host.gateway.readSnapshot();
    excel.sheet('AP Paramètres').ensure(3, 0).value = 'Autre chose';
    await expect(host.setCellValue('AP Paramètres', 'B4', '0750655E')).rejects.toThrow(/B4 de « AP Paramètres ».*rien n’a été écrit/);
    expect(excel.sheet('AP Paramètres').valueAt('B4')).toBe('');
  });

  it('undoes the last generation and relays « En attente d’Excel… » while a write waits', async () => {
    const excel = parameters();
    const host = createOfficeHost({ run: excel.run, isSetSupported: () => true });
    const seen: boolean[] = [];
    const stop = host.onWaitingForExcel!((waiting) => seen.push(waiting));
    await host.gateway.readSnapshot();
    let release = () => {};
    excel.holdSync = { at: excel.syncCount + 1, release: new Promise<void>((resolve) => (release = resolve)) };
    const writing = host.gateway.writeSheets([{ name: 'AP Groupes', role: 'output', cells: [['Pilote AP · groupes']] }]);
    await new Promise((resolve) => setTimeout(resolve, 2_300));
    release();
    await writing;
    stop();
    expect(seen).toEqual([true, false]);
    expect(await host.undoLastGeneration!()).toEqual(['AP Groupes']);
    expect(excel.sheetNames()).toEqual(['Accueil', 'AP Paramètres']);
  });
});
