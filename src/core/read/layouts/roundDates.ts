/**
 * Several positionnements in one sheet: a « Date » (or « Période ») column gives each row its round.
 * The distinct dates of the sheet, oldest first, become rounds `base`, `base + 1`…
 */
import { cellAt, columnIndex, type Grid } from '../../grid';
import type { SheetMapping } from '../mapping';
import { whenOf } from '../when';

export function roundsByDate(grid: Grid, mapping: SheetMapping, firstRow: number): ((row: number) => number) | null {
  const entry = mapping.columns.find((c) => c.role.kind === 'round-date');
  if (!entry) return null;
  const col = columnIndex(entry.column) - grid.origin.col;
  const keys = new Map<number, number>();
  for (let r = firstRow; r < grid.values.length; r++) {
    const when = whenOf(cellAt(grid, r, col));
    if (when) keys.set(r, when.key);
  }
  const ranks = new Map([...new Set(keys.values())].sort((a, b) => a - b).map((key, i) => [key, i] as const));
  if (ranks.size < 2) return null;
  const base = mapping.round ?? 1;
  return (row) => base + (ranks.get(keys.get(row) ?? -1) ?? 0);
}
