/**
 * One rule for worksheet names, the one Excel applies: two names are the same sheet when they are
 * equal ignoring case (Unicode case folding, so « ÉLÈVES » is « élèves »), and a name is at most 31
 * characters, without `[ ] : * ? / \`, not starting or ending with an apostrophe, not « History ».
 * Every reader, writer and gateway compares sheet names through this module.
 */

export const MAX_SHEET_NAME_LENGTH = 31;

/** Excel reserves this name (the change-tracking history sheet), in any case. */
const RESERVED_NAME = 'history';
const FORBIDDEN_CHARACTERS = /[[\]:*?/\\]/g;
/** Control characters cannot be typed in a tab and break some readers. */
// eslint-disable-next-line no-control-regex -- these are exactly the characters to remove
const CONTROL_CHARACTERS = /[\u0000-\u001f\u007f-\u009f]/g;

/** The comparison key of a sheet name: equal keys mean Excel sees one sheet. */
export function sheetNameKey(name: string): string {
  // Upper-casing then lower-casing folds the pairs that lower-casing alone keeps apart (ϐ/β, ſ/s...).
  return name.normalize('NFC').toUpperCase().toLowerCase();
}

export function sameSheetName(a: string, b: string): boolean {
  return sheetNameKey(a) === sheetNameKey(b);
}

/** The first item whose sheet name is the same as `name` for Excel. */
export function findBySheetName<T>(items: readonly T[], name: string, nameOf: (item: T) => string): T | undefined {
  const key = sheetNameKey(name);
  return items.find((item) => sheetNameKey(nameOf(item)) === key);
}

/** Does `name` start with `prefix`, ignoring case like sheet names? */
export function sheetNameStartsWith(name: string, prefix: string): boolean {
  return sheetNameKey(name).startsWith(sheetNameKey(prefix));
}

/** Why Excel would refuse this name (its length counts UTF-16 units, as Excel does), in French, or null when it is a valid sheet name. */
export function sheetNameProblem(name: string): string | null {
  if (name.trim() === '') return 'un nom de feuille ne peut pas être vide';
  if (name.length > MAX_SHEET_NAME_LENGTH) return `un nom de feuille a au plus ${MAX_SHEET_NAME_LENGTH} caractères`;
  if (new RegExp(FORBIDDEN_CHARACTERS.source).test(name)) return 'un nom de feuille ne peut contenir aucun des caractères [ ] : * ? / \\';
  if (name.startsWith("'") || name.endsWith("'")) return "un nom de feuille ne peut ni commencer ni finir par une apostrophe";
  if (sheetNameKey(name) === RESERVED_NAME) return '« History » est un nom réservé par Excel';
  return null;
}

/**
 * A valid sheet name made from any text (a title, a code read from a file), different from every name
 * in `taken` for Excel: forbidden characters become spaces, it is cut to 31 characters, and a
 * « (2) », « (3) »… suffix is added when needed. `fallback` is used when nothing usable is left.
 */
export function safeSheetName(text: string, taken: Iterable<string> = [], fallback = 'Feuille'): string {
  const takenKeys = new Set([...taken].map(sheetNameKey));
  const cleaned = (raw: string) =>
    raw
      .replace(CONTROL_CHARACTERS, ' ')
      .replace(FORBIDDEN_CHARACTERS, ' ')
      .replace(/\s+/g, ' ')
      .trim()
      .replace(/^'+|'+$/g, '')
      .trim();
  let base = cleaned(String(text ?? ''));
  if (base === '' || sheetNameKey(base) === RESERVED_NAME) base = base === '' ? cleaned(fallback) || 'Feuille' : `${base} 1`;
  const cut = (value: string, room: number) => {
    if (value.length <= room) return value;
    // Excel counts UTF-16 units; cut whole code points so that an emoji is never split in half.
    let kept = '';
    for (const point of value) {
      if (kept.length + point.length > room) break;
      kept += point;
    }
    return kept.replace(/[\s']+$/, '');
  };
  let candidate = cut(base, MAX_SHEET_NAME_LENGTH);
  for (let n = 2; takenKeys.has(sheetNameKey(candidate)); n++) {
    const suffix = ` (${n})`;
    candidate = `${cut(base, MAX_SHEET_NAME_LENGTH - suffix.length)}${suffix}`;
  }
  return candidate;
}
