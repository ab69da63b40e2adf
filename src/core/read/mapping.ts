/**
 * The column mapping: how each sheet and each column of the workbook is understood. Detection
 * proposes one (with a French reason for every choice); the coordinator may correct it in
 * « AP Correspondances », and a saved mapping wins over detection at the next run.
 * Plain JSON data: columns are absolute letters, rows absolute 1-based numbers, as Excel shows them.
 */
import type { MasteryLevel, SheetRole } from '../model';
import { DEFAULT_THRESHOLDS, type ExtraValue, type Thresholds } from './mastery';
import type { IdentityField } from './vocabulary';

export type { IdentityField } from './vocabulary';
export type { ExtraValue, Thresholds } from './mastery';

export type ColumnRole =
  /** Who the pupil is. `birthDate` is recognised only so that it is never read. */
  | { kind: 'identity'; field: IdentityField }
  /**
   * One assessed competency. `maxScore`: numbers are scores out of it (thresholds apply); without it
   * only LSU levels 1-4 are read as numbers. `self`: the pupil's own view (autopositionnement) in a
   * sheet of the teams. `round`: positionnement number when it differs from the sheet's.
   */
  | { kind: 'competency'; discipline: string; label: string; maxScore?: number; self?: boolean; round?: number }
  /** Interview profile (« Contents d'être là », « Pourquoi pas ? », « Malgré eux »). */
  | { kind: 'profile' }
  /** Project after the diploma (BTS, insertion, passerelle…). */
  | { kind: 'project' }
  /** The pupil's wishes: workshop kinds in order of preference (« Vœux », « Vœu 1 »…). */
  | { kind: 'wishes' }
  /** EDT pre-term lists: names of pupils to keep with (« Regroupé avec ») or apart from (« Séparé de »). */
  | { kind: 'together' }
  | { kind: 'apart' }
  /** Long layout (one row per pupil and item): the item assessed, its discipline, its result. */
  | { kind: 'item' }
  | { kind: 'item-discipline' }
  | { kind: 'item-result'; maxScore?: number }
  /** Date or period of the positionnement the row belongs to (several positionnements in one sheet). */
  | { kind: 'round-date' }
  | { kind: 'ignored' };

export interface ColumnEntry {
  /** Column letters as Excel shows them: "F". */
  column: string;
  /** Header text as read (« Mathématiques › Calculer » for two-row headers): finds the column if it moved. */
  header: string;
  role: ColumnRole;
  /** Why this role: detection's French explanation, or the coordinator's note. */
  reason: string;
}

/**
 * How a sheet's rows hold results (see `layouts/`): `wide` one row per pupil and one column per
 * competency; `long` one row per pupil and item; `roll` a class list, identities only.
 */
export type SheetLayout = 'wide' | 'long' | 'roll';

export const SHEET_LAYOUT_LABELS: Record<SheetLayout, string> = {
  wide: 'une ligne par élève',
  long: 'une ligne par élève et compétence',
  roll: "liste d'élèves",
};

export interface SheetMapping {
  sheet: string;
  role: SheetRole;
  reason: string;
  /** Absent: `roll` for class lists, `wide` otherwise. */
  layout?: SheetLayout;
  /** Row (1-based, absolute) holding the column labels; data starts below it. Absent for ignored sheets. */
  headerRow?: number;
  /** Header rows counted upwards from `headerRow` (2 when a discipline row sits above the labels). */
  headerRows?: number;
  /** Class of rows without a Classe value (one sheet per class): the sheet name without « P2 »… */
  className?: string;
  /** Positionnement number of the sheet (1 = first one of the year); absent means 1. */
  round?: number;
  columns: ColumnEntry[];
}

export interface MasteryScale {
  /** Read fill colours of empty cells as mastery: 'auto' when a sheet uses at least two result colours. */
  colours: 'auto' | 'yes' | 'no';
  /** Percent of the maximum separating levels 1|2, 2|3 and 3|4 for scores. */
  thresholds: Thresholds;
  /** Values the establishment uses beyond the built-in ones (« AQ » -> 3…). */
  extraValues: ExtraValue[];
}

export interface ColumnMapping {
  version: 1;
  scale: MasteryScale;
  sheets: SheetMapping[];
}

export function defaultScale(): MasteryScale {
  return { colours: 'auto', thresholds: [...DEFAULT_THRESHOLDS], extraValues: [] };
}

/** French names of sheet roles, as written in « AP Correspondances ». */
export const SHEET_ROLE_LABELS: Record<SheetRole, string> = {
  positionnement: 'Positionnement',
  'self-assessment': 'Autopositionnement',
  interview: 'Entretiens',
  'class-list': "Liste d'élèves",
  'national-test': 'Test de positionnement national',
  parameters: 'Paramètres Pilote AP',
  output: 'Feuille produite par Pilote AP',
  ignored: 'Ignorée',
};

/** French names of column roles (identity fields, then the others). */
export const COLUMN_ROLE_LABELS = {
  lastName: 'Nom',
  firstName: 'Prénom',
  fullName: 'Nom et prénom',
  ine: 'INE',
  class: 'Classe',
  level: 'Niveau',
  birthDate: 'Date de naissance (jamais lue)',
  leaveDate: 'Date de sortie',
  competency: 'Compétence',
  profile: "Profil d'entretien",
  project: 'Projet',
  wishes: 'Vœux',
  together: 'Regroupé avec',
  apart: 'Séparé de',
  item: 'Compétence de la ligne',
  'item-discipline': 'Discipline de la ligne',
  'item-result': 'Résultat de la ligne',
  'round-date': 'Date du positionnement',
  ignored: 'Ignorée',
} as const;

export function layoutOf(mapping: SheetMapping): SheetLayout {
  return mapping.layout ?? (mapping.role === 'class-list' ? 'roll' : 'wide');
}

export function columnRoleLabel(role: ColumnRole): string {
  return role.kind === 'identity' ? COLUMN_ROLE_LABELS[role.field] : COLUMN_ROLE_LABELS[role.kind];
}

export const MASTERY_LEVEL_LABELS: Record<MasteryLevel, string> = {
  1: '1 - maîtrise insuffisante',
  2: '2 - maîtrise fragile',
  3: '3 - maîtrise satisfaisante',
  4: '4 - très bonne maîtrise',
};
