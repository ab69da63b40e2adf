/**
 * The build a school deploys: `PILOTE_AP_URL=https://… npm run build`. Runs the real webpack production
 * build into a temporary folder, then checks what Office will load: no localhost anywhere, a manifest
 * that validates against the add-in schemas, and scripts that ES2017 webviews can parse.
 */
import { execFile } from 'node:child_process';
import { mkdtemp, readdir, readFile, rm } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import path from 'node:path';
import { promisify } from 'node:util';
import { parse } from 'acorn';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
// @ts-expect-error plain ES module of the build, without types
import { deploymentBase, rewriteManifest } from '../../scripts/deploymentUrl.mjs';

const run = promisify(execFile);
const ROOT = path.resolve(__dirname, '../..');
const BASE = 'https://ent.lycee-exemple.fr/outils/pilote-ap';
let out = '';
let buildLog = '';

async function filesUnder(folder: string): Promise<string[]> {
  const entries = await readdir(folder, { withFileTypes: true });
  const nested = await Promise.all(entries.map((e) => (e.isDirectory() ? filesUnder(path.join(folder, e.name)) : [path.join(folder, e.name)])));
  return nested.flat();
}

describe('production build for a school (PILOTE_AP_URL)', () => {
  beforeAll(async () => {
    out = await mkdtemp(path.join(tmpdir(), 'pilote-ap-dist-'));
    const webpack = path.join(ROOT, 'node_modules/webpack-cli/bin/cli.js');
    const result = await run(process.execPath, [webpack, '--mode', 'production', '--env', `outputPath=${out}`], {
      cwd: ROOT,
      env: { ...process.env, PILOTE_AP_URL: `${BASE}/` },
      maxBuffer: 64 * 1024 * 1024,
    });
    buildLog = result.stdout;
  }, 240_000);

  afterAll(async () => {
    if (out) await rm(out, { recursive: true, force: true });
  });

  it('says which address it was built for', () => {
    expect(buildLog).toContain(`build pour ${BASE}`);
  });

  it('leaves no localhost in any emitted file', async () => {
    const files = await filesUnder(out);
    expect(files.some((f) => f.endsWith('manifest.xml'))).toBe(true);
    for (const file of files.filter((f) => /\.(js|html|xml|json|css)$/.test(f))) {
      expect(await readFile(file, 'utf8'), file).not.toMatch(/localhost/i);
    }
  });

  it('gives each page a Content-Security-Policy: own site only, office.js from Microsoft’s CDN for the pane', async () => {
    const policyOf = async (page: string) => /<meta http-equiv="Content-Security-Policy" content="([^"]+)"/.exec(await readFile(path.join(out, page), 'utf8'))?.[1] ?? '';
    for (const page of ['index.html', 'taskpane.html', 'commands.html']) {
      const policy = await policyOf(page);
      expect(policy, page).toMatch(/default-src 'self'/);
      expect(policy, page).toMatch(/connect-src 'self'(;|$)/);
      expect(policy, page).not.toMatch(/script-src[^;]*'unsafe-(inline|eval)'/);
    }
    expect(await policyOf('index.html')).not.toMatch(/appsforoffice/);
    expect(await policyOf('taskpane.html')).toMatch(/script-src 'self' 'wasm-unsafe-eval' https:\/\/appsforoffice\.microsoft\.com(;| )/);
  });

  it('writes every manifest URL on the school address, AppDomain on its origin', async () => {
    const manifest = await readFile(path.join(out, 'manifest.xml'), 'utf8');
    const urls = [...manifest.matchAll(/DefaultValue="(https?:[^"]+)"/g)].map((m) => m[1]);
    expect(urls.length).toBeGreaterThanOrEqual(12);
    for (const url of urls) expect(url.startsWith(`${BASE}/`), url).toBe(true);
    expect(manifest).toContain('<AppDomain>https://ent.lycee-exemple.fr</AppDomain>');
  });

  it('validates the built manifest with the Office schemas (npm run validate)', async () => {
    const result = await run('bash', [path.join(ROOT, 'scripts/validate-manifest.sh'), path.join(out, 'manifest.xml')], { cwd: ROOT });
    expect(result.stdout + result.stderr).toMatch(/validates/);
  });

  it('emits only scripts an ES2017 webview can parse, with the ES5 check first on each page', async () => {
    const files = await filesUnder(out);
    const scripts = files.filter((f) => f.endsWith('.js'));
    expect(scripts.length).toBeGreaterThan(3);
    for (const file of scripts) {
      const ecmaVersion = file.endsWith('legacy-check.js') ? 5 : 2017;
      const source = await readFile(file, 'utf8');
      expect(() => parse(source, { ecmaVersion, sourceType: 'script' }), file).not.toThrow();
    }
    for (const page of ['taskpane.html', 'commands.html']) {
      const html = await readFile(path.join(out, page), 'utf8');
      const sources = [...html.matchAll(/<script[^>]*src="([^"]+)"/g)].map((m) => m[1]);
      const firstBundle = sources.findIndex((s) => !s.includes('office.js'));
      expect(sources[firstBundle], page).toBe('legacy-check.js');
    }
  });
});

describe('deployment address', () => {
  it('is absent for a development build and normalised otherwise', () => {
    expect(deploymentBase('')).toBeNull();
    expect(deploymentBase(undefined)).toBeNull();
    expect(deploymentBase(' https://a.fr/x/ ')).toBe('https://a.fr/x');
  });

  it('refuses what Office could not load, in French', () => {
    expect(() => deploymentBase('http://a.fr')).toThrow(/https:\/\//);
    expect(() => deploymentBase('pas une adresse')).toThrow(/n’est pas une adresse/);
    expect(() => deploymentBase('https://localhost:8443')).toThrow(/cette machine/);
    expect(() => deploymentBase('https://a.fr/?x=1')).toThrow(/ni « \? »/);
  });

  it('fails when a localhost address would remain in the manifest', () => {
    const manifest = '<SourceLocation DefaultValue="https://localhost:3000/taskpane.html"/>\n<bt:Url DefaultValue="https://localhost:8080/x"/>';
    expect(() => rewriteManifest(manifest, 'https://a.fr')).toThrow(/localhost/);
    expect(rewriteManifest('<AppDomain>https://localhost:3000</AppDomain>', 'https://a.fr/p')).toBe('<AppDomain>https://a.fr</AppDomain>');
  });
});

describe('npm run validate', () => {
  const script = path.join(ROOT, 'scripts/validate-manifest.sh');
  const failure = (args: string[], env: NodeJS.ProcessEnv = {}) =>
    run('bash', [script, ...args], { cwd: ROOT, env: { ...process.env, ...env } }).then(
      () => null,
      (error: { code?: number; stderr?: string }) => error,
    );

  it('fails loudly when there is no built manifest to check', async () => {
    const error = await failure([path.join(tmpdir(), 'absent-pilote-ap', 'manifest.xml')]);
    expect(error?.code).toBe(1);
    expect(error?.stderr).toMatch(/introuvable.*npm run build/);
  });

  it('fails loudly when the validator cannot run, instead of passing', async () => {
    const error = await failure([path.join(ROOT, 'manifest.xml')], { PILOTE_AP_MANIFEST_VALIDATOR: '/nonexistent/validate-manifest' });
    expect(error?.code).toBe(1);
    expect(error?.stderr).toMatch(/N'A PAS été vérifié/);
  });
});
