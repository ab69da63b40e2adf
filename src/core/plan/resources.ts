/** Teachers as a resource: what they can lead, when they are busy, how many hours they have left; pins checked against the settings. */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { sameDiscipline, teaches } from '../disciplines';
import type { HistoryEntry, Pin, Pupil, Slot, Teacher, WorkshopType } from '../model';
import { parseKind } from '../settings/read';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import { frenchNumber, normalizeText } from '../text';
import { momentKey, sameText, slotPhrase } from './slots';

/** A teacher can lead a type of their kinds, in one of their disciplines when the type has one. */
export function canLead(teacher: Teacher, type: WorkshopType): boolean {
  if (!teacher.kinds.includes(type.kind)) return false;
  return !type.discipline || teaches(teacher.disciplines, type.discipline);
}

export function isFree(teacher: Teacher, slot: Slot): boolean {
  return teacher.freeSlots.some((s) => sameText(s, slot.id));
}

/** Which moments each teacher is already taken, and the AP hours they have done or been given. */
export class TeacherBook {
  private readonly busy = new Map<string, Set<string>>();
  private readonly hours = new Map<string, number>();
  private readonly weeks: number;

  constructor(settings: Settings, history: HistoryEntry[]) {
    this.weeks = settings.general.weeksPerCycle;
    const cycle = settings.general.cycle;
    const done = new Set<string>();
    for (const entry of history) {
      if (entry.cycle >= cycle) continue;
      const slot = settings.slots.find((s) => sameText(s.id, entry.slotId));
      const key = `${normalizeText(entry.teacher)}|${entry.cycle}|${normalizeText(entry.slotId)}`;
      if (!slot || done.has(key)) continue;
      done.add(key);
      this.addHours(entry.teacher, slot.durationHours * this.weeks);
    }
  }

  /** Hours a workshop in this slot adds over the cycle. */
  hoursOf(slot: Slot): number {
    return slot.durationHours * this.weeks;
  }

  isBusy(name: string, slot: Slot): boolean {
    return this.busy.get(normalizeText(name))?.has(momentKey(slot)) ?? false;
  }

  /** Would leading a workshop in this slot exceed the teacher's yearly maximum? */
  exceedsMax(teacher: Teacher, slot: Slot): boolean {
    return teacher.maxHours !== undefined && this.hoursUsed(teacher.name) + this.hoursOf(slot) > teacher.maxHours + 1e-9;
  }

  hoursUsed(name: string): number {
    return this.hours.get(normalizeText(name)) ?? 0;
  }

  book(name: string, slot: Slot): void {
    const key = normalizeText(name);
    if (!this.busy.has(key)) this.busy.set(key, new Set());
    this.busy.get(key)!.add(momentKey(slot));
    this.addHours(name, this.hoursOf(slot));
  }

  private addHours(name: string, hours: number): void {
    const key = normalizeText(name);
    this.hours.set(key, (this.hours.get(key) ?? 0) + hours);
  }

  /** « Mme Martin n’est pas proposée pour 2nde, barrette mardi 10 h : plafond de 36 h (déjà 31,5 h, 10,5 h de plus sur le cycle). » */
  maxMessage(teacher: Teacher, slot: Slot): string {
    const used = hoursText(this.hoursUsed(teacher.name));
    return `${teacher.name} n’est pas proposé(e) pour ${slotPhrase(slot)} : plafond de ${hoursText(teacher.maxHours ?? 0)} (déjà ${used}, ${hoursText(this.hoursOf(slot))} de plus sur le cycle).`;
  }
}

function hoursText(hours: number): string {
  return `${Number.isInteger(hours) ? String(hours) : frenchNumber(hours, 1)} h`;
}

/** A pin checked against the settings: the slot, workshop type and teacher it names all exist. */
export interface ResolvedPin {
  pin: Pin;
  slot: Slot;
  type: WorkshopType;
  /** Teacher as written in `AP Intervenants`. */
  teacherName: string;
  teacher: Teacher;
}

/** A lock that keeps the workshop type but not the teacher: the planner picks one who exists. */
export interface SoftPin {
  pin: Pin;
  slot: Slot;
  type: WorkshopType;
  /** Why the lock was not kept as written, for the pupil's « Pourquoi ». */
  note: string;
}

/** A workshop type of the same nature and discipline as a workshop name no longer in `AP Ateliers`. */
export function sameKindAndDiscipline(name: string, types: WorkshopType[]): WorkshopType | undefined {
  const kind = parseKind(name);
  if (!kind) return undefined;
  const candidates = types.filter((t) => t.kind === kind);
  // The discipline is whatever follows the nature: « Remédiation Maths » -> « Maths ».
  const rest = normalizeText(name).split(' ').slice(1).join(' ');
  if (rest) return candidates.find((t) => t.discipline && sameDiscipline(t.discipline, rest));
  return candidates.find((t) => !t.discipline);
}

/**
 * Check the locks against the settings and the cycle. Expired « oui » locks are reported; a lock on a
 * teacher or workshop that no longer exists keeps the workshop's nature and discipline with a teacher
 * who exists; locks beyond a group's cap keep the workshop but not the group. Each case is said with
 * the lock's cell.
 */
export function resolvePins(
  pins: Pin[],
  settings: Settings,
  pupils: Map<string, Pupil>,
): { resolved: ResolvedPin[]; soft: SoftPin[]; diagnostics: Diagnostic[] } {
  const resolved: ResolvedPin[] = [];
  const soft: SoftPin[] = [];
  const diagnostics: Diagnostic[] = [];
  const cycle = settings.general.cycle;
  const warn = (pin: Pin, message: string, severity: 'warning' | 'info' = 'warning'): void => {
    diagnostics.push(diagnostic(severity, pin.source.sheet, pin.source.cell, message));
  };
  for (const pin of pins) {
    const pupil = pupils.get(pin.pupilId);
    if (!pupil) continue;
    if (pin.lifetime?.kind === 'once' && pin.lifetime.cycle !== undefined && pin.lifetime.cycle !== cycle) {
      warn(pin, `verrou du cycle ${pin.lifetime.cycle} expiré pour ${pupil.displayName} : « oui » vaut pour une génération ; écrivez « toujours » pour le garder chaque cycle.`, 'info');
      continue;
    }
    const slot = settings.slots.find((s) => sameText(s.id, pin.slotId));
    if (!slot) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : barrette « ${pin.slotId} » inconnue des paramètres.`);
      continue;
    }
    if (!sameText(slot.level, pupil.level)) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : la barrette « ${slot.id} » est celle du niveau ${slot.level}, pas ${pupil.level}.`);
      continue;
    }
    const named = settings.workshopTypes.find((t) => sameText(t.id, pin.workshopTypeId));
    const type = named ?? sameKindAndDiscipline(pin.workshopTypeId, settings.workshopTypes);
    if (!type) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : atelier « ${pin.workshopTypeId} » inconnu de ${SHEET_NAMES.workshops}, et aucun atelier de même nature et discipline.`);
      continue;
    }
    const teacher = settings.teachers.find((t) => sameText(t.name, pin.teacher));
    if (!named || !teacher) {
      const what = !named
        ? `l’atelier « ${pin.workshopTypeId} » n’est plus dans ${SHEET_NAMES.workshops}`
        : `${pin.teacher} n’est plus dans ${SHEET_NAMES.teachers} (renommé ?)`;
      warn(pin, `verrou de ${pupil.displayName} : ${what} ; l’élève garde « ${type.id} » avec un intervenant présent. Corrigez la ligne si ce n’est pas ce que vous voulez.`);
      soft.push({ pin, slot, type, note: `atelier gardé avec un intervenant présent, car ${what}` });
      continue;
    }
    const clash = resolved.find((r) => r.slot === slot && sameText(r.teacherName, teacher.name) && r.type !== type);
    if (clash) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : ${teacher.name} anime déjà « ${clash.type.id} » sur cette barrette (verrou en ${clash.pin.source.cell}).`);
      continue;
    }
    if (!isFree(teacher, slot)) warn(pin, `${teacher.name} n’est pas indiqué(e) libre sur la barrette « ${slot.id} » : verrou gardé tel quel.`, 'info');
    else if (!canLead(teacher, type)) warn(pin, `${teacher.name} n’est pas indiqué(e) pour « ${type.id} » : verrou gardé tel quel.`, 'info');
    const inGroup = resolved.filter((r) => r.slot === slot && r.type === type && r.teacher === teacher).length;
    if (inGroup >= type.cap) {
      warn(
        pin,
        `verrou au-delà de l’effectif maximum (${type.cap}) de « ${type.id} » avec ${teacher.name} : ${pupil.displayName} garde l’atelier, dans un autre groupe si possible. Augmentez l’effectif maximum dans ${SHEET_NAMES.workshops} ou retirez des verrous.`,
      );
      soft.push({ pin, slot, type, note: `atelier gardé, groupe de ${teacher.name} déjà plein de verrous` });
      continue;
    }
    resolved.push({ pin, slot, type, teacherName: teacher.name, teacher });
  }
  return { resolved, soft, diagnostics };
}
