/**
 * What the task pane and the ribbon command need from where they run: the workbook gateway plus a few
 * interactions with the workbook. Two implementations: Excel (Office.js) and a plain browser (a
 * workbook file or the example, held in memory: `fileHost.ts`).
 */
import type { WorkbookGateway } from '../gateways/gateway';
import type { MissingRequirement } from '../gateways/office/requirements';

export type { MissingRequirement };

export type ExportOutcome = 'new-workbook' | 'download';

export interface PiloteHost {
  kind: 'excel' | 'file';
  gateway: WorkbookGateway;
  /** Requirement sets this Excel lacks (empty when all is there). */
  missingRequirements(): MissingRequirement[];
  /** Select a cell so the coordinator sees it (links from diagnostics). */
  selectCell(sheet: string, cell: string): Promise<void>;
  /** Bring a sheet to the front (buttons that open parameter sheets). */
  activateSheet(sheet: string): Promise<void>;
  /** Write one value into a cell of a parameter sheet (e.g. a cap changed from the pane). */
  setCellValue(sheet: string, cell: string, value: string | number): Promise<void>;
  /**
   * Hand a finished export to the coordinator: a new workbook in Excel where supported
   * (`Excel.createWorkbook`), else a file download. Returns which one happened.
   */
  /**
   * `asWorkbook`: the same content as an .xlsx, for a host that cannot download (Excel for Mac) and
   * opens it as a new workbook instead.
   */
  deliverFile(fileName: string, bytes: Uint8Array, mimeType: string, asWorkbook?: () => Promise<Uint8Array>): Promise<ExportOutcome>;
  /**
   * « Annuler la dernière génération »: put back the AP sheets the last generation replaced, remove the
   * ones it created (the coordinator's sheets are never touched). Returns the sheets concerned.
   * Absent where there is nothing of the kind (browser preview).
   */
  undoLastGeneration?(): Promise<string[]>;
  /**
   * Be told when Excel keeps a write waiting (the user is editing a cell) and when it goes on; the
   * pane then shows WAITING_FOR_EXCEL_MESSAGE. Returns the unsubscribe function.
   */
  onWaitingForExcel?(listener: (waiting: boolean) => void): () => void;
}

/** What the pane shows while Excel keeps a write waiting. */
export const WAITING_FOR_EXCEL_MESSAGE = 'En attente d’Excel… (sortez de la cellule en cours d’édition)';
