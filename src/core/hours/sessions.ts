/** Session dates of a weekly slot within a cycle, skipping the periods without AP. */
import { isoToSerial, serialToIso } from '../dates';
import { normalizeLevel } from '../levels';
import { normalizeText } from '../text';
import type { ClassLevel, WeeksOff } from '../settings/settings';

const WEEKDAYS: Record<string, number> = {
  dimanche: 0,
  lundi: 1,
  mardi: 2,
  mercredi: 3,
  jeudi: 4,
  vendredi: 5,
  samedi: 6,
};

/** "Mardi", "mar.", "MARDI" -> 2 (Sunday = 0); null when the text names no weekday. */
export function weekdayOf(day: string): number | null {
  const text = normalizeText(day);
  if (text.length < 3) return null;
  for (const [name, index] of Object.entries(WEEKDAYS)) if (name.startsWith(text) || text.startsWith(name)) return index;
  return null;
}

/** Serial 0 (1899-12-30) was a Saturday. */
function weekdayOfSerial(serial: number): number {
  return (serial + 6) % 7;
}

/** Same level, whatever the spelling ("2de" and "2nde"). */
export function sameLevel(a: string, b: string): boolean {
  return (normalizeLevel(a) ?? normalizeText(a)) === (normalizeLevel(b) ?? normalizeText(b));
}

/** Periods without AP that apply to a level (those with an empty level apply to all). */
export function weeksOffFor(level: string, weeksOff: WeeksOff[]): WeeksOff[] {
  return weeksOff.filter((period) => !period.level.trim() || sameLevel(period.level, level));
}

/**
 * Periods typed for one class (its name in the « Niveau » column, e.g. a class's own PFMP) whose class
 * is at `level`: the workshops still run for the other classes, but this class misses them.
 */
export function classPeriodsFor(level: string, weeksOff: WeeksOff[], classLevels: ClassLevel[]): WeeksOff[] {
  return weeksOff.filter((period) => classLevels.some((c) => normalizeText(c.className) === normalizeText(period.level) && sameLevel(c.level, level)));
}

/** ISO dates of the sessions: every `weekday` in [start, end] not inside a period off. */
export function sessionDates(start: string, end: string, weekday: number, off: WeeksOff[]): string[] {
  const last = isoToSerial(end);
  let serial = isoToSerial(start);
  serial += (weekday - weekdayOfSerial(serial) + 7) % 7;
  const periods = off.map((p) => ({ start: isoToSerial(p.start), end: isoToSerial(p.end) }));
  const dates: string[] = [];
  for (; serial <= last; serial += 7) {
    if (periods.some((p) => serial >= p.start && serial <= p.end)) continue;
    dates.push(serialToIso(serial));
  }
  return dates;
}
