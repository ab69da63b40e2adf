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

/** What one pupil is compared on in one discipline: their first and their last positionnement in it. */
interface Pair {
  pupilId: string;
  before: MasteryLevel[];
  after: MasteryLevel[];
  /** Labels of the two positionnements, e.g. « P1 » and « P2 ». */
  transition: [string, string];
}

/**
 * Each pupil is compared between the first and the last positionnement that assessed them in the
 * discipline (rounds are oldest first): a level with a third positionnement does not hide the
 * progress of a level that has had two.
 */
function pairsByDiscipline(input: IndicatorInput, discipline: (id: string) => string, known: Set<string>): Map<string, Pair[]> {
  const rounds = input.rounds.map((r) => toRound(r.label, r.results, discipline));
  const seen = new Map<string, Map<string, { first: number; last: number }>>();
  rounds.forEach((round, index) => {
    for (const [pupilId, byDiscipline] of round.levels) {
      if (!known.has(pupilId)) continue;
      if (!seen.has(pupilId)) seen.set(pupilId, new Map());
      for (const name of byDiscipline.keys()) {
        const span = seen.get(pupilId)!.get(name);
        seen.get(pupilId)!.set(name, { first: span?.first ?? index, last: index });
      }
    }
  });
  const pairs = new Map<string, Pair[]>();
  for (const [pupilId, byDiscipline] of seen) {
    for (const [name, { first, last }] of byDiscipline) {
      if (first === last) continue;
      const pair: Pair = {
        pupilId,
        before: rounds[first].levels.get(pupilId)!.get(name)!,
        after: rounds[last].levels.get(pupilId)!.get(name)!,
        transition: [rounds[first].label, rounds[last].label],
      };
      pairs.set(name, [...(pairs.get(name) ?? []), pair]);
    }
  }
  return pairs;
}

/** « P1 → P2 » per level, « P1 → P2 (12), P1 → P3 (3) » where pupils of a level were compared on different ones. */
function transitionsByLevel(pairs: Pair[], levelOf: Map<string, string>, levels: string[]): string {
  return levels
    .map((level) => {
      const counts = new Map<string, Set<string>>();
      for (const pair of pairs.filter((p) => levelOf.get(p.pupilId) === level)) {
        const text = pair.transition.join(' → ');
        counts.set(text, (counts.get(text) ?? new Set()).add(pair.pupilId));
      }
      if (!counts.size) return '';
      const parts = [...counts].map(([text, ids]) => (counts.size > 1 ? `${text} (${ids.size} élève${ids.size > 1 ? 's' : ''})` : text));
      return `${level} : ${parts.join(', ')}`;
    })
    .filter(Boolean)
    .join(' ; ');
}

/** Where a pupil stands in a discipline: the rounded mean of their mastery levels. */
function overallLevel(levels: MasteryLevel[]): number {
  return Math.min(4, Math.max(1, Math.round(sum(levels) / levels.length)));
}

const notAcquired = (levels: MasteryLevel[]) => levels.filter((l) => l === 1).length;

export function progressTables(input: IndicatorInput, levels: string[]): ProgressTables | null {
  const discipline = disciplineNamer(input);
  const levelOf = new Map(input.pupils.map((p) => [p.id, p.level]));
  const paired = pairsByDiscipline(input, discipline, new Set(levelOf.keys()));
  if (!paired.size) return null;
  const disciplines = [...paired.keys()].sort((a, b) => a.localeCompare(b, 'fr'));
  const allPairs = [...paired.values()].flat();
  const transitions = [...new Set(allPairs.map((p) => p.transition.join('\u0000')))].map((t) => t.split('\u0000') as [string, string]);
  const single = transitions.length === 1 ? transitions[0] : null;
  const before = single ? single[0] : 'premier positionnement';
  const after = single ? single[1] : 'dernier positionnement';
  const perLevel = transitionsByLevel(allPairs, levelOf, levels);

  const masteryRows = disciplines.flatMap((name) =>
    (['before', 'after'] as const).map((when) => {
      const counts = [0, 0, 0, 0];
      for (const pair of paired.get(name)!) counts[overallLevel(pair[when]) - 1]++;
      return { key: `${slug(name)}:${when}`, label: `${name} — ${when === 'before' ? before : after}`, unit: 'pupils' as const, cells: [...counts, sum(counts)] };
    }),
  );

  const progressRows = disciplines.map((name) => {
    const shares = levels.map((level) => {
      let num = 0;
      let den = 0;
      for (const pair of paired.get(name)!) {
        if (levelOf.get(pair.pupilId) !== level) continue;
        const was = notAcquired(pair.before);
        if (was === 0) continue;
        den++;
        if (notAcquired(pair.after) < was) num++;
      }
      return { num, den };
    });
    return { key: slug(name), label: name, unit: 'pupilShare' as const, cells: shareCells(shares) };
  });

  const compared = single ? `aux deux positionnements (${single.join(' puis ')})` : `à leur premier et à leur dernier positionnement (${perLevel})`;
  return {
    before: single ? before : transitions.map((t) => t[0]).filter((l, i, all) => all.indexOf(l) === i).join(' / '),
    after: single ? after : transitions.map((t) => t[1]).filter((l, i, all) => all.indexOf(l) === i).join(' / '),
    mastery: {
      id: 'mastery',
      title: single ? `Maîtrise par discipline : ${before} puis ${after}` : 'Maîtrise par discipline : premier puis dernier positionnement de chaque élève',
      rowHeader: 'Discipline — positionnement',
      columns: MASTERY_COLUMNS,
      rows: masteryRows,
      lastColumnIsSum: true,
      note: `Élèves évalués dans la discipline ${compared}, classés selon la moyenne arrondie de leurs niveaux de maîtrise.`,
      chart: 'bar',
    },
    progress: {
      id: 'progress',
      title: single ? `Progrès entre ${before} et ${after}` : 'Progrès entre le premier et le dernier positionnement de chaque élève',
      rowHeader: 'Discipline',
      columns: levelColumns(levels),
      rows: progressRows,
      lastColumnIsSum: true,
      note: `« Non acquis » en recul : part des élèves qui avaient au moins un « non acquis » dans la discipline et en ont moins au dernier positionnement. Positionnements comparés par niveau : ${perLevel}.`,
      chart: 'column',
    },
  };
}
