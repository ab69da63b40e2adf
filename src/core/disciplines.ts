/**
 * One vocabulary for disciplines: « Maths », « Math. », « Mathématique » and « Mathématiques » are the
 * same discipline wherever the coordinator writes them (positionnement, `AP Intervenants`,
 * `AP Ateliers`, `AP Historique`). Names outside the vocabulary still match themselves, accents,
 * case, punctuation and a plural « s » aside.
 */
import { normalizeText } from './text';

/**
 * What a competency is filed under when nothing in its header, sheet or title names a discipline: a
 * reading the coordinator must check (the reader warns), never a workshop, a need or a teacher.
 */
export const UNSPECIFIED_DISCIPLINE = 'Discipline non précisée';

export function isUnspecifiedDiscipline(name: string | undefined): boolean {
  return name === UNSPECIFIED_DISCIPLINE;
}

interface Entry {
  /** Label used in sentences and sheets. */
  label: string;
  /** Other spellings (compared through `spellingKey`). */
  spellings: string[];
}

const VOCABULARY: Entry[] = [
  { label: 'Mathématiques', spellings: ['mathematique', 'math', 'maths', 'mat', 'mathematique appliquee'] },
  { label: 'Français', spellings: ['francai', 'fr', 'fra', 'fran', 'lettre', 'francai langue'] },
  { label: 'Anglais', spellings: ['anglai', 'ang', 'lv1', 'lva', 'lv1 anglai', 'lva anglai', 'langue vivante 1', 'langue vivante a'] },
  { label: 'Espagnol', spellings: ['espagnol', 'esp', 'lv2', 'lvb', 'lv2 espagnol', 'langue vivante 2', 'langue vivante b'] },
  { label: 'Histoire-géographie', spellings: ['histoire geographie', 'histoire geo', 'hist geo', 'hg', 'histoire geographie emc', 'hg emc'] },
  { label: 'Physique-chimie', spellings: ['physique chimie', 'sciences physique', 'science physique', 'pc', 'physique', 'science', 'sciences physique et chimique'] },
  { label: 'PSE', spellings: ['pse', 'prevention sante environnement', 'prevention sante et environnement'] },
  { label: 'Éco-gestion', spellings: ['eco gestion', 'economie gestion', 'eco gest', 'eg', 'economie et gestion'] },
  { label: 'Éco-droit', spellings: ['eco droit', 'economie droit', 'economie et droit'] },
  { label: 'Arts appliqués', spellings: ['arts applique', 'art applique', 'arts app', 'aa', 'arts applique et culture artistique', 'arts applique et cultures artistique'] },
  { label: 'EPS', spellings: ['ep', 'education physique et sportive', 'education physique'] },
  {
    label: 'Enseignement professionnel',
    spellings: ['enseignement professionnel', 'enseignement pro', 'ens pro', 'enseignements professionnel', 'domaine professionnel', 'pro', 'professionnel'],
  },
];

/** Teachers' bivalent disciplines: one person, two disciplines. */
const COMPOUNDS: [string[], string[]][] = [
  [['Maths-sciences', 'Mathématiques-sciences', 'Maths-physique-chimie', 'Mathématiques-physique-chimie'], ['Mathématiques', 'Physique-chimie']],
  [['Lettres-histoire', 'Lettres-histoire-géographie'], ['Français', 'Histoire-géographie']],
  [['Lettres-anglais'], ['Français', 'Anglais']],
  [['Lettres-espagnol'], ['Français', 'Espagnol']],
];

/**
 * Normalised, with a final « s » dropped from each word: « Mathématiques » -> « mathematique »;
 * a dotted acronym is joined: « P.S.E. » -> « pse ».
 */
function spellingKey(name: string): string {
  const words = normalizeText(name).replace(/[()/,;:&+]/g, ' ').split(' ').filter(Boolean);
  if (words.length > 1 && words.every((word) => word.length === 1)) return words.join('');
  return words.map((word) => (word.length > 2 && word.endsWith('s') ? word.slice(0, -1) : word)).join(' ');
}

const BY_SPELLING = new Map<string, Entry>();
const COMPOUND_BY_SPELLING = new Map<string, string[]>();
for (const [spellings, disciplines] of COMPOUNDS) for (const spelling of spellings) COMPOUND_BY_SPELLING.set(spellingKey(spelling), disciplines);
for (const entry of VOCABULARY) {
  BY_SPELLING.set(spellingKey(entry.label), entry);
  for (const spelling of entry.spellings) BY_SPELLING.set(spellingKey(spelling), entry);
}

/** Names already looked up: the engine compares the same few names many times. */
const LOOKED_UP = new Map<string, { entry: Entry | undefined; key: string }>();

function lookUp(name: string): { entry: Entry | undefined; key: string } {
  let found = LOOKED_UP.get(name);
  if (!found) {
    const spelling = spellingKey(name);
    const entry = BY_SPELLING.get(spelling);
    found = { entry, key: entry ? spellingKey(entry.label) : spelling };
    if (LOOKED_UP.size < 10_000) LOOKED_UP.set(name, found);
  }
  return found;
}

/** The vocabulary entry a name stands for, if any. */
function entryOf(name: string): Entry | undefined {
  return lookUp(name).entry;
}

/** Key under which two spellings of one discipline compare equal. */
export function disciplineKey(name: string): string {
  return lookUp(name).key;
}

/** « Maths » -> « Mathématiques »; a name outside the vocabulary is returned trimmed. */
export function canonicalDiscipline(name: string): string {
  return entryOf(name)?.label ?? name.trim();
}

/** Is this name in the vocabulary (directly or as a bivalent discipline)? */
export function isKnownDiscipline(name: string): boolean {
  return !!entryOf(name) || COMPOUND_BY_SPELLING.has(spellingKey(name));
}

/** Keys of the disciplines a teacher's discipline covers: « Maths-sciences » covers two. */
export function coveredDisciplineKeys(name: string): string[] {
  const compound = COMPOUND_BY_SPELLING.get(spellingKey(name));
  return compound ? compound.map(disciplineKey) : [disciplineKey(name)];
}

export function sameDiscipline(a: string | undefined, b: string | undefined): boolean {
  if (!a || !b) return false;
  return disciplineKey(a) === disciplineKey(b);
}

/** Does a teacher with these disciplines teach `discipline`? */
export function teaches(teacherDisciplines: readonly string[], discipline: string): boolean {
  const key = disciplineKey(discipline);
  return teacherDisciplines.some((d) => coveredDisciplineKeys(d).includes(key));
}
