/**
 * The long layout: one row per pupil and item (national test exports « par domaine », LSU extracts):
 * identity columns, the item assessed (« Domaine », « Compétence »), optionally its discipline, one or
 * more result columns (a level and a score: the level words are read first) and optionally a date.
 * Rows of one pupil are gathered into one record, in the order the pupil first appears.
 */
import type { Diagnostic } from '../../diagnostics';
import { cellAt, columnIndex, type Grid } from '../../grid';
import type { Competency } from '../../model';
import type { ColumnEntry, MasteryScale, SheetMapping } from '../mapping';
import { extrasLookup, readMastery, type ParseContext } from '../mastery';
import { classKey } from '../names';
import { normalizeText } from '../../text';
import { disciplineInText, keyOf, nationalDomainDiscipline, tidy, UNSPECIFIED_DISCIPLINE } from '../vocabulary';
import { RowIdentityReader } from './identity';
import { competencyId, type RowRecord, type SheetRead } from './record';
import { roundsByDate } from './roundDates';
import { ValueNotes } from './valueNotes';

interface ResultColumn {
  col: number;
  letters: string;
  context: ParseContext;
}

export function readLong(grid: Grid, mapping: SheetMapping, scale: MasteryScale, sheetIndex: number, diagnostics: Diagnostic[]): SheetRead {
  const identity = new RowIdentityReader(grid, mapping, sheetIndex, diagnostics);
  const notes = new ValueNotes(grid.sheet, diagnostics);
  const colOf = (kind: string) => {
    const entry = mapping.columns.find((c) => c.role.kind === kind);
    return entry ? columnIndex(entry.column) - grid.origin.col : undefined;
  };
  const itemCol = colOf('item');
  const disciplineCol = colOf('item-discipline');
  const extras = extrasLookup(scale.extraValues);
  const results: ResultColumn[] = mapping.columns
    .flatMap((entry) => (entry.role.kind === 'item-result' ? [{ col: columnIndex(entry.column) - grid.origin.col, letters: entry.column, context: { thresholds: scale.thresholds, extras, maxScore: entry.role.maxScore } }] : []))
    // Level words before scores.
    .sort((a, b) => Number(a.context.maxScore !== undefined) - Number(b.context.maxScore !== undefined));
  const start = identity.firstRow;
  const competencies = new Map<string, Competency>();
  const byPupil = new Map<string, RowRecord>();
  const records: RowRecord[] = [];
  if (start === null || itemCol === undefined || !results.length) return { records, competencies: [], selfCompetencies: [] };
  const roundOfRow = roundsByDate(grid, mapping, start);
  const sheetDiscipline = disciplineInText(grid.sheet);

  for (let r = start; r < grid.values.length; r++) {
    const item = tidy(cellAt(grid, r, itemCol));
    const hasResults = item !== '' || results.some((c) => tidy(cellAt(grid, r, c.col)) !== '');
    const row = identity.read(r, hasResults, results[0].col);
    if (!row) continue;
    const key = row.ine ?? `${classKey(row.className)}|${row.nameKey}`;
    let record = byPupil.get(key);
    if (!record) {
      byPupil.set(key, (record = row));
      records.push(record);
    }
    if (!item) continue;
    const disciplineText = disciplineCol === undefined ? '' : tidy(cellAt(grid, r, disciplineCol));
    const discipline = (disciplineText ? disciplineInText(disciplineText) ?? disciplineText : null) ?? nationalDomainDiscipline(item) ?? disciplineInText(item) ?? sheetDiscipline ?? UNSPECIFIED_DISCIPLINE;
    const competency = { id: competencyId(discipline, item), discipline, label: item };
    if (!competencies.has(competency.id)) competencies.set(competency.id, competency);
    for (const column of results) {
      const value = cellAt(grid, r, column.col);
      const reading = readMastery(value, column.context);
      if (reading.kind === 'empty') continue;
      notes.seen();
      if (reading.kind === 'unknown') notes.unknown(identity.address(r, column.col), value);
      if (reading.kind === 'not-assessed' && reading.incomplete) notes.incompleteTest();
      if (reading.kind === 'level') {
        record.results.push({ competencyId: competency.id, level: reading.level, source: { sheet: grid.sheet, cell: `${column.letters}${identity.rowNumber(r)}` } });
        record.rounds.push(roundOfRow?.(r) ?? mapping.round ?? 1);
      }
      break;
    }
  }
  identity.report();
  notes.report();
  return { records, competencies: [...competencies.values()], selfCompetencies: [], tally: notes.tally };
}

const ITEM_HEADERS = new Set([
  'domaine', 'domaines', 'sous domaine', 'competence', 'competences', 'competence evaluee', 'item', 'items', 'champ', 'composante',
  'intitule', 'libelle', 'element', 'critere', 'domaine evalue', 'libelle competence', 'libelle domaine', 'intitule de la competence',
]);
const ITEM_DISCIPLINE_HEADERS = new Set(['discipline', 'matiere', 'champ disciplinaire', 'test', 'epreuve', 'discipline evaluee', 'evaluation']);

/**
 * The long layout recognised from a detected wide mapping: a column named like an item (« Domaine »)
 * holding text, pupils on several rows, results in the columns detection read as competencies.
 * Returns the columns re-roled for the long reader, or null when the sheet is not long.
 */
export function asLongColumns(grid: Grid, entries: ColumnEntry[], rows: number[], nameCol: number): ColumnEntry[] | null {
  const item = entries.find((e) => ITEM_HEADERS.has(keyOf(e.header)) && e.role.kind === 'ignored');
  if (!item || !rows.length) return null;
  const names = new Set(rows.map((r) => normalizeText(cellAt(grid, r, nameCol))));
  if (names.size * 3 > rows.length * 2) return null;
  if (!entries.some((e) => e.role.kind === 'competency')) return null;
  return entries.map((entry): ColumnEntry => {
    if (entry === item) return { ...entry, role: { kind: 'item' }, reason: `« ${entry.header} » : la compétence évaluée sur chaque ligne (une ligne par élève et par compétence)` };
    if (entry.role.kind === 'ignored' && ITEM_DISCIPLINE_HEADERS.has(keyOf(entry.header))) return { ...entry, role: { kind: 'item-discipline' }, reason: `« ${entry.header} » : discipline de la compétence de la ligne` };
    if (entry.role.kind !== 'competency') return entry;
    const role: ColumnEntry['role'] = entry.role.maxScore === undefined ? { kind: 'item-result' } : { kind: 'item-result', maxScore: entry.role.maxScore };
    return { ...entry, role, reason: `résultat de la compétence de la ligne : ${entry.reason}` };
  });
}
