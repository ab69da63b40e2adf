/**
 * Need scores of one pupil, each between 0 and 1 with its French reasons.
 *
 * - Remediation, per discipline assessed: share of « non acquis » (ECA counting half) among the
 *   competencies assessed, raised when the pupil overestimates these weak competencies in the
 *   autopositionnement (weight « selfGap ») and for the « Pourquoi pas ? » profile (weight « profile »),
 *   then scaled by the evidence: n assessed competencies count n / (n + prudence), so that 1 item never
 *   weighs like 8. Not assessed never counts; a result of an older positionnement counts « olderRound »
 *   of a recent one (see `resultRecency`).
 * - Methodology: breadth and depth of the difficulties (several disciplines at once), competencies of
 *   a methodology / transversal domain, underestimation (confidence), « Malgré eux » profile.
 * - Orientation / project: the project (passerelle, project to build...), « Malgré eux » profile.
 * - Approfondissement: pupils at ease (AP is for all pupils), BTS project, « Contents d'être là ».
 * The kind weights (remediation, methodology...) are applied by the planner, not here.
 */
import { canonicalDiscipline, isUnspecifiedDiscipline } from '../disciplines';
import type { AssessmentResult, AssessmentRound, Need, Pupil } from '../model';
import { weightOf, type Settings } from '../settings/settings';
import { disciplineInSentence, PROJECT_LABELS, profilePhrase } from './labels';

/** Overestimation (mean gap on weak competencies, 0..1) from which the reason is worth saying. */
const NOTABLE_GAP = 0.15;
/** Difficulty share from which a discipline counts as « en difficulté ». */
const DIFFICULT_SHARE = 0.5;
/** Share of competencies acquired from which a pupil is said « à l'aise »: a clear majority. */
export const AT_EASE_SHARE = 2 / 3;

/** The pupil's words for orientation when the interview says nothing: the part of AP every pupil has. */
export const ORIENTATION_FOR_ALL = 'accompagnement au choix d’orientation';

/** Do the results say « à l'aise »: a clear majority of the competencies assessed acquired (or better). */
export function atEase(acquired: number, assessed: number): boolean {
  return assessed > 0 && acquired >= AT_EASE_SHARE * assessed;
}

interface Tally {
  /** Counts, for the sentences. */
  total: number;
  notAcquired: number;
  inProgress: number;
  veryGood: number;
  /** The same counts weighted by recency, for the scores. */
  weight: number;
  weightedDifficulty: number;
  /** Index of the latest positionnement behind the tally (-1: not known). */
  latestRound: number;
  /** Σ max(0, self − team) / 3 over weak competencies also self-assessed, and their count. */
  over: number;
  overCount: number;
  /** Σ max(0, team − self) / 3 over competencies also self-assessed, and their count. */
  under: number;
  underCount: number;
}

function emptyTally(): Tally {
  return { total: 0, notAcquired: 0, inProgress: 0, veryGood: 0, weight: 0, weightedDifficulty: 0, latestRound: -1, over: 0, overCount: 0, under: 0, underCount: 0 };
}

/** Share of difficulty, recent results weighing more: « non acquis » 1, ECA 0.5. */
function difficulty(t: Tally): number {
  return t.weight === 0 ? 0 : t.weightedDifficulty / t.weight;
}

/** How far `assessed` competencies can be trusted: n / (n + prudence). */
export function evidenceFactor(assessed: number, prudence: number): number {
  return assessed === 0 ? 0 : assessed / (assessed + Math.max(0, prudence));
}

/** Compact trace of a tally, stored in `AP Historique` to tell a newer positionnement from the same one. */
function evidenceTrace(t: Tally): string {
  return `${t.notAcquired}/${t.inProgress}/${t.total}`;
}

interface Recency {
  /** The latest round that holds a result of the pupil counts 1, each earlier round `older` times less. */
  weight(r: AssessmentResult): number;
  /** Index of the round a result comes from, -1 when there are not several rounds. */
  round(r: AssessmentResult): number;
}

/** Age of each result's positionnement. Without several rounds every result counts 1. */
export function resultRecency(pupil: Pupil, rounds: AssessmentRound[], older: number): Recency {
  if (rounds.length < 2) return { weight: () => 1, round: () => -1 };
  const where = (r: AssessmentResult): string => `${r.competencyId}|${r.source.sheet}|${r.source.cell}`;
  const roundOf = new Map<string, number>();
  rounds.forEach((round, index) => {
    for (const entry of round.results) if (entry.pupilId === pupil.id) roundOf.set(where(entry.result), index);
  });
  const latest = Math.max(-1, ...roundOf.values());
  return {
    weight: (r) => {
      const index = roundOf.get(where(r));
      return index === undefined ? 1 : Math.pow(older, latest - index);
    },
    round: (r) => roundOf.get(where(r)) ?? -1,
  };
}

const clamp = (x: number): number => Math.round(Math.min(1, Math.max(0, x)) * 100) / 100;

/**
 * Needs from the strongest: score, then evidence (more competencies assessed), then the coordinator's
 * weight of the kind, then the key — a deterministic order for equal scores.
 */
export function compareNeeds(settings: Settings): (a: Need, b: Need) => number {
  return (a, b) =>
    b.score - a.score || (b.assessed ?? 0) - (a.assessed ?? 0) || settings.weights[b.kind] - settings.weights[a.kind] || (a.key < b.key ? -1 : a.key > b.key ? 1 : 0);
}

function plural(n: number, one: string, many: string): string {
  return `${n} ${n > 1 ? many : one}`;
}

/** « 5 compétences sur 7 non acquises et 2 en cours d'acquisition » */
function difficultyPhrase(t: Tally): string {
  const base = `${t.notAcquired || t.inProgress} compétence${(t.notAcquired || t.inProgress) > 1 ? 's' : ''} sur ${t.total}`;
  if (t.notAcquired === 0) return `${base} en cours d’acquisition`;
  const na = `${base} non acquise${t.notAcquired > 1 ? 's' : ''}`;
  return t.inProgress > 0 ? `${na} et ${t.inProgress} en cours d’acquisition` : na;
}

export function pupilNeeds(
  pupil: Pupil,
  disciplineOf: Map<string, string>,
  methodDisciplines: ReadonlySet<string>,
  settings: Settings,
  rounds: AssessmentRound[] = [],
): Need[] {
  const { weights } = settings;
  const selfLevel = new Map(pupil.selfResults.map((r) => [r.competencyId, r.level]));
  const recency = resultRecency(pupil, rounds, weightOf(weights, 'olderRound'));
  const byDiscipline = new Map<string, Tally>();
  const method = emptyTally();
  const all = emptyTally();
  const add = (t: Tally, r: AssessmentResult): void => {
    const w = recency.weight(r);
    t.latestRound = Math.max(t.latestRound, recency.round(r));
    t.total++;
    t.weight += w;
    t.weightedDifficulty += w * (r.level === 1 ? 1 : r.level === 2 ? 0.5 : 0);
    if (r.level === 1) t.notAcquired++;
    if (r.level === 2) t.inProgress++;
    if (r.level === 4) t.veryGood++;
    const self = selfLevel.get(r.competencyId);
    if (self === undefined) return;
    t.under += Math.max(0, r.level - self) / 3;
    t.underCount++;
    if (r.level <= 2) {
      t.over += Math.max(0, self - r.level) / 3;
      t.overCount++;
    }
  };
  for (const r of pupil.results) {
    const discipline = canonicalDiscipline(disciplineOf.get(r.competencyId) ?? 'Général');
    add(all, r);
    // A competency whose discipline was not read is no remediation need (the reader warns about it).
    if (isUnspecifiedDiscipline(discipline)) continue;
    if (methodDisciplines.has(discipline)) {
      add(method, r);
      continue;
    }
    if (!byDiscipline.has(discipline)) byDiscipline.set(discipline, emptyTally());
    add(byDiscipline.get(discipline)!, r);
  }
  const profile = pupil.profile;
  const needs: Need[] = [];

  for (const [discipline, t] of byDiscipline) {
    const share = difficulty(t);
    const over = t.overCount ? t.over / t.overCount : 0;
    const reasons: string[] = [];
    const staffReasons: string[] = [];
    let score = share + weights.selfGap * over;
    if (share > 0) reasons.push(`${difficultyPhrase(t)} en ${disciplineInSentence(discipline)}`);
    if (share > 0 && over >= NOTABLE_GAP) reasons.push(`surestime ses acquis en ${disciplineInSentence(discipline)}`);
    if (share > 0 && profile === 'maybe') {
      score += weights.profile * share;
      staffReasons.push(profilePhrase(profile));
    }
    score *= evidenceFactor(t.total, weightOf(weights, 'evidencePrudence'));
    if (clamp(score) > 0) {
      const round = rounds[t.latestRound]?.label;
      needs.push({
        key: `remediation:${discipline}`,
        kind: 'remediation',
        discipline,
        score: clamp(score),
        reasons,
        ...(staffReasons.length ? { staffReasons } : {}),
        assessed: t.total,
        evidence: evidenceTrace(t),
        ...(round ? { round } : {}),
      });
    }
  }

  const overall = difficulty(all);
  const disciplines = byDiscipline.size;
  const struggling = [...byDiscipline.values()].filter((t) => difficulty(t) >= DIFFICULT_SHARE).length;
  const under = all.underCount ? all.under / all.underCount : 0;

  const methodReasons: string[] = [];
  let methodology = 0.4 * overall;
  if (struggling >= 2) {
    methodology += 0.4 * (struggling / disciplines);
    methodReasons.push(`en difficulté dans ${struggling} disciplines sur ${disciplines}`);
  }
  if (method.total > 0 && difficulty(method) > methodology) {
    methodology = difficulty(method);
    methodReasons.push(`${difficultyPhrase(method)} en méthodologie`);
  }
  if (under >= NOTABLE_GAP) {
    methodology += weights.selfGap * under;
    methodReasons.push('sous-estime ses acquis : besoin de confiance');
  }
  const methodStaff: string[] = [];
  if (profile === 'despite' || profile === 'maybe') {
    methodology += weights.profile * (profile === 'despite' ? 1 : 0.5);
    methodStaff.push(profilePhrase(profile));
    methodReasons.push('d’après l’entretien : organiser son travail');
  }
  if (all.total === 0) {
    methodology = Math.max(methodology, 0.3);
    methodReasons.push('pas de positionnement : aide méthodologique par défaut');
  }
  if (methodReasons.length === 0 && overall > 0) methodReasons.push('quelques difficultés au positionnement');
  if (clamp(methodology) > 0) {
    needs.push({ key: 'methodology', kind: 'methodology', score: clamp(methodology), reasons: methodReasons, ...(methodStaff.length ? { staffReasons: methodStaff } : {}) });
  }

  const project = pupil.project;
  const orientationReasons: string[] = [];
  const orientationStaff: string[] = [];
  const projectWeight = { bridge: 0.7, undecided: 0.6, employment: 0.35, 'further-study': 0.3 } as const;
  let orientation = project ? projectWeight[project] : 0.3;
  orientationReasons.push(project ? PROJECT_LABELS[project] : ORIENTATION_FOR_ALL);
  if (profile === 'despite' || profile === 'maybe') {
    orientation += weights.profile * (profile === 'despite' ? 1 : 0.5);
    orientationReasons.push(profile === 'despite' ? 'construire un projet' : 'construire une identité professionnelle');
    orientationStaff.push(profilePhrase(profile));
  }
  needs.push({ key: 'orientation', kind: 'orientation', score: clamp(orientation), reasons: orientationReasons, ...(orientationStaff.length ? { staffReasons: orientationStaff } : {}) });

  const enrichmentReasons: string[] = [];
  const enrichmentStaff: string[] = [];
  let enrichment = 0;
  if (all.total > 0) {
    const ease = Math.max(0, (0.6 - overall) / 0.6);
    enrichment = 0.7 * ease + 0.2 * (all.veryGood / all.total);
    const acquired = all.total - all.notAcquired - all.inProgress;
    const counted = `${acquired} compétence${acquired > 1 ? 's' : ''} acquise${acquired > 1 ? 's' : ''} sur ${all.total}`;
    // « À l'aise » is said only when the results say so; otherwise the count alone.
    if (ease > 0 && atEase(acquired, all.total)) enrichmentReasons.push(`à l’aise : ${counted}`);
    else if (all.veryGood > 0) enrichmentReasons.push(`${plural(all.veryGood, 'compétence', 'compétences')} en très bonne maîtrise`);
    else if (ease > 0 && acquired > 0) enrichmentReasons.push(counted);
    else if (ease > 0) {
      const solid = all.total - all.notAcquired;
      enrichmentReasons.push(`${solid} compétence${solid > 1 ? 's' : ''} sur ${all.total} acquise${solid > 1 ? 's' : ''} ou en cours d’acquisition`);
    }
  }
  if (project === 'further-study') {
    enrichment += 0.2;
    enrichmentReasons.push('projet BTS : poursuite d’études');
  }
  if (profile === 'content') {
    enrichment += weights.profile;
    enrichmentStaff.push(profilePhrase(profile));
    enrichmentReasons.push('d’après l’entretien : envie d’aller plus loin');
  }
  if (clamp(enrichment) > 0) {
    needs.push({ key: 'enrichment', kind: 'enrichment', score: clamp(enrichment), reasons: enrichmentReasons, ...(enrichmentStaff.length ? { staffReasons: enrichmentStaff } : {}) });
  }

  return needs.sort(compareNeeds(settings));
}
