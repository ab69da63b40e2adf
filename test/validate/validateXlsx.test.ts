/**
 * The project's own offline xlsx check (scripts/validate): a workbook our writer made passes, and each
 * kind of damage Excel would repair is reported, on the part concerned. Also the manifest check.
 */
import { readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { generate } from '../../src/core/pipeline';
import { isFormula, type SheetSpec } from '../../src/core/render/sheetSpec';
import { writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { validatePackages, validateXlsx } from '../../scripts/validate/validateXlsx';
import { manifestSchemas, validateDocuments } from '../../scripts/validate/xmlSchema';

let good: Uint8Array;
/** A few of the sheets only (a table, a chart, formulas): damaged copies of it are checked in one batch. */
let small: Uint8Array;
let zip: JSZip;
const partsMatching = (pattern: RegExp) => Object.keys(zip.files).filter((name) => pattern.test(name));

beforeAll(async () => {
  const generation = await generate(buildExampleWorkbook(), { today: '2026-10-01' });
  good = await writeXlsx(generation.sheets);
  const smallest = (has: (spec: SheetSpec) => boolean) => generation.sheets.filter(has).sort((a, b) => a.cells.length - b.cells.length)[0];
  const picked = new Set([
    smallest((spec) => Boolean(spec.tables?.length)),
    smallest((spec) => Boolean(spec.charts?.length)),
    smallest((spec) => spec.cells.some((line) => line.some(isFormula))),
  ]);
  small = await writeXlsx([...picked]);
  zip = await JSZip.loadAsync(small);
}, 120_000);

/** The written workbook with one part rewritten. */
async function damaged(part: string, change: (xml: string) => string): Promise<Uint8Array> {
  const copy = await JSZip.loadAsync(small);
  const file = copy.file(part);
  expect(file, part).not.toBeNull();
  const before = await file!.async('string');
  const after = change(before);
  expect(after, `the damage to ${part} changes it`).not.toBe(before);
  copy.file(part, after);
  return copy.generateAsync({ type: 'uint8array' });
}

async function errorsOf(bytes: Uint8Array): Promise<string[]> {
  return (await validateXlsx(bytes)).errors.map((e) => `${e.part}: ${e.message}`);
}

describe('validateXlsx', () => {
  it('passes a workbook written by the project, without warning', async () => {
    expect(await validatePackages([good, small])).toEqual([
      { errors: [], warnings: [] },
      { errors: [], warnings: [] },
    ]);
  });

  it('reports each kind of damage Excel would repair, on its part', async () => {
    const table = partsMatching(/^xl\/tables\/[^/]+\.xml$/)[0];
    const sheets = partsMatching(/^xl\/worksheets\/[^/]+\.xml$/);
    const sheetWithFormula = (
      await Promise.all(sheets.map(async (s) => ((await zip.file(s)!.async('string')).includes('<f>') ? s : undefined)))
    ).find(Boolean)!;
    const cases: [string, (xml: string) => string, RegExp][] = [
      [sheets[0], (x) => x.replace('<sheetData>', '<bogus/><sheetData>'), /\[schema\].*bogus/],
      [sheets[0], (x) => x.replace('<sheetData>', '<sheetData><x14:row xmlns:x14="http://schemas.microsoft.com/office/spreadsheetml/2009/9/main"/>'), /\[schema\]/],
      [table, (x) => x.replace(/<tableColumns count="(\d+)"/, (_, n) => `<tableColumns count="${Number(n) + 1}"`), /tableColumns count/],
      [table, (x) => x.replace(/<tableColumn ([^>]*?)name="[^"]*"/, '<tableColumn $1name="Autre intitulé"'), /header cell .* differs/],
      ['xl/workbook.xml', (x) => x.replace(/(<sheet [^>]*)name="[^"]*"/, `$1name="${'N'.repeat(36)}"`), /36 characters/],
      [sheetWithFormula, (x) => x.replace('<f>', '<f>='), /leading « = »/],
      [sheetWithFormula, (x) => x.replace('<f>', '<f>(('), /unbalanced parentheses/],
      [sheets[0], (x) => x.replace('</sheetData>', '</sheetData><mergeCells count="2"><mergeCell ref="A1:B2"/><mergeCell ref="B2:C3"/></mergeCells>'), /merge B2:C3 overlaps another/],
      [sheets[0], (x) => x.replace(/<c r="([A-Z]+\d+)"( s="\d+")?/, '<c r="$1" s="9999"'), /style 9999/],
      // A text cell, shared or inline (the writer writes inline strings), made to point at a shared string that does not exist.
      [sheets[0], (x) => x.replace(/<c r="([A-Z]+\d+)"( s="\d+")? t="(?:s|inlineStr)">(?:<v>\d+<\/v>|<is>.*?<\/is>)/, '<c r="$1"$2 t="s"><v>99999</v>'), /shared string 99999/],
      ['[Content_Types].xml', (x) => x.replace(/<Override PartName="\/xl\/styles.xml"[^>]*\/>/, ''), /styles/],
    ];
    const reports = await validatePackages(await Promise.all(cases.map(([part, change]) => damaged(part, change))));
    reports.forEach((report, i) => {
      const [part, , expected] = cases[i];
      expect(report.errors.map((e) => `${e.part}: ${e.message}`).join('\n'), `${part}: ${expected}`).toMatch(expected);
    });
  }, 240_000);

  it('reports an r:id with no relationship and a part no content type covers', async () => {
    const sheet = partsMatching(/^xl\/worksheets\/[^/]+\.xml$/)[0];
    const copy = await JSZip.loadAsync(await damaged(sheet, (x) => x.replace(/<\/worksheet>$/, '<tableParts count="1"><tablePart r:id="rId999"/></tableParts></worksheet>')));
    copy.file('xl/extra.bin', new Uint8Array([1, 2, 3]));
    const errors = await errorsOf(await copy.generateAsync({ type: 'uint8array' }));
    expect(errors.join('\n')).toMatch(/r:id="rId999"> has no relationship/);
    expect(errors.join('\n')).toMatch(/xl\/extra\.bin: no content type/);
  }, 60_000);

  it('refuses what is not a zip package', async () => {
    expect(await errorsOf(new TextEncoder().encode('Nom;Prénom\nA;B\n'))).toEqual([expect.stringMatching(/not a zip package/)]);
  });
});

describe('manifest schemas', () => {
  it('accept the project manifest and refuse a misplaced element', async () => {
    const manifest = readFileSync('manifest.xml', 'utf8');
    expect(await validateDocuments(manifestSchemas(), [manifest])).toEqual([]);
    const errors = await validateDocuments(manifestSchemas(), [manifest.replace(/<Id>([^<]*)<\/Id>/, '<Idx>$1</Idx>')]);
    expect(errors.map((e) => e.message).join()).toMatch(/Idx.*not expected/);
  });
});
