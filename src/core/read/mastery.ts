/**
 * Mastery values as teams type them, mapped to the 4-level LSU scale:
 * words and abbreviations (A / ECA / NA, LSU words, TB / B / AB / I), symbols (++ / + / - / --),
 * Pronote's six levels (« Presque maîtrisé » counts as fragile, « Début de maîtrise » as insufficient:
 * both still call for help; a school that reads them otherwise says so in « AP Correspondances »),
 * LSU numbers 1-4, scores (« 12/20 », « 75 % », or numbers in a column with a known maximum).
 * "abs", "disp.", "NE", "Test incomplet"… mean not assessed, never "not acquired".
 */
import type { MasteryLevel } from '../model';
import { parseDateCell } from '../dates';
import { compactKey, tidy } from './vocabulary';

export type Reading =
  | { kind: 'level'; level: MasteryLevel }
  | { kind: 'not-assessed'; incomplete: boolean }
  | { kind: 'empty' }
  | { kind: 'unknown' };

/** Scores: percent of the maximum below each threshold gives levels 1, 2, 3; at or above the last, 4. */
export type Thresholds = [number, number, number];

export const DEFAULT_THRESHOLDS: Thresholds = [25, 50, 75];

/** A value the coordinator added in « AP Correspondances »: null level = not assessed. */
export interface ExtraValue {
  text: string;
  level: MasteryLevel | null;
}

const WORDS: [MasteryLevel | 0, string[]][] = [
  [4, ['tbm', 'tresbonnemaitrise', 'tresbonniveaudemaitrise', 'tresbonniveau', 'niveaudemaitrisetresbon', 'tresbonnemaitrisee', 'tresbienmaitrise', 'tresbienmaitrisee', 'maitrisetresbonne', 'tb', 'tresbien', 'depasse', 'depassee', 'expert', 'excellent', 'maitrisetressatisfaisante']],
  [3, ['a', 'acquis', 'acquise', 'acquises', 'ac', 'maitrisesatisfaisante', 'niveaudemaitrisesatisfaisant', 'bonnemaitrise', 'satisfaisante', 'satisfaisant', 'ms', 'maitrise', 'maitrisee', 'bien', 'b', 'atteint', 'atteinte', 'valide', 'validee', 'reussi', 'oui']],
  [2, ['eca', 'ec', 'encours', 'encoursdacquisition', 'encoursacquisition', 'enacquisition', 'pa', 'partiellementacquis', 'partiellementacquise', 'partiellement', 'partiel', 'maitrisefragile', 'fragile', 'mf', 'ar', 'arenforcer', 'presqueacquis', 'enprogres', 'assezbien', 'ab', 'partiellementatteint', 'fragil', 'presquemaitrise', 'presquemaitrisee', 'niveaudemaitrisefragile', 'maitrisepartielle']],
  [1, ['na', 'nonacquis', 'nonacquise', 'pasacquis', 'maitriseinsuffisante', 'insuffisante', 'insuffisant', 'mi', 'nonmaitrise', 'nonmaitrisee', 'nm', 'nonatteint', 'non', 'i', 'insuffisance', 'debutdemaitrise', 'niveaudemaitriseinsuffisant', 'maitriseinsuffisant']],
  [0, ['abs', 'absent', 'absente', 'absents', 'absence', 'disp', 'dispense', 'dispensee', 'ne', 'nonevalue', 'nonevaluee', 'pasevalue', 'nr', 'nonrenseigne', 'nn', 'nonnote', 'nf', 'nonfait', 'testincomplet', 'incomplet', 'nonrendu', 'nonrendue', 'nonremis', 'nonevaluable']],
];

const WORD_LOOKUP = new Map<string, MasteryLevel | 0>(WORDS.flatMap(([level, keys]) => keys.map((key) => [key, level] as const)));

const SYMBOLS = new Map<string, MasteryLevel>([['++', 4], ['+', 3], ['-', 2], ['−', 2], ['--', 1], ['−−', 1]]);

/** Text that is a scale word or symbol (used to tell data rows from header rows and legends). */
export function isMasteryWord(value: unknown): boolean {
  if (typeof value !== 'string') return false;
  const text = value.replace(/\s+/g, '');
  return SYMBOLS.has(text) || WORD_LOOKUP.has(compactKey(value));
}

/** Same test on text already normalised (normalizeText): spares a second normalisation. */
export function isMasteryNormalized(normalized: string): boolean {
  return SYMBOLS.has(normalized.replace(/\s+/g, '')) || WORD_LOOKUP.has(normalized.replace(/[^a-z0-9]+/g, ''));
}

/** « 12/20 », « 12 / 20 », « 75 % », « 75% »: a self-describing score as a percentage. */
export function scoreTextPercent(text: string): number | null {
  let match = /^\s*(\d+(?:[.,]\d+)?)\s*\/\s*(\d+(?:[.,]\d+)?)\s*$/.exec(text);
  if (match) {
    const max = Number(match[2].replace(',', '.'));
    return max > 0 ? (Number(match[1].replace(',', '.')) / max) * 100 : null;
  }
  match = /^\s*(\d+(?:[.,]\d+)?)\s*%\s*$/.exec(text);
  return match ? Number(match[1].replace(',', '.')) : null;
}

/** A number in a cell: 12, "12", "12,5". */
export function numberOf(value: unknown): number | null {
  if (typeof value === 'number') return Number.isFinite(value) ? value : null;
  if (typeof value !== 'string') return null;
  const match = /^\s*(-?\d+(?:[.,]\d+)?)\s*$/.exec(value);
  return match ? Number(match[1].replace(',', '.')) : null;
}

export function levelFromPercent(percent: number, thresholds: Thresholds): MasteryLevel {
  if (percent < thresholds[0]) return 1;
  if (percent < thresholds[1]) return 2;
  if (percent < thresholds[2]) return 3;
  return 4;
}

export interface ParseContext {
  /** Numbers are scores out of this maximum; without it only 1-4 are read (LSU levels). */
  maxScore?: number;
  thresholds: Thresholds;
  extras: Map<string, MasteryLevel | null>;
}

/** How a declared value is compared: its letters and digits, or the symbol itself (« ✔ », « 🟢 »). */
export function extraKey(value: string): string {
  return compactKey(value) || value.replace(/\s+/g, '');
}

export function extrasLookup(extras: ExtraValue[]): Map<string, MasteryLevel | null> {
  return new Map(extras.map((extra) => [extraKey(extra.text), extra.level]));
}

const LEVEL_READINGS: Record<MasteryLevel, Reading> = {
  1: { kind: 'level', level: 1 },
  2: { kind: 'level', level: 2 },
  3: { kind: 'level', level: 3 },
  4: { kind: 'level', level: 4 },
};
const EMPTY: Reading = { kind: 'empty' };
const UNKNOWN: Reading = { kind: 'unknown' };
const NOT_ASSESSED: Reading = { kind: 'not-assessed', incomplete: false };
const INCOMPLETE: Reading = { kind: 'not-assessed', incomplete: true };

function readNumber(value: number, context: ParseContext): Reading {
  if (context.maxScore !== undefined) {
    if (value < 0 || value > context.maxScore) return UNKNOWN;
    return LEVEL_READINGS[levelFromPercent((value / context.maxScore) * 100, context.thresholds)];
  }
  return Number.isInteger(value) && value >= 1 && value <= 4 ? LEVEL_READINGS[value as MasteryLevel] : UNKNOWN;
}

function readText(raw: string, context: ParseContext): Reading {
  const text = raw.trim();
  if (!text) return EMPTY;
  const key = compactKey(text);
  const extra = context.extras.get(extraKey(text));
  if (extra !== undefined) return extra === null ? NOT_ASSESSED : LEVEL_READINGS[extra];
  const symbol = SYMBOLS.get(text.replace(/\s+/g, ''));
  if (symbol) return LEVEL_READINGS[symbol];
  const word = WORD_LOOKUP.get(key);
  if (word !== undefined) {
    if (word !== 0) return LEVEL_READINGS[word];
    return key === 'testincomplet' || key === 'incomplet' ? INCOMPLETE : NOT_ASSESSED;
  }
  const fraction = /^\s*([1-4])\s*\/\s*4\s*$/.exec(text);
  if (fraction) return LEVEL_READINGS[Number(fraction[1]) as MasteryLevel];
  const percent = scoreTextPercent(text);
  if (percent !== null) return percent <= 100 ? LEVEL_READINGS[levelFromPercent(percent, context.thresholds)] : UNKNOWN;
  const number = numberOf(text);
  if (number !== null) return readNumber(number, context);
  return UNKNOWN;
}

/** Read one cell's value (fills are read separately, only when the value is empty). */
export function readMastery(value: unknown, context: ParseContext): Reading {
  if (value === null || value === undefined) return EMPTY;
  if (typeof value === 'number') return readNumber(value, context);
  if (typeof value === 'string') return readText(value, context);
  return UNKNOWN;
}

/** How an unknown value is quoted in a message: never a date (it could be a date of birth). */
export function quoteValue(value: unknown): string {
  if (typeof value === 'number' && value > 20000 && value < 80000) return 'de type date';
  if (typeof value === 'string' && parseDateCell(value) !== null) return 'de type date';
  const text = tidy(value);
  return `« ${text.length > 40 ? `${text.slice(0, 39)}…` : text} »`;
}
