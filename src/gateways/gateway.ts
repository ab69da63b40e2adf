/**
 * A gateway is the only place that touches a workbook: it reads every grid in as few round trips
 * as the host allows and writes the sheet specs the core produced. The core decides what to write;
 * the gateway only carries it out.
 */
import type { WorkbookSnapshot } from '../core/grid';
import type { SheetSpec } from '../core/render/sheetSpec';

export interface WorkbookGateway {
  /** Every worksheet as a grid (values, fills, hidden rows/columns, merges), in tab order. */
  readSnapshot(): Promise<WorkbookSnapshot>;
  /**
   * Write the specs. A spec with role `output` replaces an existing sheet of the same name (the core
   * has checked it is one of ours); role `parameters` is written only when no sheet has that name.
   */
  writeSheets(specs: SheetSpec[]): Promise<void>;
}
