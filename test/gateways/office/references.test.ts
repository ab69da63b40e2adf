/**
 * What a coordinator builds on the AP sheets keeps working from one generation to the next. Excel
 * rewrites a reference when the sheet it points at is renamed and turns it into `#REF!` when that
 * sheet is deleted (the fake does both, see FakeExcel.renamed / deleted), so the gateway writes each AP
 * sheet again in place, under its name, its tables under theirs.
 */
import { describe, expect, it } from 'vitest';
import { buildLargeSchool } from '../../../src/core/example';
import { generate } from '../../../src/core/pipeline';
import type { SheetSpec } from '../../../src/core/render/sheetSpec';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { FakeExcel } from '../../fakes/fakeExcel';
import { seedFakeExcel } from './seed';

const today = '2026-09-21';
const DASHBOARD = 'Tableau de bord';

/** The value of a spec cell as Excel would show it ('' for an empty cell). */
function specValue(spec: SheetSpec, address: string): unknown {
  const match = /^([A-Z]+)(\d+)$/.exec(address)!;
  const col = match[1].split('').reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0) - 1;
  const cell = spec.cells[Number(match[2]) - 1]?.[col];
  return cell === null || cell === undefined ? '' : typeof cell === 'object' ? cell.value : cell;
}

describe('references to AP sheets across generations', () => {
  it('fake Excel rewrites references on a rename and breaks them on a delete, as Excel does', async () => {
    const excel = new FakeExcel();
    excel.addSheet('AP Groupes', { values: [['x', 'y']] });
    excel.addSheet(DASHBOARD, { values: [[null]], formulas: [["='AP Groupes'!B1"]] });
    excel.names.push({ name: 'Valeur', formula: "='AP Groupes'!$B$1" });
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('AP Groupes').name = 'AP Groupes (préc.)';
      await context.sync();
    });
    expect(excel.sheet(DASHBOARD).formulaAt('A1')).toBe("='AP Groupes (préc.)'!B1");
    expect(excel.names[0].formula).toBe("='AP Groupes (préc.)'!$B$1");
    expect(excel.evaluate(excel.names[0].formula)).toBe('y');
    await excel.run(async (context) => {
      context.workbook.worksheets.getItem('AP Groupes (préc.)').delete();
      await context.sync();
    });
    expect(excel.sheet(DASHBOARD).formulaAt('A1')).toBe('=#REF!B1');
    expect(excel.evaluate(excel.names[0].formula)).toBe('#REF!');
  });

  it('a formula, a name and a chart pointing at AP Groupes give the right values after three 2,000-pupil generations', async () => {
    const excel = seedFakeExcel(buildLargeSchool(2_000));
    const cell = 'F5';
    const series = "='AP Groupes'!$F$5:$F$9";
    excel.addSheet(DASHBOARD, { values: [[null]], formulas: [[`='AP Groupes'!${cell}`]] });
    excel.sheet(DASHBOARD).charts.push({ name: 'Chart 1', type: 'ColumnClustered', source: { row: 0, col: 0, rowCount: 1, colCount: 1 }, seriesBy: 'Columns', title: '', from: 'C3', to: 'H12', seriesFormula: series });
    excel.names.push({ name: 'PremierEleve', formula: `='AP Groupes'!$F$5` });
    // Always written again (no fingerprints), so every generation goes through the rewrite.
    const gateway = createOfficeGateway({ run: excel.run, fingerprints: false });

    // The engine's sheets for 2,000 pupils, written three times over (read, then write, each time).
    const result = await generate(await gateway.readSnapshot(), { today });
    for (let generation = 1; generation <= 3; generation++) {
      if (generation > 1) await gateway.readSnapshot();
      await gateway.writeSheets(result.sheets);
      const groups = result.sheets.find((s) => s.name === SHEET_NAMES.groups)!;
      const expected = specValue(groups, cell);
      expect(expected, `generation ${generation}`).not.toBe('');
      expect(excel.evaluate(excel.sheet(DASHBOARD).formulaAt('A1')!)).toBe(expected);
      expect(excel.evaluate(excel.names[0].formula)).toBe(expected);
      const chart = excel.sheet(DASHBOARD).charts[0];
      expect(chart.seriesFormula).toBe(series);
      expect(excel.evaluate(chart.seriesFormula!)).toEqual([5, 6, 7, 8, 9].map((row) => specValue(groups, `F${row}`)));
      // Every table keeps the name the engine gave it, on the live sheet.
      for (const spec of result.sheets) {
        for (const table of spec.tables ?? []) {
          const live = excel.sheet(spec.name);
          expect(live.tables.map((t) => t.name), `${spec.name} ${generation}`).toContain(table.name);
          expect(live.tables.find((t) => t.name === table.name)!.range).toEqual(table.range);
        }
      }
      expect(excel.sheet(DASHBOARD).formulaAt('A1')).toBe(`='AP Groupes'!${cell}`);
    }
  }, 180_000);
});
