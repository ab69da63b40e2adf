/**
 * Progress between two positionnements: per discipline, how pupils assessed both times are spread
 * over the mastery scale before and after, and the share of those who had « non acquis » whose
 * count of « non acquis » fell.
 */
import type { AssessmentResult, Competency, MasteryLevel } from '../model';
import { capitalizeName, normalizeText } from '../text';
import { levelColumns, shareCells, slug, sum } from './tally';
import type { IndicatorInput, IndicatorTable } from './types';

interface Round {
  label: string;
  /** pupil id -> discipline -> mastery levels of that discipline's competencies. */
  levels: Map<string, Map<string, MasteryLevel[]>>;
}

export interface ProgressTables {
  before: string;
  after: string;
  mastery: IndicatorTable;
  progress: IndicatorTable;
}

const MASTERY_COLUMNS = [
  { key: '1', label: 'Insuffisante (NA)' },
  { key: '2', label: 'Fragile (ECA)' },
  { key: '3', label: 'Satisfaisante (A)' },
  { key: '4', label: 'Très bonne' },
  { key: 'evaluated', label: 'Élèves évalués deux fois' },
];

/** Discipline of a competency, as the workbook writes it. */
function disciplineNamer(input: IndicatorInput): (competencyId: string) => string {
  const byId = new Map<string, Competency>((input.competencies ?? []).map((c) => [c.id, c]));
  const byNormalised = new Map<string, string>();
  for (const c of input.competencies ?? []) byNormalised.set(normalizeText(c.discipline), c.discipline);
  for (const p of input.needs) for (const n of p.needs) if (n.discipline) byNormalised.set(normalizeText(n.discipline), n.discipline);
  return (competencyId) => {
    const known = byId.get(competencyId);
    if (known) return known.discipline;
    const stem = competencyId.split('|')[0];
    return byNormalised.get(normalizeText(stem)) ?? capitalizeName(stem);
  };
}

function toRound(label: string, results: { pupilId: string; result: AssessmentResult }[], discipline: (id: string) => string): Round {
  const levels = new Map<string, Map<string, MasteryLevel[]>>();
  for (const { pupilId, result } of results) {
    if (!levels.has(pupilId)) levels.set(pupilId, new Map());
    const byDiscipline = levels.get(pupilId)!;
    const name = discipline(result.competencyId);
    byDiscipline.set(name, [...(byDiscipline.get(name) ?? []), result.level]);
  }
  return { label, levels };
}

/** The two positionnements to compare: the first and the last of the rounds read (oldest first). */
function roundsToCompare(input: IndicatorInput, discipline: (id: string) => string): { before: Round; after: Round } | null {
  const { rounds } = input;
  if (rounds.length < 2) return null;
  const first = rounds[0];
  const last = rounds[rounds.length - 1];
  return { before: toRound(first.label, first.results, discipline), after: toRound(last.label, last.results, discipline) };
}

/** Where a pupil stands in a discipline: the rounded mean of their mastery levels. */
function overallLevel(levels: MasteryLevel[]): number {
  return Math.min(4, Math.max(1, Math.round(sum(levels) / levels.length)));
}

const notAcquired = (levels: MasteryLevel[]) => levels.filter((l) => l === 1).length;

export function progressTables(input: IndicatorInput, levels: string[]): ProgressTables | null {
  const discipline = disciplineNamer(input);
  const compared = roundsToCompare(input, discipline);
  if (!compared) return null;
  const { before, after } = compared;
  const levelOf = new Map(input.pupils.map((p) => [p.id, p.level]));

  // discipline -> pupils assessed in it both times
  const paired = new Map<string, string[]>();
  for (const [pupilId, byDiscipline] of before.levels) {
    if (!levelOf.has(pupilId)) continue;
    for (const name of byDiscipline.keys()) {
      if (!after.levels.get(pupilId)?.get(name)?.length) continue;
      paired.set(name, [...(paired.get(name) ?? []), pupilId]);
    }
  }
  if (!paired.size) return null;
  const disciplines = [...paired.keys()].sort((a, b) => a.localeCompare(b, 'fr'));

  const masteryRows = disciplines.flatMap((name) =>
    ([['before', before], ['after', after]] as const).map(([when, round]) => {
      const counts = [0, 0, 0, 0];
      for (const pupilId of paired.get(name)!) counts[overallLevel(round.levels.get(pupilId)!.get(name)!) - 1]++;
      return { key: `${slug(name)}:${when}`, label: `${name} — ${round.label}`, unit: 'pupils' as const, cells: [...counts, sum(counts)] };
    }),
  );

  const progressRows = disciplines.map((name) => {
    const perLevel = levels.map((level) => {
      let num = 0;
      let den = 0;
      for (const pupilId of paired.get(name)!) {
        if (levelOf.get(pupilId) !== level) continue;
        const was = notAcquired(before.levels.get(pupilId)!.get(name)!);
        if (was === 0) continue;
        den++;
        if (notAcquired(after.levels.get(pupilId)!.get(name)!) < was) num++;
      }
      return { num, den };
    });
    return { key: slug(name), label: name, unit: 'pupilShare' as const, cells: shareCells(perLevel) };
  });

  return {
    before: before.label,
    after: after.label,
    mastery: {
      id: 'mastery',
      title: `Maîtrise par discipline : ${before.label} puis ${after.label}`,
      rowHeader: 'Discipline — positionnement',
      columns: MASTERY_COLUMNS,
      rows: masteryRows,
      lastColumnIsSum: true,
      note: 'Élèves évalués dans la discipline aux deux positionnements, classés selon la moyenne arrondie de leurs niveaux de maîtrise.',
      chart: 'bar',
    },
    progress: {
      id: 'progress',
      title: `Progrès entre ${before.label} et ${after.label}`,
      rowHeader: 'Discipline',
      columns: levelColumns(levels),
      rows: progressRows,
      lastColumnIsSum: true,
      note: '« Non acquis » en recul : part des élèves qui avaient au moins un « non acquis » dans la discipline et en ont moins au second positionnement.',
      chart: 'column',
    },
  };
}
