/**
 * CSV as French Excel opens it: UTF-8 with a BOM (else accents break), `;` between fields, decimal
 * comma, CRLF line ends. A text starting with = + - @ (or a tab / carriage return) is prefixed with
 * an apostrophe so that opening the file can never run a formula (CSV injection).
 */
import type { CellValue } from '../grid';

const BOM = '\uFEFF';
const FORMULA_START = /^[=+\-@\t\r]/;

export function neutralise(text: string): string {
  return FORMULA_START.test(text) ? `'${text}` : text;
}

function csvField(value: CellValue | undefined): string {
  if (value === null || value === undefined) return '';
  const text = typeof value === 'number' ? String(value).replace('.', ',') : typeof value === 'boolean' ? (value ? 'VRAI' : 'FAUX') : neutralise(value);
  return /[;"\r\n]/.test(text) ? `"${text.replace(/"/g, '""')}"` : text;
}

export function toCsv(rows: CellValue[][]): string {
  return BOM + rows.map((row) => row.map(csvField).join(';')).join('\r\n') + '\r\n';
}

/** A field as a value: numbers with a decimal comma or point become numbers; a neutralising apostrophe is dropped. */
function fieldValue(text: string, quoted: boolean): CellValue {
  if (!quoted && /^-?\d+([.,]\d+)?$/.test(text)) return Number(text.replace(',', '.'));
  if (text.startsWith("'") && FORMULA_START.test(text.slice(1))) return text.slice(1);
  return text === '' ? null : text;
}

/** Parse `;`-separated CSV (quotes, doubled quotes, CRLF or LF, optional BOM) into rows of values. */
export function parseCsv(text: string): CellValue[][] {
  const source = text.startsWith(BOM) ? text.slice(1) : text;
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = '';
  let quoted = false;
  let inQuotes = false;
  const endField = () => {
    row.push(fieldValue(field, quoted));
    field = '';
    quoted = false;
  };
  for (let i = 0; i < source.length; i++) {
    const ch = source[i];
    if (inQuotes) {
      if (ch === '"' && source[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else field += ch;
    } else if (ch === '"') {
      inQuotes = true;
      quoted = true;
    } else if (ch === ';') endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && source[i + 1] === '\n') i++;
      endField();
      rows.push(row);
      row = [];
    } else field += ch;
  }
  if (field !== '' || row.length) {
    endField();
    rows.push(row);
  }
  return rows.map((r) => (r.every((v) => v === null) ? [] : r));
}
