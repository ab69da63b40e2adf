/**
 * Property test on generated layouts: header on one, two or three rows, title and legend rows above,
 * a label merged over the identity columns or not, disciplines merged or written once, real names,
 * pseudonyms and codes, blank and summary rows inside, several scales. The reader must find every
 * generated pupil with exactly the results written, and report every summary row it drops.
 */
import { UNSPECIFIED_DISCIPLINE } from '../../../src/core/read/vocabulary';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellRange, CellValue } from '../../../src/core/grid';
import type { MasteryLevel } from '../../../src/core/model';
import { readWorkbook } from '../../../src/core/read';
import { normalizeText } from '../../../src/core/text';
import { grid } from './helpers';

const LABELS = ['Calculer', 'Raisonner', 'Lire', 'Écrire', 'Rédiger', 'Argumenter', 'Modéliser', 'Communiquer'];
const DISCIPLINES = ['Français', 'Mathématiques', 'Anglais'];
const SUB_GROUPS = ['Compréhension', 'Production'];
const SCALES: Record<string, Record<MasteryLevel, string | number>> = {
  letters: { 1: 'NA', 2: 'ECA', 3: 'A', 4: 'TBM' },
  lsu: { 1: 1, 2: 2, 3: 3, 4: 4 },
  symbols: { 1: '--', 2: '-', 3: '+', 4: '++' },
  pronote: { 1: 'Maîtrise insuffisante', 2: 'Maîtrise fragile', 3: 'Maîtrise satisfaisante', 4: 'Très bonne maîtrise' },
};
const LAST = ['DUPONT', 'MARTIN', 'NGUYEN', 'DA COSTA', 'LEFÈVRE', "N'DIAYE", 'TRAORÉ', 'BERTIN', 'CAMARA', 'VIDAL'];
const FIRST = ['Marie', 'Léo', 'Inès', 'Jean-Baptiste', 'Aïcha', 'Tom', 'Zoé', 'Nour'];

interface Layout {
  names: 'split' | 'full' | 'pseudonyms' | 'codes';
  headerRows: 1 | 2 | 3;
  labelOverIdentity: boolean;
  mergedDisciplines: boolean;
  titles: string[];
  scale: keyof typeof SCALES;
  competencies: { label: string; discipline: string; sub: string }[];
  pupils: { results: (MasteryLevel | null | 'abs')[] }[];
  /** Positions (among pupil rows) where a blank or a summary row is inserted before the pupil. */
  inserts: { at: number; kind: 'blank' | 'moyenne' | 'total' }[];
}

const layoutArb: fc.Arbitrary<Layout> = fc
  .record({
    names: fc.constantFrom('split', 'full', 'pseudonyms', 'codes'),
    headerRows: fc.constantFrom(1, 2, 3),
    labelOverIdentity: fc.boolean(),
    mergedDisciplines: fc.boolean(),
    titles: fc.array(fc.constantFrom('Positionnement de rentrée', '', 'Légende : A = acquis, NA = non acquis', 'Année 2025-2026'), { maxLength: 3 }),
    scale: fc.constantFrom(...(Object.keys(SCALES) as (keyof typeof SCALES)[])),
    competencies: fc.uniqueArray(fc.record({ label: fc.constantFrom(...LABELS), discipline: fc.constantFrom(...DISCIPLINES), sub: fc.constantFrom(...SUB_GROUPS) }), {
      minLength: 1,
      maxLength: 5,
      selector: (c) => c.label,
    }),
    pupilCount: fc.integer({ min: 1, max: 10 }),
    resultSeed: fc.array(fc.constantFrom<MasteryLevel | null | 'abs'>(1, 2, 3, 4, null, 'abs'), { minLength: 60, maxLength: 60 }),
    inserts: fc.array(fc.record({ at: fc.nat(10), kind: fc.constantFrom<'blank' | 'moyenne' | 'total'>('blank', 'moyenne', 'total') }), { maxLength: 3 }),
  })
  .map((g) => {
    // Competencies grouped by discipline, so that a discipline spans contiguous columns.
    const competencies = [...g.competencies].sort((a, b) => DISCIPLINES.indexOf(a.discipline) - DISCIPLINES.indexOf(b.discipline) || a.sub.localeCompare(b.sub));
    // The first pupil is assessed everywhere: a column nobody was assessed in is not yet a competency.
    const pupils = Array.from({ length: g.pupilCount }, (_, i) => ({
      results: competencies.map((_, k) => (i === 0 ? (((k % 4) + 1) as MasteryLevel) : g.resultSeed[(i * 7 + k) % g.resultSeed.length])),
    }));
    // A label merged over the identity columns comes with merged disciplines (a row is merged or not).
    return { ...g, competencies, pupils, mergedDisciplines: g.mergedDisciplines || g.labelOverIdentity };
  });

function identityOf(layout: Layout, i: number): string[] {
  switch (layout.names) {
    case 'split':
      return [LAST[i % LAST.length] + (i >= LAST.length ? ' B' : ''), FIRST[(i * 3) % FIRST.length]];
    case 'full':
      return [`${LAST[i % LAST.length]}${i >= LAST.length ? ' B' : ''} ${FIRST[(i * 3) % FIRST.length]}`];
    case 'pseudonyms':
      return [`Élève ${i + 1}`];
    case 'codes':
      return [`E-${String(410 + i).padStart(4, '0')}`];
  }
}

function build(layout: Layout): { values: CellValue[][]; merges: CellRange[]; formulas: boolean[][]; pupilRows: number[]; summaryRows: number[] } {
  const idWidth = layout.names === 'split' ? 2 : 1;
  const idLabels = layout.names === 'split' ? ['Nom', 'Prénom'] : [layout.names === 'full' ? 'Nom Prénom' : layout.names === 'pseudonyms' ? 'Élève' : 'Pseudonyme'];
  const values: CellValue[][] = [];
  const merges: CellRange[] = [];
  const formulas: boolean[][] = [];
  for (const title of layout.titles) values.push(title ? [title] : []);
  values.push([]); // a blank row always separates titles from the header
  const groupStart = values.length;
  const groupRow = (text: (c: Layout['competencies'][number]) => string, merged: boolean) => {
    const row: CellValue[] = Array(idWidth).fill(null);
    const r = values.length;
    // « Élève » over the identity columns, merged down to the label row's top.
    if (layout.labelOverIdentity && r === groupStart) {
      row[0] = 'Élève';
      if (idWidth > 1 || layout.headerRows === 3) merges.push({ row: r, col: 0, rowCount: layout.headerRows - 1, colCount: idWidth });
    }
    layout.competencies.forEach((c, k) => {
      const previous = k > 0 ? text(layout.competencies[k - 1]) : null;
      if (previous === text(c) && merged) {
        const last = merges[merges.length - 1];
        last.colCount++;
        row.push(null);
      } else if (previous === text(c)) row.push(null);
      else {
        row.push(text(c));
        if (merged) merges.push({ row: r, col: idWidth + k, rowCount: 1, colCount: 1 });
      }
    });
    values.push(row);
  };
  if (layout.headerRows >= 2) groupRow((c) => c.discipline, layout.mergedDisciplines);
  if (layout.headerRows === 3) groupRow((c) => c.sub, false);
  values.push([...idLabels, ...layout.competencies.map((c) => c.label)]);
  // Single-cell merges carry nothing: drop them.
  for (let m = merges.length - 1; m >= 0; m--) if (merges[m].colCount === 1 && merges[m].rowCount === 1) merges.splice(m, 1);
  const pupilRows: number[] = [];
  const summaryRows: number[] = [];
  layout.pupils.forEach((p, i) => {
    for (const insert of layout.inserts.filter((x) => x.at === i)) {
      if (insert.kind === 'blank') values.push([]);
      else {
        summaryRows.push(values.length);
        formulas[values.length] = Array(idWidth + layout.competencies.length).fill(insert.kind === 'moyenne');
        values.push([insert.kind === 'moyenne' ? 'Moyenne de la classe' : 'Total', ...Array(idWidth - 1).fill(null), ...layout.competencies.map(() => 2)]);
      }
    }
    pupilRows.push(values.length);
    values.push([...identityOf(layout, i), ...p.results.map((level) => (level === null ? null : level === 'abs' ? 'abs' : SCALES[layout.scale][level]))]);
  });
  return { values, merges, formulas, pupilRows, summaryRows };
}

/** Row numbers listed by « lignes 5, 6, 9 à 12 : lignes de synthèse… ». */
function reportedRows(message: string): number[] {
  const match = /^lignes? (.+?) : lignes de synthèse/.exec(message);
  if (!match) return [];
  return match[1].split(', ').flatMap((part) => {
    const [from, to] = part.split(' à ').map(Number);
    return to === undefined ? [from] : Array.from({ length: to - from + 1 }, (_, k) => from + k);
  });
}

describe('reader on generated layouts (properties)', () => {
  it('finds every pupil with exactly the results written, and reports every summary row', () => {
    fc.assert(
      fc.property(layoutArb, (layout) => {
        const built = build(layout);
        const result = readWorkbook({ grids: [grid('2MRC', built.values, { merges: built.merges, formulas: built.formulas })] }, { classLevels: [] });
        expect(result.pupils).toHaveLength(layout.pupils.length);
        const byName = new Map(result.pupils.map((p) => [normalizeText(`${p.lastName} ${p.firstName}`), p]));
        layout.pupils.forEach((pupil, i) => {
          const found = byName.get(normalizeText(identityOf(layout, i).join(' ')));
          expect(found, identityOf(layout, i).join(' ')).toBeDefined();
          expect(found?.className).toBe('2MRC');
          const expected = pupil.results.flatMap((level, k) => {
            if (level === null || level === 'abs') return [];
            const c = layout.competencies[k];
            const discipline = layout.headerRows === 1 ? UNSPECIFIED_DISCIPLINE : c.discipline;
            const label = layout.headerRows === 3 ? `${c.sub} – ${c.label}` : c.label;
            return [`${normalizeText(discipline)}|${normalizeText(label)}=${level}@${String.fromCharCode(65 + (layout.names === 'split' ? 2 : 1) + k)}${built.pupilRows[i] + 1}`];
          });
          expect(found?.results.map((r) => `${r.competencyId}=${r.level}@${r.source.cell}`)).toEqual(expected);
        });
        const reported = result.diagnostics.flatMap((d) => reportedRows(d.message));
        for (const row of built.summaryRows) expect(reported).toContain(row + 1);
        // One-row headers name no discipline: the self-check says so, and nothing else is doubtful.
        const doubts = result.diagnostics.filter((d) => d.severity === 'warning' || d.severity === 'error').map((d) => d.message);
        expect(doubts).toEqual(layout.headerRows === 1 ? [expect.stringMatching(/^Vérifiez la lecture : colonnes? .* aucune discipline reconnue/)] : []);
      }),
      { numRuns: 300 },
    );
  });
});

const DOMAINS = ["Compréhension de l'écrit", 'Étude de la langue', 'Nombres et calcul', 'Géométrie'];
const NATIONAL_WORDS: Record<MasteryLevel, string> = { 1: 'Maîtrise insuffisante', 2: 'Maîtrise fragile', 3: 'Maîtrise satisfaisante', 4: 'Très bon niveau de maîtrise' };

describe('reader on generated long exports (properties)', () => {
  it('gathers every pupil’s rows, the level word first, else the score', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 8 }),
        fc.uniqueArray(fc.constantFrom(...DOMAINS), { minLength: 2, maxLength: 4 }),
        fc.array(fc.record({ level: fc.constantFrom<MasteryLevel>(1, 2, 3, 4), word: fc.boolean(), score: fc.boolean() }), { minLength: 32, maxLength: 32 }),
        fc.boolean(),
        (pupilCount, domains, cells, withClass) => {
          const header = ['INE', 'Nom', 'Prénom', ...(withClass ? ['Classe'] : []), 'Domaine', 'Score', 'Niveau de maîtrise'];
          const values: CellValue[][] = [['Export des tests de positionnement'], [], header];
          const expected = new Map<string, string[]>();
          for (let i = 0; i < pupilCount; i++) {
            const ine = `${String(100000000 + i * 7919).slice(0, 9)}A${'BCDEFGHJK'[i]}`;
            expected.set(ine, []);
            domains.forEach((domain, d) => {
              const cell = cells[(i * 4 + d) % cells.length];
              // Always something to read: the level word, or a score that says the same level.
              const word = cell.word || !cell.score ? NATIONAL_WORDS[cell.level] : null;
              const score = cell.score ? [10, 40, 60, 90][cell.level - 1] : null;
              const row = values.length + 1;
              values.push([ine, LAST[i % LAST.length], FIRST[i % FIRST.length], ...(withClass ? ['2MRC'] : []), domain, score, word]);
              const column = String.fromCharCode(65 + header.length - (word ? 1 : 2));
              expected.get(ine)?.push(`${column}${row}=${cell.level}`);
            });
            if (i % 3 === 2) values.push([]);
          }
          const result = readWorkbook({ grids: [grid('Résultats', values)] }, { classLevels: [{ className: 'Résultats', level: '2nde' }] });
          expect(result.mapping.sheets[0].layout).toBe('long');
          expect(new Map(result.pupils.map((p) => [p.ine, p.results.map((r) => `${r.source.cell}=${r.level}`)]))).toEqual(expected);
        },
      ),
      { numRuns: 150 },
    );
  });
});
