/**
 * Consolidation bench: 300 establishments' exports (generated schools, written as .xlsx and as .csv
 * beforehand), merged as `pilote-ap consolidate` does: read every file, merge, write the académie
 * workbook. Median of a few runs.
 */
import { consolidateExports, parseCsv, type ExportSource } from '../../src/core/export';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { generateExports } from '../../test/core/export/randomExports';
import { figure } from './figures';

const ESTABLISHMENTS = 300;
const RUNS = 3;

async function median(task: () => Promise<void>): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < RUNS; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  return times.sort((a, b) => a - b)[Math.floor(RUNS / 2)];
}

export async function bench(): Promise<void> {
  console.log(`Consolidation académique de ${ESTABLISHMENTS} exports (lecture + fusion + écriture du classeur)`);
  const exports = generateExports(ESTABLISHMENTS);
  const xlsxFiles = await Promise.all(exports.map((e) => writeXlsx(e.specs)));
  const csvFiles = exports.map((e) => new TextEncoder().encode(e.csv));

  let sheets = 0;
  const run = async (read: (i: number) => Promise<ExportSource>) => {
    const sources: ExportSource[] = [];
    for (let i = 0; i < ESTABLISHMENTS; i++) sources.push(await read(i));
    const result = consolidateExports(sources);
    if (result.accepted.length !== ESTABLISHMENTS) throw new Error(`${result.rejected.length} exports rejetés dans le bench`);
    sheets = result.specs.length;
    await writeXlsx(result.specs);
  };
  const fromXlsx = await median(() => run(async (i) => ({ fileName: `${i}.xlsx`, grids: (await readXlsx(xlsxFiles[i])).grids })));
  const fromCsv = await median(() =>
    run(async (i) => ({ fileName: `${i}.csv`, grids: [{ sheet: 'csv', origin: { row: 0, col: 0 }, values: parseCsv(new TextDecoder().decode(csvFiles[i])) }] })),
  );
  figure('consolidate.xlsx300Ms', fromXlsx, 'ms');
  figure('consolidate.csv300Ms', fromCsv, 'ms');
  console.log(`  ${ESTABLISHMENTS} exports .xlsx : ${(fromXlsx / 1000).toFixed(2)} s (médiane de ${RUNS}, ${sheets} feuilles écrites)`);
  console.log(`  ${ESTABLISHMENTS} exports .csv  : ${(fromCsv / 1000).toFixed(2)} s (médiane de ${RUNS})`);
}
