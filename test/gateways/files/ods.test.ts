import { execFile } from 'node:child_process';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../../src/core/diagnostics';
import { openWorkbookFile } from '../../../src/gateways/files/open';
import { odsDateToSerial, odsDurationToDays } from '../../../src/gateways/files/ods';
import { readXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { buildFlatOds, buildOds, empty, float, text } from './odsBuilder';

async function openOds(bytes: Uint8Array) {
  const opened = await openWorkbookFile(bytes, 'classeur.ods');
  expect(opened.kind).toBe('ods');
  return opened.snapshot.grids;
}

describe('.ods reader', () => {
  it('reads every kind of value, as Excel serial numbers for dates and times', async () => {
    const row = [
      text('Dupont'),
      float(12.5),
      '<table:table-cell office:value-type="percentage" office:value="0.75"><text:p>75 %</text:p></table:table-cell>',
      '<table:table-cell office:value-type="currency" office:currency="EUR" office:value="180"><text:p>180 €</text:p></table:table-cell>',
      '<table:table-cell office:value-type="date" office:date-value="2026-09-07"><text:p>07/09/26</text:p></table:table-cell>',
      '<table:table-cell office:value-type="date" office:date-value="2026-09-07T12:00:00"><text:p>x</text:p></table:table-cell>',
      '<table:table-cell office:value-type="time" office:time-value="PT06H00M00S"><text:p>06:00</text:p></table:table-cell>',
      '<table:table-cell office:value-type="boolean" office:boolean-value="true"><text:p>VRAI</text:p></table:table-cell>',
      '<table:table-cell table:formula="of:=[.B1]*2" office:value-type="float" office:value="25"><text:p>25</text:p></table:table-cell>',
      '<table:table-cell office:value-type="string"><text:p>Léa<text:s text:c="2"/>et<text:tab/>Zoé</text:p><text:p>2<text:span>e</text:span> ligne</text:p><office:annotation><dc:creator>Prof</dc:creator><text:p>commentaire</text:p></office:annotation></table:table-cell>',
    ].join('');
    const [grid] = await openOds(await buildOds(`<table:table table:name="Valeurs"><table:table-row>${row}</table:table-row></table:table>`));
    expect(grid.values).toEqual([['Dupont', 12.5, 0.75, 180, 46272, 46272.5, 0.25, true, 25, 'Léa  et\tZoé\n2e ligne']]);
    expect(grid.formulas?.[0][8]).toBe(true);
    expect(grid.formulas?.[0][1]).toBe(false);
    expect(odsDateToSerial('1900-03-01')).toBe(61);
    expect(odsDurationToDays('PT36H')).toBe(1.5);
  });

  it('expands repeated cells and rows that hold values, and never the trailing empty million rows', async () => {
    const tables =
      '<table:table table:name="Repeats"><table:table-column table:number-columns-repeated="16384"/>' +
      `<table:table-row table:number-rows-repeated="2">${empty(2)}${text('A', 'table:number-columns-repeated="3"')}${empty(16379)}</table:table-row>` +
      `<table:table-row>${float(1)}${empty(16383)}</table:table-row>` +
      `<table:table-row table:number-rows-repeated="1048573">${empty(16384)}</table:table-row></table:table>`;
    const start = performance.now();
    const [grid] = await openOds(await buildOds(tables));
    expect(performance.now() - start).toBeLessThan(2000);
    expect(grid.origin).toEqual({ row: 0, col: 0 });
    expect(grid.values).toEqual([
      [null, null, 'A', 'A', 'A'],
      [null, null, 'A', 'A', 'A'],
      [1, null, null, null, null],
    ]);
  });

  it('reads merged cells, hidden rows and columns, fills from automatic and named styles, sheet order and hidden sheets', async () => {
    const automaticStyles =
      '<style:style style:name="ta1" style:family="table"><style:table-properties table:display="true"/></style:style>' +
      '<style:style style:name="ta2" style:family="table"><style:table-properties table:display="false"/></style:style>' +
      '<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#00b050"/></style:style>' +
      '<style:style style:name="ce2" style:family="table-cell" style:parent-style-name="Rouge"/>' +
      '<style:style style:name="ce3" style:family="table-cell"><style:table-cell-properties fo:background-color="transparent"/></style:style>' +
      '<style:style style:name="ce4" style:family="table-cell"><style:table-cell-properties fo:background-color="#ffffff"/></style:style>';
    const namedStyles = '<style:style style:name="Rouge" style:family="table-cell"><style:table-cell-properties fo:background-color="#FF0000"/></style:style>';
    const tables =
      '<table:table table:name="Zèbre" table:style-name="ta1">' +
      '<table:table-column/><table:table-column table:visibility="collapse"/><table:table-column table:number-columns-repeated="1000"/>' +
      `<table:table-row><table:table-cell table:number-columns-spanned="3" office:value-type="string"><text:p>Français</text:p></table:table-cell><table:covered-table-cell table:number-columns-repeated="2"/></table:table-row>` +
      `<table:table-row>${text('Nom')}${text('C1')}${text('C2')}</table:table-row>` +
      `<table:table-row table:visibility="collapse">${text('Caché')}${empty()}${empty()}</table:table-row>` +
      `<table:table-row>${text('Léa')}<table:table-cell table:style-name="ce1"/><table:table-cell table:style-name="ce2"/><table:table-cell table:style-name="ce3"/><table:table-cell table:style-name="ce4"/></table:table-row>` +
      '</table:table>' +
      `<table:table table:name="Ancienne" table:style-name="ta2"><table:table-row>${text('x')}</table:table-row></table:table>` +
      `<table:table table:name="Abc"><table:table-row>${text('y')}</table:table-row></table:table>`;
    const grids = await openOds(await buildOds(tables, { automaticStyles, namedStyles }));
    expect(grids.map((g) => [g.sheet, g.hidden])).toEqual([['Zèbre', false], ['Ancienne', true], ['Abc', false]]);
    const [grid] = grids;
    expect(grid.merges).toEqual([{ row: 0, col: 0, rowCount: 1, colCount: 3 }]);
    expect(grid.values[0]).toEqual(['Français', null, null]);
    expect(grid.hiddenRows).toEqual([2]);
    expect(grid.hiddenColumns).toEqual([1]);
    expect(grid.fills?.[3]).toEqual([null, '#00B050', '#FF0000']);
  });

  it('does not stretch a sheet to a whole coloured column, but refuses content beyond a school workbook', async () => {
    const automaticStyles = '<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#FFFF00"/></style:style>';
    const coloured =
      `<table:table table:name="Couleur"><table:table-row>${text('Nom')}${text('C1')}</table:table-row>` +
      `<table:table-row table:number-rows-repeated="1048575">${empty()}<table:table-cell table:style-name="ce1"/></table:table-row></table:table>`;
    const [grid] = await openOds(await buildOds(coloured, { automaticStyles }));
    expect(grid.values).toEqual([['Nom', 'C1']]);

    const far = `<table:table table:name="Loin"><table:table-row>${text('Nom')}</table:table-row><table:table-row table:number-rows-repeated="1048574">${empty()}</table:table-row><table:table-row>${empty(16383)}${text('x')}</table:table-row></table:table>`;
    const error = await openWorkbookFile(await buildOds(far), 'loin.ods').catch((e: unknown) => e);
    expect(error).toBeInstanceOf(UnusableInputError);
    expect((error as Error).message).toMatch(/« Loin » s'étend de A1 à XFD1048576/);
  });

  it('reads the flat XML form (.fods) the same way', async () => {
    const styles = '<style:style style:name="ce1" style:family="table-cell"><style:table-cell-properties fo:background-color="#92d050"/></style:style>';
    const opened = await openWorkbookFile(buildFlatOds(`<table:table table:name="Plat"><table:table-row>${text('Nom')}${text('A', 'table:style-name="ce1"')}</table:table-row></table:table>`, styles), 'plat.fods');
    expect(opened.kind).toBe('ods');
    expect(opened.snapshot.grids[0]).toMatchObject({ sheet: 'Plat', values: [['Nom', 'A']], fills: [[null, '#92D050']] });
  });

  it('explains a password-protected or broken .ods in French', async () => {
    await expect(openWorkbookFile(await buildOds('', { encrypted: true }), 'secret.ods')).rejects.toThrow(/protégé par un mot de passe/);
    await expect(openWorkbookFile(await buildOds('<table:table table:name="x"><table:table-row>'), 'coupé.ods')).rejects.toThrow(/abîmé \(content\.xml illisible\)/);
  });

  it('reads a workbook saved by LibreOffice itself like the .xlsx it came from', { timeout: 180_000 }, async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pilote-ap-ods-'));
    const source = join(dir, 'couleurs.xlsx');
    await writeFile(source, await readFile('test/fixtures/couleurs.xlsx'));
    await promisify(execFile)('soffice', ['--headless', `-env:UserInstallation=file://${dir}/profile`, '--convert-to', 'ods', '--outdir', dir, source], { timeout: 170_000 });
    const fromOds = await openOds(new Uint8Array(await readFile(join(dir, 'couleurs.ods'))));
    const fromXlsx = await readXlsx(new Uint8Array(await readFile(source)));
    expect(fromOds.map((g) => g.sheet)).toEqual(fromXlsx.grids.map((g) => g.sheet));
    for (const [i, grid] of fromXlsx.grids.entries()) {
      expect(fromOds[i].values).toEqual(grid.values);
      expect(fromOds[i].fills).toEqual(grid.fills);
      expect(fromOds[i].merges).toEqual(grid.merges);
    }
    expect(fromOds.some((g) => g.fills?.flat().some(Boolean))).toBe(true);
  });
});
