import { describe, expect, it } from 'vitest';
import { buildRectoratExport, parseCsv, uaiCheckLetter } from '../../../src/core/export';
import { DATA_HEADER, EXPORT_SCHEMA_VERSION, EXPORT_SHEET } from '../../../src/core/export/schema';
import { computeIndicators } from '../../../src/core/indicators';
import { MARKER } from '../../../src/core/workbook';
import { writeXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { buildSchool } from '../indicators/fixtures';
import { personalDataIn, xlsxText } from './privacy';

describe('export for the rectorat', async () => {
  const { input, settings } = buildSchool();
  const ind = computeIndicators(input);
  const result = buildRectoratExport(ind, settings, { exportDate: '2026-11-20' });
  const [spec] = result.specs;
  const xlsx = await writeXlsx(result.specs);

  it('starts with the establishment: schema version, validated UAI, name, académie, year, date', () => {
    expect(spec.name).toBe(EXPORT_SHEET);
    expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
    const meta = Object.fromEntries(spec.cells.filter((r) => r.length === 2).map((r) => [r[0], r[1]]));
    expect(meta).toMatchObject({
      'Version du schéma': EXPORT_SCHEMA_VERSION,
      UAI: '0750655E',
      Établissement: 'Lycée professionnel Jean Moulin',
      Académie: 'Paris',
      'Année scolaire': settings.general.schoolYear,
      "Date d'export": '20/11/2026',
      'Seuil de masquage': 5,
    });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
  });

  it('then lists aggregated figures only, one per line', () => {
    const header = spec.cells.findIndex((r) => r[0] === DATA_HEADER[0]);
    const lines = spec.cells.slice(header + 1);
    expect(lines.length).toBeGreaterThan(100);
    const tables = new Set(lines.map((l) => l[0]));
    for (const id of ['pupils', 'needs', 'workshop-pupils', 'workshops', 'coverage', 'projects', 'hours', 'teachers', 'mastery', 'progress']) expect(tables).toContain(id);
    expect(lines.find((l) => l[0] === 'pupils' && l[2] === 'all' && l[4] === '2nde')?.[7]).toBe(26);
  });

  it('contains no pupil name or INE, neither in the .xlsx nor in the .csv', async () => {
    expect(personalDataIn(await xlsxText(xlsx), input.pupils)).toEqual([]);
    expect(personalDataIn(result.csv, input.pupils)).toEqual([]);
  });

  it('the personal data hunt does find a name when there is one (the scan is not blind)', async () => {
    const leaky = { ...settings, general: { ...settings.general, establishmentName: `Lycée ${input.pupils[5].lastName}` } };
    const leaked = buildRectoratExport(ind, leaky, { exportDate: '2026-11-20' });
    expect(personalDataIn(leaked.csv, input.pupils)).toContain(input.pupils[5].lastName);
    expect(personalDataIn(await xlsxText(await writeXlsx(leaked.specs)), input.pupils)).toContain(input.pupils[5].lastName);
    expect(personalDataIn(`INE ${input.pupils[7].ine};`, input.pupils)).toEqual([input.pupils[7].ine]);
  });

  it('masks small counts as « < 5 » and their complements as « masqué »', () => {
    const rows = parseCsv(result.csv);
    const cap = rows.find((r) => r[0] === 'pupils' && r[2] === 'all' && r[4] === 'CAP 1');
    expect(cap?.[7]).toBe('< 5');
    const allRow = rows.filter((r) => r[0] === 'pupils' && r[2] === 'all').map((r) => r[7]);
    expect(allRow.filter((v) => typeof v === 'string')).toHaveLength(2);
    for (const r of rows.filter((x) => x[6] === 'élèves')) {
      if (typeof r[7] === 'number') expect(r[7] === 0 || r[7] >= 5, `${r.join(';')}`).toBe(true);
    }
  });

  it('writes a CSV for French Excel: BOM, semicolons, decimal comma, no formula', () => {
    expect(result.csv.startsWith('\uFEFF')).toBe(true);
    expect(result.csv).toContain('Code indicateur;Indicateur;Code ligne');
    expect(result.csv).toMatch(/;\d+,\d+;/);
    for (const line of result.csv.slice(1).split('\r\n')) for (const field of line.split(';')) expect(field).not.toMatch(/^"?[=+\-@]/);
  });

  it('neutralises a formula typed in a parameter', () => {
    const hostile = { ...settings, general: { ...settings.general, establishmentName: '=HYPERLINK("http://evil","x")', academy: '@SUM(1)' } };
    const csv = buildRectoratExport(ind, hostile, { exportDate: '2026-11-20' }).csv;
    expect(csv).toContain(`Établissement;"'=HYPERLINK(""http://evil"",""x"")"`);
    expect(csv).toContain("Académie;'@SUM(1)");
  });

  it('refuses an invalid UAI with an error and writes nothing', () => {
    const refused = buildRectoratExport(ind, settings, { exportDate: '2026-11-20', uai: '0750655F' });
    expect(refused.specs).toEqual([]);
    expect(refused.csv).toBe('');
    expect(refused.diagnostics).toHaveLength(1);
    expect(refused.diagnostics[0]).toMatchObject({ severity: 'error' });
    expect(refused.diagnostics[0].message).toContain('lettre de contrôle');
    const missing = buildRectoratExport(ind, { ...settings, general: { ...settings.general, uai: '' } }, { exportDate: '2026-11-20' });
    expect(missing.diagnostics[0]).toMatchObject({ severity: 'error', sheet: 'AP Paramètres' });
  });

  it('takes the UAI given for the export over the one of the parameters, and fills the académie from it', () => {
    const blank = { ...settings, general: { ...settings.general, academy: '' } };
    const other = buildRectoratExport(ind, blank, { exportDate: '2026-11-20', uai: '0595856v' });
    expect(other.csv).toContain('UAI;0595856V');
    expect(other.csv).toContain('Académie;Lille');
    expect(other.diagnostics.filter((d) => d.message.includes('Académie'))).toEqual([]);
    // A UAI that names no académie (Saint-Pierre-et-Miquelon) leaves it blank, and says so.
    const far = buildRectoratExport(ind, blank, { exportDate: '2026-11-20', uai: `9750001${uaiCheckLetter('9750001')}` });
    expect(far.diagnostics.some((d) => d.severity === 'warning' && d.message.includes("« Académie » n'est pas renseigné"))).toBe(true);
    // A typed académie the UAI contradicts is kept, with a warning.
    const contradicted = buildRectoratExport(ind, settings, { exportDate: '2026-11-20', uai: '0595856V' });
    expect(contradicted.csv).toContain('Académie;Paris');
    expect(contradicted.diagnostics.some((d) => d.severity === 'warning' && d.message.includes('de l’académie de Lille'))).toBe(true);
  });

  it('publishes mastery levels as mastery levels 1 to 4, never as class levels', () => {
    const lines = spec.cells.filter((l) => l[0] === 'mastery');
    expect(lines.length).toBeGreaterThan(0);
    const columns = new Set(lines.map((l) => String(l[4])));
    for (const code of ['1', '2', '3', '4']) expect(columns).toContain(code);
    for (const level of ['1re', '2nde', 'Tle']) expect(columns).not.toContain(level);
    const masteryTable = ind.tables.find((t) => t.id === 'mastery')!;
    expect(new Set(lines.map((l) => String(l[5])))).toEqual(new Set(masteryTable.columns.map((c) => c.label)));
  });

  it('is deterministic', () => {
    expect(buildRectoratExport(ind, settings, { exportDate: '2026-11-20' })).toEqual(result);
  });
});
