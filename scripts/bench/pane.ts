/**
 * Task pane figures: initial JavaScript (gzipped) of the production preview build, the chunks loaded
 * on demand, and the first render time in headless chromium (median of cold loads). Printed, never
 * asserted. Targets (issue 7): initial JS <= 300 KB gzipped, first render < 1 s.
 */
import { readdirSync, readFileSync } from 'node:fs';
import path from 'node:path';
import { gzipSync } from 'node:zlib';
import { launchChromium } from '../../test/e2e/browser';
import { ensurePreviewBuild } from '../../test/e2e/build';
import { serveStatic } from '../../test/e2e/server';
import { figure } from './figures';

const RUNS = 5;
const KB = 1024;

export function gzipSize(file: string): number {
  return gzipSync(readFileSync(file), { level: 9 }).length;
}

export function kb(bytes: number): string {
  return `${(bytes / KB).toFixed(1)} Ko`;
}

export function median(values: number[]): number {
  const sorted = [...values].sort((a, b) => a - b);
  return sorted[Math.floor(sorted.length / 2)];
}

/** Scripts a page (the pane's by default) loads before anything else, except office.js (Microsoft's CDN in production). */
export function initialScripts(dist: string, page = 'taskpane.html'): string[] {
  const html = readFileSync(path.join(dist, page), 'utf8');
  // The production HTML is minified: attribute quotes may be gone.
  return [...html.matchAll(/<script[^>]*\ssrc=["']?([^"' >]+)/g)].map((m) => m[1]).filter((src) => !/office-js\/|appsforoffice/.test(src));
}

interface LoadTimes {
  firstRender: number;
  ready: number;
  sources: number;
}

async function measureLoads(origin: string): Promise<LoadTimes[]> {
  const browser = await launchChromium();
  const times: LoadTimes[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 360, height: 800 } }); // cold cache each time
      const page = await context.newPage();
      await page.goto(`${origin}/taskpane.html`);
      const start = page.getByRole('button', { name: /Essayer avec le classeur/ });
      await start.waitFor();
      const marks = await page.evaluate(() => ({
        firstRender: performance.getEntriesByName('pilote:first-render')[0]?.startTime ?? NaN,
        ready: performance.getEntriesByName('pilote:ready')[0]?.startTime ?? NaN,
      }));
      const clicked = Date.now();
      await start.click();
      await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor();
      times.push({ ...marks, sources: Date.now() - clicked });
      await context.close();
    }
  } finally {
    await browser.close();
  }
  return times;
}

export async function bench(): Promise<void> {
  console.log('Volet Office (build de prévisualisation en mode production, Chromium headless)');
  const dist = ensurePreviewBuild((line) => console.log(`  ${line}`));

  const initial = initialScripts(dist);
  const initialGzip = initial.reduce((sum, src) => sum + gzipSize(path.join(dist, src)), 0);
  figure('pane.initialJsGzipKB', initialGzip / 1024, 'KB');
  console.log(`  JavaScript initial : ${kb(initialGzip)} gzip (${initial.length} fichiers ; objectif <= 300 Ko)`);
  const chunkDir = path.join(dist, 'chunks');
  const lazy = readdirSync(chunkDir).filter((f) => f.endsWith('.js'));
  const lazyLine = lazy
    .map((f) => ({ name: f.replace(/\.[0-9a-f]{8}\.js$/, ''), size: gzipSize(path.join(chunkDir, f)) }))
    .sort((a, b) => b.size - a.size)
    .map((c) => `${c.name} ${kb(c.size)}`)
    .join(', ');
  console.log(`  Chargé à la demande (gzip) : ${lazyLine}`);

  const server = await serveStatic(dist);
  try {
    const loads = await measureLoads(server.origin);
    const first = median(loads.map((l) => l.firstRender));
    const ready = median(loads.map((l) => l.ready));
    const sources = median(loads.map((l) => l.sources));
    figure('pane.firstRenderMs', first, 'ms');
    figure('pane.readyMs', ready, 'ms');
    figure('pane.exampleAnalysedMs', sources, 'ms');
    console.log(`  Premier affichage : ${first.toFixed(0)} ms (médiane de ${RUNS} chargements à froid ; objectif < 1000 ms)`);
    console.log(`  Volet prêt (office.js consulté, accueil affiché) : ${ready.toFixed(0)} ms`);
    console.log(`  Classeur d’exemple lu et analysé après le clic : ${sources.toFixed(0)} ms`);
  } finally {
    await server.close();
  }
}
