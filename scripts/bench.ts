/**
 * `npm run bench`: speed figures of the engine on this machine (median of several runs). Figures are
 * printed, never asserted: tests stay free of timing. Every printed figure also goes to out/bench.json.
 */
import { buildLargeSchool } from '../src/core/example';
import { generate } from '../src/core/pipeline';
import { figure, writeFigures } from './bench/figures';

const RUNS = 5;

async function median(task: () => Promise<unknown>, runs = RUNS): Promise<number> {
  const times: number[] = [];
  for (let i = 0; i < runs; i++) {
    const start = performance.now();
    await task();
    times.push(performance.now() - start);
  }
  times.sort((a, b) => a - b);
  return times[Math.floor(times.length / 2)];
}

async function benchPipeline(): Promise<void> {
  console.log('Pipeline complet (lecture -> besoins -> groupes -> heures -> indicateurs -> feuilles)');
  for (const size of [200, 2000]) {
    const snapshot = buildLargeSchool(size);
    const first = await generate(snapshot, { today: '2026-11-22' });
    const ms = figure(`pipeline.pupils${size}Ms`, await median(() => generate(snapshot, { today: '2026-11-22' })), 'ms');
    console.log(`  ${String(first.summary.pupilsRead).padStart(5)} élèves : ${ms.toFixed(1)} ms (médiane de ${RUNS})`);
  }
}

/** Each area's own figures (scripts/bench/<area>.ts), in the order a coordinator's run goes. */
const AREAS = ['reader', 'misread', 'memory', 'planner', 'office', 'consolidate', 'pane', 'app', 'cli', 'schools'];

await benchPipeline();
/** Figures an area returns (besides printing them), one key per area, in out/bench.json. */
const figures: Record<string, unknown> = {};
for (const area of AREAS) {
  const module = (await import(`./bench/${area}.ts`)) as { bench: () => Promise<unknown> };
  console.log('');
  const result = await module.bench();
  if (result !== undefined) figures[area] = result;
}
writeFigures(figures);
