/**
 * Property tests: random grids (random text, numbers, dates, errors, merged areas, fills, hidden rows
 * and columns, empty and one-row sheets, tables with a real header somewhere) never make the reader
 * throw, and every pupil it returns comes from a real, non-empty row of a real sheet.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { parseA1, type CellValue, type Grid, type WorkbookSnapshot } from '../../../src/core/grid';
import type { ReadResult, SourceRef } from '../../../src/core/model';
import { readSavedMapping, readWorkbook, renderMappingSheet } from '../../../src/core/read';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { specGrid } from './helpers';

const WORDS = ['A', 'ECA', 'NA', 'N.A.', 'abs', 'disp.', '++', '--', '+', '-', 'Maîtrise fragile', 'Très bonne maîtrise', 'AQ', 'Test incomplet', 'Moyenne', 'Total', 'Légende : A = acquis'];
const NAMES = ['DUPONT', 'Marie', 'MARTIN Léo', 'Lefèvre', 'Jean-Baptiste', "N'DIAYE", 'Da Costa'];
const HEADERS = ['Nom', 'Prénom', 'Nom Prénom', 'Élève', 'Classe', 'Division', 'Niveau', 'INE', 'Date de naissance', 'Observations', 'Absences', 'Profil', 'Projet', 'Français', 'Calculer', 'Score', 'Niveau de maîtrise', 'Fractions (/20)', 'Positionnement 2', 'P2'];
const COLOURS = ['#FF0000', '#FFC000', '#FFFF00', '#92D050', '#00B050', '#4472C4', '#FFFFFF', '#D9D9D9'];

const cell: fc.Arbitrary<CellValue> = fc.oneof(
  { weight: 4, arbitrary: fc.constant(null) },
  { weight: 3, arbitrary: fc.constantFrom(...WORDS) },
  { weight: 3, arbitrary: fc.constantFrom(...NAMES) },
  { weight: 2, arbitrary: fc.constantFrom(...HEADERS) },
  { weight: 2, arbitrary: fc.string({ maxLength: 12 }) },
  { weight: 2, arbitrary: fc.integer({ min: -5, max: 25 }) },
  { weight: 1, arbitrary: fc.double({ min: -1e6, max: 1e6, noNaN: true }) },
  { weight: 1, arbitrary: fc.integer({ min: 36000, max: 47000 }) },
  { weight: 1, arbitrary: fc.constantFrom('#N/A', '#DIV/0!', '#REF!', '12/20', '75 %', '3/4', '12/03/2009', '2009-03-12') },
  { weight: 1, arbitrary: fc.boolean() },
  { weight: 1, arbitrary: fc.constantFrom('123456789AB', '1234567890A', 'Contents d’être là', 'Malgré eux', 'BTS', 'Passerelle') },
);

const SHEET_NAME_POOL = ['2MRC', '2MELEC', '1AGORA', 'Maths', 'Français', 'Budget', 'Entretiens', 'Autopositionnement', 'Liste', 'P2', ...Object.values(SHEET_NAMES)];

/** A random grid, sometimes holding a table with a real header row somewhere. */
const gridArb = (sheet: string): fc.Arbitrary<Grid> =>
  fc
    .record({
      rows: fc.integer({ min: 0, max: 14 }),
      cols: fc.integer({ min: 0, max: 8 }),
      origin: fc.record({ row: fc.integer({ min: 0, max: 3 }), col: fc.integer({ min: 0, max: 3 }) }),
      header: fc.option(fc.record({ at: fc.nat(6), labels: fc.array(fc.constantFrom(...HEADERS), { minLength: 1, maxLength: 6 }) })),
      seed: fc.array(cell, { minLength: 120, maxLength: 120 }),
      fills: fc.array(fc.option(fc.constantFrom(...COLOURS), { nil: null }), { minLength: 120, maxLength: 120 }),
      formulas: fc.array(fc.boolean(), { minLength: 16, maxLength: 16 }),
      hiddenRows: fc.array(fc.nat(16), { maxLength: 3 }),
      hiddenColumns: fc.array(fc.nat(9), { maxLength: 2 }),
      merges: fc.array(fc.record({ row: fc.nat(15), col: fc.nat(9), rowCount: fc.integer({ min: 1, max: 4 }), colCount: fc.integer({ min: 1, max: 5 }) }), { maxLength: 4 }),
      hidden: fc.boolean(),
      ragged: fc.boolean(),
    })
    .map((g) => {
      const values: CellValue[][] = Array.from({ length: g.rows }, (_, r) => {
        const width = g.ragged ? (r * 7 + g.cols) % (g.cols + 1) : g.cols;
        return Array.from({ length: width }, (_, c) => g.seed[(r * 9 + c) % g.seed.length]);
      });
      if (g.header && g.rows > 0) {
        const at = g.header.at % g.rows;
        values[at] = ['Nom', 'Prénom', ...g.header.labels];
        for (let r = at + 1; r < g.rows; r++) values[r] = [NAMES[r % NAMES.length].toUpperCase(), NAMES[(r + 1) % NAMES.length], ...g.header.labels.map((_, c) => g.seed[(r * 5 + c) % g.seed.length])];
      }
      return {
        sheet,
        origin: g.origin,
        values,
        fills: values.map((line, r) => line.map((_, c) => g.fills[(r * 11 + c) % g.fills.length])),
        formulas: values.map((line, r) => line.map(() => g.formulas[r % g.formulas.length])),
        hiddenRows: g.hiddenRows,
        hiddenColumns: g.hiddenColumns,
        merges: g.merges,
        hidden: g.hidden && sheet.length % 3 === 0,
      };
    });

const snapshotArb: fc.Arbitrary<WorkbookSnapshot> = fc
  .uniqueArray(fc.constantFrom(...SHEET_NAME_POOL), { maxLength: 4 })
  .chain((names) => fc.tuple(...names.map(gridArb)))
  .map((grids) => ({ grids }));

/** The source names a real sheet, a cell inside its grid, on a row that holds something. */
function isRealRow(snapshot: WorkbookSnapshot, source: SourceRef): boolean {
  const grid = snapshot.grids.find((g) => g.sheet === source.sheet);
  const at = parseA1(source.cell);
  if (!grid || !at) return false;
  const row = grid.values[at.row - grid.origin.row];
  const col = at.col - grid.origin.col;
  if (!row || col < 0) return false;
  return row.some((value) => value !== null && String(value).trim() !== '');
}

function checkResult(snapshot: WorkbookSnapshot, result: ReadResult): void {
  const ids = new Set<string>();
  for (const pupil of result.pupils) {
    expect(pupil.sources.length).toBeGreaterThan(0);
    for (const source of pupil.sources) expect(isRealRow(snapshot, source)).toBe(true);
    for (const r of [...pupil.results, ...pupil.selfResults]) expect(isRealRow(snapshot, r.source)).toBe(true);
    expect(ids.has(pupil.id)).toBe(false);
    ids.add(pupil.id);
  }
  for (const summary of result.sheets) expect(snapshot.grids.some((g) => g.sheet === summary.sheet)).toBe(true);
  for (const d of result.diagnostics) expect(typeof d.message).toBe('string');
  if (!result.pupils.length) expect(result.diagnostics.some((d) => d.severity === 'error')).toBe(true);
}

describe('reader on random grids (properties)', () => {
  it('never throws, and every pupil comes from a real non-empty row of a real sheet', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        const result = readWorkbook(snapshot, { classLevels: [] });
        checkResult(snapshot, result);
      }),
      { numRuns: 400 },
    );
  });

  it('gives the same output for the same input', () => {
    fc.assert(
      fc.property(snapshotArb, (snapshot) => {
        expect(JSON.stringify(readWorkbook(snapshot, { classLevels: [] }))).toBe(JSON.stringify(readWorkbook(structuredClone(snapshot), { classLevels: [] })));
      }),
      { numRuns: 100 },
    );
  });

  it('applies a mapping saved for other contents without throwing', () => {
    fc.assert(
      fc.property(snapshotArb, snapshotArb, (before, after) => {
        const saved = readWorkbook(before, { classLevels: [] }).mapping;
        const back = readSavedMapping({ grids: [specGrid(renderMappingSheet(saved))] });
        expect(back.mapping).toEqual(saved);
        const renamed = { grids: after.grids.map((g, i) => ({ ...g, sheet: before.grids[i]?.sheet ?? g.sheet })) };
        const names = new Set<string>();
        renamed.grids = renamed.grids.filter((g) => !names.has(g.sheet) && names.add(g.sheet));
        checkResult(renamed, readWorkbook(renamed, { classLevels: [{ className: '2MRC', level: '2nde' }], mapping: saved }));
      }),
      { numRuns: 200 },
    );
  });

  it('reads a random « AP Correspondances » sheet without throwing', () => {
    fc.assert(
      fc.property(gridArb(SHEET_NAMES.mapping), snapshotArb, (mappingSheet, snapshot) => {
        const saved = readSavedMapping({ grids: [mappingSheet] });
        const grids = [...snapshot.grids.filter((g) => g.sheet !== SHEET_NAMES.mapping), mappingSheet];
        checkResult({ grids }, readWorkbook({ grids }, { classLevels: [], mapping: saved.mapping }));
      }),
      { numRuns: 200 },
    );
  });
});
