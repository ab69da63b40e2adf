import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { addDays, isoToSerial } from '../../../src/core/dates';
import { sessionDates, weekdayOf, weeksOffFor } from '../../../src/core/hours/sessions';

describe('sessions', () => {
  it('reads French weekdays however they are written', () => {
    expect(weekdayOf('lundi')).toBe(1);
    expect(weekdayOf('MARDI')).toBe(2);
    expect(weekdayOf('mer.')).toBe(3);
    expect(weekdayOf('Vendredi')).toBe(5);
    expect(weekdayOf('le matin')).toBeNull();
    expect(weekdayOf('')).toBeNull();
  });

  it('lists the weekday’s dates in the cycle and skips the periods off', () => {
    const off = [{ start: '2026-11-16', end: '2026-11-27', label: 'PFMP', level: '1re' }];
    expect(sessionDates('2026-11-02', '2026-12-18', 4, off)).toEqual(['2026-11-05', '2026-11-12', '2026-12-03', '2026-12-10', '2026-12-17']);
    expect(sessionDates('2026-11-05', '2026-11-05', 4, [])).toEqual(['2026-11-05']);
    expect(sessionDates('2026-11-06', '2026-11-11', 4, [])).toEqual([]);
  });

  it('applies a period to its level only, or to all when the level is empty', () => {
    const periods = [
      { start: '2026-10-17', end: '2026-11-01', label: 'Toussaint', level: '' },
      { start: '2026-11-16', end: '2026-11-27', label: 'PFMP', level: 'Seconde' },
    ];
    expect(weeksOffFor('2nde', periods).map((p) => p.label)).toEqual(['Toussaint', 'PFMP']);
    expect(weeksOffFor('1re', periods).map((p) => p.label)).toEqual(['Toussaint']);
  });

  it('gives one session per week on the right weekday, none inside a period off', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 300 }), fc.integer({ min: 0, max: 80 }), fc.integer({ min: 0, max: 6 }), fc.integer({ min: 0, max: 60 }), (from, length, weekday, offAt) => {
        const start = addDays('2026-09-01', from);
        const end = addDays(start, length);
        const off = [{ start: addDays(start, offAt), end: addDays(start, offAt + 9), label: 'x', level: '' }];
        const all = sessionDates(start, end, weekday, []);
        const kept = sessionDates(start, end, weekday, off);
        for (const date of all) expect(new Date(`${date}T00:00:00Z`).getUTCDay()).toBe(weekday);
        expect(all.length).toBe(Math.floor(length / 7) + (((weekday - new Date(`${start}T00:00:00Z`).getUTCDay() + 7) % 7) <= length % 7 ? 1 : 0));
        const inside = (d: string) => isoToSerial(d) >= isoToSerial(off[0].start) && isoToSerial(d) <= isoToSerial(off[0].end);
        expect(kept).toEqual(all.filter((d) => !inside(d)));
      }),
    );
  });
});
