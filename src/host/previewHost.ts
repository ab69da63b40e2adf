/**
 * The host for a plain browser (preview, end-to-end tests): the bundled example workbook held in
 * memory. Selecting a cell or a sheet shows it in the pane's read-only sheet viewer, since there is no
 * Excel grid to look at; exports are downloaded.
 */
import { buildExampleWorkbook } from '../core/example';
import { parseA1, type WorkbookSnapshot } from '../core/grid';
import { createMemoryGateway, type MemoryGateway } from '../gateways/memory';
import type { ExportOutcome, MissingRequirement, PiloteHost } from './host';
import { downloadBytes } from './download';
import { findBySheetName } from '../core/sheetNames';

/** What the sheet viewer should show: a sheet, and optionally a cell to highlight. */
export interface ViewerFocus {
  sheet: string;
  cell?: string;
}

export interface PreviewHost extends PiloteHost {
  kind: 'preview';
  gateway: MemoryGateway;
  /** Called each time the pane asks to show a sheet or a cell; returns an unsubscribe function. */
  onShow(listener: (focus: ViewerFocus) => void): () => void;
}

export function createPreviewHost(snapshot: WorkbookSnapshot = buildExampleWorkbook()): PreviewHost {
  const gateway = createMemoryGateway(snapshot);
  const listeners = new Set<(focus: ViewerFocus) => void>();

  function sheetExists(sheet: string): boolean {
    return findBySheetName(gateway.current().grids, sheet, (grid) => grid.sheet) !== undefined;
  }

  function show(focus: ViewerFocus): void {
    if (!sheetExists(focus.sheet)) throw new Error(`La feuille « ${focus.sheet} » n'existe pas dans le classeur.`);
    for (const listener of listeners) listener(focus);
  }

  return {
    kind: 'preview',
    gateway,
    missingRequirements(): MissingRequirement[] {
      return [];
    },
    async selectCell(sheet, cell) {
      show({ sheet, cell: cell || undefined });
    },
    async activateSheet(sheet) {
      show({ sheet });
    },
    async setCellValue(sheet, cell, value) {
      const at = parseA1(cell);
      if (!at) throw new Error(`Adresse de cellule invalide : « ${cell} ».`);
      if (!sheetExists(sheet)) throw new Error(`La feuille « ${sheet} » n'existe pas dans le classeur.`);
      gateway.setCell(sheet, at.row, at.col, value);
    },
    async deliverFile(fileName, bytes, mimeType): Promise<ExportOutcome> {
      downloadBytes(fileName, bytes, mimeType);
      return 'download';
    },
    onShow(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
  };
}
