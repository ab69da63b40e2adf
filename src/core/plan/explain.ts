/**
 * The planner's French explanations, one sentence a pupil can hear: the evidence behind the workshop,
 * why it rather than their other top needs, and the cycle context. The values compared are those of
 * the objective (objective.ts), so the sentence says what the planner actually weighed.
 */
import type { Need, NeedKind, WorkshopType } from '../model';
import { disciplineInSentence, needLabel, needShortLabel } from '../needs/labels';
import type { Settings } from '../settings/settings';
import { frenchNumber } from '../text';
import { goalBonus, needServed, weighted, wishRank, type OpenGoal, type Rotation } from './objective';

/** What a pupil's explanation needs to know about the slot once it is planned. */
export interface SlotView {
  /** Types some teacher could lead in the slot. */
  types: WorkshopType[];
  open: Set<WorkshopType>;
  /** Open types whose groups are all at capacity. */
  full: Set<WorkshopType>;
}

export interface PupilContext {
  needs: Need[];
  /** Needs in the planner's priority (objective.ts rankNeeds): the first is the « Besoin principal ». */
  ranked: Need[];
  rotation: Rotation;
  excludedKeys: ReadonlySet<string>;
  /** Year goals not met yet. */
  goals: OpenGoal[];
  wishes?: NeedKind[];
  /** Need keys already served earlier in this cycle, with where (« barrette lundi 9 h »). */
  earlier: Map<string, string>;
  /** Kinds already served earlier in this cycle (a year goal is then met). */
  earlierKinds: Set<NeedKind>;
  /** Memo of needServed per workshop type (needs and exclusions do not change during a plan). */
  served: Map<WorkshopType, Need | undefined>;
}

/** The pupil's need a workshop type serves (see needServed), remembered. */
export function servedBy(pupil: PupilContext, type: WorkshopType): Need | undefined {
  if (!pupil.served.has(type)) pupil.served.set(type, needServed(type, pupil.needs, pupil.excludedKeys));
  return pupil.served.get(type);
}

function typeLabel(type: WorkshopType): string {
  if (type.kind === 'enrichment' && type.discipline) return `Approfondissement ${disciplineInSentence(type.discipline)}`;
  return needLabel(type);
}

/** « Positionnement de novembre » -> « positionnement de novembre » */
function lowerFirst(text: string): string {
  return text.charAt(0).toLowerCase() + text.slice(1);
}

/** « 2e », « 3e » */
function ordinal(n: number): string {
  return n === 1 ? '1er' : `${n}e`;
}

/** Why a need ranked before the one served was not served in this slot. */
function whyNot(need: Need, pupil: PupilContext, view: SlotView, settings: Settings, heldForMinimum: boolean, byGoal: boolean, tied: boolean): string {
  const head = `${needShortLabel(need)} (${frenchNumber(need.score)})`;
  const inARow = pupil.rotation.excluded.get(need.key);
  if (inARow !== undefined) {
    return `${head} laissé ce cycle après ${inARow} cycles de suite sans nouveau positionnement (maximum ${settings.general.maxConsecutiveCycles})`;
  }
  const where = pupil.earlier.get(need.key);
  if (where) return `${head} déjà suivi ${where}`;
  const serving = view.types.filter((t) => view.open.has(t) && servedBy(pupil, t)?.key === need.key);
  if (!serving.length) return `${head} : pas d’atelier possible dans cette barrette`;
  if (serving.every((t) => view.full.has(t))) return `${head} : atelier complet dans cette barrette`;
  if (byGoal) return `${head} passe après cet objectif de l’année`;
  if (tied) return `${head} : à égalité, places réparties entre les élèves`;
  return heldForMinimum
    ? `${head} : places libres, mais ce groupe en avait besoin pour atteindre son effectif minimum`
    : `${head} : places libres, réparties au mieux entre les élèves`;
}

/** « 2e cycle de suite ; besoin encore fort au nouveau positionnement » for a remediation run. */
function cycleContext(served: Need | undefined, pupil: PupilContext): string[] {
  if (!served) return [];
  const run = pupil.rotation.runs.get(served.key);
  if (!run) return [];
  const context = [`${ordinal(run.inARow + 1)} cycle de suite`];
  if (run.renewed) context.push(`besoin encore fort au ${served.round ? lowerFirst(served.round) : 'nouveau positionnement'}`);
  return context;
}

/**
 * One sentence, e.g. « Remédiation mathématiques : 5 compétences sur 7 non acquises en mathématiques
 * (besoin principal, 0,82) ; 2e cycle de suite ; besoin encore fort au nouveau positionnement. »
 */
export function explainAssignment(
  type: WorkshopType,
  pupil: PupilContext,
  view: SlotView,
  settings: Settings,
  heldForMinimum: boolean,
): string {
  const served = servedBy(pupil, type);
  const bonus = goalBonus(type, pupil.goals, settings, pupil.earlierKinds.has(type.kind));
  const goal = bonus > 0 ? pupil.goals.find((g) => g.kind === type.kind) : undefined;
  const index = served ? pupil.ranked.findIndex((n) => n.key === served.key) : -1;
  const above = index < 0 ? pupil.ranked : pupil.ranked.slice(0, index);
  const parts: string[] = [];
  if (!served) {
    parts.push(`${typeLabel(type)} : aucun besoin repéré pour cet atelier${goal ? '' : ', place disponible'}`);
  } else {
    const evidence = served.reasons.slice(0, 2).join(', ');
    const position = index === 0 ? 'besoin principal' : `besoin n°${index + 1}`;
    parts.push(`${typeLabel(type)} : ${evidence ? `${evidence} ` : ''}(${position}, ${frenchNumber(served.score)})`);
  }
  if (goal) parts.push(`objectif de l’année : ${goal.reason}`);
  const wish = wishRank(type, pupil.wishes);
  if (wish >= 0) parts.push(`${wish === 0 ? 'premier vœu' : `vœu n°${wish + 1}`} de l’élève`);
  parts.push(...cycleContext(served, pupil));
  const tied = (n: Need): boolean => !!served && weighted(n, settings) === weighted(served, settings) && (n.assessed ?? 0) === (served.assessed ?? 0);
  parts.push(...above.slice(0, 2).map((n) => whyNot(n, pupil, view, settings, heldForMinimum, !!goal, tied(n))));
  return `${parts.join(' ; ')}.`;
}

/** Why a locked pupil is where they are; `note` says what changed in the lock (teacher replaced...). */
export function lockedReason(type: WorkshopType, pupil: PupilContext, note?: string): string {
  const served = servedBy(pupil, type);
  const need = served ? ` ; ${needLabel(served)} : ${frenchNumber(served.score)}` : '';
  return `Verrou de la coordination : ${note ?? 'affectation gardée telle quelle'}${need}.`;
}

/**
 * « Remédiation mathématiques : besoin moyen 0,71 ; 9 élèves sur 12 avec un besoin fort (≥ 0,60) ;
 * 6 élèves sur 12 pour un objectif de l’année ».
 */
export function sharedNeed(type: WorkshopType, served: (Need | undefined)[], settings: Settings, forGoal = 0): string {
  const strong = settings.general.strongNeed;
  const scores = served.map((n) => n?.score ?? 0);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
  const strongCount = scores.filter((s) => s >= strong).length;
  const count = (n: number) => `${n} élève${n > 1 ? 's' : ''} sur ${scores.length}`;
  const goal = forGoal ? ` ; ${count(forGoal)} pour un objectif de l’année` : '';
  return `${typeLabel(type)} : besoin moyen ${frenchNumber(mean)} ; ${count(strongCount)} avec un besoin fort (≥ ${frenchNumber(strong)})${goal}`;
}
