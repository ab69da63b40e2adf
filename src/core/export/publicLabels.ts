/**
 * What an export may say about levels and disciplines. Both are typed by the coordinator somewhere
 * (class names, `AP Paramètres`, `AP Ateliers`, positionnement headers, sheet names), so anything
 * typed there could be a name, an INE or a date. The export therefore only publishes words from
 * closed lists: a level outside the list stops the export until it is fixed; a discipline outside
 * its list is published as « Autre discipline n », and round labels (sheet names) never appear.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { IndicatorRow, IndicatorTable, Indicators } from '../indicators/types';
import { normalizeLevel } from '../levels';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import { normalizeText } from '../text';

/** The smallest masking threshold an export may use (issue 13: below 3, one pupil can be singled out). */
export const MIN_MASK_THRESHOLD = 3;

/** Levels an export may carry, in the coordinator's reading order. */
export const EXPORT_LEVELS = ['3e prépa-métiers', 'CAP 1', 'CAP 2', '2nde', '1re', 'Tle', 'BMA 1', 'BMA 2', 'MC'] as const;

const EXTRA_LEVEL_PATTERNS: [RegExp, (typeof EXPORT_LEVELS)[number]][] = [
  [/^3e?(me)?(prepa|prepametiers|prepametier|pm)$/, '3e prépa-métiers'],
  [/^(bma1|1bma|bma1ereannee)$/, 'BMA 1'],
  [/^(bma2|2bma|bma2eannee)$/, 'BMA 2'],
  [/^(mc|mentioncomplementaire)$/, 'MC'],
];

/** The label of the closed list this level stands for, or null (« niveau non reconnu »). */
export function exportLevel(level: string): string | null {
  const known = normalizeLevel(level);
  if (known && (EXPORT_LEVELS as readonly string[]).includes(known)) return known;
  const compact = normalizeText(level).replace(/[\s-]+/g, '');
  for (const [pattern, label] of EXTRA_LEVEL_PATTERNS) if (pattern.test(compact)) return label;
  return (EXPORT_LEVELS as readonly string[]).find((l) => normalizeText(l) === normalizeText(level)) ?? null;
}

/**
 * One error per level of the indicators outside the closed list, naming the `AP Paramètres` cell
 * where the classes of that level get it when there is one. The level text is shown to the
 * coordinator (it stays on their machine) but never exported.
 */
export function unrecognisedLevels(ind: Indicators, settings: Settings): Diagnostic[] {
  return ind.levels
    .filter((level) => exportLevel(level) === null)
    .map((level) => {
      const classes = settings.classLevels.filter((c) => normalizeText(c.level) === normalizeText(level));
      const cell = classes.find((c) => c.source)?.source;
      const where = classes.length ? ` (classe(s) ${classes.map((c) => c.className).join(', ')})` : '';
      return diagnostic(
        'error',
        cell?.sheet ?? SHEET_NAMES.parameters,
        cell?.cell ?? '',
        `Export refusé : niveau non reconnu « ${level} »${where}. Indiquez un niveau parmi ${EXPORT_LEVELS.join(', ')} dans la section « Classes » d'AP Paramètres, puis relancez.`,
      );
    });
}

/** Normalised spellings -> published discipline name. */
const DISCIPLINES: [string, string[]][] = [
  ['Français', ['francais', 'lettres', 'litteratie', 'comprehension de l ecrit', 'comprehension de l oral', 'fonctionnement de la langue', 'fluence', 'expression ecrite', 'expression orale']],
  ['Mathématiques', ['mathematiques', 'maths', 'math', 'numeratie', 'nombres et calcul', 'geometrie', 'organisation et gestion de donnees', 'resolution algebrique de problemes', 'resolution de problemes']],
  ['Histoire-géographie-EMC', ['histoire geographie', 'histoire geo', 'histoire', 'geographie', 'emc', 'histoire geographie emc', 'enseignement moral et civique']],
  ['Langues vivantes', ['anglais', 'espagnol', 'allemand', 'italien', 'langues vivantes', 'langue vivante', 'lv1', 'lv2', 'lva', 'lvb']],
  ['Physique-chimie', ['physique chimie', 'sciences physiques', 'sciences physiques et chimiques', 'sciences', 'physique']],
  ['Enseignement professionnel', ['enseignement professionnel', 'enseignements professionnels', 'pro', 'atelier', 'technologie', 'co intervention', 'chef d oeuvre', 'realisation d un chef d oeuvre']],
  ['Économie-gestion', ['economie gestion', 'economie droit', 'eco gestion', 'eco droit']],
  ['Prévention santé environnement', ['prevention sante environnement', 'pse']],
  ['Arts appliqués', ['arts appliques', 'arts appliques et cultures artistiques']],
  ['EPS', ['eps', 'education physique et sportive']],
  ['Méthodologie', ['methodologie', 'methodo', 'transversal', 'competences transversales', 'savoir etre', 'autonomie']],
  ['Orientation', ['orientation', 'projet professionnel', 'projet']],
  ['Documentation', ['documentation']],
  ['Vie scolaire', ['vie scolaire']],
];

const DISCIPLINE_BY_SPELLING = new Map(DISCIPLINES.flatMap(([label, spellings]) => spellings.map((s) => [s, label] as const)));

/** The published name of a discipline, or null when it is not in the closed list. */
export function exportDiscipline(discipline: string): string | null {
  const text = normalizeText(discipline).replace(/[-'’]/g, ' ').replace(/\s+/g, ' ').trim();
  return DISCIPLINE_BY_SPELLING.get(text) ?? null;
}

/** Tables whose rows are disciplines, and how a row key carries it. */
const DISCIPLINE_ROWS: Partial<Record<IndicatorTable['id'], 'kind' | 'discipline' | 'round'>> = {
  needs: 'kind',
  'workshop-pupils': 'kind',
  workshops: 'kind',
  'workshops-year': 'kind',
  progress: 'discipline',
  mastery: 'round',
};

const ROUND_LABELS: Record<string, string> = { before: 'premier positionnement', after: 'dernier positionnement' };

export interface PublicRow {
  key: string;
  label: string;
}

/**
 * Names rows as the export publishes them. A discipline outside the list gets « Autre discipline n »,
 * numbered in the order met, the same number in every table. Keys are rebuilt from public words too.
 */
export function publicRowNamer(): (table: IndicatorTable, row: IndicatorRow) => PublicRow {
  const named = new Map<string, PublicRow>();
  const keysUsed = new Map<string, number>();
  let others = 0;
  const disciplineName = (typedLabel: string): PublicRow => {
    const typed = normalizeText(typedLabel);
    const already = named.get(typed);
    if (already) return already;
    const known = exportDiscipline(typedLabel);
    let name: PublicRow;
    if (known) {
      // Two spellings of one discipline ("Maths", "Numératie") stay two rows: number the second.
      const key = normalizeText(known).replace(/ /g, '-');
      const seen = keysUsed.get(key) ?? 0;
      keysUsed.set(key, seen + 1);
      name = seen ? { key: `${key}-${seen + 1}`, label: `${known} ${seen + 1}` } : { key, label: known };
    } else {
      others++;
      name = { key: `autre-${others}`, label: `Autre discipline ${others}` };
    }
    named.set(typed, name);
    return name;
  };
  return (table, row) => {
    const form = DISCIPLINE_ROWS[table.id];
    if (table.id === 'hours') return { key: exportLevel(row.key) ?? row.key, label: exportLevel(row.label) ?? row.label };
    if (!form) return { key: row.key, label: row.label };
    if (form === 'kind') {
      const [kind, rest] = row.key.split(/:(.*)/s);
      if (rest === undefined) return { key: row.key, label: row.label };
      const [kindLabel, ...typed] = row.label.split(' · ');
      const name = disciplineName(typed.join(' · ') || rest);
      return { key: `${kind}:${name.key}`, label: `${kindLabel} · ${name.label}` };
    }
    if (form === 'discipline') {
      const name = disciplineName(row.label);
      return { key: name.key, label: name.label };
    }
    const when = row.key.slice(row.key.lastIndexOf(':') + 1);
    const typed = row.label.slice(0, row.label.lastIndexOf(' — '));
    const name = disciplineName(typed || row.label);
    return { key: `${name.key}:${when}`, label: `${name.label} — ${ROUND_LABELS[when] ?? 'positionnement'}` };
  };
}
