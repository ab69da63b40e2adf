/**
 * Who is who across generations: random edit sequences on a list of teachers (renames typed over a
 * row, placeholders named, people who leave, people who arrive), drawn with the truth; the identities
 * resolved from the table written at each generation must be that truth.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readIdentities, resolveIdentities, type Identity } from '../../src/core/identity';
import { renderHistorySheet } from '../../src/core/plan/historySheet';
import { specToGrid } from '../../src/core/render/specToGrid';
import type { Teacher } from '../../src/core/model';
import { settingsWith } from './plan/scenario';

interface Row {
  name: string;
  /** The truth: who this row is. */
  person: number;
}

/**
 * One generation's edits: names typed over (renames, placeholders named), or people leaving, or people
 * arriving (anywhere in the list). A departure and an arrival on the same row between two generations
 * is a name typed over a row: a rename by definition, so they are drawn in different generations.
 */
type Generation = { kind: 'rename'; rows: number[]; placeholders: boolean } | { kind: 'leave'; rows: number[] } | { kind: 'arrive'; rows: number[] };

const generation: fc.Arbitrary<Generation> = fc.oneof(
  fc.record({ kind: fc.constant('rename' as const), rows: fc.array(fc.nat(), { maxLength: 3 }), placeholders: fc.boolean() }),
  fc.record({ kind: fc.constant('leave' as const), rows: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }),
  fc.record({ kind: fc.constant('arrive' as const), rows: fc.array(fc.nat(), { minLength: 1, maxLength: 2 }) }),
);

function teachersOf(rows: Row[]): Teacher[] {
  return rows.map((row, i) => ({ name: row.name, disciplines: [], kinds: ['remediation'], freeSlots: [], payStatus: 'HP', source: { sheet: 'AP Intervenants', cell: `A${i + 3}` } }));
}

/** The identity table as the pipeline keeps it: written at the foot of `AP Historique`, then read back. */
function roundTrip(identities: Identity[]): Identity[] {
  const spec = renderHistorySheet([], { groups: [], assignments: [], unassigned: [], diagnostics: [] } as never, [], 1, [], identities);
  return readIdentities({ grids: [specToGrid(spec)] });
}

describe('identities of teachers across generations', () => {
  it('follow renames and named placeholders, and never merge a leaver with a newcomer', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 8 }), fc.integer({ min: 0, max: 4 }), fc.array(generation, { minLength: 1, maxLength: 6 }), (named, placeholders, generations) => {
        let people = 0;
        let names = 0;
        const rows: Row[] = [
          ...Array.from({ length: named }, () => ({ name: `Prof ${++names}`, person: ++people })),
          ...Array.from({ length: placeholders }, (_, i) => ({ name: `Enseignant ${i + 1} (à compléter)`, person: ++people })),
        ];
        let table = roundTrip(resolveIdentities(settingsWith({ slots: [], teachers: teachersOf(rows), workshopTypes: [] }), []).all);
        const idOf = new Map<number, string>();
        const remember = (current: Row[]) =>
          current.forEach((row) => {
            const id = table.find((t) => t.kind === 'teacher' && t.active && t.name === row.name)!.id;
            if (idOf.has(row.person)) expect({ person: row.person, id }).toEqual({ person: row.person, id: idOf.get(row.person) });
            idOf.set(row.person, id);
          });
        remember(rows);
        for (const g of generations) {
          if (g.kind === 'rename') {
            for (const at of g.rows) if (rows.length) rows[at % rows.length].name = `Prof ${++names}`;
            if (g.placeholders) for (const row of rows) if (row.name.includes('à compléter')) row.name = `Prof ${++names}`;
          }
          if (g.kind === 'leave') for (const at of g.rows) if (rows.length > 1) rows.splice(at % rows.length, 1);
          if (g.kind === 'arrive') for (const at of g.rows) rows.splice(at % (rows.length + 1), 0, { name: `Prof ${++names}`, person: ++people });
          table = roundTrip(resolveIdentities(settingsWith({ slots: [], teachers: teachersOf(rows), workshopTypes: [] }), table).all);
          // Each person keeps their identity; a leaver's is never given to somebody else.
          const active = table.filter((t) => t.active);
          expect(new Set(active.map((t) => t.id)).size).toBe(active.length);
          const leaverIds = [...idOf].filter(([person]) => !rows.some((r) => r.person === person)).map(([, id]) => id);
          for (const id of leaverIds) expect(active.map((t) => t.id)).not.toContain(id);
          remember(rows);
        }
      }),
      { numRuns: 150 },
    );
  });

  it('gives any earlier name its current spelling', () => {
    const rows = [{ name: 'LEFEBVRE', person: 1 }, { name: 'Enseignant Maths 1 (à compléter)', person: 2 }];
    const first = roundTrip(resolveIdentities(settingsWith({ slots: [], teachers: teachersOf(rows), workshopTypes: [] }), []).all);
    const renamed = resolveIdentities(settingsWith({ slots: [], teachers: teachersOf([{ name: 'LEFEBVRE-MARTIN', person: 1 }, { name: 'Mme Durand', person: 2 }]), workshopTypes: [] }), first);
    expect(renamed.current('teacher', 'lefebvre')).toBe('LEFEBVRE-MARTIN');
    expect(renamed.current('teacher', 'Enseignant Maths 1 (à compléter)')).toBe('Mme Durand');
    expect(renamed.current('teacher', 'Inconnu')).toBe('Inconnu');
    expect(renamed.diagnostics.map((d) => [d.sheet, d.cell])).toEqual([
      ['AP Intervenants', 'A3'],
      ['AP Intervenants', 'A4'],
    ]);
  });
});
