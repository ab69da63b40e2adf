/**
 * `AP Indicateurs` written to a real .xlsx and recalculated by LibreOffice: every formula gives the
 * value the core computed and no cell ends in an error, with wildcard-like teacher names in the school.
 */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { generate } from '../../src/core/pipeline';
import { isFormula } from '../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../src/core/workbook';
import { writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { createMemoryGateway } from '../../src/gateways/memory';
import { isErrorValue, loadWorkbook, readCells, recalculate, type ReadCell } from './recalc';

describe('LibreOffice recalculation of AP Indicateurs and AP Horaires from a whole generation', () => {
  let cells: Record<string, ReadCell[]>;
  let specs: Awaited<ReturnType<typeof generate>>['sheets'];

  beforeAll(async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    await gateway.writeSheets((await generate(await gateway.readSnapshot(), { today: '2026-11-22' })).sheets);
    // Teachers renamed as a coordinator might: patterns and operators for SUMIFS, plain text here.
    const book = structuredClone(gateway.current());
    const teachers = book.grids.find((g) => g.sheet === SHEET_NAMES.teachers)!;
    const names = ['Prof à recruter ?', '*', '<>Prof à recruter ?', '~*'];
    names.forEach((name, i) => (teachers.values[3 + i][0] = name));
    const generation = await generate(book, { today: '2026-11-22' });
    specs = generation.sheets.filter((s) => s.name === SHEET_NAMES.indicators || s.name === SHEET_NAMES.hours);
    const { file } = await recalculate({ file: await writeXlsx(specs) });
    const workbook = await loadWorkbook(file);
    cells = Object.fromEntries(specs.map((s) => [s.name, readCells(workbook, s.name)]));
  }, 120_000);

  it('gives every formula the value the core computed', () => {
    let compared = 0;
    for (const spec of specs) {
      const byPosition = new Map(cells[spec.name].map((c) => [`${c.row},${c.col}`, c]));
      spec.cells.forEach((line, row) =>
        line.forEach((cell, col) => {
          if (!isFormula(cell)) return;
          const got = byPosition.get(`${row},${col}`);
          if (typeof cell.value === 'number') expect(got?.value, `${spec.name}!${got?.address} ${cell.formula}`).toBeCloseTo(cell.value, 9);
          else expect(got?.value, `${spec.name}!${got?.address} ${cell.formula}`).toBe(cell.value);
          compared++;
        }),
      );
    }
    expect(compared).toBeGreaterThan(60);
    expect(specs.find((s) => s.name === SHEET_NAMES.indicators)!.cells.flat().some(isFormula)).toBe(true);
  });

  it('leaves no error value anywhere', () => {
    for (const spec of specs) expect(cells[spec.name].filter((c) => isErrorValue(c.value)).map((c) => `${spec.name}!${c.address}`)).toEqual([]);
  });
});
