/**
 * Consolidation at the académie: many establishments' exports of one school year merged into one
 * workbook — one sheet per indicator (and per positionnement transition) with one row per establishment
 * and académie totals per level, the list of establishments kept, and the files rejected with the reason.
 */
import { frenchDate } from '../dates';
import { diagnostic, type Diagnostic } from '../diagnostics';
import { a1, type Grid } from '../grid';
import type { IndicatorUnit } from '../indicators/types';
import { compareLevels } from '../levels';
import { HOUSE, SheetBuilder } from '../render/builder';
import type { CellRange } from '../grid';
import type { SheetSpec, SpecCell } from '../render/sheetSpec';
import { parseExport, type ExportFigure, type ParsedExport } from './parse';
import { MIN_MASK_THRESHOLD } from './publicLabels';
import { CONSOLIDATION_SHEET_NAMES } from './schema';

export interface ExportSource {
  fileName: string;
  /** The file's sheets (.xlsx) or its single grid (.csv). */
  grids?: Grid[];
  /** Why the file could not even be read (set by the host). */
  readError?: string;
}

export interface Rejection {
  fileName: string;
  reason: string;
}

export interface AcceptedExport extends ParsedExport {
  fileName: string;
}

export interface Consolidation {
  specs: SheetSpec[];
  accepted: AcceptedExport[];
  rejected: Rejection[];
  diagnostics: Diagnostic[];
}

const FIXED_COLUMNS = ['UAI', 'Établissement', 'Académie'];
const ESTABLISHMENTS_SHEET = 'Établissements';
const REJECTED_SHEET = 'Fichiers rejetés';

/** The school year a consolidation is about: the one most exports give, the latest on a tie; '' when none says. */
function consolidatedYear(candidates: AcceptedExport[]): string {
  const counts = new Map<string, number>();
  for (const c of candidates) if (c.schoolYear) counts.set(c.schoolYear, (counts.get(c.schoolYear) ?? 0) + 1);
  return [...counts.entries()].sort(([a, x], [b, y]) => y - x || b.localeCompare(a))[0]?.[0] ?? '';
}

/** One school year per consolidation: exports of another year are rejected, to be consolidated apart. */
function oneSchoolYear(candidates: AcceptedExport[], year: string, rejected: Rejection[]): AcceptedExport[] {
  return candidates.filter((c) => {
    if (!c.schoolYear || c.schoolYear === year) return true;
    rejected.push({ fileName: c.fileName, reason: `année scolaire ${c.schoolYear} : cette consolidation porte sur ${year}, l’année de la plupart des exports ; consolidez chaque année à part` });
    return false;
  });
}

/** Keep one export per UAI: the most recent, the first given on a tie; reject the others. */
function dropDuplicates(candidates: AcceptedExport[], rejected: Rejection[]): AcceptedExport[] {
  const kept = new Map<string, AcceptedExport>();
  for (const candidate of candidates) {
    const previous = kept.get(candidate.uai);
    if (previous && candidate.exportDate <= previous.exportDate) {
      rejected.push({ fileName: candidate.fileName, reason: `établissement en double : l'UAI ${candidate.uai} figure déjà dans « ${previous.fileName} », retenu` });
      continue;
    }
    if (previous) rejected.push({ fileName: previous.fileName, reason: `établissement en double : l'UAI ${previous.uai} a un export plus récent dans « ${candidate.fileName} », retenu` });
    kept.set(candidate.uai, candidate);
  }
  return [...kept.values()].sort((a, b) => a.uai.localeCompare(b.uai));
}

const COLUMN_ORDER = ['1', '2', '3', '4', 'evaluated', 'planned', 'done', 'envelope'];

function compareColumns(a: string, b: string): number {
  const rank = (key: string) => (key === 'total' ? 2 : COLUMN_ORDER.includes(key) ? 0 : 1);
  return rank(a) - rank(b) || (rank(a) === 0 ? COLUMN_ORDER.indexOf(a) - COLUMN_ORDER.indexOf(b) : compareLevels(a, b));
}

interface Column {
  row: string;
  rowLabel: string;
  col: string;
  colLabel: string;
  unit: IndicatorUnit;
}

interface TableView {
  id: string;
  title: string;
  columns: Column[];
  /** uai -> `row|col` -> figure */
  figures: Map<string, Map<string, ExportFigure>>;
}

/**
 * Group the figures of every export by indicator table and title, with the union of their (row, column)
 * pairs: a table whose title names its positionnements (« Positionnement 1 puis Positionnement 3 ») is a
 * view of its own, so that each transition is consolidated apart. Views are in the order of the
 * indicators, transitions in the order of their positionnements.
 */
function tableViews(exports: AcceptedExport[]): TableView[] {
  const views = new Map<string, TableView & { rows: Map<string, { label: string; cols: Map<string, Column> }> }>();
  for (const exp of exports) {
    for (const figure of exp.figures) {
      const key = `${figure.table}\u0000${figure.tableTitle}`;
      if (!views.has(key)) views.set(key, { id: figure.table, title: figure.tableTitle, columns: [], figures: new Map(), rows: new Map() });
      const view = views.get(key)!;
      if (!view.rows.has(figure.row)) view.rows.set(figure.row, { label: figure.rowLabel, cols: new Map() });
      const row = view.rows.get(figure.row)!;
      if (!row.cols.has(figure.col)) row.cols.set(figure.col, { row: figure.row, rowLabel: figure.rowLabel, col: figure.col, colLabel: figure.colLabel, unit: figure.unit });
      if (!view.figures.has(exp.uai)) view.figures.set(exp.uai, new Map());
      view.figures.get(exp.uai)!.set(`${figure.row}|${figure.col}`, figure);
    }
  }
  const known = [...CONSOLIDATION_SHEET_NAMES.keys()];
  const rank = (id: string) => (known.includes(id) ? known.indexOf(id) : known.length);
  return [...views.values()]
    .sort((a, b) => rank(a.id) - rank(b.id) || a.id.localeCompare(b.id) || a.title.localeCompare(b.title, 'fr', { numeric: true }))
    .map(({ rows, ...view }) => ({
      ...view,
      columns: [...rows.values()].flatMap((row) => [...row.cols.values()].sort((a, b) => compareColumns(a.col, b.col))),
    }));
}

/** « Maîtrise par discipline : Positionnement 1 puis Positionnement 3 » -> « P1 → P3 »; '' when the title names no positionnement. */
function transitionOf(title: string): string {
  const rounds = [...title.matchAll(/positionnement\s*(?:n°\s*)?(\d+)/gi)].map((m) => `P${m[1]}`);
  return rounds.length >= 2 ? rounds.join(' → ') : '';
}

/** Sheet name of a view: the indicator's short name, with its transition when the indicator has several. */
function viewSheetName(view: TableView, views: TableView[]): string {
  const base = CONSOLIDATION_SHEET_NAMES.get(view.id) ?? view.title;
  const several = views.filter((v) => v.id === view.id).length > 1;
  const transition = several ? transitionOf(view.title) : '';
  return transition ? `${base} ${transition}` : base;
}

/** Pupils of each establishment by level, as published in its « Élèves » table (weights of the hours). */
function pupilsByLevel(exp: AcceptedExport): Map<string, number> {
  const counts = new Map<string, number>();
  for (const f of exp.figures) if (f.table === 'pupils' && f.row === 'all' && typeof f.value === 'number') counts.set(f.col, f.value);
  return counts;
}

const COUNT_UNITS = new Set<IndicatorUnit>(['pupils', 'workshops', 'teachers']);

/**
 * Académie total of a column: sum of counts; for hours per pupil, the mean weighted by the pupils of the
 * level in each establishment (a school of 600 weighs six times one of 100; an establishment whose count
 * is masked is left out of the mean); ratio of summed counts for shares.
 */
function totalCell(column: Column, figures: (ExportFigure | undefined)[], range: string, weights: (number | undefined)[]): SpecCell {
  const numbers = figures.map((f) => f?.value).filter((v): v is number => typeof v === 'number');
  if (COUNT_UNITS.has(column.unit)) return { formula: `=SUM(${range})`, value: numbers.reduce((a, b) => a + b, 0) };
  if (column.unit === 'hours') {
    let sum = 0;
    let pupils = 0;
    figures.forEach((f, i) => {
      const weight = weights[i];
      if (typeof f?.value !== 'number' || weight === undefined || weight <= 0) return;
      sum += weight * f.value;
      pupils += weight;
    });
    return pupils > 0 ? Math.round((100 * sum) / pupils) / 100 : null;
  }
  let num = 0;
  let den = 0;
  for (const f of figures) {
    if (typeof f?.value !== 'number' || typeof f.num !== 'number' || typeof f.den !== 'number') continue;
    num += f.num;
    den += f.den;
  }
  return den > 0 ? Math.round((1000 * num) / den) / 10 : null;
}

function safeSheetName(name: string, used: Set<string>): string {
  const base = name.replace(/[\\/?*[\]:]/g, ' ').slice(0, 31).trim() || 'Indicateur';
  let candidate = base;
  for (let i = 2; used.has(candidate); i++) candidate = `${base.slice(0, 27)} (${i})`;
  used.add(candidate);
  return candidate;
}

const NUMBER_FORMATS: Record<IndicatorUnit, string> = {
  pupils: '0',
  workshops: '0',
  teachers: '0',
  hours: '0.0',
  pupilShare: '0.0',
  teacherShare: '0.0',
  sessionShare: '0.0',
  count: '0',
};

function tableSheet(view: TableView, accepted: AcceptedExport[], name: string): SheetSpec {
  // Only the establishments that publish this view (a transition of positionnements is not everyone's).
  const exports = accepted.filter((exp) => view.figures.has(exp.uai));
  const sheet = new SheetBuilder(
    `${view.title} — consolidation académique`,
    'Une ligne par établissement. Valeurs masquées à la source (« < 5 », « masqué ») non comptées dans les totaux. ' +
      'Total : somme des effectifs ; pour les heures, moyenne pondérée par les élèves du niveau de chaque établissement ; pour les parts (%), rapport des numérateurs et dénominateurs publiés.',
  );
  sheet.blank();
  const groupRow = sheet.row([...FIXED_COLUMNS, ...view.columns.map((c, i) => (i === 0 || view.columns[i - 1].row !== c.row ? c.rowLabel : null))], HOUSE.header);
  const unitSuffix = (c: Column) => (c.unit.endsWith('Share') ? ' (%)' : c.unit === 'hours' ? ' (h)' : '');
  const headerRow = sheet.row([null, null, null, ...view.columns.map((c) => `${c.colLabel}${unitSuffix(c)}`)], HOUSE.header);
  const merges: CellRange[] = FIXED_COLUMNS.map((_, col) => ({ row: groupRow, col, rowCount: 2, colCount: 1 }));
  view.columns.forEach((c, i) => {
    if (i > 0 && view.columns[i - 1].row === c.row) return;
    let span = 1;
    while (view.columns[i + span]?.row === c.row) span++;
    if (span > 1) merges.push({ row: groupRow, col: FIXED_COLUMNS.length + i, rowCount: 1, colCount: span });
  });

  const first = sheet.rowCount;
  for (const exp of exports) {
    const figures = view.figures.get(exp.uai);
    sheet.row([exp.uai, exp.name, exp.academy, ...view.columns.map((c) => figures?.get(`${c.row}|${c.col}`)?.value ?? null)]);
  }
  const last = sheet.rowCount - 1;
  const columnRange = (i: number) => `${a1(first, FIXED_COLUMNS.length + i)}:${a1(Math.max(first, last), FIXED_COLUMNS.length + i)}`;
  const columnFigures = (c: Column) => exports.map((exp) => view.figures.get(exp.uai)?.get(`${c.row}|${c.col}`));

  const pupils = exports.map(pupilsByLevel);
  // Hours rows are levels: each establishment weighs by its pupils of that level.
  const weightsOf = (c: Column) => pupils.map((byLevel) => byLevel.get(c.row));
  const totalRow = sheet.row(['Total académie', null, null, ...view.columns.map((c, i) => totalCell(c, columnFigures(c), columnRange(i), weightsOf(c)))]);
  const maskedRow = sheet.row([
    'Valeurs masquées',
    null,
    null,
    ...view.columns.map((c, i) => ({
      formula: `=COUNTA(${columnRange(i)})-COUNT(${columnRange(i)})`,
      value: columnFigures(c).filter((f) => typeof f?.value === 'string').length,
    })),
  ]);
  const width = FIXED_COLUMNS.length + view.columns.length;
  view.columns.forEach((c, i) => sheet.style(first, FIXED_COLUMNS.length + i, maskedRow - first, 1, { numberFormat: NUMBER_FORMATS[c.unit], horizontal: 'right' }));
  sheet.style(totalRow, 0, 2, width, { bold: true, fill: '#E2EFDA', border: true });
  return sheet.build({
    name,
    role: 'output',
    merges,
    columnWidths: [11, 34, 18, ...view.columns.map(() => 12)],
    freeze: { rows: headerRow + 1, cols: FIXED_COLUMNS.length },
  });
}

function establishmentsSheet(exports: AcceptedExport[], rejected: Rejection[]): SheetSpec {
  const years = [...new Set(exports.map((e) => e.schoolYear).filter(Boolean))].sort();
  const sheet = new SheetBuilder(
    "Consolidation académique des indicateurs de l'accompagnement personnalisé",
    `${exports.length} établissement(s) retenu(s), ${rejected.length} fichier(s) rejeté(s) (voir « ${REJECTED_SHEET} »). Année(s) scolaire(s) : ${years.join(', ') || 'non précisée'}.`,
  );
  sheet.blank();
  const header = ['UAI', 'Établissement', 'Académie', 'Année scolaire', "Date d'export", 'Seuil de masquage', 'Fichier'];
  const headerRow = sheet.row(header, HOUSE.header);
  for (const exp of exports) {
    sheet.row([exp.uai, exp.name, exp.academy, exp.schoolYear, exp.exportDate ? frenchDate(exp.exportDate) : null, exp.threshold, exp.fileName]);
  }
  return sheet.build({
    name: ESTABLISHMENTS_SHEET,
    role: 'output',
    columnWidths: [11, 40, 18, 14, 14, 12, 40],
    ...(exports.length && {
      tables: [{ name: 'Etablissements', range: { row: headerRow, col: 0, rowCount: exports.length + 1, colCount: header.length }, style: 'TableStyleLight9' }],
    }),
    freeze: { rows: headerRow + 1, cols: 1 },
  });
}

function rejectedSheet(rejected: Rejection[]): SheetSpec {
  const sheet = new SheetBuilder('Fichiers rejetés', 'Fichiers non pris en compte dans la consolidation, avec le motif.');
  sheet.blank();
  sheet.row(['Fichier', 'Motif'], HOUSE.header);
  for (const r of rejected) sheet.row([r.fileName, r.reason]);
  if (!rejected.length) sheet.row(['Aucun fichier rejeté.'], HOUSE.note);
  return sheet.build({ name: REJECTED_SHEET, role: 'output', columnWidths: [40, 100] });
}

export function consolidateExports(sources: ExportSource[]): Consolidation {
  const rejected: Rejection[] = [];
  const candidates: AcceptedExport[] = [];
  for (const source of sources) {
    if (source.readError || !source.grids) {
      rejected.push({ fileName: source.fileName, reason: source.readError ?? 'fichier illisible' });
      continue;
    }
    const outcome = parseExport(source.grids);
    if (!outcome.ok) rejected.push({ fileName: source.fileName, reason: outcome.reason });
    else if (outcome.export.threshold === null || outcome.export.threshold < MIN_MASK_THRESHOLD) {
      const threshold = outcome.export.threshold === null ? 'absent' : `de ${outcome.export.threshold}`;
      rejected.push({ fileName: source.fileName, reason: `seuil de masquage ${threshold} : il doit valoir au moins ${MIN_MASK_THRESHOLD}, demandez un nouvel export` });
    } else candidates.push({ ...outcome.export, fileName: source.fileName });
  }
  const year = consolidatedYear(candidates);
  const accepted = dropDuplicates(oneSchoolYear(candidates, year, rejected), rejected);
  const used = new Set([ESTABLISHMENTS_SHEET, REJECTED_SHEET]);
  const views = tableViews(accepted);
  const tables = views.map((view) => tableSheet(view, accepted, safeSheetName(viewSheetName(view, views), used)));
  const diagnostics: Diagnostic[] = rejected.map((r) => diagnostic('warning', '', '', `${r.fileName} rejeté : ${r.reason}.`));
  const undated = accepted.filter((e) => !e.schoolYear).map((e) => e.fileName);
  if (undated.length && year) {
    diagnostics.push(diagnostic('warning', '', '', `Année scolaire non précisée dans ${undated.join(', ')} : fichier(s) compté(s) dans ${year}, vérifiez qu’ils portent bien sur cette année.`));
  }
  return {
    specs: [establishmentsSheet(accepted, rejected), ...tables, rejectedSheet(rejected)],
    accepted,
    rejected,
    diagnostics,
  };
}
