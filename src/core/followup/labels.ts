/** Words and column headers of the follow-up sheets, written by the renderers and read back. */
import { normalizeText } from '../text';
import type { AttendanceCode, Outcome } from './types';

export const FOLLOW_UP_COLUMNS = {
  cycle: 'Cycle',
  slot: 'Barrette',
  pupil: 'Élève',
  className: 'Classe',
  group: 'Groupe',
  workshop: 'Atelier',
  teacher: 'Intervenant',
  objective: 'Objectif du contrat',
  indicator: 'Indicateur de réussite',
  otherSessions: 'Autres séances',
  attendance: 'Présence',
  selfAssessment: 'Auto-évaluation de l’élève',
  outcome: 'Bilan',
  /** Printed on the pupil's contract (`AP Fiches`, « Bilan du cycle précédent »): the header says so. */
  pupilBilan: 'Bilan pour l’élève (imprimé sur sa fiche)',
  /** For the team only: never printed nor exported. */
  comment: 'Commentaire équipe (non imprimé)',
  id: 'Identifiant',
} as const;

/**
 * Headers written by earlier versions, still read. The old « Commentaire » said nothing about printing:
 * what was typed there is read as the team's comment, so that it never starts being printed.
 */
export const FORMER_HEADERS: Partial<Record<keyof typeof FOLLOW_UP_COLUMNS, string[]>> = {
  comment: ['Commentaire'],
};

/** Columns before the session columns, and after them. */
export const LEADING_COLUMNS = [
  FOLLOW_UP_COLUMNS.cycle,
  FOLLOW_UP_COLUMNS.slot,
  FOLLOW_UP_COLUMNS.pupil,
  FOLLOW_UP_COLUMNS.className,
  FOLLOW_UP_COLUMNS.group,
  FOLLOW_UP_COLUMNS.workshop,
  FOLLOW_UP_COLUMNS.teacher,
  FOLLOW_UP_COLUMNS.objective,
  FOLLOW_UP_COLUMNS.indicator,
] as const;
export const TRAILING_COLUMNS = [
  FOLLOW_UP_COLUMNS.otherSessions,
  FOLLOW_UP_COLUMNS.attendance,
  FOLLOW_UP_COLUMNS.selfAssessment,
  FOLLOW_UP_COLUMNS.outcome,
  FOLLOW_UP_COLUMNS.pupilBilan,
  FOLLOW_UP_COLUMNS.comment,
  FOLLOW_UP_COLUMNS.id,
] as const;

export const ATTENDANCE_LABELS: Record<AttendanceCode, string> = {
  P: 'présent',
  A: 'absent',
  R: 'en retard',
  E: 'absence excusée',
};
export const ATTENDANCE_CODES = Object.keys(ATTENDANCE_LABELS) as AttendanceCode[];

export const OUTCOME_LABELS: Record<Outcome, string> = {
  reached: 'atteint',
  partly: 'en partie',
  'not-reached': 'non atteint',
};
export const OUTCOME_VALUES = Object.values(OUTCOME_LABELS);

/** « P présent · A absent · R en retard · E absence excusée » */
export const ATTENDANCE_LEGEND = ATTENDANCE_CODES.map((code) => `${code} ${ATTENDANCE_LABELS[code]}`).join(' · ');

/** Pupil present at a session: there, possibly late. */
export function attended(code: AttendanceCode | null): boolean {
  return code === 'P' || code === 'R';
}

/** « p », « Présent », « absente » -> the code; null for an empty or unknown value. */
export function attendanceCode(value: string): AttendanceCode | null {
  const text = normalizeText(value);
  if (!text) return null;
  const upper = text.toUpperCase();
  if ((ATTENDANCE_CODES as string[]).includes(upper)) return upper as AttendanceCode;
  if (text.startsWith('present')) return 'P';
  if (text.startsWith('retard')) return 'R';
  if (text.startsWith('excus') || text.startsWith('absence excus')) return 'E';
  if (text.startsWith('absent')) return 'A';
  return null;
}

/** « Atteint », « en partie », « NON ATTEINT », « partiellement » -> the outcome; null when empty or unknown. */
export function outcomeOf(value: string): Outcome | null {
  const text = normalizeText(value);
  if (!text) return null;
  if (text === 'atteint' || text === 'oui') return 'reached';
  if (text.startsWith('en partie') || text.startsWith('partiel')) return 'partly';
  if (text === 'non atteint' || text === 'pas atteint' || text === 'non') return 'not-reached';
  return null;
}
