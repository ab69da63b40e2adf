import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook, buildLargeSchool } from '../../../src/core/example';
import { generate } from '../../../src/core/pipeline';
import { readPins } from '../../../src/core/plan';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { seedFakeExcel } from './seed';

const today = '2026-09-21';

describe('Office gateway with the engine', () => {
  it('generates the example workbook in Excel (fake) in 5 round trips (list, outline, values, fills, write) and reads the groups back', async () => {
    const excel = seedFakeExcel(buildExampleWorkbook());
    const coordinatorSheets = excel.sheetNames();
    const before = JSON.stringify(excel.sheets.map((s) => s.describe()));
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });

    const generation = await generate(await gateway.readSnapshot(), { today });
    await gateway.writeSheets(generation.sheets, { activate: SHEET_NAMES.groups });

    expect(excel.syncCount).toBe(5);
    expect(generation.summary.pupilsRead).toBeGreaterThan(0);
    expect(excel.sheetNames()).toEqual(expect.arrayContaining([SHEET_NAMES.groups, SHEET_NAMES.parameters]));
    const after = JSON.stringify(excel.sheets.filter((s) => coordinatorSheets.includes(s.name)).map((s) => s.describe()));
    expect(after).toBe(before);
    expect(excel.sheet(SHEET_NAMES.groups).tables.length).toBeGreaterThan(0);

    // What Excel now holds is what the engine asked for: every cell of every written sheet.
    const back = await gateway.readSnapshot();
    // The indicators and the printable follow-up sheets are never read back: only their marker,
    // which says the sheet is ours.
    const markerOnly: string[] = [SHEET_NAMES.indicators, SHEET_NAMES.contracts, SHEET_NAMES.attendance, SHEET_NAMES.teamsReport];
    for (const name of markerOnly) {
      const grid = back.grids.find((g) => g.sheet === name)!;
      expect(grid.values).toEqual([[generation.sheets.find((s) => s.name === name)!.cells[0][0]]]);
    }
    // AP Groupes: below its header, only the columns read back for locks (not « Pourquoi »...).
    const groupsSpec = generation.sheets.find((s) => s.name === SHEET_NAMES.groups)!;
    const header = groupsSpec.cells.findIndex((line) => line.includes('Verrou'));
    const readBack = new Set(['Barrette', 'Atelier', 'Intervenant', 'Élève', 'Classe', 'Verrou'].map((h) => groupsSpec.cells[header].indexOf(h)));
    expect(readBack.has(-1)).toBe(false);
    for (const spec of generation.sheets.filter((s) => !markerOnly.includes(s.name))) {
      const grid = back.grids.find((g) => g.sheet === spec.name)!;
      spec.cells.forEach((line, r) =>
        line.forEach((cell, c) => {
          if (cell === null || cell === '' || typeof cell === 'object') return;
          const expected = spec === groupsSpec && r > header && !readBack.has(c) ? null : cell;
          expect(grid.values[r - grid.origin.row][c - grid.origin.col]).toBe(expected);
        }),
      );
    }
  });

  it('runs a second generation over the first in 4 round trips: outputs replaced, parameter sheets kept', async () => {
    const excel = seedFakeExcel(buildExampleWorkbook());
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    await gateway.writeSheets((await generate(await gateway.readSnapshot(), { today })).sheets);
    const parameters = excel.sheet(SHEET_NAMES.parameters).describe();
    excel.syncCount = 0;

    const second = await generate(await gateway.readSnapshot(), { today });
    await gateway.writeSheets(second.sheets);
    // The list and the outlines share a sync when the workbook holds the sheets the last write left.
    expect(excel.syncCount).toBe(4);
    expect(excel.sheet(SHEET_NAMES.parameters).describe()).toEqual(parameters);
    expect(excel.sheetNames().filter((n) => n === SHEET_NAMES.groups)).toHaveLength(1);
  });

  it('reads back a lock typed in AP Groupes although only the columns it needs are read', async () => {
    const excel = seedFakeExcel(buildExampleWorkbook());
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    const generation = await generate(await gateway.readSnapshot(), { today });
    await gateway.writeSheets(generation.sheets);
    const spec = generation.sheets.find((s) => s.name === SHEET_NAMES.groups)!;
    const header = spec.cells.findIndex((line) => line.includes('Verrou'));
    const lockCol = spec.cells[header].indexOf('Verrou');
    excel.sheet(SHEET_NAMES.groups).ensure(header + 2, lockCol).value = 'oui';

    const snapshot = await gateway.readSnapshot();
    const { pins } = readPins(snapshot, generation.analysis.read.pupils);
    expect(pins).toHaveLength(1);
    expect(pins[0].workshopTypeId).toBeTruthy();
  });

  it('writes a first generation for 2,000 pupils in 6 round trips and regenerates in 4, every request and answer under 4 MB', async () => {
    const excel = seedFakeExcel(buildLargeSchool(2_000));
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true, fingerprints: true });
    const generation = await generate(await gateway.readSnapshot(), { today });
    await gateway.writeSheets(generation.sheets);
    expect(generation.summary.pupilsRead).toBeGreaterThanOrEqual(1_900);
    // List, outlines, values, fills, then the write: with the follow-up sheets (AP Fiches prints one
    // page per pupil) a first generation weighs about 5 MB, two requests under the 4 MB budget.
    expect(excel.syncCount).toBeLessThanOrEqual(6);
    expect(Math.max(...excel.requestBytes, ...excel.responseBytes)).toBeLessThan(4_000_000);

    // The target, what a coordinator does every cycle: the second generation over the first.
    excel.syncCount = 0;
    const requestsBefore = excel.requestBytes.length;
    const second = await generate(await gateway.readSnapshot(), { today });
    await gateway.writeSheets(second.sheets);
    expect(excel.syncCount).toBeLessThanOrEqual(4);
    expect(Math.max(...excel.requestBytes.slice(requestsBefore), ...excel.responseBytes.slice(requestsBefore))).toBeLessThan(4_000_000);
    expect(excel.sheetNames().filter((name) => name === SHEET_NAMES.contracts)).toHaveLength(1);
    // Past 1,001 placed pupils, AP Fiches comes in parts, each under the breaks Excel keeps (the fake
    // refuses more than 1,026 on a sheet, as Excel keeps).
    const placed = new Set(second.plan.assignments.map((a) => a.pupilId)).size;
    const parts = excel.sheets.filter((s) => s.visibility === 'Visible' && s.name.startsWith(SHEET_NAMES.contracts));
    expect(placed).toBeGreaterThan(1_001);
    expect(parts.length).toBeGreaterThanOrEqual(Math.ceil(placed / 1_001));
    for (const sheet of excel.sheets) expect(sheet.pageBreaksBefore.length).toBeLessThanOrEqual(1_000);
  });
});
