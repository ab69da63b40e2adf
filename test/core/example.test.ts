import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../src/core/example';
import { levelFromClassName } from '../../src/core/levels';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';

describe('the bundled example workbook', () => {
  const example = buildExampleWorkbook();
  const classSheets = example.grids.filter((g) => levelFromClassName(g.sheet));

  it('is a lycée with at least 3 levels of 2 to 4 classes of about 24 pupils', () => {
    const perLevel = new Map<string, number>();
    for (const g of classSheets) perLevel.set(levelFromClassName(g.sheet)!, (perLevel.get(levelFromClassName(g.sheet)!) ?? 0) + 1);
    expect(perLevel.size).toBeGreaterThanOrEqual(3);
    for (const count of perLevel.values()) expect(count).toBeGreaterThanOrEqual(2);
    for (const count of perLevel.values()) expect(count).toBeLessThanOrEqual(4);
    for (const g of classSheets) {
      const pupils = g.values.length - 5;
      expect(pupils).toBeGreaterThanOrEqual(20);
      expect(pupils).toBeLessThanOrEqual(28);
    }
  });

  it('mixes results: every level of mastery and absences appear', () => {
    const cells = classSheets.flatMap((g) => g.values.slice(5).flatMap((r) => r.slice(2)));
    for (const value of ['A', 'ECA', 'NA', 'abs']) expect(cells).toContain(value);
  });

  it('is the same file as examples/lycee-exemple.xlsx (regenerate with `npx pilote-ap example -o examples/lycee-exemple.xlsx`)', async () => {
    const committed = await readXlsx(await readFile(join(__dirname, '../../examples/lycee-exemple.xlsx')));
    expect(committed.grids.map((g) => g.sheet)).toEqual(example.grids.map((g) => g.sheet));
    const nonEmpty = (rows: unknown[][]) => rows.map((row) => row.filter((v) => v !== null && v !== ''));
    for (const [i, grid] of example.grids.entries()) expect(nonEmpty(committed.grids[i].values)).toEqual(nonEmpty(grid.values));
  });
});
