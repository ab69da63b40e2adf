/**
 * Whole-process bench of `pilote-ap generate` at every school size: the demo (example workbook,
 * 195 pupils), then generated schools of 1,800 to 20,000 pupils, each in a fresh Node process of the
 * compiled command line, timed from spawn to exit with its peak memory, and compared to a bare
 * `node -e 0` measured in the same run (elapsed and processor time: on a loaded machine the elapsed
 * time grows with the other processes, the processor time does not). Then a single 50,000-row sheet
 * written into the example.
 * Run alone: `node --import tsx scripts/bench/schools.ts`.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { buildLargeSchool } from '../../src/core/example';
import { gridToSpec } from '../../src/core/render/specToGrid';
import type { SheetSpec } from '../../src/core/render/sheetSpec';
import { writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { figure } from './figures';

const MEASURE = fileURLToPath(new URL('./measure.mjs', import.meta.url));
const EXAMPLE = fileURLToPath(new URL('../../examples/lycee-exemple.xlsx', import.meta.url));
const SIZES = [1_800, 2_000, 3_000, 10_000, 20_000];
const DATE = '2026-11-20';

function median(values: number[]): number {
  return [...values].sort((a, b) => a - b)[Math.floor(values.length / 2)];
}

interface Run {
  /** Elapsed, from spawn to exit. */
  ms: number;
  /** Processor time of the process (user + system). */
  cpuMs: number;
  peakMB: number;
}

function nodeBare(dir: string, runs = 7): Run {
  const usageFile = join(dir, 'usage-bare');
  const all = Array.from({ length: runs }, () => {
    const start = performance.now();
    execFileSync(process.execPath, ['-e', USAGE_SCRIPT, usageFile], { stdio: 'ignore' });
    const ms = performance.now() - start;
    const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRSS: number };
    return { ms, cpuMs: usage.cpuMs, peakMB: usage.maxRSS / 1024 };
  });
  return { ms: median(all.map((r) => r.ms)), cpuMs: median(all.map((r) => r.cpuMs)), peakMB: median(all.map((r) => r.peakMB)) };
}

/** `node -e 0` that also writes its processor time and peak memory, as measure.mjs does. */
const USAGE_SCRIPT =
  "const u = process.resourceUsage(); require('node:fs').writeFileSync(process.argv[1], JSON.stringify({ maxRSS: u.maxRSS, cpuMs: (u.userCPUTime + u.systemCPUTime) / 1000 }))";

/** One `pilote-ap generate` in a fresh process: wall time and peak resident memory. */
function generateOnce(input: string, output: string, dir: string): Run {
  const usageFile = join(dir, 'usage');
  const start = performance.now();
  const child = spawnSync(process.execPath, [MEASURE, 'generate', input, '-o', output, '--date', DATE], {
    // The diagnostics of a large school run to megabytes: not kept.
    stdio: 'ignore',
    env: { ...process.env, PILOTE_AP_BENCH_USAGE: usageFile },
  });
  const ms = performance.now() - start;
  if (child.status !== 0) throw new Error(`pilote-ap generate ${input} : code ${child.status ?? child.signal}`);
  const usage = JSON.parse(readFileSync(usageFile, 'utf8')) as { cpuMs: number; maxRSS: number };
  return { ms, cpuMs: usage.cpuMs, peakMB: usage.maxRSS / 1024 };
}

function generateMedian(input: string, output: string, dir: string, runs: number): Run {
  const all = Array.from({ length: runs }, () => generateOnce(input, output, dir));
  return { ms: median(all.map((r) => r.ms)), cpuMs: median(all.map((r) => r.cpuMs)), peakMB: Math.max(...all.map((r) => r.peakMB)) };
}

function record(key: string, run: Run, bare: Run): void {
  figure(`${key}Ms`, run.ms, 'ms');
  figure(`${key}Ratio`, run.ms / bare.ms, '×');
  figure(`${key}CpuMs`, run.cpuMs, 'ms');
  figure(`${key}CpuRatio`, run.cpuMs / bare.cpuMs, '×');
  figure(`${key}PeakMB`, run.peakMB, 'MB');
}

/** A 50,000-row output sheet as the core writes them: header, table, banded styles, a formula per row. */
function largeSheet(rows: number): SheetSpec {
  const cells: SheetSpec['cells'] = [['Pilote AP · feuille de 50 000 lignes'], ['Élève', 'Classe', 'Atelier', 'Heures', 'Total', 'Verrou']];
  for (let r = 0; r < rows; r++) {
    cells.push([`NOM${r} Prénom`, `2PRO${r % 40}`, `Atelier ${r % 12}`, (r % 7) + 0.5, { formula: `=D${r + 3}*2`, value: ((r % 7) + 0.5) * 2 }, r % 5 ? '' : 'oui']);
  }
  return {
    name: 'AP Grande feuille',
    role: 'output',
    cells,
    columnWidths: [24, 10, 14, 8, 8, 8],
    tables: [{ name: 'AP_Grande', range: { row: 1, col: 0, rowCount: rows + 1, colCount: 6 }, style: 'TableStyleMedium2' }],
    styles: [
      { range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, style: { bold: true, fontSize: 14 } },
      { range: { row: 2, col: 3, rowCount: rows, colCount: 2 }, style: { numberFormat: '0.0" h"' } },
      ...Array.from({ length: rows / 2 }, (_, i) => ({ range: { row: 2 + 2 * i, col: 0, rowCount: 1, colCount: 6 }, style: { fill: '#F2F2F2', border: true } })),
    ],
    conditionalFormats: [{ range: { row: 2, col: 3, rowCount: rows, colCount: 1 }, operator: 'greaterThan', value: 6, style: { fill: '#FFC7CE' } }],
    validations: [{ range: { row: 2, col: 5, rowCount: rows, colCount: 1 }, values: ['oui', 'toujours', ''] }],
    freeze: { rows: 2, cols: 0 },
    print: { paper: 'A4', fitToWidth: true, footer: true, repeatRows: { first: 1, last: 1 } },
  };
}

export async function bench(): Promise<void> {
  console.log('Génération complète par la ligne de commande compilée, processus entier (lecture, moteur, écriture du classeur)');
  execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit' });
  const dir = mkdtempSync(join(tmpdir(), 'pilote-ap-schools-'));
  try {
    const bare = nodeBare(dir);
    record('schools.nodeBare', bare, bare);
    console.log(`  node -e 0 : ${bare.ms.toFixed(0)} ms écoulées, ${bare.cpuMs.toFixed(0)} ms de processeur, pic ${bare.peakMB.toFixed(0)} Mo`);
    const line = (label: string, run: Run) =>
      console.log(
        `  ${label.padEnd(18)} ${(run.ms / 1000).toFixed(2).padStart(6)} s (${(run.ms / bare.ms).toFixed(1).padStart(5)} × node -e 0)` +
          `  processeur ${(run.cpuMs / 1000).toFixed(2).padStart(6)} s (${(run.cpuMs / bare.cpuMs).toFixed(1).padStart(5)} ×)  pic ${run.peakMB.toFixed(0).padStart(5)} Mo`,
      );

    const demo = generateMedian(EXAMPLE, join(dir, 'demo.xlsx'), dir, 3);
    record('schools.demo', demo, bare);
    line('démo (195 élèves)', demo);

    const perPupil = new Map<number, { ms: number; cpuMs: number }>();
    for (const pupils of SIZES) {
      const input = join(dir, `lycee-${pupils}.xlsx`);
      writeFileSync(input, await writeXlsx(buildLargeSchool(pupils).grids.map(gridToSpec)));
      const run = generateOnce(input, join(dir, `sortie-${pupils}.xlsx`), dir);
      record(`schools.pupils${pupils}`, run, bare);
      perPupil.set(pupils, { ms: (run.ms - bare.ms) / pupils, cpuMs: (run.cpuMs - bare.cpuMs) / pupils });
      line(`${pupils.toLocaleString('fr-FR')} élèves`, run);
    }
    const [small, large] = [perPupil.get(2_000)!, perPupil.get(20_000)!];
    figure('schools.perPupil20000Over2000', large.ms / small.ms, '×');
    figure('schools.perPupilCpu20000Over2000', large.cpuMs / small.cpuMs, '×');
    console.log(`  temps par élève à 20 000 / à 2 000 (node -e 0 déduit) : ${(large.ms / small.ms).toFixed(2)} × écoulé, ${(large.cpuMs / small.cpuMs).toFixed(2)} × processeur`);

    const base = new Uint8Array(readFileSync(EXAMPLE));
    const spec = largeSheet(50_000);
    const start = performance.now();
    const written = await writeXlsx([spec], base);
    const sheetMs = figure('schools.sheet50000RowsMs', performance.now() - start, 'ms');
    console.log(`  feuille de 50 000 lignes × 6 colonnes écrite dans le classeur d'exemple : ${(sheetMs / 1000).toFixed(2)} s (${(written.length / 1024 / 1024).toFixed(1)} Mo)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (import.meta.url === `file://${process.argv[1]}`) await bench();
