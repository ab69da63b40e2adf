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

