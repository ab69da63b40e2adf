/**
 * Seeded, realistic schools for planner tests and the benchmark: pupils with positionnement,
 * autopositionnement, profile and project; teachers by discipline with the slots they are free in.
 */
import type { AssessmentResult, Competency, MasteryLevel, NeedKind, Pupil, PupilProfile, PupilProject, Slot, Teacher, WorkshopType } from '../../../src/core/model';
import { defaultGeneral, defaultWeights } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/settings';

export function seeded(seed: number): () => number {
  let s = seed >>> 0 || 1;
  return () => {
    s = (Math.imul(s, 1664525) + 1013904223) >>> 0;
    return s / 2 ** 32;
  };
}

export const DISCIPLINES = ['Français', 'Mathématiques', 'Anglais', 'Histoire-géographie', 'PSE'];
const LEVELS = ['2nde', '1re', 'Tle'];
const CLASS_CODE: Record<string, string> = { '2nde': '2', '1re': '1', Tle: 'T' };
const DAYS = ['lundi', 'mardi', 'mercredi', 'jeudi', 'vendredi'];
const TIMES = ['8h', '10h', '14h', '16h'];

export interface SchoolOptions {
  seed: number;
  pupils: number;
  levels?: number;
  competencies?: number;
  teachers: number;
  slotsPerLevel?: number;
  /** Chance that a teacher is free in a given slot. */
  freeRate?: number;
}

export interface School {
  pupils: Pupil[];
  competencies: Competency[];
  settings: Settings;
}

const source = { sheet: 'fixture', cell: 'A1' };

function competenciesOf(count: number): Competency[] {
  return Array.from({ length: count }, (_, i) => {
    const discipline = DISCIPLINES[i % DISCIPLINES.length];
    const label = `Compétence ${Math.floor(i / DISCIPLINES.length) + 1}`;
    return { id: `${discipline}|${label}`, discipline, label };
  });
}

function pupilsOf(count: number, levels: string[], competencies: Competency[], random: () => number): Pupil[] {
  const profiles: (PupilProfile | undefined)[] = ['content', 'maybe', 'despite', undefined];
  const projects: (PupilProject | undefined)[] = ['further-study', 'employment', 'bridge', 'undecided', undefined];
  return Array.from({ length: count }, (_, i) => {
    const level = levels[i % levels.length];
    const className = `${CLASS_CODE[level] ?? level}PRO${1 + (Math.floor(i / levels.length) % Math.max(1, Math.ceil(count / levels.length / 24)))}`;
    const ability = random();
    const strength = new Map(DISCIPLINES.map((d) => [d, ability + (random() - 0.5) * 0.6]));
    const results: AssessmentResult[] = [];
    const selfResults: AssessmentResult[] = [];
    const overconfident = random() < 0.25;
    for (const c of competencies) {
      if (random() < 0.05) continue;
      const x = (strength.get(c.discipline) ?? ability) + (random() - 0.5) * 0.5;
      const level = (x < 0.25 ? 1 : x < 0.5 ? 2 : x < 0.85 ? 3 : 4) as MasteryLevel;
      results.push({ competencyId: c.id, level, source });
      if (random() < 0.6) {
        const self = Math.min(4, Math.max(1, level + (overconfident ? 1 + Math.floor(random() * 2) : Math.floor(random() * 3) - 1))) as MasteryLevel;
        selfResults.push({ competencyId: c.id, level: self, source });
      }
    }
    const profile = profiles[Math.floor(random() * profiles.length)];
    const project = projects[Math.floor(random() * projects.length)];
    const name = `ÉLÈVE${String(i + 1).padStart(4, '0')}`;
    return {
      id: `nom:${className}|${name.toLowerCase()}`,
      lastName: name,
      firstName: 'Test',
      displayName: `${name} Test`,
      className,
      level,
      results,
      selfResults,
      ...(profile ? { profile } : {}),
      ...(project ? { project } : {}),
      sources: [source],
    };
  });
}

export function workshopTypesOf(disciplines: string[]): WorkshopType[] {
  return [
    ...disciplines.map((discipline) => ({ id: `Remédiation ${discipline}`, kind: 'remediation' as NeedKind, discipline, cap: 12, minSize: 4, source })),
    { id: 'Aide méthodologique', kind: 'methodology', cap: 14, minSize: 5, source },
    { id: 'Orientation et projet', kind: 'orientation', cap: 14, minSize: 5, source },
    { id: 'Approfondissement', kind: 'enrichment', cap: 14, minSize: 5, source },
  ];
}

function teachersOf(count: number, slots: Slot[], random: () => number, freeRate: number): Teacher[] {
  // Weights of each kind of staff in a lycée professionnel's AP team.
  const profiles: { disciplines: string[]; kinds: NeedKind[]; weight: number; label: string }[] = [
    ...DISCIPLINES.map((d, i) => ({ disciplines: [d], kinds: ['remediation', 'methodology', 'enrichment'] as NeedKind[], weight: [10, 10, 6, 6, 4][i], label: d })),
    { disciplines: ['Enseignement professionnel'], kinds: ['methodology', 'orientation'], weight: 16, label: 'Pro' },
    { disciplines: ['Vie scolaire'], kinds: ['methodology', 'orientation'], weight: 3, label: 'CPE' },
    { disciplines: ['Documentation'], kinds: ['methodology'], weight: 2, label: 'Doc' },
    { disciplines: ['Orientation'], kinds: ['orientation'], weight: 1, label: 'PsyEN' },
  ];
  const total = profiles.reduce((s, p) => s + p.weight, 0);
  return Array.from({ length: count }, (_, i) => {
    let x = random() * total;
    const profile = profiles.find((p) => (x -= p.weight) < 0) ?? profiles[0];
    const freeSlots = slots.filter(() => random() < freeRate).map((s) => s.id);
    const hse = random() < 0.1;
    return {
      name: `${profile.label} ${String(i + 1).padStart(2, '0')}`,
      disciplines: profile.disciplines,
      kinds: profile.kinds,
      freeSlots,
      payStatus: hse ? 'HSE' : 'HP',
      ...(hse ? { maxHours: 42 } : {}),
      source,
    };
  });
}

export function makeSchool(options: SchoolOptions): School {
  const random = seeded(options.seed);
  const levels = LEVELS.slice(0, options.levels ?? 3);
  const competencies = competenciesOf(options.competencies ?? 40);
  const pupils = pupilsOf(options.pupils, levels, competencies, random);
  const slots: Slot[] = [];
  let moment = 0;
  for (const level of levels) {
    for (let k = 0; k < (options.slotsPerLevel ?? 2); k++, moment++) {
      const day = DAYS[moment % DAYS.length];
      const time = TIMES[Math.floor(moment / DAYS.length) % TIMES.length];
      slots.push({ id: `${level} ${day} ${time}`, level, day, time, durationHours: 1.5, source });
    }
  }
  const disciplines = [...new Set(competencies.map((c) => c.discipline))];
  const settings: Settings = {
    general: defaultGeneral('2026-09-01'),
    weights: defaultWeights(),
    classLevels: [],
    slots,
    teachers: teachersOf(options.teachers, slots, random, options.freeRate ?? 0.9),
    workshopTypes: workshopTypesOf(disciplines),
    envelopes: [],
    cycles: [],
    weeksOff: [],
  };
  return { pupils, competencies, settings };
}
