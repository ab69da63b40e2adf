/**
 * `AP Horaires`: the table teacher × workshop × cycle (hours done typed by the coordinator) and the
 * totals over it as live formulas (plain A1 ranges, so that Excel and LibreOffice agree). Each
 * formula carries the value the core computed.
 */
import { HOURS_HEADERS, HOURS_TABLE_TITLE, SLOT_HOURS_HEADERS, SLOT_HOURS_TABLE_TITLE, SOURCE_LABELS, UNKNOWN_STATUS } from './labels';
import { a1 } from '../grid';
import { absolute, columnRange, COUNT_FORMAT, formula, HOURS_FORMAT, INPUT_STYLE, SheetRows, sumWhere } from './sheetLayout';
import type { HoursResult, StatusTotal } from './types';
import type { PayStatus } from '../model';
import type { Settings } from '../settings/settings';
import { fitColumnWidths, type ConditionalFormatSpec, type SheetSpec, type SpecCell, type TableSpec, printLayout } from '../render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../workbook';

const WEEKLY_FORMAT = '0.00" h/sem."';
const PARTS_FORMAT = '0.0" part(s)"';
const EUROS_FORMAT = '# ##0" €"';
const UNDER_ENVELOPE = { fill: '#F8CBAD', fontColor: '#9C0006', bold: true };
const OVER_ENVELOPE = { fill: '#FFE699', fontColor: '#7F6000' };

const UNITS: Record<PayStatus, string> = {
  HP: 'heures poste : heures prévues, intégrées au service',
  HSA: 'HSA : heures hebdomadaires à l’année (heures prévues / base HSA)',
  HSE: 'HSE : heures effectives, comptées sur les heures faites (1 HSE = 1/36 d’HSA annuelle)',
  Pacte: 'Pacte : parts (par demi-parts) couvrant les heures prévues',
};

function statusText(status: PayStatus | null): string {
  return status ?? UNKNOWN_STATUS;
}

/** Rows (0-based) of the blocks the totals refer to. */
interface Ranges {
  main: Block;
  teachers: Block;
  slots: Block;
}

// Columns of the main table (A..K) and of the per-slot table (A..G).
const M = { cycle: 0, source: 1, teacher: 2, status: 3, workshop: 4, levels: 5, slots: 6, sessions: 7, planned: 8, done: 9, difference: 10 };
const S = { cycle: 0, source: 1, level: 2, slot: 3, sessions: 4, duration: 5, hours: 6 };

const HSA_BASE = absolute(3, 1);
const TOLERANCE = absolute(3, 3);
const PACTE_HOURS = absolute(3, 5);
const PACTE_AMOUNT = absolute(3, 7);
// Columns of the per-teacher block.
const T = { planned: 2, pacteParts: 7, pacteAmount: 8, max: 9, remaining: 10 };
type Block = { first: number; last: number };

function mainCol(r: Ranges, col: number): string {
  return columnRange(col, r.main.first, r.main.last);
}

function statusBlock(sheet: SheetRows, hours: HoursResult, r: Ranges): void {
  sheet.title('Totaux par statut de paiement');
  sheet.header(['Statut', 'Intervenants impliqués', 'Heures prévues', 'Heures faites', 'Écart (lignes saisies)', 'À payer', 'Unité']);
  const teacherStatus = columnRange(1, r.teachers.first, r.teachers.last);
  const teacherPlanned = columnRange(2, r.teachers.first, r.teachers.last);
  const sumBy = (col: number, row: number, value: number) =>
    formula(sumWhere([`${mainCol(r, M.status)}=${a1(row, 0)}`], mainCol(r, col)), value);
  const toPay = (s: StatusTotal, row: number): SpecCell => {
    if (s.toPay === null) return null;
    if (s.status === 'HSA') return formula(`${a1(row, 2)}/${HSA_BASE}`, s.toPay);
    if (s.status === 'Pacte') return formula(sumWhere([`${teacherStatus}=${a1(row, 0)}`], columnRange(T.pacteParts, r.teachers.first, r.teachers.last)), s.toPay);
    return formula(s.status === 'HSE' ? a1(row, 3) : a1(row, 2), s.toPay);
  };
  const { first, last } = sheet.block(hours.statuses, 7, (s, row) => [
    statusText(s.status),
    formula(sumWhere([`${teacherStatus}=${a1(row, 0)}`, `${teacherPlanned}>0`]), s.teachersInvolved),
    sumBy(M.planned, row, s.plannedHours),
    sumBy(M.done, row, s.doneHours),
    sumBy(M.difference, row, s.difference),
    toPay(s, row),
    s.status ? UNITS[s.status] : 'intervenant absent de AP Intervenants',
  ]);
  const total = (col: number, pick: (s: StatusTotal) => number) =>
    formula(`SUM(${columnRange(col, first, last)})`, hours.statuses.reduce((t, s) => t + pick(s), 0));
  const totalRow = sheet.add([
    'Total',
    total(1, (s) => s.teachersInvolved),
    total(2, (s) => s.plannedHours),
    total(3, (s) => s.doneHours),
    total(4, (s) => s.difference),
  ]);
  sheet.style(totalRow, 0, 1, 7, { bold: true });
  sheet.style(first, 1, totalRow - first + 1, 1, { numberFormat: COUNT_FORMAT });
  sheet.style(first, 2, totalRow - first + 1, 3, { numberFormat: HOURS_FORMAT });
  const payFormat = (status: PayStatus | null) => (status === 'HSA' ? WEEKLY_FORMAT : status === 'Pacte' ? PARTS_FORMAT : HOURS_FORMAT);
  hours.statuses.forEach((s, i) => sheet.style(first + i, 5, 1, 1, { numberFormat: payFormat(s.status) }));
}

function levelBlock(sheet: SheetRows, hours: HoursResult, r: Ranges): ConditionalFormatSpec[] {
  sheet.title('Heures offertes à un élève sur l’année, par niveau, face à l’enveloppe');
  sheet.header(['Niveau', 'Régime', 'Heures offertes à un élève', 'dont prévision', 'Enveloppe annuelle', 'Écart à l’enveloppe', 'Au-delà de la tolérance', 'Heures faites par un élève']);
  const slotCol = (col: number) => columnRange(col, r.slots.first, r.slots.last);
  const beyond = (gap: number | null) => (gap === null ? '' : Math.abs(gap) > hours.envelopeTolerance ? 'oui' : 'non');
  const { first, last } = sheet.block(hours.levels, 8, (level, row) => [
    level.level,
    level.regime,
    formula(sumWhere([`${slotCol(S.level)}=${a1(row, 0)}`], slotCol(S.hours)), level.offeredHours),
    formula(sumWhere([`${slotCol(S.level)}=${a1(row, 0)}`, `${slotCol(S.source)}="${SOURCE_LABELS.forecast}"`], slotCol(S.hours)), level.forecastHours),
    level.envelope,
    level.gap === null ? null : formula(`${a1(row, 2)}-${a1(row, 4)}`, level.gap),
    formula(`IF(${a1(row, 5)}="","",IF(ABS(${a1(row, 5)})>${TOLERANCE},"oui","non"))`, beyond(level.gap)),
    level.doneHours,
  ]);
  sheet.style(first, 2, last - first + 1, 4, { numberFormat: HOURS_FORMAT });
  sheet.style(first, 7, last - first + 1, 1, { numberFormat: HOURS_FORMAT });
  const gaps = { row: first, col: 5, rowCount: last - first + 1, colCount: 1 };
  return [
    { range: gaps, operator: 'lessThan', value: 0, style: UNDER_ENVELOPE },
    { range: gaps, operator: 'greaterThan', value: 0, style: OVER_ENVELOPE },
  ];
}

function involvementBlock(sheet: SheetRows, hours: HoursResult, r: Ranges): void {
  sheet.title('Intervenants impliqués');
  const planned = columnRange(2, r.teachers.first, r.teachers.last);
  const { teachers, involved, staff, share } = hours.involvement;
  const first = sheet.add(['Intervenants ayant des heures prévues', formula(`COUNTIF(${planned},">0")`, hours.teachers.filter((t) => t.plannedHours > 0).length)]);
  // Teachers only, by the « Catégorie » of AP Intervenants (CPE, PsyEN, AED… counted apart in AP Indicateurs).
  const all = sheet.add(['Enseignants déclarés (AP Intervenants, professeurs documentalistes compris)', teachers]);
  const some = sheet.add(['Enseignants ayant des heures prévues', involved]);
  const team = sheet.add(["Enseignants de l'établissement (AP Paramètres ; vide = non renseigné)", staff]);
  const base = `IF(N(${a1(team, 1)})>0,${a1(team, 1)},${a1(all, 1)})`;
  const part = sheet.add([
    staff !== null ? "Part des enseignants de l'établissement impliqués" : 'Part des enseignants déclarés impliqués',
    formula(`IF(${base}=0,0,${a1(some, 1)}/${base})`, share),
  ]);
  sheet.style(first, 1, 4, 1, { numberFormat: COUNT_FORMAT });
  sheet.style(part, 1, 1, 1, { numberFormat: '0%', bold: true });
}

function teacherBlock(sheet: SheetRows, hours: HoursResult, r: Ranges): { block: Block; format: ConditionalFormatSpec } {
  sheet.title('Totaux par intervenant');
  sheet.header([
    'Intervenant',
    'Statut',
    'Heures prévues',
    'Heures faites',
    'Écart (lignes saisies)',
    'HSA : heures hebdomadaires à l’année',
    'HSE : heures à payer',
    'Pacte : parts',
    'Pacte : montant brut',
    'Maximum annuel',
    'Reste sous le maximum',
  ]);
  const sumBy = (col: number, row: number, value: number) =>
    formula(sumWhere([`${mainCol(r, M.teacher)}=${a1(row, 0)}`], mainCol(r, col)), value);
  const { first, last } = sheet.block(hours.teachers, 11, (t, row) => [
    t.teacher,
    statusText(t.payStatus),
    sumBy(M.planned, row, t.plannedHours),
    sumBy(M.done, row, t.doneHours),
    sumBy(M.difference, row, t.difference),
    t.hsaWeeklyHours === null ? null : formula(`${a1(row, 2)}/${HSA_BASE}`, t.hsaWeeklyHours),
    t.hseHours === null ? null : formula(a1(row, 3), t.hseHours),
    t.pacteParts === null ? null : formula(`ROUNDUP(2*${a1(row, T.planned)}/${PACTE_HOURS},0)/2`, t.pacteParts),
    t.pacteParts === null ? null : formula(`${a1(row, T.pacteParts)}*${PACTE_AMOUNT}`, t.pacteParts * hours.pacte.amount),
    t.maxHours,
    t.remaining === null ? null : formula(`${a1(row, T.max)}-${a1(row, T.planned)}`, t.remaining),
  ]);
  const count = last - first + 1;
  sheet.style(first, 2, count, 3, { numberFormat: HOURS_FORMAT });
  sheet.style(first, 5, count, 1, { numberFormat: WEEKLY_FORMAT });
  sheet.style(first, 6, count, 1, { numberFormat: HOURS_FORMAT });
  sheet.style(first, T.pacteParts, count, 1, { numberFormat: PARTS_FORMAT });
  sheet.style(first, T.pacteAmount, count, 1, { numberFormat: EUROS_FORMAT });
  sheet.style(first, T.max, count, 2, { numberFormat: HOURS_FORMAT });
  const format: ConditionalFormatSpec = { range: { row: first, col: T.remaining, rowCount: count, colCount: 1 }, operator: 'lessThan', value: 0, style: UNDER_ENVELOPE };
  return { block: { first, last }, format };
}

function mainBlock(sheet: SheetRows, hours: HoursResult): { block: Block; table: TableSpec } {
  sheet.title(HOURS_TABLE_TITLE);
  const header = sheet.header(Object.values(HOURS_HEADERS));
  const { first, last } = sheet.block(hours.rows, 11, (row, at) => [
    row.cycle,
    SOURCE_LABELS[row.source],
    row.teacher,
    statusText(row.payStatus),
    row.workshop,
    row.levels.join(', '),
    row.slotIds.join(', '),
    row.sessions,
    row.plannedHours,
    row.hoursDone,
    formula(`IF(${a1(at, M.done)}="","",${a1(at, M.done)}-${a1(at, M.planned)})`, row.difference ?? ''),
  ]);
  const count = last - first + 1;
  sheet.style(first, M.sessions, count, 1, { numberFormat: COUNT_FORMAT });
  sheet.style(first, M.planned, count, 3, { numberFormat: HOURS_FORMAT });
  sheet.style(first, M.done, count, 1, INPUT_STYLE);
  const table = { name: 'AP_Horaires', range: { row: header, col: 0, rowCount: count + 1, colCount: 11 }, style: 'TableStyleLight9' };
  return { block: { first, last }, table };
}

function slotBlock(sheet: SheetRows, hours: HoursResult): { block: Block; table: TableSpec } {
  sheet.title(SLOT_HOURS_TABLE_TITLE);
  const header = sheet.header(Object.values(SLOT_HOURS_HEADERS));
  const { first, last } = sheet.block(hours.slotHours, 7, (s, at) => [
    s.cycle,
    SOURCE_LABELS[s.source],
    s.level,
    s.slotId,
    s.sessions,
    s.durationHours,
    formula(`${a1(at, S.sessions)}*${a1(at, S.duration)}`, s.hours),
  ]);
  const count = last - first + 1;
  sheet.style(first, S.sessions, count, 1, { numberFormat: COUNT_FORMAT });
  sheet.style(first, S.duration, count, 2, { numberFormat: HOURS_FORMAT });
  const table = { name: 'AP_Heures_Eleve', range: { row: header, col: 0, rowCount: count + 1, colCount: 7 }, style: 'TableStyleLight9' };
  return { block: { first, last }, table };
}

/** Ended cycles keep what was planned: the sheet says from which cycle a change of parameters applies. */
export function frozenNote(hours: HoursResult): string {
  const cycles = hours.frozenCycles;
  if (!cycles.length) return '';
  const which = cycles.length === 1 ? `Cycle ${cycles[0]} terminé` : `Cycles ${cycles.join(', ')} terminés`;
  return ` ${which} : heures prévues, séances et salles figées telles qu’elles ont été faites ; un changement de paramètres (durée d’une barrette, dates, vacances) s’applique à partir du cycle ${hours.currentCycle}.`;
}

function sourcesNote(hours: HoursResult): string {
  const c = hours.currentCycle;
  const forecast = hours.cycles.some((s) => s.source === 'forecast')
    ? ` ; cycles suivants : « ${SOURCE_LABELS.forecast} », mêmes ateliers que le cycle ${c} sur leurs propres dates`
    : '';
  return `Heures prévues : cycles passés d’après AP Historique ; cycle ${c} d’après les groupes générés${forecast}. Séances : semaines du cycle où tombe le jour de la barrette, hors périodes sans AP.${frozenNote(hours)}`;
}

/** Writes every block; formulas point at the blocks' rows given in `r`, and the real rows are returned. */
function build(hours: HoursResult, settings: Settings, r: Ranges) {
  const sheet = new SheetRows();
  const year = hours.schoolYear || settings.general.schoolYear;
  sheet.add([`${MARKER} Heures d’AP${year ? ` ${year}` : ''}, cycle ${hours.currentCycle} généré`]);
  sheet.style(0, 0, 1, 1, { bold: true, fontSize: 14, fontColor: '#1F4E79' });
  sheet.add([`Saisissez les heures réellement faites dans la colonne « ${HOURS_HEADERS.done} » du tableau « ${HOURS_TABLE_TITLE} » : elles sont conservées à chaque génération et les totaux se recalculent.`]);
  sheet.add([sourcesNote(hours)]);
  sheet.add([
    'Base HSA : semaines de cours de l’année (HSA = heures ÷ semaines)',
    hours.hoursPerWeeklyHour,
    'Écart toléré à l’enveloppe (AP Paramètres)',
    hours.envelopeTolerance,
    'Heures d’une part de Pacte',
    hours.pacte.hoursPerPart,
    'Montant brut d’une part',
    hours.pacte.amount,
  ]);
  sheet.style(3, 1, 1, 1, { numberFormat: '0" sem."', bold: true });
  sheet.style(3, 3, 1, 1, { numberFormat: HOURS_FORMAT, bold: true });
  sheet.style(3, 5, 1, 1, { numberFormat: HOURS_FORMAT, bold: true });
  sheet.style(3, 7, 1, 1, { numberFormat: EUROS_FORMAT, bold: true });
  sheet.style(1, 0, 2, 1, { italic: true });
  sheet.add();
  statusBlock(sheet, hours, r);
  sheet.add();
  const levelFormats = levelBlock(sheet, hours, r);
  sheet.add();
  involvementBlock(sheet, hours, r);
  sheet.add();
  const teachers = teacherBlock(sheet, hours, r);
  sheet.add();
  const main = mainBlock(sheet, hours);
  sheet.add();
  const slots = slotBlock(sheet, hours);
  return {
    sheet,
    tables: [main.table, slots.table],
    conditionalFormats: [...levelFormats, teachers.format],
    ranges: { main: main.block, teachers: teachers.block, slots: slots.block },
  };
}

export function renderHoursSheet(hours: HoursResult, settings: Settings): SheetSpec {
  // Totals come before the blocks they sum: a first pass finds where those blocks land (their
  // size does not depend on the formulas), the second writes formulas pointing at them.
  const draft = build(hours, settings, { main: { first: 0, last: 0 }, teachers: { first: 0, last: 0 }, slots: { first: 0, last: 0 } });
  const { sheet, tables, conditionalFormats } = build(hours, settings, draft.ranges);
  return {
    name: SHEET_NAMES.hours,
    role: 'output',
    cells: sheet.cells,
    // Rows 1-2 are notes that overflow on purpose; the first column also holds block titles.
    columnWidths: fitColumnWidths(sheet.cells, [34, 16, 22, 14, 28, 18, 26, 14, 14, 14, 14], [0, 1, 2]),
    styles: sheet.styles,
    tables,
    conditionalFormats,
    freeze: { rows: 1, cols: 0 },
    landscape: true,
    print: printLayout({ landscape: true, header: 0 }),
  };
}
