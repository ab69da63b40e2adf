/**
 * Settings for one generation: what the parameter sheets say, completed by defaults derived from the
 * data. Missing parameter sheets are rendered from those defaults and read back through the same
 * parser, so that what the pipeline uses is exactly what the coordinator will see in the workbook.
 */
import { diagnostic, type Diagnostic } from './diagnostics';
import type { WorkbookSnapshot } from './grid';
import { levelFromClassName } from './levels';
import type { ReadResult, Slot } from './model';
import { type SheetSpec } from './render/sheetSpec';
import { SHEET_NAMES } from './workbook';
import { specToGrid } from './render/specToGrid';
import { normalizeText } from './text';
import { HOURS_PER_WEEKLY_HOUR } from './hours/compute';
import { sameLevel, sessionDates, weekdayOf, weeksOffFor } from './hours/sessions';
import { envelopeOf } from './hours/totals';
import { cyclesToUse } from './hours/cycleCalendar';
import { COVERED_YEARS, defaultSchoolCycles, findZone, missingNationalPeriods, schoolCalendar, type SchoolCalendar } from './hours/nationalCalendar';
import {
  DEFAULT_ENVELOPES,
  defaultGeneral,
  defaultSlots,
  slotDurationFor,
  defaultTeachers,
  defaultWeights,
  defaultWorkshops,
} from './settings/defaults';
import { parseSettingsSheets, type ParsedSettings, type PartialSettings } from './settings/read';
import { renderParametersSheet, renderTeachersSheet, renderWorkshopsSheet } from './settings/render';
import type { Settings } from './settings/settings';
import { findBySheetName } from './sheetNames';

export interface ResolvedSettings {
  settings: Settings;
  diagnostics: Diagnostic[];
  /** Parameter sheets to create because the workbook has none yet. */
  createdSheets: SheetSpec[];
}

function hasSheet(snapshot: WorkbookSnapshot, name: string): boolean {
  return findBySheetName(snapshot.grids, name, (g) => g.sheet) !== undefined;
}

function classRows(read: ReadResult) {
  const counts = new Map<string, number>();
  for (const pupil of read.pupils) counts.set(pupil.className, (counts.get(pupil.className) ?? 0) + 1);
  return [...counts].map(([className, pupils]) => {
    const pupil = read.pupils.find((p) => p.className === className);
    const level = levelFromClassName(className) ?? (pupil && pupil.level !== className ? pupil.level : null);
    return { className, level, pupils };
  });
}

/**
 * One slot per level of the data, for a workbook whose parameters give none, long enough that its
 * sessions over the default cycles meet the level's envelope under the chosen regime.
 */
function fallbackSlots(read: ReadResult, general: Settings['general'], calendar: SchoolCalendar | null): Slot[] {
  const cycles = defaultSchoolCycles(calendar, general.weeksPerCycle);
  const durationOf = (level: string, day: string) => {
    const weekday = weekdayOf(day);
    const off = weeksOffFor(level, calendar?.weeksOff ?? []);
    const sessions = weekday === null ? 0 : cycles.reduce((n, c) => n + sessionDates(c.start, c.end, weekday, off).length, 0);
    return slotDurationFor(envelopeOf(level, general.regime, DEFAULT_ENVELOPES).hours, sessions || HOURS_PER_WEEKLY_HOUR);
  };
  return defaultSlots(read.pupils, durationOf).map((slot) => ({ ...slot, source: { sheet: SHEET_NAMES.parameters, cell: '' } }));
}

function missingSheets(snapshot: WorkbookSnapshot, parsed: PartialSettings, read: ReadResult, today: string): SheetSpec[] {
  const general = parsed.general ?? defaultGeneral(today);
  const calendar = schoolCalendar({ ...general, schoolYear: general.schoolYear || defaultGeneral(today).schoolYear });
  const slots = parsed.slots ?? fallbackSlots(read, general, calendar);
  const specs: SheetSpec[] = [];
  if (!hasSheet(snapshot, SHEET_NAMES.parameters)) {
    specs.push(
      renderParametersSheet({
        general,
        classes: classRows(read),
        slots,
        weights: defaultWeights(),
        envelopes: DEFAULT_ENVELOPES,
        cycles: defaultSchoolCycles(calendar, general.weeksPerCycle),
        weeksOff: calendar?.weeksOff ?? [],
      }),
    );
  }
  if (!hasSheet(snapshot, SHEET_NAMES.teachers)) {
    specs.push(renderTeachersSheet(defaultTeachers(read.pupils, read.competencies), slots.map((s) => s.id)));
  }
  if (!hasSheet(snapshot, SHEET_NAMES.workshops)) specs.push(renderWorkshopsSheet(defaultWorkshops(read.competencies)));
  return specs;
}

/**
 * Holidays and public holidays of the national calendar the « Semaines sans AP » section lacks are
 * added (and said), so that no session is planned in them; a year or a zone the data does not cover
 * is said too, asking for the dates rather than guessing them.
 */
function applyNationalCalendar(settings: Settings, calendar: SchoolCalendar | null): Diagnostic[] {
  const params = SHEET_NAMES.parameters;
  const { schoolYear } = settings.general;
  if (!calendar) {
    const academy = schoolCalendarAcademy(settings);
    const why = academy
      ? `l'académie ${academy} a son propre calendrier, absent des données fournies`
      : `l'année ${schoolYear || '(non renseignée)'} n'est pas dans le calendrier national fourni (${COVERED_YEARS.join(', ')})`;
    return [diagnostic('warning', params, '', `Calendrier : ${why}. Saisissez les dates des cycles (« Calendrier des cycles ») et les vacances et jours fériés (« Semaines sans AP ») : Pilote AP ne les devine pas.`)];
  }
  const diagnostics: Diagnostic[] = [];
  if (!calendar.zone.zone) {
    diagnostics.push(diagnostic('warning', params, '', "Zone de vacances inconnue : renseignez l'UAI ou l'Académie dans « Général ». En attendant, seules les vacances communes aux zones A, B et C sont retirées des séances ; vérifiez ensuite les dates des cycles."));
  }
  diagnostics.push(...unknownPeriodTargets(settings));
  const missing = missingNationalPeriods(settings.weeksOff, calendar.weeksOff);
  if (missing.length) {
    settings.weeksOff = [...settings.weeksOff, ...missing];
    const zone = calendar.zone.zone ? `zone ${calendar.zone.zone} (d'après ${calendar.zone.from === 'UAI' ? "l'UAI" : "l'académie"} ${calendar.zone.academy})` : 'toutes zones';
    diagnostics.push(
      diagnostic('info', params, '', `Calendrier national ${schoolYear}, ${zone} : ${missing.map((p) => p.label).join(', ')} absents de « Semaines sans AP », retirés des séances. Ajoutez-les à la section pour les voir dans la feuille.`),
    );
  }
  return diagnostics;
}

/** A period off typed for something that is neither a level of the slots nor a class: said, not guessed. */
function unknownPeriodTargets(settings: Settings): Diagnostic[] {
  const known = (target: string) =>
    settings.slots.some((s) => sameLevel(s.level, target)) || settings.classLevels.some((c) => normalizeText(c.className) === normalizeText(target));
  return settings.weeksOff
    .filter((p) => p.level.trim() && !known(p.level))
    .map((p) => diagnostic('warning', SHEET_NAMES.parameters, '', `Semaines sans AP « ${p.label || p.start} » : « ${p.level} » n'est ni un niveau des barrettes ni une classe de la section « Classes » : période sans effet.`));
}

function schoolCalendarAcademy(settings: Settings): string | null {
  const { academy, uai } = settings.general;
  return findZone({ academy, uai }).academy;
}

function checkCoherence(settings: Settings, read: ReadResult): Diagnostic[] {
  const diagnostics: Diagnostic[] = [];
  const params = SHEET_NAMES.parameters;
  for (const level of new Set(read.pupils.map((p) => p.level))) {
    if (!settings.slots.some((s) => s.level === level)) {
      diagnostics.push(diagnostic('warning', params, '', `Aucune barrette pour le niveau « ${level} » : ajoutez-en une dans la section « Barrettes », ses élèves ne peuvent pas être placés.`));
    }
  }
  for (const slot of settings.slots) {
    if (!settings.teachers.some((t) => t.freeSlots.includes(slot.id))) {
      diagnostics.push(diagnostic('warning', slot.source.sheet, slot.source.cell, `Barrette « ${slot.id} » : aucun intervenant libre (cochez « x » dans « ${SHEET_NAMES.teachers} »).`));
    }
  }
  for (const teacher of settings.teachers) {
    if (!teacher.freeSlots.length) {
      diagnostics.push(diagnostic('info', teacher.source.sheet, teacher.source.cell, `${teacher.name} n'est libre dans aucune barrette.`));
    }
  }
  if (!settings.envelopes.some((e) => normalizeText(e.regime) === normalizeText(settings.general.regime))) {
    diagnostics.push(diagnostic('warning', params, '', `Régime horaire « ${settings.general.regime} » absent de la section « Enveloppes horaires annuelles ».`));
  }
  return diagnostics;
}

/**
 * `initial` is what the parameter sheets said before reading the positionnement (it gave the class
 * levels); they are parsed once more only when defaults had to be added to them.
 */
export function resolveSettings(snapshot: WorkbookSnapshot, initial: ParsedSettings, read: ReadResult, today: string): ResolvedSettings {
  const createdSheets = missingSheets(snapshot, initial.settings, read, today);
  const completed: WorkbookSnapshot = { grids: [...snapshot.grids, ...createdSheets.map(specToGrid)] };
  const initialGeneral = initial.settings.general ?? defaultGeneral(today);
  const defaultSlotList = fallbackSlots(read, initialGeneral, schoolCalendar({ ...initialGeneral, schoolYear: initialGeneral.schoolYear || defaultGeneral(today).schoolYear }));
  const needsReparse = createdSheets.length > 0 || initial.settings.slots === undefined;
  const parsed = needsReparse ? parseSettingsSheets(completed, defaultSlotList) : initial;
  const general = parsed.settings.general ?? defaultGeneral(today);
  if (!general.schoolYear) general.schoolYear = defaultGeneral(today).schoolYear;
  const settings: Settings = {
    general,
    weights: parsed.settings.weights ?? defaultWeights(),
    classLevels: parsed.settings.classLevels ?? [],
    slots: parsed.settings.slots ?? defaultSlotList,
    teachers: parsed.settings.teachers ?? [],
    workshopTypes: parsed.settings.workshopTypes ?? [],
    envelopes: parsed.settings.envelopes ?? DEFAULT_ENVELOPES,
    cycles: parsed.settings.cycles ?? [],
    weeksOff: parsed.settings.weeksOff ?? [],
  };
  const calendar = schoolCalendar(general);
  const cycles = cyclesToUse(parsed.settings.cycles, general, calendar, today);
  settings.cycles = cycles.cycles;
  const diagnostics = [...parsed.diagnostics, ...applyNationalCalendar(settings, calendar), ...cycles.diagnostics, ...checkCoherence(settings, read)];
  for (const spec of createdSheets) {
    diagnostics.push(diagnostic('info', spec.name, '', `Feuille « ${spec.name} » créée avec des valeurs par défaut tirées des données : complétez-la (cellules orangées) puis relancez.`));
  }
  return { settings, diagnostics, createdSheets };
}
