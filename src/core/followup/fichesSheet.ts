/**
 * `AP Fiches`: the contract of each pupil for the cycle, one A4 page per pupil: workshop, teacher,
 * slot, session dates, room, objective and success indicator (as typed in `AP Suivi`), last cycle's
 * bilan written for the pupil, and room for the pupil's and the teacher's signatures. Nothing meant for
 * the team only (comment, scores, interview profile) is printed here.
 */
import type { FollowUpBlock, FollowUpRow } from './blocks';
import type { FollowUpRecord } from './types';
import type { CalendarEntry } from '../hours';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec, pageParts, partName, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';
import { roomOf, sessionList } from './printable';

export interface FichesInput {
  cycle: number;
  blocks: FollowUpBlock[];
  records: FollowUpRecord[];
  calendar: CalendarEntry[];
}

/**
 * « Remédiation Mathématiques : atteint — a rattrapé les fractions » for each workshop of the pupil's last
 * earlier cycle: the bilan and the « Bilan pour l’élève », never the team's comment.
 */
function lastBilan(own: FollowUpRecord[], cycle: number): string {
  const earlier = own.filter((r) => r.cycle < cycle);
  const last = Math.max(0, ...earlier.map((r) => r.cycle));
  const lines = earlier
    .filter((r) => r.cycle === last)
    .map((r) => `${r.workshop} : ${r.outcome || 'bilan non renseigné'}${r.pupilBilan ? ` — ${r.pupilBilan}` : ''}`);
  return lines.length ? `Cycle ${last} · ${lines.join(' ; ')}` : 'Pas de cycle précédent.';
}

/** One pupil's page: the workshops of the cycle the pupil is placed in. */
type PupilPage = { row: FollowUpRow; block: FollowUpBlock }[];

/**
 * `AP Fiches`, in parts of at most MAX_PAGE_BREAKS + 1 pages (whole classes when they fit): Excel keeps
 * no more manual page breaks a sheet. A school of up to 1,001 placed pupils gets one sheet.
 */
export function renderFichesSheets(input: FichesInput): SheetSpec[] {
  const current = input.blocks.filter((b) => b.cycle === input.cycle);
  const byPupil = new Map<string, PupilPage>();
  for (const block of current) {
    for (const row of block.rows) if (row.planned) byPupil.set(row.pupilId, [...(byPupil.get(row.pupilId) ?? []), { row, block }]);
  }
  const pupils = [...byPupil.values()].sort(
    (a, b) => a[0].row.className.localeCompare(b[0].row.className, 'fr') || a[0].row.pupilName.localeCompare(b[0].row.pupilName, 'fr'),
  );
  const recordsOf = new Map<string, FollowUpRecord[]>();
  for (const r of input.records) recordsOf.set(r.pupilId, [...(recordsOf.get(r.pupilId) ?? []), r]);
  const parts = pageParts(pupils, (page) => page[0].row.className);
  return parts.map((part, i) => renderPart(input, part, recordsOf, { index: i + 1, count: parts.length }));
}

function renderPart(input: FichesInput, pupils: PupilPage[], recordsOf: Map<string, FollowUpRecord[]>, part: { index: number; count: number }): SheetSpec {
  const classes = pupils.length ? ` · classes ${pupils[0][0].row.className} à ${pupils[pupils.length - 1][0].row.className}` : '';
  const sheet = new SheetBuilder(
    `Fiches de suivi — cycle ${input.cycle}${part.count > 1 ? ` (partie ${part.index} / ${part.count}${classes})` : ''}`,
    'Une page par élève, à imprimer (A4) : le contrat de l’atelier, signé par l’élève et par l’intervenant. Les objectifs viennent d’AP Suivi.',
  );
  const title = `Contrat d’accompagnement personnalisé — cycle ${input.cycle}`;
  const pageBreaksBefore: number[] = [];
  const firstPage = sheet.rowCount + 1;
  if (!pupils.length) sheet.row(['Aucun élève placé dans un atelier pour ce cycle.'], HOUSE.note);
  // Pages are styled by whole columns and one conditional format on the titles, not row by row:
  // a school of 2,000 pupils prints 2,000 pages, and every styled range weighs on the write to Excel.
  for (const workshops of pupils) {
    const { row: first } = workshops[0];
    sheet.blank();
    const top = sheet.row([title]);
    if (workshops !== pupils[0]) pageBreaksBefore.push(top);
    sheet.row([first.pupilName, `Classe : ${first.className}`]);
    for (const { row, block } of workshops) {
      sheet.blank();
      sheet.row(['Atelier', row.workshop]);
      sheet.row(['Intervenant(e)', row.teacher]);
      sheet.row(['Barrette', `${row.slotId}${block.when ? ` (${block.when})` : ''}`]);
      sheet.row(['Séances', sessionList(block)]);
      sheet.row(['Salle', roomOf(input.calendar, input.cycle, row.slotId, row.teacher, row.workshop) || 'à préciser']);
      sheet.row(['Objectif', row.objective]);
      sheet.row(['Indicateur de réussite', row.indicator]);
    }
    sheet.blank();
    sheet.row(['Bilan du cycle précédent', lastBilan(recordsOf.get(first.pupilId) ?? [], input.cycle)]);
    sheet.blank();
    sheet.row(['Signatures', 'Signature de l’élève', 'Signature de l’intervenant(e)']);
    sheet.blank();
    sheet.blank();
  }
  const pages = sheet.rowCount - firstPage;
  sheet.style(firstPage, 0, pages, 1, { bold: true, vertical: 'top' });
  sheet.style(firstPage, 1, pages, 2, { wrap: true, vertical: 'top' });
  return sheet.build({
    name: partName(SHEET_NAMES.contracts, part.index),
    role: 'output',
    columnWidths: [24, 60, 30],
    conditionalFormats: pupils.length
      ? [{ range: { row: firstPage, col: 0, rowCount: pages, colCount: 1 }, operator: 'equal', value: title, style: { bold: true, fill: HOUSE.section.fill, fontColor: HOUSE.section.fontColor } }]
      : [],
    tabColor: '#548235',
    print: printLayout({ landscape: false, pageBreaksBefore }),
  });
}
