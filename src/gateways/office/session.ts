/**
 * What the read, the write and the undo of the Office gateway share: how a batch runs, how a sync
 * waits, and the workbook as the last of them left it.
 */
import { syncPatiently, syncWithTimeout, type WaitingListener } from './errors';
import type { KnownSheet } from './writePlan';

export interface RunOptions {
  /** One undo step for the whole batch (ExcelApi 1.20). */
  mergeUndoGroup?: boolean;
}

/** `Excel.run`, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions) => Promise<T>;

/** The sheets of the workbook as seen, and every table name (a write must not reuse one). */
export interface WorkbookState {
  sheets: KnownSheet[];
  tableNames: string[];
}

export interface Session {
  run: ExcelRun;
  /** A read sync, timed out (a read that never answers is retried by the user). */
  readSync(context: Excel.RequestContext): Promise<void>;
  /** A write sync, never timed out (it would land anyway), waiting while the user edits a cell. */
  writeSync(context: Excel.RequestContext): Promise<void>;
  /** Mark written AP sheets with the fingerprint of their content (ExcelApi 1.12). */
  fingerprints: boolean;
  /** Largest request and answer built. */
  budget: number;
  /** The workbook as the last read or write left it: lets a write follow a read without a round trip. */
  known: WorkbookState | null;
  /** The sheet names the workbook should hold, as the last read or write left it (null: unknown). */
  expectedNames: string[] | null;
  /** Output sheets the last write created without a predecessor (an undo removes them). */
  createdByLastWrite: string[];
}

export function createSession(settings: { run: ExcelRun; timeoutMs: number; onWaiting?: WaitingListener; fingerprints: boolean; budget: number }): Session {
  return {
    run: settings.run,
    readSync: (context) => syncWithTimeout(context, settings.timeoutMs),
    writeSync: (context) => syncPatiently(context, settings.onWaiting),
    fingerprints: settings.fingerprints,
    budget: settings.budget,
    known: null,
    expectedNames: null,
    createdByLastWrite: [],
  };
}

/** After a failure or an undo: the next batch looks at the workbook again. */
export function forgetWorkbook(session: Session): void {
  session.known = null;
  session.expectedNames = null;
}
