/** Helpers shared by the printable follow-up sheets. */
import type { FollowUpBlock } from './blocks';
import type { CalendarEntry } from '../hours';
import { normalizeText } from '../text';

function roomKey(cycle: number, slotId: string, teacher: string, workshop: string): string {
  return `${cycle}|${normalizeText(slotId)}|${normalizeText(teacher)}|${normalizeText(workshop)}`;
}

/** Each calendar's rooms by cycle, slot, teacher and workshop, built once for every pupil and group. */
const roomIndexes = new WeakMap<CalendarEntry[], Map<string, string>>();

/** Room typed in `AP Calendrier` for a workshop of a slot and cycle ('' when none; the first line wins). */
export function roomOf(calendar: CalendarEntry[], cycle: number, slotId: string, teacher: string, workshop: string): string {
  let rooms = roomIndexes.get(calendar);
  if (!rooms) {
    rooms = new Map();
    for (const e of calendar) {
      const key = roomKey(e.cycle, e.slotId, e.teacher, e.workshop);
      if (!rooms.has(key)) rooms.set(key, e.room);
    }
    roomIndexes.set(calendar, rooms);
  }
  return rooms.get(roomKey(cycle, slotId, teacher, workshop)) ?? '';
}

/** « mar. 03/11, mar. 10/11… », or a hint when the cycle has no dates. */
export function sessionList(block: FollowUpBlock): string {
  if (!block.sessions.length) return 'aucune séance dans ce cycle';
  if (!block.dates.length) return `${block.sessions.length} séances (dates du cycle à saisir dans AP Paramètres)`;
  return block.sessions.join(', ');
}
