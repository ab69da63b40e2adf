/**
 * A saved mapping wins over detection, but the workbook may have changed since it was saved: a
 * column found under another letter is followed (by its header), a missing one is reported, and
 * columns added since are taken from detection. A sheet saved with header rows but no columns (the
 * coordinator moved the header in the pane) gets its columns detected under those rows.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { columnIndex, columnLetters, type Grid } from '../grid';
import { headerText, layoutAt } from './header';
import { detectAtRows } from './detect';
import type { ColumnEntry, MasteryScale, SheetMapping } from './mapping';
import { keyOf } from './vocabulary';

function sameHeader(a: string, b: string): boolean {
  return keyOf(a) === keyOf(b);
}

/** Reasons detection gives to what it could not read: set aside for lack of a known scale, not by the coordinator. */
const UNREADABLE = /texte libre|aucune colonne de compétences reconnue/;

export function applySavedSheet(grid: Grid, saved: SheetMapping, detected: SheetMapping, scale: MasteryScale, diagnostics: Diagnostic[]): SheetMapping {
  // A sheet set aside for its values, which values now declared in « Valeurs ajoutées » make readable.
  if (saved.role === 'ignored' && UNREADABLE.test(saved.reason) && detected.role !== 'ignored') {
    diagnostics.push(diagnostic('info', grid.sheet, '', `feuille relue : ses valeurs sont maintenant connues (${detected.reason})`));
    return detected;
  }
  if (saved.headerRow === undefined || saved.role === 'ignored') return { ...saved, columns: saved.columns.map((c) => ({ ...c })) };
  const labelRow = saved.headerRow - 1 - grid.origin.row;
  if (labelRow < 0 || labelRow >= grid.values.length) {
    diagnostics.push(
      diagnostic('warning', grid.sheet, '', `la ligne d'en-tête ${saved.headerRow} enregistrée dans « AP Correspondances » n'existe plus : détection automatique de la feuille`),
    );
    return detected;
  }
  if (!saved.columns.length) {
    const columns = detectAtRows(grid, scale, saved.headerRow, saved.headerRows ?? 1).columns;
    if (columns.length) diagnostics.push(diagnostic('info', grid.sheet, `A${saved.headerRow}`, `en-tête choisi ligne ${saved.headerRow} : colonnes détectées sous cet en-tête`));
    return { ...saved, columns };
  }
  const identityCols = new Set(
    saved.columns.filter((c) => c.role.kind === 'identity').map((c) => columnIndex(c.column) - grid.origin.col),
  );
  const layout = layoutAt(grid, labelRow, saved.headerRows ?? 1, identityCols);
  const headers = layout.columns.map(headerText);
  const used = new Set<number>();
  const columns: ColumnEntry[] = [];
  for (const entry of saved.columns) {
    const col = columnIndex(entry.column) - grid.origin.col;
    if (col >= 0 && (headers[col] === undefined ? !entry.header : sameHeader(headers[col], entry.header)) && !used.has(col)) {
      used.add(col);
      const now = entry.role.kind === 'ignored' && UNREADABLE.test(entry.reason) && detected.headerRow === saved.headerRow ? detected.columns.find((d) => d.column === entry.column && d.role.kind !== 'ignored') : undefined;
      if (now) diagnostics.push(diagnostic('info', grid.sheet, `${entry.column}${saved.headerRow}`, `colonne « ${entry.header} » relue : ${now.reason}`));
      columns.push({ ...(now ?? entry) });
      continue;
    }
    const moved = headers.findIndex((h, c) => !used.has(c) && entry.header !== '' && sameHeader(h, entry.header));
    if (moved >= 0) {
      used.add(moved);
      const letters = columnLetters(grid.origin.col + moved);
      columns.push({ ...entry, column: letters });
      diagnostics.push(diagnostic('info', grid.sheet, `${letters}${saved.headerRow}`, `la colonne « ${entry.header} » est passée de ${entry.column} à ${letters} : elle est suivie`));
      continue;
    }
    if (entry.role.kind !== 'ignored') {
      diagnostics.push(
        diagnostic('warning', grid.sheet, `${entry.column}${saved.headerRow}`, `la colonne « ${entry.header} » enregistrée dans « AP Correspondances » est introuvable : elle n'est pas lue`),
      );
    }
  }
  if (detected.headerRow === saved.headerRow) {
    for (const entry of detected.columns) {
      const col = columnIndex(entry.column) - grid.origin.col;
      if (used.has(col) || saved.columns.some((s) => entry.header !== '' && sameHeader(s.header, entry.header))) continue;
      columns.push(entry);
      if (entry.role.kind !== 'ignored') {
        diagnostics.push(diagnostic('info', grid.sheet, `${entry.column}${saved.headerRow}`, `nouvelle colonne « ${entry.header} » détectée : ${entry.reason}`));
      }
    }
  }
  columns.sort((a, b) => columnIndex(a.column) - columnIndex(b.column));
  return { ...saved, columns };
}
