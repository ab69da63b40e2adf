/**
 * Parse the parameter sheets the coordinator edits. Every value that cannot be used is reported
 * with its cell and replaced by its default; nothing here throws.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Grid, WorkbookSnapshot } from '../grid';
import { normalizeLevel } from '../levels';
import type { NeedKind, PayStatus, Slot, StaffCategory, Teacher, WorkshopType } from '../model';
import { frenchDate, isoToSerial, parseDateCell } from '../dates';
import { SHEET_NAMES } from '../workbook';
import { cellText, normalizeText } from '../text';
import { listValue, readHeaderTable, readSection, sectionValue, yesValue, type Section, type SectionRow } from './sections';
import { parameterValue, type ValueRule } from './values';
import { categoryFromRole, parseStaffCategory, STAFF_CATEGORIES, STAFF_CATEGORY_CHOICES, STAFF_CATEGORY_HEADER } from './staff';
import {
  GENERAL_PARAMETERS,
  type GeneralParameter,
  WEIGHT_PARAMETERS,
  type ClassLevel,
  type CycleDates,
  type Envelope,
  type Settings,
  type WeeksOff,
} from './settings';
import { findBySheetName } from '../sheetNames';

export const SECTION_TITLES = {
  general: 'Général',
  classes: 'Classes',
  slots: 'Barrettes',
  weights: 'Poids des besoins',
  envelopes: 'Enveloppes horaires annuelles',
  cycles: 'Calendrier des cycles',
  weeksOff: 'Semaines sans AP',
} as const;

export const TEACHER_COLUMNS = ['Intervenant', 'Disciplines', 'Peut animer', 'Statut', 'Heures max', STAFF_CATEGORY_HEADER] as const;
export const WORKSHOP_COLUMNS = ['Atelier', 'Nature', 'Discipline', 'Effectif max', 'Effectif min'] as const;

/** Length of one session of a barrette: at least a quarter of an hour, at most 8 h. */
const SESSION_DURATION: ValueRule = { quantity: 'hours', min: 0.25, max: 8 };
const DEFAULT_SESSION_HOURS = 1;
/** Yearly hours per pupil: never negative, and no lycée timetable leaves room for more than 300 h of AP. */
const YEARLY_ENVELOPE: ValueRule = { quantity: 'hours', min: 0, max: 300 };
/** A teacher's yearly maximum of AP hours; 0 is no maximum but a mistake (untick the barrettes instead). */
const YEARLY_MAXIMUM: ValueRule = { quantity: 'hours', above: 0, max: 1607 };
const GROUP_CAP: ValueRule = { quantity: 'pupils', integer: true, min: 1, max: 200 };
const DEFAULT_GROUP_CAP = 12;
const GROUP_MINIMUM: ValueRule = { quantity: 'pupils', integer: true, min: 0 };
const WEIGHT: ValueRule = { quantity: 'number', min: 0, max: 10 };
const CYCLE_NUMBER: ValueRule = { quantity: 'cycles', integer: true, min: 1, max: 12 };

function frenchDefault(value: number | string): string {
  return String(value).replace('.', ',');
}

/** What the parameter sheets say; a part is undefined when its sheet or section is absent. */
export type PartialSettings = { [K in keyof Settings]?: Settings[K] };

export interface ParsedSettings {
  settings: PartialSettings;
  diagnostics: Diagnostic[];
}

function findGrid(snapshot: WorkbookSnapshot, name: string): Grid | undefined {
  return findBySheetName(snapshot.grids, name, (g) => g.sheet);
}

const KIND_WORDS: [RegExp, NeedKind][] = [
  [/remed|soutien|consolid/, 'remediation'],
  [/methodo|apprendre|organis/, 'methodology'],
  [/orient|projet|passerelle/, 'orientation'],
  [/approfond|enrich|poursuite|bts/, 'enrichment'],
];

export function parseKind(value: unknown): NeedKind | null {
  const text = normalizeText(value);
  for (const [pattern, kind] of KIND_WORDS) if (pattern.test(text)) return kind;
  return null;
}

function parsePayStatus(value: unknown): PayStatus | null {
  const text = normalizeText(value).replace(/\s/g, '');
  if (!text || text === 'hp' || text.startsWith('heuresposte') || text === 'poste' || text === 'service') return 'HP';
  if (text === 'hsa') return 'HSA';
  if (text === 'hse') return 'HSE';
  if (text === 'pacte') return 'Pacte';
  return null;
}

function parseGeneral(section: Section, sheet: string, diagnostics: Diagnostic[]): PartialSettings['general'] {
  const general: Record<string, number | string> = {};
  for (const row of section.rows) {
    const label = normalizeText(sectionValue(row, 'Paramètre'));
    const parameter = GENERAL_PARAMETERS.find((p) => normalizeText(p.label) === label);
    if (!parameter) continue;
    const raw = sectionValue(row, 'Valeur');
    if (parameter.kind === 'text') {
      general[parameter.key] = cellText(raw);
      continue;
    }
    const { quantity = 'number', integer, min, max } = parameter as GeneralParameter;
    const rule = { quantity, integer, min, max };
    // « Cycle à générer » is never replaced by a default: cycleToGenerate.ts refuses the whole generation.
    const fallback = parameter.key === 'cycle' ? 'rien ne sera généré tant que la cellule n’est pas corrigée' : `valeur par défaut ${frenchDefault(parameter.defaultValue)} utilisée`;
    const at = { sheet, cell: row.addressOf('Valeur'), subject: `« ${parameter.label} »`, fallback };
    const value = parameterValue(raw, rule, at, diagnostics);
    if (value !== null) general[parameter.key] = value;
  }
  const complete: Record<string, number | string> = {};
  for (const p of GENERAL_PARAMETERS) complete[p.key] = general[p.key] ?? p.defaultValue;
  return complete as Settings['general'];
}

function parseClasses(section: Section, sheet: string): ClassLevel[] {
  const classes: ClassLevel[] = [];
  for (const row of section.rows) {
    const className = cellText(sectionValue(row, 'Classe'));
    const typed = cellText(sectionValue(row, 'Niveau'));
    if (!className || !typed || normalizeText(typed).startsWith('a completer')) continue;
    classes.push({ className, level: normalizeLevel(typed) ?? typed, source: { sheet, cell: row.addressOf('Niveau') } });
  }
  return classes;
}

function parseSlots(section: Section, sheet: string, diagnostics: Diagnostic[]): Slot[] {
  const slots: Slot[] = [];
  for (const row of section.rows) {
    const id = cellText(sectionValue(row, 'Barrette'));
    if (!id) continue;
    const typedLevel = cellText(sectionValue(row, 'Niveau'));
    if (slots.some((s) => s.id === id)) {
      diagnostics.push(diagnostic('warning', sheet, row.addressOf('Barrette'), `Barrette « ${id} » en double : seule la première est gardée.`));
      continue;
    }
    if (!typedLevel) {
      diagnostics.push(diagnostic('warning', sheet, row.addressOf('Niveau'), `Barrette « ${id} » sans niveau : elle est ignorée.`));
      continue;
    }
    const rawDuration = sectionValue(row, 'Durée (h)');
    const at = { sheet, cell: row.addressOf('Durée (h)'), subject: `la durée de la barrette « ${id} »`, fallback: `${DEFAULT_SESSION_HOURS} h retenue` };
    const duration = parameterValue(rawDuration, SESSION_DURATION, at, diagnostics);
    if (duration === null && cellText(rawDuration) === '') {
      diagnostics.push(diagnostic('error', sheet, at.cell, `Barrette « ${id} » : durée vide, ${at.fallback} ; saisissez la durée d’une séance (par exemple « 1h30 »).`));
    }
    slots.push({
      id,
      level: normalizeLevel(typedLevel) ?? typedLevel,
      day: normalizeText(sectionValue(row, 'Jour')),
      time: cellText(sectionValue(row, 'Heure')),
      durationHours: duration ?? DEFAULT_SESSION_HOURS,
      source: { sheet, cell: row.addressOf('Barrette') },
    });
  }
  return slots;
}

function parseWeights(section: Section, sheet: string, diagnostics: Diagnostic[]): Settings['weights'] {
  const weights = Object.fromEntries(WEIGHT_PARAMETERS.map((w) => [w.key, w.defaultValue])) as Settings['weights'];
  for (const row of section.rows) {
    const label = normalizeText(sectionValue(row, 'Besoin'));
    const parameter = WEIGHT_PARAMETERS.find((w) => normalizeText(w.label) === label);
    if (!parameter) continue;
    const raw = sectionValue(row, 'Poids');
    const at = { sheet, cell: row.addressOf('Poids'), subject: `le poids « ${parameter.label} »`, fallback: `${frenchDefault(parameter.defaultValue)} retenu` };
    const value = parameterValue(raw, WEIGHT, at, diagnostics);
    if (value !== null) weights[parameter.key] = value;
    else if (cellText(raw) === '') diagnostics.push(diagnostic('warning', sheet, at.cell, `Poids « ${parameter.label} » vide, ${at.fallback}.`));
  }
  return weights;
}

function parseEnvelopes(section: Section, sheet: string, diagnostics: Diagnostic[]): Envelope[] {
  const envelopes: Envelope[] = [];
  for (const row of section.rows) {
    const regime = cellText(sectionValue(row, 'Régime'));
    const typedLevel = cellText(sectionValue(row, 'Niveau'));
    if (!regime || !typedLevel) continue;
    const level = normalizeLevel(typedLevel) ?? typedLevel;
    const header = 'Heures par élève et par an';
    const at = { sheet, cell: row.addressOf(header), subject: `l’enveloppe ${level} (${regime})`, fallback: 'enveloppe inconnue, aucun écart calculé pour ce niveau' };
    envelopes.push({ regime, level, hoursPerYear: parameterValue(sectionValue(row, header), YEARLY_ENVELOPE, at, diagnostics) });
  }
  return envelopes;
}

type DateCell = { iso: string } | { blank: true } | { problem: string };

/** Longest cycle accepted: beyond, the dates are surely mistyped (issue 13, class 7). */
const MAX_CYCLE_WEEKS = 16;

function isRealDate(iso: string): boolean {
  const [y, m, d] = iso.split('-').map(Number);
  const date = new Date(Date.UTC(y, m - 1, d));
  return date.getUTCFullYear() === y && date.getUTCMonth() === m - 1 && date.getUTCDate() === d;
}

/** First and last day a date of this school year may take: 1 August to 31 August of the next year. */
function schoolYearRange(schoolYear: string): { first: string; last: string } | null {
  const match = /^(\d{4})\s*[-/]\s*(\d{4})$/.exec(schoolYear.trim());
  if (!match || Number(match[2]) !== Number(match[1]) + 1) return null;
  return { first: `${match[1]}-08-01`, last: `${match[2]}-08-31` };
}

/** A date cell of the calendar sections: a real date within the school year, or what is wrong. */
function readDate(value: unknown, schoolYear: string): DateCell {
  if (cellText(value) === '') return { blank: true };
  const iso = parseDateCell(value);
  if (!iso || !isRealDate(iso)) return { problem: `« ${cellText(value)} » n'est pas une date (jj/mm/aaaa attendu)` };
  const range = schoolYearRange(schoolYear);
  if (range && (iso < range.first || iso > range.last)) return { problem: `le ${frenchDate(iso)} est hors de l'année scolaire ${schoolYear}` };
  return { iso };
}

/** Reads the two dates of a row; one diagnostic naming the wrong cell when they cannot be used. */
function readPeriod(
  row: SectionRow,
  headers: [string, string],
  schoolYear: string,
  what: string,
  sheet: string,
  diagnostics: Diagnostic[],
): { start: string; end: string } | 'blank' | null {
  const [startHeader, endHeader] = headers;
  const start = readDate(sectionValue(row, startHeader), schoolYear);
  const end = readDate(sectionValue(row, endHeader), schoolYear);
  if ('blank' in start && 'blank' in end) return 'blank';
  for (const [cell, header] of [[start, startHeader], [end, endHeader]] as const) {
    if ('problem' in cell) {
      diagnostics.push(diagnostic('warning', sheet, row.addressOf(header), `${what} : ${cell.problem}, ligne ignorée.`));
      return null;
    }
    if ('blank' in cell) {
      diagnostics.push(diagnostic('warning', sheet, row.addressOf(header), `${what} : date « ${header} » manquante, ligne ignorée.`));
      return null;
    }
  }
  const period = { start: (start as { iso: string }).iso, end: (end as { iso: string }).iso };
  if (period.end < period.start) {
    diagnostics.push(diagnostic('warning', sheet, row.addressOf(endHeader), `${what} : la fin (${frenchDate(period.end)}) précède le début (${frenchDate(period.start)}), ligne ignorée.`));
    return null;
  }
  return period;
}

function parseCycles(section: Section, sheet: string, schoolYear: string, diagnostics: Diagnostic[]): CycleDates[] {
  const cycles: CycleDates[] = [];
  for (const row of section.rows) {
    const raw = sectionValue(row, 'Cycle');
    if (cellText(raw) === '') continue;
    const cycle = parameterValue(raw, CYCLE_NUMBER, { sheet, cell: row.addressOf('Cycle'), subject: 'un numéro de cycle', fallback: 'ligne ignorée' }, diagnostics);
    if (cycle === null) continue;
    const period = readPeriod(row, ['Début', 'Fin'], schoolYear, `Cycle ${cycle}`, sheet, diagnostics);
    if (period === 'blank' || period === null) continue;
    const weeks = (isoToSerial(period.end) - isoToSerial(period.start) + 1) / 7;
    const clash = cycles.find((c) => c.cycle === cycle || (c.start <= period.end && c.end >= period.start));
    if (weeks > MAX_CYCLE_WEEKS) {
      diagnostics.push(diagnostic('warning', sheet, row.addressOf('Fin'), `Cycle ${cycle} : ${Math.round(weeks)} semaines, plus de ${MAX_CYCLE_WEEKS} (un cycle dure 7 à 8 semaines) : vérifiez les dates, cycle ignoré.`));
    } else if (clash) {
      const why = clash.cycle === cycle ? 'numéro déjà utilisé' : `chevauche le cycle ${clash.cycle}`;
      diagnostics.push(diagnostic('warning', sheet, row.address, `Cycle ${cycle} : ${why}, ligne ignorée.`));
    } else cycles.push({ cycle, ...period, cell: row.addressOf('Début') });
  }
  return cycles.sort((a, b) => a.cycle - b.cycle);
}

function parseWeeksOff(section: Section, sheet: string, schoolYear: string, diagnostics: Diagnostic[]): WeeksOff[] {
  const periods: WeeksOff[] = [];
  for (const row of section.rows) {
    const label = cellText(sectionValue(row, 'Motif'));
    const period = readPeriod(row, ['Du', 'Au'], schoolYear, `Période sans AP${label ? ` « ${label} »` : ''}`, sheet, diagnostics);
    if (period === 'blank' || period === null) continue;
    const level = cellText(sectionValue(row, 'Niveau'));
    periods.push({ ...period, label, level: level ? (normalizeLevel(level) ?? level) : '' });
  }
  return periods;
}

function parseTeachers(grid: Grid, slotIds: string[], diagnostics: Diagnostic[]): Teacher[] | undefined {
  const table = readHeaderTable(grid, ['Intervenant', 'Disciplines']);
  if (!table) {
    diagnostics.push(diagnostic('error', grid.sheet, '', `En-têtes « Intervenant » et « Disciplines » introuvables : la feuille est ignorée, des intervenants par défaut sont utilisés.`));
    return undefined;
  }
  const slotHeaders = table.headers.filter((h) => h && !TEACHER_COLUMNS.some((c) => normalizeText(c) === normalizeText(h)));
  for (const header of slotHeaders) {
    if (!slotIds.some((id) => normalizeText(id) === normalizeText(header))) {
      diagnostics.push(diagnostic('warning', grid.sheet, table.address, `Colonne « ${header} » : aucune barrette de ce nom dans « ${SHEET_NAMES.parameters} », colonne ignorée.`));
    }
  }
  const hasCategories = table.headers.some((h) => normalizeText(h) === normalizeText(STAFF_CATEGORY_HEADER));
  const teachers: Teacher[] = [];
  for (const row of table.rows) {
    const name = cellText(sectionValue(row, 'Intervenant'));
    if (!name) continue;
    const disciplines = listValue(sectionValue(row, 'Disciplines'));
    const category = hasCategories ? readCategory(row, name, grid.sheet, diagnostics) : (categoryFromRole(name, disciplines) ?? 'teacher');
    const kinds = listValue(sectionValue(row, 'Peut animer')).map(parseKind).filter((k): k is NeedKind => k !== null);
    const status = parsePayStatus(sectionValue(row, 'Statut'));
    if (status === null) {
      diagnostics.push(diagnostic('warning', grid.sheet, row.addressOf('Statut'), `${name} : statut « ${cellText(sectionValue(row, 'Statut'))} » inconnu (HP, HSA, HSE ou Pacte), heures poste retenues.`));
    }
    const maxAt = { sheet: grid.sheet, cell: row.addressOf('Heures max'), subject: `les heures max de ${name}`, fallback: 'aucun maximum retenu' };
    const maxHours = parameterValue(sectionValue(row, 'Heures max'), YEARLY_MAXIMUM, maxAt, diagnostics);
    teachers.push({
      name,
      disciplines,
      kinds: kinds.length ? [...new Set(kinds)] : ['remediation', 'methodology'],
      freeSlots: slotIds.filter((id) => yesValue(row.cells.get(normalizeText(id)))),
      payStatus: status ?? 'HP',
      category,
      ...(maxHours !== null && { maxHours }),
      source: { sheet: grid.sheet, cell: row.addressOf('Intervenant') },
    });
  }
  if (!hasCategories && teachers.length) diagnostics.push(missingCategoriesInfo(grid.sheet, table.address, teachers));
  return teachers;
}

/** The « Catégorie » cell: blank is a teacher; anything not in the list is an error, the person then counted as a teacher. */
function readCategory(row: SectionRow, name: string, sheet: string, diagnostics: Diagnostic[]): StaffCategory {
  const raw = sectionValue(row, STAFF_CATEGORY_HEADER);
  if (cellText(raw) === '') return 'teacher';
  const category = parseStaffCategory(raw);
  if (category) return category;
  diagnostics.push(
    diagnostic('error', sheet, row.addressOf(STAFF_CATEGORY_HEADER), `« ${cellText(raw)} » refusé pour la catégorie de ${name} : choisissez ${STAFF_CATEGORY_CHOICES.map((c) => `« ${c} »`).join(', ')} ; compté(e) comme enseignant.`),
  );
  return 'teacher';
}

/** A sheet created before the column existed: say how people were counted and how to say otherwise. */
function missingCategoriesInfo(sheet: string, address: string, teachers: Teacher[]): Diagnostic {
  const others = STAFF_CATEGORIES.filter((c) => c.key !== 'teacher')
    .map((c) => ({ c, n: teachers.filter((t) => t.category === c.key).length }))
    .filter(({ n }) => n > 0)
    .map(({ c, n }) => `${n} ${n > 1 ? c.plural : c.label}`);
  const recognised = others.length ? `, sauf ${others.join(', ')} reconnus à leur nom ou leur discipline` : '';
  return diagnostic(
    'info',
    sheet,
    address,
    `Colonne « ${STAFF_CATEGORY_HEADER} » absente : les intervenants sont comptés comme enseignants${recognised}. Pour la part des enseignants impliqués, ajoutez une colonne « ${STAFF_CATEGORY_HEADER} » (${STAFF_CATEGORY_CHOICES.join(', ')}).`,
  );
}

function parseWorkshops(grid: Grid, diagnostics: Diagnostic[]): WorkshopType[] | undefined {
  const table = readHeaderTable(grid, ['Atelier', 'Nature']);
  if (!table) {
    diagnostics.push(diagnostic('error', grid.sheet, '', `En-têtes « Atelier » et « Nature » introuvables : la feuille est ignorée, les ateliers par défaut sont utilisés.`));
    return undefined;
  }
  const types: WorkshopType[] = [];
  for (const row of table.rows) {
    const id = cellText(sectionValue(row, 'Atelier'));
    if (!id) continue;
    const kind = parseKind(sectionValue(row, 'Nature')) ?? parseKind(id);
    if (!kind) {
      diagnostics.push(diagnostic('warning', grid.sheet, row.addressOf('Nature'), `Atelier « ${id} » : nature « ${cellText(sectionValue(row, 'Nature'))} » inconnue (remédiation, méthodologie, orientation, approfondissement), atelier ignoré.`));
      continue;
    }
    const rawCap = sectionValue(row, 'Effectif max');
    const capAt = { sheet: grid.sheet, cell: row.addressOf('Effectif max'), subject: `l’effectif max de l’atelier « ${id} »`, fallback: `${DEFAULT_GROUP_CAP} retenu` };
    let cap = parameterValue(rawCap, GROUP_CAP, capAt, diagnostics);
    if (cap === null && cellText(rawCap) === '') {
      diagnostics.push(diagnostic('error', grid.sheet, capAt.cell, `Atelier « ${id} » : effectif max vide, ${capAt.fallback}.`));
    }
    cap ??= DEFAULT_GROUP_CAP;
    const minAt = { sheet: grid.sheet, cell: row.addressOf('Effectif min'), subject: `l’effectif min de l’atelier « ${id} »`, fallback: '1 retenu' };
    let minSize = parameterValue(sectionValue(row, 'Effectif min'), { ...GROUP_MINIMUM, max: cap }, minAt, diagnostics) ?? 1;
    if (minSize > cap) minSize = 1;
    const discipline = cellText(sectionValue(row, 'Discipline'));
    types.push({ id, kind, ...(discipline && { discipline }), cap, minSize, source: { sheet: grid.sheet, cell: row.addressOf('Effectif max') } });
  }
  return types;
}

/**
 * Read whatever parameter sheets exist. `fallbackSlots` stand in for a « Barrettes » section the
 * coordinator removed, so that the teachers' availability columns still mean something.
 */
export function parseSettingsSheets(snapshot: WorkbookSnapshot, fallbackSlots: Slot[] = []): ParsedSettings {
  const diagnostics: Diagnostic[] = [];
  const settings: PartialSettings = {};
  const params = findGrid(snapshot, SHEET_NAMES.parameters);
  if (params) {
    const sheet = params.sheet;
    const general = readSection(params, [SECTION_TITLES.general]);
    if (general) settings.general = parseGeneral(general, sheet, diagnostics);
    const classes = readSection(params, [SECTION_TITLES.classes]);
    if (classes) settings.classLevels = parseClasses(classes, sheet);
    const slots = readSection(params, [SECTION_TITLES.slots]);
    if (slots) settings.slots = parseSlots(slots, sheet, diagnostics);
    const weights = readSection(params, [SECTION_TITLES.weights]);
    if (weights) settings.weights = parseWeights(weights, sheet, diagnostics);
    const envelopes = readSection(params, [SECTION_TITLES.envelopes]);
    if (envelopes) settings.envelopes = parseEnvelopes(envelopes, sheet, diagnostics);
    const cycles = readSection(params, [SECTION_TITLES.cycles]);
    const schoolYear = String(settings.general?.schoolYear ?? '');
    if (cycles) settings.cycles = parseCycles(cycles, sheet, schoolYear, diagnostics);
    const weeksOff = readSection(params, [SECTION_TITLES.weeksOff]);
    if (weeksOff) settings.weeksOff = parseWeeksOff(weeksOff, sheet, schoolYear, diagnostics);
    for (const [key, title] of Object.entries(SECTION_TITLES)) {
      if (settings[key === 'classes' ? 'classLevels' : (key as keyof PartialSettings)] === undefined) {
        diagnostics.push(diagnostic('warning', sheet, '', `Section « ${title} » introuvable (titre attendu en colonne A) : valeurs par défaut utilisées.`));
      }
    }
  }
  const teachersGrid = findGrid(snapshot, SHEET_NAMES.teachers);
  if (teachersGrid) settings.teachers = parseTeachers(teachersGrid, (settings.slots ?? fallbackSlots).map((s) => s.id), diagnostics);
  const workshopsGrid = findGrid(snapshot, SHEET_NAMES.workshops);
  if (workshopsGrid) settings.workshopTypes = parseWorkshops(workshopsGrid, diagnostics);
  return { settings, diagnostics };
}
