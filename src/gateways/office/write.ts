/**
 * The write of the Office gateway, with its retries. A write is staged under temporary sheet names
 * and swapped in by its last sync, in as few syncs as the request budget allows (see writePlan.ts).
 * When Excel refuses it for a reason a second attempt can avoid (a call it cannot group into one undo
 * step, sheets changed by hand since the last read, a list separator of another locale, a request
 * larger than estimated), the same write is planned again from a fresh look at the workbook.
 */
import type { SheetSpec } from '../../core/render/sheetSpec';
import { ExcelOperationError, toExcelOperationError } from './errors';
import { forgetWorkbook, type Session, type WorkbookState } from './session';
import { canGroupUndo, findSheet, planWrite, RequestScope, type KnownSheet } from './writePlan';

export interface WriteOptions {
  /** Sheet to bring to the front once written, in the same round trip. */
  activate?: string;
}

export interface WriteSettings {
  /** Try one undo step for the whole write (ExcelApi 1.20), when every call of it can be undone here. */
  undoGroup: boolean;
  /** Excel on the web, where renaming, moving and hiding a sheet can be undone. */
  onTheWeb: boolean;
}

/** Below this, a refused request is not a question of size. */
const MIN_RETRY_BYTES = 50_000;

export function createWriter(
  session: Session,
  readState: (context: Excel.RequestContext) => Promise<WorkbookState>,
  settings: WriteSettings,
): (specs: SheetSpec[], options?: WriteOptions) => Promise<void> {
  const { writeSync, fingerprints, budget } = session;
  const { undoGroup, onTheWeb } = settings;

  function refuseForeignSheets(specs: SheetSpec[], sheets: KnownSheet[]): void {
    for (const spec of specs) {
      const existing = findSheet(sheets, spec.name);
      if (spec.role === 'output' && existing && !existing.ours) {
        throw new ExcelOperationError(
          `La feuille « ${existing.name} » existe déjà mais n’a pas été créée par Pilote AP : rien n’a été modifié. ` +
            'Renommez-la, puis relancez la génération.',
        );
      }
    }
  }

  async function writeOnce(specs: SheetSpec[], writeOptions: WriteOptions, grouping: boolean, writeBudget: number, multiArea: boolean): Promise<void> {
    // Whether this write can be one undo step is known once it is planned, from the workbook as seen:
    // known after a read, else read in a first batch of its own (two small syncs).
    const state = session.known ?? (await session.run((context) => readState(context)));
    session.known = null;
    refuseForeignSheets(specs, state.sheets);
    const planned = planWrite(specs, { known: state.sheets, tableNames: state.tableNames, budget: writeBudget, activate: writeOptions.activate, fingerprints, multiArea });
    const grouped = grouping && canGroupUndo(planned.structuralCalls, onTheWeb);
    await session.run(
      async (context) => {
        const scope = new RequestScope(context);
        let pendingBytes = 0;
        for (const operation of planned.operations) {
          if (pendingBytes > 0 && pendingBytes + operation.bytes > writeBudget) {
            await writeSync(context);
            pendingBytes = 0;
          }
          operation.apply(scope);
          pendingBytes += operation.bytes;
        }
        if (pendingBytes > 0) await writeSync(context);
      },
      grouped ? { mergeUndoGroup: true } : undefined,
    );
    session.expectedNames = planned.sheetsAfter;
    if (planned.created.length || planned.replaced.length) session.createdByLastWrite = planned.created;
  }

  return async function writeSheets(specs: SheetSpec[], writeOptions: WriteOptions = {}): Promise<void> {
    if (!specs.length && !writeOptions.activate) return;
    let grouped = undoGroup;
    let writeBudget = budget;
    let multiArea = true;
    let stale = session.known !== null;
    for (;;) {
      try {
        await writeOnce(specs, writeOptions, grouped, writeBudget, multiArea);
        return;
      } catch (error) {
        const wasStale = stale;
        stale = false;
        // Whatever happened, the next attempt reads the workbook again: a staged write starts over
        // cleanly (the previous attempt's `AP ~…` sheets are deleted, the AP sheets were not swapped).
        forgetWorkbook(session);
        const code = (error as { code?: string })?.code;
        if (grouped && code === 'UndoNotSupported') {
          // Some call cannot be grouped in this Excel: one undo step is a comfort, not a need.
          grouped = false;
        } else if (wasStale && (code === 'ItemNotFound' || code === 'ItemAlreadyExists')) {
          // The sheets seen at the last read have changed since (renamed, deleted, added by hand):
          // once, the same write planned from a fresh look at the workbook.
        } else if (code === 'InvalidArgument' && multiArea) {
          // Most likely `getRanges` wanting the locale's list separator (see styleOperations): the
          // same write, each styled area on its own.
          multiArea = false;
        } else if (code === 'RequestPayloadSizeLimitExceeded' && writeBudget > MIN_RETRY_BYTES) {
          // Excel counted more than estimated: the same write in smaller syncs.
          writeBudget = Math.floor(writeBudget / 4);
        } else {
          throw toExcelOperationError(error);
        }
      }
    }
  };
}
