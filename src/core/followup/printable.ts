/** Helpers shared by the printable follow-up sheets. */
import type { FollowUpBlock } from './blocks';
import type { CalendarEntry } from '../hours';
import { normalizeText } from '../text';

/** Room typed in `AP Calendrier` for a workshop of a slot and cycle ('' when none). */
export function roomOf(calendar: CalendarEntry[], cycle: number, slotId: string, teacher: string, workshop: string): string {
  const same = (a: string, b: string) => normalizeText(a) === normalizeText(b);
  return calendar.find((e) => e.cycle === cycle && same(e.slotId, slotId) && same(e.teacher, teacher) && same(e.workshop, workshop))?.room ?? '';
}

/** « mar. 03/11, mar. 10/11… », or a hint when the cycle has no dates. */
export function sessionList(block: FollowUpBlock): string {
  if (!block.sessions.length) return 'aucune séance dans ce cycle';
  if (!block.dates.length) return `${block.sessions.length} séances (dates du cycle à saisir dans AP Paramètres)`;
  return block.sessions.join(', ');
}
