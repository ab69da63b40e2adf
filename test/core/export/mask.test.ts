import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { maskIndicators, type MaskResult } from '../../../src/core/export/mask';
import { computeIndicators, type Indicators, type IndicatorTable } from '../../../src/core/indicators';
import { buildSchool } from '../indicators/fixtures';

const LEVELS = ['CAP 1', '2nde', '1re', 'Tle'];
const columns = [...LEVELS.map((l) => ({ key: l, label: l })), { key: 'total', label: 'Total' }];

function countTable(rows: { key: string; counts: number[] }[]): IndicatorTable {
  return {
    id: 'needs',
    title: 'Élèves par besoin fort',
    rowHeader: 'Besoin',
    columns,
    rows: rows.map(({ key, counts }) => ({ key, label: key, unit: 'pupils', cells: [...counts, counts.reduce((a, b) => a + b, 0)] })),
    lastColumnIsSum: true,
    note: '',
  };
}

function indicators(tables: IndicatorTable[], sums: Indicators['sums'] = []): Indicators {
  const summary = { cycle: 1, pupils: 0, placed: 0, workshops: 0, teachersInvolved: 0, teachersTotal: 0, furtherStudy: 0, enrichmentYear: 0, progress: null };
  return { levels: LEVELS, tables, sums, summary };
}

const isMasked = (value: unknown) => typeof value === 'string';

/** No published sum may have exactly one masked figure: it could be recomputed by subtraction. */
function expectNoLoneMask(result: MaskResult, ind: Indicators): void {
  for (const { table, cells } of result.tables) {
    if (!table.lastColumnIsSum) continue;
    cells.forEach((row, r) => {
      if (table.rows[r].unit !== 'pupils') return;
      expect(row.filter((c) => isMasked(c.value)).length, `${table.id}/${table.rows[r].key}`).not.toBe(1);
    });
  }
  for (const sum of ind.sums) {
    const cellOf = (ref: string, col: number) => {
      const [tableId, rowKey] = ref.split('/');
      const masked = result.tables.find((t) => t.table.id === tableId)!;
      return masked.cells[masked.table.rows.findIndex((row) => row.key === rowKey)][col];
    };
    for (let col = 0; col < columns.length; col++) {
      const members = [sum.total, ...sum.parts].map((ref) => cellOf(ref, col));
      expect(members.filter((c) => isMasked(c.value)).length, `${sum.total} col ${col}`).not.toBe(1);
    }
  }
}

describe('masking of the rectorat export', () => {
  it('masks counts from 1 to threshold − 1 as « < 5 » and shows zeros', () => {
    const ind = indicators([countTable([{ key: 'a', counts: [3, 26, 0, 18] }])]);
    const [table] = maskIndicators(ind, 5).tables;
    expect(table.cells[0].map((c) => c.value)).toEqual(['< 5', 26, 0, 'masqué', 47]);
  });

  it('masks a second figure so that the first cannot be recomputed from the total (complementary disclosure)', () => {
    const ind = indicators([countTable([{ key: 'a', counts: [2, 30, 12, 9] }])]);
    const result = maskIndicators(ind, 5);
    // 2 is masked; without a second mask, 53 − 30 − 12 − 9 would give it back. The smallest other part goes.
    expect(result.tables[0].cells[0].map((c) => c.value)).toEqual(['< 5', 30, 12, 'masqué', 53]);
    expectNoLoneMask(result, ind);
  });

  it('prefers masking a non-zero figure over a zero, which would protect nothing', () => {
    const ind = indicators([countTable([{ key: 'a', counts: [3, 0, 12, 9] }])]);
    const values = maskIndicators(ind, 5).tables[0].cells[0].map((c) => c.value);
    expect(values).toEqual(['< 5', 0, 12, 'masqué', 24]);
  });

  it('follows published sums across rows (placed + not placed = pupils)', () => {
    const pupils: IndicatorTable = {
      ...countTable([
        { key: 'all', counts: [20, 26, 22, 18] },
        { key: 'placed', counts: [17, 26, 22, 18] },
        { key: 'unplaced', counts: [3, 0, 0, 0] },
      ]),
      id: 'pupils',
    };
    const ind = indicators([pupils], [{ total: 'pupils/all', parts: ['pupils/placed', 'pupils/unplaced'] }]);
    const result = maskIndicators(ind, 5);
    const [all, placed, unplaced] = result.tables[0].cells;
    expect(unplaced[0].value).toBe('< 5');
    expect(placed[0].value).toBe('masqué');
    expect(all[0].value).toBe(20);
    expectNoLoneMask(result, ind);
  });

  it('masks a share when its numerator is masked, and never organisation figures', () => {
    const table: IndicatorTable = {
      id: 'coverage',
      title: 'Couverture',
      rowHeader: 'Nature',
      columns,
      rows: [{ key: 'methodology', label: 'Méthodologie', unit: 'pupilShare', cells: [{ num: 2, den: 20 }, { num: 20, den: 26 }, { num: 11, den: 22 }, { num: 9, den: 18 }, { num: 42, den: 86 }] }],
      lastColumnIsSum: true,
      note: '',
    };
    const workshops: IndicatorTable = { ...countTable([{ key: 'm', counts: [1, 1, 2, 1] }]), id: 'workshops' };
    workshops.rows[0].unit = 'workshops';
    const result = maskIndicators(indicators([table, workshops]), 5);
    const shares = result.tables[0].cells[0];
    expect(shares[0]).toMatchObject({ value: 'masqué', num: '< 5', den: 20, masked: true });
    expect(shares.filter((c) => c.masked)).toHaveLength(2);
    expect(shares[1]).toMatchObject({ value: 76.9, num: 20, den: 26, masked: false });
    expect(result.tables[1].cells[0].map((c) => c.value)).toEqual([1, 1, 2, 1, 5]);
  });

  it('uses the threshold of the settings', () => {
    const ind = indicators([countTable([{ key: 'a', counts: [2, 4, 30, 30] }])]);
    expect(maskIndicators(ind, 3).tables[0].cells[0].map((c) => c.value)).toEqual(['< 3', 'masqué', 30, 30, 66]);
  });

  it('leaves no masked figure recomputable, whatever the counts (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.nat({ max: 40 }), { minLength: 4, maxLength: 4 }), { minLength: 1, maxLength: 6 }), fc.integer({ min: 2, max: 10 }), (rows, threshold) => {
        const ind = indicators([countTable(rows.map((counts, i) => ({ key: `r${i}`, counts })))]);
        const result = maskIndicators(ind, threshold);
        expectNoLoneMask(result, ind);
        result.tables[0].cells.forEach((row, r) =>
          row.forEach((cell, c) => {
            const value = ind.tables[0].rows[r].cells[c] as number;
            if (value > 0 && value < threshold) expect(cell.value).toBe(`< ${threshold}`);
            else if (!cell.masked) expect(cell.value).toBe(value);
          }),
        );
      }),
      { numRuns: 200 },
    );
  });

  it('masks a figure alike wherever it is repeated (coverage numerators and denominators)', () => {
    const { input } = buildSchool({ '2nde': 26, '1re': 7, Tle: 4, 'CAP 1': 12 }, 3);
    const ind = computeIndicators(input);
    const result = maskIndicators(ind, 5);
    const cell = (tableId: string, rowKey: string, col: number) => {
      const t = result.tables.find((x) => x.table.id === tableId)!;
      return t.cells[t.table.rows.findIndex((r) => r.key === rowKey)][col];
    };
    ind.levels.forEach((_, col) => {
      const pupils = cell('pupils', 'all', col);
      for (const kind of ['remediation', 'methodology', 'orientation', 'enrichment']) {
        const share = cell('coverage', kind, col);
        expect(share.den).toBe(pupils.value);
        if (isMasked(pupils.value)) expect(share.value).toBe('masqué');
      }
      expect(cell('coverage', 'enrichment', col).num).toBe(cell('projects', 'enrichment-year', col).value);
    });
    expectNoLoneMask(result, ind);
  });
});
