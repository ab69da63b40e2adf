/**
 * The Office.js gateway: the snapshot read (read.ts), the write with its retries (write.ts) and
 * « Annuler la dernière génération » (undo.ts), sharing one session (session.ts): how batches run and
 * the workbook as the last of them left it. Every failure comes out as an ExcelOperationError in French.
 */
import { localIsoDate } from '../../core/dates';
import type { SheetSpec } from '../../core/render/sheetSpec';
import type { WorkbookGateway } from '../gateway';
import { DEFAULT_SYNC_TIMEOUT_MS, type WaitingListener } from './errors';
import { createReader } from './read';
import { supportsMergedAreas } from './requirements';
import { createSession, type ExcelRun } from './session';
import { createUndo } from './undo';
import { createWriter, type WriteOptions } from './write';

export type { ExcelRun, RunOptions } from './session';
export type { WriteOptions } from './write';

export interface OfficeGatewayOptions {
  run?: ExcelRun;
  /** Longest wait for one READ sync (a write sync is never timed out: it would land anyway). */
  syncTimeoutMs?: number;
  /** Largest request and answer the gateway builds, under the 5 MB caps of Excel on the web. */
  maxRequestBytes?: number;
  /** Read merged areas (needs ExcelApi 1.13); by default, when this Excel supports it. */
  readMergedAreas?: boolean;
  /**
   * Group a write into one undo step (`mergeUndoGroup`, ExcelApi 1.20; excel-api-1-20-requirement-set)
   * when every call of it can be undone on this platform (see canGroupUndo); by default, when supported.
   */
  undoGroup?: boolean;
  /** Excel on the web, where renaming, moving and hiding a sheet can be undone; by default, from Office. */
  onTheWeb?: boolean;
  /**
   * Mark each written AP sheet with the fingerprint of its content and leave an unchanged one as it
   * is at the next generation (worksheet custom properties, ExcelApi 1.12); by default, when supported.
   */
  fingerprints?: boolean;
  /** Told when a write waits for Excel (the user is editing a cell), and when it goes on. */
  onWaiting?: WaitingListener;
  /** ISO date for the column detection that decides which fills to read. */
  today?: () => string;
}

export interface OfficeGateway extends WorkbookGateway {
  writeSheets(specs: SheetSpec[], options?: WriteOptions): Promise<void>;
  /**
   * Put back the AP sheets the last generation replaced (kept hidden as « … (préc.) ») and remove the
   * output sheets it created. Returns the names of the sheets restored or removed.
   */
  undoLastGeneration(): Promise<string[]>;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

/** Keeps the batch until the user leaves cell edit mode instead of failing (ExcelApi 1.11; ignored before). */
const defaultRun: ExcelRun = (batch, options = {}) => Excel.run({ delayForCellEdit: true, ...options }, batch);

function isSetSupported(name: string, version: string): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported(name, version);
}

export function createOfficeGateway(options: OfficeGatewayOptions = {}): OfficeGateway {
  const session = createSession({
    run: options.run ?? defaultRun,
    timeoutMs: options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS,
    onWaiting: options.onWaiting,
    fingerprints: options.fingerprints ?? isSetSupported('ExcelApi', '1.12'),
    budget: options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES,
  });
  const reader = createReader(session, {
    withMerges: options.readMergedAreas ?? supportsMergedAreas(),
    today: options.today ?? (() => localIsoDate(new Date())),
  });
  return {
    readSnapshot: reader.readSnapshot,
    writeSheets: createWriter(session, reader.readState, {
      undoGroup: options.undoGroup ?? isSetSupported('ExcelApi', '1.20'),
      onTheWeb: options.onTheWeb ?? (typeof Office !== 'undefined' && Office.context?.diagnostics?.platform === Office.PlatformType?.OfficeOnline),
    }),
    undoLastGeneration: createUndo(session, reader.readState),
  };
}
