/**
 * `AP Calendrier`: for each cycle and slot, the workshops with their teacher, room (typed by the
 * coordinator, kept across generations), first and last session dates and number of sessions.
 */
import { isoToSerial } from '../dates';
import { CALENDAR_HEADERS, CALENDAR_TABLE_TITLE, SOURCE_LABELS } from './labels';
import { COUNT_FORMAT, DATE_FORMAT, INPUT_STYLE, SheetRows } from './sheetLayout';
import { frozenNote } from './hoursSheet';
import type { HoursResult } from './types';
import type { Settings } from '../settings/settings';
import { fitColumnWidths, type SheetSpec, type SpecCell, printLayout } from '../render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../workbook';

function dateCell(iso: string | null): SpecCell {
  return iso ? isoToSerial(iso) : null;
}

/** Cycles with their dates, then the periods without AP, so the session counts can be checked. */
function periodsBlock(sheet: SheetRows, hours: HoursResult, settings: Settings): void {
  sheet.title('Cycles');
  sheet.header(['Cycle', 'Origine', 'Début', 'Fin']);
  const cycles = sheet.block(hours.cycles, 4, (c) => [c.cycle, SOURCE_LABELS[c.source], dateCell(c.start), dateCell(c.end)]);
  sheet.style(cycles.first, 2, cycles.last - cycles.first + 1, 2, { numberFormat: DATE_FORMAT });
  sheet.add();
  sheet.title('Périodes sans AP (vacances, PFMP)');
  sheet.header(['Période', 'Niveau', 'Début', 'Fin']);
  const off = sheet.block(settings.weeksOff, 4, (p) => [p.label, p.level || 'tous', dateCell(p.start), dateCell(p.end)]);
  sheet.style(off.first, 2, off.last - off.first + 1, 2, { numberFormat: DATE_FORMAT });
}

export function renderCalendarSheet(hours: HoursResult, settings: Settings): SheetSpec {
  const sheet = new SheetRows();
  const year = hours.schoolYear || settings.general.schoolYear;
  sheet.add([`${MARKER} Calendrier des ateliers${year ? ` ${year}` : ''}, cycle ${hours.currentCycle} généré`]);
  sheet.style(0, 0, 1, 1, { bold: true, fontSize: 14, fontColor: '#1F4E79' });
  const forecast = hours.cycles.some((c) => c.source === 'forecast')
    ? ` « ${SOURCE_LABELS.forecast} » : cycles à venir, mêmes ateliers que le cycle ${hours.currentCycle}.`
    : '';
  sheet.add([
    `Saisissez la salle de chaque atelier : elle est conservée à la prochaine génération. Séances : semaines du cycle où tombe le jour de la barrette, hors vacances et PFMP du niveau.${forecast}${frozenNote(hours)}`,
  ]);
  sheet.style(1, 0, 1, 1, { italic: true });
  sheet.add();
  sheet.title(CALENDAR_TABLE_TITLE);
  const header = sheet.header([...Object.values(CALENDAR_HEADERS), 'Remarque']);
  const width = Object.keys(CALENDAR_HEADERS).length + 1;
  const { first, last } = sheet.block(hours.calendar, width, (e) => [
    e.cycle,
    SOURCE_LABELS[e.source],
    e.level,
    e.slotId,
    e.day,
    e.time,
    e.workshop,
    e.teacher,
    e.room,
    dateCell(e.firstDate),
    dateCell(e.lastDate),
    e.sessions,
    [e.estimated ? 'séances estimées : dates du cycle ou jour de la barrette inconnus' : '', ...e.classAbsences].filter(Boolean).join(' ; '),
  ]);
  const count = last - first + 1;
  sheet.style(first, 8, count, 1, INPUT_STYLE);
  sheet.style(first, 9, count, 2, { numberFormat: DATE_FORMAT });
  sheet.style(first, 11, count, 1, { numberFormat: COUNT_FORMAT });
  sheet.add();
  periodsBlock(sheet, hours, settings);
  return {
    name: SHEET_NAMES.calendar,
    role: 'output',
    cells: sheet.cells,
    columnWidths: fitColumnWidths(sheet.cells, [10, 14, 10, 22, 12, 10, 30, 22, 14, 16, 16, 10, 40], [0, 1]),
    styles: sheet.styles,
    tables: [{ name: 'AP_Calendrier', range: { row: header, col: 0, rowCount: count + 1, colCount: width }, style: 'TableStyleLight9' }],
    freeze: { rows: header + 1, cols: 0 },
    landscape: true,
    print: printLayout({ landscape: true, header }),
  };
}
