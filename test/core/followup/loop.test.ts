/** The loop, as a pure function: last cycle's bilans and attendance -> adjusted needs, flags, implication. */
import { describe, expect, it } from 'vitest';
import { applyFollowUp, type FollowUpRecord } from '../../../src/core/followup';
import type { HistoryEntry, PupilNeeds } from '../../../src/core/model';
import { workshop } from '../plan/scenario';

const catalogue = [workshop('Remédiation Mathématiques', 'remediation', 8, 3, 'Mathématiques'), workshop('Méthodo', 'methodology', 8, 3)];

const needs: PupilNeeds[] = [
  {
    pupilId: 'p1',
    level: '2nde',
    needs: [
      { key: 'remediation:Mathématiques', kind: 'remediation', discipline: 'Mathématiques', score: 0.8, reasons: ['3 compétences sur 4 non acquises en mathématiques'] },
      { key: 'methodology', kind: 'methodology', score: 0.6, reasons: ['consignes mal lues'] },
    ],
  },
  { pupilId: 'p2', level: '2nde', needs: [{ key: 'methodology', kind: 'methodology', score: 0.5, reasons: ['organisation'] }] },
];

function record(part: Partial<FollowUpRecord> & Pick<FollowUpRecord, 'pupilId' | 'cycle'>): FollowUpRecord {
  return {
    pupilName: part.pupilId,
    className: '2MELEC',
    slotId: '2nde lundi 10h',
    groupId: 'G1',
    workshop: 'Remédiation Mathématiques',
    teacher: 'Mme Martin',
    objective: '',
    indicator: '',
    columns: [],
    sessions: [],
    selfAssessment: '',
    outcome: '',
    pupilBilan: '',
    comment: '',
    source: { sheet: 'AP Suivi', cell: 'A10' },
    ...part,
  };
}

const marks = (...values: string[]) => values.map((value, i) => ({ label: `Séance ${i + 1}`, value }));
const options = { cycle: 3, workshopTypes: catalogue, history: [] as HistoryEntry[] };

describe('applyFollowUp', () => {
  it('lowers a need whose objective was reached, says so, and re-sorts the needs', () => {
    const result = applyFollowUp(needs, [record({ pupilId: 'p1', cycle: 2, outcome: 'Atteint' })], options);
    const p1 = result.needs.find((n) => n.pupilId === 'p1')!;
    expect(p1.needs.map((n) => [n.key, n.score])).toEqual([
      ['methodology', 0.6],
      ['remediation:Mathématiques', 0.4],
    ]);
    // The pupil hears the outcome; the scores stay with the team.
    expect(p1.needs[1].reasons).toEqual(['3 compétences sur 4 non acquises en mathématiques', 'objectif atteint au cycle 2 (Remédiation Mathématiques)']);
    expect(p1.needs[1].staffReasons).toEqual(['besoin abaissé après l’objectif atteint (0,80 → 0,40)']);
    // The input is left as it was.
    expect(needs[0].needs[0].score).toBe(0.8);
    expect(needs[0].needs[0].reasons).toHaveLength(1);
  });

  it('lowers it by the factor the coordinator set (« Besoin restant après un objectif atteint »)', () => {
    const result = applyFollowUp(needs, [record({ pupilId: 'p1', cycle: 2, outcome: 'Atteint' })], { ...options, reachedFactor: 0.25 });
    const math = result.needs.find((n) => n.pupilId === 'p1')!.needs.find((n) => n.key === 'remediation:Mathématiques')!;
    expect(math.score).toBe(0.2);
    expect(math.staffReasons?.at(-1)).toMatch(/0,80 → 0,20/);
  });

  it('keeps a need not reached, with the evidence: objective and attendance, never the team’s comment', () => {
    const result = applyFollowUp(
      needs,
      [record({ pupilId: 'p1', cycle: 2, outcome: 'non atteint', objective: 'Fractions', comment: 'difficultés persistantes', sessions: marks('P', 'P', 'A', 'E') })],
      options,
    );
    const need = result.needs[0].needs.find((n) => n.key === 'remediation:Mathématiques')!;
    expect(need.score).toBe(0.8);
    expect(need.reasons[1]).toBe('objectif non atteint au cycle 2 (Remédiation Mathématiques) : « Fractions » : besoin maintenu (présent(e) à 2 séances sur 4)');
    expect(JSON.stringify(result.needs)).not.toContain('difficultés persistantes');
  });

  it('uses only the latest cycle before the one generated', () => {
    const records = [
      record({ pupilId: 'p1', cycle: 1, outcome: 'non atteint' }),
      record({ pupilId: 'p1', cycle: 2, outcome: 'atteint' }),
      record({ pupilId: 'p1', cycle: 3, outcome: 'non atteint', sessions: marks('A', 'A', 'A') }),
    ];
    const result = applyFollowUp(needs, records, options);
    const reasons = result.needs[0].needs.flatMap((n) => n.reasons).join(' | ');
    expect(reasons).toContain('objectif atteint au cycle 2');
    expect(reasons).not.toContain('cycle 1');
    expect(reasons).not.toContain('cycle 3');
    expect(result.flags).toEqual([]);
  });

  it('flags repeated unexcused absences (excused ones do not count) in words for the pupil, and counts them in the implication figures', () => {
    const records = [
      record({ pupilId: 'p1', cycle: 2, sessions: marks('A', 'A', 'E', 'E', 'P') }),
      record({ pupilId: 'p2', cycle: 2, workshop: 'Méthodo', slotId: '2nde jeudi 14h', sessions: marks('A', 'absent', 'P', 'a') }),
    ];
    const result = applyFollowUp(needs, records, options);
    expect(result.flags.map((f) => [f.pupilId, f.absences, f.sessions])).toEqual([['p2', 3, 4]]);
    expect(result.needs[1].followUp).toEqual(['absences répétées : suivi individuel']);
    expect(result.needs[1].needs).toEqual(needs[1].needs);
    expect(result.needs[0]).toEqual(needs[0]);
    expect(result.involvement).toEqual([{ cycle: 2, marked: 9, attended: 2, rate: 2 / 9, flagged: 1 }]);
    expect(applyFollowUp(needs, records, { ...options, absenceThreshold: 2 }).flags.map((f) => f.pupilId)).toEqual(['p1', 'p2']);
  });

  it('finds a workshop gone from the catalogue in the history', () => {
    const history: HistoryEntry[] = [
      { cycle: 2, pupilId: 'p2', pupilName: 'p2', className: '2MELEC', level: '2nde', slotId: '2nde lundi 10h', workshopTypeId: 'Atelier ancien', kind: 'methodology', teacher: 'M. X' },
    ];
    const result = applyFollowUp(needs, [record({ pupilId: 'p2', cycle: 2, workshop: 'Atelier ancien', outcome: 'atteint' })], { ...options, history });
    expect(result.needs[1].needs[0].score).toBe(0.25);
    expect(applyFollowUp(needs, [record({ pupilId: 'p2', cycle: 2, workshop: 'Atelier ancien', outcome: 'atteint' })], options).needs[1]).toEqual(needs[1]);
  });
});
