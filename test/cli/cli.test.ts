import { createHash } from 'node:crypto';
import { mkdtemp, readFile, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import { beforeAll, describe, expect, it } from 'vitest';
import { main } from '../../src/cli/main';
import { processIo, type CliIo } from '../../src/cli/io';
import type { JsonReport } from '../../src/core/report';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ...processIo, out, err, stdout: (t) => out.push(t), stderr: (t) => err.push(t) };
}

let dir: string;
let example: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pilote-ap-cli-'));
  example = join(dir, 'exemple.xlsx');
  expect(await main(['example', '-o', example], capture())).toBe(0);
});

describe('pilote-ap generate', () => {
  it('places every pupil of the example or says why, and leaves the input file untouched', async () => {
    const hash = createHash('sha256').update(await readFile(example)).digest('hex');
    const io = capture();
    const out = join(dir, 'sortie.xlsx');
    expect(await main(['generate', example, '-o', out, '--json', '--date', '2026-11-22'], io)).toBe(0);
    const report = JSON.parse(io.out.join('')) as JsonReport;
    expect(report.pupils).toBeGreaterThan(150);
    const perSlot = new Map<string, number>();
    for (const a of report.assignments) perSlot.set(a.pupil + a.class, (perSlot.get(a.pupil + a.class) ?? 0) + 1);
    expect(perSlot.size + new Set(report.unassigned.map((u) => u.pupil + u.class)).size).toBeGreaterThanOrEqual(report.pupils);
    for (const g of report.groups) expect(g.size).toBeLessThanOrEqual(g.capacity);
    for (const a of report.assignments) expect(a.reason.length).toBeGreaterThan(10);
    for (const d of report.diagnostics) expect(Object.keys(d).sort()).toEqual(['cell', 'message', 'severity', 'sheet']);
    expect(createHash('sha256').update(await readFile(example)).digest('hex')).toBe(hash);

    const written = await readXlsx(await readFile(out));
    const names = written.grids.map((g) => g.sheet);
    expect(names).toEqual(expect.arrayContaining(['2MELEC', 'AP Paramètres', 'AP Intervenants', 'AP Ateliers', 'AP Groupes']));
    const original = await readXlsx(await readFile(example));
    for (const grid of original.grids) expect(written.grids.find((g) => g.sheet === grid.sheet)).toEqual(grid);
  });

  it('with --strict, writes nothing and ends with exit 1 when the reading is doubtful; without it, writes and says so first', async () => {
    // Competencies under no discipline, and a class code read as a pupil: two signs of a misread.
    const csv = join(dir, 'douteux.csv');
    await writeFile(csv, 'Nom;Prénom;Calculer;Rédiger\r\nDUPONT;Marie;A;NA\r\n1 MELEC;;;\r\nMARTIN;Léo;ECA;A\r\n');
    const strictOut = join(dir, 'strict.xlsx');
    const strict = capture();
    expect(await main(['generate', csv, '-o', strictOut, '--strict', '--date', '2026-11-22'], strict)).toBe(1);
    expect(strict.err.join('\n')).toMatch(/--strict : \d+ signes? de lecture douteuse/);
    await expect(readFile(strictOut)).rejects.toThrow();
    const lenient = capture();
    expect(await main(['generate', csv, '-o', join(dir, 'lenient.xlsx'), '--date', '2026-11-22'], lenient)).toBe(0);
    expect(lenient.err.find((line) => !line.startsWith('Info'))).toMatch(/^Attention — .*Vérifiez la lecture/);
    expect(await main(['generate', example, '-o', join(dir, 'strict-exemple.xlsx'), '--strict', '--date', '2026-11-22'], capture())).toBe(0);
  });

  it('refuses to overwrite its input and explains usage with exit code 2', async () => {
    const io = capture();
    expect(await main(['generate', example, '-o', example], io)).toBe(2);
    expect(io.err.join('')).toMatch(/jamais modifié/);
    expect(await main(['generate', example], capture())).toBe(2);
    expect(await main(['generer'], capture())).toBe(2);
    expect(await main(['generate', example, '-o', join(dir, 'x.xlsx'), '--vite'], capture())).toBe(2);
  });

  it('reads a CSV saved under an .xlsx name as CSV, and ends with exit 1 and a French message when it holds no pupil', async () => {
    const bogus = join(dir, 'notes.xlsx');
    await writeFile(bogus, 'Nom;Prénom\nDupont;Léa\n');
    const io = capture();
    expect(await main(['generate', bogus, '-o', join(dir, 'y.xlsx')], io)).toBe(1);
    const text = io.err.join('\n');
    expect(text).toMatch(/« notes\.xlsx » lu comme un fichier CSV/);
    expect(text).toMatch(/Erreur : Aucun élève lu/);
    expect(text.match(/Aucun élève lu/g)).toHaveLength(1);
    expect(text).not.toMatch(/\bat .*\.ts:\d+/);
  });

  it('ends with exit 1 on a workbook with nothing readable, saying what was looked for', async () => {
    const workbook = new ExcelJS.Workbook();
    workbook.addWorksheet('Budget').addRow(['Dépense', 'Montant']);
    const empty = join(dir, 'budget.xlsx');
    await writeFile(empty, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const io = capture();
    expect(await main(['generate', empty, '-o', join(dir, 'z.xlsx')], io)).toBe(1);
    expect(io.err.join('\n')).toMatch(/Erreur/);
  });

  it('ends with exit 1, writing nothing, on a « Cycle à générer » that is not a cycle, naming the cell', async () => {
    const first = join(dir, 'cycle1.xlsx');
    expect(await main(['generate', example, '-o', first, '--date', '2026-09-20'], capture())).toBe(0);
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load((await readFile(first)) as never);
    let cell = '';
    workbook.getWorksheet('AP Paramètres')!.eachRow((row) => {
      if (row.getCell(1).value !== 'Cycle à générer') return;
      row.getCell(2).value = 'trois';
      cell = row.getCell(2).address;
    });
    const edited = join(dir, 'cycle-trois.xlsx');
    await writeFile(edited, new Uint8Array(await workbook.xlsx.writeBuffer()));
    const io = capture();
    const out = join(dir, 'never.xlsx');
    expect(await main(['generate', edited, '-o', out, '--date', '2026-09-20'], io)).toBe(1);
    expect(io.err.join('\n')).toContain(`AP Paramètres!${cell}`);
    expect(io.err.join('\n')).toMatch(/« trois » n'est pas un numéro de cycle/);
    await expect(readFile(out)).rejects.toThrow();
  });

  it('reports a missing input file with exit 1', async () => {
    const io = capture();
    expect(await main(['generate', join(dir, 'absent.xlsx'), '-o', join(dir, 'w.xlsx')], io)).toBe(1);
    expect(io.err.join('')).toMatch(/Impossible de lire/);
  });
});
