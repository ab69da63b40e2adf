/**
 * When a positionnement took place, wherever the coordinator writes it: a date (« 15/11/2025 », a date
 * cell), a month with or without its year (« novembre 2025 », « nov. »). Turned into a key that sorts
 * in time within a school year: dated keys (yyyymmdd) sort after month-only keys, which sort after
 * plain round numbers (1, 2…).
 */
import { parseDateCell } from '../dates';
import { hasNumberedRound, isRoundFillerWord, keyOf } from './vocabulary';

const MONTHS: [number, string[]][] = [
  [9, ['septembre', 'sept', 'sep']], [10, ['octobre', 'oct']], [11, ['novembre', 'nov']], [12, ['decembre', 'dec']],
  [1, ['janvier', 'janv', 'jan']], [2, ['fevrier', 'fevr', 'fev']], [3, ['mars']], [4, ['avril', 'avr']], [5, ['mai']],
  [6, ['juin']], [7, ['juillet', 'juil']],
];
const MONTH_LOOKUP = new Map(MONTHS.flatMap(([month, words]) => words.map((w) => [w, month] as const)));

/** Months counted from September: September 1 … August 12. */
function schoolMonth(month: number): number {
  return month >= 8 ? month - 7 : month + 5;
}

export interface When {
  /** Sortable key (see the module comment). */
  key: number;
  /** As shown to the coordinator: « 15/11/2025 », « novembre 2025 », « novembre ». */
  label: string;
}

function fromIso(iso: string): When {
  const [y, m, d] = iso.split('-');
  return { key: Number(`${y}${m}${d}`), label: `${d}/${m}/${y}` };
}

/** The date or month a text or a cell names, or null. */
export function whenOf(value: unknown): When | null {
  if (typeof value === 'number') {
    const iso = parseDateCell(value);
    return iso ? fromIso(iso) : null;
  }
  if (typeof value !== 'string') return null;
  const date = /\b(\d{1,2}[/.]\d{1,2}[/.](?:\d{4}|\d{2}))\b/.exec(value) ?? /\b(\d{4}-\d{2}-\d{2})\b/.exec(value);
  const iso = date ? parseDateCell(date[1]) : null;
  if (iso && !Number.isNaN(Date.parse(iso))) return fromIso(iso);
  const words = keyOf(value).split(' ');
  for (let i = 0; i < words.length; i++) {
    const month = MONTH_LOOKUP.get(words[i]);
    if (month === undefined) continue;
    const year = /^(20\d\d)$/.exec(words[i + 1] ?? '')?.[1];
    const name = MONTHS.find(([m]) => m === month)?.[1][0] ?? '';
    if (year) return { key: Number(`${year}${String(month).padStart(2, '0')}00`), label: `${name} ${year}` };
    return { key: 100 + schoolMonth(month), label: name };
  }
  return null;
}

/**
 * A header group that only dates a positionnement (« Janvier », « Positionnement de novembre »,
 * « 15/11/2025 »), not a numbered one (« P2 ») nor a discipline: the date of its columns, else null.
 */
export function dateMarkerOf(text: string): When | null {
  const when = whenOf(text);
  if (!when || hasNumberedRound(text)) return null;
  const onlyDate = keyOf(text)
    .split(' ')
    .every((word) => MONTH_LOOKUP.has(word) || /^\d+$/.test(word) || isRoundFillerWord(word) || ['test', 'tests', 'bilan'].includes(word));
  return onlyDate ? when : null;
}
