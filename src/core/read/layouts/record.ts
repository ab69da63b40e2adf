/**
 * What every layout produces: one record per pupil row (or per pupil, for the long layout), with the
 * identity, the results and the optional answers read there. The assembler never knows the layout.
 */
import type { AssessmentResult, Competency, NeedKind, PupilProfile, PupilProject, SheetRole, SourceRef } from '../../model';
import { normalizeText } from '../../text';
import type { ValueTally } from './valueNotes';

/** Names written in a « Regroupé avec » / « Séparé de » cell, resolved to pupils by the assembler. */
export interface PairRequest {
  relation: 'together' | 'apart';
  names: string;
  source: SourceRef;
}

export interface RowRecord {
  sheetIndex: number;
  sheet: string;
  role: SheetRole;
  /** Relative row in the grid. */
  row: number;
  source: SourceRef;
  lastName: string;
  firstName: string;
  nameKey: string;
  /** '' when neither a Classe column nor the sheet gives one. */
  className: string;
  /** True when the class comes from a Classe column (the sheet name is only a guess). */
  classFromColumn: boolean;
  levelText: string | null;
  ine: string | null;
  /** ISO date the pupil left the school (« Date de sortie » of a class list). */
  leftOn?: string;
  /** Teams' results, in column order, and the positionnement round of each (parallel arrays). */
  results: AssessmentResult[];
  rounds: number[];
  /** The pupil's own view (autopositionnement). */
  selfResults: AssessmentResult[];
  profile?: PupilProfile;
  project?: PupilProject;
  wishes?: NeedKind[];
  pairs?: PairRequest[];
}

export interface SheetRead {
  records: RowRecord[];
  /** Result values met and the unknown ones (absent for class lists). */
  tally?: ValueTally;
  /** Competencies of the teams' columns, in column order. */
  competencies: Competency[];
  /** Competencies of self-assessment columns. */
  selfCompetencies: Competency[];
}

/** Stable key of a competency: normalised `discipline|label`. */
export function competencyId(discipline: string, label: string): string {
  return `${normalizeText(discipline)}|${normalizeText(label)}`;
}

/** « 5, 6, 9 à 12 » from sorted row numbers. */
export function rowList(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(j > i + 1 ? `${rows[i]} à ${rows[j]}` : j === i + 1 ? `${rows[i]}, ${rows[j]}` : `${rows[i]}`);
    i = j;
  }
  const text = parts.join(', ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}
