/** What the hours step produces: the year's AP hours per teacher, workshop, cycle, slot and level. */
import type { Diagnostic } from '../diagnostics';
import type { PayStatus } from '../model';

/** Hours the coordinator typed in `AP Horaires` for one teacher, workshop, level and cycle. */
export interface HoursDone {
  teacher: string;
  workshop: string;
  /** Absent for a line typed before hours were split by level: it goes to the only matching row. */
  level?: string;
  cycle: number;
  hoursDone: number;
}

/** A room the coordinator typed in `AP Calendrier` for one workshop of a slot and cycle. */
export interface RoomEntry {
  cycle: number;
  slotId: string;
  teacher: string;
  workshop: string;
  room: string;
}

/**
 * Where the workshops of a cycle come from:
 * - `history`: a past cycle, from `AP Historique`;
 * - `plan`: the cycle being generated;
 * - `forecast`: a later cycle, estimated as the same workshops as the generated cycle;
 * - `kept`: hours done typed for a workshop no longer in any of the above (kept, not lost).
 */
export type HoursSource = 'history' | 'plan' | 'forecast' | 'kept';

export interface CycleSpan {
  cycle: number;
  /** ISO dates; null when `AP Paramètres` gives none for this cycle. */
  start: string | null;
  end: string | null;
  source: HoursSource;
}

/** One workshop of one slot in one cycle (a row of `AP Calendrier`). */
export interface CalendarEntry {
  cycle: number;
  source: HoursSource;
  level: string;
  slotId: string;
  day: string;
  time: string;
  workshop: string;
  teacher: string;
  room: string;
  /** ISO dates of the first and last session; null when the cycle has no dates or no session. */
  firstDate: string | null;
  lastDate: string | null;
  sessions: number;
  durationHours: number;
  /** True when the sessions were estimated from « Semaines par cycle » (no cycle dates). */
  estimated: boolean;
  /** Classes of the level missing some of these sessions (a PFMP typed for that class only). */
  classAbsences: string[];
}

/** One row of the `AP Horaires` table: a teacher's workshop for one level in one cycle, all slots together. */
export interface HoursRow {
  cycle: number;
  source: HoursSource;
  teacher: string;
  /** Null when the teacher is not in `AP Intervenants`. */
  payStatus: PayStatus | null;
  workshop: string;
  levels: string[];
  slotIds: string[];
  sessions: number;
  plannedHours: number;
  /** Null until the coordinator types it. */
  hoursDone: number | null;
  /** hoursDone - plannedHours; null while hoursDone is. */
  difference: number | null;
}

export interface TeacherTotal {
  teacher: string;
  payStatus: PayStatus | null;
  plannedHours: number;
  doneHours: number;
  /** Sum of the row differences where hours done were typed. */
  difference: number;
  /** Yearly weekly hours (planned / hoursPerWeeklyHour), for HSA teachers only. */
  hsaWeeklyHours: number | null;
  /** Hours done, for HSE teachers only (HSE are paid as done). */
  hseHours: number | null;
  /** Parts of Pacte (by half-parts, rounded up) covering the planned hours, for Pacte teachers only. */
  pacteParts: number | null;
  maxHours: number | null;
  /** maxHours - plannedHours, when a maximum is set. */
  remaining: number | null;
}

export interface StatusTotal {
  /** Null: teachers missing from `AP Intervenants`. */
  status: PayStatus | null;
  /** Teachers of this status with planned hours. */
  teachersInvolved: number;
  plannedHours: number;
  doneHours: number;
  difference: number;
  /** HP: planned hours; HSA: yearly weekly hours; HSE: hours done; Pacte: parts; null for an unknown status. */
  toPay: number | null;
}

/** Hours one pupil is offered in one slot during one cycle (one workshop per slot and week). */
export interface SlotCycleHours {
  cycle: number;
  source: HoursSource;
  level: string;
  slotId: string;
  sessions: number;
  durationHours: number;
  hours: number;
}

export interface LevelTotal {
  level: string;
  /** Regime whose envelope applies, empty when none. */
  regime: string;
  /** Hours offered to a pupil over the year (all cycles, forecasts included). */
  offeredHours: number;
  /** Part of offeredHours that is forecast. */
  forecastHours: number;
  envelope: number | null;
  /** offeredHours - envelope, when the envelope is known. */
  gap: number | null;
  /**
   * Hours a pupil actually had: in each cycle, the hours offered scaled by hours done / hours planned
   * over the rows of this level where hours done were typed (0 for a cycle with none typed).
   */
  doneHours: number;
}

export interface HoursResult {
  schoolYear: string;
  currentCycle: number;
  cycles: CycleSpan[];
  /** Weeks of the school year: hours / weeks = HSA (36 when the calendar does not give them). */
  hoursPerWeeklyHour: number;
  /** Hours of one part of Pacte, and its gross amount in euros (`AP Paramètres`). */
  pacte: { hoursPerPart: number; amount: number };
  /** Gap to the envelope beyond which a level is reported (`AP Paramètres`). */
  envelopeTolerance: number;
  rows: HoursRow[];
  teachers: TeacherTotal[];
  /** HP, HSA, HSE, then the unknown status when some teacher has none. */
  statuses: StatusTotal[];
  levels: LevelTotal[];
  slotHours: SlotCycleHours[];
  calendar: CalendarEntry[];
  /** Cycles over whose planned hours, sessions and calendar rows are kept as the sheets showed them. */
  frozenCycles: number[];
  /**
   * Teachers in the sheets (staff category enseignant or professeur documentaliste, see
   * settings/staff.ts), those with planned hours, the school's teaching staff (`AP Paramètres`, null
   * when not given) and the share involved: over the staff when given, else over the teachers.
   */
  involvement: { teachers: number; involved: number; staff: number | null; share: number };
  diagnostics: Diagnostic[];
}
