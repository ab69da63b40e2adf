/**
 * Whole files through `main()`: random workbooks and byte- or zip-level mutations of real ones, for
 * generate, export and consolidate. Whatever the file: no stack trace, no internal error, the
 * documented exit codes, the input's bytes unchanged, and an output only when the command succeeded.
 */
import { readFileSync } from 'node:fs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { buildExampleWorkbook } from '../../src/core/example';
import type { CellValue } from '../../src/core/grid';
import { gridToSpec } from '../../src/core/render/specToGrid';
import { writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { buildOds, float, text } from '../gateways/files/odsBuilder';
import { memoryIo } from './memoryIo';

const DATE = '2026-11-20';
const UAI = '0750655E';

const exampleBytes = await writeXlsx(buildExampleWorkbook().grids.map(gridToSpec));
const exportFiles = new Map<string, Uint8Array>([['/lycee.xlsx', exampleBytes]]);
expect(await main(['export', '/lycee.xlsx', '-o', '/export.csv', '--uai', UAI, '--date', DATE], memoryIo(exportFiles).io)).toBe(0);
const exportCsv = exportFiles.get('/export.csv')!;
const odsBytes = await buildOds(
  `<table:table table:name="2MRC"><table:table-row>${['Nom', 'Prénom', 'C1', 'C2'].map((v) => text(v)).join('')}</table:table-row>` +
    ['Dupont', 'Martin', 'Durand', 'Petit', 'Moreau', 'Roux'].map((name, i) => `<table:table-row>${text(name)}${text('Léa')}${text(i % 2 ? 'A' : 'NA')}${float(i % 4)}</table:table-row>`).join('') +
    '</table:table>',
);

const REAL_FILES: Record<string, Uint8Array> = {
  'exemple.xlsx': exampleBytes,
  'par-classe.xlsx': new Uint8Array(readFileSync('test/fixtures/par-classe.xlsx')),
  'couleurs.xlsx': new Uint8Array(readFileSync('test/fixtures/couleurs.xlsx')),
  'classe.ods': odsBytes,
  'export.csv': exportCsv,
};

type Mutation =
  | { kind: 'flip'; positions: number[]; values: number[] }
  | { kind: 'truncate'; at: number }
  | { kind: 'entry'; which: number; action: 'delete' | 'garble' | 'cut'; junk: string };

const mutation: fc.Arbitrary<Mutation> = fc.oneof(
  fc.record({ kind: fc.constant('flip' as const), positions: fc.array(fc.nat(), { minLength: 1, maxLength: 8 }), values: fc.array(fc.nat(255), { minLength: 8, maxLength: 8 }) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.double({ min: 0, max: 1, noNaN: true }).map((x) => x) }),
  fc.record({ kind: fc.constant('entry' as const), which: fc.nat(), action: fc.constantFrom('delete' as const, 'garble' as const, 'cut' as const), junk: fc.string({ maxLength: 40 }) }),
);

async function mutate(bytes: Uint8Array, m: Mutation): Promise<Uint8Array> {
  if (m.kind === 'flip') {
    const copy = new Uint8Array(bytes);
    m.positions.forEach((p, i) => (copy[p % copy.length] = m.values[i]));
    return copy;
  }
  if (m.kind === 'truncate') return bytes.slice(0, Math.floor(bytes.length * m.at));
  const zip = await JSZip.loadAsync(bytes).catch(() => null);
  if (!zip) return bytes.slice(0, Math.max(0, bytes.length - 1 - (m.which % 100)));
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  const name = names[m.which % names.length];
  if (m.action === 'delete') zip.remove(name);
  else if (m.action === 'garble') zip.file(name, m.junk);
  else zip.file(name, (await zip.file(name)!.async('string')).slice(0, m.junk.length * 10));
  return zip.generateAsync({ type: 'uint8array' });
}

const WORDS = ['Nom', 'Prénom', 'Classe', 'Élève', 'A', 'ECA', 'NA', 'abs', '++', '--', '2MRC', 'Moyenne', 'Dupont', 'Léa', '=1+1', 'AP Groupes', '', ' '];
const cell: fc.Arbitrary<CellValue> = fc.oneof(fc.constantFrom(...WORDS), fc.integer({ min: -5, max: 50000 }), fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean(), fc.constant(null), fc.string({ maxLength: 12 }));
const randomWorkbook = fc
  .array(fc.record({ name: fc.constantFrom('2MRC', 'Feuil1', 'AP Paramètres', 'AP Groupes', 'Liste', 'Notes'), rows: fc.array(fc.array(cell, { maxLength: 8 }), { maxLength: 14 }) }), { minLength: 1, maxLength: 3 })
  .map((sheets) => {
    const seen = new Set<string>();
    return sheets.filter((s) => !seen.has(s.name.toLowerCase()) && seen.add(s.name.toLowerCase()));
  });

/** A cell value as .ods XML (text escaped). */
function odsCell(value: CellValue): string {
  if (value === null) return '<table:table-cell/>';
  if (typeof value === 'number') return float(value);
  if (typeof value === 'boolean') return `<table:table-cell office:value-type="boolean" office:boolean-value="${value}"/>`;
  return text(value.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;'));
}

/** Runs one command on `input` and checks everything that must hold whatever the file. */
async function check(command: 'generate' | 'export' | 'consolidate', input: Uint8Array, inputName: string): Promise<void> {
  const path = `/in/${inputName}`;
  const original = new Uint8Array(input);
  const files = new Map<string, Uint8Array>([[path, input]]);
  const output = command === 'export' ? '/out/export.csv' : '/out/sortie.xlsx';
  const args = { generate: ['generate', path, '-o', output, '--date', DATE], export: ['export', path, '-o', output, '--uai', UAI, '--date', DATE], consolidate: ['consolidate', path, '-o', output] }[command];
  const { io, err } = memoryIo(files);
  const code = await main(args, io);
  const stderr = err.join('\n');
  expect([0, 1], stderr).toContain(code);
  expect(stderr).not.toMatch(/\n\s+at |Erreur interne/);
  expect((stderr.match(/^Erreur :/gm) ?? []).length).toBeLessThanOrEqual(1);
  expect(files.get(path)).toEqual(original);
  expect(files.has(output)).toBe(code === 0);
}

const RUNS = { numRuns: 15 };

describe('whole files through main() (property)', () => {
  it('generate and export survive byte and zip mutations of real files', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom(...Object.keys(REAL_FILES)), mutation, fc.constantFrom('generate' as const, 'export' as const), async (name, m, command) => {
        await check(command, await mutate(REAL_FILES[name], m), name);
      }),
      { ...RUNS, numRuns: 40 },
    );
  });

  it('consolidate survives mutations of a real export', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.constantFrom('export.csv', 'exemple.xlsx'), mutation, async (name, m) => {
        await check('consolidate', await mutate(REAL_FILES[name], m), name);
      }),
      RUNS,
    );
  });

  it('generate, export and consolidate survive random workbooks, as .xlsx, .ods or CSV', { timeout: 600_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(randomWorkbook, fc.constantFrom('xlsx', 'ods', 'csv'), fc.constantFrom('generate' as const, 'export' as const, 'consolidate' as const), async (sheets, format, command) => {
        const bytes =
          format === 'xlsx'
            ? await writeXlsx(sheets.map((s) => ({ name: s.name, role: 'output' as const, cells: s.rows })))
            : format === 'ods'
              ? await buildOds(sheets.map((s) => `<table:table table:name="${s.name}">${s.rows.map((row) => `<table:table-row>${row.map(odsCell).join('')}</table:table-row>`).join('')}</table:table>`).join(''))
              : new TextEncoder().encode(sheets[0].rows.map((row) => row.map((v) => (v === null ? '' : String(v))).join(';')).join('\n'));
        await check(command, bytes, `aleatoire.${format}`);
      }),
      { ...RUNS, numRuns: 30 },
    );
  });
});
