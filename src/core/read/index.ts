/**
 * The reader: from the grids of a coordinator's workbook to pupils, competencies and mastery results,
 * saying exactly what could not be read. Pure: grids in, plain data and French diagnostics out.
 *
 * Steps: each sheet gets a mapping (the saved one, else detection: `detect.ts`, header rows scored
 * from content in `header.ts`); dated positionnements are numbered by date; each sheet's layout
 * (`layouts/`: wide, long, roll) turns its rows into records; `assemble.ts` makes one pupil per person.
 *
 * Choices worth knowing (each one is also reported as a diagnostic or a mapping reason when it applies):
 * - Sheets named like ours (SHEET_NAMES) or marked as ours are never read as positionnement.
 * - Hidden sheets are ignored; a hidden column is taken as a competency the team discarded and is not
 *   read (identity columns excepted: a hidden INE column is still an INE); hidden rows are read
 *   (a pupil hidden by a filter is still a pupil).
 * - Rounds: a sheet or column marked « P2 », « Positionnement 2 », « fin de cycle », « juin », or dated
 *   (« novembre », « 15/03/2026 » in a sheet name, a title, a group of columns or a « Date » column) is
 *   a later positionnement. When the workbook holds more than one, `rounds` lists every round in order
 *   (« Positionnement 1 » first) with all its results, and `Pupil.results` keeps, per competency,
 *   the result of the latest round that assessed it (what the needs should act on).
 * - Identity (`pupilIds.ts`): `ine:<INE>` when an INE is known, else `eleve:<level>|<normalised last first>`; a name is
 *   anything identifying a row (pseudonyms and codes included). Without INE, a pupil who changed class
 *   within a level is one pupil when the name is unique there; one INE typed for two names is never merged.
 *   A date of birth column is recognised only so that it is never read or copied anywhere.
 * - Class lists give the roll; a pupil whose « Date de sortie » is on or before `today` is left out.
 *   « Regroupé avec » / « Séparé de » become `pairs` (optional constraints for the planner).
 * - Numbers: only 1 to 4 are LSU levels; other numbers are scores out of a per-column maximum (from
 *   the header « /20 », « % », national tests in percent, else guessed 10 / 20 / 100 and said so),
 *   cut at 25 / 50 / 75 %.
 * - Colours: the fill of an empty cell is read when a sheet uses at least two result colours
 *   (red / orange-yellow / green), or always / never as the saved scale says.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { columnIndex, gridWidth, type Grid, type WorkbookSnapshot } from '../grid';
import type { Competency, ReadResult, SheetRole, SheetSummary } from '../model';
import { isOwnSheet, SHEET_NAMES } from '../workbook';
import type { ClassLevel } from '../settings/settings';
import { normalizeText } from '../text';
import { applySavedSheet } from './apply';
import { assemble } from './assemble';
import { detectSheet, type Detection } from './detect';
import { defaultScale, SHEET_ROLE_LABELS, type ColumnMapping, type MasteryScale, type SheetMapping } from './mapping';
import { readSheetRows, type RowRecord } from './layouts';
import { findBySheetName, sameSheetName } from '../sheetNames';
import { emptyTally, type ValueTally } from './layouts/valueNotes';
import { selfCheck } from './selfCheck';

export { isReadingCheck, READING_CHECK_PREFIX } from './selfCheck';
export { legacyPupilIds } from './pupilIds';

export type { ColumnEntry, ColumnMapping, ColumnRole, ExtraValue, IdentityField, MasteryScale, SheetLayout, SheetMapping, Thresholds } from './mapping';
export { COLUMN_ROLE_LABELS, SHEET_LAYOUT_LABELS, SHEET_ROLE_LABELS, defaultScale, layoutOf } from './mapping';
export { readSavedMapping, renderMappingSheet } from './mappingSheet';

export interface ReadOptions {
  /** Class -> level overrides from « AP Paramètres ». */
  classLevels: ClassLevel[];
  /** Saved (or just confirmed) mapping: wins over detection for the sheets it describes. */
  mapping?: ColumnMapping | null;
  /** ISO date of the run: pupils whose « Date de sortie » is on or before it are not planned. */
  today?: string;
}

const PARAMETER_SHEETS: string[] = [SHEET_NAMES.parameters, SHEET_NAMES.teachers, SHEET_NAMES.workshops, SHEET_NAMES.mapping];
const OUTPUT_SHEETS: string[] = Object.values(SHEET_NAMES).filter((name) => !PARAMETER_SHEETS.includes(name));

function fixedRole(grid: Grid): { role: SheetRole; reason: string } | null {
  if (PARAMETER_SHEETS.some((name) => sameSheetName(name, grid.sheet))) return { role: 'parameters', reason: 'feuille de paramètres de Pilote AP, jamais lue comme positionnement' };
  if (OUTPUT_SHEETS.some((name) => sameSheetName(name, grid.sheet)) || isOwnSheet(grid)) return { role: 'output', reason: 'feuille produite par Pilote AP, jamais lue comme positionnement' };
  return null;
}

function copyScale(scale: MasteryScale): MasteryScale {
  return { colours: scale.colours, thresholds: [...scale.thresholds], extraValues: scale.extraValues.map((e) => ({ ...e })) };
}

function reportSheet(grid: Grid, mapping: SheetMapping, diagnostics: Diagnostic[]): void {
  if (mapping.role === 'ignored') {
    diagnostics.push(diagnostic('info', grid.sheet, '', `feuille ignorée : ${mapping.reason}`));
    return;
  }
  const hidden = new Set(grid.hiddenColumns ?? []);
  const discarded = mapping.columns.filter((c) => c.role.kind === 'ignored' && hidden.has(columnIndex(c.column) - grid.origin.col)).map((c) => c.column);
  if (discarded.length) {
    diagnostics.push(
      diagnostic(
        'info',
        grid.sheet,
        '',
        `colonne${discarded.length > 1 ? 's' : ''} masquée${discarded.length > 1 ? 's' : ''} ${discarded.join(', ')} non lue${discarded.length > 1 ? 's' : ''} : une colonne masquée est prise pour une compétence écartée (donnez-lui un rôle dans « AP Correspondances » pour la lire)`,
      ),
    );
  }
}

/** Self-assessment competency ids matched to the teams' ones: same id, else same label when unique. */
function matchSelfCompetencies(teams: Map<string, Competency>, self: { competency: Competency; sheet: string }[], diagnostics: Diagnostic[]): Map<string, string | null> {
  const byLabel = new Map<string, string[]>();
  for (const c of teams.values()) byLabel.set(normalizeText(c.label), [...(byLabel.get(normalizeText(c.label)) ?? []), c.id]);
  const ids = new Map<string, string | null>();
  for (const { competency, sheet } of self) {
    if (ids.has(competency.id)) continue;
    const sameLabel = byLabel.get(normalizeText(competency.label)) ?? [];
    const id = teams.has(competency.id) ? competency.id : sameLabel.length === 1 ? sameLabel[0] : null;
    ids.set(competency.id, id);
    if (id === null) {
      diagnostics.push(diagnostic('info', sheet, '', `compétence d'autopositionnement « ${competency.label} » sans équivalent dans le positionnement des équipes : non comparée`));
    }
  }
  return ids;
}

function addTally(into: ValueTally, from: ValueTally): void {
  into.values += from.values;
  for (const [text, seen] of from.unknown) {
    const known = into.unknown.get(text);
    if (known) known.count += seen.count;
    else into.unknown.set(text, { ...seen });
  }
}

function nothingReadable(sheets: SheetSummary[]): string {
  const examined = sheets
    .slice(0, 8)
    .map((s) => `« ${s.sheet} » (${s.reason})`)
    .join(' ; ');
  return (
    'Aucun élève lu. Pilote AP cherche, dans les 40 premières lignes d’une feuille, une ligne d’en-tête avec une colonne « Nom » (ou « Nom Prénom », « Élève ») ' +
    'suivie de colonnes de compétences (A / ECA / NA, niveaux 1 à 4, ++ / --, scores, couleurs), ou une liste d’élèves. ' +
    (sheets.length ? `Feuilles examinées : ${examined}${sheets.length > 8 ? ' ; …' : ''}.` : 'Le classeur ne contient aucune feuille.')
  );
}

interface MappedSheet {
  grid: Grid;
  index: number;
  mapping: SheetMapping;
  /** Date of the positionnement, for sheets whose mapping comes from detection. */
  when: Detection['when'];
}

/** Every sheet's mapping: the saved one when the coordinator confirmed it, else detection's. */
function mapSheets(snapshot: WorkbookSnapshot, saved: ColumnMapping | null, scale: MasteryScale, sheets: SheetSummary[], diagnostics: Diagnostic[]): MappedSheet[] {
  const mapped: MappedSheet[] = [];
  snapshot.grids.forEach((grid, index) => {
    const fixed = fixedRole(grid);
    if (fixed) {
      sheets.push({ sheet: grid.sheet, ...fixed, pupilCount: 0 });
      return;
    }
    const detected = detectSheet(grid, scale);
    const savedSheet = (saved ? findBySheetName(saved.sheets, grid.sheet, (s) => s.sheet) : undefined);
    if (saved && !savedSheet && gridWidth(grid) > 0) {
      diagnostics.push(diagnostic('info', grid.sheet, '', `feuille absente de « AP Correspondances » : détection automatique (${SHEET_ROLE_LABELS[detected.mapping.role]})`));
    }
    if (!savedSheet) for (const doubt of detected.doubts) diagnostics.push(diagnostic('warning', grid.sheet, doubt.cell, doubt.message));
    const mapping = savedSheet ? applySavedSheet(grid, savedSheet, detected.mapping, scale, diagnostics) : detected.mapping;
    mapped.push({ grid, index, mapping, when: savedSheet ? null : detected.when });
    sheets.push({ sheet: grid.sheet, role: mapping.role, reason: mapping.reason, pupilCount: 0 });
  });
  for (const s of saved?.sheets ?? []) {
    if (!findBySheetName(snapshot.grids, s.sheet, (g) => g.sheet)) {
      diagnostics.push(diagnostic('info', SHEET_NAMES.mapping, '', `la feuille « ${s.sheet} » décrite dans les correspondances n'existe plus dans le classeur`));
    }
  }
  return mapped;
}

/**
 * Positionnements dated in their sheet name or title (« Positionnement novembre », « 2MRC 15/03/2026 »)
 * are numbered by date, after the undated ones: the latest drives the needs, the earlier ones give progress.
 */
function numberRoundsByDate(mapped: MappedSheet[]): void {
  const dated = mapped.filter((m) => m.when);
  if (!dated.length) return;
  const undated = mapped.filter((m) => !m.when && (m.mapping.role === 'positionnement' || m.mapping.role === 'national-test'));
  const before = undated.reduce((latest, m) => Math.max(latest, m.mapping.round ?? 1), 0);
  const keys = [...new Set(dated.map((m) => m.when?.key ?? 0))].sort((a, b) => a - b);
  for (const m of dated) {
    const when = m.when as NonNullable<Detection['when']>;
    const round = before + keys.indexOf(when.key) + 1;
    m.mapping.reason = `${m.mapping.reason.replace(/, positionnement n° \d+$/, '')}, positionnement n° ${round} (« ${when.label} » lu dans ${when.where})`;
    if (round > 1) m.mapping.round = round;
    else delete m.mapping.round;
  }
}

export function readWorkbook(snapshot: WorkbookSnapshot, options: ReadOptions): ReadResult & { mapping: ColumnMapping } {
  const diagnostics: Diagnostic[] = [];
  const saved = options.mapping ?? null;
  const scale = copyScale(saved?.scale ?? defaultScale());
  const sheets: SheetSummary[] = [];
  const records: RowRecord[] = [];
  const competencies = new Map<string, Competency>();
  const selfCompetencies: { competency: Competency; sheet: string }[] = [];
  const tally = emptyTally();

  const mapped = mapSheets(snapshot, saved, scale, sheets, diagnostics);
  numberRoundsByDate(mapped);
  for (const { grid, index, mapping } of mapped) {
    reportSheet(grid, mapping, diagnostics);
    const read = readSheetRows(grid, mapping, scale, index, diagnostics);
    records.push(...read.records);
    for (const c of read.competencies) if (!competencies.has(c.id)) competencies.set(c.id, c);
    for (const c of read.selfCompetencies) selfCompetencies.push({ competency: c, sheet: grid.sheet });
    if (read.tally) addTally(tally, read.tally);
    const summary = sheets.find((s) => s.sheet === grid.sheet);
    if (summary) summary.reason = mapping.reason;
  }

  const selfIds = matchSelfCompetencies(competencies, selfCompetencies, diagnostics);
  const assembly = assemble({ records, classLevels: options.classLevels, competencies: [...competencies.values()], selfIds, today: options.today }, diagnostics);
  for (const summary of sheets) summary.pupilCount = assembly.pupilsPerSheet.get(summary.sheet) ?? 0;

  if (!assembly.pupils.length) diagnostics.push(diagnostic('error', '', '', nothingReadable(sheets)));
  else if (!assembly.pupils.some((p) => p.results.length)) {
    diagnostics.push(diagnostic('warning', '', '', 'aucun résultat de positionnement lu : les élèves sont connus mais aucune compétence évaluée n’a été trouvée'));
  }

  const mappings = mapped.map((m) => m.mapping);
  const checks = assembly.pupils.length
    ? selfCheck({ grids: snapshot.grids, mappings, pupils: assembly.pupils, tally, duplicateRows: assembly.duplicateRows, diagnostics })
    : [];
  const result: ReadResult & { mapping: ColumnMapping } = {
    pupils: assembly.pupils,
    competencies: [...competencies.values()],
    sheets,
    rounds: assembly.rounds,
    // The signs of a misread come first: they are what the coordinator must look at before anything.
    diagnostics: [...checks, ...diagnostics],
    mapping: { version: 1, scale, sheets: mappings },
  };
  if (assembly.pairs.length) result.pairs = assembly.pairs;
  return result;
}
