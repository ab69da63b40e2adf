/**
 * « Ajouter une liste de classe (autre fichier) »: the sheets of a file the coordinator chose (a SIECLE
 * export, a Pronote CSV, another workbook) become sheets of the open workbook, so that the ribbon and
 * the next cycle read them too. Same rules as the command line's extra inputs: values only, no date of
 * birth, never written over a sheet of the coordinator's.
 */
import { UnusableInputError } from '../../core/diagnostics';
import type { Analysis } from '../../core/pipeline';
import { gridToSpec } from '../../core/render/specToGrid';
import type { SheetSpec } from '../../core/render/sheetSpec';
import { safeSheetName } from '../../core/sheetNames';
import { isOwnSheet } from '../../core/workbook';
import { withoutBirthDates } from '../../gateways/files/birthDates';
import { openWorkbookFile } from '../../host/fileFormats';
import type { PiloteHost } from '../../host/host';

/** What the file picker offers for a class list. */
export const CLASS_LIST_ACCEPT = '.csv,.xlsx,.xlsm,.ods,.xml,.zip';

export interface AddedClassList {
  /** Names the sheets were given in the workbook, in the file's order. */
  sheets: string[];
  /** Date-of-birth column labels left out. */
  removedColumns: string[];
}

/** Read the file and write its non-empty sheets into the host's workbook under new, unique names. */
export async function addClassListFile(host: PiloteHost, bytes: Uint8Array, fileName: string): Promise<AddedClassList> {
  const opened = await openWorkbookFile(bytes, fileName);
  // Sheets Pilote AP wrote in that file (a completed workbook chosen by mistake) are not a class list.
  const grids = opened.snapshot.grids.filter((grid) => !isOwnSheet(grid) && grid.values.some((row) => row.some((value) => value !== null && value !== '')));
  if (!grids.length) throw new UnusableInputError(`Le fichier « ${fileName} » ne contient aucune feuille remplie : aucune liste de classe n'a été ajoutée.`);

  const taken = (await host.gateway.readSnapshot()).grids.map((grid) => grid.sheet);
  const removedColumns: string[] = [];
  const specs: SheetSpec[] = grids.map((grid) => {
    const { grid: kept, removed } = withoutBirthDates(grid);
    removedColumns.push(...removed);
    const name = safeSheetName(grid.sheet, taken, 'Liste de classe');
    taken.push(name);
    return { ...gridToSpec({ ...kept, sheet: name }), role: 'parameters' };
  });
  await host.gateway.writeSheets(specs);
  return { sheets: specs.map((spec) => spec.name), removedColumns };
}

/** « Feuille « Liste SIECLE » ajoutée : 412 élèves lus. », with the date-of-birth columns left out. */
export function describeAddedClassList(added: AddedClassList, analysis: Analysis): string {
  const pupils = added.sheets.map((sheet) => analysis.read.sheets.find((read) => read.sheet === sheet)?.pupilCount ?? 0).reduce((a, b) => a + b, 0);
  const names = added.sheets.map((sheet) => `« ${sheet} »`).join(', ');
  const sheets = added.sheets.length > 1 ? `Feuilles ${names} ajoutées` : `Feuille ${names} ajoutée`;
  const left = added.removedColumns.length ? ` Colonne${added.removedColumns.length > 1 ? 's' : ''} non recopiée${added.removedColumns.length > 1 ? 's' : ''} : ${added.removedColumns.map((label) => `« ${label} »`).join(', ')}.` : '';
  return `${sheets} : ${pupils} élève${pupils > 1 ? 's' : ''} lu${pupils > 1 ? 's' : ''}.${left}`;
}
