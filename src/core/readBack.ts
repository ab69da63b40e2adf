/**
 * How much of each AP sheet the engine reads back from a workbook, declared by the domain that writes
 * it. Our sheets are rewritten by every generation: some are read back for what the coordinator and
 * the teams typed in them (locks, hours done, rooms, follow-up) and the history, some are written for
 * reading or printing only and are never read back (their marker alone says they are ours). A sheet no
 * domain declares here (the coordinator's own sheets, and the parameter sheets the coordinator fills
 * in) is read in full: values and structure (hidden rows and columns, formulas, merges).
 * Gateways ask `readBackOf`; they never list AP sheet names themselves.
 */
import { partBase } from './render/sheetSpec';
import { SHEET_NAMES } from './workbook';

/** `values`: read back for their values only; `marker`: only the marker in A1; `full`: values and structure. */
export type ReadBack = 'full' | 'values' | 'marker';

interface DomainReadBack {
  /** Read back for what was typed in them and for the history (exact sheet names). */
  values?: readonly string[];
  /** Never read back; a printable sheet's parts (`AP Fiches (2)`…) count as their sheet. */
  marker?: readonly string[];
}

/** Each domain's own sheets and what the engine needs of them at the next generation. */
const DOMAIN_READ_BACK: Record<'plan' | 'hours' | 'followup' | 'indicators', DomainReadBack> = {
  // The groups (locks, rooms typed in) and the history of past cycles.
  plan: { values: [SHEET_NAMES.groups, SHEET_NAMES.history] },
  // The calendar and the hours done.
  hours: { values: [SHEET_NAMES.calendar, SHEET_NAMES.hours] },
  // The teams' follow-up is read back; the printable sheets and the teams' report are not.
  followup: { values: [SHEET_NAMES.followUp], marker: [SHEET_NAMES.contracts, SHEET_NAMES.attendance, SHEET_NAMES.teamsReport] },
  indicators: { marker: [SHEET_NAMES.indicators] },
};

const domains = Object.values(DOMAIN_READ_BACK);
const VALUES_ONLY: readonly string[] = domains.flatMap((d) => d.values ?? []);
const MARKER_ONLY: readonly string[] = domains.flatMap((d) => d.marker ?? []);

/** What the engine reads back of one of our own sheets (one with our marker), by its name. */
export function readBackOf(ownSheetName: string): ReadBack {
  if (MARKER_ONLY.includes(partBase(ownSheetName))) return 'marker';
  return VALUES_ONLY.includes(ownSheetName) ? 'values' : 'full';
}
