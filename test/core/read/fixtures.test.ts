/**
 * The reader on realistic workbooks (test/fixtures/, written by scripts/make-fixtures.ts). What it
 * must find is derived from the same builders that wrote the files, with the meaning of every value
 * spelled out here, independently of the reader's own tables.
 */
import { noDiscipline } from './helpers';
import { UNSPECIFIED_DISCIPLINE } from '../../../src/core/read/vocabulary';
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../../src/core/grid';
import type { Pupil, ReadResult } from '../../../src/core/model';
import { readWorkbook } from '../../../src/core/read';
import {
  AGORA_LABELS, autopositionnement, BIG_SHEET_ITEMS, CLASS_SHEET_COMPETENCIES, couleurs, deuxPositionnements, DIAGNOSTIC_HEADERS,
  DISCIPLINE_SHEETS, FIXTURES_DIR, grandeFeuille, HIDDEN_COMPETENCY, illisible, letters, NATIONAL_DOMAINS, parClasse, parDiscipline,
  ROUND_ITEMS, SELF_ITEMS, testNational, type Raw,
} from '../../../scripts/make-fixtures';
import { normalizeText } from '../../../src/core/text';
import { loadXlsx } from './loadXlsx';

const snapshots = new Map<string, WorkbookSnapshot>();
beforeAll(async () => {
  for (const file of ['par-classe', 'par-discipline', 'grande-feuille', 'test-national', 'couleurs', 'autopositionnement-entretiens', 'deux-positionnements', 'illisible']) {
    snapshots.set(file, await loadXlsx(path.join(FIXTURES_DIR, `${file}.xlsx`)));
  }
});

const read = (file: string, classLevels: { className: string; level: string }[] = []) => readWorkbook(snapshots.get(file) as WorkbookSnapshot, { classLevels });

const lines = (result: ReadResult) => result.diagnostics.map((d) => `${d.severity} ${d.sheet}${d.cell ? `!${d.cell}` : ''} : ${d.message}`);

function pupil(result: ReadResult, pupilId: string): Pupil {
  const found = result.pupils.find((p) => p.id === pupilId);
  if (!found) throw new Error(`élève ${pupilId} non lu`);
  return found;
}

/** The pupil of that name in that class (homonyms of one level share the name part of their id). */
function pupilIn(result: ReadResult, className: string, lastName: string, firstName: string): Pupil {
  const name = normalizeText(`${lastName} ${firstName}`);
  const found = result.pupils.find((p) => /^eleve:/.test(p.id) && p.id.replace(/^[^|]*\|/, '').replace(/#\d+$/, '') === name && p.className === className);
  if (!found) throw new Error(`élève ${name} (${className}) non lu`);
  return found;
}

/** What each written value means, as a coordinator would read it (null: not assessed). */
const MEANING: Record<string, number | null> = {
  A: 3, a: 3, 'A ': 3, Acquis: 3, acquis: 3,
  ECA: 2, eca: 2, EC: 2, 'en cours': 2, "En cours d'acquisition": 2, PA: 2,
  NA: 1, na: 1, 'N.A.': 1, 'non acquis': 1, 'Non acquis': 1,
  '++': 4, '+': 3, '-': 2, '--': 1, '- -': 1,
  'Maîtrise insuffisante': 1, 'maîtrise insuffisante': 1, 'Maîtrise fragile': 2, fragile: 2, 'Maîtrise satisfaisante': 3, 'Maîtrise satisfaisante ': 3, 'Très bonne maîtrise': 4, TBM: 4,
  '1': 1, '2': 2, '3': 3, '4': 4,
  abs: null, 'Abs.': null, absent: null, 'disp.': null, NE: null, AQ: null, 'Test incomplet': null,
};

function meaning(value: Raw): number | null {
  if (value === null) return null;
  if (typeof value === 'number') return value;
  const level = MEANING[String(value)];
  if (level === undefined) throw new Error(`valeur de test sans signification : ${String(value)}`);
  return level;
}

/** Results expected from written values: `cells[i]` is the A1 address of value i. */
function expectedResults(values: Raw[], ids: string[], cells: string[], sheet: string) {
  return values.flatMap((value, i) => {
    const level = meaning(value);
    return level === null ? [] : [{ competencyId: ids[i], level, source: { sheet, cell: cells[i] } }];
  });
}

const competencyId = (discipline: string, label: string) => `${normalizeText(discipline)}|${normalizeText(label)}`;

describe('one sheet per class (par-classe.xlsx)', () => {
  const { classes } = parClasse();
  const ids = CLASS_SHEET_COMPETENCIES.flatMap((d) => d.items.map((item) => competencyId(d.discipline, item)));

  it('reads every pupil of every class sheet with exactly the written results', () => {
    const result = read('par-classe');
    expect(result.pupils).toHaveLength(24 + 22 + 20);
    for (const [className, facts] of Object.entries(classes)) {
      facts.pupils.forEach((p, i) => {
        const row = facts.rows[i];
        const found = pupilIn(result, className, p.lastName, p.firstName);
        let cells: string[];
        let competencies = ids;
        if (className === '1AGORA') {
          cells = AGORA_LABELS.map((_, k) => `${letters(2 + k)}${row}`);
          competencies = ['francais|comprendre un texte', 'francais|s exprimer a l ecrit', 'mathematiques|calcul numerique', 'mathematiques|proportionnalite', 'methodologie|organiser son travail'];
        } else {
          // In 2MRC, hidden column K (a discarded competency) sits between maths and méthodologie.
          cells = ids.map((_, k) => `${letters(3 + k + (className === '2MRC' && k >= 8 ? 1 : 0))}${row}`);
        }
        expect(found.results).toEqual(expectedResults(p.values, competencies, cells, className));
        expect(found.sources).toEqual([{ sheet: className, cell: `A${row}` }]);
        expect(found.level).toBe(className === '1AGORA' ? '1re' : '2nde');
      });
    }
  });

  it('reads the discipline row, leaves the hidden competency out, and says what it skipped', () => {
    const result = read('par-classe');
    expect(result.competencies.map((c) => c.id)).toEqual(ids);
    expect(result.competencies.some((c) => c.label === HIDDEN_COMPETENCY)).toBe(false);
    expect(result.sheets.map((s) => [s.sheet, s.role, s.pupilCount])).toEqual([
      ['2MRC', 'positionnement', 24],
      ['2MELEC', 'positionnement', 22],
      ['1AGORA', 'positionnement', 20],
      ['AP Paramètres', 'parameters', 0],
      ['Budget', 'ignored', 0],
    ]);
    expect(lines(result)).toEqual([
      'info 2MRC : colonne masquée K non lue : une colonne masquée est prise pour une compétence écartée (donnez-lui un rôle dans « AP Correspondances » pour la lire)',
      'warning 2MRC!F14 : valeur « AQ » inconnue, comptée comme non évaluée',
      'info 2MRC!A32 : lignes 32, 33 : lignes de synthèse, formules ou légendes, pas des élèves (ignorées)',
      'info 2MELEC!A29 : lignes 29, 30 : lignes de synthèse, formules ou légendes, pas des élèves (ignorées)',
      'info 2MELEC : lignes masquées 11 lues quand même : un élève masqué reste un élève',
      'info Budget : feuille ignorée : aucune colonne « Nom », « Nom Prénom » ou « Élève » dans les 40 premières lignes',
    ]);
  });

  it('keeps a pupil with nothing assessed yet', () => {
    const late = classes['2MELEC'].pupils[21];
    expect(pupilIn(read('par-classe'), '2MELEC', late.lastName, late.firstName).results).toEqual([]);
  });
});

describe('one sheet per discipline (par-discipline.xlsx)', () => {
  const { facts } = parDiscipline();

  it('merges each pupil across the discipline sheets, whatever the order and the spelling', () => {
    const result = read('par-discipline');
    expect(result.pupils).toHaveLength(facts.pupils.length);
    expect(result.competencies.map((c) => c.id)).toEqual(DISCIPLINE_SHEETS.flatMap((d) => d.items.map((item) => competencyId(d.sheet === 'Maths' ? 'Mathématiques' : d.sheet, item))));
    const respelled = facts.pupils[facts.respelled];
    expect(pupilIn(result, '2MELEC', respelled.lastName, respelled.firstName).sources.map((s) => s.sheet)).toEqual(['Français', 'Maths', 'Anglais']);
    facts.pupils.forEach((p, i) => {
      const found = pupilIn(result, p.className, p.lastName, p.firstName);
      const expected = DISCIPLINE_SHEETS.flatMap((def) => {
        const line = facts.sheets[def.sheet].find((w) => w.pupil === i);
        if (!line) return [];
        const ids = def.items.map((item) => competencyId(def.sheet === 'Maths' ? 'Mathématiques' : def.sheet, item));
        return expectedResults(line.values, ids, def.items.map((_, k) => `${letters(4 + k)}${line.row}`), def.sheet);
      });
      expect(found.results).toEqual(expected);
    });
  });

  it('reports the pupil typed twice, the homonyms and the pupil missing from a sheet', () => {
    const result = read('par-discipline');
    const twice = facts.pupils[facts.twiceInMaths];
    const [first, second] = facts.sheets.Maths.filter((w) => w.pupil === facts.twiceInMaths);
    const missing = facts.pupils[facts.missingFromAnglais];
    const homonyms = facts.sheets['Français'].find((w) => w.pupil === facts.homonyms[0]);
    // Both homonyms are named with their cells, in class order.
    const homonymCells = facts.homonyms
      .map((k) => ({ className: facts.pupils[k].className, row: facts.sheets['Français'].find((w) => w.pupil === k)?.row }))
      .sort((a, b) => (a.className < b.className ? -1 : 1))
      .map((h) => `${h.className} (Français!B${h.row})`)
      .join(', ');
    expect(lines(result).filter((l) => l.startsWith('warning'))).toEqual([
      `warning Maths!B${second.row} : ${twice.lastName.toUpperCase()} ${twice.firstName} figure deux fois dans cette feuille (lignes ${first.row} et ${second.row})`,
      expect.stringMatching(new RegExp(`^warning Maths!B${second.row} : ${twice.lastName.toUpperCase()} ${twice.firstName} : 3 résultats différents de ceux lus en Maths!D${first.row} \\(.*\\) ; les premiers lus sont gardés$`)),
      `warning Français!B${homonyms?.row} : MARTIN Léa figure en ${homonymCells} : homonymes ou élève inscrit dans deux classes ? Vérifiez ; ils sont gardés distincts`,
      `warning Anglais : ${missing.lastName.toUpperCase()} ${missing.firstName} (${missing.className}) est absent de cette feuille, qui liste d'autres élèves de ${missing.className}`,
    ]);
    expect(result.pupils.filter((p) => p.displayName === 'MARTIN Léa').map((p) => p.className)).toEqual(['2MELEC', '2MRC']);
  });
});

describe('one big sheet with Niveau and Classe (grande-feuille.xlsx)', () => {
  const { pupils, rows } = grandeFeuille();

  it('reads levels from the Niveau column when class names say nothing, and asks for the unknown one', () => {
    const result = read('grande-feuille');
    expect(result.pupils).toHaveLength(36);
    const levelOf = (className: string) => [...new Set(result.pupils.filter((p) => p.className === className).map((p) => p.level))];
    expect([levelOf('ASSP-A'), levelOf('ASSP-B'), levelOf('CAP1 EPC'), levelOf('MCV-X')]).toEqual([['2nde'], ['2nde'], ['CAP 1'], ['MCV-X']]);
    const first = pupils.findIndex((p) => p.className === 'MCV-X');
    expect(lines(result)).toEqual([
      `warning ${noDiscipline('Positionnement!F2', ['F', 'G', 'H', 'I', 'J', 'K'])}`,
      "info Notes T1 : feuille ignorée : notes chiffrées sans niveaux de maîtrise : ce n'est pas un positionnement",
      'info Absences : feuille ignorée : suivi des absences : aucune compétence à lire',
      `warning Positionnement!D${rows[first]} : classe « MCV-X » : niveau inconnu ; renseignez le niveau de cette classe dans « AP Paramètres »`,
    ]);
    const fixed = read('grande-feuille', [{ className: 'MCV-X', level: 'CAP 2' }, { className: 'assp-b', level: '1re' }]);
    expect(fixed.diagnostics.filter((d) => d.severity === 'warning').map((d) => `${d.sheet}!${d.cell} : ${d.message}`)).toEqual([noDiscipline('Positionnement!F2', ['F', 'G', 'H', 'I', 'J', 'K'])]);
    expect(new Set(fixed.pupils.filter((p) => p.className === 'ASSP-B').map((p) => p.level))).toEqual(new Set(['1re']));
  });

  it('reads LSU levels typed as numbers or text, and leaves grades and absences alone', () => {
    const result = read('grande-feuille');
    const ids = BIG_SHEET_ITEMS.map((item) => competencyId(UNSPECIFIED_DISCIPLINE, item));
    pupils.forEach((p, i) => {
      const cells = BIG_SHEET_ITEMS.map((_, k) => `${letters(6 + k)}${rows[i]}`);
      expect(pupilIn(result, p.className, p.lastName, p.firstName).results).toEqual(expectedResults(p.values, ids, cells, 'Positionnement'));
    });
    expect(result.sheets.map((s) => [s.sheet, s.role])).toEqual([['Positionnement', 'positionnement'], ['Notes T1', 'ignored'], ['Absences', 'ignored']]);
  });
});

describe('national test export (test-national.xlsx)', () => {
  const { facts, diagnostic } = testNational();

  it('identifies pupils by INE, reads level words, and counts « Test incomplet » as not assessed', () => {
    const result = read('test-national');
    expect(result.pupils).toHaveLength(25);
    expect(result.pupils.every((p) => p.id === `ine:${p.ine}`)).toBe(true);
    const ids = NATIONAL_DOMAINS.map((d) => competencyId(d.discipline, d.domain));
    facts.pupils.forEach((p, i) => {
      const found = pupil(result, `ine:${p.ine}`);
      expect(found.className).toBe(p.className);
      const teamResults = found.results.filter((r) => r.source.sheet === 'Export tests');
      if (i === facts.absentFromTest) return expect(teamResults).toEqual([]);
      const row = facts.rows[i > facts.absentFromTest ? i - 1 : i];
      // The level column (words) is read; the score beside it is the same competency.
      const cells = NATIONAL_DOMAINS.map((_, d) => `${letters(7 + 2 * d)}${row}`);
      expect(teamResults).toEqual(expectedResults(p.values, ids, cells, 'Export tests'));
    });
    expect(pupil(result, `ine:${facts.pupils[facts.incomplete[1]].ine}`).results.filter((r) => r.competencyId.startsWith('math'))).toEqual([]);
  });

  it('never copies a date of birth anywhere', () => {
    const result = read('test-national');
    const text = JSON.stringify(result);
    for (const p of facts.pupils) {
      const serial = Math.round((p.birth.getTime() - Date.UTC(1899, 11, 30)) / 86_400_000);
      const iso = p.birth.toISOString().slice(0, 10);
      const [y, m, d] = iso.split('-');
      for (const form of [String(serial), iso, `${d}/${m}/${y}`]) expect(text).not.toContain(form);
    }
    expect(result.mapping.sheets[0].columns[3]).toMatchObject({ header: 'Date de naissance', role: { kind: 'identity', field: 'birthDate' } });
  });

  it('reads scores and percentages with thresholds 25 / 50 / 75 %', () => {
    const result = read('test-national');
    const percent = (value: number) => (value < 25 ? 1 : value < 50 ? 2 : value < 75 ? 3 : 4);
    const ids = DIAGNOSTIC_HEADERS.map((h) => competencyId('Mathématiques', h.replace(/\s*\(.*\)$/, '')));
    diagnostic.rows.forEach((line, i) => {
      const [lastName, firstName, , fractions, proportion, mental] = line;
      const p = pupil(result, `ine:${facts.pupils[i].ine}`);
      expect(String(lastName)).toBe(facts.pupils[i].lastName.toUpperCase());
      expect(String(firstName)).toBe(facts.pupils[i].firstName);
      const expected = [
        { competencyId: ids[0], level: percent(((fractions as number) / 20) * 100), source: { sheet: 'Diagnostic maths', cell: `D${i + 3}` } },
        { competencyId: ids[1], level: percent(parseInt(String(proportion), 10)), source: { sheet: 'Diagnostic maths', cell: `E${i + 3}` } },
        ...(mental === 'abs' ? [] : [{ competencyId: ids[2], level: percent(((mental as number) / 10) * 100), source: { sheet: 'Diagnostic maths', cell: `F${i + 3}` } }]),
      ];
      expect(p.results.filter((r) => r.source.sheet === 'Diagnostic maths')).toEqual(expected);
    });
  });

  it('checks the export against the SIECLE list', () => {
    const result = read('test-national');
    const who = (i: number) => `${facts.pupils[i].lastName.toUpperCase()} ${facts.pupils[i].firstName}`;
    expect(result.sheets.map((s) => [s.sheet, s.role, s.pupilCount])).toEqual([['Export tests', 'national-test', 24], ['Élèves', 'class-list', 24], ['Diagnostic maths', 'positionnement', 13]]);
    expect(lines(result)).toEqual([
      'info Export tests : 4 résultats « Test incomplet » comptés comme non évalués (ce n\'est pas un échec)',
      `info Export tests!B${facts.rows[facts.otherClass - 1]} : ${who(facts.otherClass)} : en 2MELEC dans Élèves!A${facts.otherClass + 1}, en 2MRC ici ; changement de classe en 2nde, compté une fois (classe retenue : 2MELEC)`,
      `warning Élèves!A${facts.absentFromTest + 1} : ${who(facts.absentFromTest)} (2MELEC) est dans la liste d'élèves mais dans aucun positionnement`,
      `warning Export tests!B${facts.rows[facts.notInList]} : ${who(facts.notInList)} (2MRC) est absent de la liste d'élèves « Élèves »`,
    ]);
  });
});

describe('colours alone (couleurs.xlsx)', () => {
  it('reads red, orange or yellow, light and dark green whatever the shade', () => {
    const { four, three, rows, blueCell } = couleurs();
    const result = read('couleurs');
    const labels = ['Lire', 'Écrire', 'Calculer', 'Raisonner', 'Communiquer'];
    four.forEach((p, i) => {
      const expected = p.values.flatMap((level, k) => (level === null ? [] : [{ competencyId: competencyId(UNSPECIFIED_DISCIPLINE, labels[k]), level, source: { sheet: '2MELEC', cell: `${letters(3 + k)}${rows[i]}` } }]));
      expect(pupilIn(result, '2MELEC', p.lastName, p.firstName).results).toEqual(expected);
    });
    // Three colours (red, orange, one green): green means acquired (3).
    for (const p of three) {
      expect(pupilIn(result, '1MELEC', p.lastName, p.firstName).results.map((r) => r.level)).toEqual(p.values.filter((v) => v !== null));
    }
    expect(lines(result)).toEqual([
      `warning ${noDiscipline('2MELEC!C4', ['C', 'D', 'E', 'F', 'G'])}`,
      `warning ${noDiscipline('1MELEC!C4', ['C', 'D', 'E', 'F', 'G'])}`,
      `info 2MELEC!${blueCell} : 1 cellule d'une couleur hors de l'échelle rouge / orange / vert, non lue`,
    ]);
  });
});

describe('self-assessment, interviews and class list (autopositionnement-entretiens.xlsx)', () => {
  const { facts } = autopositionnement();

  it('keeps the pupil’s own view beside the teams’ on the same competencies', () => {
    const result = read('autopositionnement-entretiens');
    const ids = SELF_ITEMS.map((i) => competencyId(i.discipline, i.label));
    expect(result.competencies.map((c) => c.id)).toEqual(ids);
    facts.pupils.forEach((p, i) => {
      const found = pupilIn(result, '2MRC', p.lastName, p.firstName);
      expect(found.selfResults.map((r) => [r.competencyId, r.level])).toEqual(ids.map((cid, k) => [cid, facts.self[i][k]]));
      expect(found.results.map((r) => [r.competencyId, r.level])).toEqual(i === facts.forgotten ? [] : ids.map((cid, k) => [cid, meaning(facts.teacher[i][k])]));
    });
  });

  it('reads profiles and projects in their spellings', () => {
    const result = read('autopositionnement-entretiens');
    const profileOf: Record<string, string> = { "Contents d'être là": 'content', "content d'etre la": 'content', 'Pourquoi pas ?': 'maybe', 'pourquoi pas': 'maybe', 'Malgré eux': 'despite', 'malgre-eux': 'despite', '« Pourquoi pas » ?': 'maybe' };
    const projectOf: Record<string, string> = { 'BTS MCO': 'further-study', "Poursuite d'études": 'further-study', 'Insertion professionnelle': 'employment', 'Emploi dans la vente': 'employment', 'Passerelle vers un bac pro': 'bridge', 'Ne sait pas': 'undecided', 'Pas encore défini': 'undecided' };
    facts.pupils.forEach((p, i) => {
      const found = pupilIn(result, '2MRC', p.lastName, p.firstName);
      const profile = facts.profiles[i];
      const project = facts.projects[i];
      expect(found.profile).toBe(profile ? profileOf[profile] : undefined);
      expect(found.project).toBe(project ? projectOf[project] : undefined);
    });
  });

  it('knows the pupil the teacher forgot from the class list, and says what it could not attach', () => {
    const result = read('autopositionnement-entretiens');
    const forgotten = facts.pupils[facts.forgotten];
    expect(result.pupils).toHaveLength(22);
    expect(result.sheets.map((s) => [s.sheet, s.role, s.pupilCount])).toEqual([
      ['2MRC', 'positionnement', 21],
      ['Autopositionnement', 'self-assessment', 22],
      ['Entretiens', 'interview', 22],
      ['Liste Pronote', 'class-list', 22],
    ]);
    expect(lines(result)).toEqual([
      `warning ${noDiscipline('Autopositionnement!C3', ['C', 'D', 'E', 'F'])}`,
      `warning Entretiens!E${facts.unknownProfileRow} : profil « Motivé » inconnu (attendu : « Contents d'être là », « Pourquoi pas ? » ou « Malgré eux »), ignoré`,
      `warning Entretiens!A25 : INCONNU Ruben ne correspond à aucun élève des positionnements ou des listes : ligne non rattachée`,
      `warning Liste Pronote!A${facts.forgotten + 3} : ${forgotten.lastName.toUpperCase()} ${forgotten.firstName} (2MRC) est dans la liste d'élèves mais dans aucun positionnement`,
    ]);
  });
});

describe('two positionnements (deux-positionnements.xlsx)', () => {
  it('lists both rounds and keeps the latest result of each competency for the needs', () => {
    const { facts } = deuxPositionnements();
    const result = read('deux-positionnements');
    expect(result.rounds.map((r) => [r.label, r.results.length])).toEqual([['Positionnement 1', 66], ['Positionnement 2', 58]]);
    expect(result.competencies.map((c) => c.id)).toEqual(ROUND_ITEMS.map((item) => competencyId(UNSPECIFIED_DISCIPLINE, item)));
    facts.pupils.forEach((p, i) => {
      const found = pupilIn(result, p.className, p.lastName, p.firstName);
      const latest = ROUND_ITEMS.map((_, k) => meaning(facts.p2[i][k] ?? facts.p1[i][k]));
      expect(found.results.map((r) => r.level)).toEqual(latest);
      const ofRound = (n: number) => result.rounds[n].results.filter((r) => r.pupilId === found.id).map((r) => r.result.level);
      expect(ofRound(0)).toEqual(facts.p1[i].map(meaning));
      expect(ofRound(1)).toEqual(facts.p2[i].filter((v) => v !== null).map(meaning));
    });
    const sideBySide = result.mapping.sheets.find((s) => s.sheet === '1MRC');
    expect(sideBySide?.columns.slice(2).map((c) => (c.role.kind === 'competency' ? `${c.role.label} ${c.role.round}` : c.role.kind))).toEqual(['Calculer 1', 'Rédiger 1', 'Argumenter 1', 'Calculer 2', 'Rédiger 2', 'Argumenter 2']);
    expect(result.mapping.sheets.find((s) => s.sheet === '2MRC P2')).toMatchObject({ round: 2, className: '2MRC' });
  });
});

describe('nothing readable (illisible.xlsx)', () => {
  it('returns no pupil and one error that says what was looked for', () => {
    const result = read('illisible');
    expect(illisible().workbook.sheets).toHaveLength(4);
    expect(result.pupils).toEqual([]);
    expect(result.sheets.map((s) => s.role)).toEqual(['ignored', 'ignored', 'ignored', 'ignored']);
    const errors = result.diagnostics.filter((d) => d.severity === 'error');
    expect(errors).toHaveLength(1);
    expect(errors[0].message).toContain('« Notes » (notes chiffrées sans niveaux de maîtrise');
    expect(errors[0].message).toContain('« Vide » (feuille vide)');
  });
});
