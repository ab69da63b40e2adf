/** Zip archives (.xlsx, .ods, SIECLE exports) opened with JSZip, with their parts' sizes checked before reading. */
import JSZip from 'jszip';

/**
 * Uncompressed size announced by the archive for one part. JSZip keeps it on a private field; it checks
 * the inflated data against it, so a part cannot grow past what it announced.
 */
export function archivePartSize(entry: JSZip.JSZipObject): number {
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
