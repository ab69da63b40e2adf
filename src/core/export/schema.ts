/**
 * Layout of the rectorat export, shared by the writer (establishment) and the reader (académie):
 * a block of metadata, then one line per published figure. The .xlsx and the .csv hold the same
 * rows, so the académie reads both the same way.
 */
import type { IndicatorTableId, IndicatorUnit } from '../indicators/types';

/** Bumped whenever the layout or the meaning of a code changes. */
export const EXPORT_SCHEMA_VERSION = 1;

export const EXPORT_SHEET = 'Export rectorat';

export const META_LABELS = {
  schema: 'Version du schéma',
  uai: 'UAI',
  name: 'Établissement',
  academy: 'Académie',
  schoolYear: 'Année scolaire',
  exportDate: "Date d'export",
  threshold: 'Seuil de masquage',
} as const;

export type MetaKey = keyof typeof META_LABELS;

export const DATA_HEADER = [
  'Code indicateur',
  'Indicateur',
  'Code ligne',
  'Ligne',
  'Code colonne',
  'Colonne',
  'Unité',
  'Valeur',
  'Numérateur',
  'Dénominateur',
] as const;

export const UNIT_LABELS: Record<IndicatorUnit, string> = {
  pupils: 'élèves',
  pupilShare: '% des élèves',
  workshops: 'ateliers',
  teachers: 'intervenants',
  teacherShare: '% des intervenants',
  hours: 'heures par élève',
  sessionShare: '% des séances',
  count: 'nombre',
};

export function unitFromLabel(label: unknown): IndicatorUnit | null {
  const found = Object.entries(UNIT_LABELS).find(([, text]) => text === String(label ?? '').trim());
  return found ? (found[0] as IndicatorUnit) : null;
}

/** Short sheet names of the académie workbook (31 characters at most), in the order of the indicators. */
const CONSOLIDATION_SHEETS: Record<IndicatorTableId, string> = {
  pupils: 'Élèves',
  needs: 'Besoins forts',
  'workshop-pupils': "Élèves par type d'atelier",
  workshops: 'Ateliers du cycle',
  'workshops-year': "Ateliers de l'année",
  coverage: 'Couverture',
  projects: 'Projets',
  hours: 'Heures',
  sessions: 'Séances',
  teachers: 'Intervenants',
  mastery: 'Maîtrise',
  progress: 'Progrès',
  attendance: 'Assiduité',
  'school-projects': 'Projets',
  survey: 'Satisfaction',
};

/** The same, as a Map: a code read from a file (« constructor », « __proto__ ») is never an object's property. */
export const CONSOLIDATION_SHEET_NAMES: ReadonlyMap<string, string> = new Map(Object.entries(CONSOLIDATION_SHEETS));
