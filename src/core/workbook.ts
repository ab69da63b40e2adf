/**
 * The workbook's vocabulary, shared by every reader and writer: the names of the sheets Pilote AP writes,
 * the marker that says a sheet is ours, and the one test of « is this our sheet? ».
 */
import type { Grid } from './grid';
import { sheetNameStartsWith } from './sheetNames';

/** Prefix of every sheet the add-in writes. */
export const SHEET_PREFIX = 'AP ';

/** Text that starts cell A1 of every sheet the add-in writes: the marker that says "ours". */
export const MARKER = 'Pilote AP ·';

export const SHEET_NAMES = {
  parameters: 'AP Paramètres',
  teachers: 'AP Intervenants',
  workshops: 'AP Ateliers',
  groups: 'AP Groupes',
  history: 'AP Historique',
  calendar: 'AP Calendrier',
  hours: 'AP Horaires',
  indicators: 'AP Indicateurs',
  mapping: 'AP Correspondances',
  followUp: 'AP Suivi',
  contracts: 'AP Fiches',
  attendance: 'AP Émargement',
  teamsReport: 'AP Bilan équipes',
} as const;

/** Is this grid one the add-in wrote: our name prefix (in any case, like Excel), and the marker in A1 (so the used range starts there)? */
export function isOwnSheet(grid: Grid): boolean {
  const a1 = grid.origin.row === 0 && grid.origin.col === 0 ? grid.values[0]?.[0] : null;
  return sheetNameStartsWith(grid.sheet, SHEET_PREFIX) && typeof a1 === 'string' && a1.startsWith(MARKER);
}
