/**
 * The self-check: after reading, look for the signs of a misread and say each one loudly, with its
 * cells, at the top of the summary. A reading that raises none of them may still be wrong, but every
 * kind of misread seen on real workbooks raises at least one:
 * - many result values the scale does not know;
 * - competencies without a discipline (named by their columns);
 * - pupils whose « name » is a column header, a discipline, a class code or a section row;
 * - competency labels that look like pupils' names (pupils in columns) or that are bare numbers;
 * - a sheet holding mastery values that was set aside, a second table beside or below the one read;
 * - levels that are class names;
 * - a flood of duplicate rows.
 * Each sign is a warning whose message starts with « Vérifiez la lecture » (`isReadingCheck`).
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { cellAt, columnIndex, gridAddress, gridWidth, type Grid } from '../grid';
import { isUnspecifiedDiscipline, UNSPECIFIED_DISCIPLINE } from '../disciplines';
import type { Pupil } from '../model';
import { looksLikeClassCode } from './columns';
import type { SheetMapping } from './mapping';
import { isMasteryWord } from './mastery';
import type { ValueTally } from './layouts/valueNotes';
import { disciplineInText, identityFieldOf, knownDiscipline, tidy } from './vocabulary';

export const READING_CHECK_PREFIX = 'Vérifiez la lecture';

/** A diagnostic raised by the self-check (shown first, and what `--strict` refuses on). */
export function isReadingCheck(d: Diagnostic): boolean {
  return d.severity === 'warning' && d.message.startsWith(READING_CHECK_PREFIX);
}

const LEVELS = new Set(['CAP 1', 'CAP 2', '2nde', '1re', 'Tle', '3e PM']);

/** Above this share of unknown values among the values met, the scale was not understood. */
const UNKNOWN_SHARE = 0.15;
/** …or above this count, whatever the share. */
const UNKNOWN_COUNT = 20;
const DUPLICATE_FLOOD = 30;

export interface CheckInput {
  grids: Grid[];
  mappings: SheetMapping[];
  pupils: Pupil[];
  tally: ValueTally;
  /** Rows repeating a pupil within a sheet (the assembler counts them). */
  duplicateRows: number;
  /** Diagnostics of the reading so far (to point at the first duplicate). */
  diagnostics: Diagnostic[];
}

function check(sheet: string, cell: string, what: string): Diagnostic {
  return diagnostic('warning', sheet, cell, `${READING_CHECK_PREFIX} : ${what}`);
}

function examples(items: string[], max = 4): string {
  return items.slice(0, max).join(', ') + (items.length > max ? '…' : '');
}

function percent(part: number, whole: number): string {
  return `${Math.round((part * 100) / Math.max(1, whole))} %`;
}

function unknownValues(tally: ValueTally): Diagnostic[] {
  let unknown = 0;
  for (const { count } of tally.unknown.values()) unknown += count;
  if (!unknown || (unknown < tally.values * UNKNOWN_SHARE && unknown < UNKNOWN_COUNT)) return [];
  const top = [...tally.unknown].sort((a, b) => b[1].count - a[1].count);
  const first = top[0][1].cell.split('!');
  const shown = examples(top.map(([text, { count, cell }]) => `${text} (${count} fois, dont ${cell})`));
  return [
    check(first[0], first[1] ?? '', `${unknown} valeur${unknown > 1 ? 's' : ''} sur ${tally.values} (${percent(unknown, tally.values)}) ${unknown > 1 ? 'ne sont' : 'n’est'} d'aucune échelle connue : ${shown}. Si ce sont des codes de l'établissement, déclarez-les dans « AP Correspondances », section « Valeurs ajoutées »`),
  ];
}

/** « C, D, F », or « C à H (8 colonnes) ». */
function columnList(columns: string[]): string {
  return columns.length > 6 ? `${columns[0]} à ${columns[columns.length - 1]} (${columns.length} colonnes)` : columns.join(', ');
}

/** Competencies filed under « Discipline non précisée »: one warning per sheet, naming its columns. */
function unnamedDisciplines(mappings: SheetMapping[]): Diagnostic[] {
  return mappings.flatMap((m) => {
    const columns = m.columns.filter((c) => c.role.kind === 'competency' && isUnspecifiedDiscipline(c.role.discipline)).map((c) => c.column);
    if (!columns.length) return [];
    const s = columns.length > 1 ? 's' : '';
    return [
      check(m.sheet, `${columns[0]}${m.headerRow ?? ''}`, `colonne${s} ${columnList(columns)} : aucune discipline reconnue dans l'en-tête, le nom de la feuille ou le titre, compétence${s} classée${s} en « ${UNSPECIFIED_DISCIPLINE} » (aucun atelier de remédiation n'est formé pour elle${s}) ; indiquez la discipline dans « AP Correspondances », colonne « Discipline »`),
    ];
  });
}

/** Why a pupil's name looks like something else than a pupil, or null. */
function notAName(pupil: Pupil): string | null {
  const full = tidy(`${pupil.lastName} ${pupil.firstName}`);
  if (identityFieldOf(full) || (!pupil.firstName && identityFieldOf(pupil.lastName))) return 'un intitulé de colonne';
  if (knownDiscipline(full)) return 'une discipline';
  // « 1 MELEC » is split into « MELEC » and « 1 »: both orders are tried.
  if ([full, tidy(`${pupil.firstName} ${pupil.lastName}`)].some(looksLikeClassCode)) return 'une classe (ligne de section ?)';
  if (!pupil.firstName && pupil.lastName.length > 1 && isMasteryWord(pupil.lastName)) return 'une valeur de maîtrise';
  return null;
}

function strangeNames(pupils: Pupil[]): Diagnostic[] {
  const odd = pupils.flatMap((p) => {
    const why = notAName(p);
    return why ? [{ p, why }] : [];
  });
  if (!odd.length) return [];
  const first = odd[0].p.sources[0];
  const shown = examples(odd.map(({ p, why }) => `« ${p.displayName} » (${why}, ${p.sources[0].sheet}!${p.sources[0].cell})`));
  return [check(first.sheet, first.cell, `${odd.length} « élève${odd.length > 1 ? 's' : ''} » ne ressemble${odd.length > 1 ? 'nt' : ''} pas à un nom : ${shown} ; en-tête répété, tableaux empilés ou élèves en colonnes ?`)];
}

/** « DUPONT Marie », « Marie Dupont »: two or three words, capitalised, no digits. */
function looksLikePersonName(label: string): boolean {
  const words = tidy(label).split(' ');
  if (words.length < 2 || words.length > 4 || /\d/.test(label) || disciplineInText(label)) return false;
  const upper = words.some((w) => w.length >= 2 && w === w.toUpperCase() && /\p{L}/u.test(w));
  return upper && words.every((w) => /^\p{Lu}/u.test(w));
}

function strangeLabels(mappings: SheetMapping[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of mappings) {
    const labels = m.columns.flatMap((c) => (c.role.kind === 'competency' ? [{ c, label: c.role.label }] : []));
    if (!labels.length) continue;
    const numeric = labels.filter(({ label }) => /^[\d\s.,/:-]+$/.test(label));
    const people = labels.filter(({ label }) => looksLikePersonName(label));
    if (numeric.length) {
      out.push(check(m.sheet, `${numeric[0].c.column}${m.headerRow ?? ''}`, `${numeric.length} compétence${numeric.length > 1 ? 's' : ''} intitulée${numeric.length > 1 ? 's' : ''} par un nombre (${examples(numeric.map(({ c, label }) => `${c.column} « ${label} »`))}) : date ou code lu comme un intitulé ?`));
    }
    if (people.length >= 2 && people.length * 2 >= labels.length) {
      out.push(check(m.sheet, `${people[0].c.column}${m.headerRow ?? ''}`, `les intitulés de colonnes ressemblent à des noms d'élèves (${examples(people.map(({ label }) => `« ${label} »`))}) : élèves en colonnes ? Les compétences sont peut-être lues comme des élèves`));
    }
  }
  return out;
}

/** Mastery values in a sheet (or a part of it) the reading set aside. */
function masteryCells(grid: Grid, rowFrom: number, colFrom: number, colTo: number): { count: number; first: string } {
  let count = 0;
  let first = '';
  for (let r = rowFrom; r < grid.values.length; r++) {
    for (let c = colFrom; c < colTo; c++) {
      if (!isMasteryWord(cellAt(grid, r, c))) continue;
      if (!count++) first = gridAddress(grid, r, c);
    }
  }
  return { count, first };
}

/** A column of a few short codes or symbols repeated from row to row (« F », « S », « ✔ », « 🟢 »), or null. */
function shortCodes(grid: Grid, rowFrom: number, col: number): { texts: string[]; first: string } | null {
  const seen = new Map<string, number>();
  let first = '';
  let values = 0;
  for (let r = rowFrom; r < grid.values.length; r++) {
    const text = tidy(cellAt(grid, r, col));
    if (!text) continue;
    values++;
    if ([...text].length > 3 && !isMasteryWord(text)) continue;
    if (!seen.size) first = gridAddress(grid, r, col);
    seen.set(text, (seen.get(text) ?? 0) + 1);
  }
  const coded = [...seen.values()].reduce((a, b) => a + b, 0);
  return coded >= 2 && coded * 2 >= values && seen.size <= 6 ? { texts: [...seen.keys()], first } : null;
}

function droppedParts(grids: Grid[], mappings: SheetMapping[]): Diagnostic[] {
  const out: Diagnostic[] = [];
  for (const m of mappings) {
    const grid = grids.find((g) => g.sheet === m.sheet);
    if (!grid || grid.hidden) continue;
    if (m.role === 'ignored') {
      const { count, first } = masteryCells(grid, 0, 0, gridWidth(grid));
      if (count >= 10) out.push(check(m.sheet, first, `feuille écartée (${m.reason}) alors qu'elle contient ${count} valeurs de maîtrise : une disposition non reconnue ?`));
      else if (/aucune colonne de compétences reconnue/.test(m.reason)) out.push(check(m.sheet, '', `feuille écartée : ${m.reason} ; si elle contient des résultats, donnez son échelle dans « AP Correspondances »`));
      continue;
    }
    const secondName = m.columns.find((c) => c.role.kind === 'ignored' && /^deuxième colonne « Nom/.test(c.reason));
    if (secondName) out.push(check(m.sheet, `${secondName.column}${m.headerRow ?? ''}`, `deuxième colonne « Nom » en ${secondName.column} : un second tableau à côté du premier n'est pas lu`));
    const freeText = m.columns.filter((c) => c.role.kind === 'ignored' && /texte libre/.test(c.reason));
    for (const c of freeText) {
      const codes = shortCodes(grid, Math.max(0, (m.headerRow ?? 1) - grid.origin.row), columnIndex(c.column) - grid.origin.col);
      if (codes) out.push(check(m.sheet, codes.first, `colonne ${c.column} écartée comme texte libre, mais ses valeurs ressemblent à une échelle (${examples(codes.texts.map((t) => `« ${t} »`))}) : déclarez-les dans « AP Correspondances », section « Valeurs ajoutées »`));
    }
  }
  return out;
}

function classLevels(pupils: Pupil[]): Diagnostic[] {
  const odd = new Map<string, Pupil>();
  // A division code whose level was not understood (the class became its own level).
  for (const p of pupils) if (!LEVELS.has(p.level) && looksLikeClassCode(p.level) && !odd.has(p.level)) odd.set(p.level, p);
  if (!odd.size) return [];
  const first = [...odd.values()][0].sources[0];
  return [check(first.sheet, first.cell, `niveau non reconnu pour ${examples([...odd.keys()].map((l) => `« ${l} »`))} : ces classes forment chacune leur propre niveau ; indiquez leur niveau dans « AP Paramètres »`)];
}

function duplicates(count: number, diagnostics: Diagnostic[]): Diagnostic[] {
  if (count < DUPLICATE_FLOOD) return [];
  const first = diagnostics.find((d) => / figure deux fois /.test(d.message));
  return [check(first?.sheet ?? '', first?.cell ?? '', `${count} lignes répètent un élève déjà lu dans la même feuille : une colonne prise pour l'identité ne l'est peut-être pas (« Niveau », « Date »…), ou une ligne par élève et par compétence non reconnue`)];
}

export function selfCheck(input: CheckInput): Diagnostic[] {
  return [
    ...strangeNames(input.pupils),
    ...strangeLabels(input.mappings),
    ...unnamedDisciplines(input.mappings),
    ...unknownValues(input.tally),
    ...droppedParts(input.grids, input.mappings),
    ...classLevels(input.pupils),
    ...duplicates(input.duplicateRows, input.diagnostics),
  ];
}
