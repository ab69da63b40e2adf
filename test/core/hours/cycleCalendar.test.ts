/**
 * The cycle calendar follows what is known: laid again on the zone's school weeks when the UAI is typed
 * after cycle 1 (cycles not started only), laid again when the table is emptied, kept when the
 * coordinator typed dates; a cycle of fewer than three sessions is a warning with its cell.
 */
import { describe, expect, it } from 'vitest';
import { isoToSerial } from '../../../src/core/dates';
import { buildExampleWorkbook } from '../../../src/core/example';
import { schoolCalendar } from '../../../src/core/hours/nationalCalendar';
import { generate, type Generation } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-09-20';

function params(gateway: MemoryGateway) {
  return gateway.current().grids.find((g) => g.sheet === SHEET_NAMES.parameters)!.values;
}

function setParameter(gateway: MemoryGateway, label: string, value: string | number): void {
  gateway.setCell(SHEET_NAMES.parameters, params(gateway).findIndex((r) => r[0] === label), 1, value);
}

/** Rows (0-based) of the « Calendrier des cycles » data. */
function cycleRows(gateway: MemoryGateway): number[] {
  const values = params(gateway);
  const title = values.findIndex((r) => r[0] === 'Calendrier des cycles');
  const rows: number[] = [];
  for (let r = title + 2; r < values.length && typeof values[r][0] === 'number'; r++) rows.push(r);
  return rows;
}

async function run(gateway: MemoryGateway, cycle: number): Promise<Generation> {
  if (cycle > 1) setParameter(gateway, 'Cycle à générer', cycle);
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

describe('the cycle calendar', () => {
  it('is laid again on the zone’s school weeks when the UAI is typed after cycle 1, cycle 1 unmoved', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway, 1);
    const before = first.analysis.settings.cycles;
    setParameter(gateway, 'UAI', '0750655E');
    const second = await run(gateway, 2);
    const after = second.analysis.settings.cycles;
    expect(after[0]).toEqual(before[0]);
    expect(after.slice(1)).not.toEqual(before.slice(1));
    const zone = schoolCalendar(second.analysis.settings.general)!;
    const holidays = zone.weeksOff.map((p) => [isoToSerial(p.start), isoToSerial(p.end)]);
    for (const cycle of after.slice(1)) {
      for (const day of [cycle.start, cycle.end]) expect(holidays.some(([s, e]) => isoToSerial(day) >= s && isoToSerial(day) <= e)).toBe(false);
      expect(cycle.start > before[0].end).toBe(true);
    }
    expect(second.diagnostics.some((d) => /posés? de nouveau/.test(d.message) && /zone C/.test(d.message))).toBe(true);
    // What AP Calendrier shows is what was used.
    expect(second.hours.cycles.filter((c) => c.cycle > 1).map((c) => [c.start, c.end])).toEqual(after.slice(1).map((c) => [c.start, c.end]));
  });

  it('keeps dates typed by hand, and lays an emptied table again', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway, 1);
    const rows = cycleRows(gateway);
    gateway.setCell(SHEET_NAMES.parameters, rows[3], 1, isoToSerial(first.analysis.settings.cycles[3].start) + 1);
    setParameter(gateway, 'UAI', '0750655E');
    const typed = await run(gateway, 2);
    expect(typed.analysis.settings.cycles[3].start).not.toBe(first.analysis.settings.cycles[3].start);
    expect(typed.analysis.settings.cycles.slice(4)).toEqual(first.analysis.settings.cycles.slice(4));

    for (const r of rows) for (const c of [1, 2]) gateway.setCell(SHEET_NAMES.parameters, r, c, null);
    const emptied = await run(gateway, 2);
    expect(emptied.analysis.settings.cycles.length).toBeGreaterThan(4);
    expect(emptied.diagnostics.some((d) => /« Calendrier des cycles » vide/.test(d.message))).toBe(true);
    expect(emptied.diagnostics.some((d) => /aucune date de cycle/.test(d.message))).toBe(false);
  });

  it('says a cycle of fewer than three sessions, with its cell', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway, 1);
    const rows = cycleRows(gateway);
    const start = isoToSerial(first.analysis.settings.cycles[1].start);
    gateway.setCell(SHEET_NAMES.parameters, rows[1], 2, start + 11);
    const second = await run(gateway, 2);
    const short = second.diagnostics.filter((d) => d.severity === 'warning' && /Cycle 2 .*séances? seulement/.test(d.message));
    expect(short.length).toBeGreaterThan(0);
    for (const d of short) expect([d.sheet, d.cell]).toEqual([SHEET_NAMES.parameters, `B${rows[1] + 1}`]);
  });
});
