/** A small row-by-row builder for the hours sheets: cells, styles and A1 ranges of columns. */
import { columnLetters } from '../grid';
import type { CellStyle, FormulaCell, SpecCell, StyledRange } from '../render/sheetSpec';

export const HOURS_FORMAT = '0.0" h"';
export const COUNT_FORMAT = '0';
export const DATE_FORMAT = 'dd/mm/yyyy';
export const HEADER_STYLE: CellStyle = { bold: true, fill: '#DDEBF7', wrap: true, vertical: 'center', border: true };
export const TITLE_STYLE: CellStyle = { bold: true, fontSize: 12, fontColor: '#1F4E79' };
/** Cells the coordinator fills in. */
export const INPUT_STYLE: CellStyle = { fill: '#FFF2CC', border: true };

export function formula(text: string, value: number | string): FormulaCell {
  return { formula: `=${text}`, value };
}

/** `$C$12:$C$40`: a column of rows [first, last] (0-based), absolute so formulas can be copied. */
export function columnRange(col: number, first: number, last: number): string {
  const letters = columnLetters(col);
  return `$${letters}$${first + 1}:$${letters}$${last + 1}`;
}

/**
 * Conditional sum with exact matches: `SUMPRODUCT(--(A=x),--(B>0),values)`. Unlike SUMIFS/COUNTIFS,
 * `=` reads `?`, `*`, `~`, `<>` or `=` in a teacher's name as plain text (still without case, like
 * the core), so « Prof à recruter ? » cannot take another teacher's hours (issue 13, class 8).
 * Non-numeric cells of `values` (an empty « Écart ») count as 0. Without `values`, it counts.
 */
export function sumWhere(conditions: string[], values?: string): string {
  const tests = conditions.map((condition) => `--(${condition})`);
  return `SUMPRODUCT(${[...tests, ...(values ? [values] : [])].join(',')})`;
}

export function absolute(row: number, col: number): string {
  return `$${columnLetters(col)}$${row + 1}`;
}


export class SheetRows {
  readonly cells: SpecCell[][] = [];
  readonly styles: StyledRange[] = [];

  /** Appends a row and returns its 0-based index. */
  add(row: SpecCell[] = []): number {
    this.cells.push(row);
    return this.cells.length - 1;
  }

  style(row: number, col: number, rowCount: number, colCount: number, style: CellStyle): void {
    if (rowCount > 0 && colCount > 0) this.styles.push({ range: { row, col, rowCount, colCount }, style });
  }

  title(text: string): number {
    const row = this.add([text]);
    this.style(row, 0, 1, 1, TITLE_STYLE);
    return row;
  }

  header(labels: string[]): number {
    const row = this.add(labels);
    this.style(row, 0, 1, labels.length, HEADER_STYLE);
    return row;
  }

  /**
   * Data rows under a header; at least one (blank) row so that the formulas over the block always
   * have a valid range. Returns the first and last row indices.
   */
  block<T>(items: T[], width: number, toRow: (item: T, row: number) => SpecCell[]): { first: number; last: number } {
    const first = this.cells.length;
    if (!items.length) this.add(new Array<SpecCell>(width).fill(null));
    items.forEach((item, i) => this.add(toRow(item, first + i)));
    return { first, last: this.cells.length - 1 };
  }
}
