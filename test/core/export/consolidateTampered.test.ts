/**
 * Consolidation of exports as the académie receives them: several school years mixed, positionnement
 * transitions that differ between establishments, hours per pupil from schools of very different sizes,
 * and files whose codes were edited (« constructor », « __proto__ », « toString »…): one year per
 * consolidation, each transition under its own title, weighted means, and a French refusal of the
 * tampered file — never a crash.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { consolidateExports, type ExportSource } from '../../../src/core/export';
import type { CellValue, Grid } from '../../../src/core/grid';
import type { SheetSpec } from '../../../src/core/render/sheetSpec';
import { generateExports } from './randomExports';

const exports = generateExports(12, 77);

function withMeta(grids: Grid[], label: string, value: string): Grid[] {
  return grids.map((g) => ({ ...g, values: g.values.map((row) => (row[0] === label ? [label, value] : row)) }));
}

/** Data lines of an export grid (after the « Code indicateur » header). */
function dataLines(grid: Grid): number[] {
  const header = grid.values.findIndex((row) => row[0] === 'Code indicateur');
  return grid.values.map((_, r) => r).filter((r) => r > header && typeof grid.values[r][0] === 'string' && grid.values[r][0] !== '');
}

function edited(grids: Grid[], edit: (values: CellValue[][]) => void): Grid[] {
  const copy = structuredClone(grids);
  edit(copy[0].values);
  return copy;
}

const sheetOf = (specs: SheetSpec[], name: string) => specs.find((s) => s.name === name);

describe('consolidation of exports as they arrive', () => {
  it('consolidates one school year: the one most exports give, the others refused with their year', () => {
    fc.assert(
      fc.property(fc.array(fc.constantFrom('2025-2026', '2026-2027', '2024-2025'), { minLength: exports.length, maxLength: exports.length }), (years) => {
        const sources: ExportSource[] = exports.map((e, i) => ({ fileName: `e${i}.xlsx`, grids: withMeta(e.grids, 'Année scolaire', years[i]) }));
        const result = consolidateExports(sources);
        const counts = new Map<string, number>();
        for (const y of years) counts.set(y, (counts.get(y) ?? 0) + 1);
        const [kept] = [...counts.entries()].sort(([a, x], [b, y]) => y - x || b.localeCompare(a))[0];
        expect(result.accepted.map((a) => a.fileName)).toEqual(sources.filter((_, i) => years[i] === kept).map((s) => s.fileName));
        expect(new Set(result.accepted.map((a) => a.schoolYear))).toEqual(new Set([kept]));
        for (const r of result.rejected) {
          const year = years[Number(r.fileName.slice(1, -5))];
          expect(r.reason).toBe(`année scolaire ${year} : cette consolidation porte sur ${kept}, l’année de la plupart des exports ; consolidez chaque année à part`);
        }
        expect(result.rejected).toHaveLength(years.filter((y) => y !== kept).length);
      }),
      { numRuns: 15 },
    );
  });

  it('consolidates each positionnement transition under its own title, in order', () => {
    // Establishments with three positionnements compare the first with the third.
    const later = (grids: Grid[]) =>
      edited(grids, (values) => {
        for (const row of values) if (row[0] === 'mastery' || row[0] === 'progress') row[1] = String(row[1]).replace('Positionnement 2', 'Positionnement 3');
      });
    const sources: ExportSource[] = exports.map((e, i) => ({ fileName: `e${i}.xlsx`, grids: i % 3 === 0 ? later(e.grids) : e.grids }));
    const { specs } = consolidateExports(sources);
    const names = specs.map((s) => s.name);
    for (const base of ['Maîtrise', 'Progrès']) {
      const first = names.indexOf(`${base} P1 → P2`);
      const second = names.indexOf(`${base} P1 → P3`);
      expect(first, base).toBeGreaterThan(0);
      expect(second).toBe(first + 1);
      expect(names).not.toContain(base);
    }
    const rowsOf = (name: string) => sheetOf(specs, name)!.cells.filter((r) => /^\d{7}[A-Z]$/.test(String(r[0]))).map((r) => r[0]);
    expect(rowsOf('Maîtrise P1 → P3')).toEqual(exports.filter((_, i) => i % 3 === 0).map((e) => e.uai).sort());
    expect(rowsOf('Maîtrise P1 → P2')).toEqual(exports.filter((_, i) => i % 3 !== 0).map((e) => e.uai).sort());
    expect(String(sheetOf(specs, 'Maîtrise P1 → P3')!.cells[0][0])).toContain('Positionnement 1 puis Positionnement 3');
  });

  it('weighs hours per pupil by the pupils of the level in each establishment', () => {
    const result = consolidateExports(exports.map((e, i) => ({ fileName: `e${i}.xlsx`, grids: e.grids })));
    const hours = sheetOf(result.specs, 'Heures')!;
    const header = hours.cells.findIndex((r) => r[0] === 'UAI');
    const total = hours.cells.find((r) => r[0] === 'Total académie')!;
    const groupRow = hours.cells[header];
    const labels = hours.cells[header + 1];
    let checked = 0;
    labels.forEach((label, col) => {
      if (typeof label !== 'string' || !label.endsWith(' (h)')) return;
      const key = { 'Prévues (h)': 'planned', 'Réalisées (h)': 'done', 'Enveloppe (h)': 'envelope' }[label];
      let level = col;
      while (groupRow[level] === null) level--;
      let sum = 0;
      let pupils = 0;
      for (const exp of result.accepted) {
        const planned = exp.figures.find((f) => f.table === 'hours' && f.rowLabel === groupRow[level] && f.col === key)?.value;
        const count = exp.figures.find((f) => f.table === 'pupils' && f.row === 'all' && f.colLabel === groupRow[level])?.value;
        if (typeof planned !== 'number' || typeof count !== 'number' || count <= 0) continue;
        sum += planned * count;
        pupils += count;
      }
      if (!pupils) return;
      expect(total[col]).toBeCloseTo(sum / pupils, 2);
      checked++;
    });
    expect(checked).toBeGreaterThan(1);
  });

  it('refuses a file whose codes were edited, in French, and consolidates the others', () => {
    const codes = fc.oneof(fc.constantFrom('constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty', 'prototype', '', '=1+1', 'a;b'), fc.string({ maxLength: 12 }));
    fc.assert(
      fc.property(fc.nat(), fc.constantFrom(0, 2, 4), codes, (pick, column, code) => {
        const target = exports[pick % exports.length];
        const grids = edited(target.grids, (values) => {
          const lines = dataLines({ ...target.grids[0], values });
          values[lines[pick % lines.length]][column] = code;
        });
        const sources: ExportSource[] = [{ fileName: 'modifié.xlsx', grids }, ...exports.filter((e) => e !== target).slice(0, 3).map((e, i) => ({ fileName: `e${i}.xlsx`, grids: e.grids }))];
        const result = consolidateExports(sources);
        expect(result.accepted.map((a) => a.fileName)).toEqual(expect.arrayContaining(['e0.xlsx', 'e1.xlsx', 'e2.xlsx']));
        const refused = result.rejected.find((r) => r.fileName === 'modifié.xlsx');
        if (['constructor', '__proto__', 'toString', 'valueOf', 'hasOwnProperty'].includes(code) || (column === 0 && code === 'prototype')) {
          expect(refused?.reason).toMatch(/^code (indicateur|de ligne|de colonne) « .* » (inconnu|illisible) \(ligne \d+\) : le fichier a été modifié après l’export, demandez un nouvel export$/);
        }
        // Whatever was typed, every sheet is made of plain cells and names.
        for (const spec of result.specs) expect(typeof spec.name).toBe('string');
      }),
      { numRuns: 60 },
    );
  });
});
