/** Teachers as a resource: what they can lead, when they are busy, how many hours they have left; pins checked against the settings. */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { HistoryEntry, Pin, Pupil, Slot, Teacher, WorkshopType } from '../model';
import { SHEET_NAMES } from '../render/sheetSpec';
import type { Settings } from '../settings/settings';
import { frenchNumber, normalizeText } from '../text';
import { momentKey, sameText, slotPhrase } from './slots';

/** A teacher can lead a type of their kinds, in one of their disciplines when the type has one. */
export function canLead(teacher: Teacher, type: WorkshopType): boolean {
  if (!teacher.kinds.includes(type.kind)) return false;
  return !type.discipline || teacher.disciplines.some((d) => sameText(d, type.discipline));
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
  /** Teacher as written in the pin; `teacher` is set when `AP Intervenants` knows them. */
  teacherName: string;
  teacher?: Teacher;
}

export function resolvePins(pins: Pin[], settings: Settings, pupils: Map<string, Pupil>): { resolved: ResolvedPin[]; diagnostics: Diagnostic[] } {
  const resolved: ResolvedPin[] = [];
  const diagnostics: Diagnostic[] = [];
  const warn = (pin: Pin, message: string, severity: 'warning' | 'info' = 'warning'): void => {
    diagnostics.push(diagnostic(severity, pin.source.sheet, pin.source.cell, message));
  };
  for (const pin of pins) {
    const pupil = pupils.get(pin.pupilId);
    const slot = settings.slots.find((s) => sameText(s.id, pin.slotId));
    const type = settings.workshopTypes.find((t) => sameText(t.id, pin.workshopTypeId));
    if (!pupil) continue;
    if (!slot || !type) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : ${!slot ? `barrette « ${pin.slotId} »` : `atelier « ${pin.workshopTypeId} »`} inconnu(e) des paramètres.`);
      continue;
    }
    if (!sameText(slot.level, pupil.level)) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : la barrette « ${slot.id} » est celle du niveau ${slot.level}, pas ${pupil.level}.`);
      continue;
    }
    const teacher = settings.teachers.find((t) => sameText(t.name, pin.teacher));
    const clash = resolved.find((r) => r.slot === slot && sameText(r.teacherName, pin.teacher) && r.type !== type);
    if (clash) {
      warn(pin, `verrou ignoré pour ${pupil.displayName} : ${pin.teacher} anime déjà « ${clash.type.id} » sur cette barrette (verrou en ${clash.pin.source.cell}).`);
      continue;
    }
    if (!teacher) warn(pin, `${pin.teacher} n’est pas dans ${SHEET_NAMES.teachers} : verrou gardé tel quel.`, 'info');
    else if (!isFree(teacher, slot)) warn(pin, `${teacher.name} n’est pas indiqué(e) libre sur la barrette « ${slot.id} » : verrou gardé tel quel.`, 'info');
    else if (!canLead(teacher, type)) warn(pin, `${teacher.name} n’est pas indiqué(e) pour « ${type.id} » : verrou gardé tel quel.`, 'info');
    resolved.push({ pin, slot, type, teacherName: teacher?.name ?? pin.teacher, teacher });
  }
  return { resolved, diagnostics };
}
