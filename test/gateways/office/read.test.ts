import { describe, expect, it } from 'vitest';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { MARKER } from '../../../src/core/workbook';
import { FakeExcel } from '../../fakes/fakeExcel';

/** A coordinator's workbook: a class sheet starting at B2 with fills, a formula row, hidden row/column, merges. */
function schoolWorkbook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('2MRC', {
    origin: 'B2',
    values: [
      ['Positionnement 2MRC', null, null, null],
      [null, null, 'Français', null],
      ['Nom', 'Prénom', 'Lire', 'Écrire'],
      ['Durand', 'Léa', 'A', null],
      ['Martin', 'Hugo', 'NA', 'ECA'],
      ['Moyenne', null, 0.5, 0.25],
    ],
    formulas: [[], [], [], [], [], [null, null, '=AVERAGE(D5:D6)', '=AVERAGE(E5:E6)']],
    fills: [[], [], ['#d9e1f2', '#D9E1F2'], [null, null, '#FFFFFF', '#ff0000'], [null, null, null, '#00B050']],
    hiddenRows: [5],
    hiddenColumns: [3],
    merges: ['D3:E3', 'B2:E2'],
  });
  excel.addSheet('Budget', { values: [['Poste', 'Montant'], ['Sorties', 1200]], hidden: true });
  excel.addSheet('Vide');
  excel.addSheet('AP Groupes', { values: [[`${MARKER} groupes de besoin`]] });
  return excel;
}

describe('Office gateway: reading', () => {
  it('reads every sheet into exact grids: list, outline, values, then fills of blank competency cells only', async () => {
    const excel = schoolWorkbook();
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    const snapshot = await gateway.readSnapshot();

    expect(excel.syncCount).toBe(4);
    expect(snapshot.grids.map((g) => g.sheet)).toEqual(['2MRC', 'Budget', 'Vide', 'AP Groupes']);
    const [classSheet, budget, empty, ours] = snapshot.grids;
    expect(classSheet).toEqual({
      sheet: '2MRC',
      origin: { row: 1, col: 1 },
      values: [
        ['Positionnement 2MRC', null, null, null],
        [null, null, 'Français', null],
        ['Nom', 'Prénom', 'Lire', 'Écrire'],
        ['Durand', 'Léa', 'A', null],
        ['Martin', 'Hugo', 'NA', 'ECA'],
        ['Moyenne', null, 0.5, 0.25],
      ],
      // Only Durand's blank « Écrire » needs its colour: headers and cells with a value are not asked for.
      fills: [
        [null, null, null, null],
        [null, null, null, null],
        [null, null, null, null],
        [null, null, null, '#FF0000'],
        [null, null, null, null],
        [null, null, null, null],
      ],
      formulas: [
        [false, false, false, false],
        [false, false, false, false],
        [false, false, false, false],
        [false, false, false, false],
        [false, false, false, false],
        [false, false, true, true],
      ],
      hiddenRows: [4],
      hiddenColumns: [2],
      merges: [
        { row: 1, col: 2, rowCount: 1, colCount: 2 },
        { row: 0, col: 0, rowCount: 1, colCount: 4 },
      ],
      hidden: false,
    });
    expect(budget).toMatchObject({ origin: { row: 0, col: 0 }, values: [['Poste', 'Montant'], ['Sorties', 1200]], hidden: true, merges: [] });
    expect(empty).toMatchObject({ sheet: 'Vide', values: [], hidden: false });
    expect(ours.values[0][0]).toBe(`${MARKER} groupes de besoin`);
  });

  it('leaves merges out when this Excel cannot read them (ExcelApi 1.13)', async () => {
    const excel = schoolWorkbook();
    const snapshot = await createOfficeGateway({ run: excel.run, readMergedAreas: false }).readSnapshot();
    expect(snapshot.grids[0].merges).toBeUndefined();
    expect(excel.syncCount).toBe(4);
  });

  it('asks for no fill at all when every competency cell has a value', async () => {
    const excel = new FakeExcel();
    excel.addSheet('2MRC', { values: [['Nom', 'Prénom', 'Lire', 'Écrire'], ['Durand', 'Léa', 'A', 'NA'], ['Martin', 'Hugo', 'ECA', 'A']], fills: [['#D9E1F2']] });
    const snapshot = await createOfficeGateway({ run: excel.run, readMergedAreas: true }).readSnapshot();
    expect(excel.syncCount).toBe(3);
    expect(snapshot.grids[0].fills).toBeUndefined();
  });

  it('reads again without merges when Excel refuses them (more than 512 merged areas)', async () => {
    const excel = schoolWorkbook();
    excel.mergedAreasLimit = 1;
    const snapshot = await createOfficeGateway({ run: excel.run, readMergedAreas: true }).readSnapshot();
    expect(snapshot.grids[0].values[2]).toEqual(['Nom', 'Prénom', 'Lire', 'Écrire']);
    expect(snapshot.grids[0].merges).toBeUndefined();
    expect(excel.syncCount).toBe(5);
  });

  it('reads big sheets by blocks of rows, each answer under the budget', async () => {
    const excel = new FakeExcel();
    const rows = Array.from({ length: 2_000 }, (_, i) => [`Élève ${i}`, 'A', 'NA', 'ECA']);
    excel.addSheet('2A', { values: rows });
    excel.addSheet('2B', { values: rows });
    const snapshot = await createOfficeGateway({ run: excel.run, readMergedAreas: true, maxRequestBytes: 100_000 }).readSnapshot();
    expect(snapshot.grids.map((g) => g.values.length)).toEqual([2_000, 2_000]);
    expect(snapshot.grids[1].values[1_999]).toEqual(['Élève 1999', 'A', 'NA', 'ECA']);
    expect(excel.syncCount).toBeGreaterThan(4);
    expect(Math.max(...excel.responseBytes)).toBeLessThan(100_000);
  });

  it('halves the blocks and reads again when Excel finds an answer too big (long texts)', async () => {
    const excel = new FakeExcel({ maxResponseBytes: 100_000 });
    const rows = Array.from({ length: 300 }, (_, i) => [`Élève ${i}`, 'x'.repeat(200), 'y'.repeat(200), 'A']);
    excel.addSheet('2A', { values: rows });
    const snapshot = await createOfficeGateway({ run: excel.run, readMergedAreas: true }).readSnapshot();
    expect(snapshot.grids[0].values[299]).toEqual(['Élève 299', 'x'.repeat(200), 'y'.repeat(200), 'A']);
    expect(snapshot.grids[0].values).toHaveLength(300);
    expect(excel.syncCount).toBeGreaterThan(4);
  });

  it('rejects with a French message when even one row is too big', async () => {
    const excel = new FakeExcel({ maxResponseBytes: 1_000 });
    excel.addSheet('2A', { values: [['Nom', 'z'.repeat(2_000)]] });
    await expect(createOfficeGateway({ run: excel.run, readMergedAreas: false }).readSnapshot()).rejects.toThrow(/trop volumineux.*Excel sur ordinateur/);
  });

  it('says what to do when a range passes 5 million cells, or the workbook lost the focus', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('2A', { values: [['Nom']] });
    sheet.ensure(1_000_000, 10).value = 'x';
    await expect(createOfficeGateway({ run: excel.run, maxRequestBytes: 1e12 }).readSnapshot()).rejects.toThrow(/5 millions de cellules.*Supprimez les lignes/);
    const other = new FakeExcel();
    other.addSheet('2A', { values: [['Nom']] });
    other.inactive = true;
    await expect(createOfficeGateway({ run: other.run }).readSnapshot()).rejects.toThrow(/n’est plus au premier plan.*Cliquez dans ce classeur/);
  });
});
