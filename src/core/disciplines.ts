/**
 * One vocabulary for disciplines: « Maths », « Math. », « Mathématique » and « Mathématiques » are the
 * same discipline wherever the coordinator writes them (positionnement, `AP Intervenants`,
 * `AP Ateliers`, `AP Historique`). Names outside the vocabulary still match themselves, accents,
 * case, punctuation and a plural « s » aside.
 */
import { normalizeText } from './text';

interface Entry {
  /** Label used in sentences and sheets. */
  label: string;
  /** Normalised spellings (see `spellingKey`). */
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
const COMPOUNDS: Record<string, string[]> = {
  'maths science': ['Mathématiques', 'Physique-chimie'],
  'math science': ['Mathématiques', 'Physique-chimie'],
  'mathematique science': ['Mathématiques', 'Physique-chimie'],
  'mathematique physique chimie': ['Mathématiques', 'Physique-chimie'],
  'lettre histoire': ['Français', 'Histoire-géographie'],
  'lettre histoire geographie': ['Français', 'Histoire-géographie'],
  'lettre anglai': ['Français', 'Anglais'],
  'lettre espagnol': ['Français', 'Espagnol'],
};

/** Normalised, with a final « s » dropped from each word: « Mathématiques » -> « mathematique ». */
function spellingKey(name: string): string {
  return normalizeText(name)
    .replace(/[()/,;:&+]/g, ' ')
    .split(' ')
    .filter(Boolean)
    .map((word) => (word.length > 2 && word.endsWith('s') ? word.slice(0, -1) : word))
    .join(' ');
}

const BY_SPELLING = new Map<string, Entry>();
for (const entry of VOCABULARY) {
  BY_SPELLING.set(spellingKey(entry.label), entry);
  for (const spelling of entry.spellings) BY_SPELLING.set(spelling, entry);
}

/** The vocabulary entry a name stands for, if any. */
function entryOf(name: string): Entry | undefined {
  return BY_SPELLING.get(spellingKey(name));
}

/** Key under which two spellings of one discipline compare equal. */
export function disciplineKey(name: string): string {
  const entry = entryOf(name);
  return entry ? spellingKey(entry.label) : spellingKey(name);
}

/** « Maths » -> « Mathématiques »; a name outside the vocabulary is returned trimmed. */
export function canonicalDiscipline(name: string): string {
  return entryOf(name)?.label ?? name.trim();
}

/** Is this name in the vocabulary (directly or as a bivalent discipline)? */
export function isKnownDiscipline(name: string): boolean {
  return !!entryOf(name) || spellingKey(name) in COMPOUNDS;
}

/** Keys of the disciplines a teacher's discipline covers: « Maths-sciences » covers two. */
export function coveredDisciplineKeys(name: string): string[] {
  const compound = COMPOUNDS[spellingKey(name)];
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
