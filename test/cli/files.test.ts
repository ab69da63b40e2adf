import { link, mkdir, mkdtemp, readdir, readFile, symlink, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { fileSystemError } from '../../src/cli/fsErrors';
import { processIo, type CliIo } from '../../src/cli/io';
import { main } from '../../src/cli/main';
import type { CellValue } from '../../src/core/grid';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { buildOds, empty, float, text } from '../gateways/files/odsBuilder';

function capture(): CliIo & { out: string[]; err: string[] } {
  const out: string[] = [];
  const err: string[] = [];
  return { ...processIo, out, err, stdout: (t) => void out.push(t), stderr: (t) => void err.push(t) };
}

const DATE = ['--date', '2026-11-20'];
let dir: string;
let example: string;
let exportCsv: string;

beforeAll(async () => {
  dir = await mkdtemp(join(tmpdir(), 'pilote-ap-files-'));
  example = join(dir, 'lycee.xlsx');
  expect(await main(['example', '-o', example], capture())).toBe(0);
  exportCsv = join(dir, 'export.csv');
  expect(await main(['export', example, '-o', exportCsv, '--uai', '0750655E', ...DATE], capture())).toBe(0);
});

/** Rows without their trailing empty cells: what a CSV keeps of a sheet. */
function trimmed(rows: CellValue[][]): CellValue[][] {
  return rows.map((row) => {
    const copy = [...row];
    while (copy.length && copy[copy.length - 1] === null) copy.pop();
    return copy;
  });
}

async function run(args: string[]) {
  const io = capture();
  const code = await main(args, io);
  const err = io.err.join('\n');
  expect(err).not.toMatch(/\n\s+at .*:\d+:\d+/);
  return { code, err, out: io.out.join('\n') };
}

describe('the output is never an input', () => {
  it('refuses the same file through a symbolic link, a hard link or another spelling, for every command', async () => {
    const before = await readFile(example);
    const symbolic = join(dir, 'raccourci.xlsx');
    const hard = join(dir, 'lien-dur.xlsx');
    await symlink(example, symbolic);
    await link(example, hard);
    const otherSpelling = join(dir, '..', dir.split('/').pop()!, '.', 'lycee.xlsx');
    for (const output of [example, symbolic, hard, otherSpelling]) {
      for (const args of [
        ['generate', example, '-o', output, ...DATE],
        ['export', example, '-o', output, '--uai', '0750655E', ...DATE],
        ['consolidate', exportCsv, example, '-o', output],
      ]) {
        const { code, err } = await run(args);
        expect(code, `${args.join(' ')}`).toBe(2);
        expect(err).toMatch(/est le fichier d'entrée/);
      }
    }
    const csvLink = join(dir, 'export-lien.csv');
    await link(exportCsv, csvLink);
    expect((await run(['export', example, '-o', csvLink, '--uai', '0750655E', ...DATE])).code).toBe(0);
    expect((await run(['consolidate', exportCsv, '-o', join(dir, 'x.xlsx')])).code).toBe(0);
    expect((await run(['consolidate', csvLink, '-o', join(dir, 'export.csv')])).code).toBe(2);
    expect(await readFile(example)).toEqual(before);
  });
});

describe('file-system errors: a French message, exit 1, nothing half-written', () => {
  it('covers a missing input, a folder given as input or output, a parent that is a file and a device', async () => {
    const folder = join(dir, 'dossier.xlsx');
    await mkdir(folder);
    const cases: [string[], RegExp][] = [
      [['generate', join(dir, 'absent.xlsx'), '-o', join(dir, 'a.xlsx')], /absent\.xlsx » est introuvable/],
      [['generate', folder, '-o', join(dir, 'b.xlsx')], /dossier\.xlsx » est un dossier/],
      [['generate', example, '-o', folder, ...DATE], /dossier\.xlsx » est un dossier/],
      [['generate', example, '-o', join(example, 'sortie.xlsx'), ...DATE], /un élément qui devrait être un dossier est un fichier/],
      [['generate', '/dev/zero', '-o', join(dir, 'c.xlsx')], /n'est pas un fichier ordinaire/],
      [['example', '-o', '/dev/null/x.xlsx'], /Impossible d'écrire « \/dev\/null\/x\.xlsx »/],
    ];
    for (const [args, message] of cases) {
      const { code, err, out } = await run(args);
      expect(code, args.join(' ')).toBe(1);
      expect(err).toMatch(message);
      expect(err.match(/Erreur :/g)).toHaveLength(1);
      expect(out).not.toMatch(/créée|écrit/);
    }
    expect((await readdir(dir)).filter((name) => name.endsWith('.tmp'))).toEqual([]);
  });

  it('names the read-only folder, the full disk and the missing permission', () => {
    expect(fileSystemError({ code: 'EROFS' }, '/mnt/cle/sortie.xlsx', 'write').message).toMatch(/lecture seule/);
    expect(fileSystemError({ code: 'ENOSPC' }, 'sortie.xlsx', 'write').message).toMatch(/disque est plein.*Rien n'a été écrit/);
    expect(fileSystemError({ code: 'EACCES' }, 'sortie.xlsx', 'write').message).toMatch(/pas le droit d'écrire/);
    expect(fileSystemError({ code: 'EACCES' }, 'entree.xlsx', 'read').message).toMatch(/pas le droit de lire/);
    expect(fileSystemError({ code: 'EWHATEVER' }, 'x', 'read').message).toMatch(/erreur du système de fichiers \(EWHATEVER\)/);
  });
});

describe('command-line usage', () => {
  it('validates --date as a real calendar date and prints usage errors on stderr with exit 2', async () => {
    for (const date of ['2026-02-30', '2026-13-01', '2025-02-29', '26-11-20', '1850-01-01']) {
      const io = capture();
      expect(await main(['generate', example, '-o', join(dir, 'd.xlsx'), '--date', date], io), date).toBe(2);
      expect(io.out).toEqual([]);
      expect(io.err.join('')).toMatch(/--date/);
    }
    expect((await run(['generate', example, '-o', join(dir, 'leap.xlsx'), '--date', '2028-02-29'])).code).toBe(0);
    const none = capture();
    expect(await main([], none)).toBe(2);
    expect(none.out).toEqual([]);
    expect(none.err.join('')).toMatch(/Indiquez une commande/);
    expect((await run(['generate', example, '-o', join(dir, 'sortie.ods')])).code).toBe(2);
  });
});

describe('generate on other formats and several files', () => {
  it('reads a workbook with a CSV class list, a SIECLE zip and a second workbook, and writes one .xlsx with all their sheets', async () => {
    const workbook = await readXlsx(await readFile(example));
    const csv = join(dir, 'Liste élèves.csv');
    await writeFile(csv, Buffer.from('Nom;Prénom;Date de naissance;Classe\r\nDurand;Zoé;03/11/2009;2MRC\r\n', 'latin1'));
    const zip = new JSZip();
    zip.file(
      'ElevesSansAdresses.xml',
      Buffer.from('<?xml version="1.0" encoding="ISO-8859-15"?><BEE_ELEVES><DONNEES><ELEVES><ELEVE ELEVE_ID="1"><ID_NATIONAL>070123456AB</ID_NATIONAL><NOM_DE_FAMILLE>DURAND</NOM_DE_FAMILLE><PRENOM>Zoé</PRENOM><DATE_NAISS>14/02/2010</DATE_NAISS></ELEVE></ELEVES><STRUCTURES><STRUCTURES_ELEVE ELEVE_ID="1"><STRUCTURE><CODE_STRUCTURE>2MRC</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE></STRUCTURES_ELEVE></STRUCTURES></DONNEES></BEE_ELEVES>', 'latin1'),
    );
    const siecle = join(dir, 'ExportXML_ElevesSansAdresses.zip');
    await writeFile(siecle, await zip.generateAsync({ type: 'uint8array' }));
    // A second workbook with the same sheet names.
    const second = join(dir, 'copie.xlsx');
    await writeFile(second, await readFile(example));
    const output = join(dir, 'plusieurs.xlsx');
    const { code, err } = await run(['generate', example, csv, siecle, second, '-o', output, ...DATE]);
    expect(code).toBe(0);
    expect(err).toMatch(/Liste élèves.csv » lu comme un fichier CSV \(séparateur point-virgule, encodage Windows-1252\)/);
    expect(err).toMatch(/export SIECLE des élèves : 1 élève/);
    expect(err).toMatch(/La feuille « 2MRC » de « copie\.xlsx » est lue sous le nom « 2MRC \(2\) »/);

    const names = (await readXlsx(await readFile(output))).grids.map((g) => g.sheet);
    expect(names).toEqual(expect.arrayContaining([...workbook.grids.map((g) => g.sheet), 'Liste élèves', 'Liste SIECLE', '2MRC (2)', 'AP Groupes']));
    expect(err).toMatch(/La colonne « Date de naissance » de « Liste élèves\.csv » n'est pas recopiée/);
    const copiedList = (await readXlsx(await readFile(output))).grids.find((g) => g.sheet === 'Liste élèves')!;
    expect(copiedList.values).toEqual([['Nom', 'Prénom', 'Date de naissance', 'Classe'], ['Durand', 'Zoé', null, '2MRC']]);
    const zipText = await Promise.all(Object.values((await JSZip.loadAsync(await readFile(output))).files).map((f) => f.async('string')));
    expect(zipText.join('')).not.toMatch(/14\/02\/2010|03\/11\/2009/);
  });

  it('turns a CSV or an .ods positionnement into a new .xlsx and says so', async () => {
    const grid = (await readXlsx(await readFile(example))).grids.find((g) => g.sheet === '2MELEC')!;
    const csvText = grid.values.map((row) => row.map((v) => (v === null ? '' : typeof v === 'number' ? String(v).replace('.', ',') : String(v))).join(';')).join('\n');
    const odsRows = grid.values.map((row) => `<table:table-row>${row.map((v) => (v === null ? empty() : typeof v === 'number' ? float(v) : text(String(v)))).join('')}</table:table-row>`);
    const inputs: [string, Uint8Array][] = [
      ['2MELEC.csv', new TextEncoder().encode(csvText)],
      // LibreOffice accepts sheet names that Excel refuses (longer than 31 characters, with « : »).
      ['2MELEC.ods', await buildOds(`<table:table table:name="2MELEC: positionnement de rentrée 2026">${odsRows.join('')}</table:table>`)],
    ];
    const sheetNames: Record<string, string> = { '2MELEC.csv': '2MELEC', '2MELEC.ods': '2MELEC  positionnement de rentr' };
    for (const [name, bytes] of inputs) {
      const input = join(dir, name);
      await writeFile(input, bytes);
      const output = join(dir, `depuis-${name}.xlsx`);
      const { code, err, out } = await run(['generate', input, '-o', output, ...DATE]);
      expect(code, err).toBe(0);
      expect(err).toContain(`nouveau classeur .xlsx qui reprend les valeurs des feuilles de « ${name} »`);
      expect(out).toMatch(/Classeur écrit/);
      const written = await readXlsx(await readFile(output));
      expect(written.grids[0].sheet).toBe(sheetNames[name]);
      expect(trimmed(written.grids[0].values)).toEqual(trimmed(grid.values));
      expect(written.grids.map((g) => g.sheet)).toContain('AP Groupes');
    }
  });
});
