/**
 * From row records to pupils: one pupil per person, whatever the number of sheets that list them.
 * Identity is the INE when known, else name and class compared after normalising; a class guessed
 * from a sheet name that is not a class (« Maths ») falls back to the name alone when it is unique;
 * a pupil who changed class within a level (2MRC -> 2MELEC) is the same pupil when the name is
 * unique in that level. One INE typed for two different names is never merged.
 * Everything doubtful is reported: conflicting results, a pupil in two classes, homonyms, pupils
 * missing from a source, pupils who left, pair constraints naming nobody.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { compareLevels, levelFromClassName, normalizeLevel } from '../levels';
import type { AssessmentResult, AssessmentRound, Competency, MasteryLevel, NeedKind, PairConstraint, Pupil, PupilProfile, PupilProject, SheetRole, SourceRef } from '../model';
import type { ClassLevel } from '../settings/settings';
import { classKey as rawClassKey, displayName, nameKey, splitFullName } from './names';
import type { PairRequest, RowRecord } from './layouts';
import { tidy } from './vocabulary';
import { pupilId } from './pupilIds';

interface Draft {
  lastName: string;
  firstName: string;
  nameKey: string;
  className: string;
  /** False while the class is only a guess from a sheet name; a later trusted source replaces it. */
  classTrusted: boolean;
  ine: string | null;
  levelText: string | null;
  records: RowRecord[];
  /** Teams' results by round, then by competency number (see `Assembler.competencyNumber`). */
  results: Map<number, (AssessmentResult | undefined)[]>;
  selfResults: Map<string, AssessmentResult>;
  profile?: PupilProfile;
  project?: PupilProject;
  wishes?: NeedKind[];
  pairs: PairRequest[];
  leftOn?: string;
  /** Latest round the class was read in (class lists: always the latest), to keep the current class. */
  classRound: number;
}

export interface Assembly {
  pupils: Pupil[];
  rounds: AssessmentRound[];
  pairs: PairConstraint[];
  /** Pupils read in each sheet. */
  pupilsPerSheet: Map<string, number>;
  /** Rows repeating a pupil already read in the same sheet and positionnement. */
  duplicateRows: number;
}

const ROLE_ORDER: SheetRole[] = ['class-list', 'national-test', 'positionnement', 'self-assessment', 'interview'];
const ASSESSMENT_ROLES: SheetRole[] = ['national-test', 'positionnement'];

const COLLATOR = new Intl.Collator('fr', { numeric: true });

const MAX_TWICE_WARNINGS = 20;

const LEVEL_WORDS: Record<MasteryLevel, string> = { 1: 'insuffisant (1)', 2: 'fragile (2)', 3: 'satisfaisant (3)', 4: 'très bon (4)' };

const classKeys = new Map<string, string>();

/** Class keys are asked for at every row: computed once per class name. */
function classKey(className: string): string {
  let key = classKeys.get(className);
  if (key === undefined) {
    key = rawClassKey(className);
    if (classKeys.size < 10_000) classKeys.set(className, key);
  }
  return key;
}

function where(source: SourceRef): string {
  return `${source.sheet}!${source.cell}`;
}

/** A class the reader can trust: from a Classe column, or a sheet name that reads as a class. */
function trustedClass(record: RowRecord): boolean {
  return record.classFromColumn || (record.className !== '' && levelFromClassName(record.className) !== null);
}

/** Round of the class a record gives: a class list is the current class. */
function classRoundOf(record: RowRecord): number {
  return record.role === 'class-list' ? Number.MAX_SAFE_INTEGER : Math.max(1, ...record.rounds);
}

/** Edit distance, stopped early past `limit`. */
function editDistance(a: string, b: string, limit: number): number {
  if (Math.abs(a.length - b.length) > limit) return limit + 1;
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    let best = i;
    for (let j = 1; j <= b.length; j++) {
      current[j] = Math.min(previous[j] + 1, current[j - 1] + 1, previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1));
      best = Math.min(best, current[j]);
    }
    if (best > limit) return limit + 1;
    previous = current;
  }
  return previous[b.length];
}

/**
 * Same person despite spelling, for two rows sharing an INE: equal keys, a typo or two (« Dupont » /
 * « Dupond »), or one name's words all in the other (« DUPONT Marie » / « DUPONT-MARTIN Marie »).
 */
function compatibleNames(a: string, b: string): boolean {
  if (a === b) return true;
  const typos = Math.max(1, Math.floor(Math.min(a.length, b.length) / 6));
  if (editDistance(a, b, typos) <= typos) return true;
  const wordsA = a.split(' ');
  const wordsB = b.split(' ');
  const [short, long] = wordsA.length <= wordsB.length ? [wordsA, new Set(wordsB)] : [wordsB, new Set(wordsA)];
  return short.length > 1 && short.every((w) => long.has(w));
}

class Assembler {
  private readonly drafts: Draft[] = [];
  private readonly byIne = new Map<string, Draft>();
  private readonly byClassName = new Map<string, Draft>();
  private readonly byName = new Map<string, Draft[]>();

  private readonly competencyLabels = new Map<string, string>();
  /** Competencies are numbered so that results are kept in arrays, not maps (10,000 pupils). */
  private readonly competencyNumbers = new Map<string, number>();

  private readonly levels: Map<string, string>;

  constructor(
    private readonly diagnostics: Diagnostic[],
    competencies: Competency[],
    private readonly selfIds: Map<string, string | null>,
    classLevels: ClassLevel[],
  ) {
    this.levels = new Map(classLevels.map((cl) => [classKey(cl.className), tidy(cl.level)]));
    // Numbered in the workbook's column order, so that each pupil's results keep that order.
    for (const c of competencies) {
      this.competencyNumber(c.id);
      this.competencyLabels.set(c.id, c.label);
    }
  }

  private competencyNumber(id: string): number {
    let number = this.competencyNumbers.get(id);
    if (number === undefined) this.competencyNumbers.set(id, (number = this.competencyNumbers.size));
    return number;
  }

  private index(draft: Draft): void {
    if (draft.ine) this.byIne.set(draft.ine, draft);
    this.byClassName.set(`${classKey(draft.className)}|${draft.nameKey}`, draft);
    const same = this.byName.get(draft.nameKey) ?? [];
    if (!same.includes(draft)) same.push(draft);
    this.byName.set(draft.nameKey, same);
  }

  /** Level of a class from « AP Paramètres » or its name; null when unknown. */
  private levelOf(className: string): string | null {
    return this.levels.get(classKey(className)) || levelFromClassName(className);
  }

  private find(record: RowRecord): Draft | null {
    if (record.ine) {
      const known = this.byIne.get(record.ine);
      if (known && compatibleNames(known.nameKey, record.nameKey)) return known;
      if (known) {
        this.reportSharedIne(known, record);
        // Merge nothing unsure: this row is matched by its name and class, without the INE.
        record.ine = null;
      }
    }
    const compatible = (d: Draft) => !d.ine || !record.ine || d.ine === record.ine;
    if (record.className) {
      const known = this.byClassName.get(`${classKey(record.className)}|${record.nameKey}`);
      if (known && compatible(known)) return known;
    }
    const trusted = trustedClass(record);
    const sameName = (this.byName.get(record.nameKey) ?? []).filter(compatible);
    // A guessed class on either side: the name alone decides, when it is unique.
    const guessed = sameName.filter((d) => !trusted || !d.classTrusted);
    if (guessed.length === 1) return guessed[0];
    if (!trusted || guessed.length || !sameName.length) return null;
    // A change of class within a level: same name, same level, never twice in one sheet, never in two
    // classes of the same positionnement (two people then, unless their results are the same: a copy).
    const level = this.levelOf(record.className);
    const sameLevel = level ? sameName.filter((d) => this.levelOf(d.className) === level && !d.records.some((r) => r.sheet === record.sheet)) : [];
    const moved = sameLevel.filter((d) => !samePositionnement(d, record));
    if (moved.length === 1) return moved[0];
    if (moved.length) return null;
    const copy = sameLevel.find((d) => sameResults(d, record));
    if (copy) this.reportCopy(copy, record);
    return copy ?? null;
  }

  private reportCopy(draft: Draft, record: RowRecord): void {
    const first = draft.records.find((r) => ASSESSMENT_ROLES.includes(r.role)) ?? draft.records[0];
    this.diagnostics.push(
      diagnostic(
        'warning',
        record.sheet,
        record.source.cell,
        `${displayName(record.lastName, record.firstName)} figure en ${draft.className} (${where(first.source)}) et en ${record.className} (${where(record.source)}) dans le même positionnement, avec les mêmes résultats : une copie, comptée une fois (classe retenue : ${draft.className}) ; supprimez la ligne en trop`,
      ),
    );
  }

  private reportSharedIne(known: Draft, record: RowRecord): void {
    const first = known.records[0].source;
    this.diagnostics.push(
      diagnostic(
        'warning',
        record.sheet,
        record.source.cell,
        `INE ${record.ine} saisi pour ${displayName(known.lastName, known.firstName)} (${where(first)}) et pour ${displayName(record.lastName, record.firstName)} (${where(record.source)}) : deux élèves différents, gardés distincts ; corrigez l'INE erroné`,
      ),
    );
  }

  add(record: RowRecord): void {
    let draft = this.find(record);
    if (!draft) {
      if ((record.role === 'self-assessment' || record.role === 'interview') && !record.classFromColumn) {
        this.diagnostics.push(
          diagnostic('warning', record.sheet, record.source.cell, `${displayName(record.lastName, record.firstName)} ne correspond à aucun élève des positionnements ou des listes : ligne non rattachée`),
        );
        return;
      }
      draft = this.newDraft(record);
    } else if (!draft.classTrusted && trustedClass(record)) {
      this.moveTo(draft, record);
    } else this.checkSameClass(draft, record);
    if (record.ine && !draft.ine) draft.ine = record.ine;
    this.reportTwice(draft, record);
    draft.records.push(record);
    this.index(draft);
    draft.levelText ??= record.levelText;
    draft.leftOn ??= record.leftOn;
    if (record.pairs) draft.pairs.push(...record.pairs);
    this.addAnswers(draft, record);
    this.addResults(draft, record);
  }

  private newDraft(record: RowRecord): Draft {
    const draft: Draft = {
      lastName: record.lastName,
      firstName: record.firstName,
      nameKey: record.nameKey,
      className: record.className || record.sheet,
      classTrusted: trustedClass(record),
      classRound: classRoundOf(record),
      ine: record.ine,
      levelText: null,
      records: [],
      results: new Map(),
      selfResults: new Map(),
      pairs: [],
    };
    this.drafts.push(draft);
    return draft;
  }

  private moveTo(draft: Draft, record: RowRecord): void {
    this.byClassName.delete(`${classKey(draft.className)}|${draft.nameKey}`);
    draft.className = record.className;
    draft.classTrusted = true;
    draft.classRound = classRoundOf(record);
  }

  /** Twice in one sheet for the same positionnement (rows of several dates are several positionnements). */
  private reportTwice(draft: Draft, record: RowRecord): void {
    const sameSheet = draft.records.find((r) => r.sheet === record.sheet);
    if (!sameSheet) return;
    const rounds = new Set(record.rounds);
    const twice = draft.records.find((r) => r.sheet === record.sheet && (r.rounds.length === 0 ? rounds.size === 0 : r.rounds.some((n) => rounds.has(n))));
    if (!twice) return;
    const count = (this.twicePerSheet.get(record.sheet) ?? 0) + 1;
    this.twicePerSheet.set(record.sheet, count);
    if (count > MAX_TWICE_WARNINGS) return;
    this.diagnostics.push(
      diagnostic('warning', record.sheet, record.source.cell, `${displayName(draft.lastName, draft.firstName)} figure deux fois dans cette feuille (lignes ${twice.source.cell.replace(/^\D+/, '')} et ${record.source.cell.replace(/^\D+/, '')})`),
    );
  }

  /** Rows of one sheet that repeat a pupil, per sheet: beyond twenty, one line sums them up. */
  private readonly twicePerSheet = new Map<string, number>();

  private reportTwiceBeyond(): void {
    for (const [sheet, count] of this.twicePerSheet) {
      if (count <= MAX_TWICE_WARNINGS) continue;
      this.diagnostics.push(diagnostic('warning', sheet, '', `et ${count - MAX_TWICE_WARNINGS} autres élèves figurant deux fois dans cette feuille`));
    }
  }

  private checkSameClass(draft: Draft, record: RowRecord): void {
    if (!trustedClass(record) || classKey(record.className) === classKey(draft.className)) return;
    const first = draft.records[0];
    const level = this.levelOf(record.className);
    const newer = classRoundOf(record) > draft.classRound;
    const before = draft.className;
    if (newer) this.moveTo(draft, record);
    if (level && level === this.levelOf(before)) {
      this.diagnostics.push(
        diagnostic('info', record.sheet, record.source.cell, `${displayName(draft.lastName, draft.firstName)} : en ${before} dans ${where(first.source)}, en ${record.className} ici ; changement de classe en ${level}, compté une fois (classe retenue : ${draft.className})`),
      );
      return;
    }
    this.diagnostics.push(
      diagnostic('warning', record.sheet, record.source.cell, `${displayName(draft.lastName, draft.firstName)} (même INE) est en ${before} dans ${where(first.source)} mais en ${record.className} ici : la classe ${draft.className} est gardée`),
    );
  }

  private addAnswers(draft: Draft, record: RowRecord): void {
    for (const key of ['profile', 'project'] as const) {
      const value = record[key];
      if (!value) continue;
      if (draft[key] && draft[key] !== value) {
        const what = key === 'profile' ? 'profil' : 'projet';
        this.diagnostics.push(diagnostic('warning', record.sheet, record.source.cell, `${displayName(draft.lastName, draft.firstName)} : ${what} différent d'une autre ligne, le premier lu est gardé`));
        continue;
      }
      (draft as Record<typeof key, string>)[key] = value;
    }
    if (record.wishes && !draft.wishes) draft.wishes = record.wishes;
  }

  private addResults(draft: Draft, record: RowRecord): void {
    const conflicts: string[] = [];
    let firstSource: SourceRef | null = null;
    for (const result of record.selfResults) {
      const id = this.selfIds.get(result.competencyId) ?? null;
      if (id !== null && !draft.selfResults.has(id)) draft.selfResults.set(id, id === result.competencyId ? result : { ...result, competencyId: id });
    }
    for (let i = 0; i < record.results.length; i++) {
      const result = record.results[i];
      const round = record.rounds[i];
      let ofRound = draft.results.get(round);
      if (!ofRound) draft.results.set(round, (ofRound = []));
      const number = this.competencyNumber(result.competencyId);
      const known = ofRound[number];
      if (!known) {
        ofRound[number] = result;
        continue;
      }
      if (known.level === result.level) continue;
      firstSource ??= known.source;
      conflicts.push(`${this.competencyLabels.get(result.competencyId) ?? result.competencyId} : ${LEVEL_WORDS[known.level]} / ${LEVEL_WORDS[result.level]}`);
    }
    if (!conflicts.length || !firstSource) return;
    const shown = conflicts.slice(0, 3).join(' ; ') + (conflicts.length > 3 ? ' ; …' : '');
    this.diagnostics.push(
      diagnostic(
        'warning',
        record.sheet,
        record.source.cell,
        `${displayName(draft.lastName, draft.firstName)} : ${conflicts.length} résultat${conflicts.length > 1 ? 's' : ''} différent${conflicts.length > 1 ? 's' : ''} de ceux lus en ${where(firstSource)} (${shown}) ; les premiers lus sont gardés`,
      ),
    );
  }

  finish(today: string | undefined): Assembly {
    const drafts = this.withoutLeavers(today);
    const pupils = drafts.map((draft) => this.pupilOf(draft));
    const order = new Map(pupils.map((p, i) => [p, drafts[i]]));
    pupils.sort(
      (a, b) =>
        compareLevels(a.level, b.level) || COLLATOR.compare(a.className, b.className) || COLLATOR.compare(a.displayName, b.displayName) || (a.id < b.id ? -1 : 1),
    );
    // Homonyms of one level are numbered in the order a coordinator reads them (class, then name).
    const ids = new Set<string>();
    for (const pupil of pupils) {
      let id = pupil.id;
      for (let n = 2; ids.has(id); n++) id = `${pupil.id}#${n}`;
      ids.add((pupil.id = id));
    }
    const draftOf = (p: Pupil) => order.get(p) as Draft;
    const rounds = roundsOf(pupils, draftOf);
    this.reportHomonyms(pupils, draftOf);
    this.reportMissing(pupils, draftOf);
    const pairs = this.resolvePairs(pupils, draftOf);
    const pupilsPerSheet = new Map<string, number>();
    for (const p of pupils) for (const sheet of new Set(draftOf(p).records.map((r) => r.sheet))) pupilsPerSheet.set(sheet, (pupilsPerSheet.get(sheet) ?? 0) + 1);
    this.reportTwiceBeyond();
    const duplicateRows = [...this.twicePerSheet.values()].reduce((a, b) => a + b, 0);
    return { pupils, rounds, pairs, pupilsPerSheet, duplicateRows };
  }

  /** Pupils whose « Date de sortie » is past are not planned: said once each, with the cell. */
  private withoutLeavers(today: string | undefined): Draft[] {
    if (!today) return this.drafts;
    return this.drafts.filter((draft) => {
      if (!draft.leftOn || draft.leftOn > today) return true;
      const source = draft.records.find((r) => r.leftOn)?.source ?? draft.records[0].source;
      const [y, m, d] = draft.leftOn.split('-');
      this.diagnostics.push(
        diagnostic('info', source.sheet, source.cell, `${displayName(draft.lastName, draft.firstName)} (${draft.className}) a quitté l'établissement le ${d}/${m}/${y} : non planifié${hasAssessment(draft) ? ' (ses résultats ne sont pas comptés)' : ''}`),
      );
      return false;
    });
  }

  private unknownLevels = new Set<string>();

  private levelOfDraft(draft: Draft): string {
    const fromText = draft.levelText ? normalizeLevel(draft.levelText) ?? tidy(draft.levelText) : null;
    const level = this.levelOf(draft.className) || fromText;
    if (level) return level;
    if (!this.unknownLevels.has(classKey(draft.className))) {
      this.unknownLevels.add(classKey(draft.className));
      const source = draft.records[0].source;
      this.diagnostics.push(
        diagnostic('warning', source.sheet, source.cell, `classe « ${draft.className} » : niveau inconnu ; renseignez le niveau de cette classe dans « AP Paramètres »`),
      );
    }
    return draft.className;
  }

  /** The pupil of a draft; its id may still get a homonym's number (`finish`). */
  private pupilOf(draft: Draft): Pupil {
    const level = this.levelOfDraft(draft);
    const pupil: Pupil = {
      id: pupilId(draft.ine, level, draft.nameKey),
      lastName: draft.lastName,
      firstName: draft.firstName,
      displayName: displayName(draft.lastName, draft.firstName),
      className: draft.className,
      level,
      // Each competency keeps the result of the latest round that assessed it.
      results: latestResults(draft.results),
      selfResults: [...draft.selfResults.values()],
      sources: [...new Map(draft.records.map((r) => [where(r.source), r.source])).values()],
    };
    if (draft.ine) pupil.ine = draft.ine;
    if (draft.profile) pupil.profile = draft.profile;
    if (draft.project) pupil.project = draft.project;
    if (draft.wishes) pupil.wishes = draft.wishes;
    return pupil;
  }

  /**
   * « Regroupé avec » / « Séparé de »: each name written (several separated by « , », « ; », « / » or
   * « et ») is looked up among the pupils, same level first; a name found nowhere, or twice, is reported.
   */
  private resolvePairs(pupils: Pupil[], draftOf: (p: Pupil) => Draft): PairConstraint[] {
    const byName = new Map<string, Pupil[]>();
    for (const p of pupils) pushTo(byName, draftOf(p).nameKey, p);
    const pairs: PairConstraint[] = [];
    const seen = new Set<string>();
    for (const pupil of pupils) {
      for (const request of draftOf(pupil).pairs) {
        for (const name of request.names.split(/\s*[,;/+]\s*|\s+et\s+/).map(tidy).filter(Boolean)) {
          const { lastName, firstName } = splitFullName(name);
          const found = [...new Set([...(byName.get(nameKey(lastName, firstName)) ?? []), ...(byName.get(nameKey(firstName, lastName)) ?? [])])].filter((p) => p !== pupil);
          const sameLevel = found.filter((p) => p.level === pupil.level);
          const match = sameLevel.length === 1 ? sameLevel[0] : found.length === 1 ? found[0] : null;
          if (!match) {
            const why = found.length ? 'plusieurs élèves portent ce nom' : 'aucun élève de ce nom';
            this.diagnostics.push(diagnostic('warning', request.source.sheet, request.source.cell, `« ${name} » (${request.relation === 'together' ? 'regroupé avec' : 'séparé de'} ${pupil.displayName}) : ${why}, contrainte ignorée`));
            continue;
          }
          const pupilIds = [pupil.id, match.id].sort() as [string, string];
          const key = `${request.relation}|${pupilIds.join('|')}`;
          if (seen.has(key)) continue;
          seen.add(key);
          pairs.push({ relation: request.relation, pupilIds, source: request.source });
        }
      }
    }
    return pairs;
  }

  private reportHomonyms(pupils: Pupil[], draftOf: (p: Pupil) => Draft): void {
    const byName = new Map<string, Pupil[]>();
    for (const p of pupils) pushTo(byName, draftOf(p).nameKey, p);
    for (const same of byName.values()) {
      if (same.length < 2) continue;
      const classes = same.map((p) => `${p.className} (${where(p.sources[0])})`).join(', ');
      const source = same[1].sources[0];
      const allIne = same.every((p) => p.ine);
      this.diagnostics.push(
        allIne
          ? diagnostic('info', source.sheet, source.cell, `homonymes : ${same.length} élèves ${same[0].displayName} en ${classes} aux INE différents, gardés distincts`)
          : diagnostic('warning', source.sheet, source.cell, `${same[0].displayName} figure en ${classes} : homonymes ou élève inscrit dans deux classes ? Vérifiez ; ils sont gardés distincts`),
      );
    }
  }

  private reportMissing(pupils: Pupil[], draftOf: (p: Pupil) => Draft): void {
    const hasRole = (p: Pupil, roles: SheetRole[]) => draftOf(p).records.some((r) => roles.includes(r.role));
    const listSheets = [...new Set(this.drafts.flatMap((d) => d.records.filter((r) => r.role === 'class-list').map((r) => r.sheet)))];
    // A class counts as assessed when most of its pupils are: one pupil who joined it from an assessed
    // class does not make the others « forgotten ».
    const balance = new Map<string, number>();
    for (const p of pupils) balance.set(classKey(p.className), (balance.get(classKey(p.className)) ?? 0) + (hasRole(p, ASSESSMENT_ROLES) ? 1 : -1));
    const assessedClasses = new Set([...balance].filter(([, b]) => b > 0).map(([key]) => key));
    const unassessedByClass = new Map<string, Pupil[]>();
    for (const p of pupils) {
      const first = p.sources[0];
      const inList = hasRole(p, ['class-list']);
      const assessed = hasRole(p, ASSESSMENT_ROLES);
      if (listSheets.length && !inList) {
        this.diagnostics.push(diagnostic('warning', first.sheet, first.cell, `${p.displayName} (${p.className}) est absent de la liste d'élèves « ${listSheets.join(' », « ')} »`));
      }
      if (assessed) continue;
      if (inList && !assessedClasses.has(classKey(p.className))) {
        pushTo(unassessedByClass, p.className, p);
      } else if (inList) {
        this.diagnostics.push(diagnostic('warning', first.sheet, first.cell, `${p.displayName} (${p.className}) est dans la liste d'élèves mais dans aucun positionnement`));
      } else {
        const roles = [...new Set(draftOf(p).records.map((r) => (r.role === 'interview' ? 'les entretiens' : "l'autopositionnement")))].join(' et ');
        this.diagnostics.push(diagnostic('warning', first.sheet, first.cell, `${p.displayName} (${p.className}) n'apparaît que dans ${roles}, dans aucun positionnement`));
      }
    }
    for (const [className, list] of unassessedByClass) {
      const first = list[0].sources[0];
      this.diagnostics.push(diagnostic('info', first.sheet, '', `classe ${className} : ${list.length} élève${list.length > 1 ? 's' : ''} de la liste sans aucun positionnement`));
    }
    this.reportSheetGaps(pupils, draftOf);
  }

  /** A pupil assessed in some sheets of their class but missing from another sheet listing that class. */
  private reportSheetGaps(pupils: Pupil[], draftOf: (p: Pupil) => Draft): void {
    const sheets = new Map<string, { role: SheetRole; classes: Map<string, Set<Pupil>> }>();
    const pupilsByClass = new Map<string, Pupil[]>();
    for (const p of pupils) {
      const key = classKey(p.className);
      for (const record of draftOf(p).records) {
        if (!ASSESSMENT_ROLES.includes(record.role) && record.role !== 'interview' && record.role !== 'self-assessment') continue;
        const sheet = sheets.get(record.sheet) ?? { role: record.role, classes: new Map() };
        sheet.classes.set(key, (sheet.classes.get(key) ?? new Set()).add(p));
        sheets.set(record.sheet, sheet);
      }
      if (!hasAssessment(draftOf(p))) continue;
      pushTo(pupilsByClass, key, p);
    }
    for (const [sheetName, sheet] of sheets) {
      for (const [key, present] of sheet.classes) {
        const expected = (pupilsByClass.get(key) ?? []).filter((p) => !present.has(p));
        if (!expected.length) continue;
        const className = [...present][0].className;
        const total = expected.length + present.size;
        if (!ASSESSMENT_ROLES.includes(sheet.role) || expected.length * 2 > total) {
          this.diagnostics.push(diagnostic('info', sheetName, '', `cette feuille ne liste que ${present.size} des ${total} élèves de ${className}`));
          continue;
        }
        for (const p of expected) {
          this.diagnostics.push(diagnostic('warning', sheetName, '', `${p.displayName} (${className}) est absent de cette feuille, qui liste d'autres élèves de ${className}`));
        }
      }
    }
  }
}

/** Round of a record of a positionnement (null for lists, interviews, self-assessments). */
function assessmentRound(record: RowRecord): number | null {
  return ASSESSMENT_ROLES.includes(record.role) ? Math.max(1, ...record.rounds) : null;
}

/** Does the draft already hold a row of the positionnement this record belongs to? */
function samePositionnement(draft: Draft, record: RowRecord): boolean {
  const round = assessmentRound(record);
  return round !== null && draft.records.some((r) => assessmentRound(r) === round);
}

/** Same results, competency by competency, in the draft's rows of the record's positionnement. */
function sameResults(draft: Draft, record: RowRecord): boolean {
  const round = assessmentRound(record);
  const known = new Map<string, number>();
  for (const r of draft.records) if (assessmentRound(r) === round) for (const result of r.results) known.set(result.competencyId, result.level);
  const mine = new Map(record.results.map((result) => [result.competencyId, result.level] as const));
  return mine.size > 0 && mine.size === known.size && [...mine].every(([id, level]) => known.get(id) === level);
}

function pushTo<K, V>(map: Map<K, V[]>, key: K, value: V): void {
  const list = map.get(key);
  if (list) list.push(value);
  else map.set(key, [value]);
}

/** Per competency, the result of the latest round that assessed it. */
function latestResults(byRound: Map<number, (AssessmentResult | undefined)[]>): AssessmentResult[] {
  const rounds = [...byRound.keys()].sort((a, b) => b - a).map((round) => byRound.get(round) as (AssessmentResult | undefined)[]);
  const width = Math.max(0, ...rounds.map((r) => r.length));
  const latest: AssessmentResult[] = [];
  for (let number = 0; number < width; number++) {
    const result = rounds.find((r) => r[number])?.[number];
    if (result) latest.push(result);
  }
  return latest;
}

/** Every round's results, oldest first, when the workbook holds more than one positionnement. */
function roundsOf(pupils: Pupil[], draftOf: (p: Pupil) => Draft): AssessmentRound[] {
  const seen = new Set<number>();
  for (const p of pupils) for (const round of draftOf(p).results.keys()) seen.add(round);
  if (seen.size < 2) return [];
  return [...seen]
    .sort((a, b) => a - b)
    .map((round) => ({
      label: `Positionnement ${round}`,
      results: pupils.flatMap((p) => (draftOf(p).results.get(round) ?? []).flatMap((result) => (result ? [{ pupilId: p.id, result }] : []))),
    }));
}

function hasAssessment(draft: Draft): boolean {
  return draft.records.some((r) => ASSESSMENT_ROLES.includes(r.role));
}

export interface AssembleInput {
  records: RowRecord[];
  classLevels: ClassLevel[];
  competencies: Competency[];
  /** Self-assessment competency id -> teams' competency id (null: no equivalent). */
  selfIds: Map<string, string | null>;
  /** ISO date of the run, for the pupils who left. */
  today?: string;
}

export function assemble(input: AssembleInput, diagnostics: Diagnostic[]): Assembly {
  const assembler = new Assembler(diagnostics, input.competencies, input.selfIds, input.classLevels);
  const ordered = [...input.records].sort(
    (a, b) => ROLE_ORDER.indexOf(a.role) - ROLE_ORDER.indexOf(b.role) || a.sheetIndex - b.sheetIndex || a.row - b.row,
  );
  for (const record of ordered) assembler.add(record);
  return assembler.finish(input.today);
}

