/**
 * Where a parameter lives in the coordinator's parameter sheets, so that an edit in the pane writes
 * into the very cell the engine reads back.
 */
import type { SourceRef } from '../core/model';
import type { WorkbookSnapshot } from '../core/grid';
import { SHEET_NAMES } from '../core/workbook';
import { SECTION_TITLES } from '../core/settings/read';
import { readSection, sectionValue } from '../core/settings/sections';
import { GENERAL_PARAMETERS, type GeneralKey } from '../core/settings/settings';
import { findBySheetName } from '../core/sheetNames';
import { normalizeText } from '../core/text';

/** The « Valeur » cell of a « Général » parameter in `AP Paramètres`; null when the row is not there. */
export function generalParameterCell(snapshot: WorkbookSnapshot, key: GeneralKey): SourceRef | null {
  const grid = findBySheetName(snapshot.grids, SHEET_NAMES.parameters, (g) => g.sheet);
  const parameter = GENERAL_PARAMETERS.find((p) => p.key === key);
  if (!grid || !parameter) return null;
  const section = readSection(grid, [SECTION_TITLES.general]);
  const row = section?.rows.find((r) => normalizeText(sectionValue(r, 'Paramètre')) === normalizeText(parameter.label));
  return row ? { sheet: grid.sheet, cell: row.addressOf('Valeur') } : null;
}
