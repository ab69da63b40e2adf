/**
 * Defaults derived from the data, for a workbook that has no parameter sheets yet: one slot per level,
 * enough placeholder teachers to seat every pupil, one remediation workshop per discipline read, and
 * the national envelopes. Everything invented is marked « à compléter ».
 */
import { schoolYearOf } from '../dates';
import { isUnspecifiedDiscipline } from '../disciplines';
import { compareLevels } from '../levels';
import type { Pupil, Competency, StaffCategory } from '../model';
import { normalizeText } from '../text';
import { GENERAL_PARAMETERS, WEIGHT_PARAMETERS, type Envelope, type Settings } from './settings';

export const TO_COMPLETE = 'à compléter';

const SOURCE_2019 = 'Arrêté du 21 novembre 2018 ; note de service n° 2019-023 (consolidation, AP, choix de l’orientation)';
const SOURCE_CAP_2019 = 'Arrêté du 21 novembre 2018 (CAP en deux ans)';
const SOURCE_2009 = 'Arrêté du 10 février 2009 : 210 h sur les trois ans, soit 70 h par an en moyenne';
const SOURCE_2024 = 'Arrêté du 22 janvier 2024 (2 h hebdomadaires passées en groupes réduits de français et mathématiques) : à confirmer par l’établissement';

/** National yearly envelopes per pupil; the 2024 reform's figures are to be confirmed by the school. */
export const DEFAULT_ENVELOPES: Envelope[] = [
  { regime: 'Bac pro 2019', level: '2nde', hoursPerYear: 90, source: SOURCE_2019 },
  { regime: 'Bac pro 2019', level: '1re', hoursPerYear: 84, source: SOURCE_2019 },
  { regime: 'Bac pro 2019', level: 'Tle', hoursPerYear: 91, source: SOURCE_2019 },
  { regime: 'CAP 2019', level: 'CAP 1', hoursPerYear: 101.5, source: SOURCE_CAP_2019 },
  { regime: 'CAP 2019', level: 'CAP 2', hoursPerYear: 91, source: SOURCE_CAP_2019 },
  { regime: 'Bac pro 2009', level: '2nde', hoursPerYear: 70, source: SOURCE_2009 },
  { regime: 'Bac pro 2009', level: '1re', hoursPerYear: 70, source: SOURCE_2009 },
  { regime: 'Bac pro 2009', level: 'Tle', hoursPerYear: 70, source: SOURCE_2009 },
  { regime: 'Bac pro 2024 (soutien au parcours)', level: '2nde', hoursPerYear: 30, source: `${SOURCE_2024} (environ 30 h par an)` },
  { regime: 'Bac pro 2024 (soutien au parcours)', level: '1re', hoursPerYear: 28, source: `${SOURCE_2024} (environ 28 h par an)` },
  {
    regime: 'Bac pro 2024 (soutien au parcours)',
    level: 'Tle',
    hoursPerYear: null,
    source: 'Note de service du 4 mars 2024 : « parcours personnalisé » les dernières semaines de l’année (4 semaines en 2025-2026), horaire à confirmer',
  },
];

/** Duration of a default slot when nothing says how many sessions the year has. */
export const DEFAULT_SLOT_HOURS = 1.5;

/**
 * Duration (by quarter-hours, at least half an hour) of one weekly slot whose `sessions` give the
 * nearest to `envelope` hours over the year; the usual 1.5 h when the envelope is unknown. Quarter
 * hours keep the gap within about 5 h over 40 sessions, the default tolerance.
 */
export function slotDurationFor(envelope: number | null, sessions: number): number {
  if (envelope === null || sessions <= 0) return DEFAULT_SLOT_HOURS;
  return Math.max(0.5, Math.round((envelope / sessions) * 4) / 4);
}

const DEFAULT_SLOT_TIMES: [string, string][] = [
  ['mardi', '10h'],
  ['jeudi', '14h'],
  ['vendredi', '10h'],
  ['lundi', '14h'],
  ['mercredi', '10h'],
];

/** Default cap and minimum size per kind of workshop; small groups are favoured (seed 003). */
export const DEFAULT_CAPS = {
  remediation: { cap: 12, minSize: 4 },
  methodology: { cap: 14, minSize: 5 },
  orientation: { cap: 14, minSize: 5 },
  enrichment: { cap: 14, minSize: 5 },
} as const;

/** Disciplines whose competencies are transversal: they feed methodology, not a remediation workshop. */
export function isMethodologyDiscipline(discipline: string): boolean {
  return /methodo|transvers|savoir etre|autonomie/.test(normalizeText(discipline));
}

function levelsOf(pupils: Pupil[]): string[] {
  return [...new Set(pupils.map((p) => p.level))].sort(compareLevels);
}

export function defaultGeneral(today: string): Settings['general'] {
  const general = Object.fromEntries(GENERAL_PARAMETERS.map((p) => [p.key, p.defaultValue])) as Settings['general'];
  general.schoolYear = schoolYearOf(today);
  return general;
}

export function defaultWeights(): Settings['weights'] {
  return Object.fromEntries(WEIGHT_PARAMETERS.map((w) => [w.key, w.defaultValue])) as Settings['weights'];
}

export interface DefaultSlotRow {
  id: string;
  level: string;
  day: string;
  time: string;
  durationHours: number;
}

/** One slot per level; `durationOf` gives its length (derived from the regime's envelope by the caller). */
export function defaultSlots(pupils: Pupil[], durationOf: (level: string, day: string) => number = () => DEFAULT_SLOT_HOURS): DefaultSlotRow[] {
  return levelsOf(pupils).map((level, i) => {
    const [day, time] = DEFAULT_SLOT_TIMES[i % DEFAULT_SLOT_TIMES.length];
    return { id: `${level} ${day} ${time}`, level, day, time, durationHours: durationOf(level, day) };
  });
}

export function remediationDisciplines(competencies: Competency[]): string[] {
  // « Discipline non précisée » is a reading to check, never a workshop or a teacher's discipline.
  return [...new Set(competencies.map((c) => c.discipline))].filter((d) => !isMethodologyDiscipline(d) && !isUnspecifiedDiscipline(d));
}

export interface DefaultWorkshopRow {
  id: string;
  nature: string;
  discipline: string;
  cap: number;
  minSize: number;
}

export function defaultWorkshops(competencies: Competency[]): DefaultWorkshopRow[] {
  const rows: DefaultWorkshopRow[] = remediationDisciplines(competencies).map((discipline) => ({
    id: `Remédiation ${discipline}`,
    nature: 'Remédiation',
    discipline,
    ...DEFAULT_CAPS.remediation,
  }));
  rows.push({ id: 'Aide méthodologique', nature: 'Méthodologie', discipline: '', ...DEFAULT_CAPS.methodology });
  rows.push({ id: 'Orientation et projet', nature: 'Orientation', discipline: '', ...DEFAULT_CAPS.orientation });
  rows.push({ id: 'Approfondissement', nature: 'Approfondissement', discipline: '', ...DEFAULT_CAPS.enrichment });
  return rows;
}

export interface DefaultTeacherRow {
  name: string;
  disciplines: string;
  canLead: string;
  status: string;
  category: StaffCategory;
}

/**
 * Placeholder teachers, free in every slot: enough of them that the largest level can be seated in
 * groups of the remediation cap, spread over the disciplines read, plus the usual non-teaching staff.
 */
export function defaultTeachers(pupils: Pupil[], competencies: Competency[]): DefaultTeacherRow[] {
  const perLevel = levelsOf(pupils).map((level) => pupils.filter((p) => p.level === level).length);
  const needed = Math.max(1, ...perLevel.map((n) => Math.ceil(n / DEFAULT_CAPS.remediation.cap)));
  const disciplines = remediationDisciplines(competencies);
  const rows: DefaultTeacherRow[] = [
    { name: `CPE (${TO_COMPLETE})`, disciplines: 'Vie scolaire', canLead: 'méthodologie, orientation', status: 'HP', category: 'cpe' },
    { name: `Professeur documentaliste (${TO_COMPLETE})`, disciplines: 'Documentation', canLead: 'méthodologie, orientation', status: 'HP', category: 'librarian' },
  ];
  const teachersToAdd = Math.max(disciplines.length, needed - rows.length + 1);
  for (let i = 0; i < teachersToAdd; i++) {
    const discipline = disciplines.length ? disciplines[i % disciplines.length] : 'Enseignement général';
    const number = Math.floor(i / Math.max(1, disciplines.length)) + 1;
    rows.push({
      name: `Enseignant ${discipline} ${number} (${TO_COMPLETE})`,
      disciplines: discipline,
      canLead: 'remédiation, approfondissement, méthodologie',
      status: 'HP',
      category: 'teacher',
    });
  }
  return rows;
}
