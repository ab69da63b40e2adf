/** Hand-made pupils, teachers and slots for readable planner scenarios. */
import type { Competency, MasteryLevel, NeedKind, Pupil, PupilProfile, PupilProject, Slot, Teacher, WorkshopType } from '../../../src/core/model';
import { defaultGeneral, defaultWeights } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/settings';

const source = { sheet: 'scénario', cell: 'A1' };

/** Competencies `Discipline|c1`..`cN` for each discipline. */
export function competencies(perDiscipline: Record<string, number>): Competency[] {
  return Object.entries(perDiscipline).flatMap(([discipline, n]) =>
    Array.from({ length: n }, (_, i) => ({ id: `${discipline}|c${i + 1}`, discipline, label: `c${i + 1}` })),
  );
}

export function pupil(
  name: string,
  level: string,
  results: Record<string, MasteryLevel[]>,
  extra: { className?: string; profile?: PupilProfile; project?: PupilProject; self?: Record<string, MasteryLevel[]> } = {},
): Pupil {
  const className = extra.className ?? `${level === '2nde' ? '2' : level === '1re' ? '1' : 'T'}MELEC`;
  const toResults = (r: Record<string, MasteryLevel[]>) =>
    Object.entries(r).flatMap(([discipline, levels]) => levels.map((l, i) => ({ competencyId: `${discipline}|c${i + 1}`, level: l, source })));
  return {
    id: `nom:${className}|${name.toLowerCase()}`,
    lastName: name,
    firstName: 'Élève',
    displayName: `${name} Élève`,
    className,
    level,
    results: toResults(results),
    selfResults: extra.self ? toResults(extra.self) : [],
    ...(extra.profile ? { profile: extra.profile } : {}),
    ...(extra.project ? { project: extra.project } : {}),
    sources: [source],
  };
}

export function slot(level: string, day: string, time: string, durationHours = 1.5): Slot {
  return { id: `${level} ${day} ${time}`, level, day, time, durationHours, source };
}

export function teacher(name: string, disciplines: string[], kinds: NeedKind[], freeSlots: Slot[], maxHours?: number): Teacher {
  return { name, disciplines, kinds, freeSlots: freeSlots.map((s) => s.id), payStatus: 'HP', ...(maxHours !== undefined ? { maxHours } : {}), source };
}

export function workshop(id: string, kind: NeedKind, cap: number, minSize: number, discipline?: string): WorkshopType {
  return { id, kind, cap, minSize, ...(discipline ? { discipline } : {}), source };
}

export function settingsWith(parts: { slots: Slot[]; teachers: Teacher[]; workshopTypes: WorkshopType[]; cycle?: number }): Settings {
  const general = defaultGeneral('2026-09-01');
  if (parts.cycle) general.cycle = parts.cycle;
  return {
    general,
    weights: defaultWeights(),
    classLevels: [],
    slots: parts.slots,
    teachers: parts.teachers,
    workshopTypes: parts.workshopTypes,
    envelopes: [],
    cycles: [],
    weeksOff: [],
  };
}
