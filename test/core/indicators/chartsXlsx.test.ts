/**
 * The `AP Indicateurs` sheet written to .xlsx with native charts (the direct sheet writer), checked
 * by reading the package, by ExcelJS, and by LibreOffice (the chart must survive a conversion).
 */
import { execFileSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import JSZip from 'jszip';
import { afterAll, describe, expect, it } from 'vitest';
import { computeIndicators, renderIndicatorsSheet } from '../../../src/core/indicators';
import { readXlsx, writeXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { buildSchool } from './fixtures';

const dir = mkdtempSync(join(tmpdir(), 'pilote-ap-charts-'));
afterAll(() => rmSync(dir, { recursive: true, force: true }));

async function entries(bytes: Uint8Array): Promise<Map<string, string>> {
  const zip = await JSZip.loadAsync(bytes);
  const map = new Map<string, string>();
  for (const name of Object.keys(zip.files)) if (!zip.files[name].dir) map.set(name, await zip.files[name].async('string'));
  return map;
}

describe('native charts in the .xlsx', async () => {
  const { input, settings } = buildSchool();
  const spec = renderIndicatorsSheet(computeIndicators(input), settings);
  const other = { name: "Classe d'Anne & Co", role: 'output' as const, cells: [['Pilote AP · autre'], ['Niveau', 'Heures'], ['2nde', 3], ['1re', 4]] };
  const bytes = await writeXlsx([other, spec]);
  const files = await entries(bytes);

  it('adds one chart part per chart, a drawing, its relationships and content types', () => {
    const charts = [...files.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n));
    expect(charts).toHaveLength(spec.charts!.length);
    const types = files.get('[Content_Types].xml')!;
    for (const chart of charts) expect(types).toContain(`PartName="/${chart}" ContentType="application/vnd.openxmlformats-officedocument.drawingml.chart+xml"`);
    expect(types).toContain('application/vnd.openxmlformats-officedocument.drawing+xml');
    const sheet = files.get('xl/worksheets/sheet2.xml')!;
    const drawingId = /<drawing r:id="(rId\d+)"\/>/.exec(sheet)?.[1];
    expect(drawingId).toBeDefined();
    expect(sheet.indexOf('<drawing')).toBeLessThan(sheet.indexOf('</worksheet>'));
    expect(files.get('xl/worksheets/_rels/sheet2.xml.rels')).toContain(`Id="${drawingId}"`);
    expect(files.get('xl/drawings/_rels/drawing1.xml.rels')!.match(/relationships\/chart"/g)).toHaveLength(charts.length);
    expect(files.has('xl/worksheets/_rels/sheet1.xml.rels') && files.get('xl/worksheets/_rels/sheet1.xml.rels')!.includes('drawing')).toBe(false);
  });

  it('points each series at the sheet cells, with cached labels and values', () => {
    const first = files.get('xl/charts/chart1.xml')!;
    const chart = spec.charts![0];
    expect(first).toContain(`<c:barDir val="${chart.type === 'bar' ? 'bar' : 'col'}"/>`);
    expect(first).toContain(`<a:t>${chart.title}</a:t>`);
    expect(first).toContain(`<c:f>'AP Indicateurs'!$A$${chart.data.row + 2}:$A$${chart.data.row + chart.data.rowCount}</c:f>`);
    const header = spec.cells[chart.data.row];
    expect(first).toContain(`<c:v>${header[1]}</c:v>`);
    expect(first).toContain(`<c:v>${spec.cells[chart.data.row + 1][0]}</c:v>`);
    expect(first.match(/<c:ser>/g)).toHaveLength(chart.data.colCount - 1);
    const coverage = [...files.entries()].find(([n, x]) => n.startsWith('xl/charts/') && x.includes("Couverture sur l'année"))![1];
    expect(coverage).toContain('<c:numFmt formatCode="0%" sourceLinked="0"/>');
  });

  it('opens in ExcelJS and in the gateway, and survives a rewrite of the workbook', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
    expect(workbook.getWorksheet('AP Indicateurs')!.getCell('A1').value).toBe(spec.cells[0][0]);
    const snapshot = await readXlsx(bytes);
    expect(snapshot.grids.map((g) => g.sheet)).toEqual([other.name, 'AP Indicateurs']);
    // Next generation: the workbook with charts is the base, the indicators sheet is replaced.
    const again = await entries(await writeXlsx([spec], bytes));
    expect([...again.keys()].filter((n) => /^xl\/charts\/chart\d+\.xml$/.test(n))).toHaveLength(spec.charts!.length);
  });

  it('survives a LibreOffice conversion with its charts', () => {
    const source = join(dir, 'indicateurs.xlsx');
    writeFileSync(source, bytes);
    execFileSync('soffice', [`-env:UserInstallation=file://${join(dir, 'profile')}`, '--headless', '--convert-to', 'xlsx:Calc MS Excel 2007 XML', '--outdir', join(dir, 'out'), source], {
      timeout: 120_000,
      stdio: 'ignore',
    });
    return entries(new Uint8Array(readFileSync(join(dir, 'out', 'indicateurs.xlsx')))).then((converted) => {
      const charts = [...converted.entries()].filter(([n]) => /^xl\/charts\/chart\d+\.xml$/.test(n));
      expect(charts).toHaveLength(spec.charts!.length);
      // Still a live chart over the sheet's cells (LibreOffice escapes the quotes around the sheet name).
      expect(charts.some(([, x]) => x.includes('Élèves par besoin fort') && /(&apos;|')AP Indicateurs(&apos;|')!\$A\$\d+:\$A\$\d+/.test(x))).toBe(true);
    });
  });

  it('draws no chart over data without a header row and a value, and leaves the sheet without a drawing', async () => {
    const tooSmall = spec.charts!.map((chart) => ({ ...chart, data: { ...chart.data, rowCount: 1 } }));
    const result = await entries(await writeXlsx([{ ...other, charts: tooSmall }]));
    expect([...result.keys()].some((n) => n.startsWith('xl/charts/') || n.startsWith('xl/drawings/'))).toBe(false);
    expect(result.get('xl/worksheets/sheet1.xml')).not.toContain('<drawing');
  });
});
