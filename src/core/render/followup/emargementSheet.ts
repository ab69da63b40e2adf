/**
 * `AP Émargement`: one attendance list per workshop and session of the cycle, one printed page each,
 * for the teacher to hand round; the codes are then typed into `AP Suivi`.
 */
import type { FollowUpBlock, FollowUpRow } from '../../followup/blocks';
import { ATTENDANCE_LEGEND } from '../../followup/labels';
import type { CalendarEntry } from '../../hours';
import { HOUSE, SheetBuilder } from '../builder';
import { SHEET_NAMES, type SheetSpec } from '../sheetSpec';
import { roomOf, sessionTitle } from './printable';

export interface EmargementInput {
  cycle: number;
  blocks: FollowUpBlock[];
  calendar: CalendarEntry[];
}

export function renderEmargementSheet(input: EmargementInput): SheetSpec {
  const sheet = new SheetBuilder(
    `Listes d’émargement — cycle ${input.cycle}`,
    `Une liste par atelier et par séance, une page chacune. Présence : ${ATTENDANCE_LEGEND} ; à reporter ensuite dans AP Suivi.`,
  );
  const pageBreaksBefore: number[] = [];
  let lists = 0;
  for (const block of input.blocks.filter((b) => b.cycle === input.cycle)) {
    const groups = new Map<string, FollowUpRow[]>();
    for (const row of block.rows) if (row.planned) groups.set(row.groupId, [...(groups.get(row.groupId) ?? []), row]);
    for (const rows of groups.values()) {
      const { workshop, teacher, slotId } = rows[0];
      const room = roomOf(input.calendar, input.cycle, slotId, teacher, workshop);
      const sorted = [...rows].sort((a, b) => a.pupilName.localeCompare(b.pupilName, 'fr'));
      block.sessions.forEach((_, index) => {
        sheet.blank();
        const top = sheet.row([`${workshop} — ${sessionTitle(block, index)}`], HOUSE.section);
        if (lists++ > 0) pageBreaksBefore.push(top);
        sheet.row([`Intervenant(e) : ${teacher}`, `Barrette : ${slotId}${block.when ? ` (${block.when})` : ''}`, `Salle : ${room || 'à préciser'}`]);
        sheet.row(['Élève', 'Classe', 'Présence', 'Signature de l’élève'], HOUSE.header);
        for (const row of sorted) sheet.row([row.pupilName, row.className, '', ''], HOUSE.cell);
        sheet.row([`Effectif : ${sorted.length}`, '', 'Signature de l’intervenant(e) :'], HOUSE.note);
      });
    }
  }
  if (!lists) sheet.row(['Aucune séance à émarger pour ce cycle.'], HOUSE.note);
  return sheet.build({
    name: SHEET_NAMES.attendance,
    role: 'output',
    columnWidths: [30, 22, 22, 34],
    tabColor: '#548235',
    print: { paper: 'A4', fitToWidth: true, pageBreaksBefore },
  });
}
