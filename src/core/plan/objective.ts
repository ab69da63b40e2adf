/**
 * The planner's objective, in one place: what placing a pupil in a workshop type is worth. The solver
 * (planner.ts -> search.ts), the explanations (explain.ts) and the optimality test all read it here.
 *
 *   value(pupil, type) = UTILITY_SCALE · ( weight(kind) · score(need served) · (½ if already served
 *                        earlier in the cycle) + year-goal bonus + wish bonus ),  rounded to an integer,
 *                        + the evidence tie-break (competencies assessed, at most EVIDENCE_TIE_BREAK,
 *                        less than a hundredth of score: it only orders equal scores),
 *   or FORBIDDEN when the rotation rule closes the type to the pupil.
 *
 * - Need served: remediation of the type's discipline (one vocabulary, see disciplines.ts), else the
 *   need of the type's kind.
 * - Rotation (« Cycles consécutifs max dans une même remédiation »): past the limit the remediation is
 *   closed for a cycle, unless a positionnement newer than the start of the run still shows a strong
 *   need (the evidence recorded in `AP Historique` at the start of the run differs from today's). A
 *   renewal is used once: the limit counts again from the renewed cycle (renewedSegment).
 * - Year goals (needs/goals.ts): « Objectifs de l'année selon le profil » × (1 + cycles already spent
 *   without it) × the goal's share (half for the orientation every pupil has), until the pupil has had
 *   that kind of workshop in the year.
 * - Wishes: « Vœux de l'élève » × (1 − rank / number of wishes), a secondary criterion.
 * - A lock kept without its teacher (resources.ts, SoftPin) adds KEPT_LOCK_BONUS to its workshop type:
 *   the pupil goes there whenever a group of that type can open, elsewhere otherwise.
 *
 * Which changes keep the exact solver valid: search.ts is exact for any objective that is a sum over
 * pupils of an integer value per (pupil, workshop type), or FORBIDDEN, under caps, minimum sizes and
 * teacher counts. Any utility, bonus or exclusion computed from the pupil, the type, the history and
 * earlier slots of the cycle keeps it exact. A value that depends on who else sits in the group (mixing
 * classes, pairs), on the group's size or on the teacher does not: it needs a new model in
 * slotProblem.ts and the comparison with HiGHS (test/core/plan/optimality.test.ts) extended to it.
 * Pairs (« Regroupé avec » / « Séparé de ») are therefore not in this model: pairs.ts repairs each
 * slot's groups after its optimum, and leaves them untouched when there are no pairs.
 */
import { sameDiscipline } from '../disciplines';
import type { HistoryEntry, Need, NeedKind, WorkshopType, YearGoal } from '../model';
import { compareNeeds } from '../needs/scores';
import { weightOf, type Settings } from '../settings/settings';
import { FORBIDDEN } from './transport';

/** A need already served in an earlier slot of the same cycle counts this much again. */
export const REPEAT_FACTOR = 0.5;
/** Utilities are integers: weighted scores in thousandths. */
export const UTILITY_SCALE = 1000;
/** Largest evidence tie-break, in utility units: below a hundredth of score (10 units). */
const EVIDENCE_TIE_BREAK = 9;

/**
 * The pupil's need a workshop type serves: remediation of its discipline (or, for a remediation
 * type without discipline, the strongest remediation not excluded), else the need of its kind.
 */
export function needServed(type: WorkshopType, needs: Need[], excluded: ReadonlySet<string>): Need | undefined {
  if (type.kind === 'remediation') {
    const open = needs.filter((n) => n.kind === 'remediation' && !excluded.has(n.key));
    if (type.discipline) return open.find((n) => sameDiscipline(n.discipline, type.discipline));
    return open.sort((a, b) => b.score - a.score || (b.assessed ?? 0) - (a.assessed ?? 0))[0];
  }
  return needs.find((n) => n.kind === type.kind);
}

/** Is this type closed to the pupil by the rotation rule? */
export function isExcluded(type: WorkshopType, excluded: ReadonlySet<string>): boolean {
  return type.kind === 'remediation' && !!type.discipline && excluded.has(remediationKey(type.discipline, excluded));
}

function remediationKey(discipline: string, keys: ReadonlySet<string>): string {
  for (const key of keys) if (key.startsWith('remediation:') && sameDiscipline(key.slice('remediation:'.length), discipline)) return key;
  return `remediation:${discipline}`;
}

/** Weighted score of a need, before the repeat factor. */
export function weighted(need: Need, settings: Settings): number {
  return need.score * settings.weights[need.kind];
}

/** The pupil's needs in the planner's priority: weighted score, then evidence, weight and key. */
export function rankNeeds(needs: Need[], settings: Settings): Need[] {
  const byEvidence = compareNeeds(settings);
  return [...needs].sort((a, b) => weighted(b, settings) - weighted(a, settings) || byEvidence(a, b));
}

// ---- Rotation ----

/** A run of consecutive cycles in the same remediation, just before the cycle being planned. */
export interface Run {
  /** Cycles in a row already done. */
  inARow: number;
  /** At the limit, a positionnement newer than the start of the counted part still shows a strong need. */
  renewed: boolean;
}

export interface Rotation {
  /** Remediation need keys closed this cycle, with the cycles in a row already done. */
  excluded: Map<string, number>;
  /** Every run in progress (closed or not), by need key. */
  runs: Map<string, Run>;
}

/**
 * The part of a run the limit counts: from its start, or from the last cycle a newer positionnement
 * renewed it (a cycle at the limit whose results differ from those the part began with). A renewal
 * is used once: the limit counts again from it. `evidence` is the trace of each cycle of the run, in order.
 */
export function renewedSegment(evidence: (string | undefined)[], limit: number): { cycles: number; evidence: string | undefined } {
  let start = 0;
  for (let i = 1; i < evidence.length; i++) {
    if (i - start >= limit && evidence[i] && evidence[start] && evidence[i] !== evidence[start]) start = i;
  }
  return { cycles: evidence.length - start, evidence: evidence[start] };
}

/** Runs of the pupil's remediations (history of this pupil only) and those the limit closes. */
export function rotationOf(needs: Need[], pupilHistory: HistoryEntry[], settings: Settings): Rotation {
  const { cycle, maxConsecutiveCycles, strongNeed } = settings.general;
  const excluded = new Map<string, number>();
  const runs = new Map<string, Run>();
  const disciplines: string[] = [];
  for (const h of pupilHistory) {
    if (h.kind === 'remediation' && h.discipline && !disciplines.some((d) => sameDiscipline(d, h.discipline))) disciplines.push(h.discipline);
  }
  for (const discipline of disciplines) {
    const entries = pupilHistory.filter((h) => h.kind === 'remediation' && sameDiscipline(h.discipline, discipline) && h.cycle < cycle);
    let inARow = 0;
    while (entries.some((h) => h.cycle === cycle - 1 - inARow)) inARow++;
    if (!inARow) continue;
    const need = needs.find((n) => n.kind === 'remediation' && sameDiscipline(n.discipline, discipline));
    const key = need?.key ?? `remediation:${discipline}`;
    const evidence = Array.from({ length: inARow }, (_, i) => entries.find((h) => h.cycle === cycle - inARow + i && h.evidence)?.evidence);
    const segment = renewedSegment(evidence, maxConsecutiveCycles);
    // Without a recorded trace the results cannot be told apart from the run's: they count as stale.
    const newer = !!need?.evidence && !!segment.evidence && segment.evidence !== need.evidence;
    const renewed = segment.cycles >= maxConsecutiveCycles && newer && (need?.score ?? 0) >= strongNeed;
    runs.set(key, { inARow, renewed });
    if (segment.cycles >= maxConsecutiveCycles && !renewed) excluded.set(key, inARow);
  }
  return { excluded, runs };
}

// ---- Year goals ----

export interface OpenGoal extends YearGoal {
  /** 1 + past cycles of the year spent without it. */
  urgency: number;
}

/** The pupil's goals not yet met in the year (cycles before the one planned). */
export function openGoals(goals: YearGoal[], pupilHistory: HistoryEntry[], cycle: number): OpenGoal[] {
  const past = pupilHistory.filter((h) => h.cycle < cycle);
  const cyclesPlanned = new Set(past.map((h) => h.cycle)).size;
  return goals.filter((g) => !past.some((h) => h.kind === g.kind)).map((g) => ({ ...g, urgency: 1 + cyclesPlanned }));
}

/** Weighted bonus of a type for the pupil's open goals (0 once the kind was served earlier this cycle). */
export function goalBonus(type: WorkshopType, goals: OpenGoal[], settings: Settings, servedThisCycle: boolean): number {
  if (servedThisCycle) return 0;
  const goal = goals.find((g) => g.kind === type.kind);
  return goal ? weightOf(settings.weights, 'yearGoals') * goal.urgency * (goal.share ?? 1) : 0;
}

// ---- Wishes ----

/** 0-based rank of the type's kind among the pupil's wishes, or -1. */
export function wishRank(type: WorkshopType, wishes: readonly NeedKind[] | undefined): number {
  return wishes ? wishes.indexOf(type.kind) : -1;
}

export function wishBonus(type: WorkshopType, wishes: readonly NeedKind[] | undefined, settings: Settings): number {
  const rank = wishRank(type, wishes);
  return rank < 0 || !wishes ? 0 : weightOf(settings.weights, 'wishes') * (1 - rank / wishes.length);
}

// ---- Value ----

/** Bonus of the workshop type a lock keeps when its teacher or workshop changed: above any need. */
export const KEPT_LOCK_BONUS = 10;

export interface ValueParts {
  need: Need | undefined;
  /** This type is the one a lock keeps (without its teacher). */
  keptByLock?: boolean;
  /** The need was already served in an earlier slot of the cycle. */
  repeated: boolean;
  goalBonus: number;
  wishBonus: number;
}

/** The integer value the solver maximises (before the placement constant added in planner.ts). */
export function utility(parts: ValueParts, settings: Settings): number {
  const needValue = parts.need ? weighted(parts.need, settings) * (parts.repeated ? REPEAT_FACTOR : 1) : 0;
  const tieBreak = parts.need && !parts.repeated ? Math.min(parts.need.assessed ?? 0, EVIDENCE_TIE_BREAK) : 0;
  const lock = parts.keptByLock ? KEPT_LOCK_BONUS : 0;
  return Math.round(UTILITY_SCALE * (needValue + parts.goalBonus + parts.wishBonus + lock)) + tieBreak;
}

/**
 * The solver's values: utility plus one constant larger than any pupil's best utility, so that
 * placing one more pupil always beats any gain in utility (everyone placed first, then the best fit).
 */
export function placementValues(u: Int32Array, pupils: number, types: number): Int32Array {
  let place = 1;
  for (let p = 0; p < pupils; p++) {
    let best = 0;
    for (let t = 0; t < types; t++) best = Math.max(best, u[p * types + t]);
    place += best;
  }
  return Int32Array.from(u, (x) => (x === FORBIDDEN ? FORBIDDEN : place + x));
}
