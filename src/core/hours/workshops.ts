/**
 * The workshops that run in each cycle of the year: past cycles from `AP Historique`, the generated
 * cycle from the plan, later cycles forecast as the same workshops as the generated one.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { normalizeLevel } from '../levels';
import type { HistoryEntry, Plan } from '../model';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import type { CycleSpan } from './types';

/** Label of a workshop whose teacher is still to be named. */
export const NO_TEACHER = '(à désigner)';

/** One workshop of one slot in one cycle. */
export interface WorkshopRun {
  cycle: number;
  level: string;
  slotId: string;
  workshop: string;
  teacher: string;
}

/** "2de" -> "2nde"; unknown spellings kept as typed (trimmed). */
export function levelLabel(level: string): string {
  return normalizeLevel(level) ?? level.trim();
}

/** The cycles of the year, in order, and where the workshops of each come from. */
export function yearCycles(settings: Settings, history: HistoryEntry[], diagnostics: Diagnostic[]): CycleSpan[] {
  const current = settings.general.cycle;
  const numbers = new Set<number>([current, ...settings.cycles.map((c) => c.cycle)]);
  for (const entry of history) {
    if (entry.cycle < current) numbers.add(entry.cycle);
  }
  const later = [...new Set(history.filter((e) => e.cycle >= current).map((e) => e.cycle))].sort((a, b) => a - b);
  if (later.length) {
    diagnostics.push(
      diagnostic('info', SHEET_NAMES.history, '', `ateliers des cycles ${later.join(', ')} : pour les heures, le cycle ${current} est compté d'après les groupes générés et les suivants en prévision.`),
    );
  }
  if (!settings.cycles.length) {
    diagnostics.push(
      diagnostic('warning', SHEET_NAMES.parameters, '', 'aucune date de cycle : les séances sont estimées avec « Semaines par cycle » et les cycles suivants ne sont pas prévus.'),
    );
  }
  return [...numbers]
    .sort((a, b) => a - b)
    .map((cycle) => {
      const dates = settings.cycles.find((c) => c.cycle === cycle);
      const source = cycle < current ? 'history' : cycle === current ? 'plan' : 'forecast';
      return { cycle, start: dates?.start ?? null, end: dates?.end ?? null, source };
    });
}

function teacherOrPlaceholder(teacher: string): string {
  return teacher.trim() || NO_TEACHER;
}

/** Workshops of the generated cycle: the plan's groups that have pupils. */
function planRuns(plan: Plan, cycle: number, diagnostics: Diagnostic[]): WorkshopRun[] {
  const runs: WorkshopRun[] = [];
  for (const group of plan.groups) {
    if (!group.pupilIds.length) continue;
    if (!group.teacher.trim()) {
      diagnostics.push(diagnostic('warning', SHEET_NAMES.groups, '', `groupe ${group.id} sans intervenant : ses heures sont comptées sous « ${NO_TEACHER} ».`));
    }
    runs.push({ cycle, level: levelLabel(group.level), slotId: group.slotId, workshop: group.workshopTypeId, teacher: teacherOrPlaceholder(group.teacher) });
  }
  return runs;
}

/** Workshops of a past cycle: one per distinct slot, workshop and teacher among the pupils' rows. */
function historyRuns(history: HistoryEntry[], cycle: number): WorkshopRun[] {
  const runs = new Map<string, WorkshopRun>();
  for (const entry of history) {
    if (entry.cycle !== cycle) continue;
    const run = { cycle, level: levelLabel(entry.level), slotId: entry.slotId, workshop: entry.workshopTypeId, teacher: teacherOrPlaceholder(entry.teacher) };
    const key = [run.level, run.slotId, run.workshop, run.teacher].join('\u0000');
    if (!runs.has(key)) runs.set(key, run);
  }
  return [...runs.values()];
}

/** Every workshop run of the year, cycle by cycle. */
export function workshopRuns(cycles: CycleSpan[], plan: Plan, history: HistoryEntry[], diagnostics: Diagnostic[]): WorkshopRun[] {
  const current = cycles.find((c) => c.source === 'plan');
  const planned = current ? planRuns(plan, current.cycle, diagnostics) : [];
  const runs: WorkshopRun[] = [];
  for (const span of cycles) {
    if (span.source === 'plan') runs.push(...planned);
    else if (span.source === 'forecast') runs.push(...planned.map((run) => ({ ...run, cycle: span.cycle })));
    else {
      const past = historyRuns(history, span.cycle);
      if (!past.length) {
        diagnostics.push(diagnostic('info', SHEET_NAMES.history, '', `aucun atelier pour le cycle ${span.cycle} : ses heures ne sont pas comptées.`));
      }
      runs.push(...past);
    }
  }
  return runs;
}
