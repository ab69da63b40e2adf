/** A small helper to lay out a sheet spec row by row, with the house styles. */
import type { CellStyle, SheetSpec, SpecCell, StyledRange } from './sheetSpec';
import { MARKER } from '../workbook';

export const HOUSE = {
  title: { bold: true, fontSize: 14, fontColor: '#1F3864' } satisfies CellStyle,
  note: { italic: true, fontColor: '#595959' } satisfies CellStyle,
  section: { bold: true, fontSize: 12, fontColor: '#1F3864', fill: '#DDEBF7' } satisfies CellStyle,
  header: { bold: true, fill: '#D9E1F2', border: true, wrap: true, vertical: 'center' } satisfies CellStyle,
  editable: { fill: '#FFF2CC', border: true } satisfies CellStyle,
  toComplete: { fill: '#FCE4D6', fontColor: '#C65911', border: true } satisfies CellStyle,
  cell: { border: true, vertical: 'top' } satisfies CellStyle,
};

export class SheetBuilder {
  readonly cells: SpecCell[][] = [];
  readonly styles: StyledRange[] = [];

  /** Starts the sheet with the marker title in A1 and an explanatory note in A2. */
  constructor(title: string, note?: string) {
    this.row([`${MARKER} ${title}`], HOUSE.title);
    if (note) this.row([note], HOUSE.note);
  }

  get rowCount(): number {
    return this.cells.length;
  }

  /** Append a row; returns its 0-based index. */
  row(cells: SpecCell[], style?: CellStyle): number {
    const index = this.cells.length;
    this.cells.push(cells);
    if (style && cells.length) this.style(index, 0, 1, cells.length, style);
    return index;
  }

  blank(): void {
    this.cells.push([]);
  }

  /**
   * Style a range. A range that continues the previous one downwards with the same style extends it,
   * so a table styled row by row costs one formatting call, not one per row.
   */
  style(row: number, col: number, rowCount: number, colCount: number, style: CellStyle): void {
    if (rowCount <= 0 || colCount <= 0) return;
    const last = this.styles[this.styles.length - 1];
    if (
      last &&
      last.range.col === col &&
      last.range.colCount === colCount &&
      last.range.row + last.range.rowCount === row &&
      JSON.stringify(last.style) === JSON.stringify(style)
    ) {
      last.range.rowCount += rowCount;
      return;
    }
    this.styles.push({ range: { row, col, rowCount, colCount }, style });
  }

  build(spec: Omit<SheetSpec, 'cells' | 'styles'>): SheetSpec {
    return { ...spec, cells: this.cells, styles: this.styles };
  }
}
