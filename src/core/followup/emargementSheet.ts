/**
 * `AP Émargement`: one attendance list per workshop and session of the cycle, one printed page each,
 * for the teacher to hand round; the codes are then typed into `AP Suivi`.
 */
import type { FollowUpBlock, FollowUpRow } from './blocks';
import { ATTENDANCE_LEGEND } from './labels';
import type { CalendarEntry } from '../hours';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec, pageParts, partName, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';
import { roomOf } from './printable';

export interface EmargementInput {
  cycle: number;
  blocks: FollowUpBlock[];
  calendar: CalendarEntry[];
}

/** Header look without borders: the borders go once around each whole list. */
const HEADER = { bold: true, fill: HOUSE.header.fill, wrap: true, vertical: 'center' } as const;

/** One attendance list: a group of a block. */
interface AttendanceList {
  block: FollowUpBlock;
  rows: FollowUpRow[];
}

/**
 * `AP Émargement`, in parts of at most MAX_PAGE_BREAKS + 1 lists (whole slots when they fit): Excel
 * keeps no more manual page breaks a sheet.
 */
export function renderEmargementSheets(input: EmargementInput): SheetSpec[] {
  const lists: AttendanceList[] = [];
  for (const block of input.blocks.filter((b) => b.cycle === input.cycle)) {
    const groups = new Map<string, FollowUpRow[]>();
    for (const row of block.rows) if (row.planned) groups.set(row.groupId, [...(groups.get(row.groupId) ?? []), row]);
    for (const rows of groups.values()) lists.push({ block, rows });
  }
  const parts = pageParts(lists, (list) => list.block.slotId);
  return parts.map((part, i) => renderPart(input, part, { index: i + 1, count: parts.length }));
}

function renderPart(input: EmargementInput, lists: AttendanceList[], part: { index: number; count: number }): SheetSpec {
  const sheet = new SheetBuilder(
    `Listes d’émargement — cycle ${input.cycle}${part.count > 1 ? ` (partie ${part.index} / ${part.count})` : ''}`,
    `Une page par atelier ; chaque colonne est la liste d’une séance. Présence : ${ATTENDANCE_LEGEND} ; à reporter ensuite dans AP Suivi.`,
  );
  const pageBreaksBefore: number[] = [];
  let width = 2;
  for (const [index, { block, rows }] of lists.entries()) {
    const { workshop, teacher, slotId } = rows[0];
    const room = roomOf(input.calendar, input.cycle, slotId, teacher, workshop);
    const sorted = [...rows].sort((a, b) => a.pupilName.localeCompare(b.pupilName, 'fr'));
    sheet.blank();
    const top = sheet.row([`${workshop} — ${teacher}`], HOUSE.section);
    if (index > 0) pageBreaksBefore.push(top);
    sheet.row([`Barrette : ${slotId}${block.when ? ` (${block.when})` : ''} · Salle : ${room || 'à préciser'} · ${sorted.length} élève${sorted.length > 1 ? 's' : ''}`]);
    const sessions = block.sessions;
    const header = sheet.row(['Élève', 'Classe', ...sessions], HEADER);
    for (const row of sorted) sheet.row([row.pupilName, row.className, ...sessions.map(() => '')]);
    sheet.row(['Signature de l’intervenant(e)', '', ...sessions.map(() => '')]);
    sheet.style(header, 0, sorted.length + 2, 2 + sessions.length, { border: true });
    width = Math.max(width, 2 + sessions.length);
  }
  if (!lists.length) sheet.row(['Aucune séance à émarger pour ce cycle.'], HOUSE.note);
  return sheet.build({
    name: partName(SHEET_NAMES.attendance, part.index),
    role: 'output',
    columnWidths: [28, 10, ...Array.from({ length: width - 2 }, () => 12)],
    tabColor: '#548235',
    landscape: true,
    print: printLayout({ landscape: true, pageBreaksBefore }),
  });
}
