/**
 * `AP Suivi`: the pupils' contracts, one row per pupil, workshop (slot) and cycle, in blocks of one
 * cycle and slot whose columns are the session dates. Yellow cells are the teams': they are read back
 * before each generation and written again, whatever changed in the groups.
 */
import type { FollowUpBlock, FollowUpRow } from './blocks';
import { formatOtherSessions } from './read';
import { ATTENDANCE_CODES, ATTENDANCE_LEGEND, attendanceCode, attended, FOLLOW_UP_COLUMNS as COL, LEADING_COLUMNS, OUTCOME_VALUES, TRAILING_COLUMNS } from './labels';
import type { Involvement } from './loop';
import type { FollowUpFlag } from './types';
import { a1 } from '../grid';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type FormulaCell, type ListValidationSpec, type SheetSpec, type SpecCell, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';

export interface SuiviInput {
  cycle: number;
  blocks: FollowUpBlock[];
  involvement: Involvement[];
  flags: FollowUpFlag[];
  pupilName: (pupilId: string) => string;
}

/** Share of sessions attended among those marked, as a live formula over the row's session cells. */
function attendanceFormula(row: number, firstCol: number, count: number, marks: string[]): SpecCell {
  if (!count) return '';
  const range = `${a1(row, firstCol)}:${a1(row, firstCol + count - 1)}`;
  const countOf = (code: string) => `COUNTIF(${range},"${code}")`;
  const present = `${countOf('P')}+${countOf('R')}`;
  const all = ATTENDANCE_CODES.map(countOf).join('+');
  const codes = marks.map(attendanceCode).filter((c) => c !== null);
  const value = codes.length ? codes.filter(attended).length / codes.length : '';
  return { formula: `=IFERROR((${present})/(${all}),"")`, value } satisfies FormulaCell;
}

function blockTitle(block: FollowUpBlock): string {
  return `Cycle ${block.cycle} · ${block.slotId}${block.when ? ` (${block.when})` : ''}`;
}

export function renderSuiviSheet(input: SuiviInput): SheetSpec {
  const width = Math.max(0, ...input.blocks.map((b) => b.sessions.length));
  const sheet = new SheetBuilder(
    `Suivi des contrats — cycle ${input.cycle}`,
    'Une ligne par élève, atelier et cycle. Les cellules jaunes sont à remplir par les équipes (objectif, indicateur, présences, auto-évaluation, bilan) : elles sont conservées à chaque génération, même si l’élève change de groupe. Objectif, indicateur et « Bilan pour l’élève » sont imprimés sur sa fiche (AP Fiches) ; le « Commentaire équipe » ne l’est jamais et ne sort pas du classeur. Ne modifiez pas l’identifiant.',
  );
  sheet.row([`Légende des présences : ${ATTENDANCE_LEGEND}. Bilan et auto-évaluation : ${OUTCOME_VALUES.join(' / ')}.`], HOUSE.note);
  sheet.blank();

  sheet.row(['Implication des élèves'], HOUSE.section);
  if (input.involvement.length) {
    sheet.row(['Cycle', 'Séances notées', 'Présences', 'Taux de présence', 'Élèves à suivre'], HOUSE.header);
    for (const i of input.involvement) {
      const at = sheet.row([i.cycle, i.marked, i.attended, i.rate ?? '', i.flagged], HOUSE.cell);
      sheet.style(at, 3, 1, 1, { numberFormat: '0%' });
    }
  } else {
    sheet.row(['Aucune présence notée pour l’instant.'], HOUSE.note);
  }
  if (input.flags.length) {
    sheet.row([`Suivi individuel à prévoir pour le cycle ${input.cycle}`], { bold: true });
    for (const flag of input.flags) sheet.row([input.pupilName(flag.pupilId), flag.reason], HOUSE.cell);
  }
  sheet.blank();

  const headers = (sessions: string[]): string[] => [...LEADING_COLUMNS, ...Array.from({ length: width }, (_, i) => sessions[i] ?? ''), ...TRAILING_COLUMNS];
  const firstSession = LEADING_COLUMNS.length;
  const trailing = (name: (typeof TRAILING_COLUMNS)[number]) => firstSession + width + TRAILING_COLUMNS.indexOf(name);
  const validations: ListValidationSpec[] = [];
  const pageBreaksBefore: number[] = [];

  if (!input.blocks.length) sheet.row(['Aucun atelier pour ce cycle : les lignes apparaîtront avec les groupes.'], HOUSE.note);
  for (const block of input.blocks) {
    const title = sheet.row([blockTitle(block)], HOUSE.section);
    // Each block starts a printed page (the first follows the summary).
    if (block !== input.blocks[0]) pageBreaksBefore.push(title);
    sheet.row(headers(block.sessions), HOUSE.header);
    const first = sheet.rowCount;
    for (const row of block.rows) sheet.row(cellsOf(row, sheet.rowCount, firstSession, block.sessions.length, width), HOUSE.cell);
    const count = block.rows.length;
    if (!count) continue;
    sheet.style(first, LEADING_COLUMNS.indexOf(COL.objective), count, 2, { ...HOUSE.editable, wrap: true, vertical: 'top' });
    if (block.sessions.length) {
      sheet.style(first, firstSession, count, block.sessions.length, { ...HOUSE.editable, horizontal: 'center' });
      validations.push({ range: { row: first, col: firstSession, rowCount: count, colCount: block.sessions.length }, values: ATTENDANCE_CODES });
    }
    sheet.style(first, trailing(COL.attendance), count, 1, { ...HOUSE.cell, numberFormat: '0%' });
    sheet.style(first, trailing(COL.selfAssessment), count, 4, { ...HOUSE.editable, wrap: true, vertical: 'top' });
    validations.push({ range: { row: first, col: trailing(COL.selfAssessment), rowCount: count, colCount: 2 }, values: OUTCOME_VALUES });
    sheet.blank();
  }

  return sheet.build({
    name: SHEET_NAMES.followUp,
    role: 'output',
    columnWidths: [7, 20, 24, 10, 16, 24, 18, 45, 35, ...Array.from({ length: width }, () => 10), 18, 10, 16, 13, 35, 35, 30],
    validations,
    freeze: { rows: 0, cols: 3 },
    tabColor: '#548235',
    landscape: true,
    print: printLayout({ landscape: true, pageBreaksBefore }),
  });
}

function cellsOf(row: FollowUpRow, at: number, firstSession: number, sessions: number, width: number): SpecCell[] {
  return [
    row.cycle,
    row.slotId,
    row.pupilName,
    row.className,
    row.groupId,
    row.workshop,
    row.teacher,
    row.objective,
    row.indicator,
    ...row.marks,
    ...Array.from({ length: width - sessions }, () => ''),
    formatOtherSessions(row.otherSessions),
    attendanceFormula(at, firstSession, sessions, row.marks),
    row.selfAssessment,
    row.outcome,
    row.pupilBilan,
    row.comment,
    row.pupilId,
  ];
}
