import { readFileSync } from 'node:fs';
import { describe, expect, it } from 'vitest';
import { runExport } from '../../src/cli/commands/export';
import { memoryIo } from './memoryIo';
import { frenchDate, serialToIso } from '../../src/core/dates';
import { buildExampleWorkbook } from '../../src/core/example';
import type { WorkbookSnapshot } from '../../src/core/grid';
import { parseCsv, parseExport } from '../../src/core/export';
import { analyse } from '../../src/core/pipeline';
import { gridToSpec } from '../../src/core/render/specToGrid';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { personalDataIn, xlsxText } from '../core/export/privacy';


const DATE = '2026-11-20';

/** Dates of birth of an input workbook (columns « Date de naissance » / « DATE_NAISS »), as a person would write them. */
function datesOfBirth(snapshot: WorkbookSnapshot): string[] {
  const dates: string[] = [];
  for (const grid of snapshot.grids) {
    for (const [r, row] of grid.values.entries()) {
      row.forEach((cell, c) => {
        if (!/date.?de.?naiss|date_naiss/i.test(String(cell ?? ''))) return;
        for (const below of grid.values.slice(r + 1)) {
          const value = below[c];
          if (typeof value === 'number') dates.push(String(value), serialToIso(value), frenchDate(serialToIso(value)));
          else if (typeof value === 'string' && value.trim()) dates.push(value.trim());
        }
      });
    }
  }
  return dates;
}

describe('pilote-ap export of the test workbooks: no name, INE or date of birth leaves', () => {
  it.each(['test-national.xlsx', 'deux-positionnements.xlsx', 'autopositionnement-entretiens.xlsx'])('%s', async (fixture) => {
    const bytes = new Uint8Array(readFileSync(`test/fixtures/${fixture}`));
    const files = new Map<string, Uint8Array>([['/in.xlsx', bytes]]);
    const snapshot = await readXlsx(bytes);
    const pupils = analyse(snapshot, { today: DATE }).read.pupils;
    expect(pupils.length).toBeGreaterThan(0);
    const { io } = memoryIo(files);
    expect(await runExport(['/in.xlsx', '-o', '/out.xlsx', '--uai', '0931735F', '--date', DATE], io)).toBe(0);
    expect(await runExport(['/in.xlsx', '-o', '/out.csv', '--uai', '0931735F', '--date', DATE], io)).toBe(0);
    const texts = [await xlsxText(files.get('/out.xlsx')!), new TextDecoder().decode(files.get('/out.csv')!)];
    for (const text of texts) {
      expect(personalDataIn(text, pupils)).toEqual([]);
      for (const date of datesOfBirth(snapshot)) expect(text.includes(date), date).toBe(false);
    }
    if (fixture === 'test-national.xlsx') {
      expect(pupils.filter((p) => p.ine).length).toBeGreaterThan(10);
      expect(datesOfBirth(snapshot).length).toBeGreaterThan(10);
    }
    // Two positionnements read: the progress between them is exported.
    if (fixture === 'deux-positionnements.xlsx') expect(texts[1]).toMatch(/\r\nprogress;/);
  });
});

describe('pilote-ap export', async () => {
  const workbook = await writeXlsx(buildExampleWorkbook().grids.map(gridToSpec));
  const files = new Map<string, Uint8Array>([['/lycee.xlsx', workbook]]);
  // The pupils as the engine reads them from the input workbook: their names and INEs must not leave it.
  const pupils = analyse(await readXlsx(workbook), { today: DATE }).read.pupils;

  it('writes the CSV export with the UAI given, and no pupil name or INE', async () => {
    const { io, out } = memoryIo(files);
    expect(await runExport(['/lycee.xlsx', '-o', '/export.csv', '--uai', '0750655E', '--date', DATE], io)).toBe(0);
    expect(out.join('\n')).toContain('/export.csv');
    expect([...files.get('/export.csv')!.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
    const csv = new TextDecoder().decode(files.get('/export.csv')!);
    expect(csv).toContain('UAI;0750655E');
    expect(pupils.length).toBeGreaterThan(100);
    expect(personalDataIn(csv, pupils)).toEqual([]);
    const parsed = parseExport([{ sheet: 'csv', origin: { row: 0, col: 0 }, values: parseCsv(csv) }]);
    expect(parsed.ok && parsed.export.figures.length).toBeGreaterThan(50);
  });

  it('writes the .xlsx export, whose every part is free of personal data', async () => {
    const { io } = memoryIo(files);
    expect(await runExport(['/lycee.xlsx', '-o', '/export.xlsx', '--uai', '0595856V', '--date', DATE], io)).toBe(0);
    const bytes = files.get('/export.xlsx')!;
    expect(personalDataIn(await xlsxText(bytes), pupils)).toEqual([]);
    const parsed = parseExport((await readXlsx(bytes)).grids);
    expect(parsed.ok && parsed.export.uai).toBe('0595856V');
    expect(parsed.ok && parsed.export.exportDate).toBe(DATE);
  });

  it('refuses a missing or invalid UAI with exit 1 and a French message', async () => {
    const missing = memoryIo(files);
    expect(await runExport(['/lycee.xlsx', '-o', '/x.csv', '--date', DATE], missing.io)).toBe(1);
    expect(missing.err.join('\n')).toMatch(/UAI/);
    const invalid = memoryIo(files);
    expect(await runExport(['/lycee.xlsx', '-o', '/x.csv', '--uai', '0750655F', '--date', DATE], invalid.io)).toBe(1);
    expect(invalid.err.join('\n')).toContain('lettre de contrôle');
    expect(files.has('/x.csv')).toBe(false);
  });

  it('exits 1 on an unreadable input, 2 on bad usage', async () => {
    files.set('/texte.xlsx', new TextEncoder().encode('bonjour'));
    const { io, err } = memoryIo(files);
    expect(await runExport(['/texte.xlsx', '-o', '/x.csv', '--uai', '0750655E'], io)).toBe(1);
    expect(await runExport(['/absent.xlsx', '-o', '/x.csv', '--uai', '0750655E'], io)).toBe(1);
    expect(err.join('\n')).not.toMatch(/at .*\.ts:\d+/);
    expect(await runExport(['/lycee.xlsx', '-o', '/x.pdf'], io)).toBe(2);
    expect(await runExport(['/lycee.xlsx'], io)).toBe(2);
    expect(await runExport(['/lycee.xlsx', '-o', '/x.csv', '--date', '20/11/2026'], io)).toBe(2);
    expect(await runExport(['/lycee.xlsx', '-o', '/x.csv', '--bizarre'], io)).toBe(2);
  });
});
