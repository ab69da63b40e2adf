import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { generate, STEP_LABELS, type StepId } from '../../src/core/pipeline';
import { MARKER, SHEET_NAMES } from '../../src/core/workbook';
import { createMemoryGateway } from '../../src/gateways/memory';

const today = '2026-11-22';

async function runOnce(gateway = createMemoryGateway(buildExampleWorkbook())) {
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return { gateway, generation };
}

describe('generation on the example workbook', () => {
  it('keeps every coordinator sheet identical', async () => {
    const original = buildExampleWorkbook();
    const { gateway } = await runOnce(createMemoryGateway(original));
    const after = gateway.current();
    for (const grid of original.grids) expect(after.grids.find((g) => g.sheet === grid.sheet)).toEqual(grid);
  });

  it('places each pupil once per slot of their level, or reports them with a reason', async () => {
    const { generation } = await runOnce();
    const { pupils } = generation.analysis.read;
    for (const pupil of pupils) {
      const slots = generation.analysis.settings.slots.filter((s) => s.level === pupil.level);
      for (const slot of slots) {
        const placed = generation.plan.assignments.filter((a) => a.pupilId === pupil.id && a.slotId === slot.id);
        const reported = generation.plan.unassigned.filter((u) => u.pupilId === pupil.id);
        expect(placed.length + (reported.length ? 1 : 0)).toBe(1);
      }
    }
    expect(generation.summary.pupilsRead).toBe(pupils.length);
  });

  it('writes marked output sheets, and parameter sheets only the first time', async () => {
    const { gateway, generation } = await runOnce();
    for (const spec of generation.sheets) expect(String(spec.cells[0][0])).toMatch(new RegExp(`^${MARKER}`));
    expect(generation.analysis.missingParameterSheets).toEqual([SHEET_NAMES.parameters, SHEET_NAMES.teachers, SHEET_NAMES.workshops]);
    const second = await runOnce(gateway);
    expect(second.generation.analysis.missingParameterSheets).toEqual([]);
    expect(second.generation.sheets.some((s) => s.role === 'parameters')).toBe(false);
  });

  it('gives the same groups for the same workbook', async () => {
    const a = await runOnce();
    const b = await runOnce();
    expect(b.generation.plan).toEqual(a.generation.plan);
    expect(b.generation.sheets).toEqual(a.generation.sheets);
  });

  it('reports progress through every step in order', async () => {
    const steps: StepId[] = [];
    await generate(buildExampleWorkbook(), { today, onProgress: (step) => void steps.push(step) });
    expect(steps).toEqual(Object.keys(STEP_LABELS));
  });

  it('stops before anything is written when cancelled', async () => {
    const controller = new AbortController();
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const run = generate(await gateway.readSnapshot(), {
      today,
      signal: controller.signal,
      onProgress: (step) => {
        if (step === 'plan') controller.abort();
      },
    });
    await expect(run).rejects.toThrow();
    expect(gateway.calls.writes).toBe(0);
  });

  it("never replaces a coordinator's own sheet that carries one of our names", async () => {
    const workbook = buildExampleWorkbook();
    workbook.grids.push({ sheet: SHEET_NAMES.groups, origin: { row: 0, col: 0 }, values: [['Mes groupes à moi'], ['DUPONT', 'G1']] });
    const { gateway, generation } = await runOnce(createMemoryGateway(workbook));
    expect(generation.sheets.some((s) => s.name === SHEET_NAMES.groups)).toBe(false);
    const aboutIt = generation.diagnostics.filter((d) => d.sheet === SHEET_NAMES.groups);
    expect(aboutIt).toHaveLength(1);
    expect(aboutIt[0].severity).toBe('error');
    expect(gateway.current().grids.find((g) => g.sheet === SHEET_NAMES.groups)?.values[0][0]).toBe('Mes groupes à moi');
  });

  it('goes on to the next cycle: locked rows kept, the previous cycle archived, never lost', async () => {
    const { gateway, generation: first } = await runOnce();
    const grid = (name: string) => gateway.current().grids.find((g) => g.sheet === name)!;
    const groups = grid(SHEET_NAMES.groups);
    const header = groups.values.findIndex((row) => row.includes('Verrou'));
    const lockCol = groups.values[header].indexOf('Verrou');
    const lockedRow = groups.values[header + 3];
    gateway.setCell(SHEET_NAMES.groups, header + 3, lockCol, 'oui');
    const params = grid(SHEET_NAMES.parameters);
    gateway.setCell(SHEET_NAMES.parameters, params.values.findIndex((row) => row[0] === 'Cycle à générer'), 1, 2);

    const { generation: second } = await runOnce(gateway);
    expect(second.analysis.settings.general.cycle).toBe(2);
    const column = (title: string) => lockedRow[groups.values[header].indexOf(title)];
    const pupil = second.analysis.read.pupils.find((p) => p.displayName === column('Élève'))!;
    const kept = second.plan.assignments.find((a) => a.pupilId === pupil.id)!;
    expect(kept.locked).toBe(true);
    const keptGroup = second.plan.groups.find((g) => g.id === kept.groupId)!;
    expect([keptGroup.workshopTypeId, keptGroup.teacher]).toEqual([column('Atelier'), column('Intervenant')]);

    const history = grid(SHEET_NAMES.history).values;
    const cycleCol = history.findIndex((row) => row[0] === 'Cycle');
    const rows = history.slice(cycleCol + 1);
    const table = rows.slice(0, rows.findIndex((row) => !row.some((cell) => cell !== null && cell !== '')));
    expect(new Set(table.map((row) => row[0]))).toEqual(new Set([1, 2]));
    expect(table.filter((row) => row[0] === 1).length).toBe(first.plan.assignments.length);
  });
});
