/**
 * The host for a plain browser (the standalone app, the task pane page opened outside Excel): a workbook
 * file the coordinator opened, or the bundled example, held in memory. The sheet viewer stands in for
 * Excel's grid (selecting a cell or a sheet shows it there) and edits the AP sheets in place; what was
 * written or edited goes into the completed workbook the coordinator downloads. Nothing is sent anywhere.
 */
import { localIsoDate } from '../core/dates';
import { UnusableInputError } from '../core/diagnostics';
import { buildExampleWorkbook } from '../core/example';
import { a1, parseA1, type CellValue, type Grid, type WorkbookSnapshot } from '../core/grid';
import { type SheetSpec } from '../core/render/sheetSpec';
import { SHEET_PREFIX } from '../core/workbook';
import { gridToSpec } from '../core/render/specToGrid';
import { findBySheetName, sheetNameStartsWith } from '../core/sheetNames';
import { createMemoryGateway, type MemoryGateway } from '../gateways/memory';
import { downloadBytes } from './download';
import {
  completedFormat,
  keepsOwnPackage,
  openWorkbookFile,
  writeCompletedWorkbook,
  type OpenedWorkbook,
  type WorkbookFileKind,
} from './fileFormats';
import { analyseInWorker } from './worker/engineClient';
import type { ExportOutcome, MissingRequirement, PiloteHost } from './host';

/** What the sheet viewer should show: a sheet, and optionally a cell to highlight. */
export interface ViewerFocus {
  sheet: string;
  cell?: string;
}

export interface OpenedFile {
  name: string;
  kind: WorkbookFileKind | 'example';
  /** How the file was read, in French (e.g. a format converted on the way). */
  notes: string[];
}

export interface CompletedFile {
  fileName: string;
  bytes: Uint8Array;
  mimeType: string;
  /** Said to the coordinator with the download (e.g. an .ods came back as .xlsx). */
  note?: string;
}

export interface FileHost extends PiloteHost {
  kind: 'file';
  gateway: MemoryGateway;
  file: OpenedFile;
  /** Called each time the pane asks to show a sheet or a cell; returns an unsubscribe function. */
  onShow(listener: (focus: ViewerFocus) => void): () => void;
  /** Sheets the viewer lets the coordinator edit: Pilote AP's own (parameters, groups, hours…). */
  isEditable(sheet: string): boolean;
  /** Something was generated or edited since the file was opened or last downloaded. */
  hasUnsavedChanges(): boolean;
  /** The opened workbook with every sheet written or edited here. */
  completedFile(): Promise<CompletedFile>;
  /** Build the completed workbook and download it. */
  downloadCompleted(): Promise<CompletedFile>;
}

export interface FileHostOptions {
  /** Saves a file in the browser (default: a temporary `<a download>` link). */
  download?: (fileName: string, bytes: Uint8Array, mimeType: string) => void;
}

const COMPLETED_SUFFIX = ' - Pilote AP';

function completedName(fileName: string): string {
  const stem = fileName.replace(/\.[^.]*$/, '');
  return stem.endsWith(COMPLETED_SUFFIX) ? stem : `${stem}${COMPLETED_SUFFIX}`;
}

function cellOf(grid: Grid, row: number, col: number): { value: CellValue; formula: boolean } {
  const r = row - grid.origin.row;
  const c = col - grid.origin.col;
  return { value: grid.values[r]?.[c] ?? null, formula: Boolean(grid.formulas?.[r]?.[c]) };
}

/** A spec with the cells typed in the viewer since it was written (coordinates from A1). */
function withEdits(spec: SheetSpec, edits: Map<string, CellValue> | undefined): SheetSpec {
  if (!edits?.size) return spec;
  const cells = spec.cells.map((line) => [...line]);
  for (const [key, value] of edits) {
    const [row, col] = key.split(',').map(Number);
    while (cells.length <= row) cells.push([]);
    while (cells[row].length <= col) cells[row].push(null);
    cells[row][col] = value;
  }
  return { ...spec, cells };
}

function createFileHost(snapshot: WorkbookSnapshot, input: Uint8Array | null, file: OpenedFile, options: FileHostOptions): FileHost {
  const gateway = createMemoryGateway(snapshot);
  const download = options.download ?? downloadBytes;
  const listeners = new Set<(focus: ViewerFocus) => void>();
  /** Sheets written in this session (the last spec of each name), in the order first written. */
  const written = new Map<string, SheetSpec>();
  /** Cells typed in the viewer, per sheet, keyed `row,col` from A1. */
  const edits = new Map<string, Map<string, CellValue>>();
  let unsaved = false;
  /** The workbook before the last generation (its sheets, what had been written and typed): « Annuler ». */
  let beforeLastGeneration:
    | { snapshot: WorkbookSnapshot; written: Map<string, SheetSpec>; edits: Map<string, Map<string, CellValue>>; unsaved: boolean; sheets: string[] }
    | undefined;

  function gridOf(sheet: string): Grid | undefined {
    return findBySheetName(gateway.current().grids, sheet, (grid) => grid.sheet);
  }

  function show(focus: ViewerFocus): void {
    if (!gridOf(focus.sheet)) throw new Error(`La feuille « ${focus.sheet} » n’existe pas dans le classeur.`);
    for (const listener of listeners) listener(focus);
  }

  function isEditable(sheet: string): boolean {
    return sheetNameStartsWith(sheet, SHEET_PREFIX);
  }

  /** The specs that turn the input into the completed workbook. */
  function completedSpecs(): SheetSpec[] {
    const current = gateway.current().grids;
    if (input && keepsOwnPackage(file.kind)) {
      const specs = [...written.values()].map((spec) => withEdits(spec, edits.get(spec.name)));
      // A sheet of the file edited here (not rewritten by a generation) replaces the file's own, values only.
      for (const sheet of edits.keys()) {
        const grid = current.find((g) => g.sheet === sheet);
        if (!written.has(sheet) && grid) specs.push({ ...gridToSpec(grid), role: 'output' });
      }
      return specs;
    }
    // No package to keep (the example, an .ods or a .csv): a new workbook with every sheet, in tab order.
    return current.map((grid) => {
      const spec = written.get(grid.sheet);
      return spec ? withEdits(spec, edits.get(grid.sheet)) : { ...gridToSpec(grid), role: 'output' as const };
    });
  }

  async function completedFile(): Promise<CompletedFile> {
    const format = completedFormat(file.kind);
    const bytes = await writeCompletedWorkbook(keepsOwnPackage(file.kind) ? input : null, completedSpecs());
    return { fileName: `${completedName(file.name)}.${format.extension}`, bytes, mimeType: format.mimeType, note: format.note };
  }

  return {
    kind: 'file',
    gateway: {
      ...gateway,
      async writeSheets(specs) {
        const present = new Set(gateway.current().grids.map((grid) => grid.sheet));
        if (specs.some((spec) => spec.role === 'output')) {
          // A generation (parameter sheets alone are not one): keep what it replaces, for « Annuler ».
          beforeLastGeneration = {
            snapshot: gateway.current(),
            written: new Map(written),
            edits: new Map([...edits].map(([sheet, cells]) => [sheet, new Map(cells)])),
            unsaved,
            sheets: specs.filter((spec) => !(spec.role === 'parameters' && present.has(spec.name))).map((spec) => spec.name),
          };
        }
        for (const spec of specs) {
          if (spec.role === 'parameters' && present.has(spec.name)) continue; // never overwritten, as in Excel
          written.set(spec.name, spec);
          edits.delete(spec.name); // the new sheet replaces what was typed in the old one
        }
        await gateway.writeSheets(specs);
        unsaved = true;
      },
    },
    file,
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
      const grid = gridOf(sheet);
      if (!grid) throw new Error(`La feuille « ${sheet} » n’existe pas dans le classeur.`);
      if (!isEditable(sheet)) throw new Error(`La feuille « ${sheet} » est la vôtre : Pilote AP ne la modifie pas.`);
      if (cellOf(grid, at.row, at.col).formula) {
        throw new Error(`${sheet}!${a1(at.row, at.col)} contient une formule : elle se modifie dans un tableur, pas ici.`);
      }
      gateway.setCell(sheet, at.row, at.col, value);
      if (!edits.has(sheet)) edits.set(sheet, new Map());
      edits.get(sheet)!.set(`${at.row},${at.col}`, value);
      unsaved = true;
    },
    async undoLastGeneration() {
      const previous = beforeLastGeneration;
      if (!previous) throw new Error('Aucune génération à annuler depuis l’ouverture du classeur.');
      gateway.restore(previous.snapshot);
      written.clear();
      for (const [name, spec] of previous.written) written.set(name, spec);
      edits.clear();
      for (const [sheet, cells] of previous.edits) edits.set(sheet, cells);
      unsaved = previous.unsaved;
      beforeLastGeneration = undefined;
      return previous.sheets;
    },
    async deliverFile(fileName, bytes, mimeType): Promise<ExportOutcome> {
      download(fileName, bytes, mimeType);
      return 'download';
    },
    onShow(listener) {
      listeners.add(listener);
      return () => listeners.delete(listener);
    },
    isEditable,
    hasUnsavedChanges: () => unsaved,
    completedFile,
    async downloadCompleted() {
      const completed = await completedFile();
      download(completed.fileName, completed.bytes, completed.mimeType);
      unsaved = false;
      return completed;
    },
  };
}

/**
 * A file named as a workbook whose content is plain text (a renamed .txt) is read as a CSV; when no
 * pupil is found in it, it is refused as the command line refuses it, instead of opening an empty app.
 */
async function refuseTextNamedAsWorkbook(opened: OpenedWorkbook, fileName: string): Promise<void> {
  if (opened.kind !== 'csv' || !/\.(xlsx|xlsm|ods|fods)$/i.test(fileName)) return;
  const analysis = await analyseInWorker(opened.snapshot, { today: localIsoDate(new Date()) });
  if (analysis.read.pupils.length > 0) return;
  const reason = analysis.diagnostics.find((d) => d.severity === 'error' && !d.sheet)?.message ?? 'Aucun élève lu.';
  throw new UnusableInputError(`« ${fileName} » n’est pas un classeur : c’est un fichier texte, lu comme un CSV. ${reason}`);
}

/** A host over a file the coordinator chose (read here, in the browser). */
export async function openFileHost(bytes: Uint8Array, fileName: string, options: FileHostOptions = {}): Promise<FileHost> {
  const opened = await openWorkbookFile(bytes, fileName);
  await refuseTextNamedAsWorkbook(opened, fileName);
  return createFileHost(opened.snapshot, bytes, { name: fileName, kind: opened.kind, notes: opened.notes }, options);
}

/** A host over the bundled example workbook (fictitious pupils). */
export function createExampleHost(options: FileHostOptions = {}): FileHost {
  return createFileHost(buildExampleWorkbook(), null, { name: 'classeur-exemple.xlsx', kind: 'example', notes: [] }, options);
}
