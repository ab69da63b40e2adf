/**
 * The follow-up loop through the whole pipeline, over three cycles on the example workbook: what the
 * teams type in `AP Suivi` survives every generation (also when a pupil moves), a reached objective
 * lowers the next cycle's need, repeated absences flag the pupil.
 */
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { FOLLOW_UP_COLUMNS as COL, LEADING_COLUMNS } from '../../../src/core/followup/labels';
import { needKeyOf } from '../../../src/core/followup/contract';
import type { CellValue, Grid } from '../../../src/core/grid';
import { generate, type Generation } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-11-22';

async function run(gateway: MemoryGateway): Promise<Generation> {
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

const grid = (gateway: MemoryGateway, name: string): Grid => gateway.current().grids.find((g) => g.sheet === name)!;

function setCycle(gateway: MemoryGateway, cycle: number): void {
  const params = grid(gateway, SHEET_NAMES.parameters);
  gateway.setCell(SHEET_NAMES.parameters, params.values.findIndex((row) => row[0] === 'Cycle à générer'), 1, cycle);
}

/** The `AP Suivi` row of a pupil in a cycle and slot, with its header: cells by header name. */
function suiviRow(gateway: MemoryGateway, cycle: number, pupilId: string, slotId: string) {
  const values = grid(gateway, SHEET_NAMES.followUp).values;
  let header: CellValue[] = [];
  for (let r = 0; r < values.length; r++) {
    const row = values[r];
    if (row.includes(COL.id) && row.includes(COL.outcome)) header = row;
    const col = (name: string) => header.indexOf(name);
    if (header.length && row[col(COL.id)] === pupilId && row[col(COL.cycle)] === cycle && row[col(COL.slot)] === slotId) {
      const sessionCols = header.slice(LEADING_COLUMNS.length, col(COL.otherSessions)).map((label, i) => ({ label, col: LEADING_COLUMNS.length + i })).filter((s) => s.label);
      return {
        row: r,
        col,
        get: (name: string) => row[col(name)],
        sessions: sessionCols,
        marks: sessionCols.map((s) => row[s.col]),
      };
    }
  }
  return null;
}

function typeIn(gateway: MemoryGateway, cycle: number, pupilId: string, slotId: string, cells: Record<string, string>, marks: string[] = []): void {
  const at = suiviRow(gateway, cycle, pupilId, slotId);
  if (!at) throw new Error(`pas de ligne pour ${pupilId}`);
  for (const [name, value] of Object.entries(cells)) gateway.setCell(SHEET_NAMES.followUp, at.row, at.col(name), value);
  marks.forEach((mark, i) => gateway.setCell(SHEET_NAMES.followUp, at.row, at.sessions[i].col, mark));
}

function servedNeed(generation: Generation, pupilId: string, slotId: string) {
  const assignment = generation.plan.assignments.find((a) => a.pupilId === pupilId && a.slotId === slotId)!;
  const group = generation.plan.groups.find((g) => g.id === assignment.groupId)!;
  const need = generation.needs.find((n) => n.pupilId === pupilId)!.needs.find((n) => n.key === needKeyOf(group))!;
  return { group, need };
}

describe('follow-up over three cycles', () => {
  it('keeps what the teams typed, feeds bilans and absences into the next needs, and follows a pupil who moves', async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const first = await run(gateway);
    const [achiever, absentee, mover] = first.plan.assignments.filter((a, i, all) => all.findIndex((b) => b.pupilId === a.pupilId) === i);
    const before = servedNeed(first, achiever.pupilId, achiever.slotId);
    expect(before.need, 'the prefilled objective comes from the served need').toBeDefined();
    const prefilled = suiviRow(gateway, 1, achiever.pupilId, achiever.slotId)!;
    expect(String(prefilled.get(COL.objective))).toContain(before.need.reasons[0]);
    expect(prefilled.sessions.length).toBeGreaterThan(3);

    typeIn(gateway, 1, achiever.pupilId, achiever.slotId, { [COL.objective]: 'Lire une consigne jusqu’au bout', [COL.outcome]: 'atteint', [COL.selfAssessment]: 'en partie', [COL.comment]: 'très bon investissement' }, ['P', 'P', 'R', 'P']);
    typeIn(gateway, 1, absentee.pupilId, absentee.slotId, { [COL.outcome]: 'non atteint' }, ['A', 'P', 'A', 'A']);

    // Cycle 2.
    setCycle(gateway, 2);
    const second = await run(gateway);
    const kept = suiviRow(gateway, 1, achiever.pupilId, achiever.slotId)!;
    expect([kept.get(COL.objective), kept.get(COL.outcome), kept.get(COL.selfAssessment), kept.get(COL.comment)]).toEqual([
      'Lire une consigne jusqu’au bout',
      'atteint',
      'en partie',
      'très bon investissement',
    ]);
    expect(kept.marks.slice(0, 4)).toEqual(['P', 'P', 'R', 'P']);
    expect(kept.get(COL.attendance)).toBe(1);

    // The pupil's printed contract for cycle 2 recalls last cycle's bilan.
    const fiches = grid(gateway, SHEET_NAMES.contracts).values;
    const achieverPage = fiches.findIndex((row) => row[0] === second.analysis.read.pupils.find((p) => p.id === achiever.pupilId)!.displayName);
    const bilanLine = fiches.slice(achieverPage).find((row) => row[0] === 'Bilan du cycle précédent')!;
    // The team's comment stays in AP Suivi: it is not printed.
    expect(bilanLine[1]).toBe(`Cycle 1 · ${before.group.workshopTypeId} : atteint`);

    const after = second.needs.find((n) => n.pupilId === achiever.pupilId)!.needs.find((n) => n.key === before.need.key)!;
    expect(after.score).toBeLessThan(before.need.score);
    expect(after.reasons.join(' ')).toMatch(/objectif atteint au cycle 1/);

    const missed = servedNeed(first, absentee.pupilId, absentee.slotId).need;
    const missedAfter = second.needs.find((n) => n.pupilId === absentee.pupilId)!.needs.find((n) => n.key === missed.key)!;
    expect(missedAfter.score).toBeGreaterThanOrEqual(missed.score);
    expect(missedAfter.reasons.join(' ')).toMatch(/objectif non atteint au cycle 1 .*besoin maintenu \(présent\(e\) à 1 séance sur 4\)/);
    expect(second.followUp.flags.map((f) => f.pupilId)).toEqual([absentee.pupilId]);
    expect(second.needs.find((n) => n.pupilId === absentee.pupilId)!.followUp).toEqual(['absences répétées : suivi individuel']);
    // The follow-up that counted is in every « Pourquoi » of the pupil; the count of absences stays in AP Suivi.
    const reasons = second.plan.assignments.filter((x) => x.pupilId === absentee.pupilId && !x.locked).map((x) => x.reason);
    expect(reasons.length).toBeGreaterThan(0);
    for (const reason of reasons) expect(reason).toContain('absences répétées : suivi individuel');
    expect(second.followUp.involvement).toEqual([{ cycle: 1, marked: 8, attended: 5, rate: 5 / 8, flagged: 1 }]);
    // AP Indicateurs counts the same marks as the loop: 5 of the 8 marked sessions attended.
    const attendance = second.indicators.tables.find((t) => t.id === 'attendance')!;
    const total = attendance.columns.findIndex((c) => c.key === 'total');
    expect(attendance.rows.find((r) => r.key === 'presence')!.cells[total]).toEqual({ num: 5, den: 8 });

    // In cycle 2 the teams type for a pupil, then the coordinator moves the pupil to another group of the slot.
    const moverRow = second.plan.assignments.find((a) => a.pupilId === mover.pupilId)!;
    typeIn(gateway, 2, mover.pupilId, moverRow.slotId, { [COL.objective]: 'Objectif négocié avec l’élève', [COL.comment]: 'à revoir' }, ['P', 'E']);
    const current = second.plan.groups.find((g) => g.id === moverRow.groupId)!;
    const target = second.plan.groups.find((g) => g.slotId === current.slotId && g.workshopTypeId !== current.workshopTypeId && g.level === current.level)!;
    const groups = grid(gateway, SHEET_NAMES.groups);
    const header = groups.values.findIndex((row) => row.includes('Verrou'));
    const head = groups.values[header];
    const moverName = second.analysis.read.pupils.find((p) => p.id === mover.pupilId)!.displayName;
    const line = groups.values.findIndex((row, r) => r > header && row[head.indexOf('Élève')] === moverName && row[head.indexOf('Barrette')] === current.slotId);
    gateway.setCell(SHEET_NAMES.groups, line, head.indexOf('Atelier'), target.workshopTypeId);
    gateway.setCell(SHEET_NAMES.groups, line, head.indexOf('Intervenant'), target.teacher);
    gateway.setCell(SHEET_NAMES.groups, line, head.indexOf('Verrou'), 'oui');
    const moved = await run(gateway);
    const newGroup = moved.plan.groups.find((g) => g.id === moved.plan.assignments.find((a) => a.pupilId === mover.pupilId && a.slotId === current.slotId)!.groupId)!;
    expect(newGroup.workshopTypeId).toBe(target.workshopTypeId);
    const followed = suiviRow(gateway, 2, mover.pupilId, current.slotId)!;
    expect([followed.get(COL.workshop), followed.get(COL.objective), followed.get(COL.comment)]).toEqual([target.workshopTypeId, 'Objectif négocié avec l’élève', 'à revoir']);
    expect(followed.marks.slice(0, 2)).toEqual(['P', 'E']);

    // Cycle 3: every typed cell of cycles 1 and 2 is still there, and the teams' report shows the path.
    setCycle(gateway, 3);
    const third = await run(gateway);
    expect(suiviRow(gateway, 1, achiever.pupilId, achiever.slotId)!.get(COL.objective)).toBe('Lire une consigne jusqu’au bout');
    expect(suiviRow(gateway, 1, absentee.pupilId, absentee.slotId)!.marks.slice(0, 4)).toEqual(['A', 'P', 'A', 'A']);
    expect(suiviRow(gateway, 2, mover.pupilId, current.slotId)!.get(COL.objective)).toBe('Objectif négocié avec l’élève');
    expect(suiviRow(gateway, 3, mover.pupilId, current.slotId)).not.toBeNull();
    // Flags come from the last cycle only: nobody was absent in cycle 2.
    expect(third.followUp.flags).toEqual([]);

    const report = grid(gateway, SHEET_NAMES.teamsReport).values;
    const reportHeader = report.find((row) => row[0] === 'Élève')!;
    expect(reportHeader.slice(1, 4)).toEqual(['Cycle 1', 'Cycle 2', 'Cycle 3']);
    const achieverName = third.analysis.read.pupils.find((p) => p.id === achiever.pupilId)!.displayName;
    const achieverLine = report.find((row) => row[0] === achieverName)!;
    expect(String(achieverLine[1])).toContain(`${before.group.workshopTypeId} (atteint)`);
    expect(achieverLine[reportHeader.indexOf('Présence')]).toBe(1);
    expect(achieverLine[reportHeader.indexOf('Atteints')]).toBe(1);
    const absenteeName = third.analysis.read.pupils.find((p) => p.id === absentee.pupilId)!.displayName;
    expect(String(report.find((row) => row[0] === absenteeName)![reportHeader.indexOf('Suivi individuel')])).toMatch(/3 absences non excusées/);
  });
});
