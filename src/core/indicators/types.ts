/**
 * Indicators of the AP scheme: aggregated figures only (no pupil appears in them), shaped as small
 * tables so that the same data feeds the `AP Indicateurs` sheet, the task pane's charts, the
 * rectorat export (with masking) and the académie's consolidation.
 */
import type { AssessmentRound, Competency, HistoryEntry, Plan, Pupil, PupilNeeds } from '../model';
import type { Diagnostic } from '../diagnostics';
import type { Settings } from '../settings/settings';

/** Attendance marks: présent, absent, retard (present, late), excusé. */
export type AttendanceMark = 'P' | 'A' | 'R' | 'E';

/** One pupil's attendance marks in one cycle, counted from `AP Suivi` (see core/followup/attendance.ts). */
export interface AttendanceRecord {
  pupilId: string;
  cycle: number;
  marks: Record<AttendanceMark, number>;
}

/** A school project of the optional `AP Projets` sheet (see optionalSheets.ts for its layout). */
export type ProjectNature = 'pluridisciplinary' | 'cultural' | 'international' | 'other';

export interface SchoolProject {
  natures: ProjectNature[];
  pupils: number | null;
}

export interface SurveyQuestion {
  question: string;
  respondents: number;
  satisfied: number;
}


export interface LevelHours {
  level: string;
  /** Hours of AP offered to one pupil of the level over the year, as planned. */
  plannedPerPupil: number;
  /** Part of it done, from the hours done typed in `AP Horaires`. */
  donePerPupil: number;
  /** Yearly envelope per pupil; null when the regime gives none. */
  envelope: number | null;
}

/** Workshop sessions of one level in one cycle, from the rows of `AP Horaires`. */
export interface LevelSessions {
  level: string;
  cycle: number;
  /** A cycle before the one generated: its sessions should have taken place. */
  past: boolean;
  planned: number;
  /** « Heures faites » typed, in sessions (hours done ÷ one session's length); null when not typed. */
  done: number | null;
}

export interface IndicatorHours {
  perLevel: LevelHours[];
  /** Everyone counted in `AP Horaires` (declared, or met in a workshop), and whether they have AP hours this year. */
  people: { name: string; involved: boolean }[];
  sessions?: LevelSessions[];
  /** The school's teaching staff (`AP Paramètres`), null when not given. */
  teachingStaff?: number | null;
}

export interface IndicatorInput {
  pupils: Pupil[];
  needs: PupilNeeds[];
  plan: Plan;
  settings: Settings;
  history: HistoryEntry[];
  /** Positionnement rounds, oldest first (progress between the first and the last). */
  rounds: AssessmentRound[];
  /** Competencies read, to name disciplines as the workbook writes them. */
  competencies?: Competency[];
  hours?: IndicatorHours;
  /** Marks of the follow-up sheet `AP Suivi`, when the workbook has one (see attendance.ts). */
  attendance?: AttendanceRecord[];
  /** Optional sheets `AP Projets` and `AP Satisfaction` (see optionalSheets.ts); null when absent. */
  schoolProjects?: SchoolProject[] | null;
  survey?: SurveyQuestion[] | null;
}

/**
 * What a row counts. Only pupil figures (`pupils`, `pupilShare`) are masked in the export:
 * workshops, teachers and hours per pupil describe the organisation, not pupils.
 */
export type IndicatorUnit = 'pupils' | 'pupilShare' | 'workshops' | 'teachers' | 'teacherShare' | 'hours' | 'sessionShare' | 'count';

/** A share with the counts it comes from, so that masking can follow them. */
export interface Share {
  num: number;
  den: number;
}

/** A number, a share (for `…Share` units), or null when the figure does not apply. */
export type IndicatorCell = number | Share | null;

export interface IndicatorColumn {
  /** Stable across establishments: the level label, `total`, or a mastery level `1`..`4`, `evaluated`. */
  key: string;
  label: string;
}

export interface IndicatorRow {
  /** Stable across establishments, e.g. `remediation:mathematiques`. */
  key: string;
  label: string;
  unit: IndicatorUnit;
  /** One cell per column of the table. */
  cells: IndicatorCell[];
  /** For share rows: the row (`table/row`) whose counts the numerator repeats, so both are masked alike. */
  numeratorRow?: string;
  /** Same for the denominator (e.g. `pupils/all` for shares of the pupils of a level). */
  denominatorRow?: string;
}

export type IndicatorTableId =
  | 'pupils'
  | 'needs'
  | 'workshop-pupils'
  | 'workshops'
  | 'workshops-year'
  | 'coverage'
  | 'projects'
  | 'hours'
  | 'sessions'
  | 'teachers'
  | 'mastery'
  | 'progress'
  | 'attendance'
  | 'school-projects'
  | 'survey';

export interface IndicatorTable {
  id: IndicatorTableId;
  title: string;
  /** Header of the first column (what the rows are). */
  rowHeader: string;
  columns: IndicatorColumn[];
  rows: IndicatorRow[];
  /** In every row, the last column is the sum of the others (levels -> total, mastery -> pupils assessed). */
  lastColumnIsSum: boolean;
  /** French sentence that defines the figures. */
  note: string;
  /** Drawn as a native chart in `AP Indicateurs` and in the task pane. */
  chart?: 'column' | 'bar';
}

/** Published rows that add up: in every column, the `parts` rows sum to the `total` row (`table/row` ids). */
export interface IndicatorSum {
  total: string;
  parts: string[];
}

/** Headline figures for the task pane. */
export interface IndicatorSummary {
  cycle: number;
  pupils: number;
  placed: number;
  workshops: number;
  /** Teachers (professeurs documentalistes included) who led AP this year, and those declared. */
  teachersInvolved: number;
  teachersTotal: number;
  furtherStudy: number;
  enrichmentYear: number;
  /** Label of the two positionnements compared, when a later one exists. */
  progress: { before: string; after: string } | null;
}

export interface Indicators {
  /** Levels present, in the coordinator's reading order. */
  levels: string[];
  tables: IndicatorTable[];
  sums: IndicatorSum[];
  summary: IndicatorSummary;
  /** The same figures without the pupils the rectorat export may not count (see export/exportable.ts). */
  forExport?: { indicators: Indicators; leftOut: Diagnostic[] };
}
