/**
 * The .xlsx file gateway (command line, tests, browser exports): reads a workbook file's package into
 * grids and writes sheet specs into a copy of that package. The input file itself is never written.
 */
import type { WorkbookSnapshot } from '../../core/grid';
import type { SheetSpec } from '../../core/render/sheetSpec';
import type { WorkbookGateway } from '../gateway';
import { readWorkbookPackage } from './package/readWorkbook';
import { writeCompletedWorkbook } from './package/writeWorkbook';

/** Every worksheet of an .xlsx file as a grid, in proportion to its content (see package/readWorkbook.ts). */
export function readXlsx(bytes: Uint8Array): Promise<WorkbookSnapshot> {
  return readWorkbookPackage(bytes);
}

/**
 * Write specs into `base` (the original file's bytes, edited at the package level: see
 * package/writeWorkbook.ts) or into a new workbook. Output sheets replace those of the same name;
 * parameter sheets are only added when absent.
 */
export function writeXlsx(specs: SheetSpec[], base?: Uint8Array): Promise<Uint8Array> {
  return writeCompletedWorkbook(base ?? null, specs);
}

/** Gateway over a file's bytes: reads them, collects writes, hands back the new file's bytes. */
export class XlsxFileGateway implements WorkbookGateway {
  private pending: SheetSpec[] = [];

  constructor(private readonly original: Uint8Array) {}

  readSnapshot(): Promise<WorkbookSnapshot> {
    return readXlsx(this.original);
  }

  async writeSheets(specs: SheetSpec[]): Promise<void> {
    this.pending.push(...specs);
  }

  /** The output file: the original package plus the written sheets. */
  toBytes(): Promise<Uint8Array> {
    return writeCompletedWorkbook(this.original, this.pending);
  }
}
