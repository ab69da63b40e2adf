/**
 * CSV files as schools get them (Pronote, SIECLE, EDT, a spreadsheet saved as CSV): `;`, `,` or tab
 * between fields (detected), UTF-8 with or without BOM, UTF-16 (Excel's « texte Unicode ») or a
 * Windows code page (detected: the bytes are not valid UTF-8), decimal commas, `="2 MELEC"` cells kept
 * as text, quoted fields with line breaks and doubled quotes. One file is one sheet.
 */
import { UnusableInputError } from '../../core/diagnostics';
import type { CellValue, Grid } from '../../core/grid';
import { MAX_COLUMNS, MAX_ROWS, MAX_SHEET_CELLS } from './limits';
import { sheetNameFromFile } from './names';

export interface DecodedText {
  text: string;
  /** Label of the encoding used, for the notes shown to the coordinator. */
  encoding: 'UTF-8' | 'UTF-16' | 'Windows-1252' | 'ISO-8859-15';
}

/** Bytes that are C1 controls in Latin-1 but letters or signs (€, œ, ’…) in Windows-1252. */
function hasWindows1252Only(bytes: Uint8Array): boolean {
  for (const byte of bytes) if (byte >= 0x80 && byte <= 0x9f) return true;
  return false;
}

/** Bytes whose meaning differs between ISO-8859-15 (€ Š š Ž ž Œ œ Ÿ) and Latin-1 / Windows-1252. */
const LATIN9_BYTES = new Set([0xa4, 0xa6, 0xa8, 0xb4, 0xb8, 0xbc, 0xbd, 0xbe]);

/** Characters of Windows-1252 bytes 0x80-0x9F (undefined ones are kept as the C1 control they are in Latin-1). */
const WINDOWS_1252_HIGH = '€\u0081‚ƒ„…†‡ˆ‰Š‹Œ\u008dŽ\u008f\u0090‘’“”•–—˜™š›œ\u009džŸ';

/**
 * Windows-1252 (and Latin-1, which it extends), decoded here because Node's TextDecoder reads this
 * label as plain Latin-1 and loses €, œ and the typographic quotes.
 */
export function decodeWindows1252(bytes: Uint8Array): string {
  const parts: string[] = [];
  const CHUNK = 8192;
  for (let start = 0; start < bytes.length; start += CHUNK) {
    const chars = Array.from(bytes.subarray(start, start + CHUNK), (byte) => (byte >= 0x80 && byte <= 0x9f ? WINDOWS_1252_HIGH[byte - 0x80] : String.fromCharCode(byte)));
    parts.push(chars.join(''));
  }
  return parts.join('');
}

/** Decode a text file: BOM first, then valid UTF-8, else the Windows / ISO code page that fits the bytes. */
export function decodeText(bytes: Uint8Array): DecodedText {
  if (bytes[0] === 0xef && bytes[1] === 0xbb && bytes[2] === 0xbf) return { text: new TextDecoder('utf-8').decode(bytes.subarray(3)), encoding: 'UTF-8' };
  if (bytes[0] === 0xff && bytes[1] === 0xfe) return { text: new TextDecoder('utf-16le').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  if (bytes[0] === 0xfe && bytes[1] === 0xff) return { text: new TextDecoder('utf-16be').decode(bytes.subarray(2)), encoding: 'UTF-16' };
  try {
    return { text: new TextDecoder('utf-8', { fatal: true }).decode(bytes), encoding: 'UTF-8' };
  } catch {
    // Not UTF-8: a French Windows code page. Latin-1 and Windows-1252 agree on every letter outside 0x80-0x9F.
    if (!hasWindows1252Only(bytes) && bytes.some((byte) => LATIN9_BYTES.has(byte))) {
      return { text: new TextDecoder('iso-8859-15').decode(bytes), encoding: 'ISO-8859-15' };
    }
    return { text: decodeWindows1252(bytes), encoding: 'Windows-1252' };
  }
}

const SEPARATORS = [';', '\t', ','] as const;
export type Separator = (typeof SEPARATORS)[number];
const SAMPLE_LINES = 50;

/** Per line of the sample, how many times each candidate separator occurs outside quotes. */
function countSeparators(text: string): Map<Separator, number[]> {
  const counts = new Map<Separator, number[]>(SEPARATORS.map((s) => [s, [0]]));
  let inQuotes = false;
  let lines = 0;
  for (let i = 0; i < text.length && lines < SAMPLE_LINES; i++) {
    const ch = text[i];
    if (ch === '"') inQuotes = !inQuotes;
    else if (inQuotes) continue;
    else if (ch === '\n') {
      lines++;
      for (const line of counts.values()) line.push(0);
    } else if (ch === ';' || ch === '\t' || ch === ',') {
      const line = counts.get(ch)!;
      line[line.length - 1]++;
    }
  }
  return counts;
}

/**
 * The separator that splits the most lines into the same number of fields (decimal commas inside a
 * `;` file vary from line to line; the real separator does not). `;` when there is only one column.
 */
export function detectSeparator(text: string): Separator {
  let best: Separator = ';';
  let bestScore = 0;
  for (const [separator, perLine] of countSeparators(text)) {
    const nonEmpty = perLine.filter((n) => n > 0);
    if (!nonEmpty.length) continue;
    const frequency = new Map<number, number>();
    for (const n of nonEmpty) frequency.set(n, (frequency.get(n) ?? 0) + 1);
    const score = Math.max(...frequency.values());
    if (score > bestScore) {
      best = separator;
      bestScore = score;
    }
  }
  return best;
}

/** A number as French or English software writes it: `12,5`, `12.5`, `-3`, `75%`; codes with leading zeros stay text. */
const NUMBER = /^[-+]?(?:0|[1-9]\d{0,14})(?:[.,]\d+)?$/;
const PERCENT = /^([-+]?(?:0|[1-9]\d{0,14})(?:[.,]\d+)?)\s?%$/;
/** `="2 MELEC"`: how exports force Excel to keep a value as text. */
const FORCED_TEXT = /^="(.*)"$/s;

function fieldValue(field: string): CellValue {
  const forced = FORCED_TEXT.exec(field);
  if (forced) return forced[1].replace(/""/g, '"') || null;
  const text = field.trim();
  if (text === '') return null;
  if (NUMBER.test(text)) return Number(text.replace(',', '.'));
  const percent = PERCENT.exec(text);
  if (percent) return Number(percent[1].replace(',', '.')) / 100;
  return field;
}

export interface ParsedCsv {
  rows: CellValue[][];
  /** 1-based line where a quoted field was opened and never closed, if any. */
  unclosedQuoteLine?: number;
}

function tooLarge(fileName: string, what: string): UnusableInputError {
  return new UnusableInputError(`Le fichier « ${fileName} » a ${what} : c'est bien au-delà d'une liste d'établissement. Vérifiez qu'il s'agit du bon fichier.`);
}

/** Split CSV text into rows of values (RFC 4180 quoting, CRLF, LF or CR line ends). */
export function parseCsvText(text: string, separator: Separator, fileName = 'CSV'): ParsedCsv {
  const rows: CellValue[][] = [];
  let row: CellValue[] = [];
  let field = '';
  let inQuotes = false;
  let line = 1;
  let quoteLine = 0;
  let cells = 0;
  const endField = () => {
    row.push(fieldValue(field));
    field = '';
    if (row.length > MAX_COLUMNS) throw tooLarge(fileName, `plus de ${MAX_COLUMNS} colonnes à la ligne ${line}`);
    if (++cells > MAX_SHEET_CELLS) throw tooLarge(fileName, `plus de ${MAX_SHEET_CELLS.toLocaleString('fr-FR')} cellules`);
  };
  const endRow = () => {
    endField();
    while (row.length && row[row.length - 1] === null) row.pop();
    rows.push(row);
    row = [];
    if (rows.length > MAX_ROWS) throw tooLarge(fileName, `plus de ${MAX_ROWS} lignes`);
  };
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (inQuotes) {
      if (ch === '"' && text[i + 1] === '"') {
        field += '"';
        i++;
      } else if (ch === '"') inQuotes = false;
      else {
        if (ch === '\n') line++;
        field += ch;
      }
    } else if (ch === '"' && field === '') {
      inQuotes = true;
      quoteLine = line;
    } else if (ch === separator) endField();
    else if (ch === '\n' || ch === '\r') {
      if (ch === '\r' && text[i + 1] === '\n') i++;
      endRow();
      line++;
    } else field += ch;
  }
  if (field !== '' || row.length || inQuotes) endRow();
  while (rows.length && rows[rows.length - 1].length === 0) rows.pop();
  return { rows, ...(inQuotes && { unclosedQuoteLine: quoteLine }) };
}

const SEPARATOR_NAMES: Record<Separator, string> = { ';': 'point-virgule', '\t': 'tabulation', ',': 'virgule' };

/** A CSV file as one sheet named after the file, with notes on what was detected. */
export function readCsv(bytes: Uint8Array, fileName: string): { grid: Grid; notes: string[] } {
  const { text, encoding } = decodeText(bytes);
  const separator = detectSeparator(text);
  const parsed = parseCsvText(text, separator, fileName);
  if (!parsed.rows.length) throw new UnusableInputError(`Le fichier « ${fileName} » ne contient aucune donnée.`);
  const notes = [`« ${fileName} » lu comme un fichier CSV (séparateur ${SEPARATOR_NAMES[separator]}, encodage ${encoding}).`];
  if (parsed.unclosedQuoteLine) {
    notes.push(`« ${fileName} » : un guillemet ouvert à la ligne ${parsed.unclosedQuoteLine} n'est jamais fermé ; la fin du fichier a été lue comme une seule cellule.`);
  }
  return { grid: { sheet: sheetNameFromFile(fileName), origin: { row: 0, col: 0 }, values: parsed.rows }, notes };
}
