/**
 * Rotation in spirit (issue 21): a newer positionnement renews a run once, only when it still shows a
 * strong need, and the limit counts again from there. A pupil placed whenever the rule allows it, over
 * random positionnement dates and strengths, never stays longer than the renewals justify.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { HistoryEntry, Need } from '../../../src/core/model';
import { rotationOf } from '../../../src/core/plan/objective';
import { alwaysLockWarnings } from '../../../src/core/plan/pins';
import { settingsWith } from './scenario';

function need(evidence: string, score: number): Need {
  return { key: 'remediation:Mathématiques', kind: 'remediation', discipline: 'Mathématiques', score, reasons: [], evidence };
}

function entry(cycle: number, evidence: string): HistoryEntry {
  return { cycle, pupilId: 'p', pupilName: 'P', className: '2A', level: '2nde', slotId: 's', workshopTypeId: 'Remédiation Mathématiques', kind: 'remediation', discipline: 'Mathématiques', teacher: 'T', evidence };
}

function closed(history: HistoryEntry[], cycle: number, today: Need, limit: number): boolean {
  const settings = settingsWith({ slots: [], teachers: [], workshopTypes: [], cycle });
  settings.general.maxConsecutiveCycles = limit;
  return rotationOf([today], history, settings).excluded.has(today.key);
}

describe('rotation', () => {
  it('renews a run once per newer positionnement that still shows a strong need', () => {
    // Limit 2: cycles 1-2 on the first positionnement; a newer one, strong, renews at cycle 3.
    const h = [entry(1, 'A'), entry(2, 'A')];
    expect(closed(h, 3, need('A', 0.9), 2)).toBe(true);
    expect(closed(h, 3, need('B', 0.9), 2)).toBe(false);
    expect(closed(h, 3, need('B', 0.3), 2)).toBe(true);
    // The limit counts again from the renewal: cycle 4 allowed, cycle 5 closed on the same positionnement.
    expect(closed([...h, entry(3, 'B')], 4, need('B', 0.9), 2)).toBe(false);
    expect(closed([...h, entry(3, 'B'), entry(4, 'B')], 5, need('B', 0.9), 2)).toBe(true);
    expect(closed([...h, entry(3, 'B'), entry(4, 'B')], 5, need('C', 0.9), 2)).toBe(false);
    // Limit 1: one February positionnement justifies one more cycle, not three.
    expect(closed([entry(3, 'A')], 4, need('B', 0.9), 1)).toBe(false);
    expect(closed([entry(3, 'A'), entry(4, 'B')], 5, need('B', 0.9), 1)).toBe(true);
  });

  it('never keeps a pupil longer than the limit times the renewals, on random positionnements', () => {
    fc.assert(
      fc.property(
        fc.integer({ min: 1, max: 3 }),
        fc.array(fc.record({ newer: fc.boolean(), score: fc.double({ min: 0, max: 1, noNaN: true }) }), { minLength: 3, maxLength: 12 }),
        (limit, cycles) => {
          let round = 0;
          const history: HistoryEntry[] = [];
          let run = 0;
          cycles.forEach((c, i) => {
            const cycle = i + 1;
            if (c.newer && i > 0) round++;
            const today = need(`R${round}`, Math.max(c.score, 0.0001));
            if (closed(history, cycle, today, limit)) {
              run = 0;
              return;
            }
            run++;
            history.push(entry(cycle, today.evidence!));
            // Each stretch of `limit` cycles stands on a positionnement of its own.
            const positionnements = new Set(history.slice(-run).map((h) => h.evidence)).size;
            expect(run).toBeLessThanOrEqual(limit * positionnements);
          });
        },
      ),
      {
        numRuns: 200,
        // Issue 21: limit 1, one newer positionnement then the same results again.
        examples: [[1, [{ newer: false, score: 0.9 }, { newer: true, score: 0.9 }, { newer: false, score: 0.9 }, { newer: false, score: 0.9 }]]],
      },
    );
  });
});

describe('a « toujours » lock against the year', () => {
  const slot = { id: '2nde mardi 10h', level: '2nde', day: 'mardi', time: '10h', durationHours: 2, source: { sheet: 'AP Paramètres', cell: 'A36' } };
  const pupil = { id: 'p', lastName: 'MARTIN', firstName: 'Léa', displayName: 'MARTIN Léa', className: '2MRC', level: '2nde', results: [], selfResults: [], sources: [] };
  const plan = (kind: 'remediation' | 'methodology') => ({
    groups: [{ id: 'g', level: '2nde', slotId: slot.id, workshopTypeId: 'W', kind, ...(kind === 'remediation' && { discipline: 'Mathématiques' }), teacher: 'T', capacity: 12, minSize: 1, pupilIds: ['p'] }],
    assignments: [{ pupilId: 'p', slotId: slot.id, groupId: 'g', score: 0.5, reason: '', locked: true, lock: 'always' as const }],
    unassigned: [],
    diagnostics: [],
  });
  const pins = [{ pupilId: 'p', slotId: slot.id, workshopTypeId: 'W', teacher: 'T', source: { sheet: 'AP Groupes', cell: 'L12' }, lifetime: { kind: 'always' as const } }];
  const settings = (cycle: number) => settingsWith({ slots: [slot], teachers: [], workshopTypes: [], cycle });

  it('is said, with the pupil and the cell, when it keeps a pupil past the rotation limit', () => {
    const history = [entry(1, 'A'), entry(2, 'A')];
    const warnings = alwaysLockWarnings({ plan: plan('remediation') as never, pins, pupils: [pupil], needs: [], history, settings: settings(3) });
    expect(warnings.map((d) => [d.sheet, d.cell])).toEqual([['AP Groupes', 'L12']]);
    expect(warnings[0].message).toMatch(/MARTIN Léa .* 3e cycle de suite/);
    expect(alwaysLockWarnings({ plan: plan('remediation') as never, pins, pupils: [pupil], needs: [], history: [entry(2, 'A')], settings: settings(3) })).toEqual([]);
  });

  it('is said when it keeps a pupil from a yearly objective', () => {
    const needs = [{ pupilId: 'p', level: '2nde', needs: [], goals: [{ kind: 'orientation' as const, reason: 'travailler le projet' }] }];
    const warnings = alwaysLockWarnings({ plan: plan('methodology') as never, pins, pupils: [pupil], needs, history: [], settings: settings(4) });
    expect(warnings.map((d) => d.cell)).toEqual(['L12']);
    expect(warnings[0].message).toMatch(/MARTIN Léa .*« Orientation »/);
    const served = [{ ...entry(2, 'A'), kind: 'orientation' as const }];
    expect(alwaysLockWarnings({ plan: plan('methodology') as never, pins, pupils: [pupil], needs, history: served, settings: settings(4) })).toEqual([]);
  });
});
