/**
 * `AP Fiches`: the contract of each pupil for the cycle, one A4 page per pupil: workshop, teacher,
 * slot, session dates, room, objective and success indicator (as typed in `AP Suivi`), last cycle's
 * bilan, and room for the pupil's and the teacher's signatures.
 */
import type { FollowUpBlock, FollowUpRow } from '../../followup/blocks';
import type { FollowUpRecord } from '../../followup/types';
import type { CalendarEntry } from '../../hours';
import { HOUSE, SheetBuilder } from '../builder';
import type { CellRange } from '../../grid';
import { SHEET_NAMES, type SheetSpec } from '../sheetSpec';
import { roomOf, sessionList } from './printable';

export interface FichesInput {
  cycle: number;
  blocks: FollowUpBlock[];
  records: FollowUpRecord[];
  calendar: CalendarEntry[];
}

/** « Remédiation Mathématiques : atteint — a rattrapé les fractions » for each workshop of the pupil's last earlier cycle. */
function lastBilan(records: FollowUpRecord[], pupilId: string, cycle: number): string {
  const earlier = records.filter((r) => r.pupilId === pupilId && r.cycle < cycle);
  const last = Math.max(0, ...earlier.map((r) => r.cycle));
  const lines = earlier
    .filter((r) => r.cycle === last)
    .map((r) => `${r.workshop} : ${r.outcome || 'bilan non renseigné'}${r.comment ? ` — ${r.comment}` : ''}`);
  return lines.length ? `Cycle ${last} · ${lines.join(' ; ')}` : 'Pas de cycle précédent.';
}

export function renderFichesSheet(input: FichesInput): SheetSpec {
  const sheet = new SheetBuilder(
    `Fiches de suivi — cycle ${input.cycle}`,
    'Une page par élève, à imprimer (A4) : le contrat de l’atelier, signé par l’élève et par l’intervenant. Les objectifs viennent d’AP Suivi.',
  );
  const merges: CellRange[] = [];
  const pageBreaksBefore: number[] = [];
  const current = input.blocks.filter((b) => b.cycle === input.cycle);
  const byPupil = new Map<string, { row: FollowUpRow; block: FollowUpBlock }[]>();
  for (const block of current) {
    for (const row of block.rows) if (row.planned) byPupil.set(row.pupilId, [...(byPupil.get(row.pupilId) ?? []), { row, block }]);
  }
  const pupils = [...byPupil.values()].sort(
    (a, b) => a[0].row.className.localeCompare(b[0].row.className, 'fr') || a[0].row.pupilName.localeCompare(b[0].row.pupilName, 'fr'),
  );
  const line = (label: string, value: string) => {
    const at = sheet.row([label, value], HOUSE.cell);
    sheet.style(at, 0, 1, 1, { bold: true });
    sheet.style(at, 1, 1, 2, { wrap: true, vertical: 'top' });
    merges.push({ row: at, col: 1, rowCount: 1, colCount: 2 });
  };
  if (!pupils.length) sheet.row(['Aucun élève placé dans un atelier pour ce cycle.'], HOUSE.note);
  for (const workshops of pupils) {
    const { row: first } = workshops[0];
    sheet.blank();
    const top = sheet.row([`Contrat d’accompagnement personnalisé — cycle ${input.cycle}`], HOUSE.section);
    if (workshops !== pupils[0]) pageBreaksBefore.push(top);
    sheet.row([first.pupilName, `Classe : ${first.className}`], { bold: true, fontSize: 12 });
    for (const { row, block } of workshops) {
      sheet.blank();
      line('Atelier', row.workshop);
      line('Intervenant(e)', row.teacher);
      line('Barrette', `${row.slotId}${block.when ? ` (${block.when})` : ''}`);
      line('Séances', sessionList(block));
      line('Salle', roomOf(input.calendar, input.cycle, row.slotId, row.teacher, row.workshop) || 'à préciser');
      line('Objectif', row.objective);
      line('Indicateur de réussite', row.indicator);
    }
    sheet.blank();
    line('Bilan du cycle précédent', lastBilan(input.records, first.pupilId, input.cycle));
    sheet.blank();
    sheet.row(['', 'Signature de l’élève', 'Signature de l’intervenant(e)'], { bold: true });
    for (let i = 0; i < 3; i++) {
      const at = sheet.row(['', '', '']);
      sheet.style(at, 1, 1, 2, { border: true });
    }
  }
  return sheet.build({
    name: SHEET_NAMES.contracts,
    role: 'output',
    columnWidths: [24, 40, 40],
    merges,
    tabColor: '#548235',
    print: { paper: 'A4', fitToWidth: true, pageBreaksBefore },
  });
}
