/** What a command needs from the outside world, so that commands can be tested without a process. */
import { mkdir, readFile, writeFile } from 'node:fs/promises';
import { dirname } from 'node:path';
import { formatDiagnostic, type Diagnostic } from '../core/diagnostics';

export interface CliIo {
  stdout(text: string): void;
  stderr(text: string): void;
  readFile(path: string): Promise<Uint8Array>;
  writeFile(path: string, bytes: Uint8Array | string): Promise<void>;
}

export const processIo: CliIo = {
  stdout: (text) => process.stdout.write(text.endsWith('\n') ? text : `${text}\n`),
  stderr: (text) => process.stderr.write(text.endsWith('\n') ? text : `${text}\n`),
  readFile: async (path) => new Uint8Array(await readFile(path)),
  writeFile: async (path, bytes) => {
    await mkdir(dirname(path), { recursive: true });
    await writeFile(path, bytes);
  },
};

/** Exit codes of every command. */
export const EXIT = { ok: 0, unusableInput: 1, usage: 2 } as const;

const SEVERITY_LABELS = { error: 'Erreur', warning: 'Attention', info: 'Info' } as const;

/** Diagnostics as a readable list on stderr: « Attention — 2MRC!F14 : valeur « AQ » inconnue… ». */
export function printDiagnostics(io: CliIo, diagnostics: Diagnostic[]): void {
  for (const d of diagnostics) io.stderr(`${SEVERITY_LABELS[d.severity]} — ${formatDiagnostic(d)}`);
}
