/** computeHours: from the plan, the history and the settings to the year's hours and calendar. */
import type { Diagnostic } from '../diagnostics';
import { compareLevels } from '../levels';
import type { HistoryEntry, Plan } from '../model';
import type { Settings } from '../settings/settings';
import { calendarEntries, roomFinder, SessionCounter, slotCycleHours, slotFinder, type TimedRun } from './schedule';
import { hoursRows, levelTotals, statusTotals, teacherNames, teacherTotals } from './totals';
import type { HoursDone, HoursResult, RoomEntry } from './types';
import { levelLabel, workshopRuns, yearCycles } from './workshops';

/** Hours of AP that make one yearly weekly hour (HSA): about 36 weeks of school (domain « Hours »). */
export const HOURS_PER_WEEKLY_HOUR = 36;

function compareRuns(a: TimedRun, b: TimedRun): number {
  return (
    a.cycle - b.cycle ||
    compareLevels(a.level, b.level) ||
    a.slot.id.localeCompare(b.slot.id, 'fr') ||
    a.workshop.localeCompare(b.workshop, 'fr') ||
    a.teacher.localeCompare(b.teacher, 'fr')
  );
}

function involvementOf(teachers: number, involved: number, teachingStaff: number): HoursResult['involvement'] {
  const staff = teachingStaff > 0 ? teachingStaff : null;
  const base = staff ?? teachers;
  return { teachers, involved, staff, share: base ? involved / base : 0 };
}

/**
 * Past cycles (before `settings.general.cycle`) come from `history`, the generated cycle from `plan`,
 * later cycles are forecast as the generated cycle's workshops on their own dates. `done` are the
 * hours typed in the previous `AP Horaires`, `rooms` those typed in the previous `AP Calendrier`.
 */
export function computeHours(plan: Plan, settings: Settings, done: HoursDone[], history: HistoryEntry[], rooms: RoomEntry[] = []): HoursResult {
  const diagnostics: Diagnostic[] = [];
  const cycles = yearCycles(settings, history, diagnostics);
  const spanOf = new Map(cycles.map((c) => [c.cycle, c]));
  const findSlot = slotFinder(settings, diagnostics);
  const counter = new SessionCounter(settings, diagnostics);
  const canonical = teacherNames(settings.teachers);

  const runs: TimedRun[] = [];
  for (const run of workshopRuns(cycles, plan, history, diagnostics)) {
    const slot = findSlot(run.slotId);
    const span = spanOf.get(run.cycle);
    if (!slot || !span) continue;
    const level = run.level || levelLabel(slot.level);
    runs.push({ ...run, level, teacher: canonical(run.teacher), slot, span, sessions: counter.count(slot, span) });
  }
  runs.sort(compareRuns);

  const rows = hoursRows(runs, done, settings.teachers, canonical, diagnostics);
  const teachers = teacherTotals(rows, settings, canonical, HOURS_PER_WEEKLY_HOUR);
  const slotHours = slotCycleHours(runs);
  const involved = teachers.filter((t) => t.plannedHours > 0).length;
  return {
    schoolYear: settings.general.schoolYear,
    currentCycle: settings.general.cycle,
    cycles,
    hoursPerWeeklyHour: HOURS_PER_WEEKLY_HOUR,
    envelopeTolerance: settings.general.envelopeTolerance,
    rows,
    teachers,
    statuses: statusTotals(rows, teachers, HOURS_PER_WEEKLY_HOUR),
    levels: levelTotals(slotHours, rows, settings, diagnostics),
    slotHours,
    calendar: calendarEntries(runs, roomFinder(rooms)),
    involvement: involvementOf(teachers.length, involved, settings.general.teachingStaff),
    diagnostics,
  };
}
