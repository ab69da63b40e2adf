/**
 * The calendar parts of `AP Paramètres` through the whole pipeline: holidays prefilled from the zone,
 * a year the data does not cover, and every date checked with its cell named (issue 13, class 7).
 */
import { describe, expect, it } from 'vitest';
import { isoToSerial } from '../../../src/core/dates';
import { buildExampleWorkbook } from '../../../src/core/example';
import type { Grid, WorkbookSnapshot } from '../../../src/core/grid';
import { nationalWeeksOff } from '../../../src/core/hours/nationalCalendar';
import { generate } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway } from '../../../src/gateways/memory';

async function firstRun(today: string): Promise<{ book: WorkbookSnapshot; generation: Awaited<ReturnType<typeof generate>> }> {
  const gateway = createMemoryGateway(buildExampleWorkbook());
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return { book: structuredClone(gateway.current()), generation };
}

function params(book: WorkbookSnapshot): Grid {
  return book.grids.find((g) => g.sheet === SHEET_NAMES.parameters)!;
}

function rowAfter(grid: Grid, title: string, offset: number): number {
  return grid.values.findIndex((r) => r[0] === title) + offset;
}

describe('holidays prefilled from the school zone', async () => {
  const { book, generation } = await firstRun('2026-11-22');

  it('writes the holidays and public holidays common to all zones when the zone is not known yet', () => {
    const grid = params(book);
    const first = rowAfter(grid, 'Semaines sans AP', 2);
    const labels = grid.values.slice(first).map((r) => String(r[2] ?? ''));
    expect(labels).toContain('Vacances : Toussaint');
    expect(labels).toContain('Jour férié : Armistice (11 novembre)');
    expect(labels.some((l) => l.includes('Hiver'))).toBe(false);
    expect(generation.diagnostics.some((d) => d.message.startsWith('Zone de vacances inconnue'))).toBe(true);
  });

  it('adds the zone’s own holidays once the UAI says where the school is, and plans no session in them', async () => {
    const edited = structuredClone(book);
    const grid = params(edited);
    grid.values[grid.values.findIndex((r) => r[0] === 'UAI')][1] = '0750655E';
    const again = await generate(edited, { today: '2026-11-22' });
    const info = again.diagnostics.find((d) => d.message.startsWith('Calendrier national 2026-2027, zone C'));
    expect(info?.message).toMatch(/Hiver/);
    const off = nationalWeeksOff('2026-2027', 'C')!;
    const winter = off.find((p) => p.label.includes('Hiver'))!;
    expect(again.analysis.settings.weeksOff.some((p) => p.start === winter.start)).toBe(true);
    for (const entry of again.hours.calendar.filter((e) => e.firstDate)) {
      for (const date of [entry.firstDate!, entry.lastDate!]) expect(off.some((p) => date >= p.start && date <= p.end), date).toBe(false);
    }
  });
});

describe('a school year the data does not cover', async () => {
  const { book, generation } = await firstRun('2030-11-22');

  it('asks for the dates instead of guessing them', () => {
    const warning = generation.diagnostics.find((d) => d.message.includes("n'est pas dans le calendrier national"));
    expect(warning?.message).toMatch(/2030-2031/);
    expect(generation.analysis.settings.cycles).toEqual([]);
    const grid = params(book);
    const first = rowAfter(grid, 'Calendrier des cycles', 2);
    expect(grid.values[first].slice(0, 3)).toEqual([1, null, null]);
    expect(generation.hours.calendar.every((e) => e.estimated)).toBe(true);
  });

  it('takes the dates the coordinator then types', async () => {
    const edited = structuredClone(book);
    const grid = params(edited);
    const first = rowAfter(grid, 'Calendrier des cycles', 2);
    grid.values[first][1] = isoToSerial('2030-09-02');
    grid.values[first][2] = '18/10/2030';
    const again = await generate(edited, { today: '2030-11-22' });
    expect(again.analysis.settings.cycles).toEqual([{ cycle: 1, start: '2030-09-02', end: '2030-10-18', cell: expect.stringMatching(/^B\d+$/) }]);
  });
});

describe('dates of AP Paramètres are checked, with the cell named', async () => {
  const { book } = await firstRun('2026-11-22');
  const grid = params(book);
  const cycles = rowAfter(grid, 'Calendrier des cycles', 2);
  const weeksOff = rowAfter(grid, 'Semaines sans AP', 2);

  async function withCell(row: number, col: number, value: unknown) {
    const edited = structuredClone(book);
    params(edited).values[row][col] = value as never;
    return generate(edited, { today: '2026-11-22' });
  }

  const cases: [string, number, number, unknown, RegExp][] = [
    ['an impossible date', cycles, 1, '30/02/2027', /« 30\/02\/2027 » n'est pas une date/],
    ['a date in year 1000', cycles, 1, '01/01/1000', /hors de l'année scolaire 2026-2027/],
    ['a cycle ending in 9999', cycles, 2, '31/12/9999', /hors de l'année scolaire/],
    ['a cycle of 20 weeks', cycles, 2, '2027-01-22', /semaines, plus de 16/],
    ['an end before the start', weeksOff, 1, '01/09/2026', /précède le début/],
    ['a missing end', weeksOff, 1, null, /date « Au » manquante/],
  ];
  for (const [what, row, col, value, message] of cases) {
    it(`reports ${what}`, async () => {
      const generation = await withCell(row, col, value);
      const found = generation.diagnostics.find((d) => message.test(d.message));
      expect(found, generation.diagnostics.map((d) => d.message).join('\n')).toBeDefined();
      expect(found!.sheet).toBe(SHEET_NAMES.parameters);
      expect(found!.cell).toBe(`${'ABC'[col]}${row + 1}`);
    });
  }

  it('reports a period typed for something that is neither a level nor a class', async () => {
    const generation = await withCell(weeksOff, 3, '2NDE-Z');
    expect(generation.diagnostics.some((d) => /« 2NDE-Z » n'est ni un niveau des barrettes ni une classe/.test(d.message))).toBe(true);
    const byClass = await withCell(weeksOff, 3, '2MELEC');
    expect(byClass.diagnostics.some((d) => /n'est ni un niveau/.test(d.message))).toBe(false);
  });

  it('reports overlapping cycles and keeps the planned hours bounded', async () => {
    const generation = await withCell(cycles + 1, 1, grid.values[cycles][1]);
    expect(generation.diagnostics.some((d) => /chevauche le cycle 1/.test(d.message) && d.cell === `A${cycles + 2}`)).toBe(true);
    const total = generation.hours.teachers.reduce((t, x) => t + x.plannedHours, 0);
    expect(total).toBeLessThan(10_000);
  });
});

describe('default slots derived from the regime', () => {
  for (const [regime, uai] of [['Bac pro 2019', ''], ['Bac pro 2019', '0595856V'], ['Bac pro 2009', '0750655E'], ['Bac pro 2024 (soutien au parcours)', '0690001A']] as const) {
    it(`give each level about its envelope over the year (${regime}${uai ? `, UAI ${uai}` : ''})`, async () => {
      const { book } = await firstRun('2026-11-22');
      const grid = params(book);
      grid.values[grid.values.findIndex((r) => r[0] === 'Régime horaire')][1] = regime;
      grid.values[grid.values.findIndex((r) => r[0] === 'UAI')][1] = uai || null;
      // Remove the slots and cycles so that the defaults are derived again from the regime and the zone.
      for (const title of ['Barrettes', 'Calendrier des cycles']) grid.values[grid.values.findIndex((r) => r[0] === title)][0] = `${title} (ancien)`;
      const generation = await generate(book, { today: '2026-11-22' });
      const levels = generation.hours.levels.filter((l) => l.envelope !== null);
      expect(levels.length).toBeGreaterThan(0);
      for (const level of levels) {
        const slot = generation.analysis.settings.slots.find((s) => s.level === level.level)!;
        const sessions = level.offeredHours / slot.durationHours;
        // The nearest quarter-hour: within an eighth of an hour per session of the envelope.
        expect(Math.abs(level.gap!), `${level.level} ${slot.durationHours} h × ${sessions}`).toBeLessThanOrEqual(0.125 * sessions + 1e-9);
        expect(generation.diagnostics.some((d) => d.message.startsWith(`${level.level} :`) && d.message.includes('tolérance'))).toBe(Math.abs(level.gap!) > 5);
      }
    });
  }
});
