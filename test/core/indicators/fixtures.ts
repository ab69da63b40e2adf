/** A small synthetic school for the indicator and export tests: deterministic, with names and INEs to hunt for. */
import { seededRandom } from '../../../src/core/example/random';
import type { IndicatorInput } from '../../../src/core/indicators';
import type { AssessmentResult, Group, HistoryEntry, MasteryLevel, NeedKind, Pupil, PupilNeeds, PupilProject } from '../../../src/core/model';
import { DEFAULT_ENVELOPES, defaultGeneral, defaultWeights } from '../../../src/core/settings/defaults';
import type { Settings } from '../../../src/core/settings/settings';

const LAST = ['MARTIN', 'BERNARD', 'THOMAS', 'PETIT', 'ROBERT', 'RICHARD', 'DURAND', 'DUBOIS', 'MOREAU', 'LAURENT', 'SIMON', 'MICHEL', 'LEFEBVRE', 'GARNIER', 'FAURE', 'ROUSSEL'];
const FIRST = ['Léa', 'Hugo', 'Chloé', 'Nathan', 'Inès', 'Yanis', 'Manon', 'Rayan', 'Jade', 'Noah', 'Zoé', 'Adam', 'Lina', 'Sacha', 'Maëlys', 'Ethan'];
const DISCIPLINES = ['Mathématiques', 'Français'];
const PROJECTS: (PupilProject | undefined)[] = ['further-study', 'employment', 'bridge', 'undecided', undefined];

export interface SchoolFixture {
  input: IndicatorInput;
  settings: Settings;
}

function settingsFor(overrides: Partial<Settings['general']> = {}): Settings {
  return {
    general: { ...defaultGeneral('2026-11-02'), cycle: 2, establishmentName: 'Lycée professionnel Jean Moulin', uai: '0750655E', academy: 'Paris', ...overrides },
    weights: defaultWeights(),
    classLevels: [],
    slots: [],
    teachers: ['Mme Arnaud', 'M. Benali', 'Mme Carpentier', 'M. Dumas', 'Mme Eloi'].map((name) => ({
      name,
      disciplines: [],
      kinds: ['remediation', 'methodology'] as NeedKind[],
      freeSlots: [],
      payStatus: 'HP' as const,
      source: { sheet: 'AP Intervenants', cell: 'A2' },
    })),
    workshopTypes: [],
    envelopes: DEFAULT_ENVELOPES,
    cycles: [],
    weeksOff: [],
  };
}

function results(random: ReturnType<typeof seededRandom>, sheet: string, row: number, shift = 0): AssessmentResult[] {
  return DISCIPLINES.flatMap((discipline, d) =>
    [0, 1, 2].map((k) => ({
      competencyId: `${discipline.toLowerCase().normalize('NFD').replace(/[\u0300-\u036f]/g, '')}|competence ${k + 1}`,
      level: Math.min(4, random.int(1, 4) + shift) as MasteryLevel,
      source: { sheet, cell: `${String.fromCharCode(67 + d * 3 + k)}${row}` },
    })),
  );
}

/** `perLevel` pupils per level; a level with fewer pupils than the threshold exercises masking. */
export function buildSchool(perLevel: Record<string, number> = { '2nde': 26, '1re': 22, Tle: 18, 'CAP 1': 3 }, seed = 42): SchoolFixture {
  const random = seededRandom(seed);
  const settings = settingsFor();
  const pupils: Pupil[] = [];
  let n = 0;
  for (const [level, count] of Object.entries(perLevel)) {
    for (let i = 0; i < count; i++, n++) {
      const lastName = `${LAST[n % LAST.length]}${n >= LAST.length ? `-${LAST[(n * 7) % LAST.length]}` : ''}`;
      const firstName = FIRST[(n * 5) % FIRST.length];
      const className = `${level.replace(' ', '')}MELEC`;
      const ine = `${String(100000000 + n * 7919).padStart(9, '0')}${String.fromCharCode(65 + (n % 26))}${String.fromCharCode(65 + ((n * 3) % 26))}`;
      pupils.push({
        id: `ine:${ine}`,
        lastName,
        firstName,
        displayName: `${lastName} ${firstName}`,
        className,
        level,
        ine,
        results: results(random, className, i + 2),
        selfResults: [],
        project: PROJECTS[n % PROJECTS.length],
        sources: [{ sheet: className, cell: `A${i + 2}` }],
      });
    }
  }
  const kinds: NeedKind[] = ['remediation', 'methodology', 'orientation', 'enrichment'];
  const needs: PupilNeeds[] = pupils.map((p, i) => ({
    pupilId: p.id,
    level: p.level,
    needs: [
      { key: 'remediation:mathematiques', kind: 'remediation', discipline: 'Mathématiques', score: (i * 37) % 100 / 100, reasons: [] },
      { key: 'remediation:francais', kind: 'remediation', discipline: 'Français', score: (i * 53) % 100 / 100, reasons: [] },
      { key: 'methodology', kind: 'methodology', score: (i * 29) % 100 / 100, reasons: [] },
      { key: 'orientation', kind: 'orientation', score: (i * 17) % 100 / 100, reasons: [] },
      { key: 'enrichment', kind: 'enrichment', score: (i * 11) % 100 / 100, reasons: [] },
    ],
  }));
  const groups: Group[] = [];
  for (const level of Object.keys(perLevel)) {
    const own = pupils.filter((p) => p.level === level);
    kinds.forEach((kind, k) => {
      const members = own.filter((_, i) => i % kinds.length === k);
      if (!members.length) return;
      groups.push({
        id: `${level}-G${k + 1}`,
        level,
        slotId: `${level} mardi 10h`,
        workshopTypeId: kind === 'remediation' ? 'Remédiation Mathématiques' : kind,
        kind,
        discipline: kind === 'remediation' ? 'Mathématiques' : undefined,
        teacher: settings.teachers[k].name,
        capacity: 14,
        minSize: 3,
        pupilIds: members.map((p) => p.id),
        sharedNeed: '',
      });
    });
  }
  const history: HistoryEntry[] = pupils.map((p, i) => ({
    cycle: 1,
    pupilId: p.id,
    pupilName: p.displayName,
    className: p.className,
    level: p.level,
    slotId: `${p.level} mardi 10h`,
    workshopTypeId: kinds[(i + 1) % 4],
    kind: kinds[(i + 1) % 4],
    ...(kinds[(i + 1) % 4] === 'remediation' && { discipline: 'Français' }),
    teacher: settings.teachers[(i + 1) % 4].name,
  }));
  const rounds = [
    { label: 'Positionnement 1', results: pupils.flatMap((p) => p.results.map((result) => ({ pupilId: p.id, result }))) },
    {
      label: 'Positionnement 2',
      results: pupils.flatMap((p, i) => results(random, `${p.className} nov`, i + 2, 1).map((result) => ({ pupilId: p.id, result }))),
    },
  ];
  return {
    settings,
    input: {
      pupils,
      needs,
      plan: { groups, assignments: [], unassigned: [], objective: 0, diagnostics: [] },
      settings,
      history,
      rounds,
    },
  };
}
