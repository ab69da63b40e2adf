/**
 * A school's positionnement workbook drawn from a grammar, with the truth it drew: orientation
 * (pupils in rows or in columns), stacked blocks under « Classe : … » titles, one to three header rows,
 * discipline spellings (group row, prefix, bracket, none), scales (words, LSU numbers, symbols, the
 * school's own codes with a « Légende » sheet, check marks, emoji), identity forms, division codes and
 * section rows. `judge` compares a reading with the truth: read right, or flagged by the self-check.
 */
import fc from 'fast-check';
import type { CellValue, Grid, WorkbookSnapshot } from '../../../src/core/grid';
import { sameDiscipline } from '../../../src/core/disciplines';
import type { MasteryLevel } from '../../../src/core/model';
import { isReadingCheck, type readWorkbook } from '../../../src/core/read';
import { normalizeText } from '../../../src/core/text';

/** Spellings of a discipline as headers carry them, with the discipline they mean (null: none). */
const DISCIPLINES: { group: string; prefix: (label: string) => string; discipline: string }[] = [
  { group: 'Mathématiques', prefix: (l) => `Maths - ${l}`, discipline: 'Mathématiques' },
  { group: 'MATHS', prefix: (l) => `MATHS ${l}`, discipline: 'Mathématiques' },
  { group: 'Français', prefix: (l) => `FR1 ${l}`, discipline: 'Français' },
  { group: 'Français', prefix: (l) => `${l} (Français)`, discipline: 'Français' },
  { group: 'Anglais', prefix: (l) => `Anglais : ${l}`, discipline: 'Anglais' },
  { group: 'Éco-gestion', prefix: (l) => `Éco-gestion · ${l}`, discipline: 'Éco-gestion' },
  { group: 'PSE', prefix: (l) => `${l} – PSE`, discipline: 'PSE' },
];
const LABELS = ['Calculer', 'Résoudre un problème', 'Lire un texte', 'Rédiger', 'S’exprimer à l’oral', 'Argumenter', 'Organiser son travail'];

/** Scales: what each level is written as (index 0 = level 1); `readable` when the reader knows it. */
const SCALES: { name: string; values: [CellValue, CellValue, CellValue, CellValue]; legend?: boolean }[] = [
  { name: 'mots', values: ['NA', 'ECA', 'A', 'TB'] },
  { name: 'LSU', values: [1, 2, 3, 4] },
  { name: 'symboles', values: ['--', '-', '+', '++'] },
  { name: 'Pronote', values: ['Maîtrise insuffisante', 'Maîtrise fragile', 'Maîtrise satisfaisante', 'Très bonne maîtrise'] },
  { name: 'codes maison', values: ['I', 'F', 'S', 'TB'], legend: true },
  { name: 'coches', values: ['✘', '~', '✔', '✔✔'] },
  { name: 'emoji', values: ['🔴', '🟠', '🟢', '🟢🟢'] },
];

/** Division codes and the level they mean (null: the code says no year). */
const CLASSES: [string, string | null][] = [
  ['2MRC', '2nde'], ['2 MELEC', '2nde'], ['1AGORA', '1re'], ['1 MELEC', '1re'], ['TMELEC', 'Tle'], ['2NDPRO MRC', '2nde'],
  ['TCAP EPC', 'CAP 2'], ['CAP1 EPC', 'CAP 1'], ['3PM A', '3e PM'], ['CAP EPC A', null],
];
const LAST = ['DUPONT', 'MARTIN', 'PETIT', 'ROUX', 'NGUYEN', 'DA COSTA', 'LEFÈVRE', 'BENALI', 'MOREAU', 'FAURE', 'GIRARD', 'KANTÉ'];
const FIRST = ['Marie', 'Léo', 'Sam', 'Lou', 'Aïcha', 'Jean-Baptiste', 'Inès', 'Noah', 'Zoé', 'Yanis'];

export interface DrawnPupil {
  lastName: string;
  firstName: string;
  className: string;
  level: string | null;
  results: (MasteryLevel | null)[];
}

export interface DrawnCompetency {
  discipline: string | null;
  label: string;
}

export interface SchoolWorkbook {
  snapshot: WorkbookSnapshot;
  /** What was drawn, as a coordinator would describe the workbook. */
  pupils: DrawnPupil[];
  competencies: DrawnCompetency[];
  /** Grammar choices, for the failure message. */
  shape: string;
}

interface Shape {
  orientation: 'rows' | 'columns';
  blocks: number;
  headerRows: 1 | 2 | 3;
  spelling: number;
  unnamed: boolean;
  scale: number;
  names: 'split' | 'full';
  classes: number[];
  sectionRows: boolean;
  title: boolean;
  competencies: number;
  pupils: { last: number; first: number; results: (number | null)[] }[];
}

const shapeArb: fc.Arbitrary<Shape> = fc
  .record({
    orientation: fc.constantFrom<'rows' | 'columns'>('rows', 'rows', 'rows', 'columns'),
    blocks: fc.integer({ min: 1, max: 2 }),
    headerRows: fc.constantFrom<1 | 2 | 3>(1, 2, 3),
    spelling: fc.nat(DISCIPLINES.length - 1),
    unnamed: fc.boolean(),
    scale: fc.nat(SCALES.length - 1),
    names: fc.constantFrom<'split' | 'full'>('split', 'full'),
    classes: fc.uniqueArray(fc.nat(CLASSES.length - 1), { minLength: 2, maxLength: 2 }),
    sectionRows: fc.boolean(),
    title: fc.boolean(),
    competencies: fc.integer({ min: 2, max: 5 }),
    pupils: fc.uniqueArray(
      fc.record({ last: fc.nat(LAST.length - 1), first: fc.nat(FIRST.length - 1), results: fc.array(fc.option(fc.integer({ min: 0, max: 3 }), { nil: null, freq: 6 }), { minLength: 5, maxLength: 5 }) }),
      { minLength: 3, maxLength: 8, selector: (p) => `${p.last}|${p.first}` },
    ),
  });

function build(shape: Shape): SchoolWorkbook {
  const spelling = DISCIPLINES[shape.spelling];
  const scale = SCALES[shape.scale];
  const competencies: DrawnCompetency[] = LABELS.slice(0, shape.competencies).map((label) => ({ discipline: shape.unnamed ? null : spelling.discipline, label }));
  const blocks = shape.classes.slice(0, shape.blocks);
  const perBlock = Math.ceil(shape.pupils.length / blocks.length);
  const pupils: DrawnPupil[] = shape.pupils.map((p, i) => {
    const [className, level] = CLASSES[blocks[Math.min(blocks.length - 1, Math.floor(i / perBlock))]];
    return {
      lastName: LAST[p.last],
      firstName: FIRST[p.first],
      className,
      level,
      results: p.results.slice(0, shape.competencies).map((r) => (r === null ? null : ((r + 1) as MasteryLevel))),
    };
  });

  // Header rows (top down): discipline group, sub-domain, label; or the discipline in the label.
  const identity = shape.names === 'split' ? ['Nom', 'Prénom'] : ['Nom Prénom'];
  const groupRow = identity.map(() => null as CellValue).concat(competencies.map(() => (shape.unnamed ? null : spelling.group)));
  const subRow = identity.map(() => null as CellValue).concat(competencies.map(() => 'Compétences'));
  const labelOf = (c: DrawnCompetency) => (shape.headerRows === 1 && !shape.unnamed ? spelling.prefix(c.label) : c.label);
  const labelRow: CellValue[] = [...identity, ...competencies.map(labelOf)];
  const header: CellValue[][] = shape.headerRows === 1 ? [labelRow] : shape.headerRows === 2 ? [groupRow, labelRow] : [groupRow, subRow, labelRow];
  if (shape.headerRows === 3) for (const c of competencies) c.label = `Compétences – ${c.label}`;

  const rows: CellValue[][] = [];
  if (shape.title) rows.push(['Positionnement de rentrée'], []);
  for (const className of blocks.map((b) => CLASSES[b][0])) {
    const inBlock = pupils.filter((p) => p.className === className);
    if (blocks.length > 1) rows.push([`Classe : ${className}`]);
    rows.push(...header.map((r) => [...r]));
    if (shape.sectionRows) rows.push([className]);
    for (const p of inBlock) {
      const who = shape.names === 'split' ? [p.lastName, p.firstName] : [`${p.lastName} ${p.firstName}`];
      rows.push([...who, ...p.results.map((r) => (r === null ? null : scale.values[r - 1]))]);
    }
    if (shape.sectionRows) rows.push([`Effectif : ${inBlock.length}`]);
    rows.push([]);
  }
  const values = shape.orientation === 'rows' ? rows : transpose(rows);
  // One class per sheet when there is one block: the sheet is named after it.
  const grids: Grid[] = [{ sheet: blocks.length === 1 ? blocks.map((b) => CLASSES[b][0])[0] : 'Positionnement', origin: { row: 0, col: 0 }, values }];
  if (scale.legend) grids.push({ sheet: 'Légende', origin: { row: 0, col: 0 }, values: [['Code', 'Signification'], ...scale.values.map((v, i) => [v, ['insuffisant', 'fragile', 'satisfaisant', 'très bien'][i]])] });
  const shown = `${shape.orientation}, ${blocks.length} bloc(s), ${shape.headerRows} ligne(s) d'en-tête, ${shape.unnamed ? 'sans discipline' : spelling.prefix('…')}, échelle ${scale.name}, classes ${blocks.map((b) => CLASSES[b][0]).join(' / ')}${shape.sectionRows ? ', lignes de section' : ''}`;
  return { snapshot: { grids }, pupils, competencies, shape: shown };
}

function transpose(rows: CellValue[][]): CellValue[][] {
  const width = Math.max(...rows.map((r) => r.length));
  return Array.from({ length: width }, (_, c) => rows.map((r) => r[c] ?? null));
}

export const schoolWorkbookArb: fc.Arbitrary<SchoolWorkbook> = shapeArb.map(build);

/** What was read wrong (empty: read right). */
export function misreadings(workbook: SchoolWorkbook, result: ReturnType<typeof readWorkbook>): string[] {
  const wrong: string[] = [];
  if (result.pupils.length !== workbook.pupils.length) wrong.push(`${result.pupils.length} élèves lus pour ${workbook.pupils.length}`);
  const byName = new Map(result.pupils.map((p) => [normalizeText(`${p.lastName} ${p.firstName}`), p]));
  for (const drawn of workbook.pupils) {
    const found = byName.get(normalizeText(`${drawn.lastName} ${drawn.firstName}`));
    if (!found) {
      wrong.push(`${drawn.lastName} ${drawn.firstName} non lu`);
      continue;
    }
    if (normalizeText(found.className).replace(/\s+/g, '') !== normalizeText(drawn.className).replace(/\s+/g, '')) wrong.push(`${drawn.lastName} : classe ${found.className} au lieu de ${drawn.className}`);
    if (drawn.level && found.level !== drawn.level) wrong.push(`${drawn.lastName} : niveau ${found.level} au lieu de ${drawn.level}`);
    const levels = found.results.map((r) => r.level);
    const expected = drawn.results.filter((r): r is MasteryLevel => r !== null);
    if (levels.join() !== expected.join()) wrong.push(`${drawn.lastName} : résultats ${levels.join()} au lieu de ${expected.join()}`);
  }
  for (const c of workbook.competencies) {
    if (!c.discipline) continue;
    const read = result.competencies.find((r) => normalizeText(r.label).includes(normalizeText(c.label.replace(/^Compétences – /, ''))));
    if (read && !sameDiscipline(read.discipline, c.discipline)) wrong.push(`« ${c.label} » : discipline ${read.discipline} au lieu de ${c.discipline}`);
  }
  return wrong;
}

export function flagged(result: ReturnType<typeof readWorkbook>): boolean {
  return result.diagnostics.some(isReadingCheck) || result.diagnostics.some((d) => d.severity === 'error');
}
