/**
 * computeIndicators: from the year's data (pupils, needs, current plan, history, positionnement
 * rounds, hours) to the aggregated tables of `AP Indicateurs` and of the rectorat export.
 */
import { compareLevels } from '../levels';
import type { NeedKind, PupilProject } from '../model';
import { KIND_LABELS } from '../settings/settings';
import { normalizeText } from '../text';
import { STAFF_CATEGORIES, staffInvolvement } from '../settings/staff';
import { schoolProjectsTable, surveyTable } from './optionalSheets';
import { progressTables } from './progress';
import {
  activityKey,
  activityLabel,
  activityOrder,
  KIND_ORDER,
  LevelTally,
  levelColumns,
  shareCells,
  sum,
  TOTAL_KEY,
} from './tally';
import type { IndicatorInput, Indicators, IndicatorSum, IndicatorTable } from './types';

const PROJECT_ROWS: { key: PupilProject | 'unknown'; label: string }[] = [
  { key: 'further-study', label: "Projet de poursuite d'études (BTS…)" },
  { key: 'employment', label: 'Projet d’insertion professionnelle' },
  { key: 'bridge', label: 'Passerelle / réorientation' },
  { key: 'undecided', label: 'Projet non arrêté' },
  { key: 'unknown', label: 'Projet non renseigné' },
];

const NO_LEVEL = 'Niveau non précisé';

interface Context {
  input: IndicatorInput;
  levels: string[];
  levelOf: Map<string, string>;
  cycle: number;
  /** Pupil id -> kinds of workshop attended this year (past cycles and the current plan). */
  attended: Map<string, Set<NeedKind>>;
}

function buildContext(input: IndicatorInput): Context {
  const levelOf = new Map(input.pupils.map((p) => [p.id, p.level || NO_LEVEL]));
  const levels = [...new Set([...levelOf.values(), ...input.plan.groups.map((g) => g.level || NO_LEVEL)])].sort(compareLevels);
  const cycle = input.settings.general.cycle;
  const attended = new Map<string, Set<NeedKind>>();
  const attend = (pupilId: string, kind: NeedKind) => {
    if (!levelOf.has(pupilId)) return;
    if (!attended.has(pupilId)) attended.set(pupilId, new Set());
    attended.get(pupilId)!.add(kind);
  };
  // History rows of the cycle being generated (or later) are an earlier run of it: the plan replaces them.
  for (const entry of input.history) if (entry.cycle < cycle) attend(entry.pupilId, entry.kind);
  for (const group of input.plan.groups) for (const id of group.pupilIds) attend(id, group.kind);
  return { input, levels, levelOf, cycle, attended };
}

function pupilsTable({ input, levels, levelOf }: Context): IndicatorTable {
  const tally = new LevelTally(levels);
  const placed = new Set(input.plan.groups.flatMap((g) => g.pupilIds));
  tally.declare('all', 'Élèves');
  tally.declare('placed', 'Élèves placés dans un atelier (cycle en cours)');
  tally.declare('unplaced', 'Élèves sans atelier (cycle en cours)');
  for (const [id, level] of levelOf) {
    tally.add('all', 'Élèves', level, id);
    tally.add(placed.has(id) ? 'placed' : 'unplaced', '', level, id);
  }
  return {
    id: 'pupils',
    title: 'Élèves concernés',
    rowHeader: 'Effectif',
    columns: levelColumns(levels),
    rows: tally.allRows('pupils'),
    lastColumnIsSum: true,
    note: 'Tous les élèves lus dans le classeur ; « placés » : inscrits dans au moins un atelier du cycle en cours.',
  };
}

function needsTable({ input, levels, levelOf }: Context): IndicatorTable {
  const tally = new LevelTally(levels);
  const strong = input.settings.general.strongNeed;
  for (const pupil of input.needs) {
    const level = levelOf.get(pupil.pupilId);
    if (!level) continue;
    for (const need of pupil.needs) {
      if (need.score >= strong) tally.add(activityKey(need.kind, need.discipline), activityLabel(need.kind, need.discipline), level, pupil.pupilId);
    }
  }
  return {
    id: 'needs',
    title: 'Élèves par besoin fort',
    rowHeader: 'Besoin',
    columns: levelColumns(levels),
    rows: tally.allRows('pupils', activityOrder),
    lastColumnIsSum: true,
    note: `Élèves dont le score du besoin atteint ${String(strong).replace('.', ',')} (paramètre « Besoin fort à partir de ») ; un élève peut avoir plusieurs besoins forts.`,
    chart: 'bar',
  };
}

function workshopPupilsTable({ input, levels, levelOf }: Context): IndicatorTable {
  const tally = new LevelTally(levels);
  for (const group of input.plan.groups) {
    const key = activityKey(group.kind, group.discipline);
    for (const id of group.pupilIds) tally.add(key, activityLabel(group.kind, group.discipline), levelOf.get(id) ?? group.level, id);
  }
  return {
    id: 'workshop-pupils',
    title: "Élèves par type d'atelier (cycle en cours)",
    rowHeader: "Type d'atelier",
    columns: levelColumns(levels),
    rows: tally.allRows('pupils', activityOrder),
    lastColumnIsSum: true,
    note: 'Élèves inscrits dans au moins un atelier de ce type au cycle en cours.',
    chart: 'column',
  };
}

function workshopsTables({ input, levels, cycle }: Context): IndicatorTable[] {
  const current = new LevelTally(levels);
  const year = new LevelTally(levels);
  for (const group of input.plan.groups) {
    const key = activityKey(group.kind, group.discipline);
    const label = activityLabel(group.kind, group.discipline);
    current.add(key, label, group.level || NO_LEVEL, group.id);
    year.add(key, label, group.level || NO_LEVEL, `${cycle}|${group.id}`);
  }
  for (const entry of input.history) {
    if (entry.cycle >= cycle) continue;
    // A past workshop is one teacher's workshop type in one slot of one cycle.
    const id = `${entry.cycle}|${entry.slotId}|${entry.workshopTypeId}|${entry.teacher}`;
    year.add(activityKey(entry.kind, entry.discipline), activityLabel(entry.kind, entry.discipline), entry.level || NO_LEVEL, id);
  }
  const table = (id: 'workshops' | 'workshops-year', title: string, tally: LevelTally, note: string): IndicatorTable => ({
    id,
    title,
    rowHeader: "Type d'atelier",
    columns: levelColumns(levels),
    rows: tally.allRows('workshops', activityOrder),
    lastColumnIsSum: true,
    note,
  });
  return [
    table('workshops', 'Ateliers ouverts (cycle en cours)', current, 'Nombre de groupes ouverts au cycle en cours, par nature.'),
    table('workshops-year', "Ateliers menés sur l'année", year, `Groupes des cycles 1 à ${cycle} (cycles passés lus dans AP Historique, cycle ${cycle} en cours).`),
  ];
}

function coverageTable({ levels, levelOf, attended }: Context): IndicatorTable {
  const rows = KIND_ORDER.map((kind) => {
    const perLevel = levels.map((level) => {
      const ids = [...levelOf].filter(([, l]) => l === level).map(([id]) => id);
      return { num: ids.filter((id) => attended.get(id)?.has(kind)).length, den: ids.length };
    });
    return {
      key: kind,
      label: KIND_LABELS[kind],
      unit: 'pupilShare' as const,
      cells: shareCells(perLevel),
      denominatorRow: 'pupils/all',
      ...(kind === 'enrichment' && { numeratorRow: 'projects/enrichment-year' }),
    };
  });
  return {
    id: 'coverage',
    title: "Couverture sur l'année",
    rowHeader: "Nature d'atelier",
    columns: levelColumns(levels),
    rows,
    lastColumnIsSum: true,
    note: "Part des élèves du niveau ayant suivi au moins un atelier de cette nature depuis le début de l'année (historique et cycle en cours).",
    chart: 'column',
  };
}

/**
 * Pupils' involvement from `AP Suivi`: per level, the pupils followed and the share of their marked
 * sessions they attended (P or R over P, R, A and E). Absent when the workbook has no such sheet.
 */
function attendanceTable({ input, levels, levelOf }: Context): IndicatorTable | null {
  if (!input.attendance?.length) return null;
  const followed = new LevelTally(levels);
  const sessions = new Map(levels.map((level) => [level, { num: 0, den: 0 }]));
  for (const record of input.attendance) {
    const id = record.pupilId;
    const level = levelOf.get(id);
    if (!level) continue;
    const { P, A, R, E } = record.marks;
    followed.add('followed', 'Élèves suivis dans AP Suivi', level, id);
    const share = sessions.get(level)!;
    share.num += P + R;
    share.den += P + A + R + E;
  }
  followed.declare('followed', 'Élèves suivis dans AP Suivi');
  const perLevel = levels.map((level) => sessions.get(level)!);
  return {
    id: 'attendance',
    title: 'Implication des élèves : présence aux ateliers',
    rowHeader: 'Élèves',
    columns: levelColumns(levels),
    rows: [
      followed.row('followed', 'pupils'),
      { key: 'presence', label: 'Part des séances suivies (présent ou en retard)', unit: 'sessionShare', cells: shareCells(perLevel) },
    ],
    lastColumnIsSum: true,
    note: "Feuille AP Suivi : une ligne par élève et cycle, une colonne par séance notée P (présent), A (absent), R (retard) ou E (excusé) ; part = (P + R) / (P + A + R + E).",
  };
}

function projectsTable({ input, levels, levelOf, attended }: Context): IndicatorTable {
  const tally = new LevelTally(levels);
  for (const row of PROJECT_ROWS) tally.declare(row.key, row.label);
  tally.declare('enrichment-year', "Élèves ayant suivi un approfondissement dans l'année");
  for (const pupil of input.pupils) {
    const level = levelOf.get(pupil.id)!;
    tally.add(pupil.project ?? 'unknown', '', level, pupil.id);
    if (attended.get(pupil.id)?.has('enrichment')) tally.add('enrichment-year', '', level, pupil.id);
  }
  return {
    id: 'projects',
    title: "Projets des élèves et approfondissement",
    rowHeader: 'Élèves',
    columns: levelColumns(levels),
    rows: tally.allRows('pupils'),
    lastColumnIsSum: true,
    note: "Projet lu dans la feuille d'entretiens ; l'approfondissement vise notamment la poursuite d'études (BTS).",
  };
}

function hoursTable({ input, levels }: Context): IndicatorTable | null {
  const regime = normalizeText(input.settings.general.regime);
  // The chosen regime's row, else the only regime that has this level (CAP levels under « CAP 2019 »).
  const envelopeOf = (level: string) => {
    const rows = input.settings.envelopes.filter((e) => normalizeText(e.level) === normalizeText(level));
    return (rows.find((e) => normalizeText(e.regime) === regime) ?? (rows.length === 1 ? rows[0] : undefined))?.hoursPerYear ?? null;
  };
  const perLevel = input.hours
    ? [...input.hours.perLevel].sort((a, b) => compareLevels(a.level, b.level)).map((h) => [h.level, h.plannedPerPupil, h.donePerPupil, h.envelope] as const)
    : levels.map((level) => [level, null, null, envelopeOf(level)] as const);
  if (!perLevel.some(([, planned, , envelope]) => planned !== null || envelope !== null)) return null;
  return {
    id: 'hours',
    title: "Heures d'AP par élève sur l'année",
    rowHeader: 'Niveau',
    columns: [
      { key: 'planned', label: 'Prévues' },
      { key: 'done', label: 'Réalisées' },
      { key: 'envelope', label: 'Enveloppe' },
    ],
    rows: perLevel.map(([level, planned, done, envelope]) => ({ key: level, label: level, unit: 'hours' as const, cells: [planned, done, envelope] })),
    lastColumnIsSum: false,
    note: input.hours
      ? "Heures proposées à un élève du niveau sur l'année (prévues, dont réalisées aux cycles passés), face à l'enveloppe du régime horaire."
      : `Enveloppe du régime « ${input.settings.general.regime} » ; les heures prévues et réalisées viennent de la feuille AP Horaires.`,
    chart: 'column',
  };
}

/** Everyone to count once: from `AP Horaires` when given, else the declared people and those of the year's workshops. */
function peopleOf({ input, cycle }: Context): { name: string; involved: boolean }[] {
  if (input.hours) return input.hours.people;
  const involved = new Set(input.plan.groups.map((g) => g.teacher).filter(Boolean));
  for (const entry of input.history) if (entry.cycle < cycle && entry.teacher) involved.add(entry.teacher);
  const names = new Map([...input.settings.teachers.map((t) => t.name), ...involved].map((name) => [normalizeText(name), name]));
  const involvedKeys = new Set([...involved].map(normalizeText));
  return [...names].map(([key, name]) => ({ name, involved: involvedKeys.has(key) }));
}

/**
 * Teachers (the professeur documentaliste is one) and the other staff who lead AP, counted apart:
 * only teachers make the share, over the school's teaching staff when given (domain: who counts as a teacher).
 */
function teachersTable(context: Context): IndicatorTable {
  const { input } = context;
  const people = peopleOf(context);
  const staffCount = staffInvolvement(people, input.settings.teachers);
  const staffParameter = input.settings.general.teachingStaff;
  const staff = input.hours?.teachingStaff ?? (staffParameter > 0 ? staffParameter : null);
  const count = (key: string, label: string, value: number) => ({ key, label, unit: 'teachers' as const, cells: [value] });
  const otherRows = staffCount.byCategory
    .filter((c) => !STAFF_CATEGORIES.find((s) => s.key === c.category)!.teacher)
    .map((c) => count(`involved:${c.category}`, `dont ${STAFF_CATEGORIES.find((s) => s.key === c.category)!.plural} ayant animé`, c.involved));
  return {
    id: 'teachers',
    title: 'Intervenants impliqués',
    rowHeader: 'Intervenants',
    columns: [{ key: TOTAL_KEY, label: 'Établissement' }],
    rows: [
      count('declared', 'Intervenants déclarés (AP Intervenants)', people.length),
      count('involved', "Intervenants ayant animé au moins un atelier dans l'année", people.filter((p) => p.involved).length),
      count('teachers-declared', 'Enseignants déclarés (professeurs documentalistes compris)', staffCount.teachers.declared),
      count('teachers-involved', "Enseignants ayant animé au moins un atelier dans l'année", staffCount.teachers.involved),
      count('others-involved', 'Autres personnels ayant animé (CPE, PsyEN, AED, infirmier·ère, intervenants extérieurs)', staffCount.others.involved),
      ...otherRows,
      ...(staff !== null ? [count('staff', "Enseignants de l'établissement (AP Paramètres)", staff)] : []),
      {
        key: 'share',
        label: staff !== null ? "Part des enseignants de l'établissement impliqués" : 'Part des enseignants déclarés impliqués',
        unit: 'teacherShare',
        cells: [{ num: staffCount.teachers.involved, den: staff ?? staffCount.teachers.declared }],
      },
    ],
    lastColumnIsSum: false,
    note:
      (staff !== null
        ? "Enseignants ayant des heures d'AP dans l'année, rapportés à l'effectif enseignant de l'établissement (« Enseignants de l'établissement », AP Paramètres)."
        : "Enseignants ayant des heures d'AP dans l'année, rapportés aux enseignants déclarés : renseignez « Enseignants de l'établissement » dans AP Paramètres pour la part de l'équipe enseignante.") +
      ' Catégorie lue dans la colonne « Catégorie » d’AP Intervenants (vide : enseignant) ; CPE, PsyEN, AED, infirmier·ère et intervenants extérieurs sont comptés à part.',
  };
}

/**
 * Workshop sessions per level: planned over the year, then for the cycles already past those
 * planned, those done (« Heures faites » of AP Horaires in sessions) and those with nothing typed.
 */
function sessionsTable({ input, levels }: Context): IndicatorTable | null {
  if (!input.hours?.sessions) return null;
  const columnOf = new Map(levels.map((level, i) => [normalizeText(level), i]));
  const totals = { planned: levels.map(() => 0), due: levels.map(() => 0), done: levels.map(() => 0), doneWithin: levels.map(() => 0), unreported: levels.map(() => 0) };
  for (const s of input.hours.sessions) {
    const i = columnOf.get(normalizeText(s.level || NO_LEVEL));
    if (i === undefined) continue;
    totals.planned[i] += s.planned;
    if (!s.past) continue;
    totals.due[i] += s.planned;
    if (s.done === null) totals.unreported[i] += s.planned;
    else {
      totals.done[i] += s.done;
      totals.doneWithin[i] += Math.min(s.done, s.planned);
    }
  }
  const tenth = (n: number) => Math.round(n * 10) / 10;
  const countRow = (key: string, label: string, values: number[]) => {
    const cells = values.map(tenth);
    return { key, label, unit: 'count' as const, cells: [...cells, sum(cells)] };
  };
  return {
    id: 'sessions',
    title: "Séances d’atelier prévues et faites",
    rowHeader: 'Séances',
    columns: levelColumns(levels),
    rows: [
      countRow('planned', "Séances prévues sur l’année (cycles à venir compris)", totals.planned),
      countRow('due', `Séances prévues aux cycles écoulés (avant le cycle ${input.settings.general.cycle})`, totals.due),
      countRow('done', 'Séances faites aux cycles écoulés', totals.done),
      countRow('unreported', 'Séances des cycles écoulés sans heures faites saisies', totals.unreported),
      {
        key: 'share',
        label: 'Part des séances des cycles écoulés faites',
        unit: 'sessionShare',
        cells: shareCells(levels.map((_, i) => ({ num: tenth(totals.doneWithin[i]), den: totals.due[i] }))),
      },
    ],
    lastColumnIsSum: true,
    note: "Une séance est une réunion d’un atelier (un intervenant, une barrette, une semaine). Faites : « Heures faites » saisies dans AP Horaires, divisées par la durée d’une séance ; la part compte au plus les séances prévues de chaque atelier.",
  };
}

/** Aggregated indicators of the AP scheme; deterministic, no pupil identity in the result. */
export function computeIndicators(input: IndicatorInput): Indicators {
  const context = buildContext(input);
  const progress = progressTables(input, context.levels);
  const hours = hoursTable(context);
  const sessions = sessionsTable(context);
  const pupils = pupilsTable(context);
  const projects = projectsTable(context);
  const attendance = attendanceTable(context);
  const tables: IndicatorTable[] = [
    pupils,
    needsTable(context),
    workshopPupilsTable(context),
    ...workshopsTables(context),
    coverageTable(context),
    projects,
    ...(hours ? [hours] : []),
    ...(sessions ? [sessions] : []),
    teachersTable(context),
    ...(attendance ? [attendance] : []),
    ...(input.schoolProjects ? [schoolProjectsTable(input.schoolProjects)] : []),
    ...(input.survey?.length ? [surveyTable(input.survey)] : []),
    ...(progress ? [progress.mastery, progress.progress] : []),
  ];
  const sums: IndicatorSum[] = [
    { total: 'pupils/all', parts: ['pupils/placed', 'pupils/unplaced'] },
    { total: 'pupils/all', parts: PROJECT_ROWS.map((r) => `projects/${r.key}`) },
  ];
  const total = (table: IndicatorTable, row: string) => {
    const cell = table.rows.find((r) => r.key === row)?.cells.at(-1);
    return typeof cell === 'number' ? cell : 0;
  };
  const teachers = tables.find((t) => t.id === 'teachers')!;
  return {
    levels: context.levels,
    tables,
    sums,
    summary: {
      cycle: context.cycle,
      pupils: total(pupils, 'all'),
      placed: total(pupils, 'placed'),
      workshops: input.plan.groups.length,
      teachersInvolved: total(teachers, 'teachers-involved'),
      teachersTotal: total(teachers, 'teachers-declared'),
      furtherStudy: total(projects, 'further-study'),
      enrichmentYear: total(projects, 'enrichment-year'),
      progress: progress ? { before: progress.before, after: progress.after } : null,
    },
  };
}
