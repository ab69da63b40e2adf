import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellRange } from '../../../src/core/grid';
import { type CellStyle, type SheetSpec } from '../../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { packBlocks, VALUE_BYTES, type BlockRequest } from '../../../src/gateways/office/readBlocks';
import { groupStyles } from '../../../src/gateways/office/writePlan';
import { FakeExcel } from '../../fakes/fakeExcel';

const area = fc.record({ row: fc.nat(20), col: fc.nat(6), rowCount: fc.integer({ min: 1, max: 5 }), colCount: fc.integer({ min: 1, max: 3 }) });
const style = fc.constantFrom<CellStyle>({ bold: true }, { fill: '#FFF2CC' }, { border: true }, { bold: false, italic: true });

/** The style each cell ends with when the styles are applied one after the other. */
function finalLook(styles: { range: CellRange; style: CellStyle }[]): Map<string, string> {
  const look = new Map<string, CellStyle>();
  for (const { range, style } of styles) {
    for (let r = range.row; r < range.row + range.rowCount; r++) {
      for (let c = range.col; c < range.col + range.colCount; c++) look.set(`${r},${c}`, { ...look.get(`${r},${c}`), ...style });
    }
  }
  return new Map([...look].map(([cell, s]) => [cell, JSON.stringify(Object.entries(s).sort())]));
}

describe('Office gateway: packing writes and reads', () => {
  it('gathers identical styles without changing what any cell looks like in the end', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ range: area, style }), { maxLength: 30 }), (styles) => {
        const groups = groupStyles(styles);
        const replayed = groups.flatMap((g) => g.ranges.map((range) => ({ range, style: g.style })));
        expect(finalLook(replayed)).toEqual(finalLook(styles));
        expect(groups.length).toBeLessThanOrEqual(styles.length);
      }),
    );
  });

  it('packs value blocks into as few syncs as their weight needs, each under the budget', () => {
    fc.assert(
      fc.property(fc.array(fc.record({ rows: fc.integer({ min: 1, max: 3_000 }), cols: fc.integer({ min: 1, max: 30 }) }), { minLength: 1, maxLength: 8 }), fc.integer({ min: 50_000, max: 1_000_000 }), (sheets, budget) => {
        const blocks: BlockRequest[] = sheets.map((s, i) => ({ sheet: `S${i}`, range: { row: 0, col: 0, rowCount: s.rows, colCount: s.cols }, kind: 'values' }));
        const weight = (b: BlockRequest) => b.range.rowCount * b.range.colCount * VALUE_BYTES;
        const syncs = packBlocks(blocks, budget);
        const total = blocks.reduce((sum, b) => sum + weight(b), 0);
        const widest = Math.max(...blocks.map((b) => b.range.colCount * VALUE_BYTES));
        // Each sync is full but for less than one row of the next block.
        expect(syncs.length).toBeLessThanOrEqual(Math.ceil(total / (budget - widest)));
        for (const group of syncs) expect(group.reduce((sum, b) => sum + weight(b), 0)).toBeLessThanOrEqual(budget);
        // Every row of every block is read exactly once.
        for (const block of blocks) {
          const parts = syncs.flat().filter((b) => b.sheet === block.sheet);
          expect(parts.reduce((sum, b) => sum + b.range.rowCount, 0)).toBe(block.range.rowCount);
        }
      }),
    );
  });

  it('formats the lists of a printable sheet with one call per property, whatever the number of lists', async () => {
    const lists = 200;
    const cells = [['Pilote AP · listes'], ...Array.from({ length: lists * 4 }, (_, i) => (i % 4 === 3 ? [] : [`Élève ${i}`, 'P']))];
    const styles = Array.from({ length: lists }, (_, k) => ({ range: { row: 1 + 4 * k, col: 0, rowCount: 3, colCount: 2 }, style: { border: true } as CellStyle }));
    const spec: SheetSpec = { name: SHEET_NAMES.attendance, role: 'output', cells, styles };
    const excel = new FakeExcel();
    excel.addSheet('2MRC', { values: [['Nom']] });
    const gateway = createOfficeGateway({ run: excel.run });
    await gateway.readSnapshot();
    const before = excel.requestBytes.length;
    await gateway.writeSheets([spec]);
    const sheet = excel.sheet(SHEET_NAMES.attendance);
    // Each list gets its own outline and inside lines, as if it had been styled alone.
    expect(sheet.borders.filter((b) => b.edge === 'EdgeTop').map((b) => b.range)).toEqual(styles.map((s) => s.range));
    expect(sheet.borders.every((b) => b.style === 'Continuous' && b.color === '#BFBFBF')).toBe(true);
    expect(sheet.borders.filter((b) => b.edge === 'InsideHorizontal')).toHaveLength(lists);
    const written = excel.requestBytes.slice(before).reduce((a, b) => a + b, 0);
    expect(written).toBeLessThan(40_000);
  });

  it('where getRanges refuses the comma (a `;` locale of Excel for Windows), styles each area on its own and gets the same look', async () => {
    const lists = 30;
    const cells = [['Pilote AP · listes'], ...Array.from({ length: lists * 4 }, (_, i) => (i % 4 === 3 ? [] : [`Élève ${i}`, 'P']))];
    const styles = Array.from({ length: lists }, (_, k) => ({ range: { row: 1 + 4 * k, col: 0, rowCount: 3, colCount: 2 }, style: { border: true, bold: true } as CellStyle }));
    const spec: SheetSpec = { name: SHEET_NAMES.attendance, role: 'output', cells, styles };
    const look = async (listSeparator: ',' | ';') => {
      const excel = new FakeExcel({ listSeparator });
      excel.addSheet('2MRC', { values: [['Nom']] });
      const gateway = createOfficeGateway({ run: excel.run, fingerprints: true });
      await gateway.readSnapshot();
      await gateway.writeSheets([spec]);
      const sheet = excel.sheet(SHEET_NAMES.attendance);
      return { cells: [...sheet.cells.entries()].sort(), borders: sheet.borders.map((b) => JSON.stringify(b)).sort(), fingerprint: sheet.customProperties.get('piloteap.empreinte') };
    };
    const comma = await look(',');
    const semicolon = await look(';');
    expect(semicolon).toEqual(comma);
    expect(comma.borders.length).toBe(lists * 6);
  });
});
