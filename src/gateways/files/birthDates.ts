/**
 * Dates of birth never leave the file they were typed in: when a class list (SIECLE or Pronote CSV,
 * for instance) is copied into a workbook Pilote AP writes, its date-of-birth columns are left out.
 */
import type { Grid } from '../../core/grid';
import { normalizeText } from '../../core/text';

/** Header rows searched for a « Date de naissance » label. */
const HEADER_ROWS = 10;

function isBirthDateLabel(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  // « Date de naissance », « Date Naissance », « DATE_NAISS », « Né(e) le », « Naissance ».
  return /^(date (de )?naiss|nee? le$|ne\(e\) le$|naissance$)/.test(normalizeText(value));
}

/** The grid with every cell below a date-of-birth header emptied; the columns emptied are named in `removed`. */
export function withoutBirthDates(grid: Grid): { grid: Grid; removed: string[] } {
  const columns = new Map<number, number>();
  grid.values.slice(0, HEADER_ROWS).forEach((row, r) => row.forEach((value, c) => {
    if (!columns.has(c) && isBirthDateLabel(value)) columns.set(c, r);
  }));
  if (!columns.size) return { grid, removed: [] };
  const values = grid.values.map((row, r) => row.map((value, c) => (columns.has(c) && r > columns.get(c)! ? null : value)));
  return { grid: { ...grid, values }, removed: [...columns].map(([c, r]) => String(grid.values[r][c])) };
}
