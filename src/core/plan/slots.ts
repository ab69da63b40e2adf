/** Slots (barrettes): their order in the week, their French wording and short codes. */
import type { Slot } from '../model';
import { compareLevels } from '../levels';
import { normalizeText } from '../text';

const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi', 'samedi', 'dimanche'];

function dayIndex(day: string): number {
  const text = normalizeText(day);
  const index = DAYS.findIndex((d) => text.startsWith(d.slice(0, 3)));
  return index < 0 ? DAYS.length : index;
}

/** Minutes after midnight of « 10h », « 10 h 30 », « 10:30 »; null when unreadable. */
function minutesOf(time: string): number | null {
  const match = /^(\d{1,2})\s*(?:h|:|H)\s*(\d{2})?/.exec(time.trim());
  if (!match) return null;
  return Number(match[1]) * 60 + (match[2] ? Number(match[2]) : 0);
}

/** « 10h » -> « 10 h », « 10:30 » -> « 10 h 30 »; other text unchanged. */
export function formatTime(time: string): string {
  const minutes = minutesOf(time);
  if (minutes === null) return time.trim();
  const h = Math.floor(minutes / 60);
  const m = minutes % 60;
  return m ? `${h} h ${String(m).padStart(2, '0')}` : `${h} h`;
}

/** « 2nde, barrette mardi 10 h » */
export function slotPhrase(slot: Slot): string {
  return `${slot.level}, barrette ${slot.day.trim().toLowerCase()} ${formatTime(slot.time)}`.replace(/\s+/g, ' ');
}

/** Key of the moment a slot takes place: two slots with the same key cannot share a teacher. */
export function momentKey(slot: Slot): string {
  const minutes = minutesOf(slot.time);
  return `${dayIndex(slot.day)}|${minutes ?? normalizeText(slot.time)}`;
}

/** Week order: day, time, then level and id, so that planning is the same on every run. */
export function compareSlots(a: Slot, b: Slot): number {
  return (
    dayIndex(a.day) - dayIndex(b.day) ||
    (minutesOf(a.time) ?? 0) - (minutesOf(b.time) ?? 0) ||
    compareLevels(a.level, b.level) ||
    a.id.localeCompare(b.id, 'fr')
  );
}

/** « MAR10 »: first three letters of the day and the hour, for group ids. */
export function slotCode(slot: Slot): string {
  const day = normalizeText(slot.day).replace(/[^a-z]/g, '').slice(0, 3).toUpperCase() || 'B';
  const minutes = minutesOf(slot.time);
  if (minutes === null) return day;
  return `${day}${Math.floor(minutes / 60)}${minutes % 60 ? String(minutes % 60).padStart(2, '0') : ''}`;
}

const normalized = new Map<string, string>();

/** normalizeText, remembered: the planner compares the same few labels many times. */
function key(text: string): string {
  let value = normalized.get(text);
  if (value === undefined) {
    value = normalizeText(text);
    if (normalized.size < 10_000) normalized.set(text, value);
  }
  return value;
}

/** Same label once case, accents and spacing are ignored (« Mathématiques » = « mathematiques »). */
export function sameText(a: string | undefined, b: string | undefined): boolean {
  return a === b || key(a ?? '') === key(b ?? '');
}
