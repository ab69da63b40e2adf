/**
 * The planner: slot after slot (in week order), open workshops with the free teachers and place
 * every pupil of the slot's level, optimally for the slot's model (see slotProblem.ts and search.ts).
 * Slots are planned in sequence because they share teachers (same moment, hour maximum) and because
 * a need already served earlier in the cycle counts half in a later slot.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Assignment, Group, HistoryEntry, Need, Pin, Plan, Pupil, PupilNeeds, Slot, Unassigned } from '../model';
import { consecutiveRemediationCycles } from '../needs/scores';
import { SHEET_NAMES } from '../render/sheetSpec';
import type { Settings } from '../settings/settings';
import { normalizeText } from '../text';
import { explainAssignment, lockedReason, servedBy, sharedNeed, type PupilContext, type SlotView } from './explain';
import { formGroups, type ForcedGroup, type GroupDraft } from './groups';
import { canLead, isFree, resolvePins, TeacherBook, type ResolvedPin } from './resources';
import { solveSlot } from './search';
import type { SlotProblem, SlotSolution, TeacherClass } from './slotProblem';
import { compareSlots, formatTime, sameText, slotCode, slotPhrase } from './slots';
import { FORBIDDEN } from './transport';
import { isExcluded, utility, UTILITY_SCALE, weighted } from './values';

export interface PlanningInput {
  pupils: Pupil[];
  needs: PupilNeeds[];
  settings: Settings;
  pins: Pin[];
  history: HistoryEntry[];
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
  private readonly needsOf: Map<string, Need[]>;

  constructor(private readonly input: PlanningInput) {
    this.book = new TeacherBook(input.settings, input.history);
    this.needsOf = new Map(input.needs.map((n) => [n.pupilId, n.needs]));
  }

  run(): { plan: Plan; traces: SlotTrace[] } {
    const { pupils, settings } = this.input;
    const byId = new Map(pupils.map((p) => [p.id, p]));
    const { resolved, diagnostics } = resolvePins(this.input.pins, settings, byId);
    this.diagnostics.push(...diagnostics);
    this.reservePinnedTeachers(resolved);
    this.reportLevelsWithoutSlot();
    for (const slot of [...settings.slots].sort(compareSlots)) {
      const levelPupils = pupils.filter((p) => sameText(p.level, slot.level));
      if (levelPupils.length) this.planSlot(slot, levelPupils, resolved.filter((r) => r.slot === slot));
    }
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
    const { settings, history } = this.input;
    const pupilNeeds = this.needsOf.get(pupil.id) ?? [];
    const excluded = new Map<string, number>();
    const disciplines = new Set<string>();
    for (const h of history) if (h.pupilId === pupil.id && h.kind === 'remediation' && h.discipline) disciplines.add(h.discipline);
    for (const discipline of disciplines) {
      const inARow = consecutiveRemediationCycles(history, pupil.id, discipline, settings.general.cycle);
      const need = pupilNeeds.find((n) => n.kind === 'remediation' && sameText(n.discipline, discipline));
      if (inARow >= settings.general.maxConsecutiveCycles && (need?.score ?? 0) < settings.general.strongNeed) {
        excluded.set(need?.key ?? `remediation:${discipline}`, inARow);
      }
    }
    const ranked = [...pupilNeeds].sort((a, b) => weighted(b, settings) - weighted(a, settings) || b.score - a.score || (a.key < b.key ? -1 : 1));
    context = { needs: pupilNeeds, ranked, excluded, excludedKeys: new Set(excluded.keys()), earlier: new Map(), served: new Map() };
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

  private planSlot(slot: Slot, levelPupils: Pupil[], pins: ResolvedPin[]): void {
    const { settings } = this.input;
    const forcedByKey = new Map<string, { pin: ResolvedPin; pupilIds: string[] }>();
    for (const r of pins) {
      const key = `${r.type.id}|${normalizeText(r.teacherName)}`;
      if (!forcedByKey.has(key)) forcedByKey.set(key, { pin: r, pupilIds: [] });
      forcedByKey.get(key)!.pupilIds.push(r.pin.pupilId);
    }
    const pinnedPupils = new Set(pins.map((r) => r.pin.pupilId));
    const pinnedTeachers = new Set(pins.map((r) => normalizeText(r.teacherName)));
    const teachers = settings.teachers.filter((t) => {
      if (!isFree(t, slot) || pinnedTeachers.has(normalizeText(t.name)) || this.book.isBusy(t.name, slot)) return false;
      if (!this.book.exceedsMax(t, slot)) return true;
      if (!this.overMax.has(t.name)) this.diagnostics.push(diagnostic('info', t.source.sheet, t.source.cell, this.book.maxMessage(t, slot)));
      this.overMax.add(t.name);
      return false;
    });
    const types = settings.workshopTypes.filter(
      (type) => pins.some((r) => r.type === type) || teachers.some((t) => canLead(t, type)),
    );
    const free = levelPupils.filter((p) => !pinnedPupils.has(p.id));
    const contexts = free.map((p) => this.context(p));

    const u = new Int32Array(free.length * types.length);
    const values = new Int32Array(free.length * types.length);
    let place = 1;
    free.forEach((_, p) => {
      const context = contexts[p];
      let best = 0;
      types.forEach((type, t) => {
        const need = servedBy(context, type);
        u[p * types.length + t] = isExcluded(type, context.excludedKeys) ? FORBIDDEN : utility(need, settings, !!need && context.earlier.has(need.key));
        best = Math.max(best, u[p * types.length + t]);
      });
      place += best;
    });
    for (let i = 0; i < u.length; i++) values[i] = u[i] === FORBIDDEN ? FORBIDDEN : place + u[i];

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
    const classList = [...classes.values()];
    for (const c of classList) c.teachers.sort((a, b) => a.localeCompare(b, 'fr'));
    const forced: ForcedGroup[] = [...forcedByKey.values()].map(({ pin, pupilIds }) => ({
      type: types.indexOf(pin.type),
      teacherName: pin.teacherName,
      pupilIds,
    }));
    const fixedSeats = types.map((type, t) =>
      forced.filter((f) => f.type === t).reduce((seats, f) => seats + Math.max(0, type.cap - f.pupilIds.length), 0),
    );
    const problem: SlotProblem = {
      pupils: free.length,
      types: types.length,
      values,
      cap: types.map((t) => t.cap),
      minSize: types.map((t) => t.minSize),
      fixedSeats,
      teacherClasses: classList.map(({ count, types: led }) => ({ count, types: led })),
    };
    const solution = solveSlot(problem);
    this.traces.push({ slot, problem, solution });
    if (!solution.proven) {
      this.diagnostics.push(diagnostic('info', slot.source.sheet, slot.source.cell, `${slotPhrase(slot)} : groupes formés sans preuve d’optimalité (recherche trop longue, arrêtée).`));
    }

    const drafts = formGroups({
      types,
      forced,
      classTeachers: classList.map((c) => c.teachers),
      classTypes: classList.map((c) => c.types),
      solution,
      pupilIds: free.map((p) => p.id),
      utility: (p, t) => u[p * types.length + t],
    }).filter((d) => d.pupilIds.length > 0 || d.locked.size > 0);
    for (const d of drafts) if (!d.locked.size) this.book.book(d.teacherName, slot);
    this.record(slot, levelPupils, drafts, types, u, free);
  }

  private record(slot: Slot, levelPupils: Pupil[], drafts: GroupDraft[], types: SlotView['types'], u: Int32Array, free: Pupil[]): void {
    const { settings } = this.input;
    const view: SlotView = {
      types,
      open: new Set(drafts.map((d) => d.type)),
      full: new Set(types.filter((t) => drafts.some((d) => d.type === t) && drafts.filter((d) => d.type === t).every((d) => d.pupilIds.length >= d.capacity))),
    };
    const prefix = this.groupPrefix(slot);
    const byId = new Map(levelPupils.map((p) => [p.id, p]));
    const freeIndex = new Map(free.map((p, i) => [p.id, i]));
    const served: [PupilContext, string][] = [];
    drafts.forEach((draft, i) => {
      const id = `${prefix}-G${i + 1}`;
      const needs = draft.pupilIds.map((pid) => {
        const context = this.context(byId.get(pid)!);
        return servedBy(context, draft.type);
      });
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
        sharedNeed: sharedNeed(draft.type, needs, settings),
      });
      draft.pupilIds.forEach((pid, k) => {
        const context = this.context(byId.get(pid)!);
        const need = needs[k];
        const locked = draft.locked.has(pid);
        const heldForMinimum = draft.pupilIds.length - draft.locked.size <= draft.minSize;
        const p = freeIndex.get(pid);
        const value = p !== undefined ? u[p * types.length + types.indexOf(draft.type)] : utility(need, settings, !!need && context.earlier.has(need.key));
        this.objective += Math.max(0, value) / UTILITY_SCALE;
        this.assignments.push({
          pupilId: pid,
          slotId: slot.id,
          groupId: id,
          score: need?.score ?? 0,
          reason: locked ? lockedReason(draft.type, context) : explainAssignment(draft.type, context, view, settings, heldForMinimum),
          locked,
        });
        if (need) served.push([context, need.key]);
      });
    });
    // Recorded after the whole slot, so that this slot's explanations do not mention itself.
    const where = `dans la barrette ${slot.day.trim().toLowerCase()} ${formatTime(slot.time)}`;
    for (const [context, key] of served) if (!context.earlier.has(key)) context.earlier.set(key, where);
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
