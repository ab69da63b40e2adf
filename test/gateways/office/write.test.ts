import { describe, expect, it } from 'vitest';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';
import { PRINT_FOOTER } from '../../../src/core/render/sheetSpec';
import { describeExcelError, SLOW_SYNC_MS } from '../../../src/gateways/office/errors';
import { characterWidthToPoints } from '../../../src/gateways/office/writePlan';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { FakeExcel } from '../../fakes/fakeExcel';
import { groupsSpec, parametersSpec } from './specs';

function coordinatorWorkbook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('2MRC', { values: [['Nom', 'Prénom', 'Lire'], ['Durand', 'Léa', 'A']], fills: [[], [null, null, '#00B050']] });
  return excel;
}

describe('Office gateway: writing', () => {
  it('writes values, formulas, formats, table, chart and layout in one sync, and reads them back', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    excel.syncCount = 0;
    const spec = groupsSpec(30);
    await gateway.writeSheets([spec, parametersSpec()]);
    expect(excel.syncCount).toBe(1);

    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.groups, SHEET_NAMES.parameters]);
    const sheet = excel.sheet(SHEET_NAMES.groups);
    expect(sheet.valueAt('A1')).toBe(`${MARKER} groupes de besoin — cycle 1`);
    expect(sheet.valueAt('F4')).toBe('Élève 0 Dupont-Moreau');
    expect(sheet.valueAt('G4')).toBe('2MRC0');
    expect(sheet.formulaAt('B36')).toBe('=COUNTIF(C4:C33,"G1")');
    expect(sheet.cell(36, 1)?.format.numberFormat).toBe('0" élèves"');
    expect(sheet.cell(0, 0)?.format).toMatchObject({ bold: true, size: 14 });
    expect(sheet.merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 5 }]);
    expect(sheet.tables).toEqual([{ name: 'AP_Groupes', range: { row: 2, col: 0, rowCount: 31, colCount: 9 }, style: 'TableStyleMedium2' }]);
    expect(sheet.conditionalFormats).toEqual([
      { range: { row: 35, col: 1, rowCount: 40, colCount: 1 }, type: 'CellValue', fill: '#FFC7CE', bold: true, rule: { formula1: '=12', operator: 'GreaterThan' } },
    ]);
    expect(sheet.charts).toEqual([
      { name: 'Chart 1', type: 'ColumnClustered', source: { row: 34, col: 0, rowCount: 41, colCount: 2 }, seriesBy: 'Columns', title: 'Élèves par groupe', from: 'D35', to: 'I49' },
    ]);
    expect(sheet.freeze).toEqual({ rows: 3, cols: 0 });
    expect(sheet.tabColor).toBe('#2F75B5');
    expect(sheet.orientation).toBe('Landscape');
    expect(sheet.columnWidths.get(5)).toBe(characterWidthToPoints(28));
    expect(sheet.borders.map((b) => b.edge).sort()).toEqual(['EdgeBottom', 'EdgeLeft', 'EdgeRight', 'EdgeTop', 'InsideHorizontal', 'InsideVertical']);

    const parameters = excel.sheet(SHEET_NAMES.parameters);
    expect(parameters.valueAt('B3')).toBe(12);
    expect(parameters.validations).toEqual([{ range: { row: 3, col: 1, rowCount: 1, colCount: 1 }, ignoreBlanks: true, rule: { list: { inCellDropDown: true, source: 'oui' } } }]);
    expect(parameters.freeze).toEqual({ rows: 1, cols: 1 });

    const back = await gateway.readSnapshot();
    const groups = back.grids.find((g) => g.sheet === SHEET_NAMES.groups)!;
    expect(groups.origin).toEqual({ row: 0, col: 0 });
    expect(groups.values[2]).toEqual(['Niveau', 'Barrette', 'Groupe', 'Atelier', 'Intervenant', 'Élève', 'Classe', 'Besoin principal', 'Pourquoi']);
    expect(groups.values[3]).toEqual(['2nde', 'Mardi 10h', 'G1', 'Remédiation français', 'Mme Lefèvre', 'Élève 0 Dupont-Moreau', '2MRC0', 'Français', 'Lire : NA, Écrire : ECA']);
    // Our output sheets are read for their values only (what the coordinator typed), not their structure.
    expect(groups.formulas).toBeUndefined();
    expect(groups.merges).toBeUndefined();
  });

  it('writes text that looks like a formula, a number or a date as text', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: false });
    const texts = ['=HYPERLINK("http://x")', '+33 6 12', '-ECA', '@Dupont', "'quote", '0123', '12/05', 'VRAI', 'mars 2026', '2MRC', 'Lire'];
    await gateway.writeSheets([{ name: 'AP Essai', role: 'output', cells: [[`${MARKER} essai`], texts] }]);
    const sheet = excel.sheet('AP Essai');
    texts.forEach((text, col) => {
      const cell = sheet.cell(1, col)!;
      expect(cell.formula).toBeUndefined();
      expect(cell.value).toBe(text);
    });
    expect(sheet.cell(1, 10)?.textPrefix).toBeFalsy();
    const back = await gateway.readSnapshot();
    expect(back.grids.find((g) => g.sheet === 'AP Essai')!.values[1]).toEqual(texts);
  });

  it('replaces an output sheet of ours in place and never overwrites an existing parameter sheet', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    await gateway.writeSheets([parametersSpec(12), groupsSpec(10)]);
    excel.addSheet('Notes', { values: [['à garder']] });
    // The coordinator edits a cap, then moves the groups sheet to the front.
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET_NAMES.parameters).getRange('B3').values = [[15]];
      context.workbook.worksheets.getItem(SHEET_NAMES.groups).position = 0;
      await context.sync();
    });
    expect(excel.sheetNames()).toEqual([SHEET_NAMES.groups, '2MRC', SHEET_NAMES.parameters, 'Notes']);

    await gateway.readSnapshot();
    excel.syncCount = 0;
    await gateway.writeSheets([parametersSpec(8), groupsSpec(20)]);
    expect(excel.syncCount).toBe(1);
    // The sheet is written again in place, where the coordinator put it; its previous content is
    // copied, hidden, at the end, for « Annuler la dernière génération ».
    expect(excel.sheetNames()).toEqual([SHEET_NAMES.groups, '2MRC', SHEET_NAMES.parameters, 'Notes', `${SHEET_NAMES.groups} (préc.)`]);
    expect(excel.sheet(`${SHEET_NAMES.groups} (préc.)`).visibility).toBe('Hidden');
    expect(excel.sheet(SHEET_NAMES.parameters).valueAt('B3')).toBe(15);
    const groups = excel.sheet(SHEET_NAMES.groups);
    expect(groups.valueAt('F23')).toBe('Élève 19 Dupont-Moreau');
    // The live sheet's table keeps its name; the hidden copy's got a new one from Excel.
    expect(groups.tables.map((t) => t.name)).toEqual(['AP_Groupes']);
    expect(excel.allTables()).toHaveLength(2);
    expect(groups.charts).toHaveLength(1);

    // The next generation drops the older copy: never more than one copy per sheet.
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(21)]);
    expect(excel.sheetNames()).toEqual([SHEET_NAMES.groups, '2MRC', SHEET_NAMES.parameters, 'Notes', `${SHEET_NAMES.groups} (préc.)`]);
    expect(excel.sheet(SHEET_NAMES.groups).tables.map((t) => t.name)).toEqual(['AP_Groupes']);
    expect(excel.sheet(`${SHEET_NAMES.groups} (préc.)`).valueAt('F23')).toBe('Élève 19 Dupont-Moreau');
    expect(excel.allTables()).toHaveLength(2);
  });

  it('chooses a free table name when a renamed sheet the coordinator kept still holds ours', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(5)]);
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem(SHEET_NAMES.groups).name = 'Groupes septembre';
      await context.sync();
    });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(6)]);
    expect(excel.sheet('Groupes septembre').tables.map((t) => t.name)).toEqual(['AP_Groupes']);
    expect(excel.sheet(SHEET_NAMES.groups).tables.map((t) => t.name)).toEqual(['AP_Groupes_2']);
  });

  it('fake Excel answers InvalidArgument, as real Excel does, for a table name taken elsewhere', async () => {
    const excel = coordinatorWorkbook();
    await createOfficeGateway({ run: excel.run }).writeSheets([groupsSpec(5)]);
    const failure = await excel
      .run(async (context) => {
        const sheet = context.workbook.worksheets.getItem('2MRC');
        sheet.tables.add(sheet.getRange('A1:C2') as never, true).name = 'AP_Groupes';
        await context.sync();
      })
      .catch((error: { code?: string }) => error);
    expect((failure as { code?: string }).code).toBe('InvalidArgument');
    expect(describeExcelError(failure)).toMatch(/argument non valide/);
  });

  it('refuses to replace a sheet it did not create, before touching anything', async () => {
    const excel = coordinatorWorkbook();
    excel.addSheet(SHEET_NAMES.groups, { values: [['Mes groupes à moi']] });
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    const before = excel.sheet(SHEET_NAMES.groups).describe();
    excel.syncCount = 0;
    await expect(gateway.writeSheets([groupsSpec(5)])).rejects.toThrow(/n’a pas été créée par Pilote AP/);
    expect(excel.syncCount).toBe(0);
    expect(excel.sheet(SHEET_NAMES.groups).describe()).toEqual(before);
  });

  it('looks at the workbook first when no read preceded the write', async () => {
    const excel = coordinatorWorkbook();
    await createOfficeGateway({ run: excel.run }).writeSheets([groupsSpec(5)]);
    const gateway = createOfficeGateway({ run: excel.run });
    excel.syncCount = 0;
    await gateway.writeSheets([groupsSpec(6), parametersSpec()], { activate: SHEET_NAMES.groups });
    expect(excel.syncCount).toBe(3);
    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.groups, `${SHEET_NAMES.groups} (préc.)`, SHEET_NAMES.parameters]);
    expect(excel.activeSheet).toBe(SHEET_NAMES.groups);
  });

  it('splits a write that is too big for one request by rows, each request under the cap', async () => {
    const excel = new FakeExcel({ maxRequestBytes: 60_000 });
    excel.addSheet('2MRC', { values: [['Nom']] });
    const gateway = createOfficeGateway({ run: excel.run, maxRequestBytes: 50_000 });
    await gateway.readSnapshot();
    excel.syncCount = 0;
    await gateway.writeSheets([groupsSpec(600)]);
    expect(excel.syncCount).toBeGreaterThan(2);
    expect(Math.max(...excel.requestBytes)).toBeLessThanOrEqual(60_000);
    const sheet = excel.sheet(SHEET_NAMES.groups);
    expect(sheet.valueAt('F603')).toBe('Élève 599 Dupont-Moreau');
    expect(sheet.tables[0].range.rowCount).toBe(601);
  });

  it('explains a protected workbook in French and looks again at the workbook next time', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run });
    await gateway.readSnapshot();
    excel.workbookProtected = true;
    await expect(gateway.writeSheets([groupsSpec(3)])).rejects.toThrow(/protégé.*Ôtez la protection/);
    excel.workbookProtected = false;
    excel.syncCount = 0;
    await gateway.writeSheets([groupsSpec(3)]);
    expect(excel.syncCount).toBe(3);
    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.groups]);
  });

  it('a split write cut short is never read as a generation: the read says so, the undo puts the previous one back', async () => {
    const excel = new FakeExcel({ maxRequestBytes: 60_000 });
    excel.addSheet('2MRC', { values: [['Nom']] });
    const gateway = createOfficeGateway({ run: excel.run, maxRequestBytes: 50_000, fingerprints: true });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(100)]);
    await gateway.readSnapshot();
    excel.failAtSync = { at: excel.syncCount + 3, code: 'GeneralException' };
    await expect(gateway.writeSheets([groupsSpec(600)])).rejects.toThrow(/erreur interne/);
    // Half of the new content is in AP Groupes, the previous content in its hidden copy: the read
    // refuses to take half a sheet for the coordinator's locks.
    expect(excel.sheet(`${SHEET_NAMES.groups} (préc.)`).valueAt('F103')).toBe('Élève 99 Dupont-Moreau');
    await expect(gateway.readSnapshot()).rejects.toThrow(/interrompue pendant l’écriture de la feuille « AP Groupes ».*Annuler la dernière génération/);
    expect(await gateway.undoLastGeneration()).toEqual([SHEET_NAMES.groups]);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F103')).toBe('Élève 99 Dupont-Moreau');
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F104')).toBe('');
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(600)]);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F603')).toBe('Élève 599 Dupont-Moreau');
  });

  it('a new sheet cut short is read as absent, and written in full by the next generation', async () => {
    const excel = new FakeExcel({ maxRequestBytes: 60_000 });
    excel.addSheet('2MRC', { values: [['Nom']] });
    const gateway = createOfficeGateway({ run: excel.run, maxRequestBytes: 50_000, fingerprints: true });
    await gateway.readSnapshot();
    excel.failAtSync = { at: excel.syncCount + 2, code: 'GeneralException' };
    await expect(gateway.writeSheets([groupsSpec(600)])).rejects.toThrow(/erreur interne/);
    expect(excel.findSheet(SHEET_NAMES.groups)).toBeDefined();
    // A leftover temporary sheet of an earlier version is deleted; one of the coordinator's that
    // merely looks temporary is never touched.
    excel.addSheet('AP ~ mes notes', { values: [['à garder']] });
    const snapshot = await gateway.readSnapshot();
    expect(snapshot.grids.map((g) => g.sheet)).toEqual(['2MRC', 'AP ~ mes notes']);
    await gateway.writeSheets([groupsSpec(600)]);
    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.groups, 'AP ~ mes notes']);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F603')).toBe('Élève 599 Dupont-Moreau');
    expect(excel.sheet(SHEET_NAMES.groups).customProperties.get('piloteap.empreinte')).toMatch(/^v\d+-/);
  });

  it('never races a write against a timeout: says it waits for Excel, then finishes when the sync lands', async () => {
    const excel = coordinatorWorkbook();
    const waiting: boolean[] = [];
    const gateway = createOfficeGateway({ run: excel.run, syncTimeoutMs: 10, onWaiting: (w) => waiting.push(w) });
    await gateway.readSnapshot();
    let release = () => {};
    excel.holdSync = { at: excel.syncCount + 1, release: new Promise<void>((resolve) => (release = resolve)) };
    const writing = gateway.writeSheets([groupsSpec(5)]);
    await new Promise((resolve) => setTimeout(resolve, SLOW_SYNC_MS + 300));
    expect(waiting).toEqual([true]);
    expect(excel.findSheet(SHEET_NAMES.groups)).toBeUndefined();
    release();
    await writing;
    expect(waiting).toEqual([true, false]);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F4')).toBe('Élève 0 Dupont-Moreau');
  });

  it('groups a write into one undo step only where every call of it can be undone (ExcelApi 1.20)', async () => {
    for (const platform of ['web', 'windows', 'mac'] as const) {
      const excel = new FakeExcel({ platform });
      excel.addSheet('2MRC', { values: [['Nom']] });
      const gateway = createOfficeGateway({ run: excel.run, undoGroup: true, onTheWeb: platform === 'web', fingerprints: true });
      await gateway.readSnapshot();
      // A first generation only adds sheets and writes them: one undo step on every platform.
      await gateway.writeSheets([groupsSpec(5)]);
      expect(excel.runOptions.at(-1)).toEqual({ mergeUndoGroup: true });
      // A regeneration copies the previous content to its backup (`Worksheet.copy`, never undoable):
      // not grouped; « Annuler la dernière génération » is the undo.
      await gateway.readSnapshot();
      await gateway.writeSheets([groupsSpec(6)]);
      expect(excel.runOptions.at(-1)).toBeNull();
      expect(excel.sheet(SHEET_NAMES.groups).valueAt('F9')).toBe('Élève 5 Dupont-Moreau');
    }
  });

  it('fake Excel refuses, inside an undo group, the sheet calls its platform cannot undo', async () => {
    for (const platform of ['web', 'windows'] as const) {
      const excel = new FakeExcel({ platform });
      excel.addSheet('A', { values: [['a']] });
      excel.addSheet('B', { values: [['b']] });
      const grouped = (apply: (sheets: Excel.WorksheetCollection) => void) =>
        excel.run(async (context) => {
          apply(context.workbook.worksheets);
          await context.sync();
        }, { mergeUndoGroup: true });
      await expect(grouped((sheets) => sheets.getItem('B').delete())).rejects.toMatchObject({ code: 'UndoNotSupported' });
      await expect(grouped((sheets) => void sheets.getItem('B').copy('End'))).rejects.toMatchObject({ code: 'UndoNotSupported' });
      const rename = grouped((sheets) => (sheets.getItem('B').name = 'C'));
      if (platform === 'web') await expect(rename).resolves.toBeUndefined();
      else await expect(rename).rejects.toMatchObject({ code: 'UndoNotSupported' });
    }
  });

  it('still writes, ungrouped, when Excel refuses the group anyway', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, undoGroup: true, onTheWeb: true });
    await gateway.readSnapshot();
    excel.failAtSync = { at: excel.syncCount + 1, code: 'UndoNotSupported' };
    const before = excel.runOptions.length;
    await gateway.writeSheets([groupsSpec(5)]);
    // Refused grouped, then the workbook looked at again and written ungrouped.
    expect(excel.runOptions.slice(before)).toEqual([{ mergeUndoGroup: true }, null, null]);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F4')).toBe('Élève 0 Dupont-Moreau');
  });

  it('retries a request Excel finds too large in smaller syncs, from a fresh look at the workbook', async () => {
    const excel = new FakeExcel({ maxRequestBytes: 30_000 });
    excel.addSheet('2MRC', { values: [['Nom']] });
    const gateway = createOfficeGateway({ run: excel.run, maxRequestBytes: 100_000 });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(300)]);
    expect(excel.requestBytes.filter((b) => b > 30_000).length).toBeGreaterThan(0);
    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.groups]);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F303')).toBe('Élève 299 Dupont-Moreau');
  });

  it('plans again from a fresh look when the sheets changed since the last read (stale cache)', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(5)]);
    await gateway.readSnapshot();
    // Since that read, the coordinator deleted AP Groupes: the planned rename of the old sheet fails.
    excel.sheets.splice(excel.sheets.indexOf(excel.sheet(SHEET_NAMES.groups)), 1);
    excel.syncCount = 0;
    await gateway.writeSheets([groupsSpec(6)]);
    expect(excel.syncCount).toBe(1 + 2 + 1);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F9')).toBe('Élève 5 Dupont-Moreau');
    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.groups]);
  });

  it('undoes the last generation: the replaced AP sheets come back, the created ones go', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run });
    await gateway.readSnapshot();
    await gateway.writeSheets([parametersSpec(), groupsSpec(5)]);
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(7), { name: 'AP Essai', role: 'output', cells: [[`${MARKER} essai`]] }]);
    const coordinator = JSON.stringify(excel.sheet('2MRC').describe());

    expect(await gateway.undoLastGeneration()).toEqual(['AP Essai', SHEET_NAMES.groups]);
    expect(excel.sheetNames()).toEqual(['2MRC', SHEET_NAMES.parameters, SHEET_NAMES.groups]);
    expect(excel.sheet(SHEET_NAMES.groups).visibility).toBe('Visible');
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F8')).toBe('Élève 4 Dupont-Moreau');
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F9')).toBe('');
    expect(JSON.stringify(excel.sheet('2MRC').describe())).toBe(coordinator);
    await expect(gateway.undoLastGeneration()).rejects.toThrow(/pas de génération à annuler/);
  });
});

describe('Office gateway: print setup', () => {
  it('sets A4, one page wide and a manual break above each page-starting row, in the same sync', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    excel.syncCount = 0;
    const spec = { ...groupsSpec(30), print: { paper: 'A4' as const, fitToWidth: true, pageBreaksBefore: [0, 12, 25] } };
    await gateway.writeSheets([spec]);
    expect(excel.syncCount).toBe(1);
    const sheet = excel.sheet(SHEET_NAMES.groups);
    expect(sheet.paperSize).toBe('A4');
    expect(sheet.zoom).toEqual({ horizontalFitToPages: 1, verticalFitToPages: 0 });
    // Row 0 already starts the first page: no break there.
    expect(sheet.pageBreaksBefore).toEqual([12, 25]);
  });

  it('repeats the header rows on every page and puts the sheet name, date and page number in the footer, in the same sync', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    excel.syncCount = 0;
    const spec = { ...groupsSpec(60), print: { landscape: true, fitToWidth: true, repeatRows: { first: 1, last: 2 }, footer: true } };
    await gateway.writeSheets([spec]);
    expect(excel.syncCount).toBe(1);
    const sheet = excel.sheet(SHEET_NAMES.groups);
    expect(sheet.orientation).toBe('Landscape');
    expect(sheet.printTitleRows).toEqual({ first: 1, last: 2 });
    expect(sheet.footer).toEqual({ left: '', center: PRINT_FOOTER, right: '' });
    expect(PRINT_FOOTER).toMatch(/&A.*&D.*&P.*&N/);
  });

  it('fake Excel: page setup is queued until sync, and reading it without a load fails like Excel', async () => {
    const excel = coordinatorWorkbook();
    await excel.run(async (context) => {
      const layout = context.workbook.worksheets.getItem('2MRC').pageLayout;
      layout.setPrintTitleRows('$3:$4');
      layout.headersFooters.defaultForAllPages.centerFooter = PRINT_FOOTER;
      expect([excel.sheet('2MRC').printTitleRows, excel.sheet('2MRC').footer.center]).toEqual([null, '']);
      expect(() => layout.headersFooters.defaultForAllPages.centerFooter).toThrow(/PropertyNotLoaded|not available/);
      expect(() => layout.orientation).toThrow(/not available/);
      await context.sync();
    });
    expect([excel.sheet('2MRC').printTitleRows, excel.sheet('2MRC').footer.center]).toEqual([{ first: 2, last: 3 }, PRINT_FOOTER]);
    await expect(excel.run(async (context) => {
      context.workbook.worksheets.getItem('2MRC').pageLayout.setPrintTitleRows('A1:B2');
      await context.sync();
    })).rejects.toMatchObject({ code: 'InvalidArgument' });
  });

  it('leaves the page setup alone for a sheet without print settings', async () => {
    const excel = coordinatorWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(5)]);
    const sheet = excel.sheet(SHEET_NAMES.groups);
    expect([sheet.paperSize, sheet.zoom, sheet.pageBreaksBefore, sheet.printTitleRows, sheet.footer.center]).toEqual(['Letter', {}, [], null, '']);
  });
});
