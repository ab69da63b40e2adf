/**
 * The domain model shared by every step of the engine (read -> needs -> plan -> hours ->
 * indicators -> render). Plain data only, so that it crosses hosts and serialises to JSON.
 */
import type { Diagnostic } from './diagnostics';

/** Where a value was read: sheet and A1 address. */
export interface SourceRef {
  sheet: string;
  cell: string;
}

/**
 * Mastery on the 4-level LSU scale every other scale is mapped to:
 * 1 maîtrise insuffisante / non acquis, 2 fragile / en cours d'acquisition,
 * 3 satisfaisante / acquis, 4 très bonne maîtrise / dépassé.
 */
export type MasteryLevel = 1 | 2 | 3 | 4;

export interface Competency {
  /** Stable key: normalised `discipline|label`. */
  id: string;
  /** Discipline or domain, e.g. "Mathématiques"; "Général" when the sheet gives none. */
  discipline: string;
  label: string;
}

export interface AssessmentResult {
  competencyId: string;
  level: MasteryLevel;
  source: SourceRef;
}

/** Interview profiles (seed 002). */
export type PupilProfile = 'content' | 'maybe' | 'despite';
/** What the pupil aims at after this diploma. */
export type PupilProject = 'further-study' | 'employment' | 'bridge' | 'undecided';

export interface Pupil {
  /** Stable identity key (defined in `read/pupilIds.ts`): `ine:<INE>` when known, else `eleve:<level>|<normalised name>`. */
  id: string;
  lastName: string;
  firstName: string;
  /** "NOM Prénom" as shown in output sheets. */
  displayName: string;
  className: string;
  /** Level label: "2nde", "1re", "Tle", "CAP 1", "CAP 2" or the coordinator's own. */
  level: string;
  ine?: string;
  /** Teachers' positionnement. */
  results: AssessmentResult[];
  /** Pupil's own autopositionnement on the same competencies. */
  selfResults: AssessmentResult[];
  profile?: PupilProfile;
  project?: PupilProject;
  /** Optional « Vœux »: workshop kinds the pupil asks for, first wish first (a secondary criterion). */
  wishes?: NeedKind[];
  /** Rows this pupil was read from. */
  sources: SourceRef[];
}

/** Data read from a second, later positionnement, used for progress indicators. */
export interface AssessmentRound {
  /** Label of the round, e.g. "Positionnement 1" / "Positionnement 2". */
  label: string;
  results: { pupilId: string; result: AssessmentResult }[];
}

/** How a sheet of the workbook was understood. */
export type SheetRole =
  | 'positionnement'
  | 'self-assessment'
  | 'interview'
  | 'class-list'
  | 'national-test'
  | 'parameters'
  | 'output'
  | 'ignored';

export interface SheetSummary {
  sheet: string;
  role: SheetRole;
  /** Short French explanation of why the sheet got this role. */
  reason: string;
  pupilCount: number;
}

/**
 * Two pupils an EDT pre-term list asks to keep together (« Regroupé avec ») or apart (« Séparé de »).
 * The planner honours them in each slot where both pupils are placed (plan/pairs.ts).
 */
export interface PairConstraint {
  relation: 'together' | 'apart';
  pupilIds: [string, string];
  source: SourceRef;
}

export interface ReadResult {
  pupils: Pupil[];
  /** Pair constraints read from class lists, when any. */
  pairs?: PairConstraint[];
  competencies: Competency[];
  sheets: SheetSummary[];
  /** Later positionnement rounds when the workbook has more than one (progress indicators). */
  rounds: AssessmentRound[];
  diagnostics: Diagnostic[];
}

/** The four kinds of AP activity (seed 003). */
export type NeedKind = 'remediation' | 'methodology' | 'orientation' | 'enrichment';

export interface Need {
  /** `remediation:<discipline>` for remediation, else the kind alone. */
  key: string;
  kind: NeedKind;
  discipline?: string;
  /** 0 (no need) .. 1 (strongest). */
  score: number;
  /**
   * French reasons a pupil can hear, e.g. « 5 compétences sur 7 non acquises en mathématiques »: evidence
   * and follow-up only, never a score nor the interview profile (they are printed on the contract).
   */
  reasons: string[];
  /** What only the team reads (interview profile…), shown in the staff column of `AP Groupes`. */
  staffReasons?: string[];
  /** Competencies assessed behind the score (remediation) — ties are broken by evidence. */
  assessed?: number;
  /** Compact trace of the results behind a remediation need (« 5/0/7 »): a change means a newer positionnement. */
  evidence?: string;
  /** Label of the latest positionnement behind the need, when the workbook has several. */
  round?: string;
}

/** What a pupil's year should include given their profile (see needs/goals.ts). */
export interface YearGoal {
  kind: NeedKind;
  /** French reason a pupil can hear, e.g. « travailler son projet ». */
  reason: string;
  /** What the goal comes from when only the team may read it (« profil « Malgré eux » »). */
  staffReason?: string;
  /** Share of the « Objectifs de l'année » weight (1 by default; less for the goal every pupil has). */
  share?: number;
}

export interface PupilNeeds {
  pupilId: string;
  level: string;
  needs: Need[];
  /** Year-coverage goals of this pupil (project, approfondissement, methodology). */
  goals?: YearGoal[];
  /** Follow-up of the last cycle about the pupil as a whole, in words they can hear (« absences répétées : suivi individuel »). */
  followUp?: string[];
}

export type PayStatus = 'HP' | 'HSA' | 'HSE' | 'Pacte';

/**
 * What a person of `AP Intervenants` is: a teacher (the professeur documentaliste is one) or one of
 * the other staff who lead AP too (CPE, PsyEN, AED, infirmier·ère, outside speaker).
 */
export type StaffCategory = 'teacher' | 'librarian' | 'cpe' | 'psyen' | 'aed' | 'nurse' | 'external';

export interface Teacher {
  name: string;
  /** Disciplines taught, as written in `AP Intervenants`. */
  disciplines: string[];
  /** Kinds of workshop this person can lead. */
  kinds: NeedKind[];
  /** Slot ids where this person is free. */
  freeSlots: string[];
  payStatus: PayStatus;
  /** Absent: a teacher (a sheet without the « Catégorie » column). */
  category?: StaffCategory;
  /** Optional yearly maximum of AP hours. */
  maxHours?: number;
  source: SourceRef;
}

export interface Slot {
  /** Unique label, e.g. "2nde mardi 10h". */
  id: string;
  level: string;
  day: string;
  time: string;
  durationHours: number;
  source: SourceRef;
}

export interface WorkshopType {
  /** Unique label, e.g. "Remédiation Mathématiques". */
  id: string;
  kind: NeedKind;
  /** Discipline for remediation / enrichment workshops; empty when any teacher of the kind fits. */
  discipline?: string;
  cap: number;
  minSize: number;
  source: SourceRef;
}

export interface Group {
  /** e.g. "2nde-MAR10-G3". */
  id: string;
  level: string;
  slotId: string;
  workshopTypeId: string;
  kind: NeedKind;
  discipline?: string;
  teacher: string;
  capacity: number;
  minSize: number;
  pupilIds: string[];
  /** French sentence naming what the pupils of this group share. */
  sharedNeed: string;
}

export interface Assignment {
  pupilId: string;
  slotId: string;
  groupId: string;
  /** Score of the need this workshop serves for this pupil. */
  score: number;
  /** One French sentence a pupil can hear: why this workshop and not the pupil's other top needs. */
  reason: string;
  /** For the team only: the scores and the interview profile behind the decision. */
  detail?: string;
  /** Kept from a `Verrou` in the previous `AP Groupes`. */
  locked: boolean;
  /** How long that lock lasts (written back in « Verrou »): once by default, or « toujours ». */
  lock?: 'once' | 'always';
}

export interface Unassigned {
  pupilId: string;
  slotId?: string;
  reason: string;
}

export interface Plan {
  groups: Group[];
  assignments: Assignment[];
  unassigned: Unassigned[];
  /** Sum of the need scores served (what the planner maximises). */
  objective: number;
  diagnostics: Diagnostic[];
}

/** A row of `AP Historique`: where a pupil was in a past cycle. */
export interface HistoryEntry {
  cycle: number;
  pupilId: string;
  pupilName: string;
  className: string;
  level: string;
  slotId: string;
  workshopTypeId: string;
  kind: NeedKind;
  discipline?: string;
  teacher: string;
  /** Evidence of the need served (Need.evidence) when this row was planned, if recorded. */
  evidence?: string;
}

/** A coordinator's lock from `AP Groupes`: keep this pupil in this workshop of this slot. */
export interface Pin {
  pupilId: string;
  slotId: string;
  workshopTypeId: string;
  teacher: string;
  source: SourceRef;
  /** « toujours »: kept cycle after cycle; otherwise for the next generation only (`cycle`: the one it was applied to). */
  lifetime?: { kind: 'always' } | { kind: 'once'; cycle?: number };
}
