/** What the teams type in `AP Suivi` (attendance, contract, bilans), read back at each generation. */
import type { SourceRef } from '../model';

/** Présent, Absent, Retard, Excusé. */
export type AttendanceCode = 'P' | 'A' | 'R' | 'E';

/** The teacher's « Bilan » of a contract, and the pupil's own co-evaluation on the same scale. */
export type Outcome = 'reached' | 'partly' | 'not-reached';

/** One session column of a block of `AP Suivi` and the code typed under it for a row. */
export interface SessionMark {
  /** Header of the column: « mar. 03/11 », or « Séance 3 » when the cycle has no dates. */
  label: string;
  /** What was typed, as typed (read with `attendanceCode`). */
  value: string;
}

/** A pupil in one workshop (one slot) during one cycle, with the contract's objective and indicator. */
export interface FollowUpPlacement {
  cycle: number;
  pupilId: string;
  pupilName: string;
  className: string;
  slotId: string;
  groupId: string;
  workshop: string;
  teacher: string;
  objective: string;
  indicator: string;
}

/** One row of `AP Suivi` as read back: the placement and what the teams typed. */
export interface FollowUpRecord extends FollowUpPlacement {
  /** Session columns of the block the row was read from, in order. */
  columns: string[];
  /** Codes under those columns, then those kept in « Autres séances ». */
  sessions: SessionMark[];
  /** As typed (read with `outcomeOf`): typed text is always written back, even when not understood. */
  selfAssessment: string;
  outcome: string;
  /** The bilan written for the pupil: printed on their contract next cycle. */
  pupilBilan: string;
  /** The team's comment: never printed nor exported (a phone number, a family matter…). */
  comment: string;
  source: SourceRef;
}

/** A pupil to see person to person: repeated unexcused absences in the last cycle. */
export interface FollowUpFlag {
  pupilId: string;
  cycle: number;
  absences: number;
  sessions: number;
  /** French sentence, e.g. « 3 absences non excusées sur 7 séances au cycle 1 ». */
  reason: string;
}
