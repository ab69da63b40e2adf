/** French titles and headers shared by the hours sheets and the readers of what was typed in them. */
import type { HoursSource } from './types';

export const SOURCE_LABELS: Record<HoursSource, string> = {
  history: 'Historique',
  plan: 'Plan',
  forecast: 'Prévision',
  kept: 'Saisie conservée',
};

/** Shown in the status columns for a teacher missing from `AP Intervenants`. */
export const UNKNOWN_STATUS = 'inconnu';

export const HOURS_TABLE_TITLE = 'Heures par intervenant, atelier et cycle';

export const HOURS_HEADERS = {
  cycle: 'Cycle',
  source: 'Origine',
  teacher: 'Intervenant',
  status: 'Statut',
  workshop: 'Atelier',
  levels: 'Niveau',
  slots: 'Barrettes',
  sessions: 'Séances',
  planned: 'Heures prévues',
  done: 'Heures faites',
  difference: 'Écart',
} as const;

export const CALENDAR_TABLE_TITLE = 'Calendrier des ateliers';

export const CALENDAR_HEADERS = {
  cycle: 'Cycle',
  source: 'Origine',
  level: 'Niveau',
  slot: 'Barrette',
  day: 'Jour',
  time: 'Horaire',
  workshop: 'Atelier',
  teacher: 'Intervenant',
  room: 'Salle',
  first: 'Première séance',
  last: 'Dernière séance',
  sessions: 'Séances',
} as const;

export const SLOT_HOURS_TABLE_TITLE = 'Heures offertes à un élève par barrette et par cycle (un atelier par barrette et par semaine)';

export const SLOT_HOURS_HEADERS = {
  cycle: 'Cycle',
  source: 'Origine',
  level: 'Niveau',
  slot: 'Barrette',
  sessions: 'Séances',
  duration: 'Durée',
  hours: 'Heures pour un élève',
} as const;
