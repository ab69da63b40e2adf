/**
 * What the coordinator typed in the sheets we generated before: hours done in `AP Horaires`, rooms in
 * `AP Calendrier`. Read back before regenerating so that nothing typed is lost.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Grid, WorkbookSnapshot } from '../grid';
import { isOwnSheet, SHEET_NAMES } from '../workbook';
import { numberValue, readSection, sectionValue, type Section } from '../settings/sections';
import { readValue } from '../settings/values';
import { cellText } from '../text';
import { CALENDAR_HEADERS, CALENDAR_TABLE_TITLE, HOURS_HEADERS, HOURS_TABLE_TITLE } from './labels';
import type { HoursDone, RoomEntry } from './types';
import { findBySheetName } from '../sheetNames';

/** The section of one of our sheets, or null when the sheet is absent or not ours. */
function ownSection(snapshot: WorkbookSnapshot, sheet: string, title: string, diagnostics: Diagnostic[]): Section | null {
  const grid: Grid | undefined = findBySheetName(snapshot.grids, sheet, (g) => g.sheet);
  if (!grid) return null;
  // A coordinator's sheet under our name is not ours to read; the pipeline reports it once.
  if (!isOwnSheet(grid)) return null;
  const section = readSection(grid, [title]);
  if (!section) diagnostics.push(diagnostic('warning', sheet, '', `tableau « ${title} » introuvable : ce qui y était saisi n'est pas relu.`));
  return section;
}

function cycleOf(value: unknown): number | null {
  const n = numberValue(value);
  return n !== null && Number.isInteger(n) && n > 0 ? n : null;
}

/** Hours done typed in the previous `AP Horaires` (only when it carries the marker). */
export function readHoursDone(snapshot: WorkbookSnapshot): { entries: HoursDone[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries: HoursDone[] = [];
  const sheet = SHEET_NAMES.hours;
  const section = ownSection(snapshot, sheet, HOURS_TABLE_TITLE, diagnostics);
  for (const row of section?.rows ?? []) {
    const raw = sectionValue(row, HOURS_HEADERS.done);
    if (cellText(raw) === '') continue;
    const cell = row.addressOf(HOURS_HEADERS.done);
    // Read as a person writes hours (« 10h30 », « 10,5 h », « 630 min »), like every parameter cell.
    const reading = readValue(raw, { quantity: 'hours', min: 0 });
    const hoursDone = 'value' in reading ? reading.value : null;
    const cycle = cycleOf(sectionValue(row, HOURS_HEADERS.cycle));
    const teacher = cellText(sectionValue(row, HOURS_HEADERS.teacher));
    const workshop = cellText(sectionValue(row, HOURS_HEADERS.workshop));
    if (hoursDone === null) {
      const why = 'problem' in reading ? reading.problem : 'nombre positif attendu';
      diagnostics.push(diagnostic('warning', sheet, cell, `heures faites « ${cellText(raw)} » illisibles (${why}, par exemple 12,5 ou 10h30) : ignorées.`));
    } else if (cycle === null || !teacher || !workshop) {
      diagnostics.push(diagnostic('warning', sheet, cell, 'heures faites sur une ligne sans cycle, intervenant ou atelier : ignorées.'));
    } else {
      // Sheets written before hours were split by level list several levels: matched without one.
      const level = cellText(sectionValue(row, HOURS_HEADERS.levels));
      entries.push({ teacher, workshop, ...(level && !level.includes(',') && { level }), cycle, hoursDone });
    }
  }
  return { entries, diagnostics };
}

/** Rooms typed in the previous `AP Calendrier` (only when it carries the marker). */
export function readRooms(snapshot: WorkbookSnapshot): { entries: RoomEntry[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const entries: RoomEntry[] = [];
  const section = ownSection(snapshot, SHEET_NAMES.calendar, CALENDAR_TABLE_TITLE, diagnostics);
  for (const row of section?.rows ?? []) {
    const room = cellText(sectionValue(row, CALENDAR_HEADERS.room));
    const cycle = cycleOf(sectionValue(row, CALENDAR_HEADERS.cycle));
    const slotId = cellText(sectionValue(row, CALENDAR_HEADERS.slot));
    if (!room || cycle === null || !slotId) continue;
    entries.push({
      cycle,
      slotId,
      teacher: cellText(sectionValue(row, CALENDAR_HEADERS.teacher)),
      workshop: cellText(sectionValue(row, CALENDAR_HEADERS.workshop)),
      room,
    });
  }
  return { entries, diagnostics };
}
