import { describe, expect, it } from 'vitest';
import { describeExcelError, ExcelOperationError, SyncTimeoutError } from '../../../src/gateways/office/errors';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { missingRequirements } from '../../../src/gateways/office/requirements';
import { FakeExcel, FakeOfficeError } from '../../fakes/fakeExcel';
import { groupsSpec } from './specs';

describe('Excel errors in French', () => {
  it.each([
    ['AccessDenied', /protégé.*Ôtez la protection/],
    ['RequestPayloadSizeLimitExceeded', /5 Mo.*Excel sur ordinateur/],
    ['ResponsePayloadSizeLimitExceeded', /trop volumineux/],
    ['InvalidArgument', /argument non valide/],
    ['ItemAlreadyExists', /porte déjà le nom.*Renommez/],
    ['GeneralException', /erreur interne.*rouvrez-le/],
    ['InvalidOperationInCellEditMode', /Entrée ou Échap/],
    ['RangeExceedsLimit', /5 millions de cellules.*Supprimez les lignes et colonnes vides/],
    ['InactiveWorkbook', /premier plan.*Cliquez dans ce classeur/],
    ['MergedRangeConflict', /fusionnées.*Annulez les fusions/],
    ['InvalidOperation', /refusé une opération.*Fermez les filtres/],
    ['InvalidOrTimedOutSession', /session.*expiré.*rechargez la page/],
    ['UndoNotSupported', /Annuler la dernière génération/],
  ])('explains %s with what to do', (code, expected) => {
    expect(describeExcelError(new FakeOfficeError(code, 'raw English message'))).toMatch(expected);
  });

  it('names the failing call for support and keeps unknown errors readable', () => {
    const error = new FakeOfficeError('AccessDenied', 'x', 'Worksheet.delete');
    expect(describeExcelError(error)).toContain('(détail : AccessDenied, Worksheet.delete)');
    expect(describeExcelError(new Error('boom'))).toMatch(/^Erreur inattendue d’Excel : boom\. Relancez/);
    expect(describeExcelError(new ExcelOperationError('Déjà en français.'))).toBe('Déjà en français.');
  });

  it('times out a sync that never answers, with a French message', async () => {
    const excel = new FakeExcel();
    excel.addSheet('2MRC', { values: [['Nom']] });
    excel.hangAtSync = 2;
    const gateway = createOfficeGateway({ run: excel.run, syncTimeoutMs: 20 });
    const failure = await gateway.readSnapshot().then(() => null, (error: unknown) => error);
    expect(failure).toBeInstanceOf(ExcelOperationError);
    expect((failure as Error).message).toMatch(/Excel ne répond plus.*relancez/);
    expect((failure as ExcelOperationError).cause).toBeInstanceOf(SyncTimeoutError);
  });

  it('maps a failing write (general exception) to an ExcelOperationError', async () => {
    const excel = new FakeExcel();
    excel.addSheet('2MRC', { values: [['Nom']] });
    const gateway = createOfficeGateway({ run: excel.run });
    await gateway.readSnapshot();
    excel.failAtSync = { at: excel.syncCount + 1, code: 'GeneralException' };
    await expect(gateway.writeSheets([groupsSpec(2)])).rejects.toThrow(/erreur interne/);
  });
});

describe('requirement sets', () => {
  it('says nothing is missing on a recent Excel', () => {
    expect(missingRequirements(() => true)).toEqual([]);
  });

  it('says plainly what an older Excel lacks and which version is needed', () => {
    const excel2019 = (name: string, version: string) => name === 'ExcelApi' && Number(version.split('.')[1]) <= 8;
    const missing = missingRequirements(excel2019);
    expect(missing.map((m) => [m.requirement, m.blocking])).toEqual([
      ['ExcelApi 1.9', true],
      ['ExcelApi 1.13', false],
      ['DialogApi 1.1', false],
    ]);
    expect(missing[0].message).toMatch(/trop ancienne.*Microsoft 365.*Excel 2021.*Excel sur le web/);
    expect(missing[1].message).toMatch(/cellules fusionnées.*Le reste fonctionne/);
  });

  it('only degrades merged cells on Excel 2021 builds without ExcelApi 1.13', () => {
    const missing = missingRequirements((name, version) => !(name === 'ExcelApi' && version === '1.13'));
    expect(missing).toHaveLength(1);
    expect(missing[0]).toMatchObject({ requirement: 'ExcelApi 1.13', blocking: false });
  });
});
