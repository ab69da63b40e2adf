/**
 * Reader bench: one sheet of 10,000 pupils and 40 competencies (two header rows, A / ECA / NA in their
 * usual spellings, a few blanks and absences), read with detection, median of several runs.
 */
import type { CellValue, Grid, WorkbookSnapshot } from '../../src/core/grid';
import { readWorkbook } from '../../src/core/read';
import { figure } from './figures';

const ROWS = 10_000;
const COMPETENCIES = 40;
const RUNS = 7;
const VALUES = ['A', 'ECA', 'NA', 'a', 'EC', 'N.A.', 'Acquis', 'abs', null];

/** Deterministic pseudo-random sequence (no clock, no Math.random). */
function sequence(seed: number): () => number {
  let state = seed >>> 0;
  return () => {
    state = (Math.imul(state, 1664525) + 1013904223) >>> 0;
    return state / 4294967296;
  };
}

function bigSheet(): WorkbookSnapshot {
  const next = sequence(42);
  const disciplines: CellValue[] = ['', '', '', ''];
  const headers: CellValue[] = ['Nom', 'Prénom', 'Classe', 'Niveau'];
  const merges: Grid['merges'] = [];
  for (let c = 0; c < COMPETENCIES; c++) {
    if (c % 10 === 0) merges.push({ row: 1, col: 4 + c, rowCount: 1, colCount: 10 });
    disciplines.push(c % 10 === 0 ? ['Français', 'Mathématiques', 'Anglais', 'Méthodologie'][c / 10] : null);
    headers.push(`Compétence ${c + 1}`);
  }
  const values: CellValue[][] = [['Positionnement de rentrée'], disciplines, headers];
  for (let r = 0; r < ROWS; r++) {
    const line: CellValue[] = [`NOM${String.fromCharCode(65 + (r % 26))}${String.fromCharCode(65 + Math.floor(r / 26) % 26)}${String.fromCharCode(65 + Math.floor(r / 676) % 26)}`, 'Prénom', `2PRO${r % 40}`, '2nde'];
    for (let c = 0; c < COMPETENCIES; c++) line.push(VALUES[Math.floor(next() * VALUES.length)]);
    values.push(line);
  }
  return { grids: [{ sheet: 'Positionnement', origin: { row: 0, col: 0 }, values, merges }] };
}

export async function bench(): Promise<void> {
  const snapshot = bigSheet();
  const times: number[] = [];
  let pupils = 0;
  for (let run = 0; run < RUNS; run++) {
    const start = performance.now();
    pupils = readWorkbook(snapshot, { classLevels: [] }).pupils.length;
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  const median = figure('reader.rows10000MedianMs', times[Math.floor(times.length / 2)], 'ms');
  console.log(`Lecture d'une feuille de ${ROWS} lignes × ${COMPETENCIES} compétences (${pupils} élèves) : médiane ${median.toFixed(0)} ms sur ${RUNS} essais (min ${times[0].toFixed(0)} ms, max ${times[times.length - 1].toFixed(0)} ms)`);
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
