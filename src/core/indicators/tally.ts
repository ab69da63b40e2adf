/** Counting helpers shared by the indicator tables: distinct ids per row and level, in a stable order. */
import type { NeedKind } from '../model';
import { KIND_LABELS } from '../settings/settings';
import { normalizeText } from '../text';
import type { IndicatorCell, IndicatorColumn, IndicatorRow, IndicatorUnit, Share } from './types';

export const KIND_ORDER: NeedKind[] = ['remediation', 'methodology', 'orientation', 'enrichment'];

export const TOTAL_KEY = 'total';

/** A key that survives accents, case and spaces: "Mathématiques" -> "mathematiques". */
export function slug(text: string): string {
  return normalizeText(text).replace(/ /g, '-');
}

/** Row key of an activity, shared by needs and workshops: `remediation:mathematiques`, `methodology`. */
export function activityKey(kind: NeedKind, discipline?: string): string {
  return discipline ? `${kind}:${slug(discipline)}` : kind;
}

export function activityLabel(kind: NeedKind, discipline?: string): string {
  return discipline ? `${KIND_LABELS[kind]} · ${discipline}` : KIND_LABELS[kind];
}

/** Sort activity rows by kind (seed 003's order), then by label. */
export function activityOrder(a: { key: string; label: string }, b: { key: string; label: string }): number {
  const kind = (key: string) => KIND_ORDER.indexOf(key.split(':')[0] as NeedKind);
  return kind(a.key) - kind(b.key) || a.label.localeCompare(b.label, 'fr');
}

export function levelColumns(levels: string[]): IndicatorColumn[] {
  return [...levels.map((level) => ({ key: level, label: level })), { key: TOTAL_KEY, label: 'Total' }];
}

/** Distinct ids per row and level; a row's total is the sum of its levels (an id belongs to one level). */
export class LevelTally {
  private readonly rows = new Map<string, { label: string; byLevel: Map<string, Set<string>> }>();

  constructor(private readonly levels: string[]) {}

  /** Declare a row so that it appears even with no id. */
  declare(key: string, label: string): void {
    if (!this.rows.has(key)) this.rows.set(key, { label, byLevel: new Map() });
  }

  add(key: string, label: string, level: string, id: string): void {
    if (!this.levels.includes(level)) return;
    this.declare(key, label);
    const byLevel = this.rows.get(key)!.byLevel;
    if (!byLevel.has(level)) byLevel.set(level, new Set());
    byLevel.get(level)!.add(id);
  }

  ids(key: string, level: string): Set<string> {
    return this.rows.get(key)?.byLevel.get(level) ?? new Set();
  }

  row(key: string, unit: IndicatorUnit): IndicatorRow {
    const entry = this.rows.get(key);
    const counts = this.levels.map((level) => this.ids(key, level).size);
    return { key, label: entry?.label ?? key, unit, cells: [...counts, sum(counts)] };
  }

  /** Every row, in declaration order or sorted. */
  allRows(unit: IndicatorUnit, order?: (a: { key: string; label: string }, b: { key: string; label: string }) => number): IndicatorRow[] {
    const keys = [...this.rows.entries()].map(([key, { label }]) => ({ key, label }));
    if (order) keys.sort(order);
    return keys.map(({ key }) => this.row(key, unit));
  }
}

export function sum(values: number[]): number {
  return values.reduce((a, b) => a + b, 0);
}

/** Shares per level plus the total share (sum of numerators over sum of denominators). */
export function shareCells(pairs: Share[]): IndicatorCell[] {
  return [...pairs, { num: sum(pairs.map((p) => p.num)), den: sum(pairs.map((p) => p.den)) }];
}

export function isShare(cell: IndicatorCell): cell is Share {
  return typeof cell === 'object' && cell !== null;
}

/** The value a cell shows: the number, or a share's ratio (null when its denominator is 0). */
export function cellValue(cell: IndicatorCell): number | null {
  if (isShare(cell)) return cell.den > 0 ? cell.num / cell.den : null;
  return cell;
}
