/**
 * Staff categories of `AP Intervenants` (column « Catégorie »): who counts as a teacher in « part
 * des enseignants impliqués ». The professeur documentaliste is a teacher (CAPES de documentation);
 * the CPE, the PsyEN, the AED, the infirmier·ère and outside speakers lead AP too, counted apart.
 */
import type { StaffCategory, Teacher } from '../model';
import { normalizeText } from '../text';

export const STAFF_CATEGORY_HEADER = 'Catégorie';

/** In the order of the sheet's drop-down list; `words` recognise what a coordinator may type. */
export const STAFF_CATEGORIES: { key: StaffCategory; label: string; plural: string; teacher: boolean; words: RegExp }[] = [
  { key: 'librarian', label: 'professeur documentaliste', plural: 'professeurs documentalistes', teacher: true, words: /documentalist|prof(esseur)? doc\b|\bcdi\b/ },
  { key: 'teacher', label: 'enseignant', plural: 'enseignants', teacher: true, words: /^(enseignant|enseignante|prof|professeur|professeure|plp|certifie|agrege|contractuel)\b/ },
  { key: 'cpe', label: 'CPE', plural: 'CPE', teacher: false, words: /^cpe\b|conseill\w* principal/ },
  { key: 'psyen', label: 'PsyEN', plural: 'PsyEN', teacher: false, words: /^psy ?en\b|psycholog|^copsy\b/ },
  { key: 'aed', label: 'AED', plural: 'AED', teacher: false, words: /^aed\b|assistant\w* d education|surveillant/ },
  { key: 'nurse', label: 'infirmier·ère', plural: 'infirmiers·ères', teacher: false, words: /infirmi/ },
  { key: 'external', label: 'intervenant extérieur', plural: 'intervenants extérieurs', teacher: false, words: /exterieur|partenaire|association/ },
];

/** The list offered in the sheet, teachers first. */
export const STAFF_CATEGORY_CHOICES = ['enseignant', ...STAFF_CATEGORIES.filter((c) => c.key !== 'teacher').map((c) => c.label)];

export function staffCategoryLabel(category: StaffCategory): string {
  return STAFF_CATEGORIES.find((c) => c.key === category)!.label;
}

/** A typed category (« Enseignante », « prof doc », « cpe »…), or null when it is none of them. */
export function parseStaffCategory(value: unknown): StaffCategory | null {
  const text = normalizeText(value).replace(/·/g, '');
  return STAFF_CATEGORIES.find((c) => c.words.test(text))?.key ?? null;
}

/**
 * For a sheet without the column: the category a name or a discipline states without doubt (« CPE
 * Martin », « Documentation »), else null (the person is then counted as a teacher).
 */
export function categoryFromRole(name: string, disciplines: string[]): StaffCategory | null {
  for (const text of [name, ...disciplines].map((t) => normalizeText(t).replace(/·/g, ''))) {
    if (/\bcpe\b/.test(text)) return 'cpe';
    if (/\bpsy ?en\b|psycholog/.test(text)) return 'psyen';
    if (/documentali|^documentation$/.test(text)) return 'librarian';
    if (/\baed\b|assistant\w* d education/.test(text)) return 'aed';
    if (/infirmi/.test(text)) return 'nurse';
    if (/intervenant\w* exterieur/.test(text)) return 'external';
  }
  return null;
}

export function countsAsTeacher(teacher: Pick<Teacher, 'category'> | undefined): boolean {
  return STAFF_CATEGORIES.find((c) => c.key === (teacher?.category ?? 'teacher'))!.teacher;
}

export interface CategoryCount {
  category: StaffCategory;
  declared: number;
  involved: number;
}

/** People declared or met in the year's workshops, split into teachers and the other staff. */
export interface StaffInvolvement {
  teachers: { declared: number; involved: number };
  others: { declared: number; involved: number };
  /** Every category with at least one person, in the order of STAFF_CATEGORIES. */
  byCategory: CategoryCount[];
}

/**
 * `people`: everyone to count once (the declared teachers and anyone else who led a workshop), and
 * whether they led AP this year. A person missing from `declared` is counted as a teacher, as a
 * blank « Catégorie » is.
 */
export function staffInvolvement(people: { name: string; involved: boolean }[], declared: Pick<Teacher, 'name' | 'category'>[]): StaffInvolvement {
  const categoryOf = new Map(declared.map((t) => [normalizeText(t.name), t.category ?? 'teacher']));
  const counts = new Map<StaffCategory, CategoryCount>();
  for (const person of people) {
    const category = categoryOf.get(normalizeText(person.name)) ?? 'teacher';
    const count = counts.get(category) ?? { category, declared: 0, involved: 0 };
    count.declared++;
    if (person.involved) count.involved++;
    counts.set(category, count);
  }
  const byCategory = STAFF_CATEGORIES.map((c) => counts.get(c.key)).filter((c): c is CategoryCount => c !== undefined);
  const total = (teacher: boolean) => {
    const part = byCategory.filter((c) => STAFF_CATEGORIES.find((s) => s.key === c.category)!.teacher === teacher);
    return { declared: part.reduce((n, c) => n + c.declared, 0), involved: part.reduce((n, c) => n + c.involved, 0) };
  };
  return { teachers: total(true), others: total(false), byCategory };
}
