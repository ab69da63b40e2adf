/**
 * The national school calendar shipped as data (`data/calendrier-scolaire.json`, sources inside):
 * the school's holiday zone from its académie or its UAI, the holidays and public holidays of a year
 * as periods without AP, and the cycles of the year laid out on school weeks. A year, an académie
 * or a zone the data does not cover gives null: the caller asks the coordinator for the dates.
 */
import { addDays, isoToSerial, serialToIso } from '../dates';
import { normalizeText } from '../text';
import type { CycleDates, WeeksOff } from '../settings/settings';
import calendarData from './data/calendrier-scolaire.json';

export type Zone = 'A' | 'B' | 'C';
const ZONES: Zone[] = ['A', 'B', 'C'];

interface HolidayData {
  name: string;
  from: string;
  to: string | null;
  status: string;
}
interface ZoneData {
  holidays: HolidayData[];
  academies: string[];
  publicHolidaysOnSchoolDays: string[];
}
interface YearData {
  rentree: string;
  zones: Record<Zone, ZoneData>;
  publicHolidaysDetail: { date: string; name: string }[];
}

const YEARS = calendarData.years as unknown as Record<string, YearData>;

/** School years the data covers, oldest first. */
export const COVERED_YEARS = Object.keys(YEARS).sort();

/**
 * Département (as the UAI writes it: its first three digits) -> académie, for metropolitan France.
 * Source: ressorts territoriaux des académies (code de l'éducation, partie réglementaire, livre II,
 * titre II), académie de Normandie since 1 January 2020. Corsica (620, 720) and the overseas
 * académies (971-976) are known by name but have their own calendars, outside the data.
 */
const ACADEMY_DEPARTEMENTS: Record<string, string[]> = {
  'Aix-Marseille': ['04', '05', '13', '84'],
  Amiens: ['02', '60', '80'],
  Besançon: ['25', '39', '70', '90'],
  Bordeaux: ['24', '33', '40', '47', '64'],
  'Clermont-Ferrand': ['03', '15', '43', '63'],
  Corse: ['620', '720'],
  Créteil: ['77', '93', '94'],
  Dijon: ['21', '58', '71', '89'],
  Grenoble: ['07', '26', '38', '73', '74'],
  Lille: ['59', '62'],
  Limoges: ['19', '23', '87'],
  Lyon: ['01', '42', '69'],
  Montpellier: ['11', '30', '34', '48', '66'],
  'Nancy-Metz': ['54', '55', '57', '88'],
  Nantes: ['44', '49', '53', '72', '85'],
  Nice: ['06', '83'],
  Normandie: ['14', '27', '50', '61', '76'],
  'Orléans-Tours': ['18', '28', '36', '37', '41', '45'],
  Paris: ['75'],
  Poitiers: ['16', '17', '79', '86'],
  Reims: ['08', '10', '51', '52'],
  Rennes: ['22', '29', '35', '56'],
  Strasbourg: ['67', '68'],
  Toulouse: ['09', '12', '31', '32', '46', '65', '81', '82'],
  Versailles: ['78', '91', '92', '95'],
  Guadeloupe: ['971'],
  Martinique: ['972'],
  Guyane: ['973'],
  'La Réunion': ['974'],
  Mayotte: ['976'],
};

/** The académie of a UAI from its first three characters, or null. */
export function academyOfUai(uai: string): string | null {
  const code = uai.trim().toUpperCase().slice(0, 3);
  if (!/^\d{3}$/.test(code)) return null;
  // 0XX: metropolitan département XX; 620 / 720: Corsica (2A / 2B); 97X: overseas.
  const departement = code.startsWith('0') ? code.slice(1) : code;
  for (const [academy, departements] of Object.entries(ACADEMY_DEPARTEMENTS)) if (departements.includes(departement)) return academy;
  return null;
}

function academyKey(text: string): string {
  return normalizeText(text)
    .replace(/^academie (de |d )?(la )?/, '')
    .replace(/[^a-z]/g, '');
}

/** « Académie de Lyon », « orleans tours » -> the académie's name, or null. */
export function academyNamed(text: string): string | null {
  const key = academyKey(text);
  if (!key) return null;
  return Object.keys(ACADEMY_DEPARTEMENTS).find((a) => academyKey(a) === key) ?? null;
}

export interface ZoneFinding {
  zone: Zone | null;
  academy: string | null;
  /** Where it came from, for the coordinator: « Académie » or « UAI ». */
  from: 'Académie' | 'UAI' | null;
}

/** The zone from `Académie` when it names one, else from the UAI; the académie alone when outside the zones. */
export function findZone(general: { academy: string; uai: string }): ZoneFinding {
  const typed = academyNamed(general.academy);
  const academy = typed ?? academyOfUai(general.uai);
  if (!academy) return { zone: null, academy: null, from: null };
  const from = typed ? 'Académie' : 'UAI';
  const anyYear = YEARS[COVERED_YEARS[COVERED_YEARS.length - 1]];
  const zone = ZONES.find((z) => anyYear.zones[z].academies.some((a) => academyKey(a) === academyKey(academy))) ?? null;
  return { zone, academy, from };
}

/** Label suffix of a date the data does not confirm. */
export const TO_CONFIRM = '(à confirmer)';

function isConfirmed(status: string): boolean {
  return status.startsWith('confirmed');
}

/** First and last day of lessons of a covered year (the day before the summer break). */
export function schoolYearBounds(schoolYear: string): { start: string; end: string } | null {
  const year = YEARS[schoolYear];
  if (!year) return null;
  const summer = year.zones.A.holidays.find((h) => h.to === null || normalizeText(h.name).startsWith('ete'));
  return summer ? { start: year.rentree, end: addDays(summer.from, -1) } : null;
}

/**
 * Holidays (summer excluded: it bounds the year) and public holidays on school days of one zone, as
 * periods without AP for every level. With no zone, only what is the same in the three zones.
 */
export function nationalWeeksOff(schoolYear: string, zone: Zone | null): WeeksOff[] | null {
  const year = YEARS[schoolYear];
  if (!year) return null;
  const zones = zone ? [zone] : ZONES;
  const holidaysOf = (z: Zone) => year.zones[z].holidays.filter((h) => h.to !== null && !normalizeText(h.name).startsWith('ete'));
  const periods: WeeksOff[] = [];
  for (const holiday of holidaysOf(zones[0])) {
    const same = zones.every((z) => holidaysOf(z).some((h) => h.name === holiday.name && h.from === holiday.from && h.to === holiday.to));
    if (!same) continue;
    const suffix = isConfirmed(holiday.status) ? '' : ` ${TO_CONFIRM}`;
    const label = normalizeText(holiday.name).startsWith('pont') ? holiday.name : `Vacances : ${holiday.name}`;
    periods.push({ start: holiday.from, end: addDays(holiday.to!, -1), label: `${label}${suffix}`, level: '' });
  }
  const inside = (date: string) => periods.some((p) => date >= p.start && date <= p.end);
  const common = year.zones[zones[0]].publicHolidaysOnSchoolDays.filter((d) => zones.every((z) => year.zones[z].publicHolidaysOnSchoolDays.includes(d)));
  for (const date of common) {
    if (inside(date)) continue;
    const name = year.publicHolidaysDetail.find((p) => p.date === date)?.name ?? 'pont';
    periods.push({ start: date, end: date, label: `Jour férié : ${name}`, level: '' });
  }
  return periods.sort((a, b) => a.start.localeCompare(b.start));
}

/** Periods of `national` that no typed period overlaps: the ones the coordinator has not entered. */
export function missingNationalPeriods(typed: WeeksOff[], national: WeeksOff[]): WeeksOff[] {
  const forAll = typed.filter((p) => !p.level.trim());
  return national.filter((n) => !forAll.some((t) => t.start <= n.end && t.end >= n.start));
}

/** Serial 0 (1899-12-30) was a Saturday: Monday = 1. */
function weekdayOfSerial(serial: number): number {
  return (serial + 6) % 7;
}

/** Days of lessons (Monday to Friday) of a week, outside the periods off for every level. */
function schoolDaysOfWeek(monday: number, first: number, last: number, off: { start: number; end: number }[]): number[] {
  const days: number[] = [];
  for (let day = monday; day < monday + 5; day++) {
    if (day < first || day > last) continue;
    if (off.some((p) => day >= p.start && day <= p.end)) continue;
    days.push(day);
  }
  return days;
}

/** The school days of each week from `start` to `end` that has any, periods off for every level excluded. */
function schoolWeeks(start: string, end: string, weeksOff: WeeksOff[]): number[][] {
  const first = isoToSerial(start);
  const last = isoToSerial(end);
  const off = weeksOff.filter((p) => !p.level.trim()).map((p) => ({ start: isoToSerial(p.start), end: isoToSerial(p.end) }));
  const weekDays: number[][] = [];
  for (let monday = first - ((weekdayOfSerial(first) + 6) % 7); monday <= last; monday += 7) {
    const days = schoolDaysOfWeek(monday, first, last, off);
    if (days.length) weekDays.push(days);
  }
  return weekDays;
}

/** Weeks of school of the year (a week of fewer than three days of lessons does not count). */
export function countSchoolWeeks(calendar: SchoolCalendar): number {
  return schoolWeeks(calendar.bounds!.start, calendar.bounds!.end, calendar.weeksOff).filter((days) => days.length >= MIN_DAYS_OF_A_SCHOOL_WEEK).length;
}

/** A week with fewer school days than this is not counted as a week of a cycle (it joins the next one). */
const MIN_DAYS_OF_A_SCHOOL_WEEK = 3;

/**
 * Cycles of `weeks` school weeks from `start` to `end`: holidays do not count, a short week (rentrée
 * on a Thursday, a week of public holidays) joins the next; a tail shorter than half a cycle joins
 * the last cycle. Each cycle runs from its first to its last school day.
 */
export function schoolWeekCycles(start: string, end: string, weeks: number, weeksOff: WeeksOff[]): CycleDates[] {
  const weekDays = schoolWeeks(start, end, weeksOff);
  const spans: { days: number[]; counted: number }[] = [];
  let current = { days: [] as number[], counted: 0 };
  for (const days of weekDays) {
    current.days.push(...days);
    if (days.length >= MIN_DAYS_OF_A_SCHOOL_WEEK) current.counted++;
    if (current.counted === weeks) {
      spans.push(current);
      current = { days: [], counted: 0 };
    }
  }
  if (current.days.length) {
    if (spans.length && current.counted < Math.ceil(weeks / 2)) spans[spans.length - 1].days.push(...current.days);
    else spans.push(current);
  }
  return spans.map((span, i) => ({
    cycle: i + 1,
    start: serialToIso(span.days[0]),
    end: serialToIso(span.days[span.days.length - 1]),
  }));
}

export interface SchoolCalendar {
  zone: ZoneFinding;
  /** Null when the data does not cover the year. */
  bounds: { start: string; end: string } | null;
  /** The zone's holidays and public holidays (only those common to all zones when the zone is unknown). */
  weeksOff: WeeksOff[];
}

/** What the data says about this school's year, or null when the year is not covered. */
export function schoolCalendar(general: { academy: string; uai: string; schoolYear: string }): SchoolCalendar | null {
  const bounds = schoolYearBounds(general.schoolYear);
  const zone = findZone(general);
  const weeksOff = nationalWeeksOff(general.schoolYear, zone.zone);
  // Corsica and overseas: an académie outside the zones has its own calendar, not in the data.
  if (!bounds || !weeksOff || (zone.academy && !zone.zone)) return null;
  return { zone, bounds, weeksOff };
}

/** Default cycles of the year: on school weeks when the data covers it, else none (dates asked for). */
export function defaultSchoolCycles(calendar: SchoolCalendar | null, weeksPerCycle: number): CycleDates[] {
  return calendar?.bounds ? schoolWeekCycles(calendar.bounds.start, calendar.bounds.end, weeksPerCycle, calendar.weeksOff) : [];
}
