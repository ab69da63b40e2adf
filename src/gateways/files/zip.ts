/** Zip archives (.xlsx, .ods, SIECLE exports) opened with JSZip, with their parts' sizes checked before reading. */
import JSZip from 'jszip';
import { UnusableInputError } from '../../core/diagnostics';
import { checkPartSize } from './limits';

/**
 * Uncompressed size announced by the archive for one part. JSZip keeps it on a private field; it checks
 * the inflated data against it, so a part cannot grow past what it announced.
 */
function archivePartSize(entry: JSZip.JSZipObject): number {
  const data = (entry as unknown as { _data?: { uncompressedSize?: number } })._data;
  return typeof data?.uncompressedSize === 'number' ? data.uncompressedSize : 0;
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
    return await entry.async(as);
  } catch {
    throw new UnusableInputError(
      `« ${fileName} » est abîmé : la partie « ${entry.name} » de l'archive ne se décompresse pas. Copiez de nouveau le fichier d'origine, ou ouvrez-le dans Excel ou LibreOffice Calc et enregistrez-le de nouveau.`,
    );
  }
}
