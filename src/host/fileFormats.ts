/**
 * The one place where the standalone app meets workbook files: open a file the coordinator chose, and
 * write the completed workbook. The readers (.xlsx, .xlsm, .ods, .csv, SIECLE; `src/gateways/files/`)
 * and the package-level writer (`src/gateways/xlsx/`, every non-AP part kept byte for byte) are the
 * command line's own; the readers are loaded on demand, the writer runs in the engine worker.
 */
import type { SheetSpec } from '../core/render/sheetSpec';
import type { OpenedWorkbook, WorkbookFileKind } from '../gateways/files/open';
import { writeInWorker } from './worker/engineClient';

export type { OpenedWorkbook, WorkbookFileKind };

/** The extensions the file picker offers (the content decides how a file is read, not its name). */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xlsm', '.ods', '.fods', '.csv', '.xml', '.zip'];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_MIME = 'application/vnd.ms-excel.sheet.macroEnabled.12';

/** Read a workbook file into grids; a file that cannot be read gets a French `UnusableInputError`. */
export async function openWorkbookFile(bytes: Uint8Array, fileName: string): Promise<OpenedWorkbook> {
  const { openWorkbookFile: open } = await import(/* webpackChunkName: "file-readers" */ '../gateways/files/open');
  return open(bytes, fileName);
}

/**
 * The completed workbook: the input file with the specs written into it (output sheets replaced,
 * parameter sheets added when absent), or a new workbook made of the specs when there is no input file.
 */
export function writeCompletedWorkbook(inputBytes: Uint8Array | null, specs: SheetSpec[]): Promise<Uint8Array> {
  // In the engine worker: the writing of a large workbook never freezes the page.
  return writeInWorker(inputBytes, specs);
}

/**
 * What the completed workbook of an input of this kind is: an .xlsx or .xlsm keeps its own package (and
 * its macros), an .ods or a .csv comes back as a new .xlsx holding its sheets' values.
 */
export function completedFormat(kind: WorkbookFileKind | 'example'): { extension: 'xlsx' | 'xlsm'; mimeType: string; note?: string } {
  if (kind === 'xlsm') return { extension: 'xlsm', mimeType: XLSM_MIME };
  if (kind === 'ods' || kind === 'csv') return { extension: 'xlsx', mimeType: XLSX_MIME, note: `Le fichier .${kind} revient au format .xlsx (les valeurs de ses feuilles sont reprises).` };
  if (kind === 'siecle-xml') return { extension: 'xlsx', mimeType: XLSX_MIME, note: 'La liste SIECLE revient sous forme de classeur .xlsx (une feuille « Liste SIECLE », sans date de naissance).' };
  return { extension: 'xlsx', mimeType: XLSX_MIME };
}

/** Does this input keep its own package (so the AP sheets are written into it), or is it rebuilt from its grids? */
export function keepsOwnPackage(kind: WorkbookFileKind | 'example'): boolean {
  return kind === 'xlsx' || kind === 'xlsm';
}
