/**
 * The preview build the browser tests and the bench run against: `webpack --mode production
 * --env preview` into dist-preview/, reused while no source is newer than it.
 */
import { spawnSync } from 'node:child_process';
import { existsSync, readdirSync, statSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';

export const ROOT = path.resolve(path.dirname(fileURLToPath(import.meta.url)), '../..');
export const PREVIEW_DIST = path.join(ROOT, 'dist-preview');
const INPUTS = ['src', 'assets', 'webpack.config.js', 'manifest.xml', 'package.json', 'tsconfig.json'];

function newestMtime(target: string): number {
  if (!existsSync(target)) return 0;
  const stat = statSync(target);
  if (!stat.isDirectory()) return stat.mtimeMs;
  let newest = stat.mtimeMs;
  for (const entry of readdirSync(target)) newest = Math.max(newest, newestMtime(path.join(target, entry)));
  return newest;
}

export function previewIsFresh(): boolean {
  const page = path.join(PREVIEW_DIST, 'taskpane.html');
  if (!existsSync(page)) return false;
  const built = statSync(page).mtimeMs;
  return INPUTS.every((input) => newestMtime(path.join(ROOT, input)) <= built);
}

/**
 * Build the preview unless a fresh one is there. E2E_REBUILD=1 forces a build; E2E_REUSE=1 takes
 * whatever dist-preview/ holds (a build made by hand). Returns the folder.
 */
export function ensurePreviewBuild(log: (line: string) => void = console.log): string {
  if (process.env.E2E_REUSE === '1' && existsSync(path.join(PREVIEW_DIST, 'taskpane.html'))) {
    log('build: dist-preview/ réutilisé tel quel (E2E_REUSE=1)');
    return PREVIEW_DIST;
  }
  if (process.env.E2E_REBUILD !== '1' && previewIsFresh()) {
    log('build: dist-preview/ à jour, réutilisé');
    return PREVIEW_DIST;
  }
  log('build: webpack --mode production --env preview …');
  const started = Date.now();
  const result = spawnSync(process.execPath, [path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js'), '--mode', 'production', '--env', 'preview'], {
    cwd: ROOT,
    encoding: 'utf8',
    maxBuffer: 64 * 1024 * 1024,
  });
  if (result.status !== 0) {
    // webpack repeats each error with a long stack: its first lines say what is wrong.
    const errors = `${result.stdout}\n${result.stderr}`.split('\n').filter((line) => /ERROR|Error:|error TS/.test(line));
    throw new Error(`La construction de l’aperçu a échoué :\n${[...new Set(errors)].slice(0, 20).join('\n')}`);
  }
  log(`build: terminé en ${((Date.now() - started) / 1000).toFixed(1)} s`);
  return PREVIEW_DIST;
}
