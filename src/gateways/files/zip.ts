/** Zip archives (.xlsx, .ods, SIECLE exports) opened with JSZip, with their parts' sizes checked before reading. */
import JSZip from 'jszip';
import { UnusableInputError } from '../../core/diagnostics';
import { checkPartSize } from './limits';

/** What JSZip keeps, on a private field, of a part of a loaded archive. */
interface StoredPart {
  uncompressedSize?: number;
  compressedContent?: unknown;
  compression?: { magic?: string };
}

function storedPart(entry: JSZip.JSZipObject): StoredPart | undefined {
  return (entry as unknown as { _data?: StoredPart })._data;
}

/**
 * Uncompressed size announced by the archive for one part. JSZip checks the inflated data against it,
 * so a part cannot grow past what it announced.
 */
function archivePartSize(entry: JSZip.JSZipObject): number {
  const size = storedPart(entry)?.uncompressedSize;
  return typeof size === 'number' ? size : 0;
}

const DEFLATE = '\x08\x00';

/**
 * A deflated part inflated by the platform's own DecompressionStream (browsers, Node 20): several
 * times faster than JSZip's JavaScript inflate on the tens of megabytes of a large sheet. Null when
 * the part is not in that form, so that JSZip reads it.
 */
async function inflateNatively(entry: JSZip.JSZipObject): Promise<Uint8Array | null> {
  const part = storedPart(entry);
  if (typeof DecompressionStream !== 'function' || part?.compression?.magic !== DEFLATE || !(part.compressedContent instanceof Uint8Array)) return null;
  const expected = part.uncompressedSize ?? 0;
  const reader = new Blob([part.compressedContent as Uint8Array<ArrayBuffer>]).stream().pipeThrough(new DecompressionStream('deflate-raw')).getReader();
  const bytes = new Uint8Array(expected);
  let length = 0;
  for (let chunk = await reader.read(); !chunk.done; chunk = await reader.read()) {
    // A part that inflates past the size it announced is stopped there, not held in memory.
    if (length + chunk.value.length > expected) {
      await reader.cancel();
      throw new Error('part larger than announced');
    }
    bytes.set(chunk.value, length);
    length += chunk.value.length;
  }
  if (length !== expected) throw new Error('part smaller than announced');
  return bytes;
}

/** The archive, or null when the bytes are not a readable zip. */
export async function loadZip(bytes: Uint8Array): Promise<JSZip | null> {
  try {
    return await JSZip.loadAsync(bytes);
  } catch {
    return null;
  }
}

/** One part of an archive, its size checked first; a damaged part is a French message naming the file. */
export async function readZipEntry(entry: JSZip.JSZipObject, fileName: string, as: 'string'): Promise<string>;
export async function readZipEntry(entry: JSZip.JSZipObject, fileName: string, as: 'uint8array'): Promise<Uint8Array>;
export async function readZipEntry(entry: JSZip.JSZipObject, fileName: string, as: 'string' | 'uint8array'): Promise<string | Uint8Array> {
  checkPartSize(archivePartSize(entry), fileName, entry.name);
  try {
    const native = await inflateNatively(entry);
    if (!native) return await entry.async(as);
    return as === 'string' ? new TextDecoder('utf-8').decode(native) : native;
  } catch {
    throw new UnusableInputError(
      `« ${fileName} » est abîmé : la partie « ${entry.name} » de l'archive ne se décompresse pas. Copiez de nouveau le fichier d'origine, ou ouvrez-le dans Excel ou LibreOffice Calc et enregistrez-le de nouveau.`,
    );
  }
}
