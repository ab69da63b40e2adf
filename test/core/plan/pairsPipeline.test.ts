/**
 * The EDT pre-term list (test/fixtures/edt-previsionnel.xlsx) through the whole generation: its
 * « Regroupé avec » / « Séparé de » reach the planner and shape `AP Groupes`.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../../src/core/grid';
import type { PairConstraint, Plan } from '../../../src/core/model';
import { generate, type Generation } from '../../../src/core/pipeline';
import { normalizeText } from '../../../src/core/text';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { FIXTURES_DIR } from '../../../scripts/make-fixtures';
import { loadXlsx } from '../read/loadXlsx';

const today = '2026-11-22';
const PAIR_HEADERS = ['regroupe avec', 'separe de'];

/** The same list with its pair columns emptied: what the planner would do without the requests. */
function withoutPairs(snapshot: WorkbookSnapshot): WorkbookSnapshot {
  return {
    grids: snapshot.grids.map((grid) => {
      const columns = new Set<number>();
      grid.values.forEach((row) => row.forEach((v, c) => typeof v === 'string' && PAIR_HEADERS.includes(normalizeText(v)) && columns.add(c)));
      const header = grid.values.findIndex((row) => row.some((v) => typeof v === 'string' && PAIR_HEADERS.includes(normalizeText(v))));
      return { ...grid, values: grid.values.map((row, r) => (r > header ? row.map((v, c) => (columns.has(c) ? null : v)) : row)) };
    }),
  };
}

function unmet(plan: Plan, pairs: PairConstraint[]): PairConstraint[] {
  const groupOf = new Map(plan.assignments.map((a) => [`${a.pupilId}|${a.slotId}`, a.groupId]));
  return pairs.filter((pair) =>
    [...new Set(plan.assignments.map((a) => a.slotId))].some((slot) => {
      const [g1, g2] = pair.pupilIds.map((id) => groupOf.get(`${id}|${slot}`));
      return !!g1 && !!g2 && (g1 === g2) !== (pair.relation === 'together');
    }),
  );
}

let withPairs: Generation;
let base: Generation;
beforeAll(async () => {
  const snapshot = await loadXlsx(path.join(FIXTURES_DIR, 'edt-previsionnel.xlsx'));
  withPairs = await generate(snapshot, { today });
  base = await generate(withoutPairs(snapshot), { today });
});

describe('EDT pre-term list through the generation', () => {
  it('meets every pair of the list, which the groups without them did not', () => {
    const pairs = withPairs.analysis.read.pairs ?? [];
    expect(pairs.map((p) => p.relation).sort()).toContain('apart');
    expect(base.analysis.read.pairs ?? []).toEqual([]);
    // Without the requests the solver put a pair the wrong way (so the pass is exercised here).
    expect(unmet(base.plan, pairs).length).toBeGreaterThan(0);
    expect(unmet(withPairs.plan, pairs)).toEqual([]);
    expect(withPairs.plan.diagnostics.filter((d) => /« (Séparé de|Regroupé avec) » non respecté/.test(d.message))).toEqual([]);
  });

  it('says in « Pourquoi » why each pupil moved, and nothing else changes', () => {
    const before = new Map(base.plan.assignments.map((a) => [`${a.pupilId}|${a.slotId}`, a]));
    const moved = withPairs.plan.assignments.filter((a) => before.get(`${a.pupilId}|${a.slotId}`)?.groupId !== a.groupId);
    expect(moved.length).toBeGreaterThan(0);
    for (const a of moved) expect(a.reason).toMatch(/(séparé\(e\) de|regroupé\(e\) avec|pour regrouper|pour séparer) .+ à la demande de l’équipe\.$/);
    for (const a of withPairs.plan.assignments.filter((x) => !moved.includes(x))) expect(a.reason).toBe(before.get(`${a.pupilId}|${a.slotId}`)?.reason);
    const sheet = JSON.stringify(withPairs.sheets.find((s) => s.name === SHEET_NAMES.groups)?.cells);
    for (const a of moved) expect(sheet).toContain(JSON.stringify(a.reason).slice(1, -1));
  });
});
