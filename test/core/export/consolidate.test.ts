import { describe, expect, it } from 'vitest';
import { consolidateExports, parseCsv, parseExport, type ExportSource } from '../../../src/core/export';
import type { Grid } from '../../../src/core/grid';
import { isFormula, type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER } from '../../../src/core/workbook';
import { generateExports, uaiFor } from './randomExports';

const csvGrid = (csv: string, name: string): Grid => ({ sheet: name, origin: { row: 0, col: 0 }, values: parseCsv(csv) });

/** The same grids with the metadata value of `label` replaced. */
function withMeta(grids: Grid[], label: string, value: string | number): Grid[] {
  return grids.map((g) => ({ ...g, values: g.values.map((row) => (row[0] === label ? [label, value] : row)) }));
}

const numberOf = (cell: unknown) => (isFormula(cell as never) ? (cell as { value: number }).value : cell);

describe('consolidation of the establishments’ exports', () => {
  const exports = generateExports(300);
  const older = generateExports(1, 2026, '2026-12-01')[0];
  const sources: ExportSource[] = [
    ...exports.map((e, i) => ({ fileName: `export-${i + 1}.${i % 2 ? 'csv' : 'xlsx'}`, grids: i % 2 ? [csvGrid(e.csv, 'csv')] : e.grids })),
    { fileName: 'ancien.xlsx', grids: older.grids },
    { fileName: 'version2.xlsx', grids: withMeta(exports[3].grids, 'Version du schéma', 2) },
    { fileName: 'uai-faux.csv', grids: withMeta(exports[4].grids, 'UAI', '0750655F') },
    { fileName: 'budget.xlsx', grids: [{ sheet: 'Budget', origin: { row: 0, col: 0 }, values: [['Poste', 'Montant'], ['Papier', 120]] }] },
    { fileName: 'casse.xlsx', readError: 'pas un classeur Excel (.xlsx) ni un fichier .csv lisible' },
  ];
  const result = consolidateExports(sources);
  const sheet = (name: string): SheetSpec => result.specs.find((s) => s.name === name)!;

  it('keeps the 300 establishments once each, sorted by UAI', () => {
    expect(result.accepted).toHaveLength(300);
    expect(new Set(result.accepted.map((a) => a.uai)).size).toBe(300);
    expect(result.accepted.map((a) => a.uai)).toEqual([...result.accepted.map((a) => a.uai)].sort());
    const list = sheet('Établissements');
    expect(String(list.cells[0][0]).startsWith(MARKER)).toBe(true);
    expect(list.cells.filter((r) => /^\d{7}[A-Z]$/.test(String(r[0])))).toHaveLength(300);
  });

  it('rejects files with the reason: duplicate, schema version, UAI, not an export, unreadable', () => {
    const reasons = Object.fromEntries(result.rejected.map((r) => [r.fileName, r.reason]));
    expect(Object.keys(reasons).sort()).toEqual(['ancien.xlsx', 'budget.xlsx', 'casse.xlsx', 'uai-faux.csv', 'version2.xlsx']);
    expect(reasons['ancien.xlsx']).toMatch(/établissement en double.*export-1\.xlsx/);
    expect(reasons['version2.xlsx']).toMatch(/version du schéma « 2 »/);
    expect(reasons['uai-faux.csv']).toMatch(/UAI « 0750655F » invalide/);
    expect(reasons['budget.xlsx']).toMatch(/pas un export/);
    expect(reasons['casse.xlsx']).toMatch(/pas un classeur/);
    const listed = sheet('Fichiers rejetés').cells.map((r) => r[0]);
    for (const name of Object.keys(reasons)) expect(listed).toContain(name);
  });

  it('keeps the most recent export of an establishment given twice', () => {
    const newer = generateExports(1, 2026, '2027-05-02')[0];
    const again = consolidateExports([{ fileName: 'mars.xlsx', grids: exports[0].grids }, { fileName: 'mai.xlsx', grids: newer.grids }]);
    expect(again.accepted.map((a) => a.fileName)).toEqual(['mai.xlsx']);
    expect(again.rejected[0]).toMatchObject({ fileName: 'mars.xlsx' });
    expect(again.rejected[0].reason).toContain('plus récent');
  });

  it('reads a .csv export exactly like its .xlsx', () => {
    expect(parseExport([csvGrid(exports[7].csv, 'x')])).toEqual(parseExport(exports[7].grids));
  });

  it('writes one sheet per indicator, one row per establishment, and académie totals per level', () => {
    const pupils = sheet('Élèves');
    const header = pupils.cells.findIndex((r) => r[0] === 'UAI');
    const columns = pupils.cells[header + 1];
    const col = columns.indexOf('2nde');
    // The row label heads its group of level columns (merged cells).
    let group = col;
    while (pupils.cells[header][group] === null) group--;
    expect(pupils.cells[header][group]).toBe('Élèves');
    expect(pupils.merges).toContainEqual(expect.objectContaining({ row: header, col: group, rowCount: 1 }));
    const rows = pupils.cells.slice(header + 2, header + 2 + 300);
    expect(rows.map((r) => r[0])).toEqual(result.accepted.map((a) => a.uai));
    const total = pupils.cells[header + 2 + 300];
    expect(total[0]).toBe('Total académie');
    const published = rows.map((r) => r[col]).filter((v): v is number => typeof v === 'number');
    expect(numberOf(total[col])).toBe(published.reduce((a, b) => a + b, 0));
    const masked = pupils.cells[header + 3 + 300];
    expect(numberOf(masked[col])).toBe(rows.filter((r) => typeof r[col] === 'string').length);
    expect(isFormula(total[col]) && total[col].formula).toBe(`=SUM(${String.fromCharCode(65 + col)}${header + 3}:${String.fromCharCode(65 + col)}${header + 302})`);
    // Each unmasked figure is the establishment's own.
    const first = exports.find((e) => e.uai === uaiFor(0))!;
    const own = first.indicators.tables.find((t) => t.id === 'pupils')!.rows[0].cells[first.indicators.levels.indexOf('2nde')];
    const shown = rows.find((r) => r[0] === uaiFor(0))![col];
    expect(shown === own || typeof shown === 'string').toBe(true);
    for (const name of ['Besoins forts', 'Couverture', 'Projets', 'Heures', 'Intervenants', 'Maîtrise', 'Progrès']) expect(sheet(name), name).toBeDefined();
  });

  it('totals shares as the ratio of the published numerators and denominators', () => {
    const coverage = sheet('Couverture');
    const header = coverage.cells.findIndex((r) => r[0] === 'UAI');
    const col = coverage.cells[header + 1].indexOf('Total (%)');
    const total = coverage.cells[header + 2 + 300][col] as number;
    let num = 0;
    let den = 0;
    for (const exp of result.accepted) {
      const f = exp.figures.find((x) => x.table === 'coverage' && x.row === 'remediation' && x.col === 'total')!;
      if (typeof f.value === 'number' && typeof f.num === 'number' && typeof f.den === 'number') {
        num += f.num;
        den += f.den;
      }
    }
    expect(total).toBeCloseTo((100 * num) / den, 1);
  });

  it('warns about every rejected file', () => {
    expect(result.diagnostics.filter((d) => d.severity === 'warning')).toHaveLength(5);
  });
});
