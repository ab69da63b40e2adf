import { execFile } from 'node:child_process';
import { copyFile, mkdir, mkdtemp, readFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { beforeAll, describe, expect, it } from 'vitest';

const root = join(__dirname, '../..');
const exec = promisify(execFile);

/** Runs a program and returns its exit code and outputs, whatever the code. */
async function spawn(file: string, args: string[]): Promise<{ code: number; stdout: string; stderr: string }> {
  try {
    const { stdout, stderr } = await exec(file, args, { cwd: root });
    return { code: 0, stdout, stderr };
  } catch (error) {
    const e = error as { code: number; stdout: string; stderr: string };
    return { code: e.code, stdout: e.stdout, stderr: e.stderr };
  }
}

/** Every module the compiled entry loads before running: its static imports, followed. */
async function staticallyLoaded(file: string, seen = new Set<string>()): Promise<string[]> {
  if (seen.has(file)) return [];
  seen.add(file);
  const source = await readFile(file, 'utf8');
  const specifiers = [...source.matchAll(/^import\s[^;]*?from\s*"([^"]+)"|^import\s*"([^"]+)"/gm)].map((m) => m[1] ?? m[2]);
  const found = [...specifiers];
  for (const specifier of specifiers) if (specifier.startsWith('.')) found.push(...(await staticallyLoaded(join(file, '..', specifier), seen)));
  return found;
}

describe('the compiled pilote-ap', () => {
  beforeAll(async () => {
    await exec('npm', ['run', '--silent', 'build:cli'], { cwd: root });
  }, 120_000);

  it('runs through npx and the bin script with the documented exit codes and no stack trace', async () => {
    expect((await spawn('npx', ['--no-install', 'pilote-ap', 'help'])).stdout).toMatch(/pilote-ap generate/);
    const help = await spawn('node', ['bin/pilote-ap.mjs', 'help']);
    expect(help).toMatchObject({ code: 0, stderr: '' });
    const unknown = await spawn('node', ['bin/pilote-ap.mjs', 'generer']);
    expect(unknown.code).toBe(2);
    expect(unknown.stdout).toBe('');
    expect(unknown.stderr).toMatch(/Commande inconnue : « generer »/);
    const missing = await spawn('node', ['bin/pilote-ap.mjs', 'generate', 'absent.xlsx', '-o', join(tmpdir(), 'x.xlsx')]);
    expect(missing.code).toBe(1);
    expect(missing.stderr).toMatch(/^Erreur : Impossible de lire « absent\.xlsx » : « absent\.xlsx » est introuvable/);
    expect(missing.stderr).not.toMatch(/\n\s+at /);
  });

  it('loads no engine, workbook library or TypeScript compiler to print its help', async () => {
    const loaded = await staticallyLoaded(join(root, 'dist-cli/pilote-ap.mjs'));
    expect(loaded.length).toBeGreaterThan(0);
    for (const heavy of ['exceljs', 'jszip', 'saxes', 'tsx', 'highs']) expect(loaded).not.toContain(heavy);
    expect(loaded.every((specifier) => specifier.startsWith('node:') || specifier.startsWith('.'))).toBe(true);
  });

  it('says how to build it when the compiled file is missing', async () => {
    const dir = await mkdtemp(join(tmpdir(), 'pilote-ap-bin-'));
    await mkdir(join(dir, 'bin'));
    await copyFile(join(root, 'bin/pilote-ap.mjs'), join(dir, 'bin/pilote-ap.mjs'));
    const result = await spawn('node', [join(dir, 'bin/pilote-ap.mjs'), 'help']);
    expect(result.code).toBe(1);
    expect(result.stderr).toMatch(/npm run build:cli/);
  });
});
