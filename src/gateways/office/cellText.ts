/**
 * Text written through `range.values` is parsed by Excel like typed input: `=A1` becomes a formula,
 * `-3` or `1/2` a number or a date, `VRAI` a boolean. Text that came from a cell must stay text, so
 * such strings get Excel's text prefix (a leading apostrophe, which is not part of the value).
 */

const FORMULA_OR_PREFIX_START = /^[=+\-@']/;
/** Starts like a number, a date, a time, a currency amount, a negative in brackets or an error value. */
const NUMBER_LIKE_START = /^[\d.,(#$€£%]/;
const BOOLEAN_WORDS = /^(true|false|vrai|faux)$/i;
/** "mars 2026", "Sept. 12", "12 janv." are dates for a French or English Excel. */
const MONTH_DATE =
  /^(janv?|f[ée]vr?|feb|mars?|avr|apr|mai|may|juin?|jun|juil|jul|ao[uû]t?|aug|sept?|oct|nov|d[ée]c)[\p{L}]*\.?[\s\-/]*\d/iu;

/** Does Excel need the text prefix to keep this string as text? */
export function needsTextPrefix(text: string): boolean {
  if (FORMULA_OR_PREFIX_START.test(text)) return true;
  const trimmed = text.trim();
  return NUMBER_LIKE_START.test(trimmed) || BOOLEAN_WORDS.test(trimmed) || MONTH_DATE.test(trimmed);
}

/** The string to put in `range.values` so that the cell holds exactly `text`, as text. */
export function asExcelText(text: string): string {
  return needsTextPrefix(text) ? `'${text}` : text;
}

/** A value ready for `range.values`: text guarded, non-finite numbers left empty. */
export function toExcelInput(value: string | number | boolean | null): string | number | boolean {
  if (value === null) return '';
  if (typeof value === 'string') return asExcelText(value);
  if (typeof value === 'number' && !Number.isFinite(value)) return '';
  return value;
}

/** Bytes of a string once UTF-8 encoded: what a request to Excel on the web weighs. */
export function utf8Length(text: string): number {
  let bytes = 0;
  for (let i = 0; i < text.length; i++) {
    const code = text.charCodeAt(i);
    if (code < 0x80) bytes += 1;
    else if (code < 0x800) bytes += 2;
    else if (code >= 0xd800 && code <= 0xdbff) {
      bytes += 4;
      i++;
    } else bytes += 3;
  }
  return bytes;
}

/** Estimated request weight of a payload sent to Excel (its JSON, UTF-8). */
export function jsonBytes(payload: unknown): number {
  return utf8Length(JSON.stringify(payload) ?? '');
}
