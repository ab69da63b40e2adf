/**
 * Reading the rows of one sheet with its (detected or saved) mapping: one record per pupil row,
 * with identity, results and interview answers. Rows that are not pupils (blank, « Moyenne »,
 * « Total », formulas, legends) are skipped and reported; unknown values are reported with their cell.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { cellAt, columnIndex, gridAddress, type CellValue, type Grid } from '../grid';
import type { AssessmentResult, Competency, MasteryLevel, PupilProfile, PupilProject, SheetRole, SourceRef } from '../model';
import { normalizeText } from '../text';
import { classifyColour, ColourScale, type ColourClass } from './colours';
import { coloursOn } from './detect';
import { parseProfile, parseProject } from './interview';
import type { MasteryScale, SheetMapping } from './mapping';
import { extrasLookup, quoteValue, readMastery, type ParseContext, type Reading } from './mastery';
import { ineOf, looksLikeName, nameKey, splitFullName } from './names';
import { isSummaryLabel, tidy, type IdentityField } from './vocabulary';

export interface RowRecord {
  sheetIndex: number;
  sheet: string;
  role: SheetRole;
  /** Relative row in the grid. */
  row: number;
  source: SourceRef;
  lastName: string;
  firstName: string;
  nameKey: string;
  /** '' when neither a Classe column nor the sheet gives one. */
  className: string;
  /** True when the class comes from a Classe column (the sheet name is only a guess). */
  classFromColumn: boolean;
  levelText: string | null;
  ine: string | null;
  /** Teams' results, in column order, and the positionnement round of each (parallel arrays). */
  results: AssessmentResult[];
  rounds: number[];
  /** The pupil's own view (autopositionnement). */
  selfResults: AssessmentResult[];
  profile?: PupilProfile;
  project?: PupilProject;
}

export interface SheetRead {
  records: RowRecord[];
  /** Competencies of the teams' columns, in column order. */
  competencies: Competency[];
  /** Competencies of self-assessment columns. */
  selfCompetencies: Competency[];
}

interface CompetencyColumn {
  /** Position among the sheet's competency columns, in column order. */
  index: number;
  col: number;
  /** Absolute column letters, for the cell addresses of results. */
  letters: string;
  /** Columns reading the same competency, round and view share a slot: the first non-empty one wins. */
  slot: number;
  competency: Competency;
  self: boolean;
  round: number;
  context: ParseContext;
  cache: Map<CellValue, Reading>;
}

/** Stable key of a competency: normalised `discipline|label`. */
export function competencyId(discipline: string, label: string): string {
  return `${normalizeText(discipline)}|${normalizeText(label)}`;
}

const READ_ROLES: SheetRole[] = ['positionnement', 'national-test', 'self-assessment'];
const MAX_VALUE_WARNINGS = 20;

/** « 5, 6, 9 à 12 » from sorted row numbers. */
function rowList(rows: number[]): string {
  const parts: string[] = [];
  for (let i = 0; i < rows.length; i++) {
    let j = i;
    while (j + 1 < rows.length && rows[j + 1] === rows[j] + 1) j++;
    parts.push(j > i + 1 ? `${rows[i]} à ${rows[j]}` : j === i + 1 ? `${rows[i]}, ${rows[j]}` : `${rows[i]}`);
    i = j;
  }
  const text = parts.join(', ');
  return text.length > 120 ? `${text.slice(0, 119)}…` : text;
}

class SheetReader {
  readonly records: RowRecord[] = [];
  private readonly identity = new Map<IdentityField, number>();
  private readonly columns: CompetencyColumn[] = [];
  private profileCol: number | null = null;
  private projectCol: number | null = null;
  private readonly summaryRows: number[] = [];
  private readonly hiddenRead: number[] = [];
  private unknownValues = 0;
  private incomplete = 0;
  private otherColours = 0;
  private firstOtherColour = '';
  private colours: ColourScale | null = null;
  private byPreference: CompetencyColumn[] = [];
  /** Per slot: the last row where a column decided it, which column, and the level read (0: none). */
  private decided = new Int32Array(0);
  private winner = new Int32Array(0);
  private levels = new Uint8Array(0);

  constructor(
    private readonly grid: Grid,
    private readonly mapping: SheetMapping,
    private readonly scale: MasteryScale,
    private readonly sheetIndex: number,
    private readonly diagnostics: Diagnostic[],
  ) {
    const extras = extrasLookup(scale.extraValues);
    for (const entry of mapping.columns) {
      const col = columnIndex(entry.column) - grid.origin.col;
      if (col < 0) continue;
      const role = entry.role;
      if (role.kind === 'identity' && !this.identity.has(role.field)) this.identity.set(role.field, col);
      else if (role.kind === 'profile' && this.profileCol === null) this.profileCol = col;
      else if (role.kind === 'project' && this.projectCol === null) this.projectCol = col;
      else if (role.kind === 'competency' && READ_ROLES.includes(mapping.role)) {
        const context: ParseContext = { thresholds: scale.thresholds, extras, maxScore: role.maxScore };
        this.columns.push({
          index: 0,
          col,
          letters: entry.column,
          slot: 0,
          competency: { id: competencyId(role.discipline, role.label), discipline: role.discipline, label: role.label },
          self: mapping.role === 'self-assessment' || role.self === true,
          round: role.round ?? mapping.round ?? 1,
          context,
          cache: new Map(),
        });
      }
    }
    this.columns.sort((a, b) => a.col - b.col);
    this.columns.forEach((column, index) => (column.index = index));
    // Of a score and a level column for the same competency, the level words are read first.
    this.byPreference = [...this.columns].sort((a, b) => Number(a.context.maxScore !== undefined) - Number(b.context.maxScore !== undefined));
    const slots = new Map<string, number>();
    for (const column of this.byPreference) {
      const key = `${column.competency.id}|${column.self}|${column.round}`;
      if (!slots.has(key)) slots.set(key, slots.size);
      column.slot = slots.get(key) as number;
    }
    this.decided = new Int32Array(slots.size).fill(-1);
    this.winner = new Int32Array(slots.size);
    this.levels = new Uint8Array(slots.size);
  }


  private text(row: number, col: number | undefined): string {
    return col === undefined ? '' : tidy(cellAt(this.grid, row, col));
  }

  private address(row: number, col: number): string {
    return gridAddress(this.grid, row, col);
  }

  private prepareColours(start: number): void {
    if (!this.grid.fills || this.scale.colours === 'no') return;
    const classes = new Set<ColourClass>();
    const greens: string[] = [];
    for (let r = start; r < this.grid.values.length; r++) {
      const fills = this.grid.fills[r];
      if (!fills) continue;
      for (const column of this.columns) {
        const fill = fills[column.col];
        if (!fill || tidy(cellAt(this.grid, r, column.col))) continue;
        const kind = classifyColour(fill);
        if (kind && kind !== 'other') classes.add(kind);
        if (kind === 'green' && !greens.includes(fill)) greens.push(fill);
      }
    }
    if (coloursOn(this.scale, classes)) this.colours = new ColourScale(greens);
  }

  read(): void {
    if (this.mapping.headerRow === undefined) return;
    const start = this.mapping.headerRow - this.grid.origin.row;
    this.prepareColours(start);
    const hidden = new Set(this.grid.hiddenRows ?? []);
    for (let r = Math.max(0, start); r < this.grid.values.length; r++) {
      const record = this.readRow(r);
      if (record) {
        this.records.push(record);
        if (hidden.has(r)) this.hiddenRead.push(this.grid.origin.row + r + 1);
      }
    }
    this.report();
  }

  /** `separate`: last and first names come from their own columns (not split from one cell). */
  private nameOf(row: number): { lastName: string; firstName: string; nameCol: number; separate: boolean } | null {
    const lastCol = this.identity.get('lastName');
    const firstCol = this.identity.get('firstName');
    const fullCol = this.identity.get('fullName');
    const last = this.text(row, lastCol);
    const first = this.text(row, firstCol);
    if (last || first) return { lastName: last, firstName: first, nameCol: lastCol ?? firstCol ?? 0, separate: last !== '' && first !== '' };
    const full = this.text(row, fullCol);
    if (full && fullCol !== undefined) return { ...splitFullName(full), nameCol: fullCol, separate: false };
    return null;
  }

  private rowHasResults(row: number): boolean {
    return this.columns.some((c) => tidy(cellAt(this.grid, row, c.col)) !== '');
  }

  private isSummaryRow(row: number): boolean {
    if (this.grid.formulas?.[row]?.some(Boolean)) return true;
    const line = this.grid.values[row] ?? [];
    const first = line.find((v) => tidy(v) !== '');
    return first !== undefined && typeof first === 'string' && isSummaryLabel(first);
  }

  private readRow(row: number): RowRecord | null {
    const name = this.nameOf(row);
    const rowNumber = this.grid.origin.row + row + 1;
    if (!name) {
      if (!this.rowHasResults(row)) return null;
      if (this.isSummaryRow(row)) this.summaryRows.push(rowNumber);
      else this.diagnostics.push(diagnostic('warning', this.grid.sheet, this.address(row, this.columns[0].col), `ligne ${rowNumber} : des résultats sans nom d'élève, ligne ignorée`));
      return null;
    }
    const shown = tidy(`${name.lastName} ${name.firstName}`);
    // « Moyenne | de la classe » with formulas: a summary row even with something in the first-name column.
    const summaryWithFormulas = isSummaryLabel(shown) && this.grid.formulas?.[row]?.some(Boolean) === true;
    if (summaryWithFormulas || !looksLikeName(shown, name.separate) || (name.lastName && !looksLikeName(name.lastName, name.separate))) {
      if (this.isSummaryRow(row) || isSummaryLabel(shown) || !this.rowHasResults(row)) this.summaryRows.push(rowNumber);
      else {
        this.diagnostics.push(
          diagnostic('warning', this.grid.sheet, this.address(row, name.nameCol), `« ${shown.slice(0, 40)} » n'est pas reconnu comme un nom d'élève : ligne ignorée`),
        );
      }
      return null;
    }
    const classCol = this.identity.get('class');
    const classText = this.text(row, classCol);
    const ineCol = this.identity.get('ine');
    const ineText = this.text(row, ineCol);
    const ine = ineText ? ineOf(ineText) : null;
    if (ineText && !ine && ineCol !== undefined) {
      this.diagnostics.push(
        diagnostic('warning', this.grid.sheet, this.address(row, ineCol), "INE illisible (attendu : 11 caractères, chiffres et lettres) : l'élève est reconnu par son nom et sa classe"),
      );
    }
    const record: RowRecord = {
      sheetIndex: this.sheetIndex,
      sheet: this.grid.sheet,
      role: this.mapping.role,
      row,
      source: { sheet: this.grid.sheet, cell: this.address(row, name.nameCol) },
      lastName: name.lastName,
      firstName: name.firstName,
      nameKey: nameKey(name.lastName, name.firstName),
      className: classText || this.mapping.className || '',
      classFromColumn: classText !== '',
      levelText: this.text(row, this.identity.get('level')) || null,
      ine,
      results: [],
      rounds: [],
      selfResults: [],
    };
    this.readResults(row, record);
    this.readInterview(row, record);
    return record;
  }

  private readResults(row: number, record: RowRecord): void {
    // First pass, by preference: the first non-empty column of each slot decides it.
    for (const column of this.byPreference) {
      if (this.decided[column.slot] === row) continue;
      const value = cellAt(this.grid, row, column.col);
      let reading = column.cache.get(value);
      if (!reading) {
        reading = readMastery(value, column.context);
        column.cache.set(value, reading);
      }
      let level: MasteryLevel | null = reading.kind === 'level' ? reading.level : null;
      if (reading.kind === 'empty') {
        level = this.colourLevel(row, column.col);
        if (level === null) continue;
      }
      this.decided[column.slot] = row;
      this.winner[column.slot] = column.index;
      this.levels[column.slot] = level ?? 0;
      if (reading.kind === 'unknown') this.unknownValue(row, column.col, value);
      if (reading.kind === 'not-assessed' && reading.incomplete) this.incomplete++;
    }
    // Second pass, in column order: the results.
    const rowNumber = this.grid.origin.row + row + 1;
    for (const column of this.columns) {
      const slot = column.slot;
      if (this.decided[slot] !== row || this.winner[slot] !== column.index || this.levels[slot] === 0) continue;
      const result = { competencyId: column.competency.id, level: this.levels[slot] as MasteryLevel, source: { sheet: this.grid.sheet, cell: `${column.letters}${rowNumber}` } };
      if (column.self) record.selfResults.push(result);
      else {
        record.results.push(result);
        record.rounds.push(column.round);
      }
    }
  }

  private colourLevel(row: number, col: number): MasteryLevel | null {
    if (!this.colours) return null;
    const fill = this.grid.fills?.[row]?.[col];
    const level = this.colours.levelOf(fill);
    if (level === 'other') {
      if (!this.otherColours++) this.firstOtherColour = this.address(row, col);
      return null;
    }
    return level;
  }

  private unknownValue(row: number, col: number, value: CellValue): void {
    this.unknownValues++;
    if (this.unknownValues > MAX_VALUE_WARNINGS) return;
    this.diagnostics.push(diagnostic('warning', this.grid.sheet, this.address(row, col), `valeur ${quoteValue(value)} inconnue, comptée comme non évaluée`));
  }

  private readInterview(row: number, record: RowRecord): void {
    if (this.profileCol !== null) {
      const text = this.text(row, this.profileCol);
      const profile = text ? parseProfile(text) : null;
      if (profile) record.profile = profile;
      else if (text) {
        this.diagnostics.push(
          diagnostic('warning', this.grid.sheet, this.address(row, this.profileCol), `profil ${quoteValue(text)} inconnu (attendu : « Contents d'être là », « Pourquoi pas ? » ou « Malgré eux »), ignoré`),
        );
      }
    }
    if (this.projectCol !== null) {
      const text = this.text(row, this.projectCol);
      if (text) record.project = parseProject(text);
    }
  }

  private report(): void {
    const sheet = this.grid.sheet;
    if (this.unknownValues > MAX_VALUE_WARNINGS) {
      const more = this.unknownValues - MAX_VALUE_WARNINGS;
      this.diagnostics.push(diagnostic('warning', sheet, '', `et ${more} autre${more > 1 ? 's' : ''} valeur${more > 1 ? 's' : ''} inconnue${more > 1 ? 's' : ''} dans cette feuille, comptée${more > 1 ? 's' : ''} comme non évaluée${more > 1 ? 's' : ''}`));
    }
    if (this.summaryRows.length) {
      this.diagnostics.push(diagnostic('info', sheet, '', `lignes ${rowList(this.summaryRows)} : lignes de synthèse, formules ou légendes, pas des élèves (ignorées)`));
    }
    if (this.hiddenRead.length) {
      this.diagnostics.push(diagnostic('info', sheet, '', `lignes masquées ${rowList(this.hiddenRead)} lues quand même : un élève masqué reste un élève`));
    }
    if (this.incomplete) {
      this.diagnostics.push(diagnostic('info', sheet, '', `${this.incomplete} résultat${this.incomplete > 1 ? 's' : ''} « Test incomplet » compté${this.incomplete > 1 ? 's' : ''} comme non évalué${this.incomplete > 1 ? 's' : ''} (ce n'est pas un échec)`));
    }
    if (this.otherColours) {
      this.diagnostics.push(
        diagnostic('info', sheet, this.firstOtherColour, `${this.otherColours} cellule${this.otherColours > 1 ? 's' : ''} d'une couleur hors de l'échelle rouge / orange / vert, non lue${this.otherColours > 1 ? 's' : ''}`),
      );
    }
  }

  competencies(self: boolean): Competency[] {
    const seen = new Map<string, Competency>();
    for (const column of this.columns) if (column.self === self && !seen.has(column.competency.id)) seen.set(column.competency.id, column.competency);
    return [...seen.values()];
  }
}

export function readSheetRows(grid: Grid, mapping: SheetMapping, scale: MasteryScale, sheetIndex: number, diagnostics: Diagnostic[]): SheetRead {
  const reader = new SheetReader(grid, mapping, scale, sheetIndex, diagnostics);
  reader.read();
  return { records: reader.records, competencies: reader.competencies(false), selfCompetencies: reader.competencies(true) };
}
