import { describe, expect, it } from 'vitest';
import { buildRectoratExport } from '../../../src/core/export';
import type { FollowUpRecord } from '../../../src/core/followup/types';
import { computeIndicators } from '../../../src/core/indicators';
import { attendanceFromFollowUp } from '../../../src/core/followup/attendance';
import { buildSchool } from './fixtures';

/** A row of AP Suivi as the follow-up reader returns it, with these marks under four sessions. */
function row(pupilId: string, marks: string[]): FollowUpRecord {
  return {
    cycle: 1,
    pupilId,
    pupilName: pupilId,
    className: '',
    slotId: 'B1',
    groupId: 'G1',
    workshop: 'W',
    teacher: 'T',
    objective: '',
    indicator: '',
    columns: marks.map((_, i) => `Séance ${i + 1}`),
    sessions: marks.map((value, i) => ({ label: `Séance ${i + 1}`, value })),
    selfAssessment: '',
    outcome: '',
    pupilBilan: '',
    comment: '',
    source: { sheet: 'AP Suivi', cell: 'A1' },
  };
}

describe('attendance from the follow-up sheet AP Suivi', () => {
  const { input, settings } = buildSchool();
  const [first, second, third] = input.pupils.filter((p) => p.level === input.pupils[0].level);
  const records = [
    row(first.id, ['P', 'présent', 'A', 'R']),
    row(second.id, ['E', 'P', '', '?']),
    row(third.id, ['', '', '', '']),
    row('inconnu', ['A', 'A', 'A', 'A']),
  ];

  it('counts P/A/R/E (and their words) per pupil and cycle, ignoring blanks, other marks and unmarked rows', () => {
    const attendance = attendanceFromFollowUp(records);
    expect(attendance[0]).toEqual({ pupilId: first.id, cycle: 1, marks: { P: 2, A: 1, R: 1, E: 0 } });
    expect(attendance[1].marks).toEqual({ P: 1, A: 0, R: 0, E: 1 });
    expect(attendance.map((a) => a.pupilId)).not.toContain(third.id);
  });

  it('gives per level the pupils followed and the share of sessions attended', () => {
    const ind = computeIndicators({ ...input, attendance: attendanceFromFollowUp(records) });
    const table = ind.tables.find((t) => t.id === 'attendance')!;
    const col = table.columns.findIndex((c) => c.key === first.level);
    expect(table.rows.find((r) => r.key === 'followed')!.cells[col]).toBe(2);
    // (2 P + 1 R) + (1 P) present out of 4 + 2 marked sessions; the unknown pupil is not counted.
    expect(table.rows.find((r) => r.key === 'presence')!.cells[col]).toEqual({ num: 4, den: 6 });
    expect(table.note).toMatch(/AP Suivi/);
  });

  it('is absent without marks, and stays out of the rectorat export', () => {
    expect(computeIndicators(input).tables.some((t) => t.id === 'attendance')).toBe(false);
    const ind = computeIndicators({ ...input, attendance: attendanceFromFollowUp(records) });
    expect(buildRectoratExport(ind, settings, { exportDate: '2026-11-20' }).csv).not.toMatch(/attendance|séances suivies/);
  });
});
