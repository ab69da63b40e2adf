/** Text helpers shared by the reader and the identity matching. */

/**
 * Normalised forms already computed: the same names, classes and workshops are compared on every row,
 * so each distinct text is normalised once. Bounded, so that a long-lived page does not grow with it.
 */
const normalized = new Map<string, string>();
const MAX_NORMALIZED = 100_000;

/** Lower case, no accents, hyphens/underscores/apostrophes/dots as spaces, single spaces, trimmed. */
export function normalizeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  const text = String(value);
  let result = normalized.get(text);
  if (result === undefined) {
    result = normalize(text);
    if (normalized.size >= MAX_NORMALIZED) normalized.clear();
    normalized.set(text, result);
  }
  return result;
}

function normalize(text: string): string {
  return text
    .normalize('NFD')
    .replace(/[\u0300-\u036f]/g, '')
    .toLowerCase()
    .replace(/[\u2019'`´_.\-‐‑–—]/g, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Trimmed text of a cell, empty for null. */
export function cellText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).trim();
}

/** French decimal display: 0.82 -> "0,82". */
export function frenchNumber(value: number, digits = 2): string {
  return value.toFixed(digits).replace('.', ',');
}

/** "Dupont" / "DUPONT" -> "Dupont"; keeps hyphenated parts: "JEAN-PIERRE" -> "Jean-Pierre". */
export function capitalizeName(value: string): string {
  return value
    .toLowerCase()
    .replace(/(^|[\s\-'’])(\p{L})/gu, (_, sep: string, letter: string) => sep + letter.toUpperCase());
}
