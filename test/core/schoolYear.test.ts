/**
 * A new school year in the same workbook (issue 26, first part): two cycles of 2026-2027 with hours
 * done, then « Année scolaire » 2027-2028 and cycle 1 again. Last year's sheets are archived as they
 * were, and nothing of last year counts as this year's.
 */
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { HOURS_HEADERS } from '../../src/core/hours/labels';
import { generate, type Generation } from '../../src/core/pipeline';
import { SHEET_NAMES } from '../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../src/gateways/memory';

function values(gateway: MemoryGateway, sheet: string) {
  return gateway.current().grids.find((g) => g.sheet === sheet)?.values;
}

function setParameter(gateway: MemoryGateway, label: string, value: string | number): void {
  gateway.setCell(SHEET_NAMES.parameters, values(gateway, SHEET_NAMES.parameters)!.findIndex((r) => r[0] === label), 1, value);
}

async function run(gateway: MemoryGateway, today: string): Promise<Generation> {
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

function typeHoursDone(gateway: MemoryGateway): number {
  const sheet = values(gateway, SHEET_NAMES.hours)!;
  const header = sheet.findIndex((line) => line[0] === HOURS_HEADERS.cycle && line[2] === HOURS_HEADERS.teacher);
  const col = (name: string) => sheet[header].indexOf(name);
  let typed = 0;
  for (let r = header + 1; r < sheet.length && typeof sheet[r][0] === 'number'; r++) {
    if (sheet[r][col(HOURS_HEADERS.source)] === 'Prévision') continue;
    gateway.setCell(SHEET_NAMES.hours, r, col(HOURS_HEADERS.done), 2);
    typed++;
  }
  return typed;
}

describe('a new school year in the same workbook', () => {
  it('archives last year as it was and counts nothing of it as this year’s', { timeout: 120_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    await run(gateway, '2026-09-20');
    setParameter(gateway, 'Cycle à générer', 2);
    await run(gateway, '2026-09-20');
    expect(typeHoursDone(gateway)).toBeGreaterThan(10);
    const lastYear = { history: values(gateway, SHEET_NAMES.history)!, hours: values(gateway, SHEET_NAMES.hours)! };

    // September 2027: a new year, cycle 1 again.
    setParameter(gateway, 'Année scolaire', '2027-2028');
    setParameter(gateway, 'Cycle à générer', 1);
    const next = await run(gateway, '2027-09-20');
    expect(values(gateway, `${SHEET_NAMES.history} 2026-2027`)).toEqual(lastYear.history);
    expect(values(gateway, `${SHEET_NAMES.hours} 2026-2027`)).toEqual(lastYear.hours);
    expect(next.hours.rows.filter((r) => r.hoursDone !== null)).toEqual([]);
    expect(next.history).toEqual([]);
    // The new year's cycles are laid from the national calendar (last year's dates are out of the year).
    expect(next.analysis.settings.cycles.length).toBeGreaterThan(4);
    for (const c of next.analysis.settings.cycles) expect(c.start >= '2027-08-01' && c.end <= '2028-08-31').toBe(true);
    expect(next.diagnostics.filter((d) => /est celle de l’année 2026-2027/.test(d.message)).map((d) => d.sheet).sort()).toEqual(
      [SHEET_NAMES.calendar, SHEET_NAMES.history, SHEET_NAMES.hours].sort(),
    );
    // The archive is never overwritten: generating again leaves it as it was.
    const again = await run(gateway, '2027-09-20');
    expect(again.sheets.some((s) => s.name.endsWith('2026-2027'))).toBe(false);
    expect(values(gateway, `${SHEET_NAMES.history} 2026-2027`)).toEqual(lastYear.history);
    // This year's history starts with this year's cycle 1 only.
    const rows = values(gateway, SHEET_NAMES.history)!;
    expect(String(rows[0][0])).toMatch(/2027-2028/);
    const header = rows.findIndex((r) => r[0] === 'Cycle');
    const table = rows.slice(header + 1, header + 1 + rows.slice(header + 1).findIndex((r) => !r.some((c) => c !== null && c !== '')));
    expect(new Set(table.map((r) => r[0]))).toEqual(new Set([1]));
    expect(table.length).toBe(again.plan.assignments.length);
  });
});
