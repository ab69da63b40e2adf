import { describe, expect, it } from 'vitest';
import { computeIndicators, renderIndicatorsSheet } from '../../../src/core/indicators';
import { isFormula } from '../../../src/core/render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';
import { buildSchool } from './fixtures';

describe('AP Indicateurs sheet', () => {
  const { input, settings } = buildSchool();
  const ind = computeIndicators(input);
  const spec = renderIndicatorsSheet(ind, settings);
  const text = (row: number, col: number) => spec.cells[row]?.[col];

  it('is an output sheet marked as written by Pilote AP', () => {
    expect(spec.name).toBe(SHEET_NAMES.indicators);
    expect(spec.role).toBe('output');
    expect(String(text(0, 0)).startsWith(MARKER)).toBe(true);
    expect(String(text(1, 0))).toContain('Lycée professionnel Jean Moulin');
  });

  it('writes every table with its title, header and rows', () => {
    for (const table of ind.tables) {
      const titleRow = spec.cells.findIndex((r) => r[0] === table.title);
      expect(titleRow, table.id).toBeGreaterThan(0);
      expect(spec.cells[titleRow + 1]).toEqual([table.rowHeader, ...table.columns.map((c) => c.label)]);
      expect(spec.cells[titleRow + 2][0]).toBe(table.rows[0]?.label ?? 'Aucune donnée pour le moment.');
    }
  });

  it('writes count totals as live SUM formulas whose value is the computed total', () => {
    const needsTitle = spec.cells.findIndex((r) => r[0] === 'Élèves par besoin fort');
    const first = spec.cells[needsTitle + 2];
    const total = first[first.length - 1];
    expect(isFormula(total)).toBe(true);
    if (isFormula(total)) {
      expect(total.formula).toBe(`=SUM(B${needsTitle + 3}:E${needsTitle + 3})`);
      expect(total.value).toBe((first.slice(1, -1) as number[]).reduce((a, b) => a + b, 0));
    }
  });

  it('draws native charts beside their tables, over the header and rows without the total column', () => {
    const charted = ind.tables.filter((t) => t.chart && t.rows.length);
    expect(spec.charts).toHaveLength(charted.length);
    expect(charted.map((t) => t.id)).toEqual(expect.arrayContaining(['needs', 'workshop-pupils', 'coverage', 'hours', 'mastery']));
    spec.charts!.forEach((chart, i) => {
      const table = charted[i];
      expect(chart.title).toBe(table.title);
      expect(['bar', 'column']).toContain(chart.type);
      expect(spec.cells[chart.data.row][0]).toBe(table.rowHeader);
      expect(chart.data.rowCount).toBe(table.rows.length + 1);
      const lastHeader = spec.cells[chart.data.row][chart.data.colCount - 1];
      expect(['Total', 'Élèves évalués deux fois']).not.toContain(lastHeader);
      expect(chart.anchor.row).toBe(chart.data.row - 1);
      expect(chart.anchor.col).toBeGreaterThan(Math.max(...ind.tables.map((t) => t.columns.length)));
      if (i > 0) expect(chart.anchor.row).toBeGreaterThanOrEqual(spec.charts![i - 1].anchor.row + spec.charts![i - 1].size.rows);
    });
  });

  it('formats shares as percentages and hours with « h »', () => {
    const formats = new Set(spec.styles!.map((s) => s.style.numberFormat).filter(Boolean));
    expect(formats).toContain('0%');
    expect(formats).toContain('0.0" h"');
  });
});

describe('AP Indicateurs sheet of an empty school', () => {
  it('still renders, with no chart over empty data', () => {
    const { input, settings } = buildSchool({});
    const spec = renderIndicatorsSheet(computeIndicators({ ...input, rounds: [] }), settings);
    expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
    for (const chart of spec.charts ?? []) {
      expect(chart.data.rowCount).toBeGreaterThan(1);
      expect(chart.data.colCount).toBeGreaterThan(1);
    }
  });
});
