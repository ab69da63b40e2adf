/**
 * Who a row is about, whatever the layout: name (or pseudonym, or code), class, INE, level, date of
 * leaving, and the optional answers a list may carry (profile, project, wishes, pair constraints).
 * Rows that are not pupils are skipped and reported: blank rows silently, summaries (« Moyenne »,
 * « Total », formulas, counts) in one info line, anything else doubtful as a warning with its cell.
 */
import { parseDateCell } from '../../dates';
import { diagnostic, type Diagnostic } from '../../diagnostics';
import { cellAt, columnIndex, gridAddress, type Grid } from '../../grid';
import type { NeedKind } from '../../model';
import { parseProfile, parseProject, parseWishes } from '../interview';
import type { SheetMapping } from '../mapping';
import { quoteValue } from '../mastery';
import { ineOf, looksLikeName, nameKey, splitFullName } from '../names';
import { isSummaryLabel, tidy, type IdentityField } from '../vocabulary';
import { rowList, type PairRequest, type RowRecord } from './record';

export class RowIdentityReader {
  private readonly identity = new Map<IdentityField, number>();
  private profileCol: number | null = null;
  private projectCol: number | null = null;
  private readonly wishCols: number[] = [];
  private readonly pairCols: { col: number; relation: PairRequest['relation'] }[] = [];
  private readonly summaryRows: number[] = [];
  /** Cell of the first summary row, where the coordinator is sent to check. */
  private firstSummaryCell = '';
  private readonly hiddenRead: number[] = [];
  private readonly hiddenRows: Set<number>;

  constructor(
    private readonly grid: Grid,
    private readonly mapping: SheetMapping,
    private readonly sheetIndex: number,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.hiddenRows = new Set(grid.hiddenRows ?? []);
    for (const entry of mapping.columns) {
      const col = columnIndex(entry.column) - grid.origin.col;
      if (col < 0) continue;
      const role = entry.role;
      if (role.kind === 'identity' && !this.identity.has(role.field)) this.identity.set(role.field, col);
      else if (role.kind === 'profile' && this.profileCol === null) this.profileCol = col;
      else if (role.kind === 'project' && this.projectCol === null) this.projectCol = col;
      else if (role.kind === 'wishes') this.wishCols.push(col);
      else if (role.kind === 'together' || role.kind === 'apart') this.pairCols.push({ col, relation: role.kind });
    }
    this.wishCols.sort((a, b) => a - b);
  }

  /** First data row (relative), or null when the mapping has no header. */
  get firstRow(): number | null {
    return this.mapping.headerRow === undefined ? null : Math.max(0, this.mapping.headerRow - this.grid.origin.row);
  }

  text(row: number, col: number | undefined): string {
    return col === undefined ? '' : tidy(cellAt(this.grid, row, col));
  }

  address(row: number, col: number): string {
    return gridAddress(this.grid, row, col);
  }

  rowNumber(row: number): number {
    return this.grid.origin.row + row + 1;
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

  private isSummaryRow(row: number): boolean {
    if (this.grid.formulas?.[row]?.some(Boolean)) return true;
    const line = this.grid.values[row] ?? [];
    const first = line.find((v) => tidy(v) !== '');
    return first !== undefined && typeof first === 'string' && isSummaryLabel(first);
  }

  /**
   * The identity part of a record, or null for a row that is not a pupil (reported). `hasResults`
   * tells whether the row holds anything the layout would read: a blank row is skipped silently.
   * `resultCell`: where the results start, to point at a row of results without a name.
   */
  read(row: number, hasResults: boolean, resultCell: number | undefined): RowRecord | null {
    const name = this.nameOf(row);
    const rowNumber = this.rowNumber(row);
    if (!name) {
      if (!hasResults) return null;
      if (this.isSummaryRow(row)) this.summary(row, resultCell ?? 0);
      else this.diagnostics.push(diagnostic('warning', this.grid.sheet, this.address(row, resultCell ?? 0), `ligne ${rowNumber} : des résultats sans nom d'élève, ligne ignorée`));
      return null;
    }
    const shown = tidy(`${name.lastName} ${name.firstName}`);
    // « Moyenne | de la classe » with formulas: a summary row even with something in the first-name column.
    const summaryWithFormulas = isSummaryLabel(shown) && this.grid.formulas?.[row]?.some(Boolean) === true;
    if (summaryWithFormulas || !looksLikeName(shown, name.separate) || (name.lastName && !looksLikeName(name.lastName, name.separate))) {
      if (this.isSummaryRow(row) || isSummaryLabel(shown) || /^\d+([.,]\d+)?$/.test(shown) || !hasResults) this.summary(row, name.nameCol);
      else {
        this.diagnostics.push(
          diagnostic('warning', this.grid.sheet, this.address(row, name.nameCol), `« ${shown.slice(0, 40)} » n'est pas reconnu comme un élève (légende, nombre ou formule ?) : ligne ignorée`),
        );
      }
      return null;
    }
    if (this.hiddenRows.has(row)) this.hiddenRead.push(rowNumber);
    const classText = this.text(row, this.identity.get('class'));
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
      ine: this.ine(row),
      results: [],
      rounds: [],
      selfResults: [],
    };
    this.readLeaving(row, record);
    this.readAnswers(row, record);
    return record;
  }

  private summary(row: number, col: number): void {
    if (!this.summaryRows.length) this.firstSummaryCell = this.address(row, col);
    this.summaryRows.push(this.rowNumber(row));
  }

  private ine(row: number): string | null {
    const ineCol = this.identity.get('ine');
    const ineText = this.text(row, ineCol);
    const ine = ineText ? ineOf(ineText) : null;
    if (ineText && !ine && ineCol !== undefined) {
      this.diagnostics.push(
        diagnostic('warning', this.grid.sheet, this.address(row, ineCol), "INE illisible (attendu : 11 caractères, chiffres et lettres) : l'élève est reconnu par son nom et sa classe"),
      );
    }
    return ine;
  }

  private readLeaving(row: number, record: RowRecord): void {
    const col = this.identity.get('leaveDate');
    if (col === undefined) return;
    const value = cellAt(this.grid, row, col);
    if (value === null || tidy(value) === '') return;
    const date = parseDateCell(typeof value === 'string' ? tidy(value) : value);
    if (date) record.leftOn = date;
    else this.diagnostics.push(diagnostic('warning', this.grid.sheet, this.address(row, col), `date de sortie ${quoteValue(value)} illisible (attendu : jj/mm/aaaa) : l'élève est gardé`));
  }

  private readAnswers(row: number, record: RowRecord): void {
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
    const wishes: NeedKind[] = [];
    for (const col of this.wishCols) {
      const text = this.text(row, col);
      if (!text) continue;
      const kinds = parseWishes(text);
      if (!kinds) {
        this.diagnostics.push(
          diagnostic('warning', this.grid.sheet, this.address(row, col), `vœu ${quoteValue(text)} inconnu (attendu : remédiation, approfondissement, méthodologie, projet / orientation), ignoré`),
        );
      }
      for (const kind of kinds ?? []) if (!wishes.includes(kind)) wishes.push(kind);
    }
    if (wishes.length) record.wishes = wishes;
    for (const { col, relation } of this.pairCols) {
      const names = this.text(row, col);
      if (names) (record.pairs ??= []).push({ relation, names, source: { sheet: this.grid.sheet, cell: this.address(row, col) } });
    }
  }

  report(): void {
    const sheet = this.grid.sheet;
    if (this.summaryRows.length) {
      this.diagnostics.push(diagnostic('info', sheet, this.firstSummaryCell, `lignes ${rowList(this.summaryRows)} : lignes de synthèse, formules ou légendes, pas des élèves (ignorées)`));
    }
    if (this.hiddenRead.length) {
      this.diagnostics.push(diagnostic('info', sheet, '', `lignes masquées ${rowList([...new Set(this.hiddenRead)])} lues quand même : un élève masqué reste un élève`));
    }
  }
}
