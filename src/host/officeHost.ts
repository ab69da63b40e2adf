/**
 * The Excel host: the Office.js gateway plus the few direct interactions the task pane needs (select a
 * cell, bring a sheet forward, change one parameter, hand over an export, undo the last generation).
 */
import { cellAt, parseA1, type Grid, type WorkbookSnapshot } from '../core/grid';
import { asExcelText } from '../gateways/office/cellText';
import { DEFAULT_SYNC_TIMEOUT_MS, ExcelOperationError, syncPatiently, syncWithTimeout, toExcelOperationError } from '../gateways/office/errors';
import { createOfficeGateway, type ExcelRun } from '../gateways/office/officeGateway';
import { missingRequirements, type IsSetSupported } from '../gateways/office/requirements';
import { parseRangeAddress } from '../gateways/office/addresses';
import { cellText } from '../core/text';
import type { ExportOutcome, PiloteHost } from './host';
import { downloadBytes } from './download';

export interface OfficeHostOptions {
  run?: ExcelRun;
  isSetSupported?: IsSetSupported;
  /** Opens a workbook from base64 (`Excel.createWorkbook`); absent where the API is missing. */
  createWorkbook?: (base64: string) => Promise<void>;
  /** Saves a file in the browser (default: a temporary `<a download>` link). */
  download?: (fileName: string, bytes: Uint8Array, mimeType: string) => void;
  /** Excel for Mac, whose pane cannot download a file; by default, from Office. */
  onMac?: boolean;
  /** Excel on the web; by default, from Office. */
  onTheWeb?: boolean;
}

const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export function toBase64(bytes: Uint8Array): string {
  let binary = '';
  const chunk = 0x8000;
  for (let i = 0; i < bytes.length; i += chunk) binary += String.fromCharCode(...bytes.subarray(i, i + chunk));
  return btoa(binary);
}

function defaultIsSetSupported(name: string, version: string): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported(name, version);
}

function onPlatform(platform: 'Mac' | 'OfficeOnline'): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.diagnostics && Office.context.diagnostics.platform === Office.PlatformType?.[platform];
}

/**
 * A blob download from the pane (`<a download>`) does nothing in Excel for Mac's webview (office-js
 * issues 2700, 3385, 4681): there, an export is opened as a new workbook, or not delivered at all.
 */
const MAC_CANNOT_DOWNLOAD =
  'Excel pour Mac ne peut pas télécharger de fichier depuis le volet, et le nouveau classeur n’a pas pu s’ouvrir : rien n’a été enregistré. ' +
  'Autorisez Excel à ouvrir un nouveau classeur, ou faites cet export depuis Excel sur le web.';

function defaultCreateWorkbook(): OfficeHostOptions['createWorkbook'] {
  if (typeof Excel === 'undefined' || typeof Excel.createWorkbook !== 'function') return undefined;
  return (base64) => Excel.createWorkbook(base64);
}

/** The texts left of a cell on its row, as last read: what identifies the row (« Cycle à générer »...). */
function rowKey(grid: Grid, row: number, col: number): string[] {
  const key: string[] = [];
  for (let c = 0; c < col; c++) key.push(cellText(cellAt(grid, row, c)));
  return key;
}

const sameKey = (a: string[], b: string[]) => a.length === b.length && a.every((text, i) => text === b[i]);

export function createOfficeHost(options: OfficeHostOptions = {}): PiloteHost {
  const run: ExcelRun = options.run ?? ((batch, runOptions = {}) => Excel.run({ delayForCellEdit: true, ...runOptions }, batch));
  const isSupported = options.isSetSupported ?? defaultIsSetSupported;
  const createWorkbook = 'createWorkbook' in options ? options.createWorkbook : defaultCreateWorkbook();
  const download = options.download ?? downloadBytes;
  const onMac = options.onMac ?? onPlatform('Mac');
  const waitingListeners = new Set<(waiting: boolean) => void>();
  const onWaiting = (waiting: boolean) => waitingListeners.forEach((listener) => listener(waiting));
  const gateway = createOfficeGateway({
    run,
    readMergedAreas: isSupported('ExcelApi', '1.13'),
    undoGroup: isSupported('ExcelApi', '1.20'),
    onTheWeb: options.onTheWeb ?? onPlatform('OfficeOnline'),
    fingerprints: isSupported('ExcelApi', '1.12'),
    onWaiting,
  });
  /** The workbook as the pane last saw it: where the cells it writes were. */
  let lastSnapshot: WorkbookSnapshot | null = null;

  /** One short batch, its failure explained in French; a write is never timed out, only waited for. */
  async function batch(work: (context: Excel.RequestContext) => void, writes = false): Promise<void> {
    try {
      await run(async (context) => {
        work(context);
        await (writes ? syncPatiently(context, onWaiting) : syncWithTimeout(context, DEFAULT_SYNC_TIMEOUT_MS));
      });
    } catch (error) {
      throw toExcelOperationError(error);
    }
  }

  /**
   * Write one cell where the pane saw it, in one Excel.run: the sheet's values are read first and the
   * row is found again by the texts on its left (as last read), so that a row moved since (a line
   * inserted above) gets the value in its new place, and a row gone gets nothing.
   */
  async function setCellValue(sheetName: string, cell: string, value: string | number): Promise<void> {
    const at = parseA1(cell);
    const grid = lastSnapshot?.grids.find((g) => g.sheet === sheetName);
    const input = typeof value === 'string' ? asExcelText(value) : value;
    if (!at || !grid) return batch((context) => void (context.workbook.worksheets.getItem(sheetName).getRange(cell).values = [[input]]), true);
    const key = rowKey(grid, at.row - grid.origin.row, at.col - grid.origin.col);
    try {
      await run(async (context) => {
        const sheet = context.workbook.worksheets.getItem(sheetName);
        const used = sheet.getUsedRange(true).load('address,values');
        await syncWithTimeout(context, DEFAULT_SYNC_TIMEOUT_MS);
        const window = parseRangeAddress(used.address);
        const now: Grid = { sheet: sheetName, origin: { row: window.row, col: window.col }, values: used.values as Grid['values'] };
        const col = at.col - now.origin.col;
        const rows = now.values.flatMap((_, r) => (sameKey(rowKey(now, r, col), key) ? [r] : []));
        const preferred = rows.includes(at.row - now.origin.row) ? at.row - now.origin.row : rows.length === 1 ? rows[0] : -1;
        if (preferred < 0) {
          throw new ExcelOperationError(
            `La ligne de la cellule ${cell} de « ${sheetName} » a changé depuis la dernière lecture (« ${key.filter(Boolean).join(' · ')} » ` +
              'introuvable ou en double) : rien n’a été écrit. Cliquez sur « Relire le classeur », puis recommencez.',
          );
        }
        sheet.getRangeByIndexes(now.origin.row + preferred, at.col, 1, 1).values = [[input]];
        await syncPatiently(context, onWaiting);
      });
    } catch (error) {
      throw toExcelOperationError(error);
    }
  }

  return {
    kind: 'excel',
    gateway: {
      async readSnapshot() {
        lastSnapshot = await gateway.readSnapshot();
        return lastSnapshot;
      },
      writeSheets: (specs) => gateway.writeSheets(specs),
    },
    missingRequirements: () => missingRequirements(isSupported),

    selectCell: (sheet, cell) =>
      batch((context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(cell).select();
      }),

    activateSheet: (sheet) => batch((context) => context.workbook.worksheets.getItem(sheet).activate()),

    setCellValue,

    async deliverFile(fileName, bytes, mimeType, asWorkbook): Promise<ExportOutcome> {
      const workbook = mimeType === XLSX_MIME ? async () => bytes : onMac ? asWorkbook : undefined;
      if (workbook && createWorkbook && isSupported('ExcelApi', '1.8')) {
        try {
          await createWorkbook(toBase64(await workbook()));
          return 'new-workbook';
        } catch {
          // Blocked (pop-ups on the web...): a download, where the pane can download.
        }
      }
      // « Téléchargé » is said only where a download happens.
      if (onMac) throw new ExcelOperationError(MAC_CANNOT_DOWNLOAD);
      download(fileName, bytes, mimeType);
      return 'download';
    },

    undoLastGeneration: () => gateway.undoLastGeneration(),

    onWaitingForExcel(listener) {
      waitingListeners.add(listener);
      return () => waitingListeners.delete(listener);
    },
  };
}
