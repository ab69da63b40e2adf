/**
 * The one place where the standalone app meets workbook files: open a file the coordinator chose, and
 * write the completed workbook. The app only calls the two functions below.
 *
 * Today .xlsx and .xlsm go through the ExcelJS gateway (`src/gateways/xlsx/xlsxGateway.ts`), which
 * rebuilds the package; .ods and .csv are refused with a French message. The package-level reader
 * (`src/gateways/files/open.ts`) and writer (`src/gateways/xlsx/`, « every non-AP part kept byte for
 * byte ») take their place behind these same signatures. Both are loaded on demand: ExcelJS is heavy.
 */
import { UnusableInputError } from '../core/diagnostics';
import type { WorkbookSnapshot } from '../core/grid';
import type { SheetSpec } from '../core/render/sheetSpec';

export type WorkbookFileKind = 'xlsx' | 'xlsm' | 'ods' | 'csv' | 'siecle-xml';

export interface OpenedWorkbook {
  kind: WorkbookFileKind;
  snapshot: WorkbookSnapshot;
  /** What the coordinator should know about how the file was read (in French). */
  notes: string[];
}

/** The extensions the file picker offers (the reader says which ones it cannot read yet). */
export const ACCEPTED_EXTENSIONS = ['.xlsx', '.xlsm', '.ods', '.csv'];

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const XLSM_MIME = 'application/vnd.ms-excel.sheet.macroEnabled.12';

function extensionOf(fileName: string): string {
  const dot = fileName.lastIndexOf('.');
  return dot < 0 ? '' : fileName.slice(dot + 1).toLowerCase();
}

function loadXlsxGateway() {
  return import(/* webpackChunkName: "xlsx-gateway" */ '../gateways/xlsx/xlsxGateway');
}

/** Read a workbook file into grids; a file that cannot be read gets a French `UnusableInputError`. */
export async function openWorkbookFile(bytes: Uint8Array, fileName: string): Promise<OpenedWorkbook> {
  const extension = extensionOf(fileName);
  if (extension === 'xlsx' || extension === 'xlsm') {
    const { readXlsx } = await loadXlsxGateway();
    return { kind: extension, snapshot: await readXlsx(bytes), notes: [] };
  }
  if (extension === 'ods' || extension === 'csv') {
    throw new UnusableInputError(
      `« ${fileName} » : les fichiers .${extension} ne sont pas encore pris en charge par l’application. ` +
        'Ouvrez-le dans LibreOffice ou Excel, enregistrez-le au format « Classeur Excel (*.xlsx) », puis ouvrez ce fichier .xlsx.',
    );
  }
  throw new UnusableInputError(
    `« ${fileName} » n’est pas un classeur pris en charge : choisissez un fichier .xlsx, .xlsm, .ods ou .csv.`,
  );
}

/**
 * The completed workbook: the input file with the specs written into it (output sheets replaced,
 * parameter sheets added when absent), or a new workbook made of the specs when there is no input file.
 */
export async function writeCompletedWorkbook(inputBytes: Uint8Array | null, specs: SheetSpec[]): Promise<Uint8Array> {
  const { writeXlsx } = await loadXlsxGateway();
  return writeXlsx(specs, inputBytes ?? undefined);
}

/**
 * What the completed workbook of an input of this kind is: an .xlsx or .xlsm keeps its own package (and
 * its macros), an .ods or a .csv comes back as a new .xlsx holding its sheets' values.
 */
export function completedFormat(kind: WorkbookFileKind | 'example'): { extension: 'xlsx' | 'xlsm'; mimeType: string; note?: string } {
  if (kind === 'xlsm') return { extension: 'xlsm', mimeType: XLSM_MIME };
  if (kind === 'ods' || kind === 'csv') return { extension: 'xlsx', mimeType: XLSX_MIME, note: `Le fichier .${kind} revient au format .xlsx (les valeurs de ses feuilles sont reprises).` };
  return { extension: 'xlsx', mimeType: XLSX_MIME };
}

/** Does this input keep its own package (so the AP sheets are written into it), or is it rebuilt from its grids? */
export function keepsOwnPackage(kind: WorkbookFileKind | 'example'): boolean {
  return kind === 'xlsx' || kind === 'xlsm';
}
