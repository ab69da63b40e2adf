/** Pupils' names as schools write them: « DUPONT Marie », « Dupont, Marie », separate columns. */
import { normalizeText } from '../text';
import { isMasteryNormalized } from './mastery';
import { isSummaryWord, tidy } from './vocabulary';

/** Legends (« A : acquis »), formulas and sentences are not identities. */
const NOT_AN_IDENTITY = /[:=;!?]|^\d+([.,]\d+)?$/;

/**
 * The identity of a row: a name, a pseudonym or a code (« DUPONT Marie », « Élève 12 », « E-0412 »),
 * not a summary row (« Moyenne »), a legend (« A : acquis »), a count (« 24 ») or a scale word.
 * With a first name in its own column, a last name such as « Nombre » is a real name, not a summary row.
 */
export function looksLikeName(text: string, withFirstName = false): boolean {
  const name = tidy(text);
  if (!name || name.length > 60 || !/\p{L}/u.test(name) || NOT_AN_IDENTITY.test(name)) return false;
  if (withFirstName) return true;
  const normalized = normalizeText(name);
  return !isSummaryWord(normalized.replace(/[^a-z0-9]+/g, ' ').trim().split(' ')[0]) && !isMasteryNormalized(normalized);
}

function isUpperWord(word: string): boolean {
  return /\p{L}/u.test(word) && word === word.toUpperCase() && word !== word.toLowerCase() && word.replace(/[^\p{L}]/gu, '').length >= 2;
}

/**
 * « DUPONT Marie » -> Dupont / Marie; « Marie DUPONT » -> same; « Dupont, Marie » -> same;
 * without capitals the first word is the last name (the order of school lists).
 */
export function splitFullName(full: string): { lastName: string; firstName: string } {
  const text = tidy(full);
  const comma = text.indexOf(',');
  if (comma > 0) return { lastName: text.slice(0, comma).trim(), firstName: text.slice(comma + 1).trim() };
  const words = text.split(' ');
  if (words.length === 1) return { lastName: text, firstName: '' };
  let leading = 0;
  while (leading < words.length && isUpperWord(words[leading])) leading++;
  if (leading > 0 && leading < words.length) return { lastName: words.slice(0, leading).join(' '), firstName: words.slice(leading).join(' ') };
  let trailing = 0;
  while (trailing < words.length && isUpperWord(words[words.length - 1 - trailing])) trailing++;
  if (trailing > 0 && trailing < words.length) {
    return { lastName: words.slice(words.length - trailing).join(' '), firstName: words.slice(0, words.length - trailing).join(' ') };
  }
  return { lastName: words[0], firstName: words.slice(1).join(' ') };
}

/** What identity matching compares: « dupont marie » whatever the case, accents or hyphens. */
export function nameKey(lastName: string, firstName: string): string {
  return normalizeText(`${lastName} ${firstName}`);
}

/** « DUPONT Marie »: last name in capitals, first name as written. */
export function displayName(lastName: string, firstName: string): string {
  return tidy(`${lastName.toUpperCase()} ${firstName}`);
}

/** Classes compared without case, accents or spaces: « 2 MRC » = « 2mrc ». */
export function classKey(className: string): string {
  return normalizeText(className).replace(/\s+/g, '');
}

/** INE in upper case without spaces; null when the cell holds none. */
export function ineOf(value: unknown): string | null {
  const text = tidy(value).replace(/\s+/g, '').toUpperCase();
  return /^[0-9A-Z]{8,12}$/.test(text) && /\d/.test(text) ? text : null;
}
