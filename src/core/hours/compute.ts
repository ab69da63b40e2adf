/** computeHours: from the plan, the history and the settings to the year's hours and calendar. */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { SHEET_NAMES } from '../workbook';
import { countSchoolWeeks, schoolCalendar } from './nationalCalendar';
import { compareLevels } from '../levels';
import type { HistoryEntry, Plan } from '../model';
import type { Settings } from '../settings/settings';
import { staffInvolvement } from '../settings/staff';
import { calendarEntries, roomFinder, SessionCounter, slotCycleHours, slotFinder, type TimedRun } from './schedule';
import { hoursRows, levelTotals, statusTotals, teacherNames, teacherTotals } from './totals';
import { shortCycleWarning } from './cycleCalendar';
import { durationChanges, frozenCycles, frozenRows, NO_FROZEN_PAST, type FrozenPast } from './frozen';
import type { HoursDone, HoursResult, HoursSource, RoomEntry, TeacherTotal } from './types';
import { levelLabel, workshopRuns, yearCycles } from './workshops';

/** Weeks of the year when the national calendar does not give them: 36, the usual HSA base (1 HSE = 1/36 HSA). */
export const HOURS_PER_WEEKLY_HOUR = 36;

/** HSA are weekly hours over the year: hours ÷ the school weeks of the year (from the national calendar). */
function weeksOfYear(settings: Settings): number {
  const calendar = schoolCalendar(settings.general);
  return calendar?.bounds ? countSchoolWeeks(calendar) : HOURS_PER_WEEKLY_HOUR;
}

/** A teacher planned beyond their yearly maximum (`AP Intervenants`, « Heures max ») is said. */
function maximumWarnings(teachers: TeacherTotal[], settings: Settings): Diagnostic[] {
  return teachers
    .filter((t) => t.remaining !== null && t.remaining < 0)
    .map((t) => {
      const source = settings.teachers.find((s) => s.name.toLowerCase() === t.teacher.toLowerCase())?.source;
      return diagnostic('warning', source?.sheet ?? SHEET_NAMES.teachers, source?.cell ?? '', `${t.teacher} : ${t.plannedHours} h d'AP prévues pour un maximum annuel de ${t.maxHours} h (${-t.remaining!} h de trop) : confiez un atelier à un autre intervenant ou relevez « Heures max ».`);
    });
}

function compareRuns(a: TimedRun, b: TimedRun): number {
  return (
    a.cycle - b.cycle ||
    compareLevels(a.level, b.level) ||
    a.slot.id.localeCompare(b.slot.id, 'fr') ||
    a.workshop.localeCompare(b.workshop, 'fr') ||
    a.teacher.localeCompare(b.teacher, 'fr')
  );
}

/** The cycle generated and those to come, where a level gets fewer than three sessions: one warning per cycle and level. */
function shortCycles(runs: TimedRun[], settings: Settings): Diagnostic[] {
  const said = new Set<string>();
  const warnings: Diagnostic[] = [];
  for (const run of runs) {
    const key = `${run.cycle}|${run.level}`;
    if (run.span.source === 'history' || run.sessions.estimated || said.has(key)) continue;
    const warning = shortCycleWarning(settings.cycles.find((c) => c.cycle === run.cycle), run.level, run.slot.id, run.sessions.sessions);
    if (!warning) continue;
    said.add(key);
    warnings.push(warning);
  }
  return warnings;
}

/** Stable: within a cycle, rows keep the order they were built in. */
function byCycle<T extends { cycle: number }>(items: T[]): T[] {
  return [...items].sort((a, b) => a.cycle - b.cycle);
}

function asHistory<T extends { source: HoursSource }>(item: T): T {
  return { ...item, source: 'history' };
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
 * Past cycles the previous sheets computed (`frozen`) are kept as they were, not computed again.
 */
export function computeHours(plan: Plan, settings: Settings, done: HoursDone[], history: HistoryEntry[], rooms: RoomEntry[] = [], frozen: FrozenPast = NO_FROZEN_PAST): HoursResult {
  const diagnostics: Diagnostic[] = [];
  const cycles = yearCycles(settings, history, diagnostics);
  const frozenSet = frozenCycles(frozen, settings.general.cycle);
  const spanOf = new Map(cycles.map((c) => [c.cycle, c]));
  const findSlot = slotFinder(settings, diagnostics);
  const counter = new SessionCounter(settings, diagnostics);
  const canonical = teacherNames(settings.teachers);

  const runs: TimedRun[] = [];
  for (const run of workshopRuns(cycles, plan, history, diagnostics)) {
    if (frozenSet.has(run.cycle)) continue;
    const slot = findSlot(run.slotId);
    const span = spanOf.get(run.cycle);
    if (!slot || !span) continue;
    const level = run.level || levelLabel(slot.level);
    runs.push({ ...run, level, teacher: canonical(run.teacher), slot, span, sessions: counter.count(slot, span) });
  }
  runs.sort(compareRuns);
  diagnostics.push(...shortCycles(runs, settings));

  const past = frozenRows(frozen, frozenSet, done, settings, diagnostics).map((row) => ({ ...row, teacher: canonical(row.teacher) }));
  const rows = byCycle([...past, ...hoursRows(runs, done.filter((d) => !frozenSet.has(d.cycle)), settings.teachers, canonical, diagnostics)]);
  diagnostics.push(...durationChanges(frozen, frozenSet, settings, settings.general.cycle));
  const weeks = weeksOfYear(settings);
  const teachers = teacherTotals(rows, settings, canonical, weeks);
  diagnostics.push(...maximumWarnings(teachers, settings));
  const slotHours = byCycle([...frozen.slotHours.filter((s) => frozenSet.has(s.cycle)).map(asHistory), ...slotCycleHours(runs)]);
  // Only teachers (professeurs documentalistes included) make the share; CPE, PsyEN, AED… are counted apart in AP Indicateurs.
  const counted = staffInvolvement(teachers.map((t) => ({ name: t.teacher, involved: t.plannedHours > 0 })), settings.teachers).teachers;
  return {
    schoolYear: settings.general.schoolYear,
    currentCycle: settings.general.cycle,
    cycles,
    hoursPerWeeklyHour: weeks,
    pacte: { hoursPerPart: settings.general.pacteHoursPerPart, amount: settings.general.pacteAmount },
    envelopeTolerance: settings.general.envelopeTolerance,
    rows,
    teachers,
    statuses: statusTotals(rows, teachers, weeks),
    levels: levelTotals(slotHours, rows, settings, diagnostics),
    slotHours,
    calendar: byCycle([...frozen.calendar.filter((e) => frozenSet.has(e.cycle)).map(asHistory), ...calendarEntries(runs, roomFinder(rooms))]),
    frozenCycles: [...frozenSet].sort((a, b) => a - b),
    involvement: involvementOf(counted.declared, counted.involved, settings.general.teachingStaff),
    diagnostics,
  };
}
