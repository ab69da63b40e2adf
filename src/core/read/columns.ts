/**
 * What each column of a pupils table holds, judged from its header and from the values in the pupil
 * rows: identity, competency (with its discipline), interview answers, or something to leave alone.
 * Some columns can only be settled with the whole sheet in view (plain numbers are scores only in a
 * positionnement; empty or colour-only columns are competencies only there): they come back "pending".
 */
import { cellAt, type Grid } from '../grid';
import { parseDateCell } from '../dates';
import { classifyColour, type ColourClass } from './colours';
import type { HeaderColumn, HeaderLayout } from './header';
import { headerText } from './header';
import type { ColumnEntry, ColumnRole } from './mapping';
import { COLUMN_ROLE_LABELS } from './mapping';
import { extraKey, isMasteryWord, numberOf, scoreTextPercent } from './mastery';
import { ineOf, looksLikeName } from './names';
import { dateMarkerOf } from './when';
import {
  ALWAYS_EXTRA, EXTRA_REASONS, extraKindOf, headerMaximum, identityFieldOf, isProfileHeader, isProjectHeader, isPureRoundMarker,
  disciplineInText, isRoundDateHeader, isWishesHeader, keyOf, knownDiscipline, measureKindOf, nationalDomainDiscipline, pairHeaderOf, roundOf, stripRoundSuffix, tidy, UNSPECIFIED_DISCIPLINE,
} from './vocabulary';

export interface ColumnStats {
  /** Non-empty values in pupil rows. */
  values: number;
  /** Scale words, symbols and « 12/20 », « 75 % ». */
  mastery: number;
  numbers: number;
  integersOneToFour: number;
  numberMin: number;
  numberMax: number;
  dates: number;
  incomplete: number;
  /** Values shaped like an INE, like a class code, and the distinct class codes. */
  ines: number;
  classes: number;
  classCodes: Set<string>;
  /** Empty cells carrying a result colour, by colour class. */
  colours: Map<ColourClass, number>;
  /** Distinct green fills of empty cells (to split light and dark greens). */
  greens: Set<string>;
}

/** Rows below the header whose name cell holds a name: the rows statistics are taken on. */
export function pupilRows(grid: Grid, layout: HeaderLayout): number[] {
  const nameCol = layout.identity.get('lastName') ?? layout.identity.get('fullName');
  const firstCol = layout.identity.get('firstName');
  const rows: number[] = [];
  if (nameCol === undefined) return rows;
  for (let r = layout.labelRow + 1; r < grid.values.length; r++) {
    const first = firstCol !== undefined ? tidy(cellAt(grid, r, firstCol)) : '';
    const name = tidy(cellAt(grid, r, nameCol));
    if (looksLikeName(`${name} ${first}`, name !== '' && first !== '')) rows.push(r);
  }
  return rows;
}

type TextKind = 'date' | 'mastery' | 'incomplete' | 'ine' | 'class' | 'other';

/** « 2MRC », « 1 MELEC », « TMRC », « CAP1 EVS », « 2nde A »: a class code, not a name or a comment. */
const CLASS_CODE = /^(?:[123]|[Tt]|[Tt]le|2nde|2de|1re|1ère|2NDPRO|1ERPRO|TLEPRO|T ?CAP ?[12]?|CAP ?[12]?|[12] ?CAP)\s?[A-Z][A-Za-z0-9-]{0,7}(?: [A-Z0-9]{1,3})?$/;

/** A division code (« 2MRC », « 1 MELEC », « TCAP EPC », « 3PM A »): a class, not a pupil's name. */
export function looksLikeClassCode(value: string): boolean {
  return CLASS_CODE.test(value.trim());
}

function textKind(value: string): TextKind {
  if (parseDateCell(value) !== null) return 'date';
  if (isMasteryWord(value) || scoreTextPercent(value) !== null || /^\s*[1-4]\s*\/\s*4\s*$/.test(value)) return /incomplet/i.test(value) ? 'incomplete' : 'mastery';
  // An INE carries letters (« 123456789AB »); eleven digits alone are a MEF code.
  if (ineOf(value) !== null && /[A-Za-z]/.test(value)) return 'ine';
  if (looksLikeClassCode(value)) return 'class';
  return 'other';
}

/**
 * `extras`: compact keys of the values declared in « Valeurs ajoutées », counted as mastery values.
 * `kinds` caches the kind of each text (give each sheet a fresh one).
 */
export function columnStats(grid: Grid, col: number, rows: number[], kinds: Map<string, TextKind> = new Map(), extras: Set<string> = new Set()): ColumnStats {
  const stats: ColumnStats = {
    values: 0, mastery: 0, numbers: 0, integersOneToFour: 0, numberMin: Infinity, numberMax: -Infinity, dates: 0, incomplete: 0, ines: 0, classes: 0, classCodes: new Set(),
    colours: new Map(), greens: new Set(),
  };
  for (const r of rows) {
    const value = cellAt(grid, r, col);
    if (value === null || (typeof value === 'string' && !value.trim())) {
      const fill = grid.fills?.[r]?.[col] ?? null;
      const colour = classifyColour(fill);
      if (colour) stats.colours.set(colour, (stats.colours.get(colour) ?? 0) + 1);
      if (colour === 'green' && fill) stats.greens.add(fill);
      continue;
    }
    stats.values++;
    if (typeof value === 'string') {
      let kind = kinds.get(value);
      if (!kind) kinds.set(value, (kind = extras.has(extraKey(value)) ? 'mastery' : textKind(value)));
      if (kind === 'date') stats.dates++;
      if (kind === 'mastery' || kind === 'incomplete') stats.mastery++;
      if (kind === 'incomplete') stats.incomplete++;
      if (kind === 'ine') stats.ines++;
      if (kind === 'class') {
        stats.classes++;
        stats.classCodes.add(value.trim());
      }
      if (kind !== 'other' && kind !== 'ine') continue;
    }
    const number = numberOf(value);
    if (number === null) continue;
    if (number > 20000 && number < 80000) {
      stats.dates++;
      continue;
    }
    stats.numbers++;
    if (Number.isInteger(number) && number >= 1 && number <= 4) stats.integersOneToFour++;
    stats.numberMin = Math.min(stats.numberMin, number);
    stats.numberMax = Math.max(stats.numberMax, number);
  }
  return stats;
}

/** Guessed maximum of a score column from its values: 1 (ratios), 10, 20 or 100. */
function maximumFromValues(stats: ColumnStats): number | null {
  if (stats.numberMin < 0) return null;
  for (const max of [1, 10, 20, 100]) if (stats.numberMax <= max) return max;
  return null;
}

export type { TextKind };

export type Pending = 'score' | 'colour' | 'empty';

export interface ColumnDraft {
  entry: ColumnEntry;
  /** Settled by the sheet: becomes a competency in a positionnement, else ignored. */
  pending?: Pending;
  /** Under a discipline (or round) row of a two-row header. */
  grouped?: boolean;
  /** A score column whose maximum was guessed from its values, not read in its header. */
  guessedMax?: boolean;
}

export interface SheetContext {
  /** Discipline the sheet is about (« Maths » sheet), else null. */
  discipline: string | null;
  hiddenColumns: Set<number>;
  columnLetters: (col: number) => string;
}

function ignored(column: HeaderColumn, letters: string, reason: string): ColumnDraft {
  return { entry: { column: letters, header: headerText(column), role: { kind: 'ignored' }, reason } };
}

/** « Maths - Calculer », « Français : lire » -> discipline and label when the prefix is a discipline. */
function splitDisciplinePrefix(label: string): { discipline: string; label: string } | null {
  const match = /^(.+?)\s*(?:\s[-–—]\s|:|›)\s*(.+)$/.exec(label);
  if (!match) return null;
  const discipline = knownDiscipline(match[1]);
  return discipline ? { discipline, label: match[2].trim() } : null;
}

/** « Compréhension de l'écrit (score) », « … - Niveau » -> the label without its measure word. */
function stripMeasureSuffix(label: string): { label: string; measure: ReturnType<typeof measureKindOf> } {
  const match = /^(.*\S)\s*[-–—:(/]\s*(score|note|niveau(?: de ma[iî]trise)?|ma[iî]trise|%|pourcentage|taux de r[ée]ussite|points|[ée]l[èe]ve|auto(?:positionnement|[ée]valuation)?|prof(?:esseur)?|[ée]quipe)\s*\)?$/i.exec(label);
  if (!match) return { label, measure: null };
  const measure = measureKindOf(match[2]) ?? (match[2] === '%' ? 'score' : null);
  return measure ? { label: match[1].replace(/[-–—:(/\s]+$/, ''), measure } : { label, measure: null };
}

/** The competency a column assesses, from its label, the group above it and the sheet. */
export function competencyOf(column: HeaderColumn, context: SheetContext): Extract<ColumnRole, { kind: 'competency' }> & { measure: string | null } {
  let label = column.label;
  let round: number | null = null;
  // Group rows from the top: round markers set the round, a known discipline is the discipline, the
  // other texts (sub-domains) stay in front of the label.
  const parts = column.group ? column.group.split(' › ') : [];
  // A month or a date over the columns dates a positionnement: detection numbers those rounds by date.
  const datePart = parts.find((p) => dateMarkerOf(p) !== null);
  const roundPart = parts.find((p) => p !== datePart && isPureRoundMarker(p));
  if (roundPart) round = roundOf(roundPart);
  const rest = parts.filter((p) => p !== roundPart && p !== datePart);
  const disciplinePart = rest.find((p) => disciplineInText(p)) ?? (rest.length > 1 ? rest[0] : undefined);
  const subGroups = rest.filter((p) => p !== disciplinePart);
  let group = disciplinePart ?? subGroups.pop() ?? '';
  let measure = measureKindOf(label);
  if (measure && subGroups.length) label = subGroups.join(' – ');
  else if (subGroups.length) label = `${subGroups.join(' – ')} – ${label}`;
  if (measure && group && !subGroups.length) {
    label = group;
    group = '';
  } else if (!(measure && subGroups.length)) {
    const stripped = stripMeasureSuffix(label);
    label = stripped.label;
    measure = stripped.measure;
  }
  label = label.replace(/\s*[([]\s*(?:\/\s*\d+|sur\s*\d+)\s*[)\]]\s*$|\s+(?:\/\s*\d+|sur\s*\d+)\s*$/i, '') || label;
  const withoutRound = stripRoundSuffix(label);
  label = withoutRound.label;
  round = round ?? withoutRound.round;
  const prefixed = splitDisciplinePrefix(label);
  if (prefixed) label = prefixed.label;
  // A discipline named in the header stack wins, then one named in the label, the sheet or its title;
  // a group naming none is the school's own discipline (« Vente »); nothing at all is said, never guessed.
  const named = (group ? disciplineInText(group) : null) ?? prefixed?.discipline ?? disciplineInText(label);
  const discipline = named ?? context.discipline ?? (group ? tidy(group) : null) ?? nationalDomainDiscipline(label) ?? UNSPECIFIED_DISCIPLINE;
  if (!named && context.discipline && group) label = `${tidy(group)} – ${label}`;
  // A column without a title still holds results: it is named after its letters.
  const shown = tidy(label) || `Colonne ${context.columnLetters(column.col)}`;
  const role: Extract<ColumnRole, { kind: 'competency' }> & { measure: string | null } = { kind: 'competency', discipline, label: shown, measure };
  if (measure === 'self') role.self = true;
  if (round !== null) role.round = round;
  return role;
}

/** First guess for one column; null for a column with neither header nor values. */
export function classifyColumn(layout: HeaderLayout, column: HeaderColumn, stats: ColumnStats, context: SheetContext): ColumnDraft | null {
  const letters = context.columnLetters(column.col);
  const header = headerText(column);
  // The header search may have decided an identity column from its content (no « Nom » label).
  const decided = [...layout.identity].find(([, col]) => col === column.col)?.[0];
  if (decided && layout.inferredIdentity) return { entry: { column: letters, header, role: { kind: 'identity', field: decided }, reason: layout.inferredIdentity } };
  const labelled = column.group ? null : identityFieldOf(column.label);
  // « Niveau » over mastery words (« Acquis », « Maîtrise fragile ») is a result, not the class level.
  const masteryLevel = labelled === 'level' && stats.values > 0 && stats.mastery * 2 >= stats.values;
  const field = masteryLevel ? null : labelled;
  if (field) {
    if (layout.identity.get(field) !== column.col) return ignored(column, letters, `deuxième colonne « ${COLUMN_ROLE_LABELS[field]} » : seule la première est lue`);
    const why = field === 'birthDate' ? 'reconnue pour ne jamais être lue ni recopiée' : 'intitulé reconnu';
    return { entry: { column: letters, header, role: { kind: 'identity', field }, reason: `« ${column.label} » : ${why}` } };
  }
  const colourCount = [...stats.colours.values()].reduce((a, b) => a + b, 0);
  if (!header && stats.values === 0 && colourCount === 0) return null;
  if (context.hiddenColumns.has(column.col)) return ignored(column, letters, "colonne masquée : compétence écartée par l'équipe, non lue");
  if (!column.group && isProfileHeader(column.label)) return { entry: { column: letters, header, role: { kind: 'profile' }, reason: `« ${column.label} » : profil d'entretien` } };
  if (!column.group && isProjectHeader(column.label)) return { entry: { column: letters, header, role: { kind: 'project' }, reason: `« ${column.label} » : projet de l'élève` } };
  if (!column.group && isWishesHeader(column.label)) return { entry: { column: letters, header, role: { kind: 'wishes' }, reason: `« ${column.label} » : vœux de l'élève (natures d'atelier par ordre de préférence)` } };
  const pair = column.group ? null : pairHeaderOf(column.label);
  if (pair) {
    const what = pair === 'together' ? 'à mettre dans le même groupe' : 'à ne pas mettre dans le même groupe';
    return { entry: { column: letters, header, role: { kind: pair }, reason: `« ${column.label} » : élèves ${what} (contrainte proposée au planificateur)` } };
  }
  if (!column.group && isRoundDateHeader(column.label) && stats.dates > 0) {
    return { entry: { column: letters, header, role: { kind: 'round-date' }, reason: `« ${column.label} » : date du positionnement (plusieurs dates = plusieurs positionnements)` } };
  }
  const extra = extraKindOf(column.label);
  // Values decide only under a header that says nothing else (« Identifiant », « Section », none).
  const byValues = !extra || extra === 'numbering' || extra === 'admin' ? identityFromValues(column, letters, header, stats, layout) : null;
  if (byValues) return byValues;
  if (extra && ALWAYS_EXTRA.has(extra)) return ignored(column, letters, `« ${column.label} » : ${EXTRA_REASONS[extra]}`);
  if (stats.dates > 0 && stats.dates * 2 >= stats.values) return ignored(column, letters, 'dates : jamais lues');
  const competency = competencyOf(column, context);
  const { measure, ...role } = competency;
  const entry = (reason: string, extraRole: Partial<typeof role> = {}): ColumnEntry => ({ column: letters, header, role: { ...role, ...extraRole }, reason });
  if (stats.values > 0 && stats.mastery * 2 >= stats.values) return { entry: entry('valeurs de maîtrise (A / ECA / NA, niveaux LSU, symboles…)') };
  if (extra) return ignored(column, letters, `« ${column.label} » : ${EXTRA_REASONS[extra]}`);
  if (stats.values > 0 && (stats.numbers + stats.mastery) * 2 >= stats.values && stats.numbers > 0) {
    // Only 1 to 4 without « score », « /20 » or « % » in the header: LSU levels.
    const fromHeader = headerMaximum(header);
    if (fromHeader === null && measure !== 'score' && stats.integersOneToFour === stats.numbers) return { entry: entry('niveaux 1 à 4 (échelle LSU)') };
    const max = fromHeader ?? maximumFromValues(stats);
    if (max === null) return ignored(column, letters, "nombres hors de toute échelle : ni niveaux 1 à 4, ni notes sur 10, 20 ou 100");
    const how = fromHeader !== null ? "maximum lu dans l'intitulé" : "maximum supposé d'après les valeurs, à corriger si besoin";
    return { entry: entry(`notes sur ${max} (${how})`, { maxScore: max }), pending: 'score', guessedMax: fromHeader === null };
  }
  if (stats.values === 0 && colourCount > 0) return { entry: entry('couleurs de remplissage seules'), pending: 'colour' };
  if (stats.values === 0) return { entry: entry('aucune valeur saisie pour l’instant'), pending: 'empty', grouped: column.group !== '' };
  return ignored(column, letters, 'texte libre, pas une échelle de maîtrise');
}

/** A column whose header says nothing known but whose values are INE, or class codes repeated from row to row. */
function identityFromValues(column: HeaderColumn, letters: string, header: string, stats: ColumnStats, layout: HeaderLayout): ColumnDraft | null {
  const most = (count: number) => stats.values >= 2 && count * 5 >= stats.values * 4;
  const quoted = column.label ? `« ${column.label} » : ` : '';
  if (most(stats.ines) && !layout.identity.has('ine')) {
    return { entry: { column: letters, header, role: { kind: 'identity', field: 'ine' }, reason: `${quoted}valeurs au format INE, colonne prise pour l'INE` } };
  }
  if (most(stats.classes) && stats.values >= 4 && stats.classCodes.size * 2 <= stats.values && !layout.identity.has('class')) {
    return { entry: { column: letters, header, role: { kind: 'identity', field: 'class' }, reason: `${quoted}codes de classe répétés d'une ligne à l'autre, colonne prise pour la classe` } };
  }
  return null;
}

/** A national-test domain among the competency labels (« Compréhension de l'écrit »…). */
export function isNationalDomain(label: string): boolean {
  return nationalDomainDiscipline(label) !== null || /\bfluence\b/.test(keyOf(label));
}
