import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';
import { FINGERPRINT_KEY, specFingerprint } from '../../../src/gateways/office/fingerprint';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { FakeExcel } from '../../fakes/fakeExcel';
import { groupsSpec, parametersSpec } from './specs';

function workbook(): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('2MRC', { values: [['Nom', 'Prénom', 'Lire'], ['Durand', 'Léa', 'A']] });
  return excel;
}

function followUpSpec(typed: string): SheetSpec {
  return { name: SHEET_NAMES.followUp, role: 'output', cells: [[`${MARKER} suivi`], ['Identifiant', 'Bilan'], ['nom:2MRC|durand léa', typed]] };
}

describe('Office gateway: unchanged AP sheets are not written again', () => {
  it('marks each written sheet with its fingerprint, and a regeneration sends only the sheets whose content changed', async () => {
    const excel = workbook();
    const gateway = createOfficeGateway({ run: excel.run, fingerprints: true });
    await gateway.readSnapshot();
    await gateway.writeSheets([parametersSpec(), groupsSpec(30), followUpSpec('')]);
    expect(excel.sheet(SHEET_NAMES.groups).customProperties.get(FINGERPRINT_KEY.toLowerCase())).toBe(specFingerprint(groupsSpec(30)));

    // The teams type a bilan: read back, it makes a new AP Suivi spec; AP Groupes is the same.
    excel.sheet(SHEET_NAMES.followUp).ensure(2, 1).value = 'atteint';
    await gateway.readSnapshot();
    const groupsBefore = excel.sheet(SHEET_NAMES.groups);
    const bytesBefore = excel.requestBytes.length;
    await gateway.writeSheets([parametersSpec(), groupsSpec(30), followUpSpec('atteint')]);
    expect(excel.sheet(SHEET_NAMES.groups)).toBe(groupsBefore);
    expect(excel.sheetNames()).not.toContain(`${SHEET_NAMES.groups} (préc.)`);
    expect(excel.sheetNames()).toContain(`${SHEET_NAMES.followUp} (préc.)`);
    expect(excel.sheet(SHEET_NAMES.followUp).valueAt('B3')).toBe('atteint');
    const written = excel.requestBytes.slice(bytesBefore);
    expect(written).toHaveLength(1);
    expect(written[0]).toBeLessThan(5_000);

    // Nothing changed: no write at all, and the last generation can still be undone.
    await gateway.readSnapshot();
    excel.syncCount = 0;
    await gateway.writeSheets([parametersSpec(), groupsSpec(30), followUpSpec('atteint')]);
    expect(excel.syncCount).toBe(0);
    const suiviWritten = excel.sheet(SHEET_NAMES.followUp);
    expect(await gateway.undoLastGeneration()).toEqual([SHEET_NAMES.followUp]);
    expect(excel.sheet(SHEET_NAMES.followUp)).not.toBe(suiviWritten);
    expect(excel.sheetNames()).not.toContain(`${SHEET_NAMES.followUp} (préc.)`);
  });

  it('rewrites every AP sheet where Excel has no worksheet custom properties (before ExcelApi 1.12)', async () => {
    const excel = workbook();
    const gateway = createOfficeGateway({ run: excel.run, fingerprints: false });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(30)]);
    const first = excel.sheet(SHEET_NAMES.groups);
    expect(first.customProperties.size).toBe(0);
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(30)]);
    // Written again, in place (the same sheet), the previous content kept as the backup.
    expect(excel.sheet(SHEET_NAMES.groups)).toBe(first);
    expect(excel.findSheet(`${SHEET_NAMES.groups} (préc.)`)?.visibility).toBe('Hidden');
  });

  it('rewrites a sheet whose fingerprint was changed or removed by hand', async () => {
    const excel = workbook();
    const gateway = createOfficeGateway({ run: excel.run, fingerprints: true });
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(30)]);
    const first = excel.sheet(SHEET_NAMES.groups);
    first.customProperties.clear();
    await gateway.readSnapshot();
    await gateway.writeSheets([groupsSpec(30)]);
    expect(excel.findSheet(`${SHEET_NAMES.groups} (préc.)`)?.visibility).toBe('Hidden');
    expect(excel.sheet(SHEET_NAMES.groups).valueAt('F4')).toBe('Élève 0 Dupont-Moreau');
  });

  it('writes again a sheet never read back when a value was typed beside what was written, keeps it when nothing moved', async () => {
    const excel = workbook();
    const gateway = createOfficeGateway({ run: excel.run, fingerprints: true });
    const fiches: SheetSpec = { name: SHEET_NAMES.contracts, role: 'output', cells: [[`${MARKER} fiches`], ['Atelier', 'Remédiation'], ['Signatures', '']] };
    await gateway.readSnapshot();
    await gateway.writeSheets([fiches]);
    await gateway.readSnapshot();
    await gateway.writeSheets([fiches]);
    expect(excel.findSheet(`${SHEET_NAMES.contracts} (préc.)`)).toBeUndefined();
    // A note typed by hand under the page: the sheet no longer is what its fingerprint says.
    excel.sheet(SHEET_NAMES.contracts).ensure(6, 0).value = 'note à la main';
    await gateway.readSnapshot();
    await gateway.writeSheets([fiches]);
    expect(excel.sheet(SHEET_NAMES.contracts).valueAt('A7')).toBe('');
    expect(excel.sheet(`${SHEET_NAMES.contracts} (préc.)`).valueAt('A7')).toBe('note à la main');
  });

  it('gives different fingerprints to specs that differ in a single cell or format', () => {
    const cell = fc.oneof(fc.string({ maxLength: 6 }), fc.integer(), fc.constant(null));
    fc.assert(
      fc.property(fc.array(fc.array(cell, { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), fc.nat(), cell, (cells, pick, replacement) => {
        const spec: SheetSpec = { name: SHEET_NAMES.groups, role: 'output', cells };
        const row = pick % cells.length;
        const col = pick % cells[row].length;
        fc.pre(JSON.stringify(cells[row][col]) !== JSON.stringify(replacement));
        const changed = cells.map((line) => [...line]);
        changed[row][col] = replacement;
        expect(specFingerprint({ ...spec, cells: changed })).not.toBe(specFingerprint(spec));
        expect(specFingerprint({ ...spec, tabColor: '#000000' })).not.toBe(specFingerprint(spec));
        expect(specFingerprint(structuredClone(spec))).toBe(specFingerprint(spec));
      }),
    );
  });
});
