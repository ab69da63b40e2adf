/**
 * The bundled example workbook: a fictional lycée professionnel (Lycée professionnel des Tilleuls)
 * with three levels, eight classes of about 24 pupils, one positionnement sheet per class laid out as
 * teams do (title rows, a discipline row above competencies, A / ECA / NA in their usual spellings,
 * absences), an interview sheet, and an unrelated sheet the reader must leave alone.
 * Everything is fictional and generated from a fixed seed, so the example is the same everywhere.
 */
import type { CellValue, Grid, WorkbookSnapshot } from '../grid';
import { seededRandom, type Random } from './random';

const CLASSES = ['2MELEC', '2MRC', '2AGORA', '1MELEC', '1MRC', '1AGORA', 'TMELEC', 'TMRC'];

const COMPETENCIES: { discipline: string; items: string[] }[] = [
  { discipline: 'Français', items: ['Comprendre un texte', "S'exprimer à l'écrit", "S'exprimer à l'oral", 'Orthographe et grammaire'] },
  { discipline: 'Mathématiques', items: ['Calcul numérique', 'Proportionnalité', 'Géométrie', 'Résoudre un problème'] },
  { discipline: 'Anglais', items: ['Compréhension orale', 'Expression écrite'] },
  { discipline: 'Méthodologie', items: ['Comprendre une consigne', 'Organiser son travail', 'Prendre des notes'] },
];

const LAST_NAMES = [
  'Martin', 'Bernard', 'Petit', 'Durand', 'Leroy', 'Moreau', 'Simon', 'Laurent', 'Lefèvre', 'Michel',
  'Garcia', 'David', 'Bertrand', 'Roux', 'Vincent', 'Fournier', 'Morel', 'Girard', 'André', 'Mercier',
  'Dupont', 'Lambert', 'Bonnet', 'François', 'Martinez', 'Legrand', 'Garnier', 'Faure', 'Rousseau', 'Blanc',
  'Guérin', 'Muller', 'Henry', 'Roussel', 'Nicolas', 'Perrin', 'Morin', 'Mathieu', 'Clément', 'Gauthier',
  'Dumont', 'Lopez', 'Fontaine', 'Chevalier', 'Robin', 'Masson', 'Sanchez', 'Gérard', 'Nguyen', 'Boyer',
  'Denis', 'Lemaire', 'Duval', 'Joly', 'Gautier', 'Roger', 'Roche', 'Roy', 'Noël', 'Meyer',
  'Lucas', 'Meunier', 'Jean', 'Perez', 'Marchand', 'Dufour', 'Blanchard', 'Marie', 'Barbier', 'Brun',
  'Dumas', 'Brunet', 'Schmitt', 'Leroux', 'Colin', 'Fernandez', 'Pierre', 'Renard', 'Arnaud', 'Rolland',
  'Caron', 'Aubert', 'Giraud', 'Leclerc', 'Vidal', 'Bourgeois', 'Renaud', 'Lemoine', 'Picard', 'Gaillard',
  'Philippe', 'Leclercq', 'Lacroix', 'Fabre', 'Dupuis', 'Olivier', 'Rodriguez', 'Da Silva', 'Hubert', 'Louis',
  'Charles', 'Guillot', 'Rivière', 'Le Gall', 'Guillaume', 'Adam', 'Rey', 'Moulin', 'Gonzalez', 'Berger',
  'Lecomte', 'Ménard', 'Fleury', 'Deschamps', 'Carpentier', 'Julien', 'Benoît', 'Paris', 'Maillard', 'Marchal',
  'Aubry', 'Vasseur', 'Le Roux', 'Renault', 'Jacquet', 'Collet', 'Prévost', 'Poirier', 'Charpentier', 'Royer',
  'Huet', 'Baron', 'Dupuy', 'Pons', 'Paul', 'Laine', 'Carré', 'Breton', 'Rémy', 'Schneider',
  'Perrot', 'Guyot', 'Barré', 'Marty', 'Cousin', 'Bouvier', 'Diallo', 'Traoré', 'Ben Ali', 'Haddad',
  'Kone', 'Mendes', 'Pereira', 'Ferreira', 'Yilmaz', 'Kaya', 'Benali', 'Mansouri', 'Cissé', 'Camara',
  'Tessier', 'Hoarau', 'Payet', 'Grondin', 'Boucher', 'Lebrun', 'Weber', 'Klein', 'Hamon', 'Leblanc',
  'Bailly', 'Hervé', 'Gilbert', 'Riviere', 'Germain', 'Besson', 'Chauvin', 'Millet', 'Pasquier', 'Lebon',
  'Marechal', 'Gros', 'Bouchet', 'Tanguy', 'Lemaitre', 'Rault', 'Texier', 'Cordier', 'Gomez', 'Hebert',
];

const FIRST_NAMES = [
  'Lucas', 'Emma', 'Hugo', 'Jade', 'Louis', 'Louise', 'Nathan', 'Alice', 'Gabriel', 'Chloé',
  'Enzo', 'Léa', 'Mathis', 'Manon', 'Théo', 'Inès', 'Yanis', 'Sarah', 'Adam', 'Camille',
  'Rayan', 'Lina', 'Noah', 'Zoé', 'Tom', 'Lola', 'Ethan', 'Maëlys', 'Kylian', 'Anaïs',
  'Mohamed', 'Yasmine', 'Sacha', 'Clara', 'Nolan', 'Océane', 'Maxime', 'Julie', 'Axel', 'Eva',
  'Jean-Baptiste', 'Marie-Lou', 'Bilal', 'Aya', 'Killian', 'Lucie', 'Evan', 'Margaux', 'Dylan', 'Romane',
];

/** How each pupil's answers are spelled: teams type what they type. */
const SPELLINGS: Record<'A' | 'ECA' | 'NA', string[]> = {
  A: ['A', 'A', 'A', 'a', 'Acquis', 'A '],
  ECA: ['ECA', 'ECA', 'EC', 'eca', 'En cours', 'ECA '],
  NA: ['NA', 'NA', 'N.A.', 'na', 'Non acquis'],
};

interface ExamplePupil {
  lastName: string;
  firstName: string;
  className: string;
  /** Per discipline, how at ease the pupil is (0 struggles .. 1 at ease). */
  ease: number[];
  motivation: number;
}

function makePupils(random: Random, classes: string[], pupilsPerClass: [number, number]): ExamplePupil[] {
  const pupils: ExamplePupil[] = [];
  const used = new Set<string>();
  for (const className of classes) {
    const size = random.int(pupilsPerClass[0], pupilsPerClass[1]);
    const classEase = 0.45 + random.next() * 0.2;
    for (let i = 0; i < size; i++) {
      let lastName: string;
      let firstName: string;
      let attempts = 0;
      do {
        lastName = random.pick(LAST_NAMES);
        firstName = random.pick(FIRST_NAMES);
        // Large synthetic schools exhaust the name pairs: allow homonyms in other classes then.
      } while (used.has(`${lastName}|${firstName}`) && ++attempts < 50);
      used.add(`${lastName}|${firstName}`);
      const general = classEase + (random.next() - 0.5) * 0.7;
      const ease = COMPETENCIES.map(() => Math.min(1, Math.max(0, general + (random.next() - 0.5) * 0.6)));
      pupils.push({ lastName, firstName, className, ease, motivation: random.next() });
    }
  }
  return pupils;
}

function masteryCell(random: Random, ease: number): CellValue {
  const roll = random.next();
  if (roll < 0.03) return random.pick(['abs', 'Abs.', 'absent']);
  if (roll < 0.05) return null;
  const draw = ease + (random.next() - 0.5) * 0.5;
  const level = draw > 0.6 ? 'A' : draw > 0.35 ? 'ECA' : 'NA';
  return random.pick(SPELLINGS[level]);
}

function classSheet(random: Random, className: string, pupils: ExamplePupil[]): Grid {
  const title: CellValue[] = [`Positionnement de rentrée — ${className}`];
  const legend: CellValue[] = ['Légende : A = acquis, ECA = en cours d’acquisition, NA = non acquis, abs = absent'];
  const disciplines: CellValue[] = [null, null];
  const headers: CellValue[] = ['Nom', 'Prénom'];
  const merges: Grid['merges'] = [];
  for (const { discipline, items } of COMPETENCIES) {
    merges.push({ row: 3, col: disciplines.length, rowCount: 1, colCount: items.length });
    items.forEach((item, i) => {
      disciplines.push(i === 0 ? discipline : null);
      headers.push(item);
    });
  }
  headers.push('Observations');
  const rows = pupils.map((pupil) => {
    const line: CellValue[] = [pupil.lastName.toUpperCase(), pupil.firstName];
    COMPETENCIES.forEach(({ items }, d) => items.forEach(() => line.push(masteryCell(random, pupil.ease[d]))));
    line.push(pupil.motivation < 0.15 ? 'Décrochage à surveiller' : null);
    return line;
  });
  return {
    sheet: className,
    origin: { row: 0, col: 0 },
    values: [title, legend, [], disciplines, headers, ...rows],
    merges,
  };
}

const PROFILES = ["Contents d'être là", 'Pourquoi pas ?', 'Malgré eux'];

function interviewSheet(random: Random, pupils: ExamplePupil[]): Grid {
  const rows: CellValue[][] = [['Entretiens de rentrée'], ['Nom', 'Prénom', 'Classe', 'Profil', 'Projet']];
  for (const pupil of pupils) {
    const meanEase = pupil.ease.reduce((a, b) => a + b, 0) / pupil.ease.length;
    const profile = pupil.motivation < 0.2 && meanEase < 0.5 ? PROFILES[2] : meanEase > 0.55 && pupil.motivation > 0.4 ? PROFILES[0] : PROFILES[1];
    const project = meanEase > 0.6 && random.next() < 0.6 ? 'Poursuite en BTS' : random.pick(['Insertion professionnelle', 'Ne sait pas encore', 'Ne sait pas encore', 'Passerelle']);
    rows.push([pupil.lastName.toUpperCase(), pupil.firstName, pupil.className, profile, project]);
  }
  return { sheet: 'Entretiens', origin: { row: 0, col: 0 }, values: rows };
}

function budgetSheet(): Grid {
  return {
    sheet: 'Budget sorties',
    origin: { row: 0, col: 0 },
    values: [
      ['Sortie', 'Date', 'Coût (€)'],
      ['Visite entreprise', 46300, 180],
      ['Forum des métiers', 46350, 95],
      ['Total', null, 275],
    ],
    formulas: [[false, false, false], [false, false, false], [false, false, false], [false, false, true]],
  };
}

export interface SchoolOptions {
  classes: string[];
  /** Smallest and largest class size. */
  pupilsPerClass: [number, number];
  seed: number;
}

/** A generated school in the example's layout: used by the example, benchmarks and tests. */
export function buildSchoolWorkbook(options: SchoolOptions): WorkbookSnapshot {
  const random = seededRandom(options.seed);
  const pupils = makePupils(random, options.classes, options.pupilsPerClass);
  const byClass = new Map<string, ExamplePupil[]>();
  for (const pupil of pupils) byClass.set(pupil.className, [...(byClass.get(pupil.className) ?? []), pupil]);
  const grids: Grid[] = options.classes.map((className) => classSheet(random, className, byClass.get(className) ?? []));
  grids.push(interviewSheet(random, pupils));
  grids.push(budgetSheet());
  return { grids };
}

/** The example workbook as grids, the same at every call. */
export function buildExampleWorkbook(): WorkbookSnapshot {
  return buildSchoolWorkbook({ classes: CLASSES, pupilsPerClass: [22, 26], seed: 20260907 });
}

/** A synthetic school of about `pupils` pupils over three levels (benchmarks). */
export function buildLargeSchool(pupils: number, seed = 7): WorkbookSnapshot {
  const perClass = 24;
  const classCount = Math.max(3, Math.round(pupils / perClass));
  const tracks = ['MELEC', 'MRC', 'AGORA', 'ASSP', 'MSPC', 'TMA', 'CIEL', 'MCV', 'HPS', 'ACC'];
  const classes = Array.from({ length: classCount }, (_, i) => {
    const level = ['2', '1', 'T'][i % 3];
    const track = tracks[Math.floor(i / 3) % tracks.length];
    const group = Math.floor(i / (3 * tracks.length));
    return `${level}${track}${group ? ` ${group + 1}` : ''}`;
  });
  return buildSchoolWorkbook({ classes, pupilsPerClass: [perClass, perClass], seed });
}
