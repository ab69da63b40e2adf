/** The pairs repair pass (« Séparé de » / « Regroupé avec ») on hand-made groups of one slot. */
import { describe, expect, it } from 'vitest';
import type { NeedKind, PairConstraint, WorkshopType } from '../../../src/core/model';
import type { GroupDraft } from '../../../src/core/plan/groups';
import { honourPairs } from '../../../src/core/plan/pairs';

const source = { sheet: 'Prévisionnel', cell: 'F5' };

function type(id: string, kind: NeedKind = 'remediation', cap = 4, minSize = 1): WorkshopType {
  return { id, kind, cap, minSize, source };
}

function group(t: WorkshopType, pupilIds: string[], locked: string[] = [], capacity = t.cap): GroupDraft {
  return { type: t, teacherName: `Prof ${t.id} ${pupilIds[0]}`, capacity, minSize: t.minSize, pupilIds: [...pupilIds], locked: new Set(locked) };
}

const apart = (a: string, b: string, cell = 'F5'): PairConstraint => ({ relation: 'apart', pupilIds: [a, b], source: { ...source, cell } });
const together = (a: string, b: string, cell = 'E5'): PairConstraint => ({ relation: 'together', pupilIds: [a, b], source: { ...source, cell } });

/** Values per pupil and type id; missing entries are 0, `null` is a type the pupil may not join. */
function valueOf(table: Record<string, Record<string, number | null>> = {}) {
  return (pupilId: string, t: WorkshopType): number | undefined => {
    const v = table[pupilId]?.[t.id];
    return v === null ? undefined : (v ?? 0);
  };
}

const nameOf = (id: string) => id.toUpperCase();
const members = (drafts: GroupDraft[]) => drafts.map((d) => [...d.pupilIds].sort());

describe('« Séparé de »', () => {
  it('moves one pupil to another group of the same workshop before any other workshop', () => {
    const maths = type('Maths');
    const french = type('Français');
    const drafts = [group(maths, ['a', 'b', 'c']), group(maths, ['d']), group(french, ['e'])];
    const { notes, unmet } = honourPairs({ drafts, pairs: [apart('a', 'b')], value: valueOf({ a: { Maths: 500, Français: 600 } }), nameOf });
    expect(unmet).toEqual([]);
    expect(members(drafts)).toEqual([['b', 'c'], ['a', 'd'], ['e']]);
    expect(notes.get('a')).toBe('séparé(e) de B à la demande de l’équipe');
    expect(notes.has('b')).toBe(false);
  });

  it('otherwise moves the pupil who loses least to their next-best open workshop', () => {
    const maths = type('Maths');
    const drafts = [group(maths, ['a', 'b', 'c']), group(type('Français'), ['d']), group(type('Méthode', 'methodology'), ['e'])];
    const value = valueOf({ a: { Maths: 900, Français: 100, Méthode: 200 }, b: { Maths: 900, Français: 700, Méthode: 300 } });
    const { notes, unmet } = honourPairs({ drafts, pairs: [apart('a', 'b')], value, nameOf });
    expect(unmet).toEqual([]);
    expect(members(drafts)).toEqual([['a', 'c'], ['b', 'd'], ['e']]);
    expect(notes.get('b')).toContain('séparé(e) de A');
  });

  it('never exceeds a cap, never takes a group below its minimum, never goes (or exchanges) where the objective forbids', () => {
    const maths = type('Maths', 'remediation', 3, 3);
    const full = group(type('Français', 'remediation', 2), ['d', 'e']);
    const closed = group(type('Anglais'), ['f']);
    const drafts = [group(maths, ['a', 'b', 'c']), full, closed];
    const value = valueOf({ a: { Anglais: null }, b: { Anglais: null }, d: { Maths: null }, e: { Maths: null } });
    const { notes, unmet } = honourPairs({ drafts, pairs: [apart('a', 'b')], value, nameOf });
    expect(members(drafts)).toEqual([['a', 'b', 'c'], ['d', 'e'], ['f']]);
    expect(notes.size).toBe(0);
    expect(unmet).toHaveLength(1);
    expect(unmet[0].pair.source.cell).toBe('F5');
    expect(unmet[0].why).toContain('aucun autre groupe');
  });

  it('exchanges with a pupil of another group when every group is full', () => {
    const maths = type('Maths', 'remediation', 2);
    const drafts = [group(maths, ['a', 'b']), group(maths, ['c', 'd'])];
    const { notes, unmet } = honourPairs({ drafts, pairs: [apart('a', 'b')], value: valueOf(), nameOf });
    expect(unmet).toEqual([]);
    expect(members(drafts)).toEqual([['b', 'c'], ['a', 'd']]);
    expect(notes.get('c')).toBe('changé(e) de groupe pour séparer A et B à la demande de l’équipe');
  });

  it('sweeps again when a later repair makes room for an earlier pair', () => {
    const drafts = [group(type('X', 'remediation', 14, 3), ['a', 'b', 'c']), group(type('Y', 'methodology', 14), ['g', 'h']), group(type('Z', 'enrichment', 14), ['z'])];
    const value = valueOf({ a: { Y: null }, b: { Y: null }, h: { X: null }, z: { X: null } });
    // a | b cannot be met first (their group is at its minimum); g joining c then makes room.
    const { unmet } = honourPairs({ drafts, pairs: [apart('a', 'b', 'F2'), together('g', 'c', 'E3')], value, nameOf });
    expect(unmet).toEqual([]);
    expect(members(drafts)).toEqual([['b', 'c', 'g'], ['h'], ['a', 'z']]);
  });

  it('keeps locks: the unlocked pupil moves; two locked pupils stay and the lock is said to win', () => {
    const maths = type('Maths');
    const one = [group(maths, ['a', 'b', 'c'], ['a']), group(maths, ['d'])];
    honourPairs({ drafts: one, pairs: [apart('a', 'b')], value: valueOf(), nameOf });
    expect(members(one)).toEqual([['a', 'c'], ['b', 'd']]);
    const both = [group(maths, ['a', 'b', 'c'], ['a', 'b']), group(maths, ['d'])];
    const { unmet } = honourPairs({ drafts: both, pairs: [apart('a', 'b')], value: valueOf(), nameOf });
    expect(members(both)).toEqual([['a', 'b', 'c'], ['d']]);
    expect(unmet[0].why).toContain('le verrou l’emporte');
  });

  it('does not undo a pair already met: the move that would join two pupils kept apart is refused', () => {
    const maths = type('Maths');
    const drafts = [group(maths, ['a', 'b', 'c']), group(maths, ['x']), group(type('Français'), ['y'])];
    const pairs = [apart('a', 'x', 'F2'), apart('a', 'b', 'F3'), apart('b', 'y', 'F4'), apart('b', 'x', 'F5'), apart('a', 'y', 'F6')];
    const { unmet } = honourPairs({ drafts, pairs, value: valueOf(), nameOf });
    expect(unmet.map((u) => u.pair.source.cell)).toEqual(['F3']);
    expect(members(drafts)).toEqual([['a', 'b', 'c'], ['x'], ['y']]);
  });
});

describe('« Regroupé avec »', () => {
  it('swaps with a pupil of the other group of the same workshop when both are full (sizes unchanged)', () => {
    const maths = type('Maths', 'remediation', 2);
    const drafts = [group(maths, ['a', 'c']), group(maths, ['b', 'd'])];
    const { notes, unmet } = honourPairs({ drafts, pairs: [together('a', 'b')], value: valueOf(), nameOf });
    expect(unmet).toEqual([]);
    expect(drafts.map((d) => d.pupilIds.length)).toEqual([2, 2]);
    expect(members(drafts)).toEqual([['c', 'd'], ['a', 'b']]);
    expect(notes.get('a')).toBe('regroupé(e) avec B à la demande de l’équipe');
    expect(notes.get('d')).toBe('changé(e) de groupe pour regrouper A et B à la demande de l’équipe');
  });

  it('picks a swap partner that breaks no « Séparé de », and leaves locked pupils in place', () => {
    const maths = type('Maths', 'remediation', 3);
    const drafts = [group(maths, ['a', 'c', 'e'], ['a']), group(maths, ['b', 'd', 'f'])];
    const pairs = [apart('d', 'c', 'F7'), together('a', 'b', 'E8')];
    const { notes, unmet } = honourPairs({ drafts, pairs, value: valueOf(), nameOf });
    expect(unmet).toEqual([]);
    expect(members(drafts)).toEqual([['a', 'b', 'c'], ['d', 'e', 'f']]);
    expect(notes.get('b')).toContain('regroupé(e) avec A');
    expect(notes.get('e')).toContain('pour regrouper A et B');
    expect(notes.has('c')).toBe(false);
  });

  it('joins a group of another workshop when it has room, else reports the pair', () => {
    const maths = type('Maths', 'remediation', 2);
    const french = type('Français', 'remediation', 2);
    const room = [group(maths, ['a', 'c']), group(french, ['b'])];
    const value = valueOf({ a: { Maths: 800, Français: 300 } });
    expect(honourPairs({ drafts: room, pairs: [together('a', 'b')], value, nameOf }).unmet).toEqual([]);
    expect(members(room)).toEqual([['c'], ['a', 'b']]);
    const noRoom = [group(maths, ['a', 'c']), group(french, ['b', 'd'])];
    const { unmet } = honourPairs({ drafts: noRoom, pairs: [together('a', 'b')], value, nameOf });
    expect(members(noRoom)).toEqual([['a', 'c'], ['b', 'd']]);
    expect(unmet[0].why).toContain('« Maths » et « Français »');
  });
});

describe('pairs that do not apply', () => {
  it('changes nothing without pairs, or when one pupil of the pair is not in this slot', () => {
    const maths = type('Maths');
    const drafts = [group(maths, ['a', 'b']), group(maths, ['c'])];
    const before = members(drafts);
    expect(honourPairs({ drafts, pairs: [], value: valueOf(), nameOf })).toEqual({ notes: new Map(), unmet: [] });
    expect(honourPairs({ drafts, pairs: [apart('a', 'z'), together('a', 'y')], value: valueOf(), nameOf })).toEqual({ notes: new Map(), unmet: [] });
    expect(members(drafts)).toEqual(before);
  });
});
