import { describe, expect, it } from 'vitest';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { classSheets, seedFakeExcel } from './seed';
import { groupsSpec, parametersSpec } from './specs';

describe('Office gateway: round trips of a whole generation', () => {
  it('reads 2,000 rows and writes their groups in 5 syncs, leaving the coordinator’s sheets identical', async () => {
    const excel = seedFakeExcel(classSheets(80, 25));
    const coordinatorSheets = excel.sheetNames();
    const before = JSON.stringify(excel.sheets.map((s) => s.describe()));
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });

    const snapshot = await gateway.readSnapshot();
    expect(snapshot.grids).toHaveLength(80);
    expect(snapshot.grids.reduce((sum, g) => sum + g.values.length - 3, 0)).toBe(2_000);
    await gateway.writeSheets([parametersSpec(), groupsSpec(2_000)], { activate: SHEET_NAMES.groups });

    // List, outlines, values, fills, write. The reader takes codes like « NOM0-0 » for pupils, and
    // their blank competency cells carry colours: their fills can only be asked once the values are
    // known, so they cost a sync of their own (whose answer stays far under the cap).
    expect(excel.syncCount).toBe(5);
    expect(Math.max(...excel.responseBytes)).toBeLessThan(4_000_000);
    expect(Math.max(...excel.requestBytes)).toBeLessThan(5_000_000);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F2003')).toBe('Élève 1999 Dupont-Moreau');
    expect(excel.activeSheet).toBe(SHEET_NAMES.groups);
    const after = JSON.stringify(excel.sheets.filter((s) => coordinatorSheets.includes(s.name)).map((s) => s.describe()));
    expect(after).toBe(before);
    expect(excel.sheetNames().slice(0, 80)).toEqual(coordinatorSheets);
  });

  it('regenerates (output replaced, parameters kept) in 4 syncs', async () => {
    const excel = seedFakeExcel(classSheets(80, 25));
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.readSnapshot();
    await gateway.writeSheets([parametersSpec(), groupsSpec(2_000)]);
    const parametersBefore = excel.sheet(SHEET_NAMES.parameters).describe();
    excel.syncCount = 0;

    await gateway.readSnapshot();
    await gateway.writeSheets([parametersSpec(99), groupsSpec(1_990)]);
    // List and outlines in one sync (the workbook holds the sheets the last write left), values,
    // fills of the blank competency cells, write.
    expect(excel.syncCount).toBe(4);
    expect(excel.sheet(SHEET_NAMES.parameters).describe()).toEqual(parametersBefore);
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F1993')).toBe('Élève 1989 Dupont-Moreau');
    // Rows of the previous, longer generation are gone: the sheet was replaced, not overwritten.
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F2003')).toBe('');
    expect(excel.sheet(SHEET_NAMES.groups).tables[0].range.rowCount).toBe(1_991);
  });
});
