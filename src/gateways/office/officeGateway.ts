/**
 * The Office.js gateway: reads every worksheet in two round trips (the list of sheets, then everything
 * about all of them at once) and writes sheet specs in one round trip when the payload allows, so a
 * whole generation costs three. Every failure comes out as an ExcelOperationError in French.
 */
import type { CellValue, Grid, WorkbookSnapshot } from '../../core/grid';
import { isOwnSheet, MARKER, type SheetSpec } from '../../core/render/sheetSpec';
import type { WorkbookGateway } from '../gateway';
import { DEFAULT_SYNC_TIMEOUT_MS, ExcelOperationError, isPayloadTooLarge, SyncTimeoutError, syncWithTimeout, toExcelOperationError } from './errors';
import { queueSheetRead, toGrid, type SheetMeta } from './readSheets';
import { supportsMergedAreas } from './requirements';
import { findSheet, planWrite, RequestScope, type KnownSheet } from './writePlan';

/** `Excel.run`, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>) => Promise<T>;

export interface OfficeGatewayOptions {
  run?: ExcelRun;
  /** Longest wait for one `context.sync()`. */
  syncTimeoutMs?: number;
  /** Largest request the gateway builds, under the 5 MB cap of Excel on the web with a margin. */
  maxRequestBytes?: number;
  /** Read merged areas (needs ExcelApi 1.13); by default, when this Excel supports it. */
  readMergedAreas?: boolean;
}

export interface WriteOptions {
  /** Sheet to bring to the front once written, in the same round trip. */
  activate?: string;
}

export interface OfficeGateway extends WorkbookGateway {
  writeSheets(specs: SheetSpec[], options?: WriteOptions): Promise<void>;
}

export const DEFAULT_MAX_REQUEST_BYTES = 4_000_000;

/** Keeps the batch until the user leaves cell edit mode instead of failing (ExcelApi 1.11; ignored before). */
const defaultRun: ExcelRun = (batch) => Excel.run({ delayForCellEdit: true }, batch);

export function createOfficeGateway(options: OfficeGatewayOptions = {}): OfficeGateway {
  const run = options.run ?? defaultRun;
  const timeoutMs = options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const withMerges = options.readMergedAreas ?? supportsMergedAreas();
  /** The sheets as the last read or write left them: lets a write follow a read without a round trip. */
  let known: KnownSheet[] | null = null;

  const sync = (context: Excel.RequestContext) => syncWithTimeout(context, timeoutMs);

  async function listSheets(context: Excel.RequestContext): Promise<{ metas: SheetMeta[]; sheets: Excel.Worksheet[] }> {
    const collection = context.workbook.worksheets;
    collection.load('items/name,items/visibility');
    await sync(context);
    const sheets = collection.items;
    return { sheets, metas: sheets.map((s) => ({ name: s.name, hidden: s.visibility !== 'Visible' })) };
  }

  /** All sheets in one sync; if Excel on the web finds the answer too big, one sync per sheet. */
  async function readGrids(context: Excel.RequestContext, sheets: Excel.Worksheet[], metas: SheetMeta[]): Promise<Grid[]> {
    const readAll = async (merges: boolean) => {
      const pending = sheets.map((sheet, i) => queueSheetRead(sheet, metas[i], merges));
      await sync(context);
      return pending.map(toGrid);
    };
    try {
      return await readAll(withMerges);
    } catch (error) {
      if (isPayloadTooLarge(error)) {
        const grids: Grid[] = [];
        for (const [i, sheet] of sheets.entries()) {
          const pending = queueSheetRead(sheet, metas[i], withMerges);
          await sync(context);
          grids.push(toGrid(pending));
        }
        return grids;
      }
      // getMergedAreasOrNullObject fails beyond 512 merged areas: read again without merges.
      if (withMerges && !(error instanceof SyncTimeoutError)) return readAll(false);
      throw error;
    }
  }

  async function readKnownSheets(context: Excel.RequestContext): Promise<KnownSheet[]> {
    const { sheets, metas } = await listSheets(context);
    const corners = sheets.map((sheet) => sheet.getRange('A1').load('values'));
    await sync(context);
    return metas.map((meta, position) => {
      const a1: Grid = { sheet: meta.name, origin: { row: 0, col: 0 }, values: [[corners[position].values[0][0] as CellValue]] };
      return { name: meta.name, position, ours: isOwnSheet(a1) };
    });
  }

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

  function afterWrite(sheets: KnownSheet[], specs: SheetSpec[]): KnownSheet[] {
    const next = [...sheets];
    for (const spec of specs) {
      const ours = String(spec.cells[0]?.[0] ?? '').startsWith(MARKER);
      const existing = findSheet(next, spec.name);
      if (!existing) next.push({ name: spec.name, position: next.length, ours });
      else if (spec.role === 'output') existing.ours = ours;
    }
    return next;
  }

  return {
    async readSnapshot(): Promise<WorkbookSnapshot> {
      try {
        const grids = await run(async (context) => {
          const { sheets, metas } = await listSheets(context);
          return readGrids(context, sheets, metas);
        });
        known = grids.map((grid, position) => ({ name: grid.sheet, position, ours: isOwnSheet(grid) }));
        return { grids };
      } catch (error) {
        known = null;
        throw toExcelOperationError(error);
      }
    },

    async writeSheets(specs: SheetSpec[], writeOptions: WriteOptions = {}): Promise<void> {
      if (!specs.length && !writeOptions.activate) return;
      try {
        await run(async (context) => {
          const sheets = known ?? (await readKnownSheets(context));
          refuseForeignSheets(specs, sheets);
          const scope = new RequestScope(context);
          let pendingBytes = 0;
          for (const operation of planWrite(specs, sheets, budget)) {
            if (pendingBytes > 0 && pendingBytes + operation.bytes > budget) {
              await sync(context);
              pendingBytes = 0;
            }
            operation.apply(scope);
            pendingBytes += operation.bytes;
          }
          if (writeOptions.activate) scope.sheet(writeOptions.activate).activate();
          await sync(context);
          known = afterWrite(sheets, specs);
        });
      } catch (error) {
        // Whatever was written before the failure, the next write must look at the workbook again.
        known = null;
        throw toExcelOperationError(error);
      }
    },
  };
}
