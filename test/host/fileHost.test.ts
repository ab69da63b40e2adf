/**
 * The standalone app's file host on real .xlsx files: open, generate, edit an AP sheet, download the
 * completed workbook, reopen it for the next cycle; the coordinator's own sheets come back unchanged.
 */
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import { completedFormat } from '../../src/host/fileFormats';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../src/core/diagnostics';
import { generate } from '../../src/core/pipeline';
import { SHEET_NAMES } from '../../src/core/workbook';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { createExampleHost, openFileHost, type FileHost } from '../../src/host/fileHost';
import { parseTypedValue } from '../../src/taskpane/typedValue';
import { buildSchoolFile } from '../e2e/schoolFile';

const TODAY = '2026-09-21';

async function generateIn(host: FileHost) {
  const generation = await generate(await host.gateway.readSnapshot(), { today: TODAY });
  await host.gateway.writeSheets(generation.sheets);
  return generation;
}

function gridOf(snapshot: Awaited<ReturnType<typeof readXlsx>>, sheet: string) {
  const grid = snapshot.grids.find((g) => g.sheet === sheet);
  if (!grid) throw new Error(`feuille ${sheet} absente`);
  return grid;
}

describe('file host', () => {
  it('writes the AP sheets into the coordinator’s file and keeps every sheet of theirs', async () => {
    const school = await buildSchoolFile(5);
    const original = school.bytes.slice();
    const downloads: string[] = [];
    const host = await openFileHost(school.bytes, 'positionnement 2026.xlsx', { download: (name) => downloads.push(name) });
    expect(host.hasUnsavedChanges()).toBe(false);
    const before = await host.gateway.readSnapshot();

    const generation = await generateIn(host);
    expect(generation.summary.pupilsRead).toBe(school.pupils.length);
    expect(host.hasUnsavedChanges()).toBe(true);

    const completed = await host.downloadCompleted();
    expect(downloads).toEqual(['positionnement 2026 - Pilote AP.xlsx']);
    expect(host.hasUnsavedChanges()).toBe(false);
    expect(school.bytes).toEqual(original); // the file read is never changed

    const reread = await readXlsx(completed.bytes);
    const names = reread.grids.map((g) => g.sheet);
    for (const sheet of school.sheets) {
      expect(gridOf(reread, sheet).values).toEqual(gridOf(before, sheet).values);
    }
    for (const sheet of generation.sheets) expect(names).toContain(sheet.name);

    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(completed.bytes) as unknown as ExcelJS.Buffer);
    const formula = workbook.getWorksheet(school.ownSheet.name)!.getCell(school.ownSheet.formulaCell).value as ExcelJS.CellFormulaValue;
    expect(formula.formula).toBe(school.ownSheet.formula);
  });

  it('edits AP sheets only, never formulas nor the coordinator’s sheets, and the edit reaches the file', async () => {
    const school = await buildSchoolFile(6);
    const host = await openFileHost(school.bytes, 'suivi.xlsx');
    await generateIn(host);
    const workshops = gridOf(await host.gateway.readSnapshot(), SHEET_NAMES.workshops);
    const header = workshops.values.findIndex((row) => row.some((v) => typeof v === 'string' && /^effectif max/i.test(v)));
    expect(header).toBeGreaterThan(0);
    const capCol = workshops.values[header].findIndex((v) => typeof v === 'string' && /^effectif max/i.test(v));
    const cell = `${String.fromCharCode(65 + capCol)}${header + 2}`;
    await host.setCellValue(SHEET_NAMES.workshops, cell, 7);

    await expect(host.setCellValue(school.ownSheet.name, 'A2', 9)).rejects.toThrow(/Suivi perso.*la vôtre/);
    const hours = gridOf(await host.gateway.readSnapshot(), SHEET_NAMES.hours);
    const formulaRow = hours.formulas!.findIndex((row) => row.some(Boolean));
    const formulaCol = hours.formulas![formulaRow].findIndex(Boolean);
    const formulaCell = `${String.fromCharCode(65 + formulaCol + hours.origin.col)}${formulaRow + hours.origin.row + 1}`;
    await expect(host.setCellValue(SHEET_NAMES.hours, formulaCell, 1)).rejects.toThrow(/formule/);

    const reread = await readXlsx((await host.completedFile()).bytes);
    expect(gridOf(reread, SHEET_NAMES.workshops).values[header + 1][capCol]).toBe(7);
    expect(gridOf(reread, school.ownSheet.name).values[1][0]).toBe(3);
  });

  it('goes on to the next cycle from the downloaded workbook: locks and hours done typed in it are kept', async () => {
    const school = await buildSchoolFile(7);
    const first = await openFileHost(school.bytes, 'cycle.xlsx');
    await generateIn(first);
    const completed = await first.completedFile();

    // The coordinator types « oui » in Verrou and moves to cycle 2, in a spreadsheet program.
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(Buffer.from(completed.bytes) as unknown as ExcelJS.Buffer);
    const groups = workbook.getWorksheet(SHEET_NAMES.groups)!;
    let headerRow = 0;
    groups.eachRow((row, n) => {
      if (!headerRow && (row.values as unknown[]).includes('Verrou')) headerRow = n;
    });
    const headers = groups.getRow(headerRow).values as unknown[];
    const lockedRow = groups.getRow(headerRow + 2);
    lockedRow.getCell(headers.indexOf('Verrou')).value = 'oui';
    const lockedPupil = String(lockedRow.getCell(headers.indexOf('Élève')).value);
    const lockedWorkshop = String(lockedRow.getCell(headers.indexOf('Atelier')).value);
    workbook.getWorksheet(SHEET_NAMES.parameters)!.eachRow((row) => {
      if (row.getCell(1).value === 'Cycle à générer') row.getCell(2).value = 2;
    });
    // … and the hours done by the first teacher of cycle 1.
    const hours = workbook.getWorksheet(SHEET_NAMES.hours)!;
    let hoursHeader = 0;
    hours.eachRow((row, n) => {
      const titles = row.values as unknown[];
      if (!hoursHeader && titles.includes('Heures faites') && titles.includes('Cycle')) hoursHeader = n;
    });
    const hoursTitles = hours.getRow(hoursHeader).values as unknown[];
    const doneRow = hours.getRow(hoursHeader + 1);
    doneRow.getCell(hoursTitles.indexOf('Heures faites')).value = 3.5;
    const doneKey = ['Cycle', 'Intervenant', 'Atelier'].map((title) => doneRow.getCell(hoursTitles.indexOf(title)).value);
    const edited = new Uint8Array(await workbook.xlsx.writeBuffer());

    const second = await openFileHost(edited, completed.fileName);
    const generation = await generateIn(second);
    expect(generation.analysis.settings.general.cycle).toBe(2);
    const pupil = generation.analysis.read.pupils.find((p) => p.displayName === lockedPupil)!;
    const kept = generation.plan.assignments.find((a) => a.pupilId === pupil.id)!;
    expect(kept.locked).toBe(true);
    expect(generation.plan.groups.find((g) => g.id === kept.groupId)!.workshopTypeId).toBe(lockedWorkshop);
    const newHours = generation.sheets.find((sheet) => sheet.name === SHEET_NAMES.hours)!.cells;
    const titles = newHours.find((row) => row.includes('Heures faites') && row.includes('Cycle'))!;
    const column = (title: string) => titles.indexOf(title);
    const carried = newHours.find((row) => ['Cycle', 'Intervenant', 'Atelier'].every((title, i) => row[column(title)] === doneKey[i]));
    expect(carried?.[column('Heures faites')]).toBe(3.5);
    // Reopening a completed file does not stack the suffix.
    expect((await second.completedFile()).fileName).toBe('cycle - Pilote AP.xlsx');
  });

  it('an AP sheet that came with the file and is edited here is written back, a regenerated one replaces what was typed', async () => {
    const school = await buildSchoolFile(8);
    const first = await openFileHost(school.bytes, 'reprise.xlsx');
    await generateIn(first);
    const host = await openFileHost((await first.completedFile()).bytes, 'reprise - Pilote AP.xlsx');
    expect(host.hasUnsavedChanges()).toBe(false);
    await host.setCellValue(SHEET_NAMES.teachers, 'H40', 'note de la coordination');
    await host.setCellValue(SHEET_NAMES.groups, 'Z1', 'tapé avant de régénérer');
    await generateIn(host);

    const reread = await readXlsx((await host.completedFile()).bytes);
    const teachers = gridOf(reread, SHEET_NAMES.teachers);
    expect(teachers.values[39 - teachers.origin.row][7 - teachers.origin.col]).toBe('note de la coordination');
    const groups = gridOf(reread, SHEET_NAMES.groups);
    expect(groups.values.flat()).not.toContain('tapé avant de régénérer');
    for (const sheet of school.sheets) expect(reread.grids.map((g) => g.sheet)).toContain(sheet);
  });

  it('opens a CSV export as one sheet and says the completed workbook will be an .xlsx', async () => {
    const csv = 'Nom;Prénom;Classe;Lire une consigne;Calcul mental\r\nDURAND;Léa;2 MRC;A;NA\r\nMARTIN;Noé;2 MRC;ECA;A\r\n';
    const host = await openFileHost(new TextEncoder().encode(csv), 'positionnement.csv');
    const snapshot = await host.gateway.readSnapshot();
    expect(snapshot.grids).toHaveLength(1);
    expect(snapshot.grids[0].values.flat()).toEqual(expect.arrayContaining(['DURAND', 'Léa', 'NA']));
    expect(completedFormat('csv')).toMatchObject({ extension: 'xlsx', note: expect.stringMatching(/\.xlsx/) });
  });

  it('refuses files that are not workbooks with a French message naming the file', async () => {
    for (const name of ['notes.docx', 'eleves.ods']) {
      const attempt = openFileHost(new Uint8Array([0, 159, 146, 150, 1, 2, 3, 0]), name);
      await expect(attempt).rejects.toBeInstanceOf(UnusableInputError);
      await expect(attempt).rejects.toThrow(new RegExp(`« ${name.replace('.', '\\.')} »`));
    }
  });

  it('turns the example into a whole new workbook with the generated sheets', async () => {
    const host = createExampleHost();
    const before = await host.gateway.readSnapshot();
    await generateIn(host);
    const reread = await readXlsx((await host.completedFile()).bytes);
    const names = reread.grids.map((g) => g.sheet);
    expect(names.slice(0, before.grids.length)).toEqual(before.grids.map((g) => g.sheet));
    expect(names).toContain(SHEET_NAMES.groups);
  });

  it('reads typed numbers in French or English notation, and keeps any other text as typed', () => {
    expect(parseTypedValue('12,5')).toBe(12.5);
    expect(parseTypedValue(' 3 ')).toBe(3);
    fc.assert(
      fc.property(fc.string(), (text) => {
        const value = parseTypedValue(text);
        if (typeof value === 'number') expect(Number(text.trim().replace(',', '.'))).toBe(value);
        else expect(value).toBe(text);
      }),
    );
  });
});
