/**
 * « Ajouter une liste de classe (autre fichier) » on the standalone app's file host, with real files:
 * the class list becomes a new sheet (never over one of the coordinator's), without its dates of birth,
 * and the next analysis reads it; a file that is not a workbook is refused in French and nothing is written.
 */
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../src/core/diagnostics';
import { analyse } from '../../src/core/pipeline';
import { openFileHost } from '../../src/host/fileHost';
import { addClassListFile, describeAddedClassList } from '../../src/taskpane/sources/classListFile';
import { describeError } from '../../src/taskpane/errors';
import { buildSchoolFile } from '../e2e/schoolFile';

const TODAY = '2026-09-21';

function latin1Csv(lines: string[][]): Uint8Array {
  return Uint8Array.from(Buffer.from(lines.map((line) => line.join(';')).join('\r\n') + '\r\n', 'latin1'));
}

describe('adding a class list from another file', () => {
  it('adds the CSV as a new sheet, keeps every other sheet identical, and the next analysis reads the roll', async () => {
    const school = await buildSchoolFile(7);
    const host = await openFileHost(school.bytes, 'positionnement.xlsx');
    const before = await host.gateway.readSnapshot();
    const taken = before.grids[0].sheet; // the CSV is named after a sheet of the coordinator's
    const roll = [
      ['Nom', 'Prénom', 'Date de naissance', 'Classe'],
      ['Durand', 'Zoé', '03/11/2009', '2 GATL C'],
      ['Lefèvre', 'Noé', '17/02/2010', '2 GATL C'],
      ['Traoré', 'Aïcha', '29/08/2009', '2 GATL C'],
    ];

    const added = await addClassListFile(host, latin1Csv(roll), `${taken}.csv`);

    expect(added.sheets).toEqual([`${taken} (2)`]);
    expect(added.removedColumns).toEqual(['Date de naissance']);
    const after = await host.gateway.readSnapshot();
    expect(after.grids.map((g) => g.sheet)).toEqual([...before.grids.map((g) => g.sheet), `${taken} (2)`]);
    for (const grid of before.grids) expect(after.grids.find((g) => g.sheet === grid.sheet)?.values).toEqual(grid.values);
    const copied = after.grids.find((g) => g.sheet === `${taken} (2)`)!;
    expect(copied.values.flat()).not.toContain('03/11/2009');
    expect(copied.values.map((row) => row[0])).toEqual(roll.map((row) => row[0]));

    const analysis = analyse(after, { today: TODAY });
    const read = analysis.read.sheets.find((s) => s.sheet === `${taken} (2)`);
    expect(read?.role).toBe('class-list');
    expect(read?.pupilCount).toBe(3);
    expect(analysis.read.pupils.filter((p) => p.className === '2 GATL C').map((p) => p.lastName).sort()).toEqual(['Durand', 'Lefèvre', 'Traoré']);
    expect(describeAddedClassList(added, analysis)).toBe(`Feuille « ${taken} (2) » ajoutée : 3 élèves lus. Colonne non recopiée : « Date de naissance ».`);
  });

  it('refuses a file that is not a workbook with a French message, and writes nothing', async () => {
    const school = await buildSchoolFile(3);
    const host = await openFileHost(school.bytes, 'positionnement.xlsx');
    const before = await host.gateway.readSnapshot();
    const pdf = Uint8Array.from(Buffer.from('%PDF-1.4\n1 0 obj << /Type /Catalog >> endobj\n', 'latin1'));

    const refusal = await addClassListFile(host, pdf, 'liste.pdf').catch((error: unknown) => error);

    expect(refusal).toBeInstanceOf(UnusableInputError);
    const shown = describeError(refusal);
    expect(shown.title).toBe('Fichier non lu');
    expect(shown.detail).toContain('« liste.pdf »');
    expect(host.hasUnsavedChanges()).toBe(false);
    expect(await host.gateway.readSnapshot()).toEqual(before);
  });
});
