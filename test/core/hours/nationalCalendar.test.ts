import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isoToSerial } from '../../../src/core/dates';
import { computeHours } from '../../../src/core/hours';
import calendarData from '../../../src/core/hours/data/calendrier-scolaire.json';
import {
  academyNamed,
  academyOfUai,
  COVERED_YEARS,
  findZone,
  missingNationalPeriods,
  nationalWeeksOff,
  schoolCalendar,
  schoolWeekCycles,
  schoolYearBounds,
  type Zone,
} from '../../../src/core/hours/nationalCalendar';
import { sessionDates, weeksOffFor } from '../../../src/core/hours/sessions';
import type { WeeksOff } from '../../../src/core/settings/settings';
import { fixturePlan, fixtureSettings } from './fixture';

const ZONES: Zone[] = ['A', 'B', 'C'];
type Holiday = { name: string; from: string; to: string | null };
const years = calendarData.years as unknown as Record<string, { rentree: string; zones: Record<Zone, { holidays: Holiday[]; publicHolidaysOnSchoolDays: string[] }> }>;

/** Monday = 1 ... Sunday = 7 */
function isoWeekday(iso: string): number {
  return ((isoToSerial(iso) + 5) % 7) + 1;
}

function offOn(date: string, periods: WeeksOff[]): boolean {
  return periods.some((p) => date >= p.start && date <= p.end);
}

describe('the national calendar shipped as data', () => {
  it('covers the three years of the shared data', () => {
    expect(COVERED_YEARS).toEqual(['2025-2026', '2026-2027', '2027-2028']);
  });

  for (const year of COVERED_YEARS) {
    for (const zone of ZONES) {
      describe(`${year}, zone ${zone}`, () => {
        const off = nationalWeeksOff(year, zone)!;
        const bounds = schoolYearBounds(year)!;
        const data = years[year].zones[zone];

        it('turns each holiday [from, to) into a period ending the day before school resumes', () => {
          for (const holiday of data.holidays.filter((h) => h.to && !h.name.startsWith('Été'))) {
            const period = off.find((p) => p.start === holiday.from);
            expect(period, holiday.name).toBeDefined();
            expect(isoToSerial(period!.end)).toBe(isoToSerial(holiday.to!) - 1);
            expect(period!.label).toContain(holiday.name);
          }
        });

        it('removes every public holiday on a school day, and nothing in summer', () => {
          for (const date of data.publicHolidaysOnSchoolDays) expect(offOn(date, off), date).toBe(true);
          for (const period of off) {
            expect(period.start >= bounds.start && period.end <= bounds.end).toBe(true);
            expect(period.level).toBe('');
          }
        });

        for (const weeks of [7, 8]) {
          it(`lays cycles of ${weeks} weeks on school weeks, from the rentrée to the summer`, () => {
            const cycles = schoolWeekCycles(bounds.start, bounds.end, weeks, off);
            expect(cycles[0].start).toBe(years[year].rentree);
            expect(cycles.at(-1)!.end <= bounds.end).toBe(true);
            for (const [i, cycle] of cycles.entries()) {
              expect(cycle.cycle).toBe(i + 1);
              for (const day of [cycle.start, cycle.end]) {
                expect(isoWeekday(day), day).toBeLessThanOrEqual(5);
                expect(offOn(day, off), day).toBe(false);
              }
              if (i) expect(cycle.start > cycles[i - 1].end).toBe(true);
              // A Monday slot meets at most `weeks` + half a cycle sessions, and a full cycle at least weeks - 1.
              const mondays = sessionDates(cycle.start, cycle.end, 1, off).length;
              expect(mondays).toBeLessThanOrEqual(weeks + Math.ceil(weeks / 2));
              if (i < cycles.length - 1) expect(sessionDates(cycle.start, cycle.end, 2, off).length).toBeGreaterThanOrEqual(weeks - 1);
            }
            // No school week is lost between cycles: the next one starts on the first school day after.
            for (let i = 1; i < cycles.length; i++) {
              for (let day = isoToSerial(cycles[i - 1].end) + 1; day < isoToSerial(cycles[i].start); day++) {
                const iso = new Date(Date.UTC(1899, 11, 30) + day * 86_400_000).toISOString().slice(0, 10);
                if (isoWeekday(iso) <= 5) expect(offOn(iso, off), iso).toBe(true);
              }
            }
          });
        }
      });
    }
  }

  it('without a zone, removes only what the three zones share', () => {
    for (const year of COVERED_YEARS) {
      const common = nationalWeeksOff(year, null)!;
      for (const zone of ZONES) {
        const own = nationalWeeksOff(year, zone)!;
        for (const p of common) expect(own.some((o) => o.start === p.start && o.end === p.end)).toBe(true);
      }
      expect(common.some((p) => p.label.includes('Hiver'))).toBe(false);
      expect(common.some((p) => p.label.includes('Noël'))).toBe(true);
    }
  });

  it('marks what the data does not confirm « à confirmer »', () => {
    const pont2028 = nationalWeeksOff('2027-2028', 'A')!.find((p) => p.label.startsWith("Pont de l'Ascension"));
    expect(pont2028?.label).toMatch(/à confirmer/);
    expect(nationalWeeksOff('2025-2026', 'A')!.find((p) => p.label.includes('Toussaint'))?.label).not.toMatch(/à confirmer/);
  });

  it('knows no year it does not hold: the coordinator is asked for the dates', () => {
    expect(nationalWeeksOff('2030-2031', 'A')).toBeNull();
    expect(schoolYearBounds('2024-2025')).toBeNull();
    expect(schoolCalendar({ academy: 'Paris', uai: '', schoolYear: '2030-2031' })).toBeNull();
  });
});

describe('the zone of a school', () => {
  it('comes from the UAI: département -> académie -> zone', () => {
    expect(findZone({ academy: '', uai: '0750655E' })).toEqual({ zone: 'C', academy: 'Paris', from: 'UAI' });
    expect(findZone({ academy: '', uai: '0595856V' })).toMatchObject({ zone: 'B', academy: 'Lille' });
    expect(findZone({ academy: '', uai: '0931735F' })).toMatchObject({ zone: 'C', academy: 'Créteil' });
    expect(findZone({ academy: '', uai: '0690001A' })).toMatchObject({ zone: 'A', academy: 'Lyon' });
    expect(academyOfUai('0620229M')).toBe('Lille');
    expect(academyOfUai('9740001A')).toBe('La Réunion');
    expect(academyOfUai('0974001A')).toBeNull();
    expect(academyOfUai('ABC')).toBeNull();
  });

  it('or from « Académie », which wins when it names one', () => {
    expect(academyNamed('Académie d’Orléans-Tours')).toBe('Orléans-Tours');
    expect(academyNamed('aix marseille')).toBe('Aix-Marseille');
    expect(findZone({ academy: 'Académie de Lyon', uai: '0750655E' })).toEqual({ zone: 'A', academy: 'Lyon', from: 'Académie' });
    expect(findZone({ academy: 'Atlantis', uai: '' })).toEqual({ zone: null, academy: null, from: null });
  });

  it('matches the académie lists of the data for every metropolitan département', () => {
    const all = Object.values(years['2026-2027'].zones).flatMap((z) => (z as unknown as { academies: string[] }).academies);
    for (const academy of all) expect(findZone({ academy, uai: '' }).zone).not.toBeNull();
  });

  it('leaves Corsica and the overseas académies to dates typed by the coordinator', () => {
    expect(findZone({ academy: '', uai: '7200009X' })).toEqual({ zone: null, academy: 'Corse', from: 'UAI' });
    expect(schoolCalendar({ academy: '', uai: '6200001A', schoolYear: '2026-2027' })).toBeNull();
    expect(schoolCalendar({ academy: 'Guadeloupe', uai: '', schoolYear: '2026-2027' })).toBeNull();
  });
});

describe('periods the coordinator has not typed', () => {
  it('are the national ones no typed period overlaps', () => {
    const national = nationalWeeksOff('2026-2027', 'C')!;
    const typed: WeeksOff[] = [{ start: '2026-10-19', end: '2026-10-30', label: 'Toussaint', level: '' }, { start: '2026-12-21', end: '2027-01-01', label: 'PFMP', level: '1re' }];
    const missing = missingNationalPeriods(typed, national);
    expect(missing.some((p) => p.label.includes('Toussaint'))).toBe(false);
    // A PFMP of one level does not stand for the holidays of everybody.
    expect(missing.some((p) => p.label.includes('Noël'))).toBe(true);
    expect(missing).toHaveLength(national.length - 1);
  });
});

describe('sessions on school days only', () => {
  it('no session of any weekday falls in a holiday or on a public holiday, in any zone and year', () => {
    fc.assert(
      fc.property(fc.constantFrom(...COVERED_YEARS), fc.constantFrom(...ZONES), fc.integer({ min: 1, max: 5 }), fc.integer({ min: 6, max: 9 }), (year, zone, weekday, weeks) => {
        const off = nationalWeeksOff(year, zone)!;
        const bounds = schoolYearBounds(year)!;
        for (const cycle of schoolWeekCycles(bounds.start, bounds.end, weeks, off)) {
          for (const date of sessionDates(cycle.start, cycle.end, weekday, off)) {
            expect(isoWeekday(date)).toBe(weekday);
            expect(offOn(date, off)).toBe(false);
            expect(years[year].zones[zone].publicHolidaysOnSchoolDays).not.toContain(date);
          }
        }
      }),
      { numRuns: 60 },
    );
  });

  it('a PFMP of one class keeps the level’s sessions and says which class misses how many', () => {
    const settings = fixtureSettings();
    settings.classLevels = [{ className: '1MELEC', level: '1re' }, { className: '1MRC', level: '1re' }];
    settings.weeksOff = [...settings.weeksOff.filter((p) => p.label !== 'PFMP 1re'), { start: '2026-11-16', end: '2026-11-27', label: 'PFMP', level: '1MELEC' }];
    const hours = computeHours(fixturePlan(), settings, [], []);
    const entry = hours.calendar.find((e) => e.cycle === 2 && e.level === '1re')!;
    // Two Thursdays (19 and 26 November) without 1MELEC; the workshop still runs for 1MRC.
    expect(entry.sessions).toBe(7);
    expect(entry.classAbsences).toEqual(['1MELEC : 2 séances manquées (PFMP)']);
    expect(hours.calendar.filter((e) => e.level === '2nde').every((e) => e.classAbsences.length === 0)).toBe(true);
  });

  it('a PFMP of one level removes its sessions and leaves the other levels’ alone', () => {
    const settings = fixtureSettings();
    const without = computeHours(fixturePlan(), { ...settings, weeksOff: settings.weeksOff.filter((p) => !p.label.startsWith('PFMP')) }, [], []);
    const withPfmp = computeHours(fixturePlan(), settings, [], []);
    const sessions = (r: typeof without, level: string, cycle: number) => r.slotHours.find((s) => s.level === level && s.cycle === cycle)?.sessions;
    // PFMP 1re 16-27/11 (two Thursdays), PFMP 2nde 08-12/02 (one Tuesday).
    expect(sessions(without, '1re', 2)! - sessions(withPfmp, '1re', 2)!).toBe(2);
    expect(sessions(withPfmp, '2nde', 2)).toBe(sessions(without, '2nde', 2));
    expect(sessions(without, '2nde', 3)! - sessions(withPfmp, '2nde', 3)!).toBe(1);
    expect(weeksOffFor('1re', settings.weeksOff).map((p) => p.label)).toContain('PFMP 1re');
    expect(weeksOffFor('2nde', settings.weeksOff).map((p) => p.label)).not.toContain('PFMP 1re');
  });
});
