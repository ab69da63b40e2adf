/** What a command needs from the outside world, so that commands can be tested without a process. */
import { randomBytes } from 'node:crypto';
import { mkdir, readFile, realpath, rename, rm, stat, writeFile } from 'node:fs/promises';
import { basename, dirname, join } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics';
import { checkFileSize } from '../gateways/files/limits';
import { fileSystemError } from './fsErrors';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  /** The file's bytes; a failure is an UnusableInputError with a French message. */
  readFile(path: string): Promise<Uint8Array>;
  /** Writes the whole file or nothing (a failure never leaves a half-written file). */
  writeFile(path: string, bytes: Uint8Array | string): Promise<void>;
  /** What identifies the file a path leads to (through links), null when there is none. */
  fileIdentity(path: string): Promise<string | null>;
}

async function readRegularFile(path: string): Promise<Uint8Array> {
  const info = await stat(path).catch((error: unknown) => {
    throw fileSystemError(error, path, 'read');
  });
  if (info.isDirectory()) throw fileSystemError({ code: 'EISDIR' }, path, 'read');
  // A device or a pipe (/dev/zero, a FIFO) could be endless.
  if (!info.isFile()) throw fileSystemError({ code: 'ENOTREGULAR' }, path, 'read');
  checkFileSize(info.size, basename(path));
  try {
    return new Uint8Array(await readFile(path));
  } catch (error) {
    throw fileSystemError(error, path, 'read');
  }
}

/** Write to a temporary file beside the target, then rename it over the target: all or nothing. */
async function writeAtomically(path: string, bytes: Uint8Array | string): Promise<void> {
  const folder = dirname(path);
  const existing = await stat(path).catch(() => null);
  if (existing?.isDirectory()) throw fileSystemError({ code: 'EISDIR' }, path, 'write');
  // Renaming over a device or a pipe would replace it: refuse instead.
  if (existing && !existing.isFile()) throw fileSystemError({ code: 'ENOTREGULAR' }, path, 'write');
  const temporary = join(folder, `.${basename(path)}.${randomBytes(6).toString('hex')}.tmp`);
  try {
    await mkdir(folder, { recursive: true });
    await writeFile(temporary, bytes, { flag: 'wx' });
    await rename(temporary, path);
  } catch (error) {
    await rm(temporary, { force: true }).catch(() => undefined);
    throw fileSystemError(error, path, 'write');
  }
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readFile: readRegularFile,
  writeFile: writeAtomically,
  fileIdentity: async (path) => {
    const info = await stat(path).catch(() => null);
    if (!info) return null;
    // Some network file systems report no inode: the resolved path is the identity there.
    return info.ino ? `${info.dev}:${info.ino}` : `chemin:${await realpath(path)}`;
  },
};

/** Exit codes of every command. */
export const EXIT = { ok: 0, unusableInput: 1, usage: 2 } as const;

const SEVERITY_LABELS = { error: 'Erreur', warning: 'Attention', info: 'Info' } as const;

/** Diagnostics as a readable list on stderr: « Attention — 2MRC!F14 : valeur « AQ » inconnue… ». */
export function printDiagnostics(io: CliIo, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) io.stderr(`${SEVERITY_LABELS[d.severity]} — ${formatDiagnostic(d)}`);
}

/** Notes on how input files were read (« lu comme un fichier CSV… »), on stderr so that --json stays clean. */
export function printNotes(io: CliIo, notes: string[]): void {
  for (const note of notes) io.stderr(`Info — ${note}`);
}
