/**
 * One workbook of our own per class of misread seen on schools' files (issue « Never misread
 * silently »): either it is read right, or the self-check says so at the top with the cells.
 */
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/grid';
import { levelFromClassName, normalizeLevel } from '../../../src/core/levels';
import { defaultScale, isReadingCheck, legacyPupilIds, readWorkbook } from '../../../src/core/read';
import { defaultWorkshops, defaultTeachers } from '../../../src/core/settings/defaults';
import { grid } from './helpers';

const read = (sheets: [string, CellValue[][]][], extras: { text: string; level: 1 | 2 | 3 | 4 | null }[] = []) =>
  readWorkbook({ grids: sheets.map(([name, values]) => grid(name, values)) }, { classLevels: [], mapping: extras.length ? { version: 1, scale: { ...defaultScale(), extraValues: extras }, sheets: [] } : null });
const checks = (result: ReturnType<typeof readWorkbook>) => result.diagnostics.filter(isReadingCheck).map((d) => `${d.sheet}!${d.cell} : ${d.message}`);

describe('disciplines written anywhere in the header', () => {
  it('finds the discipline in prefixes, abbreviations, brackets and any separator', () => {
    const labels = ['Français 1', 'Maths 2', 'FR1 Comprendre un texte', 'Ma-Calcul', 'MATHS Calcul', 'Français / Lecture', 'Oral (Anglais)', 'Éco-gestion · Droit', 'Mathématiques (Mme X)', 'Lecture – PSE'];
    const result = read([['2MRC', [['Nom', 'Prénom', ...labels], ['DUPONT', 'Marie', ...labels.map(() => 'A')]]]]);
    expect(result.competencies.map((c) => c.discipline)).toEqual([
      'Français', 'Mathématiques', 'Français', 'Mathématiques', 'Mathématiques', 'Français', 'Anglais', 'Économie-gestion', 'Mathématiques', 'PSE',
    ]);
    expect(checks(result)).toEqual([]);
  });

  it('takes the discipline from the title rows when the columns name none', () => {
    const result = read([['2MRC', [['Positionnement de mathématiques'], ['Nom', 'Prénom', 'Calculer', 'Résoudre'], ['DUPONT', 'Marie', 'A', 'NA']]]]);
    expect(result.competencies.map((c) => c.discipline)).toEqual(['Mathématiques', 'Mathématiques']);
  });

  it('files an item naming no discipline under « Discipline non précisée », says so with its columns, and never makes a workshop or a teacher of it', () => {
    const result = read([['2MRC', [['Nom', 'Prénom', 'Maths - Calculer', 'S’organiser', 'Oser'], ['DUPONT', 'Marie', 'A', 'NA', 'ECA']]]]);
    expect(result.competencies.map((c) => c.discipline)).toEqual(['Mathématiques', 'Discipline non précisée', 'Discipline non précisée']);
    expect(checks(result)).toEqual([expect.stringMatching(/^2MRC!D1 : Vérifiez la lecture : colonnes D, E : aucune discipline reconnue/)]);
    expect(defaultWorkshops(result.competencies).map((w) => w.id)).not.toContain('Remédiation Discipline non précisée');
    expect(defaultTeachers(result.pupils, result.competencies).map((t) => t.name).join(' ')).not.toMatch(/précisée|Général/);
  });
});

describe('pupils, blocks and section rows', () => {
  it('says so when section rows and a repeated header are read as pupils', () => {
    const result = read([['2nde', [
      ['Nom', 'Prénom', 'Maths Calculer'],
      ['2 MRC', null, null],
      ['DUPONT', 'Marie', 'A'],
      ['Nom', 'Prénom', 'Maths Calculer'],
      ['MARTIN', 'Léo', 'NA'],
    ]]]);
    const [names, ...others] = checks(result);
    expect(names).toMatch(/« 2 MRC » \(une classe \(ligne de section \?\), 2nde!A2\)/);
    expect(names).toMatch(/« NOM Prénom » \(un intitulé de colonne, 2nde!A4\)/);
    // The repeated header's labels are also values of no scale.
    expect(others).toEqual([expect.stringMatching(/^2nde!C4 : Vérifiez la lecture : 1 valeur sur 3 .*« Maths Calculer »/)]);
  });

  it('says so when pupils are in columns and competencies in rows', () => {
    const result = read([['2MRC', [
      ['Compétence', 'DUPONT Marie', 'MARTIN Léo', 'PETIT Sam'],
      ['Calculer', 'A', 'NA', 'ECA'],
      ['Rédiger', 'NA', 'A', 'A'],
      ['Lire', 'ECA', 'A', 'NA'],
    ]]]);
    expect(checks(result).join('\n')).toMatch(/les intitulés de colonnes ressemblent à des noms d'élèves/);
  });

  it('says so when a second table sits beside the first', () => {
    const result = read([['2MRC', [
      ['Nom', 'Prénom', 'Maths Calculer', null, 'Nom', 'Prénom', 'Maths Calculer'],
      ['DUPONT', 'Marie', 'A', null, 'PETIT', 'Sam', 'NA'],
      ['MARTIN', 'Léo', 'NA', null, 'ROUX', 'Lou', 'A'],
    ]]]);
    expect(checks(result).join('\n')).toMatch(/2MRC!E1 : Vérifiez la lecture : deuxième colonne « Nom » en E/);
  });
});

describe('scales', () => {
  it('names the unknown values at the top, and a value declared in « Valeurs ajoutées » makes them readable', () => {
    const rows: CellValue[][] = ['DUPONT', 'MARTIN', 'PETIT', 'ROUX'].map((name, i) => [name, 'Ana', ['TB', 'S', 'F', 'I'][i], ['S', 'F', 'I', 'TB'][i]]);
    const sheets: [string, CellValue[][]][] = [['2MRC', [['Nom', 'Prénom', 'Maths Calculer', 'Maths Résoudre'], ...rows]]];
    expect(checks(read(sheets)).join('\n')).toMatch(/Vérifiez la lecture : \d+ valeurs sur 8 .*« S » \(\d fois, dont 2MRC!/);
    const declared = read(sheets, [{ text: 'S', level: 3 }, { text: 'F', level: 2 }]);
    expect(checks(declared)).toEqual([]);
    expect(declared.pupils.find((p) => p.lastName === 'MARTIN')?.results.map((r) => r.level)).toEqual([3, 2]);
  });
});

describe('values declared after a first reading', () => {
  it('reads again the columns and sheets a saved mapping had set aside as free text', () => {
    const marks: CellValue[][] = [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', '✔'], ['MARTIN', 'Léo', '✘'], ['PETIT', 'Sam', '✔']];
    const both: CellValue[][] = [['Nom', 'Prénom', 'Maths Résoudre', 'Maths Calculer'], ['DUPONT', 'Marie', 'A', '✔'], ['MARTIN', 'Léo', 'NA', '✘'], ['PETIT', 'Sam', 'A', '✔']];
    const snapshot = { grids: [grid('2MRC', both), grid('2MELEC', marks)] };
    const first = readWorkbook(snapshot, { classLevels: [] });
    expect(first.mapping.sheets.map((m) => m.role)).toEqual(['positionnement', 'ignored']);
    expect(checks(first).join('\n')).toMatch(/colonne D écartée comme texte libre, mais ses valeurs ressemblent à une échelle \(« ✔ », « ✘ »\)/);
    const saved = { ...first.mapping, scale: { ...first.mapping.scale, extraValues: [{ text: '✔', level: 3 as const }, { text: '✘', level: 1 as const }] } };
    const again = readWorkbook(snapshot, { classLevels: [], mapping: saved });
    expect(again.mapping.sheets.map((m) => m.role)).toEqual(['positionnement', 'positionnement']);
    expect(again.pupils.filter((p) => p.className === '2MELEC').map((p) => p.results.map((r) => r.level))).toEqual([[3], [1], [3]]);
    expect(again.pupils.find((p) => p.className === '2MRC' && p.lastName === 'MARTIN')?.results.map((r) => r.level)).toEqual([1, 1]);
    expect(checks(again)).toEqual([]);
  });
});

describe('levels', () => {
  it('reads the usual division codes and MEF libellés of lycées professionnels', () => {
    const codes: [string, string | null][] = [
      ['TCAP EPC', 'CAP 2'], ['3PM A', '3e PM'], ['2NDPRO MRC', '2nde'], ['1 AGOrA', '1re'], ['1CAP2 EQUIPIER POLYV COMMERCE', 'CAP 1'],
      ['2CAP2 EPC', 'CAP 2'], ['TLEPRO ASSP', 'Tle'], ['1ERE PRO METIERS ELECTRICITE', '1re'], ['3EME PREPA METIERS', '3e PM'],
    ];
    expect(codes.map(([code]) => [code, levelFromClassName(code)])).toEqual(codes);
    expect(normalizeLevel('TCAP')).toBe('CAP 2');
  });

  it('reads a « Niveau » column of mastery words as results, not as the class level', () => {
    const result = read([['2MRC', [['Nom', 'Prénom', 'Niveau'], ['DUPONT', 'Marie', 'Acquis'], ['MARTIN', 'Léo', 'Non acquis'], ['PETIT', 'Sam', 'En cours d’acquisition']]]]);
    expect(result.pupils.map((p) => p.level)).toEqual(['2nde', '2nde', '2nde']);
    expect(result.pupils.map((p) => p.results.map((r) => r.level))).toEqual([[3], [1], [2]]);
  });

  it('flags a division code whose level it cannot tell', () => {
    const result = read([['Positionnement', [['Nom', 'Prénom', 'Classe', 'Maths Calculer'], ['DUPONT', 'Marie', 'CAP EPC A', 'A']]]]);
    expect(checks(result).join('\n')).toMatch(/niveau non reconnu pour « CAP EPC A »/);
  });
});

describe('pupil identity', () => {
  it('keeps one pupil, with one id, across a change of class between two positionnements', () => {
    const result = read([
      ['2MELEC', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'NA']]],
      ['2MRC P2', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'A']]],
    ]);
    expect(result.pupils.map((p) => [p.id, p.className])).toEqual([['eleve:2nde|dupont marie', '2MRC']]);
  });

  it('strips month names, dates and « P2 » from class names read from sheet names', () => {
    const result = read([
      ['1MELEC', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'NA']]],
      ['1MELEC février', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'A']]],
      ['1MELEC 15-03-2026', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'ECA']]],
    ]);
    expect(result.pupils.map((p) => [p.className, p.level])).toEqual([['1MELEC', '1re']]);
  });

  it('keeps two pupils of one name in two classes of the same positionnement apart, naming both cells', () => {
    const result = read([
      ['2MRC', [['Nom', 'Prénom', 'Maths Calculer', 'Maths Résoudre'], ['DUPONT', 'Marie', 'A', 'NA']]],
      ['2MELEC', [['Nom', 'Prénom', 'Maths Calculer', 'Maths Résoudre'], ['DUPONT', 'Marie', 'NA', 'NA']]],
    ]);
    expect(result.pupils.map((p) => [p.id, p.className])).toEqual([['eleve:2nde|dupont marie', '2MELEC'], ['eleve:2nde|dupont marie#2', '2MRC']]);
    expect(result.diagnostics.map((d) => d.message)).toContain('DUPONT Marie figure en 2MELEC (2MELEC!A2), 2MRC (2MRC!A2) : homonymes ou élève inscrit dans deux classes ? Vérifiez ; ils sont gardés distincts');
  });

  it('takes a row copied into another class of the same positionnement, with the same results, for a copy and says so', () => {
    const result = read([
      ['2MRC', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'A']]],
      ['2MELEC', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'A']]],
    ]);
    expect(result.pupils).toHaveLength(1);
    expect(result.diagnostics.map((d) => d.message).join('\n')).toMatch(/DUPONT Marie figure en 2MRC \(2MRC!A2\) et en 2MELEC \(2MELEC!A2\) dans le même positionnement, avec les mêmes résultats : une copie/);
  });

  it('maps the identifiers of earlier versions (nom:<classe>|<nom>) to the pupils read now', () => {
    const result = read([
      ['2MRC', [['Nom', 'Prénom', 'Maths Calculer'], ['DUPONT', 'Marie', 'A'], ['MARTIN', 'Léo', 'NA']]],
      ['2MELEC', [['Nom', 'Prénom', 'Maths Calculer'], ['MARTIN', 'Léo', 'A']]],
    ]);
    const resolve = legacyPupilIds(result.pupils);
    const byClass = (className: string, last: string) => result.pupils.find((p) => p.className === className && p.lastName === last)?.id;
    // Marie moved from 2MELEC (old id) to 2MRC: still her; Léo has a homonym: the class of the old id decides.
    expect(resolve('nom:2MELEC|dupont marie')).toBe(byClass('2MRC', 'DUPONT'));
    expect(resolve('nom:2MELEC|martin leo')).toBe(byClass('2MELEC', 'MARTIN'));
    expect(resolve('nom:2MRC|martin leo')).toBe(byClass('2MRC', 'MARTIN'));
    expect(resolve('nom:2MRC|absent zoe')).toBe('nom:2MRC|absent zoe');
    expect(resolve('ine:123456789AB')).toBe('ine:123456789AB');
  });
});
