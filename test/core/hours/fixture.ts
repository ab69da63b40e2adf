/**
 * A small school year, counted by hand: cycle 1 is past (history), cycle 2 generated (plan), cycle 3
 * forecast. Sessions per slot and cycle (Tuesday 2nde 1.5 h, Thursday 1re 2 h, Wednesday CAP 1 1 h):
 *   cycle 1 (07/09-23/10/2026): Tue 7, Thu 7
 *   cycle 2 (02/11-18/12/2026): Tue 7, Thu 5 (PFMP 1re 16-27/11), Wed 6 (11/11 off for all)
 *   cycle 3 (04/01-19/02/2027): Tue 6 (PFMP 2nde 08-12/02), Thu 7, Wed 7
 */
import type { Group, HistoryEntry, NeedKind, PayStatus, Plan, Slot, Teacher } from '../../../src/core/model';
import { DEFAULT_ENVELOPES } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/settings';

const source = { sheet: 'AP Paramètres', cell: 'A1' };

function slot(id: string, level: string, day: string, durationHours: number): Slot {
  return { id, level, day, time: '10h', durationHours, source };
}

function teacher(name: string, payStatus: PayStatus, maxHours?: number): Teacher {
  return { name, disciplines: [], kinds: [], freeSlots: [], payStatus, maxHours, source: { sheet: 'AP Intervenants', cell: 'A2' } };
}

export const SLOT_2NDE = '2nde mardi 10h';
export const SLOT_1RE = '1re jeudi 14h';
export const SLOT_CAP = 'CAP 1 mercredi 10h';

export function fixtureSettings(): Settings {
  return {
    general: {
      cycle: 2,
      schoolYear: '2026-2027',
      establishmentName: 'Lycée des Métiers',
      uai: '0750655E',
      academy: 'Paris',
      maskThreshold: 5,
      maxConsecutiveCycles: 2,
      strongNeed: 0.6,
      regime: 'Bac pro 2019',
      weeksPerCycle: 7,
      envelopeTolerance: 5,
      followUpAbsences: 3,
      reachedNeedFactor: 0.5,
      teachingStaff: 40,
      pacteHoursPerPart: 24,
      pacteAmount: 1250,
    },
    weights: { remediation: 1, methodology: 0.9, orientation: 0.9, enrichment: 0.8, selfGap: 0.5, profile: 0.3 },
    classLevels: [],
    slots: [slot(SLOT_2NDE, '2nde', 'mardi', 1.5), slot(SLOT_1RE, '1re', 'Jeudi', 2), slot(SLOT_CAP, 'CAP 1', 'mercredi', 1)],
    teachers: [
      teacher('Mme Martin', 'HSA', 40),
      teacher('M. Durand', 'HSE'),
      teacher('Mme Petit', 'HP'),
      teacher('M. Leroy', 'HSE'),
      teacher('M. Absent', 'HP'),
    ],
    workshopTypes: [],
    envelopes: DEFAULT_ENVELOPES.map((e) => ({ ...e })),
    cycles: [
      { cycle: 1, start: '2026-09-07', end: '2026-10-23' },
      { cycle: 2, start: '2026-11-02', end: '2026-12-18' },
      { cycle: 3, start: '2027-01-04', end: '2027-02-19' },
    ],
    weeksOff: [
      { start: '2026-11-11', end: '2026-11-11', label: 'Armistice', level: '' },
      { start: '2026-11-16', end: '2026-11-27', label: 'PFMP 1re', level: '1re' },
      { start: '2026-12-19', end: '2027-01-03', label: 'Noël', level: '' },
      { start: '2027-02-08', end: '2027-02-12', label: 'PFMP 2nde', level: '2de' },
    ],
  };
}

function group(id: string, level: string, slotId: string, workshopTypeId: string, kind: NeedKind, teacherName: string, pupils = 8): Group {
  const pupilIds = Array.from({ length: pupils }, (_, i) => `${id}-p${i}`);
  return { id, level, slotId, workshopTypeId, kind, teacher: teacherName, capacity: 12, minSize: 4, pupilIds, sharedNeed: '' };
}

export function fixturePlan(): Plan {
  return {
    groups: [
      group('2nde-G1', '2nde', SLOT_2NDE, 'Remédiation Mathématiques', 'remediation', 'Mme Martin'),
      group('2nde-G2', '2nde', SLOT_2NDE, 'Méthodologie', 'methodology', 'M. Durand'),
      group('1re-G1', '1re', SLOT_1RE, 'Orientation', 'orientation', 'Mme Petit'),
      group('1re-G2', '1re', SLOT_1RE, 'Remédiation Français', 'remediation', 'M. Durand'),
      group('CAP-G1', 'CAP 1', SLOT_CAP, 'Remédiation Mathématiques', 'remediation', 'Mme Martin'),
      group('CAP-G2', 'CAP 1', SLOT_CAP, 'Approfondissement', 'enrichment', 'm. leroy'),
      group('CAP-G3', 'CAP 1', SLOT_CAP, 'Orientation', 'orientation', 'Mme Petit', 0),
    ],
    assignments: [],
    unassigned: [],
    objective: 0,
    diagnostics: [],
  };
}

function pupilsIn(cycle: number, level: string, slotId: string, workshopTypeId: string, kind: NeedKind, teacherName: string, count: number): HistoryEntry[] {
  return Array.from({ length: count }, (_, i) => ({
    cycle,
    pupilId: `${slotId}-${workshopTypeId}-${i}`,
    pupilName: `Élève ${i}`,
    className: level === '1re' ? '1MELEC' : '2MELEC',
    level,
    slotId,
    workshopTypeId,
    kind,
    teacher: teacherName,
  }));
}

export function fixtureHistory(): HistoryEntry[] {
  return [
    ...pupilsIn(1, '2nde', SLOT_2NDE, 'Remédiation Mathématiques', 'remediation', 'Mme Martin', 6),
    ...pupilsIn(1, '2nde', SLOT_2NDE, 'Approfondissement', 'enrichment', 'M. Leroy', 5),
    ...pupilsIn(1, '1re', SLOT_1RE, 'Orientation', 'orientation', 'Mme Petit', 9),
    ...pupilsIn(1, '1re', 'Ancienne barrette', 'Orientation', 'orientation', 'Mme Petit', 2),
    // A previous generation of the current cycle: replaced by the plan.
    ...pupilsIn(2, '2nde', SLOT_2NDE, 'Remédiation Mathématiques', 'remediation', 'M. Durand', 4),
  ];
}
