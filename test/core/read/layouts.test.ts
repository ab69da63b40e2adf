/** Layouts decided from content, the files schools get from their tools, several positionnements. */
import { describe, expect, it } from 'vitest';
import type { CellValue, Grid } from '../../../src/core/grid';
import { readSavedMapping, readWorkbook, renderMappingSheet } from '../../../src/core/read';
import { grid, specGrid, noDiscipline } from './helpers';

const read = (grids: Grid[], today?: string) => readWorkbook({ grids }, { classLevels: [], today });
const messages = (result: ReturnType<typeof readWorkbook>, severity?: string) =>
  result.diagnostics.filter((d) => !severity || d.severity === severity).map((d) => `${d.sheet}${d.cell ? `!${d.cell}` : ''} : ${d.message}`);
const levels = (result: ReturnType<typeof readWorkbook>) => result.pupils.map((p) => [p.displayName, p.results.map((r) => `${r.competencyId}=${r.level}`)]);

describe('header decided from content', () => {
  it('takes the lower row when a label is merged over the identity columns', () => {
    const values: CellValue[][] = [
      ['Positionnement de rentrée'],
      ['Élève', null, 'Mathématiques', null, 'Français', null],
      ['Nom', 'Prénom', 'Calculer', 'Raisonner', 'Lire', 'Écrire'],
      ['DUPONT', 'Marie', 'A', 'NA', 'ECA', 'A'],
      ['MARTIN', 'Léo', 'NA', 'NA', 'A', 'A'],
    ];
    const merges = [{ row: 1, col: 0, rowCount: 1, colCount: 2 }, { row: 1, col: 2, rowCount: 1, colCount: 2 }, { row: 1, col: 4, rowCount: 1, colCount: 2 }];
    const result = read([grid('2MRC', values, { merges })]);
    expect(result.competencies.map((c) => `${c.discipline} › ${c.label}`)).toEqual(['Mathématiques › Calculer', 'Mathématiques › Raisonner', 'Français › Lire', 'Français › Écrire']);
    expect(result.pupils.map((p) => p.displayName)).toEqual(['DUPONT Marie', 'MARTIN Léo']);
    expect(result.pupils[0].results.map((r) => `${r.source.cell}=${r.level}`)).toEqual(['C4=3', 'D4=1', 'E4=2', 'F4=3']);
    expect(result.mapping.sheets[0]).toMatchObject({ headerRow: 3, headerRows: 2 });
    expect(messages(result, 'warning')).toEqual([]);
  });

  it('reads a header on three rows: discipline, sub-domain, item', () => {
    const values: CellValue[][] = [
      [null, null, 'Français', null, null],
      [null, null, 'Compréhension', null, 'Écriture'],
      ['Nom', 'Prénom', 'Item 1', 'Item 2', 'Item 3'],
      ['DUPONT', 'Marie', 'A', 'NA', 'ECA'],
    ];
    const merges = [{ row: 0, col: 2, rowCount: 1, colCount: 3 }, { row: 1, col: 2, rowCount: 1, colCount: 2 }];
    const result = read([grid('1MELEC', values, { merges })]);
    expect(result.competencies.map((c) => `${c.discipline} › ${c.label}`)).toEqual(['Français › Compréhension – Item 1', 'Français › Compréhension – Item 2', 'Français › Écriture – Item 3']);
    expect(result.mapping.sheets[0]).toMatchObject({ headerRow: 3, headerRows: 3 });
  });

  it('takes pseudonyms and codes for names, and drops only summary rows, saying so', () => {
    const values: CellValue[][] = [
      ['Pseudonyme', 'Calculer', 'Rédiger'],
      ['Élève 12', 'A', 'NA'],
      ['E-0412', 'ECA', 'A'],
      [null, null, null],
      ['Moyenne', 2.5, 2],
      ['24', 'A', 'A'],
    ];
    const formulas = values.map((line, r) => line.map(() => r === 4));
    const result = read([grid('2MRC', values, { formulas })]);
    expect(result.pupils.map((p) => p.displayName)).toEqual(['E-0412', 'ÉLÈVE 12']);
    expect(messages(result)).toContain('2MRC!A5 : lignes 5, 6 : lignes de synthèse, formules ou légendes, pas des élèves (ignorées)');
  });

  it('infers the identity column when no header names it, with a warning on the cell', () => {
    const values: CellValue[][] = [
      ['Suivi AP'],
      ['Code', 'Calculer', 'Rédiger'],
      ['K7', 'A', 'NA'],
      ['B3', 'ECA', 'A'],
      ['Z9', 'NA', 'NA'],
    ];
    const result = read([grid('2MRC', values)]);
    expect(result.pupils.map((p) => p.displayName)).toEqual(['B3', 'K7', 'Z9']);
    expect(result.mapping.sheets[0].columns[0]).toMatchObject({ column: 'A', role: { kind: 'identity', field: 'fullName' } });
    expect(messages(result, 'warning')).toEqual([
      noDiscipline('2MRC!B2', ['B', 'C']),
      "2MRC!A2 : colonne A prise pour l'identité des élèves (« Code » : aucun intitulé « Nom » ou « Élève » ; textes distincts à gauche des résultats, pris pour l'identité des élèves) : vérifiez dans « AP Correspondances »",
    ]);
  });
});

describe('files from school tools', () => {
  it('reads a Pronote grid: class in the title, « Élève » column, six levels, not-assessed words', () => {
    const values: CellValue[][] = [
      ['Relevé de compétences'],
      ['Classe : 2MRC'],
      ['Élève', 'Français', null, 'Mathématiques', null],
      [null, 'Lire', 'Écrire', 'Calculer', 'Raisonner'],
      ['DUPONT Marie', 'Très bonne maîtrise', 'Presque maîtrisé', 'Début de maîtrise', 'Absent'],
      ['MARTIN Léo', 'Maîtrise satisfaisante', 'Maîtrise fragile', 'Maîtrise insuffisante', 'Non rendu'],
    ];
    const merges = [{ row: 2, col: 0, rowCount: 2, colCount: 1 }, { row: 2, col: 1, rowCount: 1, colCount: 2 }, { row: 2, col: 3, rowCount: 1, colCount: 2 }];
    const result = read([grid('Export Pronote', values, { merges })]);
    expect(result.pupils.map((p) => [p.displayName, p.className, p.level])).toEqual([['DUPONT Marie', '2MRC', '2nde'], ['MARTIN Léo', '2MRC', '2nde']]);
    expect(levels(result)).toEqual([
      ['DUPONT Marie', ['francais|lire=4', 'francais|ecrire=2', 'mathematiques|calculer=1']],
      ['MARTIN Léo', ['francais|lire=3', 'francais|ecrire=2', 'mathematiques|calculer=1']],
    ]);
    expect(result.mapping.sheets[0].reason).toContain('classe « 2MRC » lue dans le titre');
    expect(messages(result, 'warning')).toEqual([]);
  });

  it('reads a national export in the long shape, one row per pupil and domain', () => {
    const values: CellValue[][] = [
      ['INE', 'Nom', 'Prénom', 'Classe', 'Domaine', 'Score', 'Niveau de maîtrise'],
      ['123456789AB', 'DUPONT', 'Marie', '2MRC', "Compréhension de l'écrit", 82, 'Très bon niveau de maîtrise'],
      ['123456789AB', 'DUPONT', 'Marie', '2MRC', 'Géométrie', 30, 'Maîtrise fragile'],
      ['123456789AC', 'MARTIN', 'Léo', '2MRC', "Compréhension de l'écrit", 20, 'Maîtrise insuffisante'],
      ['123456789AC', 'MARTIN', 'Léo', '2MRC', 'Géométrie', 55, null],
    ];
    const result = read([grid('Résultats', values)]);
    const sheet = result.mapping.sheets[0];
    expect(sheet).toMatchObject({ layout: 'long', role: 'national-test' });
    expect(sheet.columns.map((c) => c.role.kind)).toEqual(['identity', 'identity', 'identity', 'identity', 'item', 'item-result', 'item-result']);
    expect(result.competencies.map((c) => c.id)).toEqual(['francais|comprehension de l ecrit', 'mathematiques|geometrie']);
    expect(result.pupils.map((p) => [p.id, p.results.map((r) => `${r.source.cell}=${r.level}`)])).toEqual([
      ['ine:123456789AB', ['G2=4', 'G3=2']],
      // No level word: the score (55 out of 100) decides.
      ['ine:123456789AC', ['G4=1', 'F5=3']],
    ]);
    const back = readSavedMapping({ grids: [specGrid(renderMappingSheet(result.mapping))] });
    expect(back.mapping).toEqual(result.mapping);
    expect(readWorkbook({ grids: [grid('Résultats', values)] }, { classLevels: [], mapping: back.mapping }).pupils).toEqual(result.pupils);
  });

  it('takes the roll from a SIECLE sheet: pupils who left are not planned and said so', () => {
    const list = grid('Liste SIECLE', [
      ['Nom', 'Prénom', 'INE', 'Classe', 'MEF', 'Date de sortie'],
      ['DUPONT', 'Marie', '123456789AB', '2MRC', '24021010310', null],
      ['MARTIN', 'Léo', '123456789AC', '2MRC', '24021010310', '12/01/2026'],
      ['PETIT', 'Lina', '123456789AD', '2MRC', '24021010310', '30/06/2026'],
    ]);
    const result = read([list], '2026-02-01');
    expect(result.sheets[0]).toMatchObject({ role: 'class-list', pupilCount: 2 });
    expect(result.pupils.map((p) => p.id)).toEqual(['ine:123456789AB', 'ine:123456789AD']);
    expect(messages(result, 'info')).toContain("Liste SIECLE!A3 : MARTIN Léo (2MRC) a quitté l'établissement le 12/01/2026 : non planifié");
  });

  it('reads an EDT pre-term list: pair constraints resolved to pupils, the date of birth never copied', () => {
    const values: CellValue[][] = [
      ['Élève', null, null, 'Affectation', null, null],
      ['Nom', 'Prénom', 'Né(e) le', 'Classe prévisionnelle', 'Regroupé avec', 'Séparé de'],
      ['DUPONT', 'Marie', '12/03/2010', '2MRC', 'MARTIN Léo', null],
      ['MARTIN', 'Léo', '02/05/2010', '2MRC', null, 'Inconnu Paul'],
      ['PETIT', 'Lina', '21/11/2009', '2MRC', null, 'DUPONT Marie ; MARTIN Léo'],
    ];
    const merges = [{ row: 0, col: 0, rowCount: 1, colCount: 3 }, { row: 0, col: 3, rowCount: 1, colCount: 3 }];
    const result = read([grid('EDT', values, { merges })]);
    expect(result.pupils).toHaveLength(3);
    expect(result.pairs).toEqual([
      { relation: 'together', pupilIds: ['eleve:2nde|dupont marie', 'eleve:2nde|martin leo'], source: { sheet: 'EDT', cell: 'E3' } },
      { relation: 'apart', pupilIds: ['eleve:2nde|dupont marie', 'eleve:2nde|petit lina'], source: { sheet: 'EDT', cell: 'F5' } },
      { relation: 'apart', pupilIds: ['eleve:2nde|martin leo', 'eleve:2nde|petit lina'], source: { sheet: 'EDT', cell: 'F5' } },
    ]);
    expect(messages(result, 'warning')).toEqual([
      'EDT!F4 : « Inconnu Paul » (séparé de MARTIN Léo) : aucun élève de ce nom, contrainte ignorée',
      ' : aucun résultat de positionnement lu : les élèves sont connus mais aucune compétence évaluée n’a été trouvée',
    ]);
    const text = JSON.stringify(result);
    for (const birth of ['12/03/2010', '02/05/2010', '21/11/2009', '2010-03-12']) expect(text).not.toContain(birth);
  });

  it('reads the same EDT list saved as CSV (two header rows, nothing merged)', () => {
    const values: CellValue[][] = [
      ['Élève', null, null, 'Affectation', null, null],
      ['Nom', 'Prénom', 'Né(e) le', 'Classe prévisionnelle', 'Regroupé avec', 'Séparé de'],
      ['DUPONT', 'Marie', '12/03/2010', '2MRC', 'MARTIN Léo', null],
      ['MARTIN', 'Léo', '02/05/2010', '2MELEC', null, null],
    ];
    const result = read([grid('edt.csv', values)]);
    expect(result.sheets[0]).toMatchObject({ role: 'class-list', pupilCount: 2 });
    expect(result.mapping.sheets[0].headerRow).toBe(2);
    expect(result.pupils.map((p) => [p.displayName, p.className])).toEqual([['MARTIN Léo', '2MELEC'], ['DUPONT Marie', '2MRC']].sort((a, b) => (a[1] < b[1] ? -1 : 1)));
    expect(result.pairs).toEqual([{ relation: 'together', pupilIds: ['eleve:2nde|dupont marie', 'eleve:2nde|martin leo'], source: { sheet: 'edt.csv', cell: 'E3' } }]);
  });

  it('reads the pupils’ wishes into the pupil record, in order', () => {
    const result = read([
      grid('2MRC', [['Nom', 'Prénom', 'Calculer', 'Vœux'], ['DUPONT', 'Marie', 'A', '1. Méthodologie 2. Remédiation'], ['MARTIN', 'Léo', 'NA', 'projet, approfondissement']]),
    ]);
    expect(result.pupils.map((p) => p.wishes)).toEqual([['methodology', 'remediation'], ['orientation', 'enrichment']]);
  });
});

describe('corrections and optional sheets', () => {
  it('reads wishes from a « Vœux » sheet of their own', () => {
    const result = read([
      grid('2MRC', [['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', 'A'], ['MARTIN', 'Léo', 'NA']]),
      grid('Vœux', [['Nom', 'Prénom', 'Classe', 'Vœu 1', 'Vœu 2'], ['DUPONT', 'Marie', '2MRC', 'Approfondissement', 'Projet'], ['MARTIN', 'Léo', '2MRC', 'Remédiation', null]]),
    ]);
    expect(result.sheets.map((s) => s.role)).toEqual(['positionnement', 'interview']);
    expect(result.pupils.map((p) => [p.displayName, p.wishes])).toEqual([['DUPONT Marie', ['enrichment', 'orientation']], ['MARTIN Léo', ['remediation']]]);
  });

  it('detects the columns again under the header row the coordinator chose', () => {
    const values: CellValue[][] = [['Nom', 'Prénom', 'Notes de rentrée'], ['Élève', null, null], ['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', 'A']];
    const sheet = grid('2MRC', values);
    const chosen = { version: 1 as const, scale: read([sheet]).mapping.scale, sheets: [{ sheet: '2MRC', role: 'positionnement' as const, reason: 'Choisi par le coordonnateur.', headerRow: 3, headerRows: 1, columns: [] }] };
    const result = readWorkbook({ grids: [sheet] }, { classLevels: [], mapping: chosen });
    expect(result.mapping.sheets[0].columns.map((c) => [c.column, c.role.kind])).toEqual([['A', 'identity'], ['B', 'identity'], ['C', 'competency']]);
    expect(result.pupils.map((p) => [p.displayName, p.results.map((r) => `${r.source.cell}=${r.level}`)])).toEqual([['DUPONT Marie', ['C4=3']]]);
  });
});

describe('several positionnements', () => {
  it('orders sheets by the month in their names; the latest drives the results', () => {
    const sheet = (name: string, value: string) => grid(name, [['Nom', 'Prénom', 'Calculer'], ['DUPONT', 'Marie', value]]);
    const result = read([sheet('2MRC mars', 'A'), sheet('2MRC novembre', 'NA')]);
    expect(result.pupils).toHaveLength(1);
    expect(result.rounds.map((r) => [r.label, r.results.map((x) => x.result.level)])).toEqual([['Positionnement 1', [1]], ['Positionnement 2', [3]]]);
    expect(result.pupils[0].results.map((r) => r.level)).toEqual([3]);
    expect(result.mapping.sheets.map((s) => s.round)).toEqual([2, undefined]);
  });

  it('reads a « Date » column as positionnements within one sheet', () => {
    const result = read([
      grid('2MRC', [
        ['Nom', 'Prénom', 'Date', 'Calculer'],
        ['DUPONT', 'Marie', '15/09/2025', 'NA'],
        ['DUPONT', 'Marie', '10/01/2026', 'A'],
      ]),
    ]);
    expect(result.pupils).toHaveLength(1);
    expect(result.rounds.map((r) => r.results.map((x) => x.result.level))).toEqual([[1], [3]]);
    expect(result.pupils[0].results.map((r) => r.level)).toEqual([3]);
    expect(messages(result, 'warning')).toEqual([noDiscipline('2MRC!D1', ['D']), ]);
  });

  it('keeps one pupil across a change of class within a level, and reports homonyms', () => {
    const result = read([
      grid('P1', [['Nom', 'Prénom', 'Classe', 'Calculer'], ['DUPONT', 'Marie', '2MRC', 'NA'], ['MARTIN', 'Léo', '2MRC', 'A'], ['MARTIN', 'Léo', '2MELEC', 'NA']]),
      grid('P2', [['Nom', 'Prénom', 'Classe', 'Calculer'], ['DUPONT', 'Marie', '2MELEC', 'A']]),
    ]);
    expect(result.pupils.map((p) => [p.displayName, p.className])).toEqual([['DUPONT Marie', '2MELEC'], ['MARTIN Léo', '2MELEC'], ['MARTIN Léo', '2MRC']]);
    expect(messages(result, 'info')).toContain('P2!A2 : DUPONT Marie : en 2MRC dans P1!A2, en 2MELEC ici ; changement de classe en 2nde, compté une fois (classe retenue : 2MELEC)');
    expect(messages(result, 'warning')).toContain('P1!A3 : MARTIN Léo figure en 2MELEC (P1!A4), 2MRC (P1!A3) : homonymes ou élève inscrit dans deux classes ? Vérifiez ; ils sont gardés distincts');
  });

  it('never merges two different pupils typed with the same INE, and names both cells', () => {
    const result = read([grid('2MRC', [['INE', 'Nom', 'Prénom', 'Calculer'], ['123456789AB', 'DUPONT', 'Marie', 'A'], ['123456789AB', 'MARTIN', 'Léo', 'NA']])]);
    expect(result.pupils.map((p) => [p.displayName, p.id])).toEqual([['DUPONT Marie', 'ine:123456789AB'], ['MARTIN Léo', 'eleve:2nde|martin leo']]);
    expect(messages(result, 'warning')).toEqual([
      noDiscipline('2MRC!D1', ['D']),
      "2MRC!B3 : INE 123456789AB saisi pour DUPONT Marie (2MRC!B2) et pour MARTIN Léo (2MRC!B3) : deux élèves différents, gardés distincts ; corrigez l'INE erroné",
    ]);
  });
});

describe('identity columns recognised by their values', () => {
  it('takes a column of INE and a column of repeated class codes for what they are, whatever their headers', () => {
    const result = read([
      grid('Suivi', [
        ['Identifiant', 'Nom', 'Prénom', 'Section', 'Calculer'],
        ['123456789AB', 'DUPONT', 'Marie', '2MRC', 'A'],
        ['123456789AC', 'MARTIN', 'Léo', '2MRC', 'NA'],
        ['123456789AD', 'PETIT', 'Lina', '2MELEC', 'ECA'],
        ['123456789AE', 'TESSIER', 'Tom', '2MELEC', 'A'],
      ]),
    ]);
    expect(result.mapping.sheets[0].columns.slice(0, 4).map((c) => (c.role.kind === 'identity' ? c.role.field : c.role.kind))).toEqual(['ine', 'lastName', 'firstName', 'class']);
    expect(result.pupils.map((p) => [p.id, p.className])).toEqual([
      ['ine:123456789AB', '2MRC'], ['ine:123456789AC', '2MRC'], ['ine:123456789AD', '2MELEC'], ['ine:123456789AE', '2MELEC'],
    ].sort((a, b) => (a[1] === b[1] ? 0 : a[1] < b[1] ? -1 : 1)));
  });
});

describe('positionnements side by side under dates', () => {
  it('numbers the columns under « Septembre » and « Janvier » by date, the discipline staying the discipline', () => {
    const values: CellValue[][] = [
      [null, null, 'Janvier', null, 'Septembre', null],
      ['Nom', 'Prénom', 'Calculer', 'Rédiger', 'Calculer', 'Rédiger'],
      ['DUPONT', 'Marie', 'A', 'A', 'NA', 'ECA'],
    ];
    const merges = [{ row: 0, col: 2, rowCount: 1, colCount: 2 }, { row: 0, col: 4, rowCount: 1, colCount: 2 }];
    const result = read([grid('Maths', values, { merges })]);
    expect(result.competencies.map((c) => c.id)).toEqual(['mathematiques|calculer', 'mathematiques|rediger']);
    expect(result.rounds.map((r) => r.results.map((x) => `${x.result.source.cell}=${x.result.level}`))).toEqual([['E3=1', 'F3=2'], ['C3=3', 'D3=3']]);
    expect(result.pupils[0].results.map((r) => r.source.cell)).toEqual(['C3', 'D3']);
  });
});

describe('values that look like identities but are not', () => {
  it('leaves a MEF code column alone when there is no INE column', () => {
    const result = read([grid('2MRC', [['Nom', 'Prénom', 'MEF', 'Calculer'], ['DUPONT', 'Marie', '24021010310', 'A'], ['MARTIN', 'Léo', '24021010310', 'NA']])]);
    expect(result.mapping.sheets[0].columns[2].role).toEqual({ kind: 'ignored' });
    expect(result.pupils.every((p) => p.ine === undefined)).toBe(true);
  });
});

describe('discipline labels repeated instead of merged', () => {
  it('reads a discipline written over each of its columns', () => {
    const result = read([grid('2MRC', [['Élève', 'Français', 'Français', 'Maths', 'Maths'], [null, 'Lire', 'Écrire', 'Calculer', 'Raisonner'], ['DUPONT Marie', 'A', 'NA', 'ECA', 'A']])]);
    expect(result.competencies.map((c) => c.id)).toEqual(['francais|lire', 'francais|ecrire', 'mathematiques|calculer', 'mathematiques|raisonner']);
    expect(result.pupils[0].results.map((r) => `${r.source.cell}=${r.level}`)).toEqual(['B3=3', 'C3=1', 'D3=2', 'E3=3']);
  });
});
