import { describe, expect, it } from 'vitest';
import { runConsolidate } from '../../src/cli/commands/consolidate';
import { memoryIo } from './memoryIo';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { generateExports } from '../core/export/randomExports';
import { decodeWindows1252 } from '../../src/gateways/files/csv';


describe('pilote-ap consolidate', async () => {
  const exports = generateExports(300);
  const files = new Map<string, Uint8Array>();
  const paths: string[] = [];
  // 300 establishments: 40 send the .xlsx, the others the .csv (the same content, faster to build here).
  for (const [i, exp] of exports.entries()) {
    const path = `/exports/${exp.uai}.${i < 40 ? 'xlsx' : 'csv'}`;
    files.set(path, i < 40 ? await writeXlsx(exp.specs) : new TextEncoder().encode(exp.csv));
    paths.push(path);
  }
  files.set('/exports/copie.csv', new TextEncoder().encode(exports[50].csv));
  files.set('/exports/version.csv', new TextEncoder().encode(exports[51].csv.replace('Version du schéma;1', 'Version du schéma;9')));
  files.set('/exports/notes.xlsx', await writeXlsx([{ name: 'Notes', role: 'output', cells: [['Élève', 'Note'], ['x', 12]] }]));
  files.set('/exports/image.xlsx', new TextEncoder().encode('pas un zip'));
  const extra = ['/exports/copie.csv', '/exports/version.csv', '/exports/notes.xlsx', '/exports/image.xlsx', '/exports/absent.csv'];

  it('merges 300 exports, lists the rejected files, and writes the académie workbook', async () => {
    const { io, out, err } = memoryIo(files);
    expect(await runConsolidate([...paths, ...extra, '-o', '/academie.xlsx'], io)).toBe(0);
    expect(out.join('\n')).toContain('300 établissement(s) consolidé(s), 5 fichier(s) rejeté(s)');
    expect(err.join('\n')).toContain('version.csv rejeté : version du schéma « 9 »');

    const workbook = await readXlsx(files.get('/academie.xlsx')!);
    const names = workbook.grids.map((g) => g.sheet);
    expect(names[0]).toBe('Établissements');
    expect(names).toEqual(expect.arrayContaining(['Élèves', 'Besoins forts', 'Couverture', 'Heures', 'Maîtrise', 'Progrès', 'Fichiers rejetés']));
    const pupils = workbook.grids.find((g) => g.sheet === 'Élèves')!;
    const establishmentRows = pupils.values.filter((r) => /^\d{7}[A-Z]$/.test(String(r[0])));
    expect(establishmentRows).toHaveLength(300);
    const total = pupils.values.find((r) => r[0] === 'Total académie')!;
    const header = pupils.values.findIndex((r) => r[0] === 'UAI');
    const col = pupils.values[header + 1].indexOf('Total');
    const published = establishmentRows.map((r) => r[col]).filter((v): v is number => typeof v === 'number');
    expect(total[col]).toBe(published.reduce((a, b) => a + b, 0));

    const rejected = workbook.grids.find((g) => g.sheet === 'Fichiers rejetés')!;
    const reasons = Object.fromEntries(rejected.values.filter((r) => String(r[0]).match(/\.(csv|xlsx)$/)).map((r) => [r[0], r[1]]));
    expect(Object.keys(reasons).sort()).toEqual(['absent.csv', 'copie.csv', 'image.xlsx', 'notes.xlsx', 'version.csv']);
    expect(reasons['copie.csv']).toMatch(/en double/);
    expect(reasons['notes.xlsx']).toMatch(/pas un export/);
    expect(reasons['image.xlsx']).toMatch(/pas un classeur/);
    expect(reasons['absent.csv']).toMatch(/introuvable/);
  });

  it('accepts a CSV export that Excel re-saved in Windows-1252, without its BOM', async () => {
    const windows1252 = new Map(Array.from({ length: 256 }, (_, byte) => [decodeWindows1252(Uint8Array.of(byte)), byte]));
    const text = exports[7].csv.replace(/^\uFEFF/, '');
    expect(text).toMatch(/[é’]/);
    const local = new Map(files);
    local.set('/resaved.csv', Uint8Array.from(Array.from(text, (ch) => windows1252.get(ch) ?? 0x3f)));
    const { io, out } = memoryIo(local);
    expect(await runConsolidate(['/resaved.csv', '-o', '/une.xlsx'], io)).toBe(0);
    expect(out.join('\n')).toContain('1 établissement(s) consolidé(s), 0 fichier(s) rejeté(s)');
  });

  it('exits 1 when no file is usable, and writes nothing', async () => {
    const { io, err } = memoryIo(files);
    expect(await runConsolidate(['/exports/notes.xlsx', '-o', '/rien.xlsx'], io)).toBe(1);
    expect(err.join('\n')).toContain('aucun export utilisable');
    expect(files.has('/rien.xlsx')).toBe(false);
  });

  it('exits 2 on bad usage', async () => {
    const { io, err } = memoryIo(files);
    expect(await runConsolidate(['-o', '/a.xlsx'], io)).toBe(2);
    expect(await runConsolidate([paths[0]], io)).toBe(2);
    expect(await runConsolidate([paths[0], '-o', '/a.csv'], io)).toBe(2);
    expect(await runConsolidate([paths[0], '--oups', '-o', '/a.xlsx'], io)).toBe(2);
    expect(err.join('\n')).toContain('Utilisation');
  });
});
