import { sameSheetName } from '../../../src/core/sheetNames';
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import type { CellValue } from '../../../src/core/grid';
import type { SheetRole } from '../../../src/core/model';
import { readSavedMapping, readWorkbook, renderMappingSheet, type ColumnMapping, type ColumnRole, type SheetMapping } from '../../../src/core/read';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';
import { grid, specGrid, noDiscipline } from './helpers';

const roundTrip = (mapping: ColumnMapping) => readSavedMapping({ grids: [specGrid(renderMappingSheet(mapping))] });

const classSheet: CellValue[][] = [
  ['Positionnement 2MRC'],
  [null, null, 'Français', null, 'Mathématiques'],
  ['Nom', 'Prénom', 'Lire', 'Écrire', 'Calculer', 'Observations'],
  ['DUPONT', 'Marie', 'A', 'AQ', '12', 'RAS'],
  ['MARTIN', 'Léo', 'NA', 'ECA', '18', null],
];

describe('« AP Correspondances »', () => {
  it('is an output sheet starting with the marker, readable by a coordinator', () => {
    const detected = readWorkbook({ grids: [grid('2MRC', classSheet)] }, { classLevels: [] }).mapping;
    const spec = renderMappingSheet(detected);
    expect(spec.name).toBe(SHEET_NAMES.mapping);
    expect(spec.role).toBe('output');
    expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
    const texts = spec.cells.map((row) => row.map((c) => (c === null ? '' : String(c))).join(' | '));
    expect(texts).toContain("2MRC | C | Français › Lire | Compétence | Français | Lire |  |  |  | valeurs de maîtrise (A / ECA / NA, niveaux LSU, symboles…)");
    expect(texts).toContain('2MRC | F | Observations | Ignorée |  |  |  |  |  | « Observations » : commentaire libre, pas une compétence');
    expect(spec.validations?.length).toBeGreaterThan(0);
  });

  it('reads back exactly the mapping it wrote (detected mappings)', () => {
    const detected = readWorkbook({ grids: [grid('2MRC', classSheet), grid('Budget', [['Poste'], ['Car']])] }, { classLevels: [] }).mapping;
    const back = roundTrip(detected);
    expect(back.diagnostics).toEqual([]);
    expect(back.mapping).toEqual(detected);
  });

  const text = fc.string({ minLength: 1, maxLength: 30 }).map((s) => s.replace(/\s+/g, ' ').trim()).filter((s) => s.length > 0 && !/^=/.test(s));
  const sheetName = text.filter((s) => !/[:\\/?*[\]]/.test(s));
  const roleArb: fc.Arbitrary<ColumnRole> = fc.oneof(
    fc.constantFrom<ColumnRole>(
      { kind: 'identity', field: 'lastName' }, { kind: 'identity', field: 'firstName' }, { kind: 'identity', field: 'fullName' },
      { kind: 'identity', field: 'ine' }, { kind: 'identity', field: 'class' }, { kind: 'identity', field: 'level' },
      { kind: 'identity', field: 'birthDate' }, { kind: 'profile' }, { kind: 'project' }, { kind: 'ignored' },
    ),
    fc.record(
      { kind: fc.constant('competency' as const), discipline: text, label: text, maxScore: fc.integer({ min: 1, max: 100 }), self: fc.constant(true as const), round: fc.integer({ min: 1, max: 5 }) },
      { requiredKeys: ['kind', 'discipline', 'label'] },
    ),
  );
  const sheetArb = (name: string): fc.Arbitrary<SheetMapping> =>
    fc.record(
      {
        sheet: fc.constant(name),
        role: fc.constantFrom<SheetRole>('positionnement', 'self-assessment', 'interview', 'class-list', 'national-test', 'ignored'),
        reason: fc.oneof(fc.constant(''), text),
        headerRow: fc.integer({ min: 1, max: 500 }),
        headerRows: fc.integer({ min: 1, max: 3 }),
        className: text,
        round: fc.integer({ min: 1, max: 4 }),
        columns: fc.uniqueArray(
          fc.record({ column: fc.integer({ min: 0, max: 700 }).map((n) => String.fromCharCode(65 + (n % 26)).repeat(1 + Math.floor(n / 26) % 3)), header: fc.oneof(fc.constant(''), text), role: roleArb, reason: fc.oneof(fc.constant(''), text) }),
          { selector: (c) => c.column, maxLength: 8 },
        ),
      },
      { requiredKeys: ['sheet', 'role', 'reason', 'columns'] },
    );
  const mappingArb: fc.Arbitrary<ColumnMapping> = fc
    // Two sheets of one workbook never share a name, whatever the case (Excel's rule).
    .uniqueArray(sheetName, { maxLength: 5, comparator: sameSheetName })
    .chain((names) => fc.tuple(...names.map(sheetArb)))
    .chain((sheets) =>
      fc.record({
        version: fc.constant(1 as const),
        scale: fc.record({
          colours: fc.constantFrom('auto' as const, 'yes' as const, 'no' as const),
          thresholds: fc.constantFrom<[number, number, number]>([25, 50, 75], [30, 55, 80], [10, 40, 90]),
          extraValues: fc.uniqueArray(fc.record({ text, level: fc.constantFrom(1 as const, 2 as const, 3 as const, 4 as const, null) }), { selector: (e) => e.text, maxLength: 4 }),
        }),
        sheets: fc.constant(sheets),
      }),
    );

  it('round-trips any mapping (property)', () => {
    fc.assert(
      fc.property(mappingArb, (mapping) => {
        const back = roundTrip(mapping);
        expect(back.diagnostics).toEqual([]);
        expect(back.mapping).toEqual(mapping);
      }),
      { numRuns: 150 },
    );
  });

  it('is absent, or unreadable, without failing', () => {
    expect(readSavedMapping({ grids: [] })).toEqual({ mapping: null, diagnostics: [] });
    const broken = readSavedMapping({ grids: [grid(SHEET_NAMES.mapping, [['Pilote AP · Correspondances'], ['n’importe quoi']])] });
    expect(broken.mapping).toBeNull();
    expect(broken.diagnostics.map((d) => d.severity)).toEqual(['warning']);
  });

  it('reports rows a coordinator got wrong, with their cell, and keeps the rest', () => {
    const detected = readWorkbook({ grids: [grid('2MRC', classSheet)] }, { classLevels: [] }).mapping;
    const edited = specGrid(renderMappingSheet(detected));
    const find = (sheet: string, column: string) => edited.values.findIndex((row) => row[0] === sheet && row[1] === column);
    edited.values[find('2MRC', 'D')][3] = 'Compétense';
    edited.values[find('2MRC', 'E')][6] = 'vingt';
    const sheetRow = edited.values.findIndex((row) => row[0] === '2MRC' && row[1] === 'Positionnement');
    edited.values[sheetRow][2] = 'cinq';
    const back = readSavedMapping({ grids: [edited] });
    expect(back.diagnostics.map((d) => `${d.cell} : ${d.message}`)).toEqual([
      `C${sheetRow + 1} : « Ligne des intitulés » : nombre entier attendu, valeur ignorée`,
      `D${find('2MRC', 'D') + 1} : rôle de colonne « Compétense » inconnu : colonne ignorée`,
      `G${find('2MRC', 'E') + 1} : note maximale illisible : les nombres sont lus comme niveaux 1 à 4`,
    ]);
    expect(back.mapping?.sheets[0].columns.map((c) => c.column)).toEqual(['A', 'B', 'C', 'E', 'F']);
  });
});

describe('a saved mapping wins over detection', () => {
  const detect = (grids: ReturnType<typeof grid>[]) => readWorkbook({ grids }, { classLevels: [] });

  it('reads what the coordinator decided: another maximum, a value of the establishment, another discipline', () => {
    const detected = detect([grid('2MRC', classSheet)]);
    expect(detected.competencies.map((c) => c.id)).toEqual(['francais|lire', 'francais|ecrire', 'mathematiques|calculer']);
    // « 12 » and « 18 » are taken for scores out of 20, and said so.
    expect(detected.mapping.sheets[0].columns[4].reason).toBe("notes sur 20 (maximum supposé d'après les valeurs, à corriger si besoin)");
    expect(detected.pupils.map((p) => p.results.map((r) => r.level))).toEqual([[3, 3], [1, 2, 4]]);
    const mapping = structuredClone(detected.mapping);
    const columns = mapping.sheets[0].columns;
    columns[4].role = { kind: 'competency', discipline: 'Mathématiques', label: 'Calculer', maxScore: 40 };
    columns[3].role = { kind: 'competency', discipline: 'Lettres', label: 'Écrire' };
    mapping.scale.extraValues.push({ text: 'AQ', level: 3 });
    const saved = readWorkbook({ grids: [grid('2MRC', classSheet), specGrid(renderMappingSheet(mapping))] }, { classLevels: [], mapping: roundTrip(mapping).mapping });
    expect(saved.competencies.map((c) => c.id)).toEqual(['francais|lire', 'lettres|ecrire', 'mathematiques|calculer']);
    expect(saved.pupils.map((p) => p.results.map((r) => `${r.competencyId}=${r.level}`))).toEqual([
      ['francais|lire=3', 'lettres|ecrire=3', 'mathematiques|calculer=2'],
      ['francais|lire=1', 'lettres|ecrire=2', 'mathematiques|calculer=2'],
    ]);
    expect(saved.mapping).toEqual(mapping);
    expect(saved.diagnostics).toEqual([]);
  });

  it('follows a column that moved, reports one that vanished, and takes new columns from detection', () => {
    const mapping = detect([grid('2MRC', classSheet)]).mapping;
    // A teacher inserted « Oral » before « Lire » and deleted « Calculer ».
    const changed = classSheet.map((row, r) => {
      const copy = [...row];
      copy.splice(2, 0, r === 2 ? 'Oral' : r >= 3 ? 'A' : null);
      copy.splice(5, 1);
      return copy;
    });
    const result = readWorkbook({ grids: [grid('2MRC', changed)] }, { classLevels: [], mapping });
    expect(result.diagnostics.map((d) => `${d.severity} ${d.cell} : ${d.message}`)).toEqual([
      `warning ${noDiscipline('C3', ['C'])}`,
      "warning E4 : Vérifiez la lecture : 1 valeur sur 6 (17 %) n’est d'aucune échelle connue : « AQ » (1 fois, dont 2MRC!E4). Si ce sont des codes de l'établissement, déclarez-les dans « AP Correspondances », section « Valeurs ajoutées »",
      'info D3 : la colonne « Français › Lire » est passée de C à D : elle est suivie',
      'info E3 : la colonne « Français › Écrire » est passée de D à E : elle est suivie',
      "warning E3 : la colonne « Mathématiques › Calculer » enregistrée dans « AP Correspondances » est introuvable : elle n'est pas lue",
      'info C3 : nouvelle colonne « Oral » détectée : valeurs de maîtrise (A / ECA / NA, niveaux LSU, symboles…)',
      'warning E4 : valeur « AQ » inconnue, comptée comme non évaluée',
    ]);
    expect(result.competencies.map((c) => c.id)).toEqual(['discipline non precisee|oral', 'francais|lire', 'francais|ecrire']);
    expect(result.mapping.sheets[0].columns.map((c) => `${c.column} ${c.header}`)).toEqual(['A Nom', 'B Prénom', 'C Oral', 'D Français › Lire', 'E Français › Écrire', 'F Observations']);
  });

  it('detects sheets the saved mapping does not describe and says so', () => {
    const mapping = detect([grid('2MRC', classSheet)]).mapping;
    const result = readWorkbook({ grids: [grid('2MRC', classSheet), grid('1MRC', classSheet)] }, { classLevels: [], mapping: { ...mapping, sheets: [...mapping.sheets, { sheet: 'Ancienne', role: 'positionnement', reason: '', columns: [] }] } });
    expect(result.pupils).toHaveLength(4);
    expect(result.diagnostics.filter((d) => d.severity === 'info').map((d) => `${d.sheet} : ${d.message}`)).toEqual([
      '1MRC : feuille absente de « AP Correspondances » : détection automatique (Positionnement)',
      "AP Correspondances : la feuille « Ancienne » décrite dans les correspondances n'existe plus dans le classeur",
    ]);
  });

  it('lets the coordinator ignore a sheet detection would read', () => {
    const mapping = detect([grid('2MRC', classSheet)]).mapping;
    mapping.sheets[0] = { sheet: '2MRC', role: 'ignored', reason: 'ancien fichier', columns: [] };
    const result = readWorkbook({ grids: [grid('2MRC', classSheet)] }, { classLevels: [], mapping });
    expect(result.pupils).toEqual([]);
    expect(result.sheets[0]).toEqual({ sheet: '2MRC', role: 'ignored', reason: 'ancien fichier', pupilCount: 0 });
  });
});
