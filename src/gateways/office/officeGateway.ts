/**
 * The Office.js gateway. A read costs three syncs (the list of sheets and tables; where each sheet's
 * values are and which sheets are ours; the values in blocks under the answer budget), plus one for
 * fill colours when some competency cells have no readable value and every value came in one sync
 * (else the fills travel with the last values). The list and the outlines share a sync when the
 * workbook holds the sheets the gateway last saw. A write is staged under temporary
 * sheet names and swapped in by its last sync, in as few syncs as the request budget allows. Every
 * failure comes out as an ExcelOperationError in French.
 */
import { localIsoDate } from '../../core/dates';
import type { Grid, WorkbookSnapshot } from '../../core/grid';
import type { SheetSpec } from '../../core/render/sheetSpec';
import type { WorkbookGateway } from '../gateway';
import { DEFAULT_SYNC_TIMEOUT_MS, ExcelOperationError, syncPatiently, syncWithTimeout, toExcelOperationError, type WaitingListener } from './errors';
import { areasNeedingFills, type SheetArea } from './fillsNeeded';
import { packBlocks, readBlocks, readPacked, type BlockRequest, type BlockResult } from './readBlocks';
import { applyStructure, emptyGrid, queueOutline, valueAreas, type PendingOutline, queueStructure, readExtent, toCellValues, toFill, toOutline, type PendingStructure, type SheetMeta, type SheetOutline } from './readSheets';
import { supportsMergedAreas } from './requirements';
import { backupName, canGroupUndo, findSheet, INCOMPLETE, isBackupName, planWrite, RequestScope, type KnownSheet } from './writePlan';

export interface RunOptions {
  /** One undo step for the whole batch (ExcelApi 1.20). */
  mergeUndoGroup?: boolean;
}

/** `Excel.run`, or a fake of it in tests. */
export type ExcelRun = <T>(batch: (context: Excel.RequestContext) => Promise<T>, options?: RunOptions) => Promise<T>;

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

export interface WriteOptions {
  /** Sheet to bring to the front once written, in the same round trip. */
  activate?: string;
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
/** Answer weight of one row's or column's hidden flag. */
const STRUCTURE_BYTES = 24;
/** Below this, a refused request is not a question of size. */
const MIN_RETRY_BYTES = 50_000;

/** Keeps the batch until the user leaves cell edit mode instead of failing (ExcelApi 1.11; ignored before). */
const defaultRun: ExcelRun = (batch, options = {}) => Excel.run({ delayForCellEdit: true, ...options }, batch);

function isSetSupported(name: string, version: string): boolean {
  return typeof Office !== 'undefined' && !!Office.context?.requirements?.isSetSupported(name, version);
}

const knownSheet = (o: SheetOutline, position: number): KnownSheet => ({
  name: o.meta.name,
  position,
  ours: o.ours,
  fingerprint: o.fingerprint,
  tables: o.tables,
  charts: o.charts,
  extent: o.window,
});

interface WorkbookState {
  sheets: KnownSheet[];
  tableNames: string[];
}

/** Values read by blocks into their grids (blocks cut by rows, and for AP Groupes by columns). */
function putValues(grids: Map<string, Grid>, outlines: SheetOutline[], results: BlockResult[]): void {
  for (const block of results) {
    const grid = grids.get(block.sheet) as Grid;
    const width = outlines.find((o) => o.meta.name === block.sheet)?.window.colCount ?? 0;
    const top = block.range.row - grid.origin.row;
    const left = block.range.col - grid.origin.col;
    toCellValues(block.cells).forEach((line, i) => {
      // Cells not read stay empty.
      const target = (grid.values[top + i] ??= Array.from({ length: width }, () => null));
      line.forEach((value, j) => (target[left + j] = value));
    });
  }
  for (const grid of grids.values()) {
    // A blank sheet comes back as a single empty A1.
    if (grid.values.length === 1 && grid.values[0].length === 1 && grid.values[0][0] === null) grid.values = [];
  }
}

/** Where fills are needed: the blank competency cells of the coordinator's sheets (none when unreadable). */
function fillAreas(coordinatorGrids: Grid[], today: string): SheetArea[] {
  try {
    return areasNeedingFills({ grids: coordinatorGrids }, today);
  } catch {
    // A workbook the engine cannot read yet (no pupils...): the generation will say why; no fills.
    return [];
  }
}

/** Fill colours read by blocks into their grids, same shape as the values (null where none was read). */
function putFills(grids: Map<string, Grid>, results: BlockResult[]): void {
  for (const block of results) {
    const grid = grids.get(block.sheet) as Grid;
    grid.fills ??= grid.values.map(() => []);
    block.cells.forEach((line, i) => {
      const row = block.range.row - grid.origin.row + i;
      const target = (grid.fills as (string | null)[][])[row] ?? [];
      line.forEach((color, j) => (target[block.range.col - grid.origin.col + j] = toFill(color as string | undefined)));
      (grid.fills as (string | null)[][])[row] = target;
    });
  }
  for (const grid of grids.values()) {
    if (!grid.fills) continue;
    grid.fills = grid.values.map((line, r) => line.map((_, c) => grid.fills?.[r]?.[c] ?? null));
  }
}

export function createOfficeGateway(options: OfficeGatewayOptions = {}): OfficeGateway {
  const run = options.run ?? defaultRun;
  const timeoutMs = options.syncTimeoutMs ?? DEFAULT_SYNC_TIMEOUT_MS;
  const budget = options.maxRequestBytes ?? DEFAULT_MAX_REQUEST_BYTES;
  const withMerges = options.readMergedAreas ?? supportsMergedAreas();
  const undoGroup = options.undoGroup ?? isSetSupported('ExcelApi', '1.20');
  const onTheWeb = options.onTheWeb ?? (typeof Office !== 'undefined' && Office.context?.diagnostics?.platform === Office.PlatformType?.OfficeOnline);
  const fingerprints = options.fingerprints ?? isSetSupported('ExcelApi', '1.12');
  const today = options.today ?? (() => localIsoDate(new Date()));
  /** The workbook as the last read or write left it: lets a write follow a read without a round trip. */
  let known: WorkbookState | null = null;
  /** The sheet names the workbook should hold, as the last read or write left it (null: unknown). */
  let expectedNames: string[] | null = null;
  /** Output sheets the last write created without a predecessor (an undo removes them). */
  let createdByLastWrite: string[] = [];

  const readSync = (context: Excel.RequestContext) => syncWithTimeout(context, timeoutMs);
  const writeSync = (context: Excel.RequestContext) => syncPatiently(context, options.onWaiting);

  /** Sync 1: sheets (name, visibility) and every table name of the workbook. */
  async function listWorkbook(context: Excel.RequestContext): Promise<{ sheets: Excel.Worksheet[]; metas: SheetMeta[]; tableNames: string[] }> {
    const collection = context.workbook.worksheets.load('items/name,items/visibility');
    const tables = context.workbook.tables.load('items/name');
    await readSync(context);
    const sheets = collection.items;
    return {
      sheets,
      metas: sheets.map((s) => ({ name: s.name, hidden: s.visibility !== 'Visible' })),
      tableNames: tables.items.map((t) => t.name),
    };
  }

  /** Sync 2: used ranges, and A1 of the sheets named like ours. */
  async function outline(context: Excel.RequestContext, sheets: Excel.Worksheet[], metas: SheetMeta[]): Promise<SheetOutline[]> {
    const pending = sheets.map((sheet, i) => queueOutline(sheet, metas[i], fingerprints));
    await readSync(context);
    return pending.map(toOutline);
  }

  function valueBlocks(outlines: SheetOutline[]): BlockRequest[] {
    return outlines.flatMap((o) => {
      const extent = readExtent(o);
      if (extent === 'skip' || extent === 'marker') return [];
      return valueAreas(o).map((range) => ({ sheet: o.meta.name, range, kind: 'values' as const }));
    });
  }

  /**
   * Sync 3 (and more for a huge workbook): values by blocks, with the structure of the coordinator's
   * sheets, then the fill colours of the competency cells that have no readable value. The
   * coordinator's sheets are read first: their fills can then be asked for in the next sync, along
   * with the rest of our own sheets' values, so that fills cost a sync of their own only when every
   * value fits in one.
   */
  async function readValuesAndFills(context: Excel.RequestContext, outlines: SheetOutline[], merges: boolean): Promise<Grid[]> {
    const withStructure = outlines.filter((o) => readExtent(o) === 'full');
    const coordinatorSheets = new Set(withStructure.map((o) => o.meta.name));
    let structures: PendingStructure[] = [];
    const queueStructures = () => {
      structures = withStructure.map((o) => queueStructure(context.workbook.worksheets.getItem(o.meta.name), o.window, merges));
    };
    const structureBytes = withStructure.reduce((sum, o) => sum + STRUCTURE_BYTES * (o.window.rowCount + o.window.colCount), 0);
    const blocks = valueBlocks(outlines);
    const ordered = [...blocks.filter((b) => coordinatorSheets.has(b.sheet)), ...blocks.filter((b) => !coordinatorSheets.has(b.sheet))];
    const syncs = packBlocks(ordered, budget, structureBytes);
    let lastWithCoordinator = -1;
    syncs.forEach((group, i) => {
      if (group.some((b) => coordinatorSheets.has(b.sheet))) lastWithCoordinator = i;
    });
    // (No coordinator's sheet, no structure to read: nothing before the fills.)
    const early = lastWithCoordinator < 0 ? [] : await readPacked(context, syncs.slice(0, lastWithCoordinator + 1), readSync, { queue: queueStructures, bytes: structureBytes });
    const grids = new Map<string, Grid>();
    for (const o of outlines) {
      const extent = readExtent(o);
      if (extent === 'skip') continue;
      const grid = emptyGrid(o);
      if (extent === 'marker') grid.values = [[o.marker]];
      grids.set(o.meta.name, grid);
    }
    putValues(grids, outlines, early);
    const fillBlocks: BlockRequest[] = fillAreas([...grids.values()].filter((g) => coordinatorSheets.has(g.sheet)), today()).map((area) => ({ ...area, kind: 'fills' }));
    const late = await readBlocks(context, [...fillBlocks, ...syncs.slice(lastWithCoordinator + 1).flat()], budget, readSync);
    putValues(
      grids,
      outlines,
      late.filter((b) => b.kind === 'values'),
    );
    putFills(
      grids,
      late.filter((b) => b.kind === 'fills'),
    );
    withStructure.forEach((o, i) => applyStructure(grids.get(o.meta.name) as Grid, o.window, structures[i]));
    return [...grids.values()];
  }

  /**
   * Syncs 1 and 2. When the gateway knows which sheets the workbook should hold (after its own read or
   * write), it asks for their outlines with the list, in one sync; the list tells whether the guess
   * held, else (a sheet added, renamed or deleted since) the outlines are asked again.
   */
  async function listAndOutline(context: Excel.RequestContext): Promise<{ outlines: SheetOutline[]; tableNames: string[] }> {
    const guess = expectedNames;
    if (guess) {
      const collection = context.workbook.worksheets.load('items/name,items/visibility');
      const tables = context.workbook.tables.load('items/name');
      const pending = new Map(guess.map((name) => [name, queueOutline(context.workbook.worksheets.getItem(name), { name, hidden: false }, fingerprints)]));
      let listed = false;
      try {
        await readSync(context);
        listed = true;
      } catch (error) {
        // A sheet of the guess is gone: fall back to the list, then the outlines.
        if ((error as { code?: string })?.code !== 'ItemNotFound') throw error;
      }
      if (listed) {
        const metas = collection.items.map((sheet) => ({ name: sheet.name, hidden: sheet.visibility !== 'Visible' }));
        const tableNames = tables.items.map((t) => t.name);
        if (metas.every((meta) => pending.has(meta.name))) {
          return { outlines: metas.map((meta) => toOutline({ ...(pending.get(meta.name) as PendingOutline), meta })), tableNames };
        }
        return { outlines: await outline(context, collection.items, metas), tableNames };
      }
    }
    const { sheets, metas, tableNames } = await listWorkbook(context);
    return { outlines: await outline(context, sheets, metas), tableNames };
  }

  async function readGrids(context: Excel.RequestContext): Promise<{ grids: Grid[]; state: WorkbookState }> {
    const { outlines, tableNames } = await listAndOutline(context);
    const finished = withoutInterrupted(outlines);
    let grids: Grid[];
    try {
      grids = await readValuesAndFills(context, finished, withMerges);
    } catch (error) {
      // getMergedAreasOrNullObject fails beyond 512 merged areas: read again without merges.
      if (!withMerges || (error as { code?: string })?.code !== 'GeneralException') throw error;
      grids = await readValuesAndFills(context, finished, false);
    }
    const state = {
      sheets: outlines.map(knownSheet),
      tableNames,
    };
    return { grids, state };
  }

  /**
   * The sheets to read, without those an interrupted write left half-written (still marked INCOMPLETE):
   * a new sheet was not there before, and is read as absent; a replaced one has its previous content in
   * its backup, which only the undo puts back, so the read stops and says so rather than read half a sheet.
   */
  function withoutInterrupted(outlines: SheetOutline[]): SheetOutline[] {
    return outlines.filter((o) => {
      if (!o.ours || o.fingerprint !== INCOMPLETE) return true;
      if (outlines.some((other) => other.ours && other.meta.name === backupName(o.meta.name))) {
        throw new ExcelOperationError(
          `La dernière génération a été interrompue pendant l’écriture de la feuille « ${o.meta.name} », qui n’est donc pas complète. ` +
            'Cliquez sur « Annuler la dernière génération » pour remettre les feuilles d’avant, puis relancez la génération.',
        );
      }
      return false;
    });
  }

  /** What a write needs to know when no read preceded it: two small syncs. */
  async function readState(context: Excel.RequestContext): Promise<WorkbookState> {
    const { sheets, metas, tableNames } = await listWorkbook(context);
    const outlines = await outline(context, sheets, metas);
    return { sheets: outlines.map(knownSheet), tableNames };
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

  async function write(specs: SheetSpec[], writeOptions: WriteOptions, grouping: boolean, writeBudget: number, multiArea: boolean): Promise<void> {
    // Whether this write can be one undo step is known once it is planned, from the workbook as seen:
    // known after a read, else read in a first batch of its own (two small syncs).
    const state = known ?? (await run((context) => readState(context)));
    known = null;
    refuseForeignSheets(specs, state.sheets);
    const planned = planWrite(specs, { known: state.sheets, tableNames: state.tableNames, budget: writeBudget, activate: writeOptions.activate, fingerprints, multiArea });
    const grouped = grouping && canGroupUndo(planned.structuralCalls, onTheWeb);
    await run(
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
    expectedNames = planned.sheetsAfter;
    if (planned.created.length || planned.replaced.length) createdByLastWrite = planned.created;
  }

  return {
    async readSnapshot(): Promise<WorkbookSnapshot> {
      try {
        const { grids, state } = await run((context) => readGrids(context));
        known = state;
        expectedNames = state.sheets.map((sheet) => sheet.name);
        return { grids };
      } catch (error) {
        known = null;
        expectedNames = null;
        throw toExcelOperationError(error);
      }
    },

    async writeSheets(specs: SheetSpec[], writeOptions: WriteOptions = {}): Promise<void> {
      if (!specs.length && !writeOptions.activate) return;
      let grouped = undoGroup;
      let writeBudget = budget;
      let multiArea = true;
      let stale = known !== null;
      for (;;) {
        try {
          await write(specs, writeOptions, grouped, writeBudget, multiArea);
          return;
        } catch (error) {
          const wasStale = stale;
          stale = false;
          // Whatever happened, the next attempt reads the workbook again: a staged write starts over
          // cleanly (the previous attempt's `AP ~…` sheets are deleted, the AP sheets were not swapped).
          known = null;
          expectedNames = null;
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
    },

    async undoLastGeneration(): Promise<string[]> {
      known = null;
      expectedNames = null;
      try {
        return await run(async (context) => {
          const state = await readState(context);
          const byName = (name: string) => findSheet(state.sheets, name);
          const backups = state.sheets.filter((s) => s.ours && isBackupName(s.name));
          const done: string[] = [];
          const scope = new RequestScope(context);
          for (const name of createdByLastWrite) {
            if (byName(name)?.ours && !backups.some((b) => b.name === backupName(name))) {
              scope.sheet(name).delete();
              done.push(name);
            }
          }
          for (const backup of backups) {
            const original = state.sheets.find((s) => s.ours && !isBackupName(s.name) && backupName(s.name) === backup.name);
            if (!original) continue;
            const current = scope.sheet(original.name);
            const restored = scope.sheet(backup.name);
            restored.visibility = 'Visible';
            current.delete();
            restored.name = original.name;
            done.push(original.name);
          }
          if (!done.length) {
            throw new ExcelOperationError('Il n’y a pas de génération à annuler : aucune feuille « AP … (préc.) » dans ce classeur.');
          }
          await writeSync(context);
          createdByLastWrite = [];
          return done;
        });
      } catch (error) {
        throw toExcelOperationError(error);
      }
    },
  };
}
