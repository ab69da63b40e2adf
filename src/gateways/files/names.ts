/** Sheet names built from file names and from several files read as one workbook, by Excel's rules. */

const FORBIDDEN = /[\\/?*[\]:\u0000-\u001f]/g;
const MAX_SHEET_NAME = 31;

/** « Liste élèves 2nde.csv » -> « Liste élèves 2nde »: a valid sheet name (31 characters, no \ / ? * [ ] :). */
export function sheetNameFromFile(fileName: string): string {
  const base = fileName.replace(/^.*[\\/]/, '').replace(/\.[^.]*$/, '');
  const cleaned = base.replace(FORBIDDEN, ' ').replace(/^'+|'+$/g, '').trim().slice(0, MAX_SHEET_NAME).trim();
  return cleaned || 'Feuille';
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
