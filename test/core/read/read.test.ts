import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/grid';
import { defaultScale, readWorkbook } from '../../../src/core/read';
import { grid, noDiscipline } from './helpers';

const read = (grids: Parameters<typeof grid>[], classLevels: { className: string; level: string }[] = []) =>
  readWorkbook({ grids: grids.map((g) => grid(...g)) }, { classLevels });

const messages = (result: ReturnType<typeof readWorkbook>, severity?: string) =>
  result.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => `${d.sheet}${d.cell ? `!${d.cell}` : ''} : ${d.message}`);

describe('layouts', () => {
  it('reads a one-row header under title rows, the class being the sheet name', () => {
    const result = read([['2MRC', [['Positionnement de rentrée'], [], ['Nom', 'Prénom', 'Calculer', 'Rédiger'], ['DUPONT', 'Marie', 'A', 'NA'], ['MARTIN', 'Léo', 'ECA', 'abs']]]]);
    expect(result.pupils.map((p) => [p.id, p.displayName, p.className, p.level])).toEqual([
      ['eleve:2nde|dupont marie', 'DUPONT Marie', '2MRC', '2nde'],
      ['eleve:2nde|martin leo', 'MARTIN Léo', '2MRC', '2nde'],
    ]);
    expect(result.pupils[0].results).toEqual([
      { competencyId: 'discipline non precisee|calculer', level: 3, source: { sheet: '2MRC', cell: 'C4' } },
      { competencyId: 'discipline non precisee|rediger', level: 1, source: { sheet: '2MRC', cell: 'D4' } },
    ]);
    expect(result.pupils[1].results.map((r) => r.level)).toEqual([2]);
    expect(result.pupils[0].sources).toEqual([{ sheet: '2MRC', cell: 'A4' }]);
    expect(result.competencies).toEqual([
      { id: 'discipline non precisee|calculer', discipline: 'Discipline non précisée', label: 'Calculer' },
      { id: 'discipline non precisee|rediger', discipline: 'Discipline non précisée', label: 'Rédiger' },
    ]);
    expect(messages(result)).toEqual([noDiscipline('2MRC!C3', ['C', 'D'])]);
  });

  it('reads disciplines written in the header row with competency labels below (names merged over two rows)', () => {
    const values: CellValue[][] = [
      ['Nom', 'Prénom', 'Français', null, 'Maths', null, 'Observations'],
      [null, null, 'Lire', 'Écrire', 'Calculer', 'Raisonner', null],
      ['DUPONT', 'Marie', 'A', 'ECA', 'NA', 'A', 'RAS'],
    ];
    const merges = [
      { row: 0, col: 0, rowCount: 2, colCount: 1 },
      { row: 0, col: 1, rowCount: 2, colCount: 1 },
      { row: 0, col: 2, rowCount: 1, colCount: 2 },
      { row: 0, col: 4, rowCount: 1, colCount: 2 },
      { row: 0, col: 6, rowCount: 2, colCount: 1 },
    ];
    const result = read([['1MELEC', values, { merges }]]);
    expect(result.competencies.map((c) => `${c.discipline} › ${c.label}`)).toEqual(['Français › Lire', 'Français › Écrire', 'Mathématiques › Calculer', 'Mathématiques › Raisonner']);
    expect(result.pupils[0].results.map((r) => [r.source.cell, r.level])).toEqual([['C3', 3], ['D3', 2], ['E3', 1], ['F3', 3]]);
    expect(result.mapping.sheets[0]).toMatchObject({ headerRow: 2, headerRows: 2 });
  });

  it('reads a national export with « Score » and « Niveau » under each domain, the level words winning', () => {
    const values: CellValue[][] = [
      ['INE', 'Nom', 'Prénom', "Compréhension de l'écrit", null, 'Géométrie', null],
      [null, null, null, 'Score', 'Niveau', 'Score', 'Niveau'],
      ['123456789AB', 'DUPONT', 'Marie', 40, 'Très bonne maîtrise', 30, 'Test incomplet'],
      ['123456789AC', 'MARTIN', 'Léo', 62, null, null, 'Maîtrise fragile'],
    ];
    const merges = [{ row: 0, col: 3, rowCount: 1, colCount: 2 }, { row: 0, col: 5, rowCount: 1, colCount: 2 }];
    const result = read([['Export', values, { merges }]]);
    expect(result.sheets[0]).toMatchObject({ role: 'national-test', pupilCount: 2 });
    expect(result.competencies.map((c) => c.id)).toEqual(['francais|comprehension de l ecrit', 'mathematiques|geometrie']);
    expect(result.pupils.map((p) => [p.id, p.results.map((r) => `${r.source.cell}=${r.level}`)])).toEqual([
      ['ine:123456789AB', ['E3=4']],
      ['ine:123456789AC', ['D4=3', 'G4=2']],
    ]);
    expect(messages(result)).toEqual([
      "Export : 1 résultat « Test incomplet » compté comme non évalué (ce n'est pas un échec)",
      'Export!B3 : classe « Export » : niveau inconnu ; renseignez le niveau de cette classe dans « AP Paramètres »',
    ]);
  });

  it('carries a discipline written once over the columns that follow when nothing is merged', () => {
    const result = read([['TMRC', [[null, null, 'Anglais', null, 'PSE'], ['Nom', 'Prénom', 'Oral', 'Écrit', 'Risques'], ['DUPONT', 'Marie', 'A', 'A', 'NA']]]]);
    expect(result.competencies.map((c) => c.id)).toEqual(['anglais|oral', 'anglais|ecrit', 'pse|risques']);
  });

  it('skips blank, summary, formula and legend rows, and reports results without a name', () => {
    const values: CellValue[][] = [
      ['Nom Prénom', 'Calculer'],
      ['DUPONT Marie', 'A'],
      [],
      ['MARTIN Léo', 'NA'],
      [null, 'A'],
      ['Moyenne de la classe', 2],
      [null, 1],
      ['A : acquis, NA : non acquis'],
      ['Acquis', null],
    ];
    const formulas = values.map((row, r) => row.map(() => r === 6));
    const result = read([['2MRC', values, { formulas }]]);
    expect(result.pupils.map((p) => p.displayName)).toEqual(['DUPONT Marie', 'MARTIN Léo']);
    expect(messages(result)).toEqual([
      noDiscipline('2MRC!B1', ['B']),
      "2MRC!B5 : ligne 5 : des résultats sans nom d'élève, ligne ignorée",
      '2MRC!A6 : lignes 6 à 9 : lignes de synthèse, formules ou légendes, pas des élèves (ignorées)',
    ]);
  });

  it('reads a big sheet with Niveau and Classe columns and merges one pupil listed in two discipline sheets', () => {
    const result = read([
      ['Français', [['Classe', 'Nom', 'Prénom', 'Lire'], ['2MRC', 'DUPONT', 'Marie', 'Maîtrise fragile'], ['2MELEC', 'MARTIN', 'Léo', 'Très bonne maîtrise']]],
      ['Maths', [['Nom', 'Prénom', 'Classe', 'Calcul'], ['Martin', 'Leo', '2 MELEC', 1], ['Dupont', 'Marie', '2MRC', 4]]],
    ]);
    expect(result.pupils.map((p) => [p.displayName, p.className, p.results.map((r) => `${r.competencyId}=${r.level}`)])).toEqual([
      ['MARTIN Léo', '2MELEC', ['francais|lire=4', 'mathematiques|calcul=1']],
      ['DUPONT Marie', '2MRC', ['francais|lire=2', 'mathematiques|calcul=4']],
    ]);
    expect(result.pupils[1].sources).toEqual([{ sheet: 'Français', cell: 'B2' }, { sheet: 'Maths', cell: 'A3' }]);
  });
});

describe('levels', () => {
  const sheet = (name: string, rows: CellValue[][]): Parameters<typeof grid> => [name, [['Nom', 'Prénom', 'Classe', 'Niveau', 'Calculer'], ...rows]];

  it('takes the settings first, then the class name, then a Niveau column', () => {
    const result = read([sheet('Positionnement', [['A', 'Ana', 'ASSP-A', 'seconde', 'A'], ['B', 'Bo', '2MRC', 'Terminale', 'A'], ['C', 'Cy', 'MCV-X', 'première', 'A']])], [{ className: 'mcv x', level: 'CAP 2' }]);
    expect(result.pupils.map((p) => [p.className, p.level])).toEqual([
      ['MCV-X', 'CAP 2'],
      ['2MRC', '2nde'],
      ['ASSP-A', '2nde'],
    ]);
    expect(messages(result)).toEqual([noDiscipline('Positionnement!E1', ['E'])]);
  });

  it('keeps the class as level and asks for it in « AP Paramètres » when nothing tells', () => {
    const result = read([sheet('Positionnement', [['A', 'Ana', 'ASSP-A', null, 'A'], ['B', 'Bo', 'ASSP-A', null, 'NA']])]);
    expect(result.pupils.map((p) => p.level)).toEqual(['ASSP-A', 'ASSP-A']);
    expect(messages(result)).toEqual([noDiscipline('Positionnement!E1', ['E']), 'Positionnement!A2 : classe « ASSP-A » : niveau inconnu ; renseignez le niveau de cette classe dans « AP Paramètres »']);
  });
});

describe('identity', () => {
  it('recognises a pupil by INE whatever the spelling of the name, and reports a second class', () => {
    const result = read([
      ['Liste', [['NOM_DE_FAMILLE', 'PRENOM', 'ID_NATIONAL', 'DIVISION'], ['DUPONT', 'Marie', '123456789AB', '2MRC']]],
      ['Export', [['INE', 'Nom', 'Prénom', 'Classe', 'Lexique'], ['123456789ab', 'Dupond', 'Marie', '2MELEC', 'Maîtrise fragile']]],
    ]);
    expect(result.pupils).toHaveLength(1);
    expect(result.pupils[0]).toMatchObject({ id: 'ine:123456789AB', ine: '123456789AB', className: '2MRC', lastName: 'DUPONT' });
    expect(result.pupils[0].results.map((r) => r.level)).toEqual([2]);
    expect(messages(result, 'warning')).toEqual([]);
    expect(messages(result, 'info')).toEqual(['Export!B2 : DUPONT Marie : en 2MRC dans Liste!A2, en 2MELEC ici ; changement de classe en 2nde, compté une fois (classe retenue : 2MRC)']);
  });

  it('matches a sheet without a Classe column by the name alone when it is unique', () => {
    const result = read([
      ['Liste', [['Nom', 'Prénom', 'Classe'], ['DUPONT', 'Marie', '2MRC'], ['MARTIN', 'Léo', '2MRC']]],
      ['Maths', [['Nom', 'Prénom', 'Calcul'], ['Dupont', 'Marie', 'A'], ['Martin', 'Léo', 'NA']]],
    ]);
    expect(result.pupils.map((p) => [p.id, p.results.length])).toEqual([
      ['eleve:2nde|dupont marie', 1],
      ['eleve:2nde|martin leo', 1],
    ]);
    expect(result.diagnostics).toEqual([]);
  });

  it('replaces a class guessed from a sheet name by the real one, whatever the order of the sheets', () => {
    const result = read([
      ['Liste des élèves', [['Nom', 'Prénom'], ['DUPONT', 'Marie'], ['MARTIN', 'Léo']]],
      ['2MRC', [['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', 'A'], ['MARTIN', 'Léo', 'NA']]],
    ]);
    expect(result.sheets.map((s) => s.role)).toEqual(['class-list', 'positionnement']);
    expect(result.pupils.map((p) => [p.id, p.level, p.sources.length])).toEqual([
      ['eleve:2nde|dupont marie', '2nde', 2],
      ['eleve:2nde|martin leo', '2nde', 2],
    ]);
    expect(messages(result)).toEqual([noDiscipline('2MRC!C1', ['C'])]);
  });

  it('takes the sheet name as the class when nothing else tells, and asks for its level', () => {
    const result = read([['Positionnement', [['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', 'A']]]]);
    expect(result.pupils.map((p) => [p.id, p.className, p.level])).toEqual([['eleve:Positionnement|dupont marie', 'Positionnement', 'Positionnement']]);
    expect(messages(result)).toEqual([noDiscipline('Positionnement!C1', ['C']), 'Positionnement!A2 : classe « Positionnement » : niveau inconnu ; renseignez le niveau de cette classe dans « AP Paramètres »']);
  });

  it('reads a grid of competencies under disciplines before anything is typed in', () => {
    const result = read([['2MRC', [[null, null, 'Français', null], ['Nom', 'Prénom', 'Lire', 'Écrire'], ['DUPONT', 'Marie', null, null]]]]);
    expect(result.sheets[0].role).toBe('positionnement');
    expect(result.competencies.map((c) => c.id)).toEqual(['francais|lire', 'francais|ecrire']);
    expect(result.pupils.map((p) => p.results)).toEqual([[]]);
    expect(messages(result)).toEqual([' : aucun résultat de positionnement lu : les élèves sont connus mais aucune compétence évaluée n’a été trouvée']);
  });

  it('reports the same pupil twice with different results, homonyms and pupils missing from a source', () => {
    const result = read([
      ['Liste', [['Nom', 'Prénom', 'Classe'], ['DUPONT', 'Marie', '2MRC'], ['DUPONT', 'Marie', '2MELEC'], ['ROUX', 'Lou', '2MRC'], ['PETIT', 'Sam', '2MRC']]],
      ['Français', [['Nom', 'Prénom', 'Classe', 'Lire'], ['DUPONT', 'Marie', '2MRC', 'A'], ['DUPONT', 'Marie', '2MELEC', 'A'], ['ROUX', 'Lou', '2MRC', 'A'], ['ROUX', 'Lou', '2MRC', 'NA'], ['NEUF', 'Zoé', '2MRC', 'A']]],
      ['Maths', [['Nom', 'Prénom', 'Classe', 'Calcul'], ['DUPONT', 'Marie', '2MRC', 'A'], ['ROUX', 'Lou', '2MRC', 'A'], ['DUPONT', 'Marie', '2MELEC', 'A']]],
    ]);
    expect(result.pupils.map((p) => p.id)).toEqual(['eleve:2nde|dupont marie', 'eleve:2nde|dupont marie#2', 'eleve:2nde|neuf zoe', 'eleve:2nde|petit sam', 'eleve:2nde|roux lou']);
    expect(messages(result)).toEqual([
      'Français!A5 : ROUX Lou figure deux fois dans cette feuille (lignes 4 et 5)',
      'Français!A5 : ROUX Lou : 1 résultat différent de ceux lus en Français!D4 (Lire : satisfaisant (3) / insuffisant (1)) ; les premiers lus sont gardés',
      'Liste!A2 : DUPONT Marie figure en 2MELEC (Liste!A3), 2MRC (Liste!A2) : homonymes ou élève inscrit dans deux classes ? Vérifiez ; ils sont gardés distincts',
      "Français!A6 : NEUF Zoé (2MRC) est absent de la liste d'élèves « Liste »",
      "Liste!A5 : PETIT Sam (2MRC) est dans la liste d'élèves mais dans aucun positionnement",
      "Maths : NEUF Zoé (2MRC) est absent de cette feuille, qui liste d'autres élèves de 2MRC",
    ]);
  });
});

describe('sheets left alone', () => {
  const positionnement: CellValue[][] = [['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', 'A']];

  it('never reads our own sheets, hidden sheets or unrelated sheets as positionnement', () => {
    const result = readWorkbook(
      {
        grids: [
          grid('AP Paramètres', positionnement),
          grid('AP Groupes', positionnement),
          grid('AP Groupes (cycle 1)', [['Pilote AP · Groupes'], ...positionnement]),
          grid('2MRC ancien', positionnement, { hidden: true }),
          grid('Budget', [['Poste', 'Montant'], ['Car', 300]]),
          grid('2MRC', positionnement),
        ],
      },
      { classLevels: [] },
    );
    expect(result.sheets.map((s) => [s.sheet, s.role, s.pupilCount])).toEqual([
      ['AP Paramètres', 'parameters', 0],
      ['AP Groupes', 'output', 0],
      ['AP Groupes (cycle 1)', 'output', 0],
      ['2MRC ancien', 'ignored', 0],
      ['Budget', 'ignored', 0],
      ['2MRC', 'positionnement', 1],
    ]);
    expect(result.pupils).toHaveLength(1);
    expect(result.mapping.sheets.map((s) => s.sheet)).toEqual(['2MRC ancien', 'Budget', '2MRC']);
  });

  it('does not read hidden columns (discarded competencies) but still reads a hidden INE', () => {
    const values: CellValue[][] = [['INE', 'Nom', 'Prénom', 'Calculer', 'Ancien item'], ['123456789AB', 'DUPONT', 'Marie', 'A', 'NA']];
    const result = read([['2MRC', values, { hiddenColumns: [0, 4] }]]);
    expect(result.pupils[0].id).toBe('ine:123456789AB');
    expect(result.competencies.map((c) => c.label)).toEqual(['Calculer']);
    expect(messages(result)).toEqual([noDiscipline('2MRC!D1', ['D']), '2MRC : colonne masquée E non lue : une colonne masquée est prise pour une compétence écartée (donnez-lui un rôle dans « AP Correspondances » pour la lire)']);
  });

  it('reads hidden rows and says so', () => {
    const result = read([['2MRC', [['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', 'A'], ['MARTIN', 'Léo', 'NA']], { hiddenRows: [2] }]]);
    expect(result.pupils).toHaveLength(2);
    expect(messages(result)).toEqual([noDiscipline('2MRC!C1', ['C']), '2MRC : lignes masquées 3 lues quand même : un élève masqué reste un élève']);
  });

  it('ends with an error saying what was looked for when nothing is readable', () => {
    for (const grids of [[], [['Budget', [['Poste', 'Montant'], ['Car', 300]]]], [['Vide', []]], [['Une ligne', [['Nom']]]]] as Parameters<typeof grid>[][]) {
      const result = read(grids);
      expect(result.pupils).toEqual([]);
      const errors = result.diagnostics.filter((d) => d.severity === 'error');
      expect(errors).toHaveLength(1);
      expect(errors[0].message).toMatch(/^Aucun élève lu\. Pilote AP cherche.*colonne « Nom »/);
    }
  });
});

describe('values', () => {
  it('reports each unknown value with its cell, then sums up beyond twenty', () => {
    const rows: CellValue[][] = Array.from({ length: 30 }, (_, i) => [`NOM${String.fromCharCode(65 + (i % 26))}${String.fromCharCode(65 + Math.floor(i / 26))}`, 'Ana', i < 12 ? 'AQ' : 'A', i < 12 ? 'AQ' : 'NA']);
    const result = read([['2MRC', [['Nom', 'Prénom', 'Lire', 'Écrire'], ...rows]]]);
    const [noNames, unknownShare, ...warnings] = messages(result, 'warning');
    expect(noNames).toBe(noDiscipline('2MRC!C1', ['C', 'D']));
    // 24 unknown values of 60: the self-check says so first, with the value and its first cell.
    expect(unknownShare).toBe(
      "2MRC!C2 : Vérifiez la lecture : 24 valeurs sur 60 (40 %) ne sont d'aucune échelle connue : « AQ » (24 fois, dont 2MRC!C2). Si ce sont des codes de l'établissement, déclarez-les dans « AP Correspondances », section « Valeurs ajoutées »",
    );
    expect(warnings[0]).toBe('2MRC!C2 : valeur « AQ » inconnue, comptée comme non évaluée');
    expect(warnings[1]).toBe('2MRC!D2 : valeur « AQ » inconnue, comptée comme non évaluée');
    expect(warnings).toHaveLength(21);
    expect(warnings[20]).toBe('2MRC : et 4 autres valeurs inconnues dans cette feuille, comptées comme non évaluées');
    expect(result.pupils.find((p) => p.lastName === 'NOMAA')?.results).toEqual([]);
  });

  it('reads a column mostly made of unknown values as free text, not as results', () => {
    const rows: CellValue[][] = [['DUPONT', 'Marie', 'A', 'très motivée'], ['MARTIN', 'Léo', 'NA', 'à suivre']];
    const result = read([['2MRC', [['Nom', 'Prénom', 'Lire', 'Ressenti'], ...rows]]]);
    expect(result.competencies.map((c) => c.label)).toEqual(['Lire']);
    expect(result.mapping.sheets[0].columns[3]).toEqual({ column: 'D', header: 'Ressenti', role: { kind: 'ignored' }, reason: 'texte libre, pas une échelle de maîtrise' });
    expect(messages(result)).toEqual([noDiscipline('2MRC!C1', ['C'])]);
  });

  it('reads colours alone when a sheet uses at least two result colours', () => {
    const fills = [[null, null, null], [null, null, '#FF0000'], [null, null, '#00B050'], [null, null, '#FFFFFF']];
    const values: CellValue[][] = [['Nom', 'Prénom', 'Calculer'], ['A', 'Ana', null], ['B', 'Bo', null], ['C', 'Cy', null]];
    const result = read([['2MRC', values, { fills }]]);
    expect(result.pupils.map((p) => p.results.map((r) => r.level))).toEqual([[1], [3], []]);
    // A single colour is taken for decoration, unless the scale says colours are results.
    const redOnly = fills.map((row) => row.map((f) => (f === '#00B050' ? '#FF0000' : f)));
    const single = read([['2MRC', values, { fills: redOnly }]]);
    expect(single.pupils).toEqual([]);
    expect(single.sheets[0].reason).toMatch(/^une seule couleur de remplissage/);
    const scale = { ...defaultScale(), colours: 'yes' as const };
    const forced = readWorkbook({ grids: [grid('2MRC', values, { fills: redOnly })] }, { classLevels: [], mapping: { version: 1, scale, sheets: [] } });
    expect(forced.pupils.map((p) => p.results.map((r) => r.level))).toEqual([[1], [1], []]);
  });

  it('keeps the teams’ view and the pupil’s own view apart when both sit in one sheet', () => {
    const values: CellValue[][] = [
      ['Nom', 'Prénom', 'Calculer', null, 'Profil', 'Projet'],
      [null, null, 'Prof', 'Élève', null, null],
      ['DUPONT', 'Marie', 'NA', 'A', 'Malgré eux', 'CAP en apprentissage ? passerelle'],
    ];
    const merges = [{ row: 0, col: 2, rowCount: 1, colCount: 2 }];
    const result = read([['2MRC', values, { merges }]]);
    expect(result.pupils[0]).toMatchObject({
      results: [{ competencyId: 'discipline non precisee|calculer', level: 1 }],
      selfResults: [{ competencyId: 'discipline non precisee|calculer', level: 3 }],
      profile: 'despite',
      project: 'bridge',
    });
  });
});
