/** The planner's French explanations: why this workshop for this pupil, what a group shares. */
import type { Need, WorkshopType } from '../model';
import { disciplineInSentence, needLabel, needShortLabel } from '../needs/labels';
import type { Settings } from '../settings/settings';
import { frenchNumber } from '../text';
import { needServed, weighted } from './values';

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
  /** Needs by decreasing weighted score (the planner's priority). */
  ranked: Need[];
  /** Remediation need keys closed by the history rule, with the cycles in a row already done. */
  excluded: Map<string, number>;
  excludedKeys: ReadonlySet<string>;
  /** Need keys already served earlier in this cycle, with where (« barrette lundi 9 h »). */
  earlier: Map<string, string>;
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

/** Why a stronger need than the one served was not served in this slot. */
function whyNot(need: Need, pupil: PupilContext, view: SlotView, settings: Settings, heldForMinimum: boolean): string {
  const head = `${needShortLabel(need)} (${frenchNumber(need.score)})`;
  const inARow = pupil.excluded.get(need.key);
  if (inARow !== undefined) {
    return `${head} écarté après ${inARow} cycles de suite, besoin sous ${frenchNumber(settings.general.strongNeed)}`;
  }
  const where = pupil.earlier.get(need.key);
  if (where) return `${head} déjà suivi ${where}`;
  const serving = view.types.filter((t) => view.open.has(t) && servedBy(pupil, t)?.key === need.key);
  if (!serving.length) return `${head} : pas d’atelier dans cette barrette`;
  if (serving.every((t) => view.full.has(t))) return `${head} complet dans cette barrette`;
  return heldForMinimum ? `${head} : places libres, mais ce groupe en avait besoin pour atteindre son effectif minimum` : `${head} : places libres, réparties au mieux entre les élèves`;
}

/**
 * One sentence: « Remédiation mathématiques : besoin le plus fort (0,82) » or
 * « Aide méthodologique : besoin n°2 (0,55) ; Français (0,82) complet dans cette barrette ».
 */
export function explainAssignment(
  type: WorkshopType,
  pupil: PupilContext,
  view: SlotView,
  settings: Settings,
  heldForMinimum: boolean,
): string {
  const served = servedBy(pupil, type);
  const ranked = pupil.ranked;
  let head: string;
  let above: Need[];
  if (!served) {
    head = `${type.id} : aucun besoin repéré pour cet atelier, place disponible`;
    above = ranked;
  } else {
    // Needs of equal priority do not count as « above » the one served.
    above = ranked.filter((n) => weighted(n, settings) > weighted(served, settings));
    const strongest = pupil.needs.every((n) => n.score <= served.score);
    const position = above.length === 0 ? (strongest ? 'besoin le plus fort' : 'besoin prioritaire') : `besoin n°${above.length + 1}`;
    head = `${typeLabel(type)} : ${position} (${frenchNumber(served.score)})`;
  }
  const reasons = above.slice(0, 2).map((n) => whyNot(n, pupil, view, settings, heldForMinimum));
  return `${[head, ...reasons].join(' ; ')}.`;
}

export function lockedReason(type: WorkshopType, pupil: PupilContext): string {
  const served = servedBy(pupil, type);
  const need = served ? ` (${needLabel(served)} : ${frenchNumber(served.score)})` : '';
  return `Verrou de la coordination : affectation gardée telle quelle${need}.`;
}

/** « Remédiation mathématiques : besoin moyen 0,71 ; 9 élèves sur 12 avec un besoin fort (≥ 0,60) » */
export function sharedNeed(type: WorkshopType, served: (Need | undefined)[], settings: Settings): string {
  const strong = settings.general.strongNeed;
  const scores = served.map((n) => n?.score ?? 0);
  const mean = scores.length ? scores.reduce((a, b) => a + b, 0) / scores.length : 0;
  const strongCount = scores.filter((s) => s >= strong).length;
  const count = `${strongCount} élève${strongCount > 1 ? 's' : ''} sur ${scores.length}`;
  return `${typeLabel(type)} : besoin moyen ${frenchNumber(mean)} ; ${count} avec un besoin fort (≥ ${frenchNumber(strong)})`;
}
