/**
 * The snapshot read of the Office gateway. A read costs three syncs (the list of sheets and tables;
 * where each sheet's values are and which sheets are ours; the values in blocks under the answer
 * budget), plus one for fill colours when some competency cells have no readable value and every value
 * came in one sync (else the fills travel with the last values). The list and the outlines share a
 * sync when the workbook holds the sheets the gateway last saw.
 */
import type { Grid, WorkbookSnapshot } from '../../core/grid';
import { ExcelOperationError, toExcelOperationError } from './errors';
import { areasNeedingFills, type SheetArea } from './fillsNeeded';
import { packBlocks, readBlocks, readPacked, type BlockRequest, type BlockResult } from './readBlocks';
import { applyStructure, emptyGrid, queueOutline, valueAreas, type PendingOutline, queueStructure, readExtent, toCellValues, toFill, toOutline, type PendingStructure, type SheetMeta, type SheetOutline } from './readSheets';
import { forgetWorkbook, type Session, type WorkbookState } from './session';
import { backupName, INCOMPLETE, type KnownSheet } from './writePlan';

/** Answer weight of one row's or column's hidden flag. */
const STRUCTURE_BYTES = 24;

const knownSheet = (o: SheetOutline, position: number): KnownSheet => ({
  name: o.meta.name,
  position,
  ours: o.ours,
  fingerprint: o.fingerprint,
  tables: o.tables,
  charts: o.charts,
  extent: o.window,
});

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

export interface ReadSettings {
  /** Read merged areas (needs ExcelApi 1.13). */
  withMerges: boolean;
  /** ISO date for the column detection that decides which fills to read. */
  today: () => string;
}

export interface Reader {
  /** Every sheet the engine sees, as grids; remembers the workbook for the next write. */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /** What a write or an undo needs to know when no read preceded it: two small syncs. */
  readState(context: Excel.RequestContext): Promise<WorkbookState>;
}

export function createReader(session: Session, settings: ReadSettings): Reader {
  const { readSync, fingerprints, budget } = session;
  const { withMerges, today } = settings;

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
    const guess = session.expectedNames;
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

  async function readState(context: Excel.RequestContext): Promise<WorkbookState> {
    const { sheets, metas, tableNames } = await listWorkbook(context);
    const outlines = await outline(context, sheets, metas);
    return { sheets: outlines.map(knownSheet), tableNames };
  }

  return {
    readState,
    async readSnapshot(): Promise<WorkbookSnapshot> {
      try {
        const { grids, state } = await session.run((context) => readGrids(context));
        session.known = state;
        session.expectedNames = state.sheets.map((sheet) => sheet.name);
        return { grids };
      } catch (error) {
        forgetWorkbook(session);
        throw toExcelOperationError(error);
      }
    },
  };
}
