/** Column headers of `AP Groupes` and `AP Historique`: written by the renderers, read back for pins and history. */

export const GROUP_COLUMNS = {
  level: 'Niveau',
  slot: 'Barrette',
  group: 'Groupe',
  workshop: 'Atelier',
  teacher: 'Intervenant',
  pupil: 'Élève',
  className: 'Classe',
  need: 'Besoin principal',
  why: 'Pourquoi',
  lock: 'Verrou',
  /** Scores, interview profile and proposals: for the coordinator, never on what the pupil takes home. */
  detail: 'Détail pour l’équipe (non destiné à l’élève)',
} as const;

export const HISTORY_COLUMNS = {
  cycle: 'Cycle',
  level: 'Niveau',
  slot: 'Barrette',
  workshop: 'Atelier',
  kind: 'Type',
  discipline: 'Discipline',
  teacher: 'Intervenant',
  pupil: 'Élève',
  className: 'Classe',
  id: 'Identifiant',
  evidence: 'Constat (NA/ECA/évaluées)',
} as const;

