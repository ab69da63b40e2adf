import { describe, expect, it } from 'vitest';
import { FakeExcel, typedInput } from '../../fakes/fakeExcel';

describe('strict fake of the Excel API', () => {
  it('throws PropertyNotLoaded for a property never loaded, and for one loaded but not yet synced', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Feuil1', { values: [['a']] });
    await excel.run(async (context) => {
      const range = context.workbook.worksheets.getItem('Feuil1').getRange('A1');
      expect(() => range.values).toThrow(/not available/);
      range.load('values');
      expect(() => range.values).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
      await context.sync();
      expect(range.values).toEqual([['a']]);
      expect(() => range.address).toThrow(expect.objectContaining({ code: 'PropertyNotLoaded' }));
    });
  });

  it('queues writes until sync and counts syncs', async () => {
    const excel = new FakeExcel();
    const sheet = excel.addSheet('Feuil1');
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange('B2').values = [['x']];
      expect(sheet.valueAt('B2')).toBe('');
      await context.sync();
      expect(sheet.valueAt('B2')).toBe('x');
    });
    expect(excel.syncCount).toBe(1);
  });

  it('parses written strings like typed input, as Excel does', () => {
    expect(typedInput('=A1+1')).toEqual({ value: '', formula: '=A1+1' });
    expect(typedInput('-3')).toEqual({ value: -3 });
    expect(typedInput("'=A1")).toEqual({ value: '=A1', textPrefix: true });
    expect(typedInput('VRAI')).toEqual({ value: true });
    expect(typedInput('2MRC')).toEqual({ value: '2MRC' });
  });

  it('refuses a request over the cap like Excel on the web', async () => {
    const excel = new FakeExcel({ maxRequestBytes: 1_000 });
    excel.addSheet('Feuil1');
    const attempt = excel.run(async (context) => {
      context.workbook.worksheets.getItem('Feuil1').getRange('A1:A100').values = Array.from({ length: 100 }, () => ['une valeur assez longue']);
      await context.sync();
    });
    await expect(attempt).rejects.toMatchObject({ code: 'RequestPayloadSizeLimitExceeded' });
    expect(excel.sheet('Feuil1').valueAt('A1')).toBe('');
  });

  it('rejects objects used after their Excel.run ended', async () => {
    const excel = new FakeExcel();
    excel.addSheet('Feuil1');
    let kept: Excel.Worksheet | undefined;
    await excel.run(async (context) => {
      kept = context.workbook.worksheets.getItem('Feuil1');
      await context.sync();
    });
    expect(() => kept!.activate()).toThrow(/after its Excel.run ended/);
  });
});
