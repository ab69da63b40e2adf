/**
 * Which fill colours a read must ask Excel for. Fills weigh about 40 bytes a cell in Excel's answer,
 * ten times a value: reading them everywhere makes a 2,000-pupil workbook pass the 5 MB limit of
 * Excel on the web. The reader only looks at the fill of a competency cell WITHOUT a readable value,
 * so, after a values-only read, the core's own column detection says which cells those are.
 */
import { columnIndex, type CellRange, type Grid, type WorkbookSnapshot } from '../../core/grid';
import { analyse } from '../../core/pipeline';

/** An absolute rectangle of one sheet. */
export interface SheetArea {
  sheet: string;
  range: CellRange;
}

const isBlank = (value: unknown) => value === null || value === undefined || (typeof value === 'string' && !value.trim());

/** Runs of consecutive column indices: [2,3,4,7] -> [[2,3],[7,1]] as [start, count]. */
function columnRuns(columns: number[]): [number, number][] {
  const runs: [number, number][] = [];
  for (const col of [...new Set(columns)].sort((a, b) => a - b)) {
    const last = runs[runs.length - 1];
    if (last && last[0] + last[1] === col) last[1]++;
    else runs.push([col, 1]);
  }
  return runs;
}

/**
 * Rectangles (absolute) covering the blank cells of competency columns below each sheet's header,
 * one per run of adjacent competency columns, trimmed to the rows that hold a blank. `today` only
 * feeds the settings defaults of the analysis, which do not change the columns.
 */
export function areasNeedingFills(snapshot: WorkbookSnapshot, today: string): SheetArea[] {
  const { read } = analyse(snapshot, { today });
  const areas: SheetArea[] = [];
  for (const mapping of read.mapping.sheets) {
    const grid: Grid | undefined = snapshot.grids.find((g) => g.sheet === mapping.sheet);
    if (!grid || mapping.headerRow === undefined) continue;
    const competencyColumns = mapping.columns.filter((entry) => entry.role.kind === 'competency').map((entry) => columnIndex(entry.column) - grid.origin.col);
    const firstRow = Math.max(0, mapping.headerRow - grid.origin.row);
    for (const [col, count] of columnRuns(competencyColumns.filter((c) => c >= 0))) {
      let top = -1;
      let bottom = -1;
      for (let r = firstRow; r < grid.values.length; r++) {
        const line = grid.values[r] ?? [];
        let blank = false;
        for (let c = col; c < col + count && !blank; c++) blank = isBlank(line[c]);
        if (!blank) continue;
        if (top < 0) top = r;
        bottom = r;
      }
      if (top >= 0) areas.push({ sheet: grid.sheet, range: { row: grid.origin.row + top, col: grid.origin.col + col, rowCount: bottom - top + 1, colCount: count } });
    }
  }
  return areas;
}
