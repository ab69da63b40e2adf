/** Sheet names built from file names and from several files read as one workbook, by Excel's rules. */

// eslint-disable-next-line no-control-regex -- control characters are among those Excel refuses
const FORBIDDEN = /[\\/?*[\]:\u0000-\u001f]/g;
const MAX_SHEET_NAME = 31;

/**
 * A name Excel accepts for a sheet: 31 characters at most, none of \ / ? * [ ] :, no apostrophe at
 * either end, not « History » (reserved). LibreOffice and file names allow more.
 */
export function excelSheetName(name: string): string {
  const trimEnds = (text: string) => text.replace(/^['\s]+|['\s]+$/g, '');
  const cleaned = trimEnds(trimEnds(name.replace(FORBIDDEN, ' ')).slice(0, MAX_SHEET_NAME));
  if (!cleaned) return 'Feuille';
  return cleaned.toLowerCase() === 'history' ? `${cleaned} (1)` : cleaned;
}

/** « Liste élèves 2nde.csv » -> « Liste élèves 2nde ». */
export function sheetNameFromFile(fileName: string): string {
  return excelSheetName(fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, ''));
}

/**
 * `name`, or `name (2)`, `name (3)`… when a sheet already has it. Excel compares sheet names without
 * case, so `taken` holds lower-case names; the chosen name is added to it.
 */
export function uniqueSheetName(name: string, taken: Set<string>): string {
  let candidate = name;
  for (let n = 2; taken.has(candidate.toLocaleLowerCase('fr')); n++) {
    const suffix = ` (${n})`;
    candidate = `${name.slice(0, MAX_SHEET_NAME - suffix.length).trimEnd()}${suffix}`;
  }
  taken.add(candidate.toLocaleLowerCase('fr'));
  return candidate;
}
