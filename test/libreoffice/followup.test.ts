/**
 * The follow-up sheets written to a real .xlsx: LibreOffice recalculates every attendance formula to
 * the value the core computed (also after a code is changed in the file), no cell ends in error, the
 * print setup is in the file, the file passes the OOXML validator, and what the teams typed reads
 * back from it unchanged.
 */
import JSZip from 'jszip';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { FOLLOW_UP_COLUMNS as COL, LEADING_COLUMNS } from '../../src/core/followup/labels';
import { readFollowUp } from '../../src/core/followup';
import { generate, type Generation } from '../../src/core/pipeline';
import { isFormula, type SheetSpec } from '../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../src/core/workbook';
import { gridToSpec } from '../../src/core/render/specToGrid';
import { createMemoryGateway } from '../../src/gateways/memory';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { validateXlsx } from '../../scripts/validate/validateXlsx';
import { isErrorValue, loadWorkbook, readCells, recalculate } from './recalc';

const FOLLOW_UP_SHEETS = [SHEET_NAMES.followUp, SHEET_NAMES.contracts, SHEET_NAMES.attendance, SHEET_NAMES.teamsReport];
const today = '2026-11-22';

/** Cycle 1 generated, a few codes and bilans typed, then cycle 2 generated. */
async function twoCycles(): Promise<{ generation: Generation; coordinatorSheets: SheetSpec[] }> {
  const example = buildExampleWorkbook();
  const gateway = createMemoryGateway(example);
  const first = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(first.sheets);
  const suivi = gateway.current().grids.find((g) => g.sheet === SHEET_NAMES.followUp)!;
  const header = suivi.values.findIndex((row) => row.includes(COL.id));
  const codes = [['P', 'A', 'R', 'E'], ['p', 'P', 'P'], ['A', 'A', 'A', 'E', 'P']];
  codes.forEach((marks, i) => {
    marks.forEach((mark, j) => gateway.setCell(SHEET_NAMES.followUp, header + 1 + i, LEADING_COLUMNS.length + j, mark));
    gateway.setCell(SHEET_NAMES.followUp, header + 1 + i, suivi.values[header].indexOf(COL.outcome), ['atteint', 'en partie', 'non atteint'][i]);
  });
  const params = gateway.current().grids.find((g) => g.sheet === SHEET_NAMES.parameters)!;
  gateway.setCell(SHEET_NAMES.parameters, params.values.findIndex((row) => row[0] === 'Cycle à générer'), 1, 2);
  const generation = await generate(await gateway.readSnapshot(), { today });
  return { generation, coordinatorSheets: example.grids.map(gridToSpec) };
}

function formulaCells(spec: SheetSpec) {
  return spec.cells.flatMap((line, row) => line.flatMap((cell, col) => (isFormula(cell) ? [{ row, col, cell }] : [])));
}

describe('follow-up sheets in a real file', () => {
  let generation: Generation;
  let written: Uint8Array;
  let recalculated: Record<string, Uint8Array>;
  let suivi: SheetSpec;
  /** The same sheet with a code changed: its cached attendance rate is now stale. */
  let edited: SheetSpec;
  let editedRow: number;

  beforeAll(async () => {
    const built = await twoCycles();
    generation = built.generation;
    written = await writeXlsx([...built.coordinatorSheets, ...generation.sheets]);
    suivi = generation.sheets.find((s) => s.name === SHEET_NAMES.followUp)!;
    editedRow = formulaCells(suivi).find(({ cell }) => cell.value === 0.5)!.row;
    edited = { ...suivi, cells: suivi.cells.map((line, r) => (r === editedRow ? line.map((c, i) => (i === LEADING_COLUMNS.length + 1 ? 'P' : c)) : line)) };
    recalculated = await recalculate({ written, edited: await writeXlsx([edited]) });
  }, 180_000);

  it('recalculates every attendance rate to the value the core computed, without any error', async () => {
    const workbook = await loadWorkbook(recalculated.written);
    const cells = new Map(readCells(workbook, SHEET_NAMES.followUp).map((c) => [`${c.row},${c.col}`, c]));
    const formulas = formulaCells(suivi);
    expect(formulas.length).toBeGreaterThan(100);
    const typed = formulas.filter(({ cell }) => cell.value !== '');
    expect(typed.map(({ cell }) => cell.value)).toEqual(expect.arrayContaining([0.5, 1, 0.2]));
    for (const { row, col, cell } of formulas) {
      const got = cells.get(`${row},${col}`);
      if (cell.value === '') expect(got?.value ?? '', `${row},${col}`).toBe('');
      else expect(got?.value, `${row},${col}`).toBeCloseTo(cell.value as number, 9);
    }
    for (const sheet of FOLLOW_UP_SHEETS) {
      expect(readCells(workbook, sheet).filter((c) => isErrorValue(c.value)).map((c) => `${sheet}!${c.address}`)).toEqual([]);
    }
  });

  it('follows a code changed in the file (A -> P)', async () => {
    const workbook = await loadWorkbook(recalculated.edited);
    const formulaCol = formulaCells(suivi).find(({ row }) => row === editedRow)!.col;
    const cell = readCells(workbook, SHEET_NAMES.followUp).find((c) => c.row === editedRow && c.col === formulaCol);
    expect(cell?.value).toBe(0.75);
  });

  it('carries paper, fit to width and one page break per pupil, list or class', async () => {
    const workbook = await loadWorkbook(written);
    const zip = await JSZip.loadAsync(written);
    for (const name of FOLLOW_UP_SHEETS) {
      const spec = generation.sheets.find((s) => s.name === name)!;
      const sheet = workbook.getWorksheet(name)!;
      expect(sheet.pageSetup.paperSize, name).toBe(9);
      expect(sheet.pageSetup.fitToWidth, name).toBe(1);
      expect(sheet.pageSetup.fitToHeight, name).toBe(0);
      expect((spec.print!.pageBreaksBefore ?? []).length, name).toBeGreaterThan(2);
      const xml = await zip.file(`xl/worksheets/sheet${sheet.id}.xml`)!.async('string');
      // <brk id="n"> is a break below row n (1-based): the page starts at spec row n (0-based).
      const breaks = [...xml.matchAll(/<brk id="(\d+)"[^>]*man="1"/g)].map((m) => Number(m[1]));
      expect(breaks, name).toEqual(spec.print!.pageBreaksBefore);
    }
  });

  it('passes the OOXML validator', async () => {
    const report = await validateXlsx(written);
    expect(report.errors).toEqual([]);
  }, 120_000);

  it('reads back what the teams typed, exactly, from the file', async () => {
    const fromFile = readFollowUp(await readXlsx(written));
    const fromSpecs = readFollowUp({ grids: generation.sheets.filter((s) => s.name === SHEET_NAMES.followUp).map((s) => ({ sheet: s.name, origin: { row: 0, col: 0 }, values: s.cells.map((line) => line.map((c) => (isFormula(c) ? (c.value ?? null) : c))) })) });
    expect(fromFile.records.length).toBe(fromSpecs.records.length);
    expect(fromFile.records.map(({ source: _, ...r }) => r)).toEqual(fromSpecs.records.map(({ source: _, ...r }) => r));
    const typedOutcomes = fromFile.records.filter((r) => r.cycle === 1 && r.outcome).map((r) => r.outcome);
    expect(typedOutcomes.sort()).toEqual(['atteint', 'en partie', 'non atteint']);
  });
});
