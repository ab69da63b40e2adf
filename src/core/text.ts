/** Text helpers shared by the reader and the identity matching. */

/** Lower case, no accents, hyphens/underscores/apostrophes/dots as spaces, single spaces, trimmed. */
export function normalizeText(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value)
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
