/**
 * A past that stays as it was: the hours planned, the sessions, the rooms and the calendar rows of the
 * cycles already over, as the previous `AP Horaires` and `AP Calendrier` showed them, are kept as they
 * were. A change of parameters (a longer barrette, new dates, a new holiday) applies from the cycle
 * being generated on; only hours done keep being typed for past cycles.
 */
import { serialToIso } from '../dates';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { WorkbookSnapshot } from '../grid';
import { isOwnSheet, SHEET_NAMES } from '../workbook';
import { numberValue, readSection, sectionValue, type Section } from '../settings/sections';
import type { Settings } from '../settings/settings';
import { findBySheetName } from '../sheetNames';
import { cellText, normalizeText } from '../text';
import { CALENDAR_HEADERS, CALENDAR_TABLE_TITLE, HOURS_HEADERS, HOURS_TABLE_TITLE, SLOT_HOURS_HEADERS, SLOT_HOURS_TABLE_TITLE, SOURCE_LABELS } from './labels';
import type { CalendarEntry, HoursDone, HoursRow, HoursSource, SlotCycleHours } from './types';
import { levelLabel } from './workshops';

/** What the previous generation computed for each cycle, as it wrote it. */
export interface FrozenPast {
  rows: HoursRow[];
  calendar: CalendarEntry[];
  slotHours: SlotCycleHours[];
}

export const NO_FROZEN_PAST: FrozenPast = { rows: [], calendar: [], slotHours: [] };

function section(snapshot: WorkbookSnapshot, sheet: string, title: string): Section | null {
  const grid = findBySheetName(snapshot.grids, sheet, (g) => g.sheet);
  return grid && isOwnSheet(grid) ? readSection(grid, [title]) : null;
}

/** Only what was computed from the plan or the history: forecasts and rows kept for typed hours are not. */
function computedSource(value: unknown): HoursSource | null {
  const text = normalizeText(value);
  if (text === normalizeText(SOURCE_LABELS.history)) return 'history';
  if (text === normalizeText(SOURCE_LABELS.plan)) return 'plan';
  return null;
}

function positiveInteger(value: unknown): number | null {
  const n = numberValue(value);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

function isoOf(value: unknown): string | null {
  return typeof value === 'number' && Number.isFinite(value) ? serialToIso(value) : null;
}

function list(value: unknown): string[] {
  return cellText(value)
    .split(',')
    .map((s) => s.trim())
    .filter(Boolean);
}

/** The previous `AP Horaires` and `AP Calendrier`, cycle by cycle (hours done are read apart, readBack.ts). */
export function readFrozenPast(snapshot: WorkbookSnapshot): FrozenPast {
  const rows: HoursRow[] = [];
  for (const row of section(snapshot, SHEET_NAMES.hours, HOURS_TABLE_TITLE)?.rows ?? []) {
    const cycle = positiveInteger(sectionValue(row, HOURS_HEADERS.cycle));
    const source = computedSource(sectionValue(row, HOURS_HEADERS.source));
    const teacher = cellText(sectionValue(row, HOURS_HEADERS.teacher));
    const workshop = cellText(sectionValue(row, HOURS_HEADERS.workshop));
    const planned = numberValue(sectionValue(row, HOURS_HEADERS.planned));
    if (cycle === null || !source || !teacher || !workshop || planned === null) continue;
    rows.push({
      cycle,
      source,
      teacher,
      payStatus: null,
      workshop,
      levels: list(sectionValue(row, HOURS_HEADERS.levels)),
      slotIds: list(sectionValue(row, HOURS_HEADERS.slots)),
      sessions: numberValue(sectionValue(row, HOURS_HEADERS.sessions)) ?? 0,
      plannedHours: planned,
      hoursDone: null,
      difference: null,
    });
  }
  const slotHours: SlotCycleHours[] = [];
  for (const row of section(snapshot, SHEET_NAMES.hours, SLOT_HOURS_TABLE_TITLE)?.rows ?? []) {
    const cycle = positiveInteger(sectionValue(row, SLOT_HOURS_HEADERS.cycle));
    const source = computedSource(sectionValue(row, SLOT_HOURS_HEADERS.source));
    const slotId = cellText(sectionValue(row, SLOT_HOURS_HEADERS.slot));
    const sessions = numberValue(sectionValue(row, SLOT_HOURS_HEADERS.sessions));
    const durationHours = numberValue(sectionValue(row, SLOT_HOURS_HEADERS.duration));
    if (cycle === null || !source || !slotId || sessions === null || durationHours === null) continue;
    const level = levelLabel(cellText(sectionValue(row, SLOT_HOURS_HEADERS.level)));
    slotHours.push({ cycle, source, level, slotId, sessions, durationHours, hours: sessions * durationHours });
  }
  const calendar: CalendarEntry[] = [];
  for (const row of section(snapshot, SHEET_NAMES.calendar, CALENDAR_TABLE_TITLE)?.rows ?? []) {
    const cycle = positiveInteger(sectionValue(row, CALENDAR_HEADERS.cycle));
    const source = computedSource(sectionValue(row, CALENDAR_HEADERS.source));
    const slotId = cellText(sectionValue(row, CALENDAR_HEADERS.slot));
    if (cycle === null || !source || !slotId) continue;
    const remark = cellText(sectionValue(row, 'Remarque'));
    calendar.push({
      cycle,
      source,
      level: levelLabel(cellText(sectionValue(row, CALENDAR_HEADERS.level))),
      slotId,
      day: cellText(sectionValue(row, CALENDAR_HEADERS.day)),
      time: cellText(sectionValue(row, CALENDAR_HEADERS.time)),
      workshop: cellText(sectionValue(row, CALENDAR_HEADERS.workshop)),
      teacher: cellText(sectionValue(row, CALENDAR_HEADERS.teacher)),
      room: cellText(sectionValue(row, CALENDAR_HEADERS.room)),
      firstDate: isoOf(sectionValue(row, CALENDAR_HEADERS.first)),
      lastDate: isoOf(sectionValue(row, CALENDAR_HEADERS.last)),
      sessions: numberValue(sectionValue(row, CALENDAR_HEADERS.sessions)) ?? 0,
      durationHours: slotHours.find((s) => s.cycle === cycle && normalizeText(s.slotId) === normalizeText(slotId))?.durationHours ?? 0,
      estimated: false,
      classAbsences: remark ? [remark] : [],
    });
  }
  return { rows, calendar, slotHours };
}

/** Past cycles (before the one generated) the previous sheets computed: those are kept as they were. */
export function frozenCycles(frozen: FrozenPast, current: number): Set<number> {
  return new Set(frozen.rows.map((r) => r.cycle).filter((c) => c < current));
}

/** The frozen part of the year, hours done attached; hours done matching no row are kept on their own row. */
export function frozenRows(frozen: FrozenPast, cycles: Set<number>, done: HoursDone[], settings: Settings, diagnostics: Diagnostic[]): HoursRow[] {
  const statusOf = new Map(settings.teachers.map((t) => [normalizeText(t.name), t.payStatus]));
  const key = (cycle: number, teacher: string, workshop: string) => `${cycle}|${normalizeText(teacher)}|${normalizeText(workshop)}`;
  const rows: HoursRow[] = frozen.rows.filter((r) => cycles.has(r.cycle)).map((r) => ({ ...r, source: 'history', payStatus: statusOf.get(normalizeText(r.teacher)) ?? null }));
  for (const entry of done.filter((d) => cycles.has(d.cycle))) {
    const candidates = rows.filter((r) => key(r.cycle, r.teacher, r.workshop) === key(entry.cycle, entry.teacher, entry.workshop));
    const row = entry.level ? candidates.find((r) => r.levels.some((l) => normalizeText(l) === normalizeText(levelLabel(entry.level!)))) : candidates.length === 1 ? candidates[0] : undefined;
    if (row) {
      row.hoursDone = (row.hoursDone ?? 0) + entry.hoursDone;
      continue;
    }
    diagnostics.push(diagnostic('info', SHEET_NAMES.hours, '', `${entry.hoursDone} h faites par ${entry.teacher} (${entry.workshop}, cycle ${entry.cycle}) ne correspondent à aucun atelier de ce cycle : conservées sur une ligne « Saisie conservée ».`));
    const levels = entry.level ? [levelLabel(entry.level)] : [];
    rows.push({ cycle: entry.cycle, source: 'kept', teacher: entry.teacher, payStatus: statusOf.get(normalizeText(entry.teacher)) ?? null, workshop: entry.workshop, levels, slotIds: [], sessions: 0, plannedHours: 0, hoursDone: entry.hoursDone, difference: null });
  }
  for (const row of rows) if (row.hoursDone !== null) row.difference = row.hoursDone - row.plannedHours;
  return rows;
}

/** A barrette whose duration changed since a frozen cycle: said once, with the cycles that keep the old one. */
export function durationChanges(frozen: FrozenPast, cycles: Set<number>, settings: Settings, current: number): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  for (const slot of settings.slots) {
    const past = frozen.slotHours.filter((s) => cycles.has(s.cycle) && normalizeText(s.slotId) === normalizeText(slot.id) && s.durationHours !== slot.durationHours);
    if (!past.length) continue;
    const hours = [...new Set(past.map((s) => s.durationHours))].map((h) => `${String(h).replace('.', ',')} h`).join(' ou ');
    const list = [...new Set(past.map((s) => s.cycle))].sort((a, b) => a - b).join(', ');
    diagnostics.push(diagnostic('info', slot.source.sheet, slot.source.cell, `Barrette « ${slot.id} » : ${String(slot.durationHours).replace('.', ',')} h à partir du cycle ${current} ; les cycles terminés (${list}) restent comptés comme ils ont été faits (${hours}).`));
  }
  return diagnostics;
}
