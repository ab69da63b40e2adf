/**
 * The Excel host: the Office.js gateway plus the few direct interactions the task pane needs (select a
 * cell, bring a sheet forward, change one parameter, hand over an export).
 */
import { asExcelText } from '../gateways/office/cellText';
import { DEFAULT_SYNC_TIMEOUT_MS, syncWithTimeout, toExcelOperationError } from '../gateways/office/errors';
import { createOfficeGateway, type ExcelRun } from '../gateways/office/officeGateway';
import { missingRequirements, type IsSetSupported } from '../gateways/office/requirements';
import type { ExportOutcome, PiloteHost } from './host';
import { downloadBytes } from './download';

export interface OfficeHostOptions {
  run?: ExcelRun;
  isSetSupported?: IsSetSupported;
  /** Opens a workbook from base64 (`Excel.createWorkbook`); absent where the API is missing. */
  createWorkbook?: (base64: string) => Promise<void>;
  /** Saves a file in the browser (default: a temporary `<a download>` link). */
  download?: (fileName: string, bytes: Uint8Array, mimeType: string) => void;
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

function defaultCreateWorkbook(): OfficeHostOptions['createWorkbook'] {
  if (typeof Excel === 'undefined' || typeof Excel.createWorkbook !== 'function') return undefined;
  return (base64) => Excel.createWorkbook(base64);
}

export function createOfficeHost(options: OfficeHostOptions = {}): PiloteHost {
  const run: ExcelRun = options.run ?? ((batch) => Excel.run({ delayForCellEdit: true }, batch));
  const isSupported = options.isSetSupported ?? defaultIsSetSupported;
  const createWorkbook = 'createWorkbook' in options ? options.createWorkbook : defaultCreateWorkbook();
  const download = options.download ?? downloadBytes;

  /** One short batch, its sync bounded in time, its failure explained in French. */
  async function batch(work: (context: Excel.RequestContext) => void): Promise<void> {
    try {
      await run(async (context) => {
        work(context);
        await syncWithTimeout(context, DEFAULT_SYNC_TIMEOUT_MS);
      });
    } catch (error) {
      throw toExcelOperationError(error);
    }
  }

  return {
    kind: 'excel',
    gateway: createOfficeGateway({ run, readMergedAreas: isSupported('ExcelApi', '1.13') }),
    missingRequirements: () => missingRequirements(isSupported),

    selectCell: (sheet, cell) =>
      batch((context) => {
        const worksheet = context.workbook.worksheets.getItem(sheet);
        worksheet.activate();
        worksheet.getRange(cell).select();
      }),

    activateSheet: (sheet) => batch((context) => context.workbook.worksheets.getItem(sheet).activate()),

    setCellValue: (sheet, cell, value) =>
      batch((context) => {
        context.workbook.worksheets.getItem(sheet).getRange(cell).values = [[typeof value === 'string' ? asExcelText(value) : value]];
      }),

    async deliverFile(fileName, bytes, mimeType): Promise<ExportOutcome> {
      if (mimeType === XLSX_MIME && createWorkbook && isSupported('ExcelApi', '1.8')) {
        try {
          await createWorkbook(toBase64(bytes));
          return 'new-workbook';
        } catch {
          // Blocked (pop-ups on the web, Excel for Mac...): a download always works.
        }
      }
      download(fileName, bytes, mimeType);
      return 'download';
    },
  };
}
