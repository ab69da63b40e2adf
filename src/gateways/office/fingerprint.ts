/**
 * Content fingerprints of the AP sheets. Each sheet the gateway writes carries the fingerprint of its
 * spec in a worksheet custom property (ExcelApi 1.12, invisible to the coordinator, kept when the
 * sheet is renamed). The next read loads it with the sheet's outline, and a regeneration whose spec
 * has the same fingerprint leaves that sheet as it is instead of sending it to Excel again: for 2,000
 * pupils the printable follow-up sheets alone weigh several megabytes per write.
 *
 * What the teams typed is part of the spec (it is read back and written again), so a typed change
 * makes a new fingerprint and the sheet is rewritten.
 */
import type { SheetSpec } from '../../core/render/sheetSpec';

/** Key of the worksheet custom property that holds the fingerprint. */
export const FINGERPRINT_KEY = 'PiloteAP.empreinte';

/**
 * Bumped whenever the way a spec becomes Office.js calls changes (formats, layout...): a sheet
 * written by an older version is then rewritten once even though its spec did not change.
 */
const WRITE_PLAN_VERSION = 1;

/** Two independent 32-bit FNV-1a lanes over the UTF-16 code units: 16 hex digits. */
function fnv1a64(text: string): string {
  let low = 0x811c9dc5;
  let high = 0x050c5d1f;
  for (let i = 0; i < text.length; i++) {
    const unit = text.charCodeAt(i);
    low = Math.imul(low ^ unit, 0x01000193);
    high = Math.imul(high ^ unit, 0x01000193) ^ (low >>> 15);
  }
  const hex = (n: number) => (n >>> 0).toString(16).padStart(8, '0');
  return hex(high) + hex(low);
}

/** The fingerprint of what writing `spec` would put in Excel. */
export function specFingerprint(spec: SheetSpec): string {
  return `v${WRITE_PLAN_VERSION}-${fnv1a64(JSON.stringify(spec))}`;
}
