/**
 * The planner: slot after slot (in week order), open workshops with the free teachers and place
 * every pupil of the slot's level, optimally for the slot's model (see slotProblem.ts and search.ts)
 * and the objective (objective.ts). Slots are planned in sequence because they share teachers (same
 * moment, hour maximum) and because a need already served earlier in the cycle counts half later.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Assignment, Group, HistoryEntry, PairConstraint, Pin, Plan, Pupil, PupilNeeds, Slot, SourceRef, Unassigned, WorkshopType, YearGoal } from '../model';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import { normalizeText } from '../text';
import { unservedDemand } from './demand';
import { explainAssignment, lockedReason, servedBy, sharedNeed, yearPathSummary, type PupilContext, type SlotView } from './explain';
import { formGroups, type ForcedGroup, type GroupDraft } from './groups';
import { goalBonus, isExcluded, KEPT_LOCK_BONUS, openGoals, placementValues, rankNeeds, rotationOf, utility, UTILITY_SCALE, wishBonus } from './objective';
import { honourPairs } from './pairs';
import { canLead, isFree, resolvePins, TeacherBook, type ResolvedPin, type SoftPin } from './resources';
import { solveSlot } from './search';
import type { SlotProblem, SlotSolution, TeacherClass } from './slotProblem';
import { compareSlots, formatTime, sameText, slotCode, slotPhrase } from './slots';
import { FORBIDDEN } from './transport';

export interface PlanningInput {
  pupils: Pupil[];
  needs: PupilNeeds[];
  settings: Settings;
  pins: Pin[];
  history: HistoryEntry[];
  /** « Regroupé avec » / « Séparé de » read from an EDT list (pairs.ts), when any. */
  pairs?: PairConstraint[];
}

/** One slot's model and its optimum, kept so that tests and the benchmark can check them. */
export interface SlotTrace {
  slot: Slot;
  problem: SlotProblem;
  solution: SlotSolution;
}

class Planner {
  private readonly diagnostics: Diagnostic[] = [];
  private readonly groups: Group[] = [];
  private readonly assignments: Assignment[] = [];
  private readonly unassigned: Unassigned[] = [];
  private readonly traces: SlotTrace[] = [];
  private objective = 0;
  private readonly book: TeacherBook;
  private readonly contexts = new Map<string, PupilContext>();
  private readonly usedCodes = new Map<string, string>();
  /** Teachers already reported as held back by their maximum of hours (said once). */
  private readonly overMax = new Set<string>();
  private readonly needsOf: Map<string, PupilNeeds>;
  private readonly historyOf = new Map<string, HistoryEntry[]>();
  /** Lock lifetime of each locked pupil and slot (`pupilId|slotId`). */
  private readonly lockOf = new Map<string, Pin['lifetime']>();

  constructor(private readonly input: PlanningInput) {
    this.book = new TeacherBook(input.settings, input.history);
    this.needsOf = new Map(input.needs.map((n) => [n.pupilId, n]));
    for (const h of input.history) this.historyOf.set(h.pupilId, [...(this.historyOf.get(h.pupilId) ?? []), h]);
  }

  run(): { plan: Plan; traces: SlotTrace[] } {
    const { pupils, settings } = this.input;
    const byId = new Map(pupils.map((p) => [p.id, p]));
    this.diagnostics.push(...unservedDemand(pupils, this.input.needs, settings));
    const { resolved, soft, diagnostics } = resolvePins(this.input.pins, settings, byId);
    this.diagnostics.push(...diagnostics);
    for (const { pin, slot } of [...resolved, ...soft]) this.lockOf.set(`${pin.pupilId}|${slot.id}`, pin.lifetime);
    this.reservePinnedTeachers(resolved);
    this.reportLevelsWithoutSlot();
    for (const slot of [...settings.slots].sort(compareSlots)) {
      const levelPupils = pupils.filter((p) => sameText(p.level, slot.level));
      if (levelPupils.length) {
        this.planSlot(
          slot,
          levelPupils,
          resolved.filter((r) => r.slot === slot),
          soft.filter((r) => r.slot === slot),
        );
      }
    }
    const kindOf = new Map(this.groups.map((g) => [g.id, g.kind]));
    const current = this.assignments.map((a) => ({ pupilId: a.pupilId, kind: kindOf.get(a.groupId)! }));
    this.diagnostics.push(diagnostic('info', SHEET_NAMES.history, '', yearPathSummary(pupils.map((p) => p.id), this.input.history, current, settings.general.cycle)));
    const plan: Plan = {
      groups: this.groups,
      assignments: this.assignments,
      unassigned: this.unassigned,
      objective: Math.round(this.objective * 100) / 100,
      diagnostics: this.diagnostics,
    };
    return { plan, traces: this.traces };
  }

  private context(pupil: Pupil): PupilContext {
    let context = this.contexts.get(pupil.id);
    if (context) return context;
    const { settings } = this.input;
    const entry = this.needsOf.get(pupil.id);
    const needs = entry?.needs ?? [];
    const history = this.historyOf.get(pupil.id) ?? [];
    const rotation = rotationOf(needs, history, settings);
    const goals: YearGoal[] = entry?.goals ?? [];
    context = {
      needs,
      ranked: rankNeeds(needs, settings),
      rotation,
      excludedKeys: new Set(rotation.excluded.keys()),
      goals: openGoals(goals, history, settings.general.cycle),
      ...(pupil.wishes?.length ? { wishes: pupil.wishes } : {}),
      earlier: new Map(),
      earlierKinds: new Set(),
      had: new Set(history.filter((h) => h.cycle < settings.general.cycle).map((h) => h.kind)),
      followUp: entry?.followUp ?? [],
      served: new Map(),
    };
    this.contexts.set(pupil.id, context);
    return context;
  }

  /** Locked groups take their teacher first, whatever the order slots are planned in. */
  private reservePinnedTeachers(resolved: ResolvedPin[]): void {
    const done = new Set<string>();
    for (const r of resolved) {
      const key = `${r.slot.id}|${normalizeText(r.teacherName)}`;
      if (done.has(key)) continue;
      done.add(key);
      this.book.book(r.teacherName, r.slot);
    }
  }

  private reportLevelsWithoutSlot(): void {
    const { pupils, settings } = this.input;
    const levels = new Set<string>();
    for (const pupil of pupils) {
      if (settings.slots.some((s) => sameText(s.level, pupil.level))) continue;
      this.unassigned.push({ pupilId: pupil.id, reason: `Aucune barrette n’est prévue pour le niveau ${pupil.level}.` });
      levels.add(pupil.level);
    }
    for (const level of levels) {
      this.diagnostics.push(
        diagnostic('warning', SHEET_NAMES.teachers, '', `aucune barrette pour le niveau ${level} : ajoutez-en une pour que ses élèves aient un atelier.`),
      );
    }
  }

  private planSlot(slot: Slot, levelPupils: Pupil[], pins: ResolvedPin[], soft: SoftPin[]): void {
    const forced = this.lockedGroups(pins);
    const pinnedPupils = new Set(pins.map((r) => r.pin.pupilId));
    const teachers = this.freeTeachers(slot, pins);
    const types = this.input.settings.workshopTypes.filter(
      (type) => pins.some((r) => r.type === type) || teachers.some((t) => canLead(t, type)),
    );
    const free = levelPupils.filter((p) => !pinnedPupils.has(p.id));
    const keptType = this.softLocks(slot, soft, types);
    const u = this.utilities(free, types, keptType);
    const classList = teacherClasses(teachers, types);
    const forcedGroups: ForcedGroup[] = forced.map(({ pin, pupilIds }) => ({ type: types.indexOf(pin.type), teacherName: pin.teacherName, pupilIds }));
    const problem: SlotProblem = {
      pupils: free.length,
      types: types.length,
      values: placementValues(u, free.length, types.length),
      cap: types.map((t) => t.cap),
      minSize: types.map((t) => t.minSize),
      fixedSeats: types.map((type, t) =>
        forcedGroups.filter((f) => f.type === t).reduce((seats, f) => seats + Math.max(0, type.cap - f.pupilIds.length), 0),
      ),
      teacherClasses: classList.map(({ count, types: led }) => ({ count, types: led })),
    };
    const solution = solveSlot(problem);
    this.traces.push({ slot, problem, solution });
    if (!solution.proven) {
      this.diagnostics.push(diagnostic('info', slot.source.sheet, slot.source.cell, `${slotPhrase(slot)} : groupes formés sans preuve d’optimalité (recherche trop longue, arrêtée).`));
    }

    const drafts = formGroups({
      types,
      forced: forcedGroups,
      classTeachers: classList.map((c) => c.teachers),
      classTypes: classList.map((c) => c.types),
      solution,
      pupilIds: free.map((p) => p.id),
      utility: (p, t) => u[p * types.length + t],
    }).filter((d) => d.pupilIds.length > 0 || d.locked.size > 0);
    const pairNotes = this.honourPairs(slot, drafts, types, u, free, keptType);
    for (const d of drafts) if (!d.locked.size) this.book.book(d.teacherName, slot);
    this.record(slot, levelPupils, drafts, types, u, free, keptType, pairNotes);
  }

  /** The repair pass of pairs.ts on the slot's groups; unmet pairs are warnings at their cell. */
  private honourPairs(slot: Slot, drafts: GroupDraft[], types: WorkshopType[], u: Int32Array, free: Pupil[], keptType: Map<string, KeptType>): Map<string, string> {
    const pairs = this.input.pairs ?? [];
    if (!pairs.length) return new Map();
    const freeIndex = new Map(free.map((p, i) => [p.id, i]));
    const names = new Map(this.input.pupils.map((p) => [p.id, p.displayName]));
    const { notes, unmet } = honourPairs({
      drafts,
      pairs,
      value: (pupilId, type) => {
        const p = freeIndex.get(pupilId);
        const t = types.indexOf(type);
        const kept = keptType.get(pupilId);
        // A lock that keeps a workshop type holds whenever a group of that type is open.
        if (kept && kept.type !== t && drafts.some((d) => d.type === types[kept.type])) return undefined;
        const value = p === undefined ? FORBIDDEN : u[p * types.length + t];
        return value === FORBIDDEN ? undefined : value;
      },
      nameOf: (id) => names.get(id) ?? id,
    });
    for (const { pair, why } of unmet) {
      const [a, b] = pair.pupilIds.map((id) => names.get(id) ?? id);
      const what = pair.relation === 'apart' ? `« Séparé de » non respecté : ${a} et ${b} restent dans le même groupe` : `« Regroupé avec » non respecté : ${a} et ${b} sont dans deux groupes`;
      this.diagnostics.push(diagnostic('warning', pair.source.sheet, pair.source.cell, `${what} sur ${slotPhrase(slot)} — ${why}.`));
    }
    return notes;
  }

  /** Locked pupils by group (type and teacher): these groups open whatever the solver decides. */
  private lockedGroups(pins: ResolvedPin[]): { pin: ResolvedPin; pupilIds: string[] }[] {
    const byKey = new Map<string, { pin: ResolvedPin; pupilIds: string[] }>();
    for (const r of pins) {
      const key = `${r.type.id}|${normalizeText(r.teacherName)}`;
      if (!byKey.has(key)) byKey.set(key, { pin: r, pupilIds: [] });
      byKey.get(key)!.pupilIds.push(r.pin.pupilId);
    }
    return [...byKey.values()];
  }

  /** Teachers free in the slot, not taken by a locked group or another level, under their hour maximum. */
  private freeTeachers(slot: Slot, pins: ResolvedPin[]) {
    const pinnedTeachers = new Set(pins.map((r) => normalizeText(r.teacherName)));
    return this.input.settings.teachers.filter((t) => {
      if (!isFree(t, slot) || pinnedTeachers.has(normalizeText(t.name)) || this.book.isBusy(t.name, slot)) return false;
      if (!this.book.exceedsMax(t, slot)) return true;
      if (!this.overMax.has(t.name)) this.diagnostics.push(diagnostic('info', t.source.sheet, t.source.cell, this.book.maxMessage(t, slot)));
      this.overMax.add(t.name);
      return false;
    });
  }

  /** Locks that keep a workshop type but not a teacher: pupil -> index of the type they keep. */
  private softLocks(slot: Slot, soft: SoftPin[], types: WorkshopType[]): Map<string, KeptType> {
    const kept = new Map<string, KeptType>();
    for (const s of soft) {
      const t = types.indexOf(s.type);
      if (t >= 0) kept.set(s.pin.pupilId, { type: t, note: s.note, cell: s.pin.source });
      else {
        this.diagnostics.push(
          diagnostic('warning', s.pin.source.sheet, s.pin.source.cell, `verrou non appliqué : aucun intervenant libre ne peut animer « ${s.type.id} » sur ${slotPhrase(slot)} ; l’élève est placé(e) selon ses besoins.`),
        );
      }
    }
    return kept;
  }

  /** utility(p, t) of the objective (objective.ts); FORBIDDEN where rotation or a kept lock closes the type. */
  private utilities(free: Pupil[], types: WorkshopType[], keptType: Map<string, { type: number }>): Int32Array {
    const { settings } = this.input;
    const u = new Int32Array(free.length * types.length);
    free.forEach((pupil, p) => {
      const context = this.context(pupil);
      const kept = keptType.get(pupil.id);
      types.forEach((type, t) => {
        const need = servedBy(context, type);
        const keptByLock = kept?.type === t;
        const closed = !keptByLock && isExcluded(type, context.excludedKeys);
        u[p * types.length + t] = closed
          ? FORBIDDEN
          : utility(
              {
                need,
                keptByLock,
                repeated: !!need && context.earlier.has(need.key),
                goalBonus: goalBonus(type, context.goals, settings, context.earlierKinds.has(type.kind)),
                wishBonus: wishBonus(type, context.wishes, settings),
              },
              settings,
            );
      });
    });
    return u;
  }

  private record(
    slot: Slot,
    levelPupils: Pupil[],
    drafts: GroupDraft[],
    types: SlotView['types'],
    u: Int32Array,
    free: Pupil[],
    keptType: Map<string, KeptType>,
    pairNotes: Map<string, string>,
  ): void {
    const { settings } = this.input;
    const view: SlotView = {
      slot,
      types,
      open: new Set(drafts.map((d) => d.type)),
      full: new Set(types.filter((t) => drafts.some((d) => d.type === t) && drafts.filter((d) => d.type === t).every((d) => d.pupilIds.length >= d.capacity))),
    };
    const prefix = this.groupPrefix(slot);
    const byId = new Map(levelPupils.map((p) => [p.id, p]));
    const freeIndex = new Map(free.map((p, i) => [p.id, i]));
    const served: [PupilContext, WorkshopType, string | undefined][] = [];
    const proposals = new Map<string, number>();
    drafts.forEach((draft, i) => {
      const id = `${prefix}-G${i + 1}`;
      const contexts = draft.pupilIds.map((pid) => this.context(byId.get(pid)!));
      const needs = contexts.map((context) => servedBy(context, draft.type));
      const forGoal = contexts.filter((c) => goalBonus(draft.type, c.goals, settings, c.earlierKinds.has(draft.type.kind)) > 0).length;
      this.groups.push({
        id,
        level: slot.level,
        slotId: slot.id,
        workshopTypeId: draft.type.id,
        kind: draft.type.kind,
        ...(draft.type.discipline ? { discipline: draft.type.discipline } : {}),
        teacher: draft.teacherName,
        capacity: draft.capacity,
        minSize: draft.minSize,
        pupilIds: draft.pupilIds,
        sharedNeed: sharedNeed(draft.type, needs, settings, forGoal),
      });
      draft.pupilIds.forEach((pid, k) => {
        const context = contexts[k];
        const need = needs[k];
        const kept = keptType.get(pid);
        const locked = draft.locked.has(pid) || kept?.type === types.indexOf(draft.type);
        if (kept && !locked) {
          const message = `verrou non appliqué pour ${byId.get(pid)!.displayName} : aucun groupe « ${types[kept.type].id} » n’a pu ouvrir sur ${slotPhrase(slot)} ; élève placé(e) selon ses besoins.`;
          this.diagnostics.push(diagnostic('warning', kept.cell.sheet, kept.cell.cell, message));
        }
        const heldForMinimum = draft.pupilIds.length - draft.locked.size <= draft.minSize;
        const p = freeIndex.get(pid);
        const value = p !== undefined ? u[p * types.length + types.indexOf(draft.type)] : utility({ need, repeated: !!need && context.earlier.has(need.key), goalBonus: 0, wishBonus: 0 }, settings);
        this.objective += Math.max(0, value - (kept?.type === types.indexOf(draft.type) ? KEPT_LOCK_BONUS * UTILITY_SCALE : 0)) / UTILITY_SCALE;
        const lifetime = this.lockOf.get(`${pid}|${slot.id}`);
        const why = locked ? lockedReason(draft.type, context, kept?.note) : explainAssignment(draft.type, context, view, settings, heldForMinimum);
        for (const proposal of why.proposals) proposals.set(proposal, (proposals.get(proposal) ?? 0) + 1);
        this.assignments.push({
          pupilId: pid,
          slotId: slot.id,
          groupId: id,
          score: need?.score ?? 0,
          // A lock that keeps only a workshop type may still change group for a pair: its note says so.
          reason: withNote(why.reason, pairNotes.get(pid)),
          detail: why.detail,
          locked,
          ...(locked ? { lock: lifetime?.kind === 'always' ? ('always' as const) : ('once' as const) } : {}),
        });
        served.push([context, draft.type, need?.key]);
      });
    });
    for (const [proposal, pupils] of proposals) {
      this.diagnostics.push(diagnostic('info', slot.source.sheet, slot.source.cell, `${slotPhrase(slot)} : ${count(pupils, 'élève')} avec un besoin fort sans atelier — ${proposal}.`));
    }
    // Recorded after the whole slot, so that this slot's explanations do not mention itself.
    const where = `dans la barrette ${slot.day.trim().toLowerCase()} ${formatTime(slot.time)}`;
    for (const [context, type, key] of served) {
      context.earlierKinds.add(type.kind);
      if (key && !context.earlier.has(key)) context.earlier.set(key, where);
    }
    this.recordUnplaced(slot, levelPupils, drafts);
  }

  private recordUnplaced(slot: Slot, levelPupils: Pupil[], drafts: GroupDraft[]): void {
    const placed = new Set(drafts.flatMap((d) => d.pupilIds));
    const missing = levelPupils.filter((p) => !placed.has(p.id));
    if (!missing.length) return;
    const seats = drafts.reduce((s, d) => s + d.capacity, 0);
    const detail = capacityDetail(drafts);
    const shortage = seats < levelPupils.length;
    const demand = `${count(levelPupils.length, 'élève')} pour ${count(seats, 'place')}`;
    const reason = shortage
      ? `Pas de place : ${demand} (${detail}).`
      : 'Aucun atelier ouvert ne pouvait l’accueillir (effectif minimum ou remédiation écartée par l’historique).';
    for (const p of missing) this.unassigned.push({ pupilId: p.id, slotId: slot.id, reason });
    const without = `${count(missing.length, 'élève')} sans atelier`;
    const message = shortage
      ? `${slotPhrase(slot)} : ${demand} (${detail}) — ${without}.`
      : `${slotPhrase(slot)} : ${without} (effectif minimum ou remédiation écartée par l’historique).`;
    this.diagnostics.push(diagnostic('warning', slot.source.sheet, slot.source.cell, message));
  }

  /** « 2nde-MAR10 », unique across the plan. */
  private groupPrefix(slot: Slot): string {
    const base = `${slot.level.replace(/\s+/g, '')}-${slotCode(slot)}`;
    let prefix = base;
    for (let n = 2; this.usedCodes.has(prefix) && this.usedCodes.get(prefix) !== slot.id; n++) prefix = `${base}-${n}`;
    this.usedCodes.set(prefix, slot.id);
    return prefix;
  }
}

/** Teachers who lead the same set of the slot's types form one class (the solver counts them). */
function teacherClasses(teachers: Settings['teachers'], types: WorkshopType[]): (TeacherClass & { teachers: string[] })[] {
  const classes = new Map<string, TeacherClass & { teachers: string[] }>();
  for (const teacher of teachers) {
    const led = types.flatMap((type, t) => (canLead(teacher, type) ? [t] : []));
    if (!led.length) continue;
    const key = led.join(',');
    if (!classes.has(key)) classes.set(key, { count: 0, types: led, teachers: [] });
    const klass = classes.get(key)!;
    klass.count++;
    klass.teachers.push(teacher.name);
  }
  const list = [...classes.values()];
  for (const c of list) c.teachers.sort((a, b) => a.localeCompare(b, 'fr'));
  return list;
}

/** A lock kept without its teacher: the type it keeps (index in the slot's types), why, and its cell. */
interface KeptType {
  type: number;
  note: string;
  cell: SourceRef;
}

/** « …, besoin principal (0,82). » + note -> « …, besoin principal (0,82) ; regroupé(e) avec X. » */
function withNote(sentence: string, note: string | undefined): string {
  return note ? `${sentence.replace(/\.$/, '')} ; ${note}.` : sentence;
}

/** « 1 élève », « 12 élèves », « 0 place » (French singular up to 1). */
function count(n: number, noun: string): string {
  return `${n} ${noun}${n > 1 ? 's' : ''}`;
}

/** « 4 intervenants × 12 » or « 3 intervenants : 2 × 12 + 1 × 15 »; « aucun intervenant disponible ». */
function capacityDetail(drafts: GroupDraft[]): string {
  if (!drafts.length) return 'aucun intervenant disponible';
  const byCap = new Map<number, number>();
  for (const d of drafts) byCap.set(d.capacity, (byCap.get(d.capacity) ?? 0) + 1);
  const who = count(drafts.length, 'intervenant');
  if (byCap.size === 1) return `${who} × ${drafts[0].capacity}`;
  const parts = [...byCap.entries()].sort((a, b) => a[0] - b[0]).map(([cap, n]) => `${n} × ${cap}`);
  return `${who} : ${parts.join(' + ')}`;
}

export function buildPlan(input: PlanningInput): { plan: Plan; traces: SlotTrace[] } {
  return new Planner(input).run();
}
