/**
 * Workbooks written by earlier versions keep `nom:<classe>|<nom>` identifiers in `AP Historique` and
 * `AP Suivi`: the next generation must still give each pupil their own past (rotation, bilans, presence).
 */
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { generate } from '../../../src/core/pipeline';
import { nameKey } from '../../../src/core/read/names';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-09-20';

function gridOf(gateway: MemoryGateway, sheet: string) {
  return gateway.current().grids.find((g) => g.sheet === sheet)!;
}

/** Rewrites every current pupil id found in `sheet` as the earlier versions wrote it. */
function writeLegacyIds(gateway: MemoryGateway, sheet: string, legacyOf: Map<string, string>): number {
  let rewritten = 0;
  gridOf(gateway, sheet).values.forEach((row, r) =>
    row.forEach((cell, c) => {
      const legacy = typeof cell === 'string' ? legacyOf.get(cell) : undefined;
      if (legacy) {
        gateway.setCell(sheet, r, c, legacy);
        rewritten++;
      }
    }),
  );
  return rewritten;
}

describe('identifiers written by earlier versions', () => {
  it('still give each pupil their own history and follow-up', async () => {
    const cycleTwo = async (legacy: boolean) => {
      const gateway = createMemoryGateway(buildExampleWorkbook());
      const first = await generate(await gateway.readSnapshot(), { today });
      await gateway.writeSheets(first.sheets);
      if (legacy) {
        const pupils = first.analysis.read.pupils.filter((p) => !p.ine);
        const legacyOf = new Map(pupils.map((p) => [p.id, `nom:${p.className}|${nameKey(p.lastName, p.firstName)}`]));
        expect(writeLegacyIds(gateway, SHEET_NAMES.history, legacyOf)).toBeGreaterThan(100);
        writeLegacyIds(gateway, SHEET_NAMES.followUp, legacyOf);
      }
      const parameters = gridOf(gateway, SHEET_NAMES.parameters).values.findIndex((r) => r[0] === 'Cycle à générer');
      gateway.setCell(SHEET_NAMES.parameters, parameters, 1, 2);
      return generate(await gateway.readSnapshot(), { today });
    };
    const [control, legacy] = [await cycleTwo(false), await cycleTwo(true)];
    const pastOf = (g: Awaited<ReturnType<typeof cycleTwo>>) =>
      g.history
        .filter((h) => h.cycle === 1)
        .map((h) => `${h.pupilId}|${h.slotId}|${h.workshopTypeId}`)
        .sort();
    expect(pastOf(control).length).toBeGreaterThan(100);
    expect(pastOf(legacy)).toEqual(pastOf(control));
    expect(legacy.plan.assignments.map((a) => `${a.pupilId}|${a.groupId}`).sort()).toEqual(control.plan.assignments.map((a) => `${a.pupilId}|${a.groupId}`).sort());
  });
});
