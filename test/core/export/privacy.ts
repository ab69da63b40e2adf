/** Helpers to hunt for personal data in what leaves the establishment. */
import JSZip from 'jszip';
import type { Pupil } from '../../../src/core/model';

/** Every text of an .xlsx package (all parts unzipped). */
export async function xlsxText(bytes: Uint8Array): Promise<string> {
  const zip = await JSZip.loadAsync(bytes);
  const parts = await Promise.all(Object.values(zip.files).filter((f) => !f.dir).map((f) => f.async('string')));
  return parts.join('\n');
}

/** Names and INEs of the pupils found in `text` (whole words, any case; XML escapes undone). */
export function personalDataIn(text: string, pupils: Pupil[]): string[] {
  const folded = text.replace(/&apos;/g, "'").replace(/&amp;/g, '&').normalize('NFC').toLowerCase();
  const hits: string[] = [];
  for (const pupil of pupils) {
    for (const needle of [pupil.lastName, pupil.firstName, pupil.displayName, `${pupil.firstName} ${pupil.lastName}`, pupil.ine ?? '']) {
      if (!needle.trim()) continue;
      const escaped = needle.normalize('NFC').toLowerCase().replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
      if (new RegExp(`(^|[^\\p{L}\\p{N}])${escaped}($|[^\\p{L}\\p{N}])`, 'u').test(folded)) hits.push(needle);
    }
  }
  return hits;
}
