/** Put a workbook snapshot (grids) into the fake Excel, as a coordinator's workbook would be. */
import { a1, rangeA1, type WorkbookSnapshot } from '../../../src/core/grid';
import { FakeExcel } from '../../fakes/fakeExcel';

export function seedFakeExcel(snapshot: WorkbookSnapshot, excel = new FakeExcel()): FakeExcel {
  for (const grid of snapshot.grids) {
    const { row, col } = grid.origin;
    excel.addSheet(grid.sheet, {
      origin: a1(row, col),
      values: grid.values,
      // The fake does not compute: a formula cell keeps the value it was given.
      formulas: grid.formulas?.map((line) => line.map((isFormula) => (isFormula ? '=SUM(A1:A2)' : null))),
      fills: grid.fills,
      hiddenRows: grid.hiddenRows?.map((r) => r + row),
      hiddenColumns: grid.hiddenColumns?.map((c) => c + col),
      merges: grid.merges?.map((m) => rangeA1({ ...m, row: m.row + row, col: m.col + col })),
      hidden: grid.hidden,
    });
  }
  return excel;
}

/** A school of `classes` × `perClass` pupils, one sheet per class, in the shape schools keep them. */
export function classSheets(classes: number, perClass: number, competencies = 12): WorkbookSnapshot {
  const marks = ['A', 'ECA', 'NA', 'abs', null];
  const grids = Array.from({ length: classes }, (_, k) => {
    const name = `${['2', '1', 'T'][k % 3]}MRC${Math.floor(k / 3) + 1}`;
    const header = ['Nom', 'Prénom', ...Array.from({ length: competencies }, (_, c) => `Compétence ${c + 1}`)];
    const disciplines = [null, null, 'Français', ...Array(competencies / 2 - 1).fill(null), 'Mathématiques', ...Array(competencies / 2 - 1).fill(null)];
    const pupils = Array.from({ length: perClass }, (_, i) => [`NOM${k}-${i}`, `Prénom ${i}`, ...Array.from({ length: competencies }, (_, c) => marks[(i * 7 + c * 3 + k) % marks.length])]);
    const values = [[`Positionnement ${name}`], disciplines, header, ...pupils];
    const fills = values.map((line, r) => line.map((_, c) => (r > 2 && c > 1 && (r + c) % 4 === 0 ? '#FF0000' : null)));
    return {
      sheet: name,
      origin: { row: 1, col: 0 },
      values,
      fills,
      hiddenRows: [4],
      merges: [
        { row: 1, col: 2, rowCount: 1, colCount: competencies / 2 },
        { row: 1, col: 2 + competencies / 2, rowCount: 1, colCount: competencies / 2 },
      ],
    };
  });
  return { grids };
}
