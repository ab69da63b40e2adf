/**
 * Standalone app figures (index.html of the production preview build): initial JavaScript (gzipped)
 * and first render in headless chromium (median of cold loads), then the time to open a generated
 * workbook of a few hundred pupils. Printed, never asserted. Targets (issue 14): initial JS < 300 KB
 * gzipped, first render < 1 s.
 */
import path from 'node:path';
import { launchChromium } from '../../test/e2e/browser';
import { ensurePreviewBuild } from '../../test/e2e/build';
import { buildSchoolFile } from '../../test/e2e/schoolFile';
import { serveStatic } from '../../test/e2e/server';
import { gzipSize, initialScripts, kb, median } from './pane';

const RUNS = 5;

export async function bench(): Promise<void> {
  console.log('Application sans Excel (index.html, build de prévisualisation en mode production, Chromium headless)');
  const dist = ensurePreviewBuild((line) => console.log(`  ${line}`));
  const initial = initialScripts(dist, 'index.html');
  const initialGzip = initial.reduce((sum, src) => sum + gzipSize(path.join(dist, src)), 0);
  console.log(`  JavaScript initial : ${kb(initialGzip)} gzip (${initial.length} fichiers ; objectif < 300 Ko)`);

  const classes = Array.from({ length: 16 }, (_, i) => `${['2', '1', 'T'][i % 3]} PRO ${String.fromCharCode(65 + i)}`);
  const school = await buildSchoolFile(3, classes);
  const server = await serveStatic(dist);
  const browser = await launchChromium();
  const firstRenders: number[] = [];
  const opens: number[] = [];
  try {
    for (let i = 0; i < RUNS; i++) {
      const context = await browser.newContext({ viewport: { width: 1280, height: 900 }, serviceWorkers: 'block' }); // cold each time
      const page = await context.newPage();
      await page.goto(`${server.origin}/index.html`);
      const open = page.getByRole('button', { name: 'Ouvrir un classeur' });
      await open.waitFor();
      firstRenders.push(await page.evaluate(() => performance.getEntriesByName('pilote:first-render')[0]?.startTime ?? NaN));
      const chooser = page.waitForEvent('filechooser');
      await open.click();
      const started = Date.now();
      await (await chooser).setFiles({ name: 'bench.xlsx', mimeType: 'application/octet-stream', buffer: Buffer.from(school.bytes) });
      await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor({ timeout: 60_000 });
      opens.push(Date.now() - started);
      await context.close();
    }
  } finally {
    await browser.close();
    await server.close();
  }
  console.log(`  Premier affichage : ${median(firstRenders).toFixed(0)} ms (médiane de ${RUNS} chargements à froid ; objectif < 1000 ms)`);
  console.log(`  Classeur de ${school.pupils.length} élèves (${classes.length} feuilles) ouvert, lu et analysé : ${median(opens).toFixed(0)} ms`);
}
