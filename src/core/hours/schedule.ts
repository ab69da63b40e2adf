/** Sessions of each slot in each cycle, and the calendar of workshops built from them. */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Slot } from '../model';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import { normalizeText } from '../text';
import { classPeriodsFor, sessionDates, weekdayOf, weeksOffFor } from './sessions';
import type { CalendarEntry, CycleSpan, RoomEntry, SlotCycleHours } from './types';
import { levelLabel, type WorkshopRun } from './workshops';

export interface SlotSessions {
  sessions: number;
  first: string | null;
  last: string | null;
  estimated: boolean;
  /** Classes of the level away during some sessions (their own PFMP), e.g. « 2MELEC : 2 séances (PFMP) ». */
  classAbsences: string[];
}

/** Computes and caches the sessions of a slot in a cycle, reporting each problem once. */
export class SessionCounter {
  private readonly cache = new Map<string, SlotSessions>();
  private readonly reported = new Set<string>();

  constructor(
    private readonly settings: Settings,
    private readonly diagnostics: Diagnostic[],
  ) {}

  count(slot: Slot, span: CycleSpan): SlotSessions {
    const key = `${span.cycle}\u0000${slot.id}`;
    let result = this.cache.get(key);
    if (!result) {
      result = this.compute(slot, span);
      this.cache.set(key, result);
    }
    return result;
  }

  private compute(slot: Slot, span: CycleSpan): SlotSessions {
    const estimate = { sessions: this.settings.general.weeksPerCycle, first: null, last: null, estimated: true, classAbsences: [] };
    const weekday = weekdayOf(slot.day);
    if (weekday === null) {
      this.report(`day:${slot.id}`, slot.source.sheet, slot.source.cell, `jour « ${slot.day} » de la barrette ${slot.id} non reconnu : ${estimate.sessions} séances estimées par cycle.`);
      return estimate;
    }
    if (!span.start || !span.end) {
      this.report(`dates:${span.cycle}`, SHEET_NAMES.parameters, '', `dates du cycle ${span.cycle} absentes : ${estimate.sessions} séances estimées par barrette (« Semaines par cycle »).`);
      return estimate;
    }
    if (span.start > span.end) {
      this.report(`order:${span.cycle}`, SHEET_NAMES.parameters, '', `le cycle ${span.cycle} finit avant de commencer : aucune séance comptée.`);
      return { sessions: 0, first: null, last: null, estimated: false, classAbsences: [] };
    }
    const dates = sessionDates(span.start, span.end, weekday, weeksOffFor(slot.level, this.settings.weeksOff));
    const classAbsences = classPeriodsFor(slot.level, this.settings.weeksOff, this.settings.classLevels)
      .map((period) => ({ period, missed: dates.filter((d) => d >= period.start && d <= period.end).length }))
      .filter(({ missed }) => missed > 0)
      .map(({ period, missed }) => `${period.level} : ${missed} séance${missed > 1 ? 's' : ''} manquée${missed > 1 ? 's' : ''}${period.label ? ` (${period.label})` : ''}`);
    return { sessions: dates.length, first: dates[0] ?? null, last: dates[dates.length - 1] ?? null, estimated: false, classAbsences };
  }

  private report(key: string, sheet: string, cell: string, message: string): void {
    if (this.reported.has(key)) return;
    this.reported.add(key);
    this.diagnostics.push(diagnostic('warning', sheet, cell, message));
  }
}

/** Slots by id; runs on a slot missing from the settings are reported once and left out. */
export function slotFinder(settings: Settings, diagnostics: Diagnostic[]): (slotId: string) => Slot | null {
  const byId = new Map(settings.slots.map((slot) => [normalizeText(slot.id), slot]));
  const reported = new Set<string>();
  return (slotId) => {
    const slot = byId.get(normalizeText(slotId)) ?? null;
    if (!slot && !reported.has(slotId)) {
      reported.add(slotId);
      diagnostics.push(diagnostic('warning', SHEET_NAMES.parameters, '', `barrette « ${slotId} » absente des paramètres : ses ateliers ne sont pas comptés dans les heures.`));
    }
    return slot;
  };
}

function roomKey(cycle: number, slotId: string, teacher: string, workshop: string): string {
  return [cycle, normalizeText(slotId), normalizeText(teacher), normalizeText(workshop)].join('|');
}

/**
 * Room of a workshop: the one typed for it before, else the one its teacher had in the same slot in
 * the closest earlier cycle (teachers tend to keep their room), else empty.
 */
export function roomFinder(rooms: RoomEntry[]): (run: WorkshopRun) => string {
  const exact = new Map(rooms.map((r) => [roomKey(r.cycle, r.slotId, r.teacher, r.workshop), r.room]));
  const sorted = [...rooms].sort((a, b) => b.cycle - a.cycle);
  return (run) => {
    const typed = exact.get(roomKey(run.cycle, run.slotId, run.teacher, run.workshop));
    if (typed !== undefined) return typed;
    const earlier = sorted.find(
      (r) => r.cycle < run.cycle && normalizeText(r.slotId) === normalizeText(run.slotId) && normalizeText(r.teacher) === normalizeText(run.teacher),
    );
    return earlier?.room ?? '';
  };
}

export interface TimedRun extends WorkshopRun {
  slot: Slot;
  span: CycleSpan;
  sessions: SlotSessions;
}

export function calendarEntries(runs: TimedRun[], roomOf: (run: WorkshopRun) => string): CalendarEntry[] {
  return runs.map((run) => ({
    cycle: run.cycle,
    source: run.span.source,
    level: run.level,
    slotId: run.slot.id,
    day: run.slot.day,
    time: run.slot.time,
    workshop: run.workshop,
    teacher: run.teacher,
    room: roomOf(run),
    firstDate: run.sessions.first,
    lastDate: run.sessions.last,
    sessions: run.sessions.sessions,
    durationHours: run.slot.durationHours,
    estimated: run.sessions.estimated,
    classAbsences: run.sessions.classAbsences,
  }));
}

/** Hours a pupil gets from each slot that has at least one workshop in a cycle. */
export function slotCycleHours(runs: TimedRun[]): SlotCycleHours[] {
  const bySlot = new Map<string, SlotCycleHours>();
  for (const run of runs) {
    const key = `${run.cycle}\u0000${run.slot.id}`;
    if (bySlot.has(key)) continue;
    const { sessions } = run.sessions;
    bySlot.set(key, {
      cycle: run.cycle,
      source: run.span.source,
      level: levelLabel(run.slot.level),
      slotId: run.slot.id,
      sessions,
      durationHours: run.slot.durationHours,
      hours: sessions * run.slot.durationHours,
    });
  }
  return [...bySlot.values()];
}
