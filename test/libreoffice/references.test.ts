/**
 * The file path keeps what points at AP sheets working: a coordinator's formula `='AP Groupes'!F5` and
 * a defined name on AP Groupes give the new values after three 2,000-pupil generations written into
 * the same file (LibreOffice recalculates, the cached values are not trusted), and the AP tables keep
 * the names the engine gave them.
 */
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { buildLargeSchool } from '../../src/core/example';
import { generate } from '../../src/core/pipeline';
import { gridToSpec } from '../../src/core/render/specToGrid';
import type { SheetSpec } from '../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../src/core/workbook';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { loadWorkbook, readCells, recalculate } from './recalc';

const today = '2026-09-21';
const DASHBOARD = 'Tableau de bord';

/** The coordinator's dashboard: a formula on AP Groupes, and one on a defined name pointing there. */
const dashboard: SheetSpec = {
  name: DASHBOARD,
  role: 'parameters',
  cells: [[{ formula: "='AP Groupes'!F5", value: 0 }], [{ formula: '=PremierEleve', value: 0 }]],
};

async function withDefinedName(bytes: Uint8Array): Promise<Uint8Array> {
  const zip = await JSZip.loadAsync(bytes);
  const xml = await zip.file('xl/workbook.xml')!.async('string');
  const name = `<definedName name="PremierEleve">'AP Groupes'!$F$5</definedName>`;
  const edited = /<definedNames>/.test(xml) ? xml.replace('<definedNames>', `<definedNames>${name}`) : xml.replace('</sheets>', `</sheets><definedNames>${name}</definedNames>`);
  zip.file('xl/workbook.xml', edited);
  return new Uint8Array(await zip.generateAsync({ type: 'uint8array' }));
}

describe('references to AP sheets in the file path', () => {
  it('a formula and a defined name on AP Groupes give the right values after three generations into the same file', async () => {
    const school = buildLargeSchool(2_000);
    let file = await withDefinedName(await writeXlsx([...school.grids.map(gridToSpec), dashboard]));
    let groups: SheetSpec | undefined;
    for (let generation = 1; generation <= 3; generation++) {
      const result = await generate(await readXlsx(file), { today });
      groups = result.sheets.find((s) => s.name === SHEET_NAMES.groups)!;
      file = await writeXlsx(result.sheets, file);
      for (const spec of result.sheets.filter((s) => s.tables?.length)) {
        const zip = await JSZip.loadAsync(file);
        const tables = await Promise.all(Object.keys(zip.files).filter((n) => /^xl\/tables\/[^/]+\.xml$/.test(n)).map((n) => zip.file(n)!.async('string')));
        for (const table of spec.tables!) expect(tables.some((xml) => xml.includes(`name="${table.name}"`)), `${table.name} ${generation}`).toBe(true);
      }
    }
    const expected = groups!.cells[4][5];
    expect(typeof expected).toBe('string');
    const { file: recalculated } = await recalculate({ file });
    const cells = readCells(await loadWorkbook(recalculated), DASHBOARD);
    expect(cells.find((c) => c.address === 'A1')).toMatchObject({ formula: "'AP Groupes'!F5", value: expected });
    expect(cells.find((c) => c.address === 'A2')?.value).toBe(expected);
  }, 300_000);
});
