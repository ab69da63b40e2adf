/**
 * A coordinator's own positionnement workbook, written with ExcelJS for the standalone app's tests:
 * not the bundled example. One sheet per class with the header on a later row, a 1-4 scale, a merged
 * title, one unreadable result, plus a sheet of the coordinator's own (a formula, a fill, a comment column) that the app must
 * leave exactly as it was. Names and results come from a seed, so every run writes the same file.
 */
import ExcelJS from 'exceljs';
import { seededRandom } from '../../src/core/example/random';

const LAST_NAMES = ['Aubry', 'Baptiste', 'Cissé', 'Dumont', 'Esnault', 'Fontaine', 'Gauthier', 'Hervé', 'Idrissi', 'Joly', 'Khelifi', 'Lemoine', 'Marchal', 'Noël', 'Ozturk', 'Picard', 'Rousset', 'Sow', 'Tanguy', 'Vernet'];
const FIRST_NAMES = ['Agathe', 'Bastien', 'Clémence', 'Dorian', 'Elsa', 'Farid', 'Gaëlle', 'Hamza', 'Iris', 'Jules', 'Khadija', 'Loïc', 'Mélissa', 'Nolan', 'Ophélie', 'Quentin'];
// Each item names its discipline, as schools write it; an item without one would be « Discipline non précisée ».
const COMPETENCIES = ['Français : Lire une consigne', 'Français : Rédiger un paragraphe', 'Maths : Calculer un pourcentage', 'Maths : Lire un tableau', 'Maths : Mener un raisonnement', 'Anglais : Se présenter à l’oral'];

export interface SchoolFile {
  bytes: Uint8Array;
  /** Sheet names in tab order. */
  sheets: string[];
  pupils: { lastName: string; firstName: string; className: string }[];
  /** A result nobody can read (« AQ » on a 1-4 scale): the reader must point at it. */
  unreadable: { sheet: string; cell: string };
  /** The coordinator's own sheet, its formula cell and its value. */
  ownSheet: { name: string; formulaCell: string; formula: string };
}

export async function buildSchoolFile(seed = 11, classes: string[] = ['2 GATL A', '2 GATL B', '1 GATL', 'T GATL']): Promise<SchoolFile> {
  const draw = seededRandom(seed);
  const workbook = new ExcelJS.Workbook();
  workbook.creator = 'Lycée des tests';
  const used = new Set<string>();
  const pupils: SchoolFile['pupils'] = [];
  for (const className of classes) {
    const sheet = workbook.addWorksheet(className.replace(/\s+/g, ''));
    sheet.getCell('A1').value = `Positionnement ${className} (échelle 1 à 4 : 1 = non maîtrisé … 4 = très bonne maîtrise)`;
    sheet.mergeCells('A1:H1');
    sheet.getRow(3).values = ['N°', 'NOM', 'Prénom', ...COMPETENCIES];
    sheet.getRow(3).font = { bold: true };
    const size = 10 + draw.int(0, 4);
    for (let i = 0; i < size; i++) {
      let lastName: string;
      let firstName: string;
      do {
        lastName = draw.pick(LAST_NAMES);
        firstName = draw.pick(FIRST_NAMES);
      } while (used.has(`${lastName}|${firstName}`));
      used.add(`${lastName}|${firstName}`);
      pupils.push({ lastName, firstName, className });
      const ease = draw.next();
      const results = COMPETENCIES.map(() => Math.max(1, Math.min(4, Math.round(1 + ease * 3 + (draw.next() - 0.5) * 1.5))));
      sheet.getRow(4 + i).values = [i + 1, lastName.toUpperCase(), firstName, ...results];
    }
  }
  const unreadable = { sheet: workbook.worksheets[0].name, cell: 'D5' };
  workbook.worksheets[0].getCell(unreadable.cell).value = 'AQ';
  const own = workbook.addWorksheet('Suivi perso');
  own.getCell('A1').value = 'Réunions';
  own.getCell('A1').fill = { type: 'pattern', pattern: 'solid', fgColor: { argb: 'FFFFE699' } };
  own.getCell('A2').value = 3;
  own.getCell('A3').value = 4;
  own.getCell('A4').value = { formula: 'SUM(A2:A3)', result: 7 };
  own.getCell('B1').value = 'Ne pas toucher : notes de la coordination';
  const bytes = new Uint8Array(await workbook.xlsx.writeBuffer());
  return {
    bytes,
    sheets: workbook.worksheets.map((s) => s.name),
    pupils,
    unreadable,
    ownSheet: { name: 'Suivi perso', formulaCell: 'A4', formula: 'SUM(A2:A3)' },
  };
}
