/**
 * A school year through the whole pipeline, as a coordinator runs it: generate, write the sheets, set
 * the next cycle, generate again from the written workbook. Six cycles on the same positionnement,
 * then two on improving results. Teachers are renamed after cycle 1 and a few rows are locked.
 */
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import type { Generation } from '../../../src/core/pipeline';
import { generate } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { normalizeText } from '../../../src/core/text';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-09-20';

function gridOf(gateway: MemoryGateway, sheet: string) {
  return gateway.current().grids.find((g) => g.sheet === sheet)!;
}

function setParameter(gateway: MemoryGateway, label: string, value: number): void {
  const row = gridOf(gateway, SHEET_NAMES.parameters).values.findIndex((r) => r[0] === label);
  expect(row).toBeGreaterThanOrEqual(0);
  gateway.setCell(SHEET_NAMES.parameters, row, 1, value);
}

/** Replace every « (à compléter) » teacher name by a real one, as the sheet asks. */
function renameTeachers(gateway: MemoryGateway): Map<string, string> {
  const renamed = new Map<string, string>();
  gridOf(gateway, SHEET_NAMES.teachers).values.forEach((row, r) =>
    row.forEach((cell, c) => {
      if (typeof cell !== 'string' || !cell.includes('(à compléter)')) return;
      const name = `Mme Nouvelle ${renamed.size + 1}`;
      renamed.set(cell, name);
      gateway.setCell(SHEET_NAMES.teachers, r, c, name);
    }),
  );
  return renamed;
}

/** Lock rows of `AP Groupes` (row index -> value written in Verrou); returns the pupils' names. */
function lockRows(gateway: MemoryGateway, locks: [number, string][]): string[] {
  const values = gridOf(gateway, SHEET_NAMES.groups).values;
  const header = values.findIndex((row) => row.includes('Verrou'));
  const lockCol = values[header].indexOf('Verrou');
  const pupilCol = values[header].indexOf('Élève');
  return locks.map(([offset, value]) => {
    gateway.setCell(SHEET_NAMES.groups, header + 1 + offset, lockCol, value);
    return String(values[header + 1 + offset][pupilCol]);
  });
}

/** Better results everywhere: « non acquis » become « en cours », « en cours » become « acquis ». */
function improveResults(gateway: MemoryGateway): void {
  for (const grid of gateway.current().grids) {
    if (grid.sheet.startsWith('AP') || !/^[12T]/.test(grid.sheet)) continue;
    grid.values.forEach((row, r) =>
      row.forEach((cell, c) => {
        const text = normalizeText(cell);
        if (['na', 'n a', 'non acquis'].includes(text)) gateway.setCell(grid.sheet, r, c, 'ECA');
        else if (['eca', 'en cours'].includes(text)) gateway.setCell(grid.sheet, r, c, 'A');
      }),
    );
  }
}

async function run(gateway: MemoryGateway, cycle: number): Promise<Generation> {
  // The first generation creates `AP Paramètres` (cycle 1 by default).
  if (cycle > 1) setParameter(gateway, 'Cycle à générer', cycle);
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

/** Longest run of consecutive cycles in which a pupil attended the same remediation, not locked. */
function longestRun(byCycle: Generation[], pupilId: string): number {
  let longest = 0;
  const runs = new Map<string, number>();
  for (const generation of byCycle) {
    const now = new Set(
      generation.plan.assignments
        .filter((a) => a.pupilId === pupilId && !a.locked)
        .map((a) => generation.plan.groups.find((g) => g.id === a.groupId)!)
        .filter((g) => g.kind === 'remediation')
        .map((g) => normalizeText(g.discipline)),
    );
    for (const key of [...runs.keys()]) if (!now.has(key)) runs.delete(key);
    for (const key of now) runs.set(key, (runs.get(key) ?? 0) + 1);
    longest = Math.max(longest, ...runs.values());
  }
  return longest;
}

describe('a school year, cycle after cycle', () => {
  it('rotates, covers each profile, expires locks and never invents teachers', { timeout: 120_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const cycles: Generation[] = [await run(gateway, 1)];
    const first = cycles[0];
    const { pupils } = first.analysis.read;
    const max = first.analysis.settings.general.maxConsecutiveCycles;

    const renamed = renameTeachers(gateway);
    expect(renamed.size).toBeGreaterThan(0);
    const onceLocked = lockRows(gateway, [[0, 'oui'], [40, 'oui']]);
    const [alwaysLocked] = lockRows(gateway, [[80, 'toujours']]);
    const alwaysPupil = pupils.find((p) => p.displayName === alwaysLocked)!;

    for (let cycle = 2; cycle <= 6; cycle++) cycles.push(await run(gateway, cycle));

    // Renamed teachers create nothing: every group is led by someone of `AP Intervenants` as it is now.
    const teachers = new Set(cycles[1].analysis.settings.teachers.map((t) => t.name));
    for (const generation of cycles.slice(1)) for (const group of generation.plan.groups) expect(teachers).toContain(group.teacher);

    // A placeholder named is the same teacher: locks on them keep the workshop with the teacher under the new name.
    for (const name of [...onceLocked, alwaysLocked]) {
      const pupil = pupils.find((p) => p.displayName === name)!;
      const a = cycles[1].plan.assignments.find((x) => x.pupilId === pupil.id)!;
      const before = first.plan.groups.find((g) => g.id === first.plan.assignments.find((x) => x.pupilId === pupil.id)!.groupId)!;
      const after = cycles[1].plan.groups.find((g) => g.id === a.groupId)!;
      expect(a.locked).toBe(true);
      expect([after.workshopTypeId, after.teacher]).toEqual([before.workshopTypeId, renamed.get(before.teacher) ?? before.teacher]);
    }
    expect(cycles[1].diagnostics.filter((d) => d.sheet === SHEET_NAMES.groups && /n’est plus dans AP Intervenants/.test(d.message))).toEqual([]);

    // « oui » holds for one generation (and again if that cycle is generated again); « toujours » holds.
    for (const name of onceLocked) {
      const pupil = pupils.find((p) => p.displayName === name)!;
      expect(cycles[2].plan.assignments.find((a) => a.pupilId === pupil.id)?.locked).toBe(false);
    }
    expect(cycles[2].diagnostics.filter((d) => /verrou du cycle 2 expiré/.test(d.message))).toHaveLength(2);
    for (const generation of cycles.slice(1)) expect(generation.plan.assignments.find((a) => a.pupilId === alwaysPupil.id)?.locked).toBe(true);

    // Rotation on stale results: nobody past the limit in one remediation (locks aside).
    for (const pupil of pupils) if (pupil.id !== alwaysPupil.id) expect({ pupil: pupil.displayName, run: longestRun(cycles, pupil.id) }).toEqual({ pupil: pupil.displayName, run: Math.min(max, longestRun(cycles, pupil.id)) });

    // Year goals: project work for every « Malgré eux » pupil, approfondissement for every pupil at ease.
    const kindsOf = (pupilId: string) =>
      new Set(cycles.flatMap((g) => g.plan.assignments.filter((a) => a.pupilId === pupilId).map((a) => g.plan.groups.find((x) => x.id === a.groupId)!.kind)));
    const goals = new Map(first.needs.map((n) => [n.pupilId, n.goals ?? []]));
    const despite = pupils.filter((p) => p.profile === 'despite');
    // The pupil locked « toujours » stays where the coordinator put them.
    const atEase = pupils.filter((p) => p.id !== alwaysPupil.id && goals.get(p.id)!.some((g) => g.kind === 'enrichment'));
    expect(despite.length).toBeGreaterThan(5);
    expect(atEase.length).toBeGreaterThan(20);
    for (const pupil of despite) expect({ pupil: pupil.displayName, orientation: kindsOf(pupil.id).has('orientation') }).toEqual({ pupil: pupil.displayName, orientation: true });
    for (const pupil of atEase) expect({ pupil: pupil.displayName, enrichment: kindsOf(pupil.id).has('enrichment') }).toEqual({ pupil: pupil.displayName, enrichment: true });

    // AP for all: orientation is part of every pupil's year, with or without an interview, and the summary counts it.
    const withoutOrientation = pupils.filter((p) => p.id !== alwaysPupil.id && !kindsOf(p.id).has('orientation'));
    expect(withoutOrientation.map((p) => p.displayName)).toEqual([]);
    const summary = cycles[5].diagnostics.find((d) => d.message.startsWith('Parcours de l’année (cycles 1 à 6)'))!;
    const orientationCount = pupils.filter((p) => kindsOf(p.id).has('orientation')).length;
    expect(summary.message).toContain(`orientation ${orientationCount}`);

    // Every « Pourquoi » of the year is for the pupil: no score, no profile, « à l’aise » only when the results say so.
    for (const generation of cycles) {
      const resultsOf = new Map(generation.analysis.read.pupils.map((p) => [p.id, p.results]));
      for (const a of generation.plan.assignments) {
        expect(a.reason).not.toMatch(/\d,\d/);
        expect(a.reason).not.toMatch(/profil|Malgré eux|Contents d’être là|Pourquoi pas \?/);
        if (a.reason.includes('à l’aise')) {
          const results = resultsOf.get(a.pupilId)!;
          expect(results.filter((r) => r.level >= 3).length * 3).toBeGreaterThanOrEqual(results.length * 2);
        }
        // The team keeps the scores in its own column.
        expect(a.detail).toBeTruthy();
      }
    }
    const staffColumn = gridOf(gateway, SHEET_NAMES.groups).values.find((row) => row.includes('Pourquoi'))!;
    expect(staffColumn).toContain('Détail pour l’équipe (non destiné à l’élève)');

    // Results improve: a pupil may stay past the limit only on a newer positionnement that still shows a strong need, and is told so.
    // The calendar has six cycles: the last two, where nothing was typed yet, are generated again on them.
    improveResults(gateway);
    for (let cycle = 5; cycle <= 6; cycle++) cycles.push(await run(gateway, cycle));
    const history = gridOf(gateway, SHEET_NAMES.history).values;
    expect(new Set(history.map((row) => row[0]).filter((c) => typeof c === 'number'))).toEqual(new Set([1, 2, 3, 4, 5, 6]));
    for (const generation of cycles.slice(6)) {
      for (const a of generation.plan.assignments) {
        const inARow = /(\d+)e cycle de suite/.exec(a.reason);
        if (inARow && Number(inARow[1]) > max && !a.locked) expect(a.reason).toContain('besoin encore fort au nouveau positionnement');
      }
    }
    const strongBefore = cycles[5].plan.assignments.filter((a) => a.score >= 0.6).length;
    const strongAfter = cycles[7].plan.assignments.filter((a) => a.score >= 0.6).length;
    expect(strongAfter).toBeLessThan(strongBefore);
  });
  it('gives every pupil orientation work over the year without an interview sheet, and counts it in the summary', { timeout: 120_000 }, async () => {
    const book = buildExampleWorkbook();
    const gateway = createMemoryGateway({ ...book, grids: book.grids.filter((g) => g.sheet !== 'Entretiens') });
    const cycles: Generation[] = [];
    for (let cycle = 1; cycle <= 6; cycle++) cycles.push(await run(gateway, cycle));
    const { pupils } = cycles[0].analysis.read;
    expect(pupils.some((p) => p.profile || p.project)).toBe(false);
    const had = new Set(cycles.flatMap((g) => g.plan.assignments.filter((a) => g.plan.groups.find((x) => x.id === a.groupId)!.kind === 'orientation').map((a) => a.pupilId)));
    expect(pupils.filter((p) => !had.has(p.id)).map((p) => p.displayName)).toEqual([]);
    expect(cycles[5].diagnostics.map((d) => d.message)).toContainEqual(expect.stringContaining(`orientation ${pupils.length}`));
    // The pupil hears why: the part of AP every pupil has.
    const orientation = cycles.flatMap((g) => g.plan.assignments.filter((a) => g.plan.groups.find((x) => x.id === a.groupId)!.kind === 'orientation'));
    expect(orientation.every((a) => a.reason.includes('accompagnement au choix d’orientation'))).toBe(true);
  });
});
