/**
 * Pupils' involvement for the indicators: attendance marks per pupil and cycle, from the rows the
 * follow-up reader read in `AP Suivi`, so that the needs loop and the indicators count the same marks.
 */
import type { AttendanceMark, AttendanceRecord } from '../indicators/types';
import { attendanceCode } from './labels';
import type { FollowUpRecord } from './types';

/** One record per row of `AP Suivi` that has at least one understood mark (P, A, R, E or their words). */
export function attendanceFromFollowUp(records: FollowUpRecord[]): AttendanceRecord[] {
  const result: AttendanceRecord[] = [];
  for (const record of records) {
    const marks: Record<AttendanceMark, number> = { P: 0, A: 0, R: 0, E: 0 };
    for (const session of record.sessions) {
      const code = attendanceCode(session.value);
      if (code) marks[code]++;
    }
    if (marks.P + marks.A + marks.R + marks.E > 0) result.push({ pupilId: record.pupilId, cycle: record.cycle, marks });
  }
  return result;
}
