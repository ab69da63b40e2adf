/**
 * The planner's French explanations: one sentence a pupil can hear — the evidence behind the workshop
 * in words, why it rather than their other top needs, the cycle context and the follow-up — and, apart,
 * the team's detail (ranks, scores, interview profile, proposals). The values compared are those of the
 * objective (objective.ts), so the sentence says what the planner actually weighed.
 */
import { sameDiscipline } from '../disciplines';
import type { HistoryEntry, Need, NeedKind, Slot, Teacher, WorkshopType } from '../model';
import { disciplineInSentence, needLabel, needShortLabel } from '../needs/labels';
import { KIND_LABELS, type Settings } from '../settings/settings';
import { frenchNumber } from '../text';
import { SHEET_NAMES } from '../workbook';
import { goalBonus, needServed, weighted, wishRank, type OpenGoal, type Rotation } from './objective';
import { canLead, isFree } from './resources';
import { formatTime } from './slots';

const NEED_KINDS: NeedKind[] = ['remediation', 'methodology', 'orientation', 'enrichment'];

/** What a pupil's explanation needs to know about the slot once it is planned. */
export interface SlotView {
  /** The slot planned (for the proposals of needs it cannot serve). */
  slot?: Slot;
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
  /** Kinds the pupil had in earlier cycles of the year (`AP Historique`). */
  had: ReadonlySet<NeedKind>;
  /** Follow-up of the last cycle about the pupil as a whole, in words they can hear (PupilNeeds.followUp). */
  followUp: string[];
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

/**
 * What the coordinator could do for a strong need no workshop of the slot serves: the workshop, the
 * slot and the teacher who could lead it (« proposition : M. Martin (mathématiques) pourrait animer
 * « Remédiation mathématiques » sur cette barrette »). For the team only: it names colleagues.
 */
export function proposalFor(need: Need, slot: Slot | undefined, settings: Settings): string {
  const label = needLabel(need);
  const types = settings.workshopTypes.filter((t) => t.kind === need.kind && (need.kind !== 'remediation' || !t.discipline || sameDiscipline(t.discipline, need.discipline)));
  if (!types.length) return `proposition : créer l’atelier « ${label} » dans ${SHEET_NAMES.workshops}`;
  const where = slot ? `la barrette ${slot.day.trim().toLowerCase()} ${formatTime(slot.time)}` : 'cette barrette';
  const leaders = settings.teachers.filter((t) => types.some((type) => canLead(t, type)));
  const who = (t: Teacher) => `${t.name}${t.disciplines.length ? ` (${t.disciplines.map(disciplineInSentence).join(', ')})` : ''}`;
  if (!leaders.length) {
    const of = need.discipline ? ` de ${disciplineInSentence(need.discipline)}` : '';
    return `proposition : aucun intervenant${of} ne peut animer « ${label} » : ajoutez-en un dans ${SHEET_NAMES.teachers} pour ${where}`;
  }
  const free = slot ? leaders.filter((t) => isFree(t, slot)) : [];
  if (free.length) return `proposition : ${free.slice(0, 2).map(who).join(' ou ')} pourrait animer « ${label} » sur ${where} (déjà pris(e) par un autre atelier ou au maximum d’heures)`;
  return `proposition : ${leaders.slice(0, 2).map(who).join(' ou ')} pourrait animer « ${label} » si ${where} est ajoutée à ses disponibilités`;
}

/** Why a need ranked before the one served was not served in this slot, in words the pupil can hear. */
function whyNot(need: Need, pupil: PupilContext, view: SlotView, settings: Settings, heldForMinimum: boolean, byGoal: boolean, tied: boolean): string {
  const head = needShortLabel(need);
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
 * What the pupil's year already held and what its goals still ask for (team column), kept short: the
 * column is written for every pupil and slot (« eu : remédiation ; à venir : orientation »).
 */
function yearPath(pupil: PupilContext, now?: NeedKind): string[] {
  const had = NEED_KINDS.filter((k) => pupil.had.has(k)).map((k) => KIND_LABELS[k].toLowerCase());
  const still = pupil.goals.filter((g) => g.kind !== now).map((g) => KIND_LABELS[g.kind].toLowerCase());
  return [...(had.length ? [`eu : ${had.join(', ')}`] : []), ...(still.length ? [`à venir : ${still.join(', ')}`] : [])];
}

/** The pupil's sentence, and the team's detail with the scores, the profile and the proposals. */
export interface Explanation {
  /** For the pupil: evidence in words, cycle context, follow-up; no score, no profile. */
  reason: string;
  /**
 * For the team only (`AP Groupes`, next to « Besoin principal » which holds the main need's score): rank
 * and score of the need served when it is not the main one, scores of the needs ranked before, proposals,
 * interview profile, the year so far. Short: it is written for every pupil and slot.
 */
  detail: string;
  /** Proposals for strong needs no workshop of the slot serves (see proposalFor). */
  proposals: string[];
}

/**
 * e.g. reason « Remédiation mathématiques : 5 compétences sur 7 non acquises en mathématiques ;
 * 2e cycle de suite ; besoin encore fort au nouveau positionnement. » and detail « eu : méthodologie ;
 * à venir : orientation ».
 */
export function explainAssignment(
  type: WorkshopType,
  pupil: PupilContext,
  view: SlotView,
  settings: Settings,
  heldForMinimum: boolean,
): Explanation {
  const served = servedBy(pupil, type);
  const bonus = goalBonus(type, pupil.goals, settings, pupil.earlierKinds.has(type.kind));
  const goal = bonus > 0 ? pupil.goals.find((g) => g.kind === type.kind) : undefined;
  const index = served ? pupil.ranked.findIndex((n) => n.key === served.key) : -1;
  const above = index < 0 ? pupil.ranked : pupil.ranked.slice(0, index);
  const parts: string[] = [];
  const detail: string[] = [];
  if (!served) {
    parts.push(`${typeLabel(type)} : aucun besoin repéré pour cet atelier${goal ? '' : ', place disponible'}`);
  } else {
    // Every reason is kept: a bilan or follow-up added last may be the one that decided.
    const evidence = served.reasons.join(', ');
    parts.push(evidence ? `${typeLabel(type)} : ${evidence}` : typeLabel(type));
    // The main need and its score are in « Besoin principal »: the detail says the rank only otherwise.
    if (index > 0) detail.push(`n°${index + 1} ${frenchNumber(served.score)}`);
  }
  if (goal) parts.push(`objectif de l’année : ${goal.reason}`);
  const wish = wishRank(type, pupil.wishes);
  if (wish >= 0) parts.push(`${wish === 0 ? 'premier vœu' : `vœu n°${wish + 1}`} de l’élève`);
  parts.push(...cycleContext(served, pupil));
  parts.push(...pupil.followUp);
  const tied = (n: Need): boolean => !!served && weighted(n, settings) === weighted(served, settings) && (n.assessed ?? 0) === (served.assessed ?? 0);
  const proposals: string[] = [];
  for (const n of above) {
    const why = whyNot(n, pupil, view, settings, heldForMinimum, !!goal, tied(n));
    parts.push(why);
    detail.push(`${needShortLabel(n)} ${frenchNumber(n.score)}`);
    if (n.score >= settings.general.strongNeed && why.endsWith('pas d’atelier possible dans cette barrette')) {
      const proposal = proposalFor(n, view.slot, settings);
      proposals.push(`${needLabel(n)} : ${proposal}`);
      detail.push(proposal);
    }
  }
  // The interview profile behind any of these needs or the goal, once.
  const staff = new Set([...(served?.staffReasons ?? []), ...above.flatMap((n) => n.staffReasons ?? []), ...(goal?.staffReason ? [goal.staffReason] : [])]);
  detail.push(...staff, ...yearPath(pupil, type.kind));
  return { reason: `${parts.join(' ; ')}.`, detail: detail.join(' ; '), proposals };
}

/** Why a locked pupil is where they are; `note` says what changed in the lock (teacher replaced...). */
export function lockedReason(type: WorkshopType, pupil: PupilContext, note?: string): Explanation {
  const served = servedBy(pupil, type);
  const need = served ? ` ; ${needLabel(served)}${served.reasons.length ? ` : ${served.reasons.join(', ')}` : ''}` : '';
  const score = served ? [`${needShortLabel(served)} ${frenchNumber(served.score)}`, ...(served.staffReasons ?? [])] : [];
  return { reason: `Verrou de la coordination : ${note ?? 'affectation gardée telle quelle'}${need}.`, detail: [...score, ...yearPath(pupil, type.kind)].join(' ; '), proposals: [] };
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

/**
 * The summary line of the year so far: how many pupils have had each kind of AP, cycles before this one
 * (`AP Historique`) and this cycle's plan together — « Parcours de l’année (cycles 1 à 3) : remédiation
 * 80 élèves sur 103 · méthodologie 41 · orientation 95 · approfondissement 30. »
 */
export function yearPathSummary(pupilIds: readonly string[], history: readonly HistoryEntry[], current: { pupilId: string; kind: NeedKind }[], cycle: number): string {
  const known = new Set(pupilIds);
  const had = new Map<NeedKind, Set<string>>(NEED_KINDS.map((k) => [k, new Set<string>()]));
  for (const h of history) if (h.cycle < cycle && known.has(h.pupilId)) had.get(h.kind)?.add(h.pupilId);
  for (const c of current) if (known.has(c.pupilId)) had.get(c.kind)?.add(c.pupilId);
  const counts = NEED_KINDS.map((k, i) => `${KIND_LABELS[k].toLowerCase()} ${had.get(k)!.size}${i === 0 ? ` élève${had.get(k)!.size > 1 ? 's' : ''} sur ${known.size}` : ''}`);
  return `Parcours de l’année (${cycle > 1 ? `cycles 1 à ${cycle}` : 'cycle 1'}) : ${counts.join(' · ')}.`;
}
