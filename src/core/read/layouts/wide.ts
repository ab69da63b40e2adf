/**
 * The wide layout: one row per pupil, one column per competency (the usual positionnement grid).
 * Columns reading the same competency for the same round and view (a score and a level column of
 * a national export) share a slot: the level words are read first, the first non-empty one wins.
 */
import type { Diagnostic } from '../../diagnostics';
import { cellAt, columnIndex, type CellValue, type Grid } from '../../grid';
import type { Competency, MasteryLevel, SheetRole } from '../../model';
import { classifyColour, ColourScale, type ColourClass } from '../colours';
import { coloursOn } from '../detect';
import type { MasteryScale, SheetMapping } from '../mapping';
import { extrasLookup, readMastery, type ParseContext, type Reading } from '../mastery';
import { tidy } from '../vocabulary';
import { diagnostic } from '../../diagnostics';
import { RowIdentityReader } from './identity';
import { competencyId, type RowRecord, type SheetRead } from './record';
import { roundsByDate } from './roundDates';
import { ValueNotes } from './valueNotes';

interface CompetencyColumn {
  /** Position among the sheet's competency columns, in column order. */
  index: number;
  col: number;
  /** Absolute column letters, for the cell addresses of results. */
  letters: string;
  slot: number;
  competency: Competency;
  self: boolean;
  round: number;
  context: ParseContext;
  cache: Map<CellValue, Reading>;
}

const READ_ROLES: SheetRole[] = ['positionnement', 'national-test', 'self-assessment'];

class WideReader {
  readonly records: RowRecord[] = [];
  private readonly identity: RowIdentityReader;
  private readonly notes: ValueNotes;
  get tally() {
    return this.notes.tally;
  }
  private readonly columns: CompetencyColumn[] = [];
  private otherColours = 0;
  private firstOtherColour = '';
  private colours: ColourScale | null = null;
  private byPreference: CompetencyColumn[] = [];
  /** Per slot: the last row where a column decided it, which column, and the level read (0: none). */
  private decided = new Int32Array(0);
  private winner = new Int32Array(0);
  private levels = new Uint8Array(0);
  private roundOfRow: ((row: number) => number) | null = null;

  constructor(
    private readonly grid: Grid,
    private readonly mapping: SheetMapping,
    private readonly scale: MasteryScale,
    sheetIndex: number,
    private readonly diagnostics: Diagnostic[],
  ) {
    this.identity = new RowIdentityReader(grid, mapping, sheetIndex, diagnostics);
    this.notes = new ValueNotes(grid.sheet, diagnostics);
    if (READ_ROLES.includes(mapping.role)) this.collectColumns();
  }

  private collectColumns(): void {
    const extras = extrasLookup(this.scale.extraValues);
    for (const entry of this.mapping.columns) {
      const col = columnIndex(entry.column) - this.grid.origin.col;
      const role = entry.role;
      if (col < 0 || role.kind !== 'competency') continue;
      this.columns.push({
        index: 0,
        col,
        letters: entry.column,
        slot: 0,
        competency: { id: competencyId(role.discipline, role.label), discipline: role.discipline, label: role.label },
        self: this.mapping.role === 'self-assessment' || role.self === true,
        round: role.round ?? this.mapping.round ?? 1,
        context: { thresholds: this.scale.thresholds, extras, maxScore: role.maxScore },
        cache: new Map(),
      });
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
    const start = this.identity.firstRow;
    if (start === null) return;
    this.prepareColours(start);
    this.roundOfRow = roundsByDate(this.grid, this.mapping, start);
    for (let r = start; r < this.grid.values.length; r++) {
      const record = this.identity.read(r, this.rowHasResults(r), this.columns[0]?.col);
      if (!record) continue;
      this.readResults(r, record);
      this.records.push(record);
    }
    this.identity.report();
    this.notes.report();
    if (this.otherColours) {
      const s = this.otherColours > 1 ? 's' : '';
      this.diagnostics.push(diagnostic('info', this.grid.sheet, this.firstOtherColour, `${this.otherColours} cellule${s} d'une couleur hors de l'échelle rouge / orange / vert, non lue${s}`));
    }
  }

  private rowHasResults(row: number): boolean {
    return this.columns.some((c) => tidy(cellAt(this.grid, row, c.col)) !== '');
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
      if (reading.kind !== 'empty') this.notes.seen();
      if (reading.kind === 'unknown') this.notes.unknown(this.identity.address(row, column.col), value);
      if (reading.kind === 'not-assessed' && reading.incomplete) this.notes.incompleteTest();
    }
    // Second pass, in column order: the results.
    const rowNumber = this.identity.rowNumber(row);
    const rowRound = this.roundOfRow?.(row);
    for (const column of this.columns) {
      const slot = column.slot;
      if (this.decided[slot] !== row || this.winner[slot] !== column.index || this.levels[slot] === 0) continue;
      const result = { competencyId: column.competency.id, level: this.levels[slot] as MasteryLevel, source: { sheet: this.grid.sheet, cell: `${column.letters}${rowNumber}` } };
      if (column.self) record.selfResults.push(result);
      else {
        record.results.push(result);
        record.rounds.push(rowRound ?? column.round);
      }
    }
  }

  private colourLevel(row: number, col: number): MasteryLevel | null {
    if (!this.colours) return null;
    const fill = this.grid.fills?.[row]?.[col];
    const level = this.colours.levelOf(fill);
    if (level === 'other') {
      if (!this.otherColours++) this.firstOtherColour = this.identity.address(row, col);
      return null;
    }
    return level;
  }

  competencies(self: boolean): Competency[] {
    const seen = new Map<string, Competency>();
    for (const column of this.columns) if (column.self === self && !seen.has(column.competency.id)) seen.set(column.competency.id, column.competency);
    return [...seen.values()];
  }
}

export function readWide(grid: Grid, mapping: SheetMapping, scale: MasteryScale, sheetIndex: number, diagnostics: Diagnostic[]): SheetRead {
  const reader = new WideReader(grid, mapping, scale, sheetIndex, diagnostics);
  reader.read();
  return { records: reader.records, competencies: reader.competencies(false), selfCompetencies: reader.competencies(true), tally: reader.tally };
}
