/**
 * Pupils' involvement, from the follow-up sheet `AP Suivi` when the workbook has one.
 *
 * Documented layout (what this reader needs, whoever writes the sheet): a header row, within the
 * first 30 rows, holding « Élève » and « Cycle »; below it one row per pupil and cycle; every other
 * column is a session, whose cells hold P (présent), A (absent), R (retard: present, late) or
 * E (excusé: absence with a reason). Empty cells and any other text are not counted. Pupils are
 * matched by the name written in « Élève » (as in `AP Groupes`: « NOM Prénom »), without case or accents.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { WorkbookSnapshot } from '../grid';
import { numberValue, readHeaderTable, sectionValue } from '../settings/sections';
import { cellText, normalizeText } from '../text';

export const FOLLOW_UP_SHEET = 'AP Suivi';

export type AttendanceMark = 'P' | 'A' | 'R' | 'E';

export interface AttendanceRecord {
  /** The name as written in « Élève ». */
  pupil: string;
  cycle: number;
  marks: Record<AttendanceMark, number>;
}

const MARKS: AttendanceMark[] = ['P', 'A', 'R', 'E'];

/** Attendance marks per pupil and cycle; an empty list when there is no `AP Suivi` sheet. */
export function readAttendance(snapshot: WorkbookSnapshot): { records: AttendanceRecord[]; diagnostics: Diagnostic[] } {
  const grid = snapshot.grids.find((g) => normalizeText(g.sheet) === normalizeText(FOLLOW_UP_SHEET));
  if (!grid) return { records: [], diagnostics: [] };
  const table = readHeaderTable(grid, ['Élève', 'Cycle']);
  if (!table) {
    return { records: [], diagnostics: [diagnostic('warning', grid.sheet, '', 'en-têtes « Élève » et « Cycle » introuvables : la présence aux ateliers n’est pas comptée dans les indicateurs.')] };
  }
  const sessions = table.headers.filter((h) => h && !['eleve', 'cycle'].includes(normalizeText(h)));
  const records: AttendanceRecord[] = [];
  for (const row of table.rows) {
    const pupil = cellText(sectionValue(row, 'Élève'));
    const cycle = numberValue(sectionValue(row, 'Cycle'));
    if (!pupil || cycle === null) continue;
    const marks: Record<AttendanceMark, number> = { P: 0, A: 0, R: 0, E: 0 };
    for (const session of sessions) {
      const mark = cellText(sectionValue(row, session)).toUpperCase() as AttendanceMark;
      if (MARKS.includes(mark)) marks[mark]++;
    }
    records.push({ pupil, cycle, marks });
  }
  return { records, diagnostics: [] };
}

/** Name key shared by `AP Suivi` and the pupils read: no case, accents nor extra spaces. */
export function attendanceKey(name: string): string {
  return normalizeText(name);
}
