/**
 * Detection: for one worksheet, propose its role (positionnement, autopositionnement, entretiens,
 * liste d'élèves, test national, ignorée) and the role of each of its columns, with French reasons.
 */
import { columnLetters, gridWidth, type Grid } from '../grid';
import { levelFromClassName } from '../levels';
import type { SheetRole } from '../model';
import type { ColourClass } from './colours';
import { classifyColumn, columnStats, isNationalDomain, pupilRows, type ColumnDraft, type ColumnStats, type SheetContext, type TextKind } from './columns';
import { findHeader, HEADER_SEARCH_ROWS, layoutAtRows, type HeaderLayout } from './header';
import { asLongColumns } from './layouts/long';
import type { ColumnEntry, MasteryScale, SheetMapping } from './mapping';
import { extraKey } from './mastery';
import { dateMarkerOf, whenOf, type When } from './when';
import {
  classFromSheetName, extraKindOf, hasNumberedRound, isSiecleHeader, disciplineInText, mentionsAbsences, mentionsClassList, mentionsGrades,
  mentionsInterview, mentionsNationalTest, mentionsPositionnement, mentionsSelfAssessment, roundOf, tidy,
} from './vocabulary';

function ignoredSheet(grid: Grid, reason: string): SheetMapping {
  return { sheet: grid.sheet, role: 'ignored', reason, columns: [] };
}

function isEmptyGrid(grid: Grid): boolean {
  return grid.values.every((line) => line.every((value) => value === null || tidy(value) === ''));
}

/** Result colours (red, amber, green) found on empty cells of the candidate competency columns. */
function resultColours(drafts: { draft: ColumnDraft; stats: ColumnStats }[]): Set<ColourClass> {
  const classes = new Set<ColourClass>();
  for (const { draft, stats } of drafts) {
    if (draft.entry.role.kind !== 'competency') continue;
    for (const [colour, count] of stats.colours) if (colour !== 'other' && count > 0) classes.add(colour);
  }
  return classes;
}

export function coloursOn(scale: MasteryScale, classes: Set<ColourClass>): boolean {
  if (scale.colours === 'no') return false;
  return scale.colours === 'yes' ? classes.size > 0 : classes.size >= 2;
}

function settle(draft: ColumnDraft, accept: boolean, refusal: string): ColumnEntry {
  if (!draft.pending || accept) return draft.entry;
  return { ...draft.entry, role: { kind: 'ignored' }, reason: refusal };
}

function listDisciplines(entries: ColumnEntry[]): string {
  const names = [...new Set(entries.flatMap((e) => (e.role.kind === 'competency' ? [e.role.discipline] : [])))];
  return names.length > 4 ? `${names.slice(0, 4).join(', ')}…` : names.join(', ');
}

function whyIgnored(text: string, entries: ColumnEntry[], drafts: ColumnDraft[]): string {
  if (mentionsAbsences(text) || entries.some((e) => extraKindOf(e.header) === 'absence')) return 'suivi des absences : aucune compétence à lire';
  if (drafts.some((d) => d.pending === 'score') || mentionsGrades(text)) return "notes chiffrées sans niveaux de maîtrise : ce n'est pas un positionnement";
  if (drafts.some((d) => d.pending === 'colour')) {
    return 'une seule couleur de remplissage, prise pour une mise en forme (si ce sont des résultats, mettez « oui » à « Lire les couleurs de remplissage » dans « AP Correspondances »)';
  }
  return 'des noms d’élèves mais aucune colonne de compétences reconnue (A / ECA / NA, niveaux 1 à 4, symboles, couleurs…)';
}

function isClassList(grid: Grid, layout: HeaderLayout, text: string, entries: ColumnEntry[]): boolean {
  if (mentionsClassList(text)) return true;
  const row = layout.labelRow;
  if (layout.columns.some((c) => isSiecleHeader(String(grid.values[row]?.[c.col] ?? '')))) return true;
  const others = entries.filter((e) => e.role.kind === 'ignored');
  const identified = (field: string) => layout.identity.has(field as never) || entries.some((e) => e.role.kind === 'identity' && e.role.field === field);
  return (identified('class') || identified('ine')) && others.every((e) => ['admin', 'numbering', null].includes(extraKindOf(e.header)));
}

/** Columns grouped under two or more dates (« Septembre » | « Janvier ») are positionnements in date order. */
function numberDatedColumns(entries: ColumnEntry[]): void {
  const dates = entries.map((e) => (e.role.kind === 'competency' ? (e.header.split(' › ').map(dateMarkerOf).find(Boolean)?.key ?? null) : null));
  const keys = [...new Set(dates.filter((k): k is number => k !== null))].sort((a, b) => a - b);
  if (keys.length < 2) return;
  entries.forEach((entry, i) => {
    const key = dates[i];
    if (key === null || entry.role.kind !== 'competency') return;
    const round = keys.indexOf(key) + 1;
    if (round > 1) entry.role.round = round;
    else delete entry.role.round;
  });
}

/** National tests give scores in percent: a maximum guessed from a few values (« 10 » -> sur 10) is 100. */
function percentScores(columns: ColumnEntry[], drafts: ColumnDraft[]): void {
  columns.forEach((column, i) => {
    const role = column.role;
    if (!drafts[i]?.guessedMax || (role.kind !== 'competency' && role.kind !== 'item-result')) return;
    role.maxScore = 100;
    column.reason = 'notes sur 100 (scores en pourcentage du test national)';
  });
}

/** What detection proposes for a sheet, with what it is unsure of. */
export interface Detection {
  mapping: SheetMapping;
  /** Date or period of the positionnement named in the sheet name or title, to order rounds. */
  when: (When & { where: string }) | null;
  /** Uncertain choices, as warnings on the sheet. */
  doubts: { cell: string; message: string }[];
}

/** « Classe : 2MRC » in a title row (Pronote exports). */
export function classFromTitle(title: string): string | null {
  const match = /\bclasse\s*:\s*(\d+\s+[A-Z][\w-]*|[^\s,;:]+)/iu.exec(title);
  return match ? tidy(match[1]) : null;
}

/** A date in a title counts only in a title about the positionnement, not an edition date. */
function whenOfTitle(title: string): When | null {
  if (!/positionnement|[ée]valuation|\btests?\b|diagnosti/i.test(title) || /[ée]dit[ée]|imprim[ée]|g[ée]n[ée]r[ée]|extrait le/i.test(title)) return null;
  return whenOf(title);
}

export function detectSheet(grid: Grid, scale: MasteryScale): Detection {
  const doubts: Detection['doubts'] = [];
  const { mapping, title } = detectMapping(grid, scale, doubts);
  const numbered = hasNumberedRound(grid.sheet) || hasNumberedRound(title);
  if ((mapping.role !== 'positionnement' && mapping.role !== 'national-test') || numbered) return { mapping, when: null, doubts };
  const fromName = whenOf(grid.sheet);
  const fromTitle = fromName ? null : whenOfTitle(title);
  const when = fromName ? { ...fromName, where: 'le nom de la feuille' } : fromTitle ? { ...fromTitle, where: 'le titre' } : null;
  return { mapping, when, doubts };
}

function detectMapping(grid: Grid, scale: MasteryScale, doubts: Detection['doubts']): { mapping: SheetMapping; title: string } {
  if (grid.hidden) return { mapping: ignoredSheet(grid, 'feuille masquée : ignorée (affichez-la, ou donnez-lui un rôle dans « AP Correspondances »)'), title: '' };
  if (isEmptyGrid(grid)) return { mapping: ignoredSheet(grid, 'feuille vide'), title: '' };
  const layout = findHeader(grid);
  if (!layout) return { mapping: ignoredSheet(grid, `aucune colonne « Nom », « Nom Prénom » ou « Élève » dans les ${HEADER_SEARCH_ROWS} premières lignes`), title: '' };
  return { mapping: mappingFromLayout(grid, layout, scale, doubts), title: layout.title };
}

/** Columns detected under header rows the coordinator chose (1-based `headerRow`, absolute). */
export function detectAtRows(grid: Grid, scale: MasteryScale, headerRow: number, headerRows: number): SheetMapping {
  return mappingFromLayout(grid, layoutAtRows(grid, headerRow - 1 - grid.origin.row, headerRows), scale, []);
}

function mappingFromLayout(grid: Grid, layout: HeaderLayout, scale: MasteryScale, doubts: Detection['doubts']): SheetMapping {
  const headerRow = grid.origin.row + layout.labelRow + 1;
  const rows = pupilRows(grid, layout);
  if (!rows.length) return ignoredSheet(grid, `en-tête trouvé ligne ${headerRow} mais aucun nom d'élève en dessous`);
  if (layout.inferredIdentity) {
    const col = layout.identity.get('fullName') ?? 0;
    doubts.push({ cell: `${columnLetters(grid.origin.col + col)}${headerRow}`, message: `colonne ${columnLetters(grid.origin.col + col)} prise pour l'identité des élèves (${layout.inferredIdentity}) : vérifiez dans « AP Correspondances »` });
  }

  const sheetClass = classFromSheetName(grid.sheet);
  const sheetDiscipline = disciplineInText(sheetClass) ?? disciplineInText(grid.sheet);
  const context: SheetContext = {
    discipline: sheetDiscipline ?? disciplineInText(layout.title),
    hiddenColumns: new Set(grid.hiddenColumns ?? []),
    columnLetters: (col) => columnLetters(grid.origin.col + col),
  };
  const drafts: { draft: ColumnDraft; stats: ColumnStats }[] = [];
  const width = gridWidth(grid);
  // A stray cell far to the right widens the grid: columns beyond the pupil rows hold no values.
  const rowsWidth = rows.reduce((widest, r) => Math.max(widest, grid.values[r]?.length ?? 0, grid.fills?.[r]?.length ?? 0), 0);
  const kinds = new Map<string, TextKind>();
  const extras = new Set(scale.extraValues.map((e) => extraKey(e.text)));
  for (const column of layout.columns.slice(0, width)) {
    const stats = columnStats(grid, column.col, column.col < rowsWidth ? rows : [], kinds, extras);
    const draft = classifyColumn(layout, column, stats, context);
    if (draft) drafts.push({ draft, stats });
  }

  const text = `${grid.sheet} ${layout.title}`;
  const coloursRead = coloursOn(scale, resultColours(drafts));
  const decided = drafts.filter(({ draft }) => draft.entry.role.kind === 'competency' && !draft.pending);
  const pendingScores = drafts.filter(({ draft }) => draft.pending === 'score');
  const domainLabels = drafts.some(({ draft }) => draft.entry.role.kind === 'competency' && isNationalDomain(draft.entry.role.label));
  const scoresCount = pendingScores.length > 0 && (decided.length > 0 || domainLabels || mentionsNationalTest(text) || mentionsPositionnement(text));
  // A grid of competencies under discipline headers is a positionnement even before anything is typed in.
  const emptyGrid = drafts.some(({ draft }) => draft.pending === 'empty' && draft.grouped);
  const assessment = decided.length > 0 || scoresCount || emptyGrid || (coloursRead && drafts.some(({ draft }) => draft.pending === 'colour'));

  const entries = drafts.map(({ draft }) => {
    if (draft.pending === 'score') return settle(draft, assessment, "notes chiffrées : la feuille n'est pas un positionnement");
    if (draft.pending === 'colour') return settle(draft, assessment && coloursRead, 'colonne vide');
    return settle(draft, assessment, 'colonne vide');
  });
  numberDatedColumns(entries);
  const competencies = entries.filter((e) => e.role.kind === 'competency');
  const hasInterview = entries.some((e) => e.role.kind === 'profile' || e.role.kind === 'project' || e.role.kind === 'wishes');
  const incomplete = drafts.some(({ stats }) => stats.incomplete > 0);

  let role: SheetRole;
  let reason: string;
  const distinct = new Set(competencies.map((e) => (e.role.kind === 'competency' ? `${e.role.discipline}|${e.role.label}` : ''))).size;
  const count = `${distinct} compétence${distinct > 1 ? 's' : ''}`;
  if (competencies.length && mentionsSelfAssessment(text)) {
    role = 'self-assessment';
    reason = `autopositionnement (nom ou titre de la feuille) : ${count} (${listDisciplines(competencies)})`;
  } else if (hasInterview && (!competencies.length || mentionsInterview(text))) {
    role = 'interview';
    reason = 'entretiens : colonnes de profil, de projet ou de vœux';
  } else if (competencies.length) {
    const national = mentionsNationalTest(text) || incomplete || (domainLabels && layout.identity.has('ine'));
    role = national ? 'national-test' : 'positionnement';
    reason = `${national ? 'export du test de positionnement national' : 'positionnement'} : ${count} (${listDisciplines(competencies)})`;
  } else if (isClassList(grid, layout, text, entries)) {
    role = 'class-list';
    reason = "liste d'élèves (noms, classes) sans résultats";
  } else {
    return ignoredSheet(grid, whyIgnored(text, entries, drafts.map((d) => d.draft)));
  }

  const nameCol = layout.identity.get('lastName') ?? layout.identity.get('fullName') ?? 0;
  const long = competencies.length ? asLongColumns(grid, entries, rows, nameCol) : null;
  const mapping: SheetMapping = { sheet: grid.sheet, role, reason, headerRow, headerRows: layout.labelRow - layout.topRow + 1, columns: long ?? entries };
  if (long) {
    mapping.layout = 'long';
    const domains = long.some((e) => e.role.kind === 'item' && /domaine/i.test(e.header));
    if (domains && role === 'positionnement') mapping.role = 'national-test';
    mapping.reason = `${mapping.role === 'national-test' ? 'export du test de positionnement national' : 'positionnement'}, une ligne par élève et par compétence`;
  }
  if (mapping.role === 'national-test') percentScores(mapping.columns, drafts.map((d) => d.draft));
  if (layout.inferredIdentity) mapping.reason += `, identité des élèves déduite du contenu`;
  const classColumn = mapping.columns.some((c) => c.role.kind === 'identity' && c.role.field === 'class');
  const titleClass = classColumn ? null : classFromTitle(layout.title);
  if (titleClass) {
    mapping.className = titleClass;
    mapping.reason += `, classe « ${titleClass} » lue dans le titre`;
  } else if (!classColumn) {
    const guessable = role === 'positionnement' || role === 'national-test';
    if ((guessable && !sheetDiscipline) || levelFromClassName(sheetClass)) {
      mapping.className = sheetClass;
      mapping.reason += `, classe « ${sheetClass} » d'après le nom de la feuille`;
    }
  } else mapping.reason += ', classe lue dans la colonne « Classe »';
  const round = roundOf(grid.sheet) ?? roundOf(layout.title);
  if (round !== null && round > 1 && (role === 'positionnement' || role === 'national-test')) {
    mapping.round = round;
    mapping.reason += `, positionnement n° ${round}`;
  }
  return mapping;
}
