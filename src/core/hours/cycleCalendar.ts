/**
 * A calendar of cycles that follows what is known. The « Calendrier des cycles » Pilote AP laid before
 * the zone was known (holidays common to all zones only) is laid again on the zone's school weeks once
 * the UAI or the académie is typed, for the cycles not yet started; an emptied table is laid again
 * whole. Dates the coordinator typed by hand (anything that is not what Pilote AP laid) are kept.
 */
import { addDays, frenchDate } from '../dates';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Settings, CycleDates } from '../settings/settings';
import { SHEET_NAMES } from '../workbook';
import { defaultSchoolCycles, schoolCalendar, schoolWeekCycles, type SchoolCalendar } from './nationalCalendar';

/** Fewest sessions a cycle should give a level before it is said (groups re-formed for two sessions). */
export const MIN_SESSIONS_PER_CYCLE = 3;

function sameDates(a: CycleDates, b: CycleDates | undefined): boolean {
  return !!b && a.start === b.start && a.end === b.end;
}

function span(cycles: CycleDates[]): string {
  return cycles.length === 1 ? `le cycle ${cycles[0].cycle}` : `les cycles ${cycles[0].cycle} à ${cycles[cycles.length - 1].cycle}`;
}

/**
 * The cycles to use. `typed` is what the section says (undefined when the section is absent, [] when
 * emptied); `today` tells the cycles already started, whose dates never move.
 */
export function cyclesToUse(typed: CycleDates[] | undefined, general: Settings['general'], calendar: SchoolCalendar | null, today: string): { cycles: CycleDates[]; diagnostics: Diagnostic[] } {
  const laid = defaultSchoolCycles(calendar, general.weeksPerCycle);
  if (typed === undefined) return { cycles: laid, diagnostics: [] };
  const params = SHEET_NAMES.parameters;
  if (!typed.length) {
    const diagnostics = laid.length
      ? [diagnostic('info', params, '', `« Calendrier des cycles » vide : ${laid.length} cycles posés sur les semaines de cours (vacances exclues), du ${frenchDate(laid[0].start)} au ${frenchDate(laid[laid.length - 1].end)} (voir « ${SHEET_NAMES.calendar} »). Saisissez vos propres dates dans la section pour les garder.`)]
      : [];
    return { cycles: laid, diagnostics };
  }
  if (!calendar?.zone.zone || !calendar.bounds) return { cycles: typed, diagnostics: [] };
  const withoutZone = defaultSchoolCycles(schoolCalendar({ ...general, uai: '', academy: '' }), general.weeksPerCycle);
  const started = typed.filter((c) => c.start <= today);
  const toCome = typed.filter((c) => c.start > today);
  // Only a table exactly as Pilote AP laid it without the zone is laid again: any hand-typed date keeps it all.
  const ours = toCome.length > 0 && typed.every((c) => sameDates(c, withoutZone.find((w) => w.cycle === c.cycle)));
  const already = toCome.every((c) => sameDates(c, laid.find((l) => l.cycle === c.cycle)));
  if (!ours || already) return { cycles: typed, diagnostics: [] };
  const lastStarted = started[started.length - 1];
  const from = lastStarted ? addDays(lastStarted.end, 1) : calendar.bounds.start;
  const relaid = schoolWeekCycles(from, calendar.bounds.end, general.weeksPerCycle, calendar.weeksOff).map((c, i) => ({ ...c, cycle: (lastStarted?.cycle ?? 0) + i + 1 }));
  const cycles = [...started, ...relaid];
  const zone = `zone ${calendar.zone.zone} (d'après ${calendar.zone.from === 'UAI' ? "l'UAI" : "l'académie"} ${calendar.zone.academy})`;
  return {
    cycles,
    diagnostics: [
      diagnostic(
        'info',
        params,
        '',
        `Calendrier des cycles : la ${zone} est maintenant connue ; ${span(relaid)}, pas encore commencé${relaid.length > 1 ? 's' : ''}, ${relaid.length > 1 ? 'sont posés' : 'est posé'} de nouveau sur ses semaines de cours : ${relaid.map((c) => `cycle ${c.cycle} du ${frenchDate(c.start)} au ${frenchDate(c.end)}`).join(', ')}${started.length ? ` (${span(started)}, déjà commencé${started.length > 1 ? 's' : ''}, ne bouge${started.length > 1 ? 'nt' : ''} pas)` : ''}. Reportez ces dates dans la section pour les voir dans la feuille.`,
      ),
    ],
  };
}

/** A cycle generated or to come that gives a level fewer than MIN_SESSIONS_PER_CYCLE sessions: said, with the cycle's cell. */
export function shortCycleWarning(cycle: CycleDates | undefined, level: string, slotId: string, sessions: number): Diagnostic | null {
  if (!cycle || sessions >= MIN_SESSIONS_PER_CYCLE) return null;
  return diagnostic(
    'warning',
    SHEET_NAMES.parameters,
    cycle.cell ?? '',
    `Cycle ${cycle.cycle} (du ${frenchDate(cycle.start)} au ${frenchDate(cycle.end)}) : ${sessions} séance${sessions > 1 ? 's' : ''} seulement pour le niveau ${level} (barrette « ${slotId} »), moins de ${MIN_SESSIONS_PER_CYCLE} : vérifiez les dates du cycle (vacances, PFMP) ou regroupez-le avec le suivant.`,
  );
}
