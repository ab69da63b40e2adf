/**
 * `AP Suivi` keeps what the teams typed, whatever they typed and wherever the pupils are now
 * (fast-check over random records on the example workbook's plan), and a regeneration without change
 * writes the same sheet again.
 */
import fc from 'fast-check';
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { buildFollowUpBlocks, readFollowUp, type FollowUpBlock, type FollowUpRecord } from '../../../src/core/followup';
import { generate, type Generation } from '../../../src/core/pipeline';
import { renderSuiviSheet } from '../../../src/core/followup/suiviSheet';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { specToGrid } from '../../../src/core/render/specToGrid';
import { normalizeText } from '../../../src/core/text';
import { needKeyOf, prefilledIndicator, prefilledObjective } from '../../../src/core/followup/contract';

let generation: Generation;
beforeAll(async () => {
  generation = await generate(buildExampleWorkbook(), { today: '2026-11-22' });
});

const CYCLE = 2;

function blocksOf(records: FollowUpRecord[]): FollowUpBlock[] {
  const { plan, needs, hours } = generation;
  const { settings } = generation.analysis;
  return buildFollowUpBlocks({ cycle: CYCLE, plan, pupils: generation.analysis.read.pupils, needs, settings, hours, records });
}

function suiviOf(blocks: FollowUpBlock[]) {
  return renderSuiviSheet({ cycle: CYCLE, blocks, involvement: [], flags: [], pupilName: (id) => id });
}

const text = fc.oneof(fc.constant(''), fc.string({ minLength: 1, maxLength: 12 }).map((s) => s.replace(/[;:]/g, '·').trim()));
const mark = fc.constantFrom('', 'P', 'A', 'R', 'E', 'p', 'absent', '?');

function recordsArbitrary() {
  const pupils = generation.analysis.read.pupils;
  const slotIds = [...generation.analysis.settings.slots.map((s) => s.id), 'Barrette disparue'];
  const labels = ['lun. 07/09', 'mar. 08/09', 'mar. 15/09', 'Séance 1', 'Séance 2', 'jeu. 10/09'];
  const record = fc.record({
    cycle: fc.integer({ min: 1, max: 3 }),
    pupil: fc.constantFrom(...pupils),
    slotId: fc.constantFrom(...slotIds),
    workshop: fc.constantFrom('Remédiation Français', 'Atelier ancien'),
    objective: text,
    indicator: text,
    columns: fc.subarray(labels),
    marks: fc.array(mark, { minLength: 6, maxLength: 6 }),
    others: fc.array(fc.tuple(fc.constantFrom('ven. 02/10', 'Séance 9'), fc.constantFrom('P', 'A')), { maxLength: 2 }),
    selfAssessment: fc.constantFrom('', 'atteint', 'en partie', 'bof'),
    outcome: fc.constantFrom('', 'atteint', 'non atteint'),
    pupilBilan: text,
    comment: text,
  });
  return fc
    .uniqueArray(record, { maxLength: 25, selector: (r) => `${r.cycle}|${r.pupil.id}|${r.slotId}` })
    .map((list) =>
      list.map(
        (r): FollowUpRecord => ({
          cycle: r.cycle,
          pupilId: r.pupil.id,
          pupilName: r.pupil.displayName,
          className: r.pupil.className,
          slotId: r.slotId,
          groupId: 'G-ancien',
          workshop: r.workshop,
          teacher: 'M. Ancien',
          objective: r.objective,
          indicator: r.indicator,
          columns: r.columns,
          sessions: [
            ...r.columns.map((label, i) => ({ label, value: r.marks[i] })),
            ...r.others.filter(([label]) => !r.columns.includes(label)).map(([label, value]) => ({ label, value })),
          ].filter((m, i, all) => all.findIndex((o) => normalizeText(o.label) === normalizeText(m.label)) === i),
          selfAssessment: r.selfAssessment,
          outcome: r.outcome,
          pupilBilan: r.pupilBilan,
          comment: r.comment,
          source: { sheet: SHEET_NAMES.followUp, cell: 'A1' },
        }),
      ),
    );
}

const typedMarks = (marks: { label: string; value: string }[]) =>
  marks.filter((m) => m.value).map((m) => `${normalizeText(m.label)}=${m.value}`).sort();

describe('AP Suivi rows', () => {
  it('keep every typed cell, once, and give every placed pupil a row', () => {
    fc.assert(
      fc.property(recordsArbitrary(), (records) => {
        const blocks = blocksOf(records);
        const rows = blocks.flatMap((b) => b.rows.map((row) => ({ row, block: b })));
        const planned = rows.filter((r) => r.row.planned);
        expect(planned.length).toBe(generation.plan.assignments.length);
        for (const record of records) {
          const found = rows.filter(({ row }) => row.cycle === record.cycle && row.pupilId === record.pupilId && normalizeText(row.slotId) === normalizeText(record.slotId));
          const typed = record.sessions.some((m) => m.value) || record.selfAssessment || record.outcome || record.pupilBilan || record.comment;
          if (!found.length) {
            // Only an untouched row of this cycle the plan no longer holds may go.
            expect(record.cycle === CYCLE && !typed).toBe(true);
            continue;
          }
          expect(found).toHaveLength(1);
          const [{ row, block }] = found;
          expect([row.selfAssessment, row.outcome, row.pupilBilan, row.comment]).toEqual([record.selfAssessment, record.outcome, record.pupilBilan, record.comment]);
          if (record.objective) expect(row.objective).toBe(record.objective);
          if (record.indicator) expect(row.indicator).toBe(record.indicator);
          const kept = [...block.sessions.map((label, i) => ({ label, value: row.marks[i] })), ...row.otherSessions];
          expect(typedMarks(kept)).toEqual(typedMarks(record.sessions));
        }
      }),
      { numRuns: 60 },
    );
  });

  it('are written, read back and written again identically', () => {
    fc.assert(
      fc.property(recordsArbitrary(), (records) => {
        const once = suiviOf(blocksOf(records));
        const read = readFollowUp({ grids: [specToGrid(once)] });
        const twice = suiviOf(blocksOf(read.records));
        expect(twice.cells).toEqual(once.cells);
      }),
      { numRuns: 40 },
    );
  });

  it('give a pupil who moved the new workshop’s contract unless the teams rewrote it', () => {
    const assignment = generation.plan.assignments[0];
    const group = generation.plan.groups.find((g) => g.id === assignment.groupId)!;
    const former = generation.analysis.settings.workshopTypes.find((w) => w.id !== group.workshopTypeId && needKeyOf(w) !== needKeyOf(group))!;
    const needs = generation.needs.find((n) => n.pupilId === assignment.pupilId)!.needs;
    const pupil = generation.analysis.read.pupils.find((p) => p.id === assignment.pupilId)!;
    const recordWith = (objective: string, indicator: string): FollowUpRecord => ({
      cycle: CYCLE, pupilId: pupil.id, pupilName: pupil.displayName, className: pupil.className, slotId: group.slotId, groupId: 'G-ancien',
      workshop: former.id, teacher: 'M. Ancien', objective, indicator, columns: ['Séance 1'], sessions: [{ label: 'Séance 1', value: 'P' }],
      selfAssessment: '', outcome: '', pupilBilan: '', comment: '', source: { sheet: SHEET_NAMES.followUp, cell: 'A9' },
    });
    const rowOf = (record: FollowUpRecord) => blocksOf([record]).flatMap((b) => b.rows).find((r) => r.pupilId === pupil.id && r.slotId === group.slotId)!;
    const formerNeed = needs.find((n) => n.key === needKeyOf(former));
    const untouched = rowOf(recordWith(prefilledObjective(former, formerNeed), prefilledIndicator(former)));
    const currentNeed = needs.find((n) => normalizeText(n.key) === normalizeText(needKeyOf(group)));
    expect([untouched.workshop, untouched.objective, untouched.indicator]).toEqual([group.workshopTypeId, prefilledObjective(group, currentNeed), prefilledIndicator(group)]);
    const rewritten = rowOf(recordWith('Objectif écrit avec l’élève', 'Indicateur à nous'));
    expect([rewritten.objective, rewritten.indicator]).toEqual(['Objectif écrit avec l’élève', 'Indicateur à nous']);
  });
});
