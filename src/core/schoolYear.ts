/**
 * A new school year in the same workbook (issue 26, first part): when « Année scolaire » changes, the
 * sheets Pilote AP wrote for last year (`AP Historique`, `AP Horaires`, `AP Calendrier`, whose title
 * names their year) are archived under « <sheet> <year> », read-only values, never overwritten, and
 * nothing in them counts as this year's: no hours « faites », no rooms, no past cycle, no rotation.
 */
import { diagnostic, type Diagnostic } from './diagnostics';
import { cellText } from './text';
import type { Grid, WorkbookSnapshot } from './grid';
import { gridToSpec } from './render/specToGrid';
import type { SheetSpec } from './render/sheetSpec';
import { findBySheetName } from './sheetNames';
import { isOwnSheet, SHEET_NAMES } from './workbook';

/** Our sheets whose title row names the school year they were written for. */
const YEARLY_SHEETS = [SHEET_NAMES.history, SHEET_NAMES.hours, SHEET_NAMES.calendar];

/** « 2026-2027 » from the title row of one of our sheets; null when it names none (older sheets). */
export function yearOfSheet(grid: Grid): string | null {
  const match = /\b(\d{4})\s*-\s*(\d{4})\b/.exec(cellText(grid.values[0]?.[0]));
  return match && Number(match[2]) === Number(match[1]) + 1 ? `${match[1]}-${match[2]}` : null;
}

export interface YearSplit {
  /** The workbook without last year's sheets: what this year's generation reads. */
  thisYear: WorkbookSnapshot;
  /** Last year's sheets, copied under their archive names (only those not archived yet). */
  archives: SheetSpec[];
  diagnostics: Diagnostic[];
}

export function splitSchoolYears(snapshot: WorkbookSnapshot, schoolYear: string): YearSplit {
  const diagnostics: Diagnostic[] = [];
  const archives: SheetSpec[] = [];
  const lastYear = new Set<Grid>();
  for (const name of YEARLY_SHEETS) {
    const grid = findBySheetName(snapshot.grids, name, (g) => g.sheet);
    const year = grid && isOwnSheet(grid) ? yearOfSheet(grid) : null;
    if (!grid || !year || year === schoolYear) continue;
    lastYear.add(grid);
    const archive = `${name} ${year}`;
    const kept = findBySheetName(snapshot.grids, archive, (g) => g.sheet);
    if (!kept) archives.push({ ...gridToSpec({ ...grid, sheet: archive }), role: 'output' });
    diagnostics.push(
      diagnostic('warning', name, 'A1', `« ${name} » est celle de l’année ${year} : ${kept ? `déjà archivée dans « ${archive} »` : `archivée dans « ${archive} »`} (valeurs, non modifiée ensuite) ; rien de ${year} ne compte pour ${schoolYear} (heures faites, salles, cycles passés, rotation).`),
    );
  }
  return { thisYear: { grids: snapshot.grids.filter((g) => !lastYear.has(g)) }, archives, diagnostics };
}
