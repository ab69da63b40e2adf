/** Dates cross the engine as ISO strings (YYYY-MM-DD); Excel stores them as serial numbers. */

const EXCEL_EPOCH_UTC = Date.UTC(1899, 11, 30);
const DAY_MS = 86_400_000;

/**
 * A moment's calendar date in the local time zone, as the engine's ISO date (the engine never reads the
 * clock: hosts call this with \`new Date()\`). Not UTC: at 00:30 in Paris it is already tomorrow.
 */
export function localIsoDate(moment: Date): string {
  const pad = (n: number) => String(n).padStart(2, '0');
  return `${moment.getFullYear()}-${pad(moment.getMonth() + 1)}-${pad(moment.getDate())}`;
}

export function isoToSerial(iso: string): number {
  const [y, m, d] = iso.split('-').map(Number);
  return Math.round((Date.UTC(y, m - 1, d) - EXCEL_EPOCH_UTC) / DAY_MS);
}

export function serialToIso(serial: number): string {
  return new Date(EXCEL_EPOCH_UTC + Math.floor(serial) * DAY_MS).toISOString().slice(0, 10);
}

/** Read a date cell: a serial number, an ISO string or a French "jj/mm/aaaa"; null otherwise. */
export function parseDateCell(value: unknown): string | null {
  if (typeof value === 'number' && value > 20000 && value < 80000) return serialToIso(value);
  if (typeof value !== 'string') return null;
  const text = value.trim();
  let match = /^(\d{4})-(\d{2})-(\d{2})/.exec(text);
  if (match) return `${match[1]}-${match[2]}-${match[3]}`;
  match = /^(\d{1,2})[/.](\d{1,2})[/.](\d{2,4})$/.exec(text);
  if (match) {
    const year = match[3].length === 2 ? 2000 + Number(match[3]) : Number(match[3]);
    return `${year}-${match[2].padStart(2, '0')}-${match[1].padStart(2, '0')}`;
  }
  return null;
}

export function addDays(iso: string, days: number): string {
  return serialToIso(isoToSerial(iso) + days);
}

/** "2026-09-07" -> "07/09/2026" */
export function frenchDate(iso: string): string {
  const [y, m, d] = iso.split('-');
  return `${d}/${m}/${y}`;
}

/** School year of a date: from August on, "2026-2027"; before, "2025-2026". */
export function schoolYearOf(iso: string): string {
  const [y, m] = iso.split('-').map(Number);
  const start = m >= 8 ? y : y - 1;
  return `${start}-${start + 1}`;
}
