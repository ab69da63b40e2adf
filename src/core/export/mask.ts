/**
 * Statistical masking of the figures that leave the establishment.
 *
 * 1. Primary: every pupil count from 1 to threshold − 1 is masked, shown « < 5 ». A zero is shown: it
 *    describes no pupil (as in official statistics, where an empty cell is not confidential).
 * 2. Secondary (complementary disclosure): for every published sum — levels -> total of a row,
 *    mastery levels -> pupils assessed, placed + not placed -> pupils, projects -> pupils — a masked
 *    figure could be recomputed by subtraction if it were the only one masked; the smallest other
 *    part (preferably non-zero) is then masked too (shown « masqué »), until no sum has exactly one
 *    masked figure.
 * 3. Derived: a share is masked when its numerator or its denominator is (k / n reveals k once n is
 *    known). A share's counts are the same figures as the rows they repeat (`numeratorRow`,
 *    `denominatorRow`), so a figure is masked alike wherever it appears.
 * Figures never published (e.g. pupils without a need = pupils − pupils with it) are not masked:
 * like published pass rates, a share of 100 % is accepted.
 * Workshops, teachers and hours describe the organisation, not pupils: they are never masked.
 */
import { isShare } from '../indicators/tally';
import type { IndicatorRow, Indicators, IndicatorTable } from '../indicators/types';

export type Published = number | string | null;

export interface PublishedCell {
  value: Published;
  /** For shares: the published numerator and denominator. */
  num?: Published;
  den?: Published;
  masked: boolean;
}

export interface MaskedTable {
  table: IndicatorTable;
  /** Rows x columns, like table.rows[].cells. */
  cells: PublishedCell[][];
}

export interface MaskResult {
  tables: MaskedTable[];
  /** Published cells masked (primary, secondary or derived). */
  maskedCount: number;
}

type State = 'shown' | 'small' | 'secondary';

interface Figure {
  value: number;
  state: State;
}

const MASKED_UNITS = new Set(['pupils', 'pupilShare']);

export const SECONDARY_MASK = 'masqué';

export function smallMask(threshold: number): string {
  return `< ${threshold}`;
}

/** Ids of the counts behind a cell: `table/row/col`, or the repeated row's id. */
function figureIds(table: IndicatorTable, row: IndicatorRow, col: string): { count: string; num: string; den: string } {
  const own = `${table.id}/${row.key}/${col}`;
  return {
    count: own,
    num: row.numeratorRow ? `${row.numeratorRow}/${col}` : `${own}#num`,
    den: row.denominatorRow ? `${row.denominatorRow}/${col}` : `${own}#den`,
  };
}

class FigureSet {
  readonly figures = new Map<string, Figure>();
  readonly sums: { total: string; parts: string[] }[] = [];

  constructor(private readonly threshold: number) {}

  add(id: string, value: number): void {
    if (!this.figures.has(id)) this.figures.set(id, { value, state: value > 0 && value < this.threshold ? 'small' : 'shown' });
  }

  state(id: string): State {
    return this.figures.get(id)?.state ?? 'shown';
  }

  /** Secondary suppression until every sum has zero or at least two masked figures. */
  protectSums(): void {
    for (let changed = true; changed; ) {
      changed = false;
      for (const { total, parts } of this.sums) {
        const members = [total, ...parts].filter((id) => this.figures.has(id));
        const masked = members.filter((id) => this.state(id) !== 'shown');
        if (masked.length !== 1) continue;
        const candidates = parts.filter((id) => this.figures.has(id) && this.state(id) === 'shown');
        const shownMembers = members.filter((id) => this.state(id) === 'shown');
        const pool = [candidates.filter((id) => this.figures.get(id)!.value > 0), candidates, shownMembers].find((ids) => ids.length);
        if (!pool) continue;
        const smallest = pool.reduce((a, b) => (this.figures.get(b)!.value < this.figures.get(a)!.value ? b : a));
        this.figures.get(smallest)!.state = 'secondary';
        changed = true;
      }
    }
  }
}

function collectFigures(ind: Indicators, threshold: number): FigureSet {
  const set = new FigureSet(threshold);
  for (const table of ind.tables) {
    for (const row of table.rows) {
      if (!MASKED_UNITS.has(row.unit)) continue;
      const ids = table.columns.map((c) => figureIds(table, row, c.key));
      row.cells.forEach((cell, i) => {
        if (typeof cell === 'number') set.add(ids[i].count, cell);
        else if (isShare(cell)) {
          set.add(ids[i].num, cell.num);
          set.add(ids[i].den, cell.den);
        }
      });
      if (!table.lastColumnIsSum || ids.length < 2) continue;
      const last = ids.length - 1;
      for (const part of ['count', 'num', 'den'] as const) {
        set.sums.push({ total: ids[last][part], parts: ids.slice(0, last).map((id) => id[part]) });
      }
    }
  }
  for (const { total, parts } of ind.sums) {
    const [totalTable] = total.split('/');
    const columns = ind.tables.find((t) => t.id === totalTable)?.columns ?? [];
    for (const { key } of columns) set.sums.push({ total: `${total}/${key}`, parts: parts.map((p) => `${p}/${key}`) });
  }
  return set;
}

const round = (value: number, digits: number) => Math.round(value * 10 ** digits) / 10 ** digits;

export function maskIndicators(ind: Indicators, threshold: number): MaskResult {
  const figures = collectFigures(ind, threshold);
  figures.protectSums();
  const shown = (id: string, value: number): Published => {
    const state = figures.state(id);
    return state === 'shown' ? value : state === 'small' ? smallMask(threshold) : SECONDARY_MASK;
  };
  let maskedCount = 0;
  const tables = ind.tables.map((table) => ({
    table,
    cells: table.rows.map((row) =>
      row.cells.map((cell, i): PublishedCell => {
        const ids = figureIds(table, row, table.columns[i].key);
        const masks = MASKED_UNITS.has(row.unit);
        let published: PublishedCell;
        if (cell === null) published = { value: null, masked: false };
        else if (!isShare(cell)) {
          const value = masks ? shown(ids.count, cell) : round(cell, 2);
          published = { value, masked: typeof value === 'string' };
        } else {
          const num = masks ? shown(ids.num, cell.num) : cell.num;
          const den = masks ? shown(ids.den, cell.den) : cell.den;
          const hidden = typeof num === 'string' || typeof den === 'string';
          const value = hidden ? SECONDARY_MASK : cell.den > 0 ? round((100 * cell.num) / cell.den, 1) : null;
          published = { value, num, den, masked: hidden };
        }
        if (published.masked) maskedCount++;
        return published;
      }),
    ),
  }));
  return { tables, maskedCount };
}
