/**
 * In-memory gateway: the workbook is a snapshot held in memory. Serves the browser preview (the
 * example workbook without Excel) and tests.
 */
import type { Grid, WorkbookSnapshot } from '../core/grid';
import type { SheetSpec } from '../core/render/sheetSpec';
import { specToGrid } from '../core/render/specToGrid';
import type { WorkbookGateway } from './gateway';
import { findBySheetName, sameSheetName } from '../core/sheetNames';

export interface MemoryGateway extends WorkbookGateway {
  /** The workbook as it is now (a fresh copy each call). */
  current(): WorkbookSnapshot;
  /** Replace one cell's value (parameter edits from the preview pane). */
  setCell(sheet: string, row: number, col: number, value: Grid['values'][number][number]): void;
  /** Put the whole workbook back as it was (a copy is kept): the app's « Annuler la dernière génération ». */
  restore(snapshot: WorkbookSnapshot): void;
  /** How many times each operation ran, so tests can count round trips. */
  readonly calls: { reads: number; writes: number };
}

function cloneGrid(grid: Grid): Grid {
  return structuredClone(grid);
}

export function applySheetSpecs(snapshot: WorkbookSnapshot, specs: SheetSpec[]): WorkbookSnapshot {
  const grids = snapshot.grids.map(cloneGrid);
  for (const spec of specs) {
    const index = grids.findIndex((g) => sameSheetName(g.sheet, spec.name));
    if (index >= 0 && spec.role === 'parameters') continue;
    const grid = specToGrid(spec);
    if (index >= 0) grids[index] = grid;
    else grids.push(grid);
  }
  return { grids };
}

export function createMemoryGateway(initial: WorkbookSnapshot): MemoryGateway {
  let snapshot: WorkbookSnapshot = { grids: initial.grids.map(cloneGrid) };
  const calls = { reads: 0, writes: 0 };
  return {
    calls,
    async readSnapshot() {
      calls.reads++;
      return { grids: snapshot.grids.map(cloneGrid) };
    },
    async writeSheets(specs) {
      calls.writes++;
      snapshot = applySheetSpecs(snapshot, specs);
    },
    current() {
      return { grids: snapshot.grids.map(cloneGrid) };
    },
    restore(previous) {
      snapshot = { grids: previous.grids.map(cloneGrid) };
    },
    setCell(sheet, row, col, value) {
      const grid = findBySheetName(snapshot.grids, sheet, (g) => g.sheet);
      if (!grid) throw new Error(`Feuille « ${sheet} » introuvable.`);
      const r = row - grid.origin.row;
      const c = col - grid.origin.col;
      if (r < 0 || c < 0) throw new Error(`Cellule hors de la feuille « ${sheet} ».`);
      while (grid.values.length <= r) grid.values.push([]);
      const line = grid.values[r];
      while (line.length <= c) line.push(null);
      line[c] = value;
    },
  };
}
