/**
 * Writes the reader's test workbooks into test/fixtures/: realistic layouts of positionnement
 * workbooks as school teams keep them, with fictional names and results drawn from fixed seeds, so
 * that every run writes the same contents. Run: `npx tsx scripts/make-fixtures.ts`.
 *
 * The builders are exported: tests derive what the reader must find from the same data.
 */
import ExcelJS from 'exceljs';
import { mkdirSync } from 'node:fs';
import path from 'node:path';
import { fileURLToPath } from 'node:url';
import { seededRandom, type Random } from '../src/core/example/random';
import { columnLetters } from '../src/core/grid';

export type Raw = string | number | boolean | Date | null;
export interface Cell {
  value: Raw;
  fill?: string;
  formula?: string;
  bold?: boolean;
}
export type CellInput = Raw | Cell;

export interface SheetDef {
  name: string;
  rows: CellInput[][];
  /** A1 ranges. */
  merges?: string[];
  /** 1-based, as Excel shows them. */
  hiddenRows?: number[];
  hiddenColumns?: number[];
  hidden?: boolean;
  widths?: number[];
}

export interface WorkbookDef {
  file: string;
  sheets: SheetDef[];
}

/** A pupil as a fixture writes it, with the values written in each competency column. */
export interface FixturePupil {
  lastName: string;
  firstName: string;
  className: string;
  ine?: string;
  values: Raw[];
}

// ---------------------------------------------------------------------------------------------
// Deterministic draws and fictional names


const LAST_NAMES = [
  'Arnaud', 'Barbier', 'Benali', 'Bertin', 'Blanchet', 'Bouvier', 'Brunel', 'Camara', 'Carlier', 'Chauvet', 'Colas', 'Da Costa', 'Delmas',
  'Diallo', 'Dubreuil', 'Ferrand', 'Fleury', 'Gasnier', 'Giraud', 'Guillon', 'Hamel', 'Haddad', 'Jacob', 'Kerdoncuff', 'Lacombe', 'Langlois',
  'Le Bihan', 'Lemarchand', 'Lévêque', 'Maillot', 'Marchetti', 'Mendy', 'Meunier', 'Millet', 'Monnier', 'Naudin', 'Nguyen', 'Ollivier',
  'Pages', 'Pelletier', 'Perret', 'Poulain', 'Prigent', 'Raynaud', 'Rebours', 'Riou', 'Rolland', 'Sabatier', 'Salaün', 'Sylla', 'Tessier',
  'Thibault', 'Traoré', 'Vallet', 'Vasseur', 'Verdier', 'Vidal', 'Yildiz', 'Zeroual', 'Aubin', 'Bellamy', 'Cordier', 'Duhamel', 'Étienne',
  'Fabre', 'Gomes', 'Hoarau', 'Imbert', 'Jourdan', 'Keita', 'Labbé', 'Mallet', 'Nicolle', 'Oger', 'Pichon', 'Quéré', 'Renaud', 'Sanchez',
];

const FIRST_NAMES = [
  'Adam', 'Aïcha', 'Alexis', 'Amandine', 'Anis', 'Axel', 'Bilal', 'Camille', 'Célia', 'Chloé', 'Dylan', 'Elif', 'Emma', 'Enzo', 'Eva',
  'Fatou', 'Gabin', 'Hugo', 'Inès', 'Jade', 'Jean-Baptiste', 'Kenza', 'Kylian', 'Léa', 'Lena', 'Lina', 'Louis', 'Lucas', 'Maël', 'Manon',
  'Marie-Lou', 'Mathis', 'Maya', 'Mohamed', 'Nathan', 'Noah', 'Nour', 'Océane', 'Paul', 'Rayan', 'Romane', 'Sacha', 'Sarah', 'Théo',
  'Tom', 'Wassim', 'Yanis', 'Yasmine', 'Zoé', 'Ilyes',
];

/** Distinct fictional pupils for a list of classes. */
export function makeNames(seed: number, classes: [string, number][]): { lastName: string; firstName: string; className: string }[] {
  const draw = seededRandom(seed);
  const used = new Set<string>();
  const pupils: { lastName: string; firstName: string; className: string }[] = [];
  for (const [className, size] of classes) {
    for (let i = 0; i < size; i++) {
      let lastName: string;
      let firstName: string;
      do {
        lastName = draw.pick(LAST_NAMES);
        firstName = draw.pick(FIRST_NAMES);
      } while (used.has(`${lastName}|${firstName}`));
      used.add(`${lastName}|${firstName}`);
      pupils.push({ lastName, firstName, className });
    }
  }
  return pupils;
}

/** A fictional INE: 9 digits and 2 letters (the form given since 2018). */
export function fakeIne(n: number): string {
  return `${String(100_000_000 + n * 7919).slice(0, 9)}${'ABCDEFGHJK'[n % 10]}${'LMNPRSTUVW'[Math.floor(n / 10) % 10]}`;
}

const byLevel = (draw: Random, ease: number, spellings: Record<1 | 2 | 3, readonly Raw[]>, absent: readonly Raw[]): Raw => {
  const roll = draw.next();
  if (roll < 0.04) return draw.pick(absent);
  if (roll < 0.06) return null;
  const score = ease + (draw.next() - 0.5) * 0.6;
  return draw.pick(spellings[score > 0.62 ? 3 : score > 0.38 ? 2 : 1]);
};

// ---------------------------------------------------------------------------------------------
// 1. One sheet per class: title and legend rows, disciplines merged above competencies, blank and
//    summary rows, a hidden (discarded) column, a hidden pupil row, Absences and Observations.

export const CLASS_SHEET_COMPETENCIES: { discipline: string; items: string[] }[] = [
  { discipline: 'Français', items: ['Comprendre un texte', "S'exprimer à l'écrit", "S'exprimer à l'oral", 'Orthographe'] },
  { discipline: 'Mathématiques', items: ['Calcul numérique', 'Proportionnalité', 'Géométrie', 'Résoudre un problème'] },
  { discipline: 'Méthodologie', items: ['Comprendre une consigne', 'Organiser son travail'] },
];

const ABC_SPELLINGS = {
  3: ['A', 'A', 'A', 'a', 'Acquis', 'A ', 'acquis'],
  2: ['ECA', 'ECA', 'EC', 'en cours', "En cours d'acquisition", 'PA', 'eca'],
  1: ['NA', 'NA', 'N.A.', 'non acquis', 'na', 'Non acquis'],
} as const;
const ABSENT = ['abs', 'Abs.', 'absent', 'disp.', 'NE'] as const;

export interface ClassSheetFacts {
  pupils: FixturePupil[];
  /** 1-based sheet row of each pupil. */
  rows: number[];
}

export const HIDDEN_COMPETENCY = 'Lire un graphique';

function classSheet(className: string, names: { lastName: string; firstName: string }[], seed: number, options: { hiddenRow?: number; blankAfter?: number; hiddenColumn?: boolean }): { sheet: SheetDef; facts: ClassSheetFacts } {
  const draw = seededRandom(seed);
  const labels = CLASS_SHEET_COMPETENCIES.flatMap((d) => d.items);
  const hiddenAt = 2 + CLASS_SHEET_COMPETENCIES[0].items.length + CLASS_SHEET_COMPETENCIES[1].items.length; // after maths
  const header: CellInput[] = ['Nom', 'Prénom', ...labels];
  const disciplines: CellInput[] = [null, null];
  const merges: string[] = [];
  let col = 3;
  for (const { discipline, items } of CLASS_SHEET_COMPETENCIES) {
    const width = items.length + (options.hiddenColumn && discipline === 'Mathématiques' ? 1 : 0);
    merges.push(`${letters(col)}4:${letters(col + width - 1)}4`);
    disciplines.push(discipline, ...Array(width - 1).fill(null));
    col += width;
  }
  if (options.hiddenColumn) header.splice(hiddenAt, 0, HIDDEN_COMPETENCY);
  header.push('Absences', 'Observations');
  const width = header.length;
  merges.push(`A1:${letters(width)}1`);
  const rows: CellInput[][] = [
    [{ value: `Positionnement de rentrée — ${className} — septembre 2025`, bold: true }],
    ["Légende : A = acquis ; ECA = en cours d'acquisition ; NA = non acquis ; abs = absent"],
    [],
    disciplines,
    header.map((h): CellInput => ({ value: h as Raw, bold: true })),
  ];
  const facts: ClassSheetFacts = { pupils: [], rows: [] };
  names.forEach((name, i) => {
    const ease = 0.25 + draw.next() * 0.6;
    const values: Raw[] = labels.map(() => byLevel(draw, ease, ABC_SPELLINGS, ABSENT));
    const line: CellInput[] = [name.lastName.toUpperCase(), name.firstName, ...values];
    if (options.hiddenColumn) line.splice(hiddenAt, 0, draw.pick(ABC_SPELLINGS[1]));
    line.push(draw.int(0, 14), draw.next() < 0.15 ? draw.pick(['Bon investissement', 'Bavardages', 'À encourager', 'Arrivé en octobre']) : null);
    facts.pupils.push({ ...name, className, values });
    facts.rows.push(rows.length + 1);
    rows.push(line);
    if (options.blankAfter === i) rows.push([]);
  });
  rows.push([]);
  // Summary rows as teams write them: counts by formulas, not pupils.
  for (const [label, wanted] of [['Nombre de A', 3], ['Nombre de NA', 1]] as const) {
    const line: CellInput[] = [label, null];
    const first = facts.rows[0];
    const last = facts.rows[facts.rows.length - 1];
    for (let c = 3; c <= width - 2; c++) {
      const values = facts.rows.map((row) => (rows[row - 1] as CellInput[])[c - 1]);
      const count = values.filter((v) => typeof v === 'string' && (ABC_SPELLINGS[wanted] as readonly string[]).includes(v)).length;
      line.push({ value: count, formula: `COUNTIF(${letters(c)}${first}:${letters(c)}${last},"${wanted === 3 ? 'A' : 'NA'}")` });
    }
    rows.push(line);
  }
  const sheet: SheetDef = { name: className, rows, merges, widths: [16, 14, ...Array(width - 4).fill(12), 10, 24] };
  if (options.hiddenColumn) sheet.hiddenColumns = [hiddenAt + 1];
  if (options.hiddenRow !== undefined) sheet.hiddenRows = [facts.rows[options.hiddenRow]];
  return { sheet, facts };
}

export const SYMBOL_SPELLINGS = { 3: ['+', '++', '+'], 2: ['-'], 1: ['--', '- -'] } as const;
export const AGORA_LABELS = ['Français - Comprendre un texte', "Français - S'exprimer à l'écrit", 'Maths : Calcul numérique', 'Maths : Proportionnalité', "Méthodo - Organiser son travail"];

function agoraSheet(names: { lastName: string; firstName: string }[], seed: number): { sheet: SheetDef; facts: ClassSheetFacts } {
  const draw = seededRandom(seed);
  const rows: CellInput[][] = [[{ value: 'Positionnement 1AGORA (symboles)', bold: true }], ['++ très bonne maîtrise, + satisfaisante, - fragile, -- insuffisante'], ['Élève', ...AGORA_LABELS, 'Remarques']];
  const facts: ClassSheetFacts = { pupils: [], rows: [] };
  for (const name of names) {
    const ease = 0.2 + draw.next() * 0.7;
    const values = AGORA_LABELS.map(() => byLevel(draw, ease, SYMBOL_SPELLINGS, ['abs']));
    facts.pupils.push({ ...name, className: '1AGORA', values });
    facts.rows.push(rows.length + 1);
    rows.push([`${name.lastName.toUpperCase()} ${name.firstName}`, ...values, null]);
  }
  return { sheet: { name: '1AGORA', rows, widths: [26, 18, 18, 18, 18, 18, 20] }, facts };
}

export function parClasse(): { workbook: WorkbookDef; classes: Record<string, ClassSheetFacts> } {
  const names = makeNames(101, [['2MRC', 24], ['2MELEC', 22], ['1AGORA', 20]]);
  const of = (c: string) => names.filter((n) => n.className === c);
  const mrc = classSheet('2MRC', of('2MRC'), 11, { blankAfter: 11, hiddenColumn: true });
  // The unknown value the issue quotes: 2MRC!F14 (4th French competency of the 9th pupil).
  mrc.facts.pupils[8].values[3] = 'AQ';
  (mrc.sheet.rows[13] as CellInput[])[5] = 'AQ';
  const melec = classSheet('2MELEC', of('2MELEC'), 12, { hiddenRow: 5 });
  // A pupil who arrived late: listed, nothing assessed yet.
  melec.facts.pupils[21].values = melec.facts.pupils[21].values.map(() => null);
  (melec.sheet.rows[melec.facts.rows[21] - 1] as CellInput[]).splice(2, CLASS_SHEET_COMPETENCIES.flatMap((d) => d.items).length, ...melec.facts.pupils[21].values);
  const agora = agoraSheet(of('1AGORA'), 13);
  const parameters: SheetDef = { name: 'AP Paramètres', rows: [['Pilote AP · Paramètres'], [], ['Général'], ['Paramètre', 'Valeur'], ['Cycle à générer', 1]] };
  const budget: SheetDef = { name: 'Budget', rows: [['Poste', 'Montant', 'Date'], ['Photocopies', 120, new Date(Date.UTC(2025, 8, 15))], ['Sortie', 340, new Date(Date.UTC(2025, 9, 2))], ['Total', { value: 460, formula: 'SUM(B2:B3)' }]] };
  return {
    workbook: { file: 'par-classe.xlsx', sheets: [mrc.sheet, melec.sheet, agora.sheet, parameters, budget] },
    classes: { '2MRC': mrc.facts, '2MELEC': melec.facts, '1AGORA': agora.facts },
  };
}

// ---------------------------------------------------------------------------------------------
// 2. One sheet per discipline, each listing the pupils of two classes in its own order and scale.

export const DISCIPLINE_SHEETS = [
  { sheet: 'Français', items: ['Lire et comprendre', 'Écrire', 'Étude de la langue'], scale: 'words' },
  { sheet: 'Maths', items: ['Automatismes', 'Proportionnalité', 'Statistiques'], scale: 'numbers' },
  { sheet: 'Anglais', items: ['Compréhension orale', 'Expression orale'], scale: 'abc' },
] as const;

const LSU_WORDS = { 1: ['Maîtrise insuffisante', 'maîtrise insuffisante'], 2: ['Maîtrise fragile', 'fragile'], 3: ['Maîtrise satisfaisante', 'Maîtrise satisfaisante '], 4: ['Très bonne maîtrise', 'TBM'] } as const;

export interface DisciplineFacts {
  pupils: { lastName: string; firstName: string; className: string }[];
  /** Per sheet, the rows as written: pupil index (in `pupils`), spelled names, values. */
  sheets: Record<string, { pupil: number; lastName: string; firstName: string; values: Raw[]; row: number }[]>;
  homonyms: [number, number];
  missingFromAnglais: number;
  twiceInMaths: number;
  respelled: number;
}

export function parDiscipline(): { workbook: WorkbookDef; facts: DisciplineFacts } {
  const pupils = makeNames(202, [['2MRC', 20], ['2MELEC', 19]]);
  // Homonyms: another « MARTIN Léa » in each class, two different pupils.
  pupils.push({ lastName: 'Martin', firstName: 'Léa', className: '2MRC' }, { lastName: 'Martin', firstName: 'Léa', className: '2MELEC' });
  // Spelled « LEFÈVRE Jean-Baptiste » here and « Lefevre Jean Baptiste » there: one pupil.
  pupils.push({ lastName: 'Lefèvre', firstName: 'Jean-Baptiste', className: '2MELEC' });
  const respelled = pupils.length - 1;
  const facts: DisciplineFacts = { pupils, sheets: {}, homonyms: [pupils.length - 3, pupils.length - 2], missingFromAnglais: 4, twiceInMaths: 7, respelled };
  const draw = seededRandom(22);
  const ease = pupils.map(() => 0.2 + draw.next() * 0.7);
  const sheets: SheetDef[] = [];
  for (const [d, def] of DISCIPLINE_SHEETS.entries()) {
    const order = pupils.map((_, i) => i);
    if (d === 1) order.sort((a, b) => pupils[a].lastName.localeCompare(pupils[b].lastName, 'fr') || a - b);
    if (d === 2) order.reverse();
    const rows: CellInput[][] = [[{ value: `Positionnement ${def.sheet} — secondes`, bold: true }], [], ['Classe', 'Nom', 'Prénom', ...def.items, 'Moyenne']];
    const written: DisciplineFacts['sheets'][string] = [];
    const write = (i: number, values: Raw[]) => {
      const p = pupils[i];
      const lastName = i === respelled && d === 1 ? 'Lefevre' : p.lastName.toUpperCase();
      const firstName = i === respelled && d === 1 ? 'Jean Baptiste' : p.firstName;
      written.push({ pupil: i, lastName, firstName, values, row: rows.length + 1 });
      rows.push([p.className, lastName, firstName, ...values, null]);
    };
    for (const i of order) {
      if (d === 2 && i === facts.missingFromAnglais) continue;
      const values = def.items.map((): Raw => {
        const level = Math.max(1, Math.min(4, Math.round(1 + ease[i] * 3 + (draw.next() - 0.5) * 1.4))) as 1 | 2 | 3 | 4;
        if (draw.next() < 0.04) return 'abs';
        if (def.scale === 'numbers') return level;
        if (def.scale === 'words') return draw.pick(LSU_WORDS[level]);
        return ['NA', 'ECA', 'A', 'A'][level - 1];
      });
      write(i, values);
    }
    if (d === 1) {
      // The same pupil typed twice by the maths teacher, the second time with other results.
      const first = written.find((w) => w.pupil === facts.twiceInMaths);
      write(facts.twiceInMaths, (first?.values ?? []).map((v) => (v === 1 ? 4 : 1)));
    }
    const last = rows.length;
    rows.push([]);
    rows.push([null, 'Moyenne', null, ...def.items.map((_, k) => (def.scale === 'numbers' ? { value: 2.5, formula: `AVERAGE(${letters(4 + k)}4:${letters(4 + k)}${last})` } : null))]);
    sheets.push({ name: def.sheet, rows, widths: [10, 18, 16, 22, 22, 22, 10] });
    facts.sheets[def.sheet] = written;
  }
  return { workbook: { file: 'par-discipline.xlsx', sheets }, facts };
}

// ---------------------------------------------------------------------------------------------
// 3. One big sheet with Niveau and Classe columns; classes whose level the name does not tell.
//    Beside it, grades out of 20 and absences: not positionnement.

export const BIG_SHEET_ITEMS = ['Lire une consigne', 'Rédiger un écrit court', 'Calculer un pourcentage', 'Utiliser un tableur', "Communiquer à l'oral", 'Travailler en équipe'];
export const BIG_SHEET_CLASSES: [string, string | null, number][] = [['ASSP-A', 'Seconde', 12], ['ASSP-B', '2nde', 10], ['CAP1 EPC', 'CAP 1', 8], ['MCV-X', null, 6]];

export function grandeFeuille(): { workbook: WorkbookDef; pupils: FixturePupil[]; levels: Record<string, string | null>; rows: number[] } {
  const names = makeNames(303, BIG_SHEET_CLASSES.map(([c, , n]) => [c, n]));
  const draw = seededRandom(33);
  const rows: CellInput[][] = [[{ value: 'Lycée professionnel des Fictifs — positionnement de rentrée (tous niveaux)', bold: true }], ['N°', 'Niveau', 'Classe', 'Nom', 'Prénom', ...BIG_SHEET_ITEMS, 'Remarques']];
  const pupils: FixturePupil[] = [];
  const lines: number[] = [];
  const levels = Object.fromEntries(BIG_SHEET_CLASSES.map(([c, l]) => [c, l]));
  names.forEach((name, i) => {
    const ease = 0.2 + draw.next() * 0.7;
    const values = BIG_SHEET_ITEMS.map((): Raw => {
      if (draw.next() < 0.05) return 'abs';
      const level = Math.max(1, Math.min(4, Math.round(1 + ease * 3 + (draw.next() - 0.5))));
      // Some teams type the level as text: « 3 » is read as 3 all the same.
      return draw.next() < 0.3 ? String(level) : level;
    });
    pupils.push({ ...name, values });
    lines.push(rows.length + 1);
    rows.push([i + 1, levels[name.className], name.className, name.lastName.toUpperCase(), name.firstName, ...values, null]);
  });
  const grades: SheetDef = {
    name: 'Notes T1',
    rows: [['Nom', 'Prénom', 'Classe', 'Devoir 1 /20', 'Devoir 2 /20', 'Moyenne'], ...names.slice(0, 12).map((n, i) => [n.lastName.toUpperCase(), n.firstName, n.className, 8 + (i % 9), 11 + (i % 7), { value: (19 + (i % 9) + (i % 7)) / 2, formula: `AVERAGE(D${i + 2}:E${i + 2})` }])],
  };
  const absences: SheetDef = {
    name: 'Absences',
    rows: [['Suivi des absences — septembre'], ['Nom', 'Prénom', 'Classe', 'Absences (demi-journées)', 'Retards'], ...names.slice(0, 10).map((n, i) => [n.lastName.toUpperCase(), n.firstName, n.className, i % 4, (i * 3) % 5])],
  };
  return { workbook: { file: 'grande-feuille.xlsx', sheets: [{ name: 'Positionnement', rows, widths: [5, 9, 10, 16, 14, 14, 14, 14, 14, 14, 14, 18] }, grades, absences] }, pupils, levels, rows: lines };
}

// ---------------------------------------------------------------------------------------------
// 4. National test export (seconde pro): INE, date of birth, a score and a level per domain,
//    « Test incomplet »; a SIECLE class list; a diagnostic in percentages and scores.

export const NATIONAL_DOMAINS = [
  { discipline: 'Français', domain: "Compréhension de l'oral" },
  { discipline: 'Français', domain: "Compréhension de l'écrit" },
  { discipline: 'Français', domain: 'Fonctionnement de la langue' },
  { discipline: 'Mathématiques', domain: 'Organisation et gestion de données' },
  { discipline: 'Mathématiques', domain: 'Nombres et calcul' },
  { discipline: 'Mathématiques', domain: 'Géométrie' },
];
export const NATIONAL_LEVELS = ['Maîtrise insuffisante', 'Maîtrise fragile', 'Maîtrise satisfaisante', 'Très bonne maîtrise'];

export interface NationalFacts {
  pupils: (FixturePupil & { birth: Date; scores: (number | null)[] })[];
  rows: number[];
  /** Index of the pupil absent from the test (in the list only), of the one missing from the list, of the one whose class differs. */
  absentFromTest: number;
  notInList: number;
  otherClass: number;
  incomplete: [number, number];
}

export const DIAGNOSTIC_HEADERS = ['Fractions (/20)', 'Proportionnalité (%)', 'Calcul mental (sur 10)'];

export function testNational(): { workbook: WorkbookDef; facts: NationalFacts; diagnostic: { rows: (number | string | null)[][] } } {
  const names = makeNames(404, [['2MRC', 13], ['2MELEC', 12]]);
  const draw = seededRandom(44);
  const facts: NationalFacts = { pupils: [], rows: [], absentFromTest: 14, notInList: 10, otherClass: 15, incomplete: [6, 20] };
  const header: CellInput[] = ['INE', 'Nom', 'Prénom', 'Date de naissance', 'Division'];
  for (const { domain } of NATIONAL_DOMAINS) header.push(`${domain} - Score`, `${domain} - Niveau`);
  const rows: CellInput[][] = [[{ value: 'Tests de positionnement de début de seconde professionnelle — résultats par élève', bold: true }], ['Export de la plateforme nationale (fictif)'], header.map((h): CellInput => ({ value: h as Raw, bold: true }))];
  names.forEach((name, i) => {
    const birth = new Date(Date.UTC(2009, draw.int(0, 11), draw.int(1, 28)));
    const ine = fakeIne(i + 1);
    const ease = 0.15 + draw.next() * 0.8;
    const scores: (number | null)[] = [];
    const values: Raw[] = [];
    for (let d = 0; d < NATIONAL_DOMAINS.length; d++) {
      const incomplete = i === facts.incomplete[0] && d === 1 ? true : i === facts.incomplete[1] && d >= 3;
      if (incomplete) {
        scores.push(null);
        values.push('Test incomplet');
        continue;
      }
      const score = Math.max(0, Math.min(100, Math.round((ease + (draw.next() - 0.5) * 0.5) * 100)));
      scores.push(score);
      values.push(NATIONAL_LEVELS[score < 25 ? 0 : score < 50 ? 1 : score < 75 ? 2 : 3]);
    }
    facts.pupils.push({ ...name, ine, birth, scores, values });
    if (i === facts.absentFromTest) return;
    const className = i === facts.otherClass ? '2MRC' : name.className;
    const line: CellInput[] = [ine, name.lastName.toUpperCase(), name.firstName, birth, className];
    NATIONAL_DOMAINS.forEach((_, d) => line.push(scores[d], values[d]));
    facts.rows.push(rows.length + 1);
    rows.push(line);
  });
  const list: SheetDef = {
    name: 'Élèves',
    rows: [
      ['NOM_DE_FAMILLE', 'PRENOM', 'DATE_NAISS', 'ID_NATIONAL', 'DIVISION', 'SEXE'],
      ...facts.pupils.filter((_, i) => i !== facts.notInList).map((p, i) => [p.lastName.toUpperCase(), p.firstName, p.birth, p.ine as string, p.className, i % 2 ? 'F' : 'M']),
    ],
  };
  const diagnosticRows: (number | string | null)[][] = facts.pupils.slice(0, 13).map((p, i) => [p.lastName.toUpperCase(), p.firstName, p.className, (i * 7) % 21, `${(i * 13) % 101} %`, i === 4 ? 'abs' : (i * 3) % 11]);
  const diagnosticSheet: SheetDef = { name: 'Diagnostic maths', rows: [['Évaluation diagnostique de mathématiques'], ['Nom', 'Prénom', 'Classe', ...DIAGNOSTIC_HEADERS], ...diagnosticRows] };
  return {
    workbook: { file: 'test-national.xlsx', sheets: [{ name: 'Export tests', rows, widths: [14, 16, 14, 14, 10, ...Array(12).fill(16)] }, list, diagnosticSheet] },
    facts,
    diagnostic: { rows: diagnosticRows },
  };
}

// ---------------------------------------------------------------------------------------------
// 5. Colours alone: empty cells coloured red / orange or yellow / light green / dark green.

export const COLOUR_ITEMS = ['Lire', 'Écrire', 'Calculer', 'Raisonner', 'Communiquer'];
/** Shades teams pick for each level (every one must be read by hue and lightness). */
export const COLOUR_SHADES: Record<1 | 2 | 3 | 4, string[]> = {
  1: ['FF0000', 'FFC7CE', 'E06666'],
  2: ['FFC000', 'FFFF00', 'FFEB9C', 'F4B183'],
  3: ['92D050', 'C6EFCE', 'A9D08E'],
  4: ['00B050', '00803C', '38761D'],
};
export const THREE_COLOURS: Record<1 | 2 | 3, string> = { 1: 'FF0000', 2: 'FFC000', 3: '00B050' };

export function couleurs(): { workbook: WorkbookDef; four: FixturePupil[]; three: FixturePupil[]; rows: number[]; blueCell: string } {
  const names = makeNames(505, [['2MELEC', 20], ['1MELEC', 18]]);
  const draw = seededRandom(55);
  const four: FixturePupil[] = [];
  const three: FixturePupil[] = [];
  const sheets: SheetDef[] = [];
  const lines: number[] = [];
  for (const className of ['2MELEC', '1MELEC']) {
    const rows: CellInput[][] = [
      [{ value: `Positionnement ${className} (couleurs)`, bold: true }],
      [{ value: 'Légende :' }, { value: 'non acquis', fill: 'FF0000' }, { value: 'en cours', fill: 'FFC000' }, { value: 'acquis', fill: '92D050' }, { value: 'expert', fill: '00B050' }],
      [],
      ['Nom', 'Prénom', ...COLOUR_ITEMS],
    ];
    for (const name of names.filter((n) => n.className === className)) {
      const levels = COLOUR_ITEMS.map(() => (draw.next() < 0.1 ? null : className === '2MELEC' ? draw.int(1, 4) : draw.int(1, 3)));
      const cells: CellInput[] = levels.map((level) => {
        if (level === null) return null;
        const fill = className === '2MELEC' ? draw.pick(COLOUR_SHADES[level as 1 | 2 | 3 | 4]) : THREE_COLOURS[level as 1 | 2 | 3];
        return { value: null, fill };
      });
      (className === '2MELEC' ? four : three).push({ ...name, values: levels });
      if (className === '2MELEC') lines.push(rows.length + 1);
      rows.push([name.lastName.toUpperCase(), name.firstName, ...cells]);
    }
    sheets.push({ name: className, rows, widths: [16, 14, 10, 10, 10, 10, 10] });
  }
  // One cell painted blue: not a result colour, reported.
  const blueRow = sheets[0].rows[5] as CellInput[];
  four[1].values[2] = null;
  blueRow[4] = { value: null, fill: '4472C4' };
  return { workbook: { file: 'couleurs.xlsx', sheets }, four, three, rows: lines, blueCell: 'E6' };
}

// ---------------------------------------------------------------------------------------------
// 6. Positionnement + autopositionnement on the same items + interviews + a Pronote class list.

export const SELF_ITEMS = [
  { discipline: 'Français', label: 'Lire et comprendre' },
  { discipline: 'Français', label: 'Écrire' },
  { discipline: 'Mathématiques', label: 'Calculer' },
  { discipline: 'Mathématiques', label: 'Raisonner' },
];
export const PROFILES_WRITTEN = ["Contents d'être là", "content d'etre la", 'Pourquoi pas ?', 'pourquoi pas', 'Malgré eux', 'malgre-eux', '« Pourquoi pas » ?'];
export const PROJECTS_WRITTEN = ['BTS MCO', "Poursuite d'études", 'Insertion professionnelle', 'Emploi dans la vente', 'Passerelle vers un bac pro', 'Ne sait pas', 'Pas encore défini'];

export interface SelfFacts {
  pupils: { lastName: string; firstName: string; className: string }[];
  teacher: Raw[][];
  self: Raw[][];
  profiles: (string | null)[];
  projects: (string | null)[];
  /** Forgotten in the positionnement sheet, present in the class list. */
  forgotten: number;
  /** In the interviews only, not in any list (another school's pupil typed by mistake). */
  stranger: { lastName: string; firstName: string };
  unknownProfileRow: number;
}

export function autopositionnement(): { workbook: WorkbookDef; facts: SelfFacts } {
  const pupils = makeNames(606, [['2MRC', 22]]);
  const draw = seededRandom(66);
  const facts: SelfFacts = { pupils, teacher: [], self: [], profiles: [], projects: [], forgotten: 9, stranger: { lastName: 'Inconnu', firstName: 'Ruben' }, unknownProfileRow: 0 };
  const teacherRows: CellInput[][] = [[{ value: 'Positionnement 2MRC', bold: true }], [null, null, 'Français', null, 'Mathématiques', null], ['Nom', 'Prénom', ...SELF_ITEMS.map((i) => i.label)]];
  const selfRows: CellInput[][] = [['Autopositionnement des élèves — 2MRC'], ['1 = je ne sais pas faire … 4 = je sais très bien faire'], ['Nom', 'Prénom', ...SELF_ITEMS.map((i) => i.label)]];
  const interviewRows: CellInput[][] = [['Entretiens individuels de rentrée'], ['Nom', 'Prénom', 'Classe', "Date de l'entretien", 'Profil', 'Projet', 'Remarques']];
  pupils.forEach((p, i) => {
    const levels = SELF_ITEMS.map(() => draw.int(1, 4));
    const teacher: Raw[] = levels.map((l) => ['NA', 'ECA', 'A', 'A'][l - 1]);
    // Some pupils over-estimate themselves by two levels.
    const self: Raw[] = levels.map((l) => (i % 5 === 0 ? Math.min(4, l + 2) : l));
    facts.teacher.push(teacher);
    facts.self.push(self);
    if (i !== facts.forgotten) teacherRows.push([p.lastName.toUpperCase(), p.firstName, ...teacher]);
    selfRows.push([p.lastName.toUpperCase(), p.firstName, ...self]);
    const profile = i === 3 ? 'Motivé' : i % 4 === 1 ? null : PROFILES_WRITTEN[i % PROFILES_WRITTEN.length];
    if (i === 3) facts.unknownProfileRow = interviewRows.length + 1;
    const project = i % 6 === 5 ? null : PROJECTS_WRITTEN[i % PROJECTS_WRITTEN.length];
    facts.profiles.push(profile);
    facts.projects.push(project);
    interviewRows.push([p.lastName.toUpperCase(), p.firstName, '2MRC', new Date(Date.UTC(2025, 8, 10 + (i % 15))), profile, project, null]);
  });
  interviewRows.push([facts.stranger.lastName.toUpperCase(), facts.stranger.firstName, null, null, 'Malgré eux', 'Ne sait pas', null]);
  const list: SheetDef = {
    name: 'Liste Pronote',
    rows: [['Élèves de 2MRC (export Pronote)'], ['Nom', 'Prénom', 'Classe', 'Né(e) le', 'Sexe', 'Régime'], ...pupils.map((p, i) => [p.lastName.toUpperCase(), p.firstName, '2MRC', new Date(Date.UTC(2009, i % 12, 1 + i)), i % 2 ? 'F' : 'M', 'Demi-pensionnaire'])],
  };
  return {
    workbook: {
      file: 'autopositionnement-entretiens.xlsx',
      sheets: [
        { name: '2MRC', rows: teacherRows, merges: ['C2:D2', 'E2:F2'] },
        { name: 'Autopositionnement', rows: selfRows },
        { name: 'Entretiens', rows: interviewRows },
        list,
      ],
    },
    facts,
  };
}

// ---------------------------------------------------------------------------------------------
// 7. Two positionnements: sheets « 2MRC P1 » / « 2MRC P2 », and one sheet with both rounds side by side.

export const ROUND_ITEMS = ['Calculer', 'Rédiger', 'Argumenter'];

export interface RoundFacts {
  pupils: { lastName: string; firstName: string; className: string }[];
  p1: Raw[][];
  p2: Raw[][];
}

export function deuxPositionnements(): { workbook: WorkbookDef; facts: RoundFacts } {
  const pupils = makeNames(707, [['2MRC', 12], ['1MRC', 10]]);
  const draw = seededRandom(77);
  const facts: RoundFacts = { pupils, p1: [], p2: [] };
  const level = () => draw.pick(['A', 'ECA', 'NA'] as const);
  for (let i = 0; i < pupils.length; i++) {
    const p1 = ROUND_ITEMS.map(level);
    const p2: Raw[] = p1.map((v, k) => (k === 2 && i % 3 === 0 ? null : v === 'NA' ? 'ECA' : v === 'ECA' ? 'A' : v));
    facts.p1.push(p1);
    facts.p2.push(p2);
  }
  const header = ['Nom', 'Prénom', ...ROUND_ITEMS];
  const mrc = pupils.map((p, i) => ({ p, i })).filter(({ p }) => p.className === '2MRC');
  const sheetOf = (name: string, title: string, values: Raw[][]): SheetDef => ({
    name,
    rows: [[title], [], header, ...mrc.map(({ p, i }) => [p.lastName.toUpperCase(), p.firstName, ...values[i]])],
  });
  const first = pupils.map((p, i) => ({ p, i })).filter(({ p }) => p.className === '1MRC');
  const sideBySide: SheetDef = {
    name: '1MRC',
    rows: [
      ['Suivi 1MRC'],
      [null, null, 'Positionnement 1 (septembre)', null, null, 'Positionnement 2 (fin de cycle)', null, null],
      [...header, ...ROUND_ITEMS],
      ...first.map(({ p, i }) => [p.lastName.toUpperCase(), p.firstName, ...facts.p1[i], ...facts.p2[i]]),
    ],
    merges: ['C2:E2', 'F2:H2'],
  };
  return {
    workbook: {
      file: 'deux-positionnements.xlsx',
      sheets: [sheetOf('2MRC P1', 'Positionnement de septembre', facts.p1), sheetOf('2MRC P2', 'Positionnement fin de cycle 1', facts.p2), sideBySide],
    },
    facts,
  };
}

// ---------------------------------------------------------------------------------------------
// 8. Nothing readable: a budget, a timetable and grades out of 20.

export function illisible(): { workbook: WorkbookDef } {
  return {
    workbook: {
      file: 'illisible.xlsx',
      sheets: [
        { name: 'Budget AP', rows: [['Poste', 'Montant (€)'], ['Fournitures', 250], ['Sorties', 600], ['Total', { value: 850, formula: 'SUM(B2:B3)' }]] },
        { name: 'Emploi du temps', rows: [['Jour', 'Heure', 'Salle', 'Professeur'], ['Lundi', '10h', 'B12', 'M. Fictif'], ['Mardi', '14h', 'C03', 'Mme Exemple']] },
        { name: 'Notes', rows: [['Nom', 'Prénom', 'Devoir 1', 'Devoir 2'], ['DURAND', 'Paul', 12, 15.5], ['PETIT', 'Lina', 9, 11], ['ROBERT', 'Sami', 17, 14]] },
        { name: 'Vide', rows: [] },
      ],
    },
  };
}

// ---------------------------------------------------------------------------------------------
// 9. Files from the tools schools use: a Pronote grid, a SIECLE list, an EDT pre-term list, a national
// test export in the long shape. Each fact below says what a coordinator reads in the file.

/** Pronote's six levels and what each means on the 4-level scale (null: not assessed). */
export const PRONOTE_LEVELS: [string, number | null][] = [
  ['Très bonne maîtrise', 4], ['Maîtrise satisfaisante', 3], ['Presque maîtrisé', 2], ['Maîtrise fragile', 2], ['Début de maîtrise', 1],
  ['Maîtrise insuffisante', 1], ['Absent', null], ['Dispensé', null], ['Non rendu', null], ['Non évalué', null],
];
export const PRONOTE_ITEMS: [string, string][] = [
  ['Français', 'Lire et comprendre un texte'], ['Français', 'Écrire un texte argumenté'], ['Mathématiques', 'Calculer avec des fractions'],
  ['Mathématiques', 'Résoudre un problème'], ['Mathématiques', 'Lire un graphique'], ['Anglais', "Comprendre l'oral"],
];

export function pronote(): { workbook: WorkbookDef; pupils: { lastName: string; firstName: string; values: string[] }[]; firstRow: number } {
  const names = makeNames(909, [['2MRC', 18]]);
  const draw = seededRandom(99);
  const pupils = names.map((n) => ({ lastName: n.lastName, firstName: n.firstName, values: PRONOTE_ITEMS.map(() => draw.pick(PRONOTE_LEVELS)[0]) }));
  const disciplines: CellInput[] = ['Élève'];
  const items: CellInput[] = [null];
  const merges = ['A4:A5'];
  PRONOTE_ITEMS.forEach(([discipline, item], k) => {
    const first = k === 0 || PRONOTE_ITEMS[k - 1][0] !== discipline;
    disciplines.push(first ? { value: discipline, bold: true } : null);
    items.push(item);
    const span = PRONOTE_ITEMS.filter(([d]) => d === discipline).length;
    if (first && span > 1) merges.push(`${letters(k + 2)}4:${letters(k + 1 + span)}4`);
  });
  const firstRow = 6;
  return {
    workbook: {
      file: 'pronote.xlsx',
      sheets: [
        {
          name: 'Compétences',
          rows: [
            [{ value: 'PRONOTE - Relevé des compétences par élève', bold: true }],
            ['Classe : 2MRC'],
            ['Période : Trimestre 1 · Édité le 15/11/2025'],
            disciplines,
            items,
            ...pupils.map((p) => [`${p.lastName.toUpperCase()} ${p.firstName}`, ...p.values]),
          ],
          merges,
          widths: [26, ...PRONOTE_ITEMS.map(() => 22)],
        },
      ],
    },
    pupils,
    firstRow,
  };
}

export interface RollPupil {
  lastName: string;
  firstName: string;
  className: string;
  ine: string;
  /** « Date de sortie », dd/mm/yyyy, or null. */
  left: string | null;
}

/** A SIECLE list (as the « files » reader hands it over) and one positionnement sheet typed without INE. */
export function listeSiecle(): { workbook: WorkbookDef; roll: RollPupil[]; assessed: { index: number; values: string[] }[]; movedIndex: number; items: string[] } {
  const names = makeNames(808, [['2MRC', 12], ['2MELEC', 12]]);
  const leftDates: Record<number, string> = { 3: '15/01/2026', 17: '02/02/2026', 8: '30/06/2026' };
  const roll = names.map((n, i) => ({ ...n, ine: fakeIne(500 + i), left: leftDates[i] ?? null }));
  const items = ['Calculer', 'Rédiger', 'Argumenter'];
  const draw = seededRandom(88);
  // Pupil 14 was in 2MRC at the positionnement and is in 2MELEC on the list: same pupil.
  const movedIndex = 14;
  const assessed = roll.map((p, index) => ({ p, index })).filter(({ p, index }) => p.className === '2MRC' || index === movedIndex).map(({ index }) => ({ index, values: items.map(() => draw.pick(['A', 'ECA', 'NA'])) }));
  return {
    workbook: {
      file: 'liste-siecle.xlsx',
      sheets: [
        {
          name: 'Liste SIECLE',
          rows: [['Nom', 'Prénom', 'INE', 'Classe', 'MEF', 'Date de sortie'], ...roll.map((p) => [p.lastName.toUpperCase(), p.firstName, p.ine, p.className, '24021010310', p.left])],
        },
        {
          name: 'Positionnement 2MRC',
          rows: [['Positionnement de rentrée'], [], ['Nom', 'Prénom', ...items], ...assessed.map(({ index, values }) => [roll[index].lastName.toUpperCase(), roll[index].firstName, ...values])],
        },
      ],
    },
    roll,
    assessed,
    movedIndex,
    items,
  };
}

export interface EdtPupil {
  lastName: string;
  firstName: string;
  birth: string;
  className: string;
  together: string | null;
  apart: string | null;
}

export function edtPrevisionnel(): { workbook: WorkbookDef; pupils: EdtPupil[] } {
  const names = makeNames(7071, [['2MRC', 8], ['2MELEC', 8]]);
  const draw = seededRandom(71);
  const shown = (i: number) => `${names[i].lastName.toUpperCase()} ${names[i].firstName}`;
  const pupils: EdtPupil[] = names.map((n, i) => ({
    ...n,
    birth: `${String(draw.int(1, 28)).padStart(2, '0')}/${String(draw.int(1, 12)).padStart(2, '0')}/2010`,
    together: i === 0 ? shown(1) : i === 9 ? `${shown(10)}, ${shown(11)}` : null,
    apart: i === 2 ? shown(3) : null,
  }));
  return {
    workbook: {
      file: 'edt-previsionnel.xlsx',
      sheets: [
        {
          name: 'Prévisionnel',
          rows: [
            ['Élève', null, null, 'Affectation', null, null],
            ['Nom', 'Prénom', 'Né(e) le', 'Classe prévisionnelle', 'Regroupé avec', 'Séparé de'],
            ...pupils.map((p) => [p.lastName.toUpperCase(), p.firstName, p.birth, p.className, p.together, p.apart]),
          ],
          merges: ['A1:C1', 'D1:F1'],
        },
      ],
    },
    pupils,
  };
}

export const LONG_DOMAINS: [string, string][] = [
  ['Français', "Compréhension de l'écrit"], ['Français', 'Compréhension de l’oral'], ['Français', 'Étude de la langue'],
  ['Mathématiques', 'Nombres et calcul'], ['Mathématiques', 'Géométrie'], ['Mathématiques', 'Organisation et gestion de données'],
];
export const LONG_LEVELS: [string, number | null][] = [
  ['Très bon niveau de maîtrise', 4], ['Maîtrise satisfaisante', 3], ['Maîtrise fragile', 2], ['Maîtrise insuffisante', 1], ['Test incomplet', null],
];

export function testNationalLong(): { workbook: WorkbookDef; pupils: { lastName: string; firstName: string; className: string; ine: string; levels: string[]; rows: number[] }[] } {
  const names = makeNames(606, [['2MRC', 10], ['2MELEC', 9]]);
  const draw = seededRandom(66);
  const rows: CellInput[][] = [
    ['INE', 'Nom', 'Prénom', 'Classe', 'Discipline', 'Domaine', 'Score', 'Niveau de maîtrise', 'Date de passation'].map((h): CellInput => ({ value: h, bold: true })),
  ];
  const pupils = names.map((n, i) => {
    const ine = fakeIne(900 + i);
    const levels: string[] = [];
    const at: number[] = [];
    for (const [discipline, domain] of LONG_DOMAINS) {
      const [level, meaning] = draw.pick(LONG_LEVELS);
      const score = meaning === null ? null : [12, 37, 62, 88][meaning - 1];
      levels.push(level);
      at.push(rows.length + 1);
      rows.push([ine, n.lastName.toUpperCase(), n.firstName, n.className, discipline, domain, score, level, '19/09/2025']);
    }
    return { ...n, ine, levels, rows: at };
  });
  return { workbook: { file: 'test-national-long.xlsx', sheets: [{ name: 'Résultats par domaine', rows }] }, pupils };
}

// ---------------------------------------------------------------------------------------------
// Writing

/** Column letters of a 1-based column number, as ExcelJS numbers columns. */
export function letters(col: number): string {
  return columnLetters(col - 1);
}

function isCell(input: CellInput): input is Cell {
  return typeof input === 'object' && input !== null && !(input instanceof Date);
}

export async function writeWorkbook(def: WorkbookDef, directory: string): Promise<void> {
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Pilote AP (jeu de test)';
  workbook.created = new Date(Date.UTC(2025, 8, 1));
  workbook.modified = new Date(Date.UTC(2025, 8, 1));
  for (const sheet of def.sheets) {
    const ws = workbook.addWorksheet(sheet.name, { state: sheet.hidden ? 'hidden' : 'visible' });
    sheet.rows.forEach((line, r) => {
      line.forEach((input, c) => {
        if (input === null || input === undefined) return;
        const cell = ws.getCell(r + 1, c + 1);
        if (!isCell(input)) {
          cell.value = input;
          return;
        }
        cell.value = input.formula ? { formula: input.formula, result: input.value as number } : input.value;
        if (input.fill) cell.fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: `FF${input.fill}` } };
        if (input.bold) cell.font = { bold: true };
      });
    });
    for (const range of sheet.merges ?? []) ws.mergeCells(range);
    for (const row of sheet.hiddenRows ?? []) ws.getRow(row).hidden = true;
    for (const col of sheet.hiddenColumns ?? []) ws.getColumn(col).hidden = true;
    sheet.widths?.forEach((width, c) => (ws.getColumn(c + 1).width = width));
  }
  await workbook.xlsx.writeFile(path.join(directory, def.file));
}

export const FIXTURES_DIR = path.join(path.dirname(fileURLToPath(import.meta.url)), '..', 'test', 'fixtures');

export function allWorkbooks(): WorkbookDef[] {
  return [parClasse().workbook, parDiscipline().workbook, grandeFeuille().workbook, testNational().workbook, couleurs().workbook, autopositionnement().workbook, deuxPositionnements().workbook, illisible().workbook,
    pronote().workbook, listeSiecle().workbook, edtPrevisionnel().workbook, testNationalLong().workbook];
}

async function main(): Promise<void> {
  mkdirSync(FIXTURES_DIR, { recursive: true });
  for (const def of allWorkbooks()) {
    await writeWorkbook(def, FIXTURES_DIR);
    console.log(`écrit : test/fixtures/${def.file}`);
  }
}

if (process.argv[1] && path.resolve(process.argv[1]) === fileURLToPath(import.meta.url)) await main();
