/**
 * The words schools put in their headers and sheet names, and what the reader makes of them.
 * Everything is compared as a "key": lower case, no accents, punctuation turned into spaces.
 */
import { normalizeText } from '../text';

/** Ligatures spelled out (« Vœux » -> « Voeux »), which accent stripping leaves alone. */
function withoutLigatures(value: unknown): unknown {
  return typeof value === 'string' ? value.replace(/œ/g, 'oe').replace(/Œ/g, 'OE').replace(/æ/g, 'ae').replace(/Æ/g, 'AE') : value;
}

/** "Né(e) le :" -> "ne e le"; "NOM_DE_FAMILLE" -> "nom de famille". */
export function keyOf(value: unknown): string {
  return normalizeText(withoutLigatures(value)).replace(/[^a-z0-9]+/g, ' ').trim();
}

/** "N.A." -> "na"; "En cours d'acquisition" -> "encoursdacquisition". */
export function compactKey(value: unknown): string {
  return normalizeText(withoutLigatures(value)).replace(/[^a-z0-9]+/g, '');
}

/** Trimmed text with inner runs of spaces collapsed, as shown back to the coordinator. */
export function tidy(value: unknown): string {
  if (value === null || value === undefined) return '';
  return String(value).replace(/\s+/g, ' ').trim();
}

export type IdentityField = 'lastName' | 'firstName' | 'fullName' | 'ine' | 'class' | 'level' | 'birthDate' | 'leaveDate';

const IDENTITY_HEADERS: Record<IdentityField, string[]> = {
  lastName: ['nom', 'noms', 'nom de famille', 'nom famille', 'nom eleve', 'nom de l eleve', 'nom d usage', 'nom usage', 'nom de naissance', 'patronyme', 'last name'],
  firstName: ['prenom', 'prenoms', 'prenom eleve', 'prenom de l eleve', 'premier prenom', 'prenom 1', 'first name'],
  fullName: [
    'nom prenom', 'nom et prenom', 'noms et prenoms', 'nom prenoms', 'nom et prenoms', 'prenom nom', 'nom prenom eleve',
    'nom et prenom de l eleve', 'nom prenom de l eleve', 'eleve', 'eleves', 'identite', 'nom complet', 'apprenant', 'apprenants',
    'nom de l eleve et prenom', 'nom des eleves', 'pseudonyme', 'pseudo', 'code eleve', 'code anonyme', 'anonymat', 'numero d anonymat',
    'candidat', 'candidats',
  ],
  ine: ['ine', 'n ine', 'no ine', 'numero ine', 'num ine', 'id national', 'identifiant national', 'ine eleve', 'ine de l eleve', 'code ine'],
  class: ['classe', 'classes', 'division', 'div', 'classe eleve', 'classe de l eleve', 'code structure', 'structure', 'groupe classe', 'classe previsionnelle', 'classe prevue', 'classe de rentree', 'division previsionnelle'],
  level: ['niveau', 'niveau de formation', 'niveau classe', 'niv'],
  birthDate: ['date de naissance', 'date naissance', 'date naiss', 'date de naiss', 'naissance', 'ne le', 'nee le', 'ne e le', 'ne e', 'ddn', 'date naissance eleve'],
  leaveDate: ['date de sortie', 'date sortie', 'sortie le', 'date de depart', 'date depart', 'sorti le', 'sortie'],
};

const IDENTITY_LOOKUP = new Map<string, IdentityField>(
  (Object.entries(IDENTITY_HEADERS) as [IdentityField, string[]][]).flatMap(([field, keys]) => keys.map((key) => [key, field] as const)),
);

export function identityFieldOf(header: string): IdentityField | null {
  return IDENTITY_LOOKUP.get(keyOf(header)) ?? null;
}

/** Columns beside the competencies that are never read as results. */
export type ExtraKind = 'comment' | 'absence' | 'summary' | 'numbering' | 'date' | 'organisation' | 'admin';

const EXTRA_WORDS: [ExtraKind, string[]][] = [
  ['comment', ['observation', 'observations', 'obs', 'remarque', 'remarques', 'commentaire', 'commentaires', 'appreciation', 'appreciations', 'avis', 'conseil', 'conseils', 'notes libres', 'signature', 'motivation']],
  ['absence', ['absence', 'absences', 'abs', 'retard', 'retards', 'demi journees', 'nb abs', 'assiduite']],
  ['summary', ['moyenne', 'moyennes', 'total', 'totaux', 'somme', 'bilan', 'score global', 'score total', 'note globale', 'resultat global', 'synthese', 'nb a', 'nb na', 'nb eca', 'nombre', 'pourcentage global', 'taux global']],
  ['numbering', ['n', 'no', 'num', 'numero', 'rang', 'ordre', 'id', 'identifiant', 'n eleve', 'numero eleve', 'id eleve']],
  ['date', ['date', 'date de l entretien', 'date entretien', 'date d entree', 'date evaluation']],
  ['organisation', ['groupe', 'groupe ap', 'atelier', 'intervenant', 'professeur', 'professeur principal', 'enseignant', 'tuteur', 'referent', 'salle', 'mene par', 'entretien mene par']],
  ['admin', ['sexe', 'genre', 'regime', 'option', 'options', 'mef', 'code mef', 'libelle mef', 'formation', 'specialite', 'email', 'mail', 'courriel', 'telephone', 'tel', 'adresse', 'responsable', 'responsables', 'statut', 'boursier', 'bourse', 'redoublant', 'redoublement', 'pap', 'pps', 'amenagement', 'amenagements', 'lv1', 'lv2', 'nationalite', 'etablissement d origine', 'origine', 'commune', 'ville', 'transport', 'demi pension', 'externe', 'interne']],
];

export const EXTRA_REASONS: Record<ExtraKind, string> = {
  comment: 'commentaire libre, pas une compétence',
  absence: 'suivi des absences, pas une compétence',
  summary: 'calcul de synthèse (moyenne, total…), pas une compétence',
  numbering: 'numérotation, pas une compétence',
  date: 'date, pas une compétence',
  organisation: 'organisation (groupe, professeur…), pas une compétence',
  admin: 'information administrative, pas une compétence',
};

/**
 * Extra columns never read as results, whatever they hold. The others (organisation, administration:
 * « Option », « LV1 »…) are read as competencies after all when their values are mastery values.
 */
export const ALWAYS_EXTRA = new Set<ExtraKind>(['comment', 'absence', 'summary', 'numbering', 'date']);

/** Kind of extra column from its header: the whole header or its first words. */
export function extraKindOf(header: string): ExtraKind | null {
  const key = keyOf(header);
  if (!key) return null;
  for (const [kind, words] of EXTRA_WORDS) {
    for (const word of words) if (key === word || key.startsWith(`${word} `)) return kind;
  }
  return null;
}

const PROFILE_HEADERS = ['profil', 'profil eleve', 'profil de l eleve', 'profil d entretien', 'profil entretien', 'typologie', 'categorie', 'groupe de profil', 'type de profil'];
const PROJECT_HEADERS = ['projet', 'projet professionnel', 'projet pro', 'projet d orientation', 'projet de l eleve', 'projet personnel', 'orientation', 'orientation envisagee', 'poursuite d etudes', 'souhait d orientation', 'apres le bac', 'projet apres le bac', 'projet apres le diplome'];

export function isProfileHeader(header: string): boolean {
  return PROFILE_HEADERS.includes(keyOf(header));
}

/** « Vœux », « Vœu 1 », « Choix d'atelier 2 »: the pupil's ranking of workshop kinds. */
export function isWishesHeader(header: string): boolean {
  return /^(voeux?|souhaits?|choix)( (d atelier|d ateliers|ap|de l eleve|eleve))?( \d)?$/.test(keyOf(header));
}

/** A « Date » or « Période » column of a positionnement: the round of each row. */
export function isRoundDateHeader(header: string): boolean {
  return /^(date|periode|session|date (de l |d )?evaluation|date du positionnement|date de passation|date du test)$/.test(keyOf(header));
}

/** Pair constraints of an EDT pre-term list: « Regroupé avec », « Séparé de ». */
export function pairHeaderOf(header: string): 'together' | 'apart' | null {
  const key = keyOf(header);
  if (/^(a )?regroupe(e|r)?s? avec$|^avec$|^mettre avec$/.test(key)) return 'together';
  if (/^(a )?separe(e|r)?s? de$|^pas avec$|^eviter$/.test(key)) return 'apart';
  return null;
}

export function isProjectHeader(header: string): boolean {
  const key = keyOf(header);
  return PROJECT_HEADERS.includes(key) || key.startsWith('projet ');
}

/** Canonical disciplines, so that "Maths" in one sheet and "Mathématiques" in another are one. */
const DISCIPLINES: [string, string[]][] = [
  ['Français', ['francais', 'fr', 'lettres', 'fra', 'french', 'expression francaise']],
  ['Mathématiques', ['maths', 'math', 'mathematiques', 'mathematique', 'mathematique s', 'mat']],
  ['Physique-chimie', ['physique chimie', 'sciences physiques', 'sciences physiques et chimiques', 'spc', 'physique', 'sciences']],
  ['Histoire-géographie', ['histoire geographie', 'histoire geo', 'hg', 'histoire', 'histoire geographie emc', 'hg emc', 'histoire geo emc', 'histoire geographie et emc']],
  ['Anglais', ['anglais', 'ang', 'english', 'lv1 anglais', 'anglais lv1']],
  ['Espagnol', ['espagnol', 'esp', 'lv2 espagnol', 'espagnol lv2']],
  ['Allemand', ['allemand', 'all']],
  ['Langues vivantes', ['langues vivantes', 'langue vivante', 'lv', 'lva', 'lvb']],
  ['PSE', ['pse', 'prevention sante environnement', 'prevention sante et environnement']],
  ['Économie-gestion', ['eco gestion', 'economie gestion', 'eco gest']],
  ['Économie-droit', ['eco droit', 'economie droit']],
  ['Arts appliqués', ['arts appliques', 'arts appliques et cultures artistiques', 'aa']],
  ['EPS', ['eps', 'sport', 'education physique et sportive']],
  ['Enseignement professionnel', ['enseignement professionnel', 'enseignements professionnels', 'ens pro', 'enseignement pro', 'domaine professionnel', 'pro']],
  ['Méthodologie', ['methodologie', 'methodo', 'methode', 'methodes', 'competences transversales', 'transversal', 'transversales', 'savoir etre', 'aide methodologique']],
];

const DISCIPLINE_LOOKUP = new Map<string, string>(DISCIPLINES.flatMap(([label, keys]) => keys.map((key) => [key, label] as const)));

/** Canonical discipline name for a known spelling, else null. */
export function knownDiscipline(text: string): string | null {
  return DISCIPLINE_LOOKUP.get(keyOf(text)) ?? null;
}

export { UNSPECIFIED_DISCIPLINE } from '../disciplines';

/** Abbreviations read only as the first word of a label (« Ma-Calcul », « FR1 Lire »), never inside one. */
const LEADING_ABBREVIATIONS = new Map<string, string>([['ma', 'Mathématiques'], ['m', 'Mathématiques'], ['f', 'Français']]);
/** Of those, the ones read only when glued to a number (« M2 », « F1 »). */
const NUMBERED_ONLY = new Set(['m', 'f']);

/** Spellings too common as words to name a discipline from inside a label (« projet pro », « toutes les sciences »). */
const LEADING_ONLY = new Set(['pro', 'all', 'mat', 'sciences', 'lv', 'aa', 'sport', 'fr', 'hg', 'eps', 'spc', 'ang', 'esp', 'pse', 'fra', 'lva', 'lvb', 'methode', 'methodes', 'transversal', 'transversales', 'histoire', 'physique']);

/**
 * A discipline named anywhere in a text: the whole text, its first words (« MATHS Calcul », « FR1 Comprendre »,
 * « Ma-Calcul »), or words inside it (« Oral (Anglais) », « Éco-gestion · Droit », « Lecture / Français »).
 * A leading code glued to a number (« FR1 », « M2 ») counts as its letters.
 */
export function disciplineInText(text: string): string | null {
  const whole = knownDiscipline(text);
  if (whole) return whole;
  const words = keyOf(text).split(' ').filter(Boolean);
  if (!words.length) return null;
  const first = words[0].replace(/\d+$/, '');
  for (let n = Math.min(4, words.length); n >= 1; n--) {
    const head = [first, ...words.slice(1, n)].join(' ');
    const abbreviated = n === 1 && words.length > 1 && (!NUMBERED_ONLY.has(first) || first !== words[0]);
    const found = DISCIPLINE_LOOKUP.get(head) ?? (abbreviated ? LEADING_ABBREVIATIONS.get(first) : undefined);
    if (found) return found;
  }
  for (let start = 1; start < words.length; start++) {
    for (let n = Math.min(4, words.length - start); n >= 1; n--) {
      const part = words.slice(start, start + n).join(' ');
      // A short spelling counts inside a label only as a capitalised acronym (« Lecture – PSE »).
      if (n === 1 && LEADING_ONLY.has(part) && !new RegExp(`(^|[^\\p{L}])${part.toUpperCase()}([^\\p{L}]|$)`, 'u').test(text)) continue;
      const found = DISCIPLINE_LOOKUP.get(part);
      if (found) return found;
    }
  }
  return null;
}

/** Domains of the national tests de positionnement and the discipline they belong to. */
const NATIONAL_DOMAINS: [string, string[]][] = [
  ['Français', ['comprehension de l oral', 'comprehension orale', 'comprehension de l ecrit', 'comprehension ecrite', 'fonctionnement de la langue', 'etude de la langue', 'lexique', 'grammaire', 'orthographe', 'fluence', 'litteratie']],
  ['Mathématiques', ['organisation et gestion de donnees', 'nombres et calcul', 'nombres et calculs', 'geometrie', 'resolution algebrique de problemes', 'resolution de problemes', 'calcul', 'numeratie', 'automatismes']],
];

export function nationalDomainDiscipline(label: string): string | null {
  const key = keyOf(label);
  for (const [discipline, domains] of NATIONAL_DOMAINS) if (domains.includes(key)) return discipline;
  return null;
}

/** Header words that name a measure rather than a competency (the competency is the group above). */
const MEASURE_WORDS = ['score', 'scores', 'note', 'points', 'pts', 'pourcentage', 'taux de reussite', 'reussite', 'niveau', 'niveau de maitrise', 'maitrise', 'degre de maitrise', 'resultat', 'resultats', 'positionnement', 'evaluation', 'valeur'];
const SCORE_WORDS = ['score', 'scores', 'note', 'points', 'pts', 'pourcentage', 'taux de reussite', 'reussite'];
const SELF_WORDS = ['eleve', 'auto', 'autopositionnement', 'auto positionnement', 'auto evaluation', 'autoevaluation', 'avis de l eleve', 'avis eleve', 'selon l eleve'];
const TEACHER_WORDS = ['prof', 'professeur', 'enseignant', 'equipe', 'equipe pedagogique', 'enseignants', 'professeurs'];

export type MeasureKind = 'score' | 'level' | 'self' | 'teacher';

/** What a sub-header such as « Score », « Niveau », « Élève » or « Prof » says about the column. */
export function measureKindOf(label: string): MeasureKind | null {
  const key = keyOf(label);
  if (!key) return null;
  if (SELF_WORDS.includes(key)) return 'self';
  if (TEACHER_WORDS.includes(key)) return 'teacher';
  if (SCORE_WORDS.includes(key) || /^(score|note|points|pourcentage)( sur \d+| \d+)?$/.test(key)) return 'score';
  if (MEASURE_WORDS.includes(key)) return 'level';
  return null;
}

/** Labels that are a percentage by themselves (« Pourcentage », « Taux de réussite »). */
const PERCENT_LABELS = ['pourcentage', 'taux', 'taux de reussite', 'reussite', 'pourcentage de reussite'];

/** The maximum a header gives for its scores: « /20 », « sur 10 », « % », « Taux de réussite ». */
export function headerMaximum(header: string): number | null {
  const text = normalizeText(header);
  const match = /\/\s*(\d{1,4})\b/.exec(text) ?? /\bsur\s*(\d{1,4})\b/.exec(text);
  if (match && Number(match[1]) > 0) return Number(match[1]);
  const last = keyOf(header.split('›').pop());
  if (/%|\btaux de reussite\b/.test(text) || PERCENT_LABELS.includes(last)) return 100;
  return null;
}

/** Self-assessment markers in a sheet name, title or header group. */
export function mentionsSelfAssessment(text: string): boolean {
  return /\bauto\b|\bauto ?(positionnement|evaluation|eval)|\bautopositionnement|\bautoevaluation|\bavis de l eleve\b/.test(keyOf(text));
}

export function mentionsInterview(text: string): boolean {
  return /\bentretiens?\b/.test(keyOf(text));
}

export function mentionsNationalTest(text: string): boolean {
  const key = keyOf(text);
  return /\btests? (de )?positionnement\b|\btests? nationa|\bevaluations? nationale|\bpositionnement national|\bresultats? nationa|\bcap fluence\b/.test(key);
}

export function mentionsClassList(text: string): boolean {
  return /\bliste|\beleves\b|\beffectifs?\b|\bsiecle\b|\bpronote\b|\bsconet\b|\binscrits\b|\btrombinoscope\b|\bbase eleves?\b/.test(keyOf(text));
}

export function mentionsAbsences(text: string): boolean {
  return /\babsences?\b|\bretards?\b|\bassiduite\b/.test(keyOf(text));
}

export function mentionsGrades(text: string): boolean {
  return /\bnotes?\b|\bmoyennes?\b|\bbulletins?\b|\bdevoirs?\b|\btrimestre|\bsemestre|\bcontroles?\b|\binterros?\b/.test(keyOf(text));
}

export function mentionsPositionnement(text: string): boolean {
  return /\bpositionnement|\bdiagnosti|\bevaluation diagnostique|\bcompetences?\b/.test(keyOf(text));
}

/** SIECLE exports spell their headers in capitals with underscores. */
export function isSiecleHeader(header: string): boolean {
  return /^(NOM_DE_FAMILLE|ID_NATIONAL|DATE_NAISS|DIVISION|PRENOM)$/.test(String(header).trim());
}

const SUMMARY_NAME_WORDS = new Set([
  'moyenne', 'moyennes', 'total', 'totaux', 'somme', 'effectif', 'effectifs', 'nombre', 'nb', 'taux', 'pourcentage',
  'bilan', 'synthese', 'legende', 'resultats', 'resultat', 'maximum', 'minimum', 'mediane', 'ecart', 'classe', 'groupe',
  'coefficient', 'coefficients', 'coef', 'bareme',
]);

/** « Moyenne de la classe », « Total », « Légende » in a name column: not a pupil. */
export function isSummaryLabel(text: string): boolean {
  return isSummaryWord(keyOf(text).split(' ')[0]);
}

/** Same test on the first word of a key. */
export function isSummaryWord(firstWord: string): boolean {
  return SUMMARY_NAME_WORDS.has(firstWord);
}

/** Round of a positionnement named in a sheet name, a title or a header: 1, 2… or null. */
export function roundOf(text: string): number | null {
  const key = keyOf(text);
  if (!key) return null;
  let match = /\b(?:p|pos|positionnement|position)\s?(\d)\b/.exec(key);
  if (match) return Number(match[1]) || null;
  match = /\b(\d)\s?(?:e|eme|er|ere|nd|nde)? positionnement\b/.exec(key);
  if (match) return Number(match[1]) || null;
  if (/\b(deuxieme|second|seconde) positionnement\b/.test(key)) return 2;
  if (/\b(premier) positionnement\b/.test(key)) return 1;
  if (/\b(fin de cycle|juin|fin d annee|final|finale|sortie de cycle)\b/.test(key)) return 2;
  if (/\b(septembre|sept|rentree|initial|initiale|debut d annee)\b/.test(key)) return 1;
  return null;
}

/** A round given by its number (« P2 », « 2e positionnement »), not by a month or a period word. */
export function hasNumberedRound(text: string): boolean {
  const key = keyOf(text);
  return /\b(?:p|pos|positionnement|position)\s?\d\b|\b\d\s?(?:e|eme|er|ere|nd|nde)? positionnement\b|\b(deuxieme|second|seconde|premier) positionnement\b/.test(key);
}

const ROUND_FILLER = new Set([
  'positionnement', 'position', 'pos', 'p', 'n', 'no', 'numero', 'de', 'du', 'd', 'le', 'la', 'l', 'fin', 'cycle', 'debut', 'annee',
  'septembre', 'sept', 'juin', 'rentree', 'initial', 'initiale', 'final', 'finale', 'deuxieme', 'second', 'seconde', 'premier',
  'e', 'eme', 'er', 'ere', 'nd', 'nde', 'sortie', 'diagnostic', 'evaluation',
]);

/** Words that only say « which positionnement » (« positionnement », « de », « fin »…). */
export function isRoundFillerWord(word: string): boolean {
  return ROUND_FILLER.has(word);
}

/** « Positionnement 2 (juin) » is only a round marker; « Mathématiques » is not. */
export function isPureRoundMarker(text: string): boolean {
  if (roundOf(text) === null) return false;
  return keyOf(text)
    .split(' ')
    .every((word) => ROUND_FILLER.has(word) || /^\d+$/.test(word) || /^p\d$/.test(word));
}

/** « Calculer (P2) », « Calculer - juin » -> label « Calculer », round 2. Leading codes such as « P2 - Pratiquer » stay. */
export function stripRoundSuffix(label: string): { label: string; round: number | null } {
  const match = /^(.*\S)\s*[([\-–—]?\s*\b(p\s?\d|pos\.?\s?\d|positionnement\s?\d|sept(?:embre)?|juin|fin de cycle|rentr[ée]e)\s*[)\]]?\s*$/i.exec(label);
  if (!match || !match[1].replace(/[([\-–—\s]+$/, '')) return { label, round: null };
  const round = roundOf(match[2]);
  if (round === null) return { label, round: null };
  return { label: match[1].replace(/[([\-–—\s]+$/, '').trim(), round };
}

/** Words removed from a sheet name to get the class it holds: « Positionnement 2MRC P2 » -> « 2MRC ». */
/** Month names and their abbreviations: a sheet « 1MELEC février » is class 1MELEC, dated February. */
const MONTH_WORDS = new Set([
  'septembre', 'sept', 'sep', 'octobre', 'oct', 'novembre', 'nov', 'decembre', 'dec', 'janvier', 'janv', 'jan', 'fevrier', 'fevr', 'fev',
  'mars', 'avril', 'avr', 'mai', 'juin', 'juillet', 'juil', 'aout',
]);

export function classFromSheetName(sheet: string): string {
  const words = tidy(sheet).replace(/\(|\)/g, ' ').split(' ');
  const kept = words.filter((word) => {
    const key = keyOf(word);
    const dated = /^\d{1,2}[-/.]\d{1,2}([-/.]\d{2,4})?$|^\d{4}[-/.]\d{1,2}[-/.]\d{1,2}$|^20\d\d$/.test(word);
    return !(ROUND_FILLER.has(key) || MONTH_WORDS.has(key) || dated || /^p\d$/.test(key) || ['classe', 'resultats', 'eval', 'grille', 'diag', 'autopositionnement', 'entretiens'].includes(key) || key === '');
  });
  return kept.join(' ') || tidy(sheet);
}
