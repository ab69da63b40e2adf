/**
 * Invariants of a year of edits, on random schools and random edit sequences through the pipeline
 * (fast-check): between two cycles the coordinator types hours done, renames teachers (placeholders
 * named or a mid-year rename), makes a barrette longer or renames one. After each generation:
 * - no teacher anywhere (hours, calendar, history, groups) that `AP Intervenants` does not declare;
 * - the planned and done hours of ended cycles never change (under today's names).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { buildSchoolWorkbook } from '../../../src/core/example';
import { HOURS_HEADERS } from '../../../src/core/hours/labels';
import { NO_TEACHER } from '../../../src/core/hours/workshops';
import { generate, type Generation } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-09-20';

type Edit = { kind: 'type-done' } | { kind: 'rename-teacher'; at: number } | { kind: 'longer-slot'; at: number } | { kind: 'rename-slot'; at: number };

const edit: fc.Arbitrary<Edit> = fc.oneof(
  fc.constant({ kind: 'type-done' as const }),
  fc.record({ kind: fc.constant('rename-teacher' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('longer-slot' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('rename-slot' as const), at: fc.nat() }),
);

function values(gateway: MemoryGateway, sheet: string) {
  return gateway.current().grids.find((g) => g.sheet === sheet)!.values;
}

function retype(gateway: MemoryGateway, sheet: string, from: string, to: string): void {
  values(gateway, sheet).forEach((line, r) => line.forEach((cell, c) => cell === from && gateway.setCell(sheet, r, c, to)));
}

/** Applies an edit; returns the renames it made (old name -> new name), by kind. */
function apply(gateway: MemoryGateway, generation: Generation, e: Edit, serial: number, names: Map<string, string> = new Map()): { teacher?: [string, string]; slot?: [string, string] } {
  const { teachers, slots } = generation.analysis.settings;
  if (e.kind === 'type-done') {
    const sheet = values(gateway, SHEET_NAMES.hours);
    const header = sheet.findIndex((line) => line[0] === HOURS_HEADERS.cycle && line[2] === HOURS_HEADERS.teacher);
    const col = (name: string) => sheet[header].indexOf(name);
    for (let r = header + 1; r < sheet.length && typeof sheet[r][0] === 'number'; r++) {
      if (sheet[r][0] === generation.analysis.settings.general.cycle) gateway.setCell(SHEET_NAMES.hours, r, col(HOURS_HEADERS.done), Number(sheet[r][col(HOURS_HEADERS.planned)]) + 0.5);
    }
    return {};
  }
  if (e.kind === 'rename-teacher') {
    const from = names.get(teachers[e.at % teachers.length].name) ?? teachers[e.at % teachers.length].name;
    const to = `Intervenant renommé ${serial}`;
    retype(gateway, SHEET_NAMES.teachers, from, to);
    return { teacher: [from, to] };
  }
  const slot = slots[e.at % slots.length];
  // A barrette renamed earlier in the same edits is found under its new name.
  const slotId = names.get(slot.id) ?? slot.id;
  if (e.kind === 'longer-slot') {
    const row = values(gateway, SHEET_NAMES.parameters).findIndex((line) => line[0] === slotId);
    gateway.setCell(SHEET_NAMES.parameters, row, 4, slot.durationHours + 0.25);
    return {};
  }
  const to = `${slot.level} barrette ${serial}`;
  retype(gateway, SHEET_NAMES.parameters, slotId, to);
  retype(gateway, SHEET_NAMES.teachers, slotId, to);
  return { slot: [slotId, to] };
}

async function run(gateway: MemoryGateway, cycle: number): Promise<Generation> {
  if (cycle > 1) gateway.setCell(SHEET_NAMES.parameters, values(gateway, SHEET_NAMES.parameters).findIndex((r) => r[0] === 'Cycle à générer'), 1, cycle);
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

type PastRow = { cycle: number; teacher: string; workshop: string; levels: string[]; slots: string[]; planned: number; done: number | null };

function pastRows(generation: Generation, before: number): PastRow[] {
  return generation.hours.rows
    .filter((r) => r.cycle < before)
    .map((r) => ({ cycle: r.cycle, teacher: r.teacher, workshop: r.workshop, levels: r.levels, slots: r.slotIds, planned: r.plannedHours, done: r.hoursDone }))
    .sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b)));
}

describe('a year of random edits on random schools', () => {
  it('declares every teacher and never changes an ended cycle', { timeout: 300_000 }, async () => {
    await fc.assert(
      fc.asyncProperty(fc.integer({ min: 1, max: 1_000_000 }), fc.array(fc.array(edit, { minLength: 1, maxLength: 3 }), { minLength: 2, maxLength: 3 }), async (seed, between) => {
        const gateway = createMemoryGateway(buildSchoolWorkbook({ classes: ['2MELEC', '2MRC', '1MELEC', 'TMRC'], pupilsPerClass: [12, 18], seed }));
        let generation = await run(gateway, 1);
        let serial = 0;
        for (const [i, edits] of between.entries()) {
          const cycle = i + 2;
          // The cycle just generated is done: its hours are typed, and it is generated again (still the current one).
          apply(gateway, generation, { kind: 'type-done' }, ++serial);
          generation = await run(gateway, cycle - 1);
          let reference = pastRows(generation, cycle);
          const names = new Map<string, string>();
          for (const e of edits) {
            const renamed = apply(gateway, generation, e, ++serial, names);
            for (const pair of [renamed.teacher, renamed.slot]) {
              if (!pair) continue;
              const [from, to] = pair;
              const original = [...names].find(([, now]) => now === from)?.[0] ?? from;
              names.set(original, to);
            }
            const [teacherFrom, teacherTo] = renamed.teacher ?? [];
            const [slotFrom, slotTo] = renamed.slot ?? [];
            reference = reference.map((r) => ({
              ...r,
              teacher: r.teacher === teacherFrom ? teacherTo! : r.teacher,
              slots: r.slots.map((id) => (id === slotFrom ? slotTo! : id)),
            }));
          }
          generation = await run(gateway, cycle);
          // No teacher anywhere that AP Intervenants does not declare.
          const declared = new Set([...generation.analysis.settings.teachers.map((t) => t.name), NO_TEACHER]);
          const named = [...generation.hours.rows, ...generation.hours.calendar, ...generation.history, ...generation.plan.groups].map((x) => x.teacher);
          expect([...new Set(named)].filter((n) => !declared.has(n))).toEqual([]);
          // Ended cycles: planned and done hours as they were, under today's names.
          expect(pastRows(generation, cycle)).toEqual(reference.sort((a, b) => JSON.stringify(a).localeCompare(JSON.stringify(b))));
        }
      }),
      {
        numRuns: 3,
        // A barrette renamed then made longer in the same edits.
        examples: [[122968639, [[{ kind: 'rename-teacher', at: 0 }], [{ kind: 'rename-slot', at: 0 }, { kind: 'longer-slot', at: 0 }, { kind: 'rename-teacher', at: 0 }, { kind: 'rename-teacher', at: 0 }]]]],
      },
    );
  });
});
