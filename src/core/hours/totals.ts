/**
 * Rows teacher × workshop × cycle and their totals. Each total sums rows exactly as the SUMPRODUCT the
 * sheet writes (criteria compared without case), so the core's values are the sheet's.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { compareLevels } from '../levels';
import type { PayStatus, Teacher } from '../model';
import { SHEET_NAMES } from '../workbook';
import type { Envelope, Settings } from '../settings/settings';
import { normalizeText } from '../text';
import { sameLevel } from './sessions';
import type { TimedRun } from './schedule';
import type { HoursDone, HoursRow, LevelTotal, SlotCycleHours, StatusTotal, TeacherTotal } from './types';
import { levelLabel } from './workshops';

export const PAY_STATUSES: PayStatus[] = ['HP', 'HSA', 'HSE', 'Pacte'];

/** Parts of Pacte for some hours: by half-parts, rounded up (a started half-part is due). */
export function pacteParts(hours: number, hoursPerPart: number): number {
  return Math.ceil((2 * hours) / hoursPerPart - 1e-9) / 2;
}

function doneKey(teacher: string, workshop: string, level: string, cycle: number): string {
  return `${normalizeText(teacher)}|${normalizeText(workshop)}|${normalizeText(levelLabel(level))}|${cycle}`;
}

function sum(values: number[]): number {
  return values.reduce((total, v) => total + v, 0);
}

function pushUnique(list: string[], value: string): void {
  if (!list.includes(value)) list.push(value);
}

/** Teacher names spelt as in `AP Intervenants` (matched without case), so each person is one row. */
export function teacherNames(teachers: Teacher[]): (name: string) => string {
  const known = new Map<string, string>();
  for (const t of teachers) if (!known.has(t.name.toLowerCase())) known.set(t.name.toLowerCase(), t.name);
  return (name) => {
    const key = name.toLowerCase();
    if (!known.has(key)) known.set(key, name);
    return known.get(key)!;
  };
}

/**
 * One row per teacher, workshop, level and cycle, with the hours done typed before; a line typed
 * without a level goes to the only row of that teacher, workshop and cycle; unmatched ones are kept.
 */
export function hoursRows(runs: TimedRun[], done: HoursDone[], teachers: Teacher[], canonical: (name: string) => string, diagnostics: Diagnostic[]): HoursRow[] {
  const statusOf = new Map(teachers.map((t) => [t.name.toLowerCase(), t.payStatus]));
  const rows = new Map<string, HoursRow>();
  // Rows by teacher, workshop and cycle (any level), for the lines typed without a level.
  const byWorkshop = new Map<string, HoursRow[]>();
  const workshopKey = (teacher: string, workshop: string, cycle: number) => `${normalizeText(teacher)}|${normalizeText(workshop)}|${cycle}`;
  const rowFor = (cycle: number, teacher: string, workshop: string, level: string, source: HoursRow['source']): HoursRow => {
    const key = doneKey(teacher, workshop, level, cycle);
    let row = rows.get(key);
    if (!row) {
      const levels = level ? [levelLabel(level)] : [];
      row = { cycle, source, teacher, payStatus: statusOf.get(teacher.toLowerCase()) ?? null, workshop, levels, slotIds: [], sessions: 0, plannedHours: 0, hoursDone: null, difference: null };
      rows.set(key, row);
      const sameWorkshop = workshopKey(teacher, workshop, cycle);
      byWorkshop.set(sameWorkshop, [...(byWorkshop.get(sameWorkshop) ?? []), row]);
    }
    return row;
  };
  for (const run of runs) {
    const row = rowFor(run.cycle, canonical(run.teacher), run.workshop, run.level, run.span.source);
    pushUnique(row.slotIds, run.slot.id);
    row.sessions += run.sessions.sessions;
    row.plannedHours += run.sessions.sessions * run.slot.durationHours;
  }
  const onlyRow = (entry: HoursDone): HoursRow | undefined => {
    const same = byWorkshop.get(workshopKey(entry.teacher, entry.workshop, entry.cycle)) ?? [];
    return same.length === 1 ? same[0] : undefined;
  };
  for (const entry of done) {
    const existing = entry.level ? rows.get(doneKey(entry.teacher, entry.workshop, entry.level, entry.cycle)) : onlyRow(entry);
    if (!existing) {
      diagnostics.push(
        diagnostic('info', SHEET_NAMES.hours, '', `${entry.hoursDone} h faites par ${entry.teacher} (${entry.workshop}, cycle ${entry.cycle}) ne correspondent plus à un atelier prévu : conservées sur une ligne « Saisie conservée ».`),
      );
    }
    const row = existing ?? rowFor(entry.cycle, canonical(entry.teacher), entry.workshop, entry.level ?? '', 'kept');
    row.hoursDone = (row.hoursDone ?? 0) + entry.hoursDone;
  }
  for (const row of rows.values()) if (row.hoursDone !== null) row.difference = row.hoursDone - row.plannedHours;
  return [...rows.values()].sort(
    (a, b) =>
      a.cycle - b.cycle ||
      a.teacher.localeCompare(b.teacher, 'fr') ||
      a.workshop.localeCompare(b.workshop, 'fr') ||
      compareLevels(a.levels[0] ?? '', b.levels[0] ?? ''),
  );
}

export function teacherTotals(rows: HoursRow[], settings: Settings, canonical: (name: string) => string, hoursPerWeeklyHour: number): TeacherTotal[] {
  const names = new Set<string>(settings.teachers.map((t) => canonical(t.name)));
  for (const row of rows) names.add(row.teacher);
  const byName = new Map(settings.teachers.map((t) => [t.name.toLowerCase(), t]));
  const rowsOf = new Map<string, HoursRow[]>();
  for (const row of rows) {
    const key = row.teacher.toLowerCase();
    const own = rowsOf.get(key);
    if (own) own.push(row);
    else rowsOf.set(key, [row]);
  }
  return [...names]
    .sort((a, b) => a.localeCompare(b, 'fr'))
    .map((teacher) => {
      const own = rowsOf.get(teacher.toLowerCase()) ?? [];
      const info = byName.get(teacher.toLowerCase());
      const payStatus = info?.payStatus ?? null;
      const plannedHours = sum(own.map((r) => r.plannedHours));
      const doneHours = sum(own.map((r) => r.hoursDone ?? 0));
      const maxHours = info?.maxHours ?? null;
      return {
        teacher,
        payStatus,
        plannedHours,
        doneHours,
        difference: sum(own.map((r) => r.difference ?? 0)),
        hsaWeeklyHours: payStatus === 'HSA' ? plannedHours / hoursPerWeeklyHour : null,
        hseHours: payStatus === 'HSE' ? doneHours : null,
        pacteParts: payStatus === 'Pacte' ? pacteParts(plannedHours, settings.general.pacteHoursPerPart) : null,
        maxHours,
        remaining: maxHours === null ? null : maxHours - plannedHours,
      };
    });
}

export function statusTotals(rows: HoursRow[], teachers: TeacherTotal[], hoursPerWeeklyHour: number): StatusTotal[] {
  const statuses: (PayStatus | null)[] = [...PAY_STATUSES];
  if (rows.some((r) => r.payStatus === null)) statuses.push(null);
  return statuses.map((status) => {
    const own = rows.filter((r) => r.payStatus === status);
    const plannedHours = sum(own.map((r) => r.plannedHours));
    const doneHours = sum(own.map((r) => r.hoursDone ?? 0));
    const pacte = sum(teachers.filter((t) => t.payStatus === 'Pacte').map((t) => t.pacteParts ?? 0));
    const toPay = status === 'HP' ? plannedHours : status === 'HSA' ? plannedHours / hoursPerWeeklyHour : status === 'HSE' ? doneHours : status === 'Pacte' ? pacte : null;
    return {
      status,
      teachersInvolved: teachers.filter((t) => t.payStatus === status && t.plannedHours > 0).length,
      plannedHours,
      doneHours,
      difference: sum(own.map((r) => r.difference ?? 0)),
      toPay,
    };
  });
}

/**
 * Envelope of a level: the row of the chosen regime, else the only regime that has this level
 * (a school under « Bac pro 2019 » still finds its CAP levels under « CAP 2019 »).
 */
export function envelopeOf(level: string, regime: string, envelopes: Envelope[]): { regime: string; hours: number | null } {
  const rows = envelopes.filter((e) => sameLevel(e.level, level));
  const chosen = rows.find((e) => normalizeText(e.regime) === normalizeText(regime)) ?? (rows.length === 1 ? rows[0] : undefined);
  return chosen ? { regime: chosen.regime, hours: chosen.hoursPerYear } : { regime: '', hours: null };
}

/**
 * Hours a pupil of `level` actually had: per cycle, the hours offered scaled by the hours done over
 * the hours planned of the rows of that level where hours done were typed.
 */
function doneHoursPerPupil(level: string, slotHours: SlotCycleHours[], rows: HoursRow[]): number {
  let total = 0;
  for (const cycle of new Set(slotHours.map((s) => s.cycle))) {
    const typed = rows.filter((r) => r.cycle === cycle && r.hoursDone !== null && r.plannedHours > 0 && r.levels.some((l) => sameLevel(l, level)));
    const planned = sum(typed.map((r) => r.plannedHours));
    if (!planned) continue;
    const offered = sum(slotHours.filter((s) => s.cycle === cycle && sameLevel(s.level, level)).map((s) => s.hours));
    total += (offered * sum(typed.map((r) => r.hoursDone!))) / planned;
  }
  return total;
}

const hoursText = (hours: number) => `${Math.round(hours * 10) / 10} h`.replace('.', ',');

export function levelTotals(slotHours: SlotCycleHours[], rows: HoursRow[], settings: Settings, diagnostics: Diagnostic[]): LevelTotal[] {
  // Keyed without case, like the `=` comparisons of the sheet.
  const levels = new Map<string, string>();
  for (const level of [...settings.slots.map((s) => levelLabel(s.level)), ...slotHours.map((s) => s.level)]) {
    if (!levels.has(level.toLowerCase())) levels.set(level.toLowerCase(), level);
  }
  const tolerance = settings.general.envelopeTolerance;
  return [...levels.values()].sort(compareLevels).map((level) => {
    const own = slotHours.filter((s) => s.level.toLowerCase() === level.toLowerCase());
    const offeredHours = sum(own.map((s) => s.hours));
    const envelope = envelopeOf(level, settings.general.regime, settings.envelopes);
    const gap = envelope.hours === null ? null : offeredHours - envelope.hours;
    if (envelope.hours === null) {
      diagnostics.push(
        diagnostic('info', SHEET_NAMES.parameters, '', `pas d'enveloppe horaire renseignée pour le niveau ${level} (régime « ${settings.general.regime} ») : écart non calculé.`),
      );
    } else if (gap !== null && Math.abs(gap) > tolerance) {
      const advice = gap < 0 ? 'ajoutez une barrette ou allongez sa durée' : 'réduisez une barrette';
      diagnostics.push(
        diagnostic(
          'warning',
          SHEET_NAMES.hours,
          '',
          `${level} : ${hoursText(offeredHours)} d'AP prévues par élève sur l'année pour une enveloppe de ${hoursText(envelope.hours)} (« ${envelope.regime} ») : écart de ${gap > 0 ? '+' : ''}${hoursText(gap)}, au-delà de la tolérance de ${hoursText(tolerance)} ; ${advice} dans « ${SHEET_NAMES.parameters} ».`,
        ),
      );
    }
    return {
      level,
      regime: envelope.regime,
      offeredHours,
      forecastHours: sum(own.filter((s) => s.source === 'forecast').map((s) => s.hours)),
      envelope: envelope.hours,
      gap,
      doneHours: doneHoursPerPupil(level, own, rows),
    };
  });
}
