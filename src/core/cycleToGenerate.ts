/**
 * « Cycle à générer » is checked before anything is planned: a value that is not a cycle of the
 * calendar, or a cycle already over whose hours or follow-up were typed, is refused with its cell
 * rather than silently replaced by cycle 1 or rewritten (issue 21). Regenerating the current cycle
 * stays possible.
 */
import { diagnostic, type Diagnostic } from './diagnostics';
import type { WorkbookSnapshot } from './grid';
import type { FollowUpRecord } from './followup/types';
import type { HoursDone } from './hours/types';
import type { HistoryEntry } from './model';
import { numberValue, readSection, sectionValue } from './settings/sections';
import { SECTION_TITLES } from './settings/read';
import { GENERAL_PARAMETERS, type GeneralParameter, type Settings } from './settings/settings';
import { parameterValue } from './settings/values';
import { findBySheetName } from './sheetNames';
import { cellText, normalizeText } from './text';
import { SHEET_NAMES } from './workbook';

const CYCLE_PARAMETER = GENERAL_PARAMETERS.find((p) => p.key === 'cycle')!;

function parametersGrid(snapshot: WorkbookSnapshot) {
  return findBySheetName(snapshot.grids, SHEET_NAMES.parameters, (g) => g.sheet);
}

/** The « Cycle à générer » cell as typed, and its address; null when the sheet or the row is absent. */
function typedCycle(snapshot: WorkbookSnapshot): { text: string; value: number | null; cell: string } | null {
  const grid = parametersGrid(snapshot);
  const section = grid && readSection(grid, [SECTION_TITLES.general]);
  const row = section?.rows.find((r) => normalizeText(sectionValue(r, 'Paramètre')) === normalizeText(CYCLE_PARAMETER.label));
  if (!row) return null;
  const raw = sectionValue(row, 'Valeur');
  const cell = row.addressOf('Valeur');
  // Read as every parameter is (« 3 », « 3 cycles »); a refusal is already an error of the settings' reading.
  const { quantity = 'number', integer, min, max } = CYCLE_PARAMETER as GeneralParameter;
  const value = parameterValue(raw, { quantity, integer, min, max }, { sheet: SHEET_NAMES.parameters, cell, subject: '', fallback: '' }, []);
  return { text: cellText(raw), value, cell };
}

/**
 * Cycle numbers of the « Calendrier des cycles » as typed, dates right or wrong (a wrong date is a
 * warning of its own, and the cycle is still one of the calendar), else those settings give.
 */
function calendarCycles(snapshot: WorkbookSnapshot, settings: Settings): number[] {
  const grid = parametersGrid(snapshot);
  const section = grid && readSection(grid, [SECTION_TITLES.cycles]);
  const typed = (section?.rows ?? []).map((row) => numberValue(sectionValue(row, 'Cycle'))).filter((n): n is number => n !== null && Number.isInteger(n));
  return [...new Set([...typed, ...settings.cycles.map((c) => c.cycle)])].sort((a, b) => a - b);
}

function followUpTyped(record: FollowUpRecord): boolean {
  return record.sessions.some((s) => s.value.trim() !== '') || !!(record.outcome.trim() || record.selfAssessment.trim() || record.comment.trim());
}

export interface TypedPast {
  history: HistoryEntry[];
  hoursDone: HoursDone[];
  followUp: FollowUpRecord[];
}

/**
 * Errors that stop the generation, each naming the « Cycle à générer » cell. A cycle is over when a
 * later cycle was already generated, or when its last day is before `today`.
 */
export function checkCycleToGenerate(snapshot: WorkbookSnapshot, settings: Settings, past: TypedPast, today: string): Diagnostic[] {
  const typed = typedCycle(snapshot);
  if (!typed) return [];
  const sheet = SHEET_NAMES.parameters;
  const label = `« ${CYCLE_PARAMETER.label} »`;
  const known = calendarCycles(snapshot, settings);
  const { value } = typed;
  if (typed.text === '' || value === null || !Number.isInteger(value) || value < CYCLE_PARAMETER.min || value > CYCLE_PARAMETER.max) {
    const shown = typed.text === '' ? 'vide' : `« ${typed.text} »`;
    return [diagnostic('error', sheet, typed.cell, `${label} : ${shown} n'est pas un numéro de cycle (un nombre entier de ${CYCLE_PARAMETER.min} à ${CYCLE_PARAMETER.max}${known.length ? `, ici ${known.join(', ')}` : ''}). Rien n'a été généré : corrigez la cellule puis relancez.`)];
  }
  if (known.length && !known.includes(value)) {
    return [diagnostic('error', sheet, typed.cell, `${label} : le cycle ${value} n'est pas dans le « ${SECTION_TITLES.cycles} » (cycles ${known.join(', ')}). Rien n'a été généré : corrigez la cellule ou ajoutez les dates du cycle, puis relancez.`)];
  }
  const lastGenerated = Math.max(0, ...past.history.map((h) => h.cycle));
  const end = settings.cycles.find((c) => c.cycle === value)?.end;
  const over = value < lastGenerated || (end !== undefined && end < today);
  if (!over) return [];
  const what = [
    past.hoursDone.some((d) => d.cycle === value) ? `heures faites (« ${SHEET_NAMES.hours} »)` : '',
    past.followUp.some((r) => r.cycle === value && followUpTyped(r)) ? `suivi (« ${SHEET_NAMES.followUp} »)` : '',
  ].filter(Boolean);
  if (!what.length) return [];
  const next = lastGenerated > value ? lastGenerated : value + 1;
  return [
    diagnostic(
      'error',
      sheet,
      typed.cell,
      `${label} : le cycle ${value} est terminé et son ${what.join(' et son ')} ${what.length > 1 ? 'sont saisis' : 'est saisi'} : le régénérer réécrirait ce qui a été fait. Rien n'a été généré. Indiquez le cycle à préparer (${next}${lastGenerated > value ? ', le cycle en cours, peut être régénéré' : ''}).`,
    ),
  ];
}
