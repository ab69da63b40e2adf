/**
 * `npm run bench:profile -- [pupils]`: where the time goes in one `pilote-ap generate` of a generated
 * school (default 10,000 pupils). Runs the compiled command line under `node --cpu-prof`, then prints
 * the functions with the most samples, by own time and including what they call (garbage collection
 * is its own line). The profile stays in out/profile/ for Chrome DevTools or VS Code.
 */
import { execFileSync, spawnSync } from 'node:child_process';
import { mkdirSync, readdirSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { buildLargeSchool } from '../../src/core/example';
import { gridToSpec } from '../../src/core/render/specToGrid';
import { writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';

interface ProfileNode {
  id: number;
  callFrame: { functionName: string; url: string; lineNumber: number };
  children?: number[];
}

const pupils = Number(process.argv[2] ?? 10_000);
const dir = 'out/profile';
rmSync(dir, { recursive: true, force: true });
mkdirSync(dir, { recursive: true });
execFileSync('npm', ['run', '--silent', 'build:cli'], { stdio: 'inherit' });
const input = join(dir, `lycee-${pupils}.xlsx`);
writeFileSync(input, await writeXlsx(buildLargeSchool(pupils).grids.map(gridToSpec)));
spawnSync(process.execPath, ['--cpu-prof', `--cpu-prof-dir=${dir}`, 'bin/pilote-ap.mjs', 'generate', input, '-o', join(dir, 'sortie.xlsx'), '--date', '2026-11-20'], { stdio: 'ignore' });

const file = readdirSync(dir).find((name) => name.endsWith('.cpuprofile'))!;
const profile = JSON.parse(readFileSync(join(dir, file), 'utf8')) as { nodes: ProfileNode[]; samples: number[]; startTime: number; endTime: number };
const nodes = new Map(profile.nodes.map((node) => [node.id, node]));
const parent = new Map<number, number>();
for (const node of profile.nodes) for (const child of node.children ?? []) parent.set(child, node.id);
const label = (node: ProfileNode) => `${node.callFrame.functionName || '(anonyme)'} ${node.callFrame.url.split('/').slice(-2).join('/')}:${node.callFrame.lineNumber + 1}`;
const own = new Map<string, number>();
const inclusive = new Map<string, number>();
for (const sample of profile.samples) {
  const leaf = nodes.get(sample)!;
  own.set(label(leaf), (own.get(label(leaf)) ?? 0) + 1);
  const seen = new Set<string>();
  for (let id: number | undefined = sample; id !== undefined; id = parent.get(id)) {
    const name = label(nodes.get(id)!);
    if (!seen.has(name)) inclusive.set(name, (inclusive.get(name) ?? 0) + 1);
    seen.add(name);
  }
}
const top = (counts: Map<string, number>, n: number) =>
  [...counts]
    .sort((a, b) => b[1] - a[1])
    .slice(0, n)
    .map(([name, count]) => `  ${((100 * count) / profile.samples.length).toFixed(1).padStart(5)} %  ${name}`)
    .join('\n');
console.log(`Profil de pilote-ap generate, ${pupils} élèves : ${((profile.endTime - profile.startTime) / 1e6).toFixed(1)} s, ${profile.samples.length} échantillons (${join(dir, file)})`);
console.log(`Temps propre\n${top(own, 20)}\nTemps inclusif (avec les appelés)\n${top(inclusive, 30)}`);
