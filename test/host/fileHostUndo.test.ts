/**
 * The app's « Annuler la dernière génération » (the workbook as it was before, in memory, sheets and
 * typed cells included) and the refusal of a text file named as a workbook, as the command line does.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../src/core/diagnostics';
import { generate } from '../../src/core/pipeline';
import { SHEET_NAMES } from '../../src/core/workbook';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { createExampleHost, openFileHost, type FileHost } from '../../src/host/fileHost';
import { buildSchoolFile } from '../e2e/schoolFile';

const TODAY = '2026-09-21';

async function generateIn(host: FileHost, today = TODAY) {
  const generation = await generate(await host.gateway.readSnapshot(), { today });
  await host.gateway.writeSheets(generation.sheets);
  return generation;
}

describe('file host: undo of the last generation', () => {
  it('puts back the workbook, the sheets written and the cells typed before the last generation', async () => {
    const school = await buildSchoolFile(4);
    const host = await openFileHost(school.bytes, 'positionnement.xlsx', { download: () => undefined });
    const opened = host.gateway.current();
    await generateIn(host);
    const afterFirst = host.gateway.current();
    const firstFile = await host.completedFile();
    // The coordinator types a cap in AP Ateliers, then generates a second time (another day).
    const workshops = afterFirst.grids.find((g) => g.sheet === SHEET_NAMES.workshops)!;
    const header = workshops.values.findIndex((line) => line.includes('Effectif max'));
    const col = workshops.values[header].indexOf('Effectif max');
    const cell = `${String.fromCharCode(65 + col)}${header + 2}`;
    await host.setCellValue(SHEET_NAMES.workshops, cell, 5);
    const typed = host.gateway.current();
    await generateIn(host, '2026-10-05');
    expect(host.gateway.current()).not.toEqual(typed);

    const undone = await host.undoLastGeneration!();
    expect(undone).toContain(SHEET_NAMES.groups);
    expect(host.gateway.current()).toEqual(typed);
    // The completed workbook is the one before the second generation: same sheets, the typed cap kept.
    const file = await readXlsx((await host.completedFile()).bytes);
    const again = file.grids.find((g) => g.sheet === SHEET_NAMES.workshops)!;
    expect(again.values[header + 1][col]).toBe(5);
    expect(file.grids.map((g) => g.sheet)).toEqual((await readXlsx(firstFile.bytes)).grids.map((g) => g.sheet));
    // Only one level of undo; before any generation there is nothing to undo.
    await expect(host.undoLastGeneration!()).rejects.toThrow(/Aucune génération à annuler/);
    expect(opened.grids.some((g) => g.sheet === SHEET_NAMES.groups)).toBe(false);
  }, 120_000);

  it('after undoing the first generation, the workbook is the one opened and nothing is left to download', async () => {
    const host = createExampleHost({ download: () => undefined });
    const opened = host.gateway.current();
    await generateIn(host);
    expect(host.hasUnsavedChanges()).toBe(true);
    await host.undoLastGeneration!();
    expect(host.gateway.current()).toEqual(opened);
    expect(host.hasUnsavedChanges()).toBe(false);
  }, 60_000);
});

describe('file host: a text file named as a workbook', () => {
  it('is refused in French, like the command line, whatever the text', async () => {
    await fc.assert(
      // An empty file has its own message (« est vide (0 octet) »): the text here always has a word.
      fc.asyncProperty(fc.array(fc.stringMatching(/^[a-z ]{0,30}$/), { maxLength: 4 }).map((lines) => [...lines, 'notes']), fc.constantFrom('.xlsx', '.xlsm', '.ods'), async (lines, extension) => {
        const name = `notes${extension}`;
        const error = await openFileHost(new TextEncoder().encode(lines.join('\n')), name).then(
          () => undefined,
          (e: unknown) => e,
        );
        expect(error).toBeInstanceOf(UnusableInputError);
        expect((error as Error).message).toMatch(new RegExp(`« ${name.replace('.', '\\.')} » n’est pas un classeur.*Aucun élève lu`));
      }),
      { numRuns: 6 },
    );
  }, 60_000);

  it('opens a real CSV class list named .csv as before', async () => {
    const csv = 'Nom;Prénom;Classe\nDURAND;Léa;2MRC\nMARTIN;Hugo;2MRC\n';
    const host = await openFileHost(new TextEncoder().encode(csv), 'liste.csv');
    expect(host.file.kind).toBe('csv');
  });
});
