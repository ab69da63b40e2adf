/**
 * Who is who, all year: teachers, barrettes and workshops keep an identifier the coordinator never has
 * to see, so that a rename in the parameter sheets is a rename everywhere (history, hours done, pay
 * status, locks, rooms, calendar, indicators). The identifiers and every name each one had are kept in
 * a discreet table at the foot of `AP Historique`, written at each generation.
 *
 * A row of the parameter sheets is the same teacher (barrette, workshop) as at the last generation when
 * it has the same name (or a name it had before); new names typed between the same two unchanged rows
 * as the names that disappeared there, as many of each, are those rows renamed; a « (à compléter) »
 * placeholder that disappeared is the next new name (placeholders named in their order). Anything else
 * is a new identity: a person who left and one who arrived elsewhere in the list are never merged (a
 * name typed over a leaver's row is taken as a rename, and said). Old workbooks without the table get
 * their identifiers at their first generation.
 */
import { diagnostic, type Diagnostic } from './diagnostics';
import { cellAt, parseA1, type Grid, type WorkbookSnapshot } from './grid';
import type { HistoryEntry, Pin } from './model';
import type { HoursDone, RoomEntry } from './hours/types';
import type { FollowUpRecord } from './followup/types';
import type { FrozenPast } from './hours/frozen';
import { TO_COMPLETE } from './settings/defaults';
import type { Settings } from './settings/settings';
import { findBySheetName } from './sheetNames';
import { cellText, normalizeText } from './text';
import { isOwnSheet, SHEET_NAMES } from './workbook';

export type IdentityKind = 'teacher' | 'slot' | 'workshop';

export interface Identity {
  kind: IdentityKind;
  /** « I3 », « B1 », « A7 »: never shown to decide anything, only to link. */
  id: string;
  /** The name in the parameter sheets now (the last one, for an identity no longer there). */
  name: string;
  /** Every earlier name, oldest first. */
  formerNames: string[];
  /** Row of the parameter sheet at the last generation (1-based), null when unknown. */
  row: number | null;
  /** False once the row is gone from the parameter sheets: its past stays under its last name. */
  active: boolean;
}

export const IDENTITY_TABLE_TITLE = 'Identités des intervenants, barrettes et ateliers (ne pas modifier)';
export const IDENTITY_HEADERS = ['Type', 'Réf.', 'Nom', 'Anciens noms', 'Ligne', 'Présent'] as const;
const KIND_LABELS: Record<IdentityKind, string> = { teacher: 'Intervenant', slot: 'Barrette', workshop: 'Atelier' };
const PREFIX: Record<IdentityKind, string> = { teacher: 'I', slot: 'B', workshop: 'A' };
const NAME_SEPARATOR = ' | ';
const SHEET_OF: Record<IdentityKind, string> = { teacher: SHEET_NAMES.teachers, slot: SHEET_NAMES.parameters, workshop: SHEET_NAMES.workshops };

function same(a: string, b: string): boolean {
  return normalizeText(a) === normalizeText(b);
}

function isPlaceholder(name: string): boolean {
  return normalizeText(name).includes(normalizeText(TO_COMPLETE));
}

/** The identity table of the previous `AP Historique` (only when that sheet is ours). */
export function readIdentities(snapshot: WorkbookSnapshot): Identity[] {
  const grid: Grid | undefined = findBySheetName(snapshot.grids, SHEET_NAMES.history, (g) => g.sheet);
  if (!grid || !isOwnSheet(grid)) return [];
  const title = grid.values.findIndex((row) => same(cellText(row[0]), IDENTITY_TABLE_TITLE));
  if (title < 0) return [];
  const identities: Identity[] = [];
  for (let r = title + 2; r < grid.values.length; r++) {
    const text = (c: number) => cellText(cellAt(grid, r, c));
    const kind = (Object.keys(KIND_LABELS) as IdentityKind[]).find((k) => same(KIND_LABELS[k], text(0)));
    if (!kind || !text(1) || !text(2)) break;
    const row = Number(text(4));
    identities.push({
      kind,
      id: text(1),
      name: text(2),
      formerNames: text(3) ? text(3).split(NAME_SEPARATOR).filter(Boolean) : [],
      row: Number.isInteger(row) && row > 0 ? row : null,
      active: !same(text(5), 'non'),
    });
  }
  return identities;
}

interface CurrentRow {
  name: string;
  row: number | null;
}

function rowOf(cell: string): number | null {
  const at = parseA1(cell);
  return at ? at.row + 1 : null;
}

function currentRows(settings: Settings, kind: IdentityKind): CurrentRow[] {
  const items = kind === 'teacher' ? settings.teachers.map((t) => ({ name: t.name, cell: t.source.cell })) : kind === 'slot' ? settings.slots.map((s) => ({ name: s.id, cell: s.source.cell })) : settings.workshopTypes.map((w) => ({ name: w.id, cell: w.source.cell }));
  return items.map((item) => ({ name: item.name, row: item.cell ? rowOf(item.cell) : null }));
}

function nextId(kind: IdentityKind, taken: Identity[]): string {
  const numbers = taken.filter((t) => t.kind === kind).map((t) => Number(t.id.slice(1)) || 0);
  return `${PREFIX[kind]}${Math.max(0, ...numbers) + 1}`;
}

/** Identities of one kind now: the previous ones matched to the current rows as the header says. */
function resolveKind(kind: IdentityKind, rows: CurrentRow[], previous: Identity[], diagnostics: Diagnostic[]): Identity[] {
  const before = previous.filter((p) => p.kind === kind);
  const claimed = new Map<Identity, CurrentRow>();
  const owner = new Map<CurrentRow, Identity>();
  const claim = (identity: Identity, row: CurrentRow) => {
    claimed.set(identity, row);
    owner.set(row, identity);
  };
  const free = (row: CurrentRow) => !owner.has(row);
  // 1. Same name (the usual case, whatever the rows moved), then a name the identity had before.
  for (const row of rows) {
    const identity = before.find((p) => !claimed.has(p) && same(p.name, row.name));
    if (identity) claim(identity, row);
  }
  for (const row of rows.filter(free)) {
    const identity = before.find((p) => !claimed.has(p) && p.formerNames.some((n) => same(n, row.name)));
    if (identity) claim(identity, row);
  }
  // 2. Names typed over others: between two rows that kept their names, as many new names as names gone
  // are those rows renamed, in order. Where the counts differ (someone left or arrived there), nothing
  // is guessed: the new names are new people.
  const ordered = (list: CurrentRow[]) => [...list].sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const anchors = ordered(rows.filter((r) => owner.has(r)));
  const gapOf = (row: number | null) => anchors.filter((a) => (a.row ?? 0) < (row ?? 0)).length;
  const previousGapOf = (identity: Identity) => anchors.filter((a) => (owner.get(a)!.row ?? 0) < (identity.row ?? 0)).length;
  const gone = () => before.filter((p) => p.active && !claimed.has(p) && p.row !== null);
  for (let gap = 0; gap <= anchors.length; gap++) {
    const renamed = ordered(rows.filter((r) => free(r) && r.row !== null && gapOf(r.row) === gap));
    const lost = gone().filter((p) => previousGapOf(p) === gap).sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
    if (renamed.length && renamed.length === lost.length) renamed.forEach((row, i) => claim(lost[i], row));
  }
  // 3. Placeholders named, in their order.
  const placeholders = gone().filter((p) => isPlaceholder(p.name)).sort((a, b) => (a.row ?? 0) - (b.row ?? 0));
  const unnamed = ordered(rows.filter(free));
  placeholders.forEach((identity, i) => unnamed[i] && claim(identity, unnamed[i]));

  const result: Identity[] = [];
  for (const row of rows) {
    const identity = owner.get(row);
    if (!identity) {
      const fresh: Identity = { kind, id: nextId(kind, [...previous, ...result]), name: row.name, formerNames: [], row: row.row, active: true };
      result.push(fresh);
      continue;
    }
    const renamed = !same(identity.name, row.name);
    if (renamed) {
      const cell = row.row ? `A${row.row}` : '';
      diagnostics.push(diagnostic('info', SHEET_OF[kind], cell, `« ${row.name} » est « ${identity.name} » renommé(e) : son passé (historique, heures faites, verrous, salles) le suit.`));
    }
    result.push({ ...identity, name: row.name, formerNames: renamed ? [...identity.formerNames, identity.name] : identity.formerNames, row: row.row, active: true });
  }
  for (const identity of before) if (!claimed.has(identity)) result.push({ ...identity, active: false });
  return result;
}

export interface Identities {
  all: Identity[];
  /** The name a teacher, barrette or workshop has now, from any name it had; unknown names unchanged. */
  current(kind: IdentityKind, name: string): string;
  diagnostics: Diagnostic[];
}

export function resolveIdentities(settings: Settings, previous: Identity[]): Identities {
  const diagnostics: Diagnostic[] = [];
  const all = (['teacher', 'slot', 'workshop'] as IdentityKind[]).flatMap((kind) => resolveKind(kind, currentRows(settings, kind), previous, diagnostics));
  const byName = new Map<string, string>();
  // Former names first, so that a name in use now always maps to its own row.
  for (const identity of all) for (const former of identity.formerNames) byName.set(`${identity.kind}|${normalizeText(former)}`, identity.name);
  for (const identity of all) byName.set(`${identity.kind}|${normalizeText(identity.name)}`, identity.name);
  return {
    all,
    diagnostics,
    current: (kind, name) => (name.trim() ? (byName.get(`${kind}|${normalizeText(name)}`) ?? name) : name),
  };
}

/** What was read from the sheets of earlier generations, under today's names. */
export function renameHistory(history: HistoryEntry[], ids: Identities): HistoryEntry[] {
  return history.map((h) => ({ ...h, teacher: ids.current('teacher', h.teacher), slotId: ids.current('slot', h.slotId), workshopTypeId: ids.current('workshop', h.workshopTypeId) }));
}

export function renameHoursDone(done: HoursDone[], ids: Identities): HoursDone[] {
  return done.map((d) => ({ ...d, teacher: ids.current('teacher', d.teacher), workshop: ids.current('workshop', d.workshop) }));
}

export function renameRooms(rooms: RoomEntry[], ids: Identities): RoomEntry[] {
  return rooms.map((r) => ({ ...r, teacher: ids.current('teacher', r.teacher), slotId: ids.current('slot', r.slotId), workshop: ids.current('workshop', r.workshop) }));
}

export function renamePins(pins: Pin[], ids: Identities): Pin[] {
  return pins.map((p) => ({ ...p, teacher: ids.current('teacher', p.teacher), slotId: ids.current('slot', p.slotId), workshopTypeId: ids.current('workshop', p.workshopTypeId) }));
}

export function renameFollowUp(records: FollowUpRecord[], ids: Identities): FollowUpRecord[] {
  return records.map((r) => ({ ...r, teacher: ids.current('teacher', r.teacher), slotId: ids.current('slot', r.slotId), workshop: ids.current('workshop', r.workshop) }));
}

export function renameFrozenPast(frozen: FrozenPast, ids: Identities): FrozenPast {
  const slots = (list: string[]) => list.map((id) => ids.current('slot', id));
  return {
    rows: frozen.rows.map((r) => ({ ...r, teacher: ids.current('teacher', r.teacher), workshop: ids.current('workshop', r.workshop), slotIds: slots(r.slotIds) })),
    calendar: frozen.calendar.map((e) => ({ ...e, teacher: ids.current('teacher', e.teacher), workshop: ids.current('workshop', e.workshop), slotId: ids.current('slot', e.slotId) })),
    slotHours: frozen.slotHours.map((s) => ({ ...s, slotId: ids.current('slot', s.slotId) })),
  };
}

/** Rows of the identity table, for the foot of `AP Historique`. */
export function identityRows(identities: Identity[]): (string | number | null)[][] {
  return [
    [IDENTITY_TABLE_TITLE],
    [...IDENTITY_HEADERS],
    ...identities.map((i) => [KIND_LABELS[i.kind], i.id, i.name, i.formerNames.join(NAME_SEPARATOR), i.row, i.active ? 'oui' : 'non']),
  ];
}
