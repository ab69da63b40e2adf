/** Sheet specs shaped like the engine's, built here so the gateway is tested on its own. */
import { type SheetSpec, type SpecCell } from '../../../src/core/render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';

const HEADER = ['Niveau', 'Barrette', 'Groupe', 'Atelier', 'Intervenant', 'Élève', 'Classe', 'Besoin principal', 'Pourquoi'];

/** `AP Groupes` for `pupils` pupils: title, table, a formula summary, formats, a chart. */
export function groupsSpec(pupils: number): SheetSpec {
  const cells: SpecCell[][] = [[`${MARKER} groupes de besoin — cycle 1`], [], HEADER];
  for (let i = 0; i < pupils; i++) {
    const group = `G${(i % 40) + 1}`;
    cells.push(['2nde', 'Mardi 10h', group, 'Remédiation français', 'Mme Lefèvre', `Élève ${i} Dupont-Moreau`, `2MRC${i % 4}`, 'Français', 'Lire : NA, Écrire : ECA']);
  }
  const tableEnd = cells.length;
  cells.push([]);
  const summaryTop = cells.length;
  cells.push(['Groupe', 'Effectif']);
  for (let g = 1; g <= 40; g++) {
    cells.push([`G${g}`, { formula: `=COUNTIF(C4:C${tableEnd},"G${g}")`, value: Math.ceil(pupils / 40) }]);
  }
  return {
    name: SHEET_NAMES.groups,
    role: 'output',
    cells,
    columnWidths: [10, 14, 8, 26, 18, 28, 10, 18, 40],
    styles: [
      { range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, style: { bold: true, fontSize: 14 } },
      { range: { row: summaryTop, col: 0, rowCount: 41, colCount: 2 }, style: { border: true, horizontal: 'center' } },
      { range: { row: summaryTop + 1, col: 1, rowCount: 40, colCount: 1 }, style: { numberFormat: '0" élèves"' } },
    ],
    merges: [{ row: 0, col: 0, rowCount: 1, colCount: 5 }],
    tables: [{ name: 'AP_Groupes', range: { row: 2, col: 0, rowCount: tableEnd - 2, colCount: HEADER.length }, style: 'TableStyleMedium2' }],
    conditionalFormats: [
      { range: { row: summaryTop + 1, col: 1, rowCount: 40, colCount: 1 }, operator: 'greaterThan', value: 12, style: { fill: '#FFC7CE', bold: true } },
    ],
    charts: [{ type: 'column', title: 'Élèves par groupe', data: { row: summaryTop, col: 0, rowCount: 41, colCount: 2 }, anchor: { row: summaryTop, col: 3 }, size: { rows: 15, cols: 6 } }],
    freeze: { rows: 3, cols: 0 },
    tabColor: '#2F75B5',
    landscape: true,
  };
}

export function parametersSpec(cap = 12): SheetSpec {
  return {
    name: SHEET_NAMES.parameters,
    role: 'parameters',
    cells: [[`${MARKER} paramètres — à compléter`], ['Cycle à générer', 1], ['Effectif maximal', cap], ['Verrouillé', 'oui']],
    validations: [{ range: { row: 3, col: 1, rowCount: 1, colCount: 1 }, values: ['oui', ''] }],
    freeze: { rows: 1, cols: 1 },
    tabColor: '#FFC000',
  };
}
