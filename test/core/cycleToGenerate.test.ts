/**
 * « Cycle à générer » is refused, with its cell, when it is not a cycle of the calendar or when it
 * would rewrite a cycle that is over and whose hours were typed; nothing is written then.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../src/core/diagnostics';
import { buildExampleWorkbook } from '../../src/core/example';
import { HOURS_HEADERS } from '../../src/core/hours/labels';
import { generate } from '../../src/core/pipeline';
import { SHEET_NAMES } from '../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../src/gateways/memory';

const today = '2026-09-20';

function grid(gateway: MemoryGateway, sheet: string) {
  return gateway.current().grids.find((g) => g.sheet === sheet)!;
}

function setCycle(gateway: MemoryGateway, value: unknown): string {
  const row = grid(gateway, SHEET_NAMES.parameters).values.findIndex((r) => r[0] === 'Cycle à générer');
  gateway.setCell(SHEET_NAMES.parameters, row, 1, value as never);
  return `B${row + 1}`;
}

async function run(gateway: MemoryGateway, date = today) {
  const generation = await generate(await gateway.readSnapshot(), { today: date });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

/** Types hours done on every cycle-`cycle` row of `AP Horaires`. */
function typeHoursDone(gateway: MemoryGateway, cycle: number): number {
  const values = grid(gateway, SHEET_NAMES.hours).values;
  const header = values.findIndex((line) => line[0] === HOURS_HEADERS.cycle && line[2] === HOURS_HEADERS.teacher);
  const doneCol = values[header].indexOf(HOURS_HEADERS.done);
  let typed = 0;
  for (let r = header + 1; r < values.length && values[r][0] !== null && values[r][0] !== undefined && values[r][0] !== ''; r++) {
    if (values[r][0] !== cycle) continue;
    gateway.setCell(SHEET_NAMES.hours, r, doneCol, 3);
    typed++;
  }
  return typed;
}

async function refusal(gateway: MemoryGateway, date = today): Promise<UnusableInputError> {
  const before = gateway.current();
  const error = await generate(await gateway.readSnapshot(), { today: date }).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnusableInputError);
  expect(gateway.current()).toEqual(before);
  return error as UnusableInputError;
}

describe('« Cycle à générer »', () => {
  it('refuses a value that is not a cycle of the calendar, naming the cell', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway);
    const cycles = first.analysis.settings.cycles.map((c) => c.cycle);
    expect(cycles.length).toBeGreaterThan(3);
    await fc.assert(
      fc.asyncProperty(
        fc.oneof(fc.constantFrom<unknown>('trois', 0, 99, -1, 2.5, 'cycle 2', ''), fc.integer({ min: cycles.length + 1, max: 40 })),
        async (value) => {
          const cell = setCycle(gateway, value);
          const error = await refusal(gateway);
          expect(error.diagnostics[0]).toMatchObject({ severity: 'error', sheet: SHEET_NAMES.parameters, cell });
          expect(error.message).toMatch(/Cycle à générer/);
        },
      ),
      { numRuns: 8 },
    );
    // Back to a real cycle: generation goes on.
    setCycle(gateway, 2);
    expect((await run(gateway)).analysis.settings.general.cycle).toBe(2);
  });

  it('refuses to rewrite an ended cycle whose hours were typed, and regenerates the current one', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    await run(gateway);
    setCycle(gateway, 2);
    await run(gateway);
    expect(typeHoursDone(gateway, 1)).toBeGreaterThan(0);
    // Cycle 2 is the current one: regenerating it stays possible.
    await run(gateway);
    const cell = setCycle(gateway, 1);
    const error = await refusal(gateway);
    expect(error.diagnostics[0]).toMatchObject({ severity: 'error', sheet: SHEET_NAMES.parameters, cell });
    expect(error.message).toMatch(/cycle 1 est terminé/);
  });

  it('refuses a cycle whose last day is past once its hours are typed', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway);
    const end = first.analysis.settings.cycles[0].end;
    const after = new Date(Date.parse(`${end}T00:00:00Z`) + 2 * 86_400_000).toISOString().slice(0, 10);
    // Over, but nothing typed: it may be generated again.
    await run(gateway, after);
    typeHoursDone(gateway, 1);
    await refusal(gateway, after);
  });
});
