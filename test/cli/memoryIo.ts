import type { CliIo } from '../../src/cli/io';

/** A command's outside world held in memory: files in a map, stdout and stderr collected. */
export function memoryIo(files: Map<string, Uint8Array>) {
  const out: string[] = [];
  const err: string[] = [];
  const io: CliIo = {
    stdout: (t) => void out.push(t),
    stderr: (t) => void err.push(t),
    readFile: async (path) => {
      const bytes = files.get(path);
      if (!bytes) throw new Error(`ENOENT ${path}`);
      return bytes;
    },
    writeFile: async (path, bytes) => void files.set(path, typeof bytes === 'string' ? new TextEncoder().encode(bytes) : bytes),
    fileIdentity: async (path) => (files.has(path) ? path : null),
  };
  return { io, out, err };
}
