/** `AP Historique`: where each pupil was in past cycles (pupil × cycle × slot -> workshop). */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { WorkbookSnapshot } from '../grid';
import type { HistoryEntry, NeedKind } from '../model';
import { isOwnSheet, SHEET_NAMES } from '../workbook';
import { numberValue } from '../settings/sections';
import { KIND_LABELS } from '../settings/settings';
import { normalizeText } from '../text';
import { HISTORY_COLUMNS as COL } from './sheetColumns';
import { readTable } from './sheetTable';
import { findBySheetName } from '../sheetNames';

function kindOf(label: string): NeedKind | null {
  const text = normalizeText(label);
  const entry = (Object.entries(KIND_LABELS) as [NeedKind, string][]).find(([kind, l]) => normalizeText(l) === text || kind === text);
  return entry ? entry[0] : null;
}

export function readHistory(snapshot: WorkbookSnapshot): { history: HistoryEntry[]; diagnostics: Diagnostic[] } {
  const sheet = SHEET_NAMES.history;
  const grid = findBySheetName(snapshot.grids, sheet, (g) => g.sheet);
  const diagnostics: Diagnostic[] = [];
  if (!grid) return { history: [], diagnostics };
  // A coordinator's sheet under our name is not ours to read; the pipeline reports it once.
  if (!isOwnSheet(grid)) return { history: [], diagnostics };
  const rows = readTable(grid, [COL.cycle, COL.id, COL.workshop, COL.kind]) ?? [];
  const history: HistoryEntry[] = [];
  for (const row of rows) {
    const cycle = numberValue(row.value(COL.cycle));
    const kind = kindOf(row.text(COL.kind));
    const pupilId = row.text(COL.id);
    if (cycle === null || !Number.isInteger(cycle) || cycle < 1 || !kind || !pupilId) {
      const what = cycle === null || !Number.isInteger(cycle) || cycle < 1 ? 'cycle illisible' : !kind ? `type « ${row.text(COL.kind)} » inconnu` : 'identifiant manquant';
      diagnostics.push(diagnostic('warning', sheet, row.address(), `ligne d’historique ignorée : ${what}.`));
      continue;
    }
    const discipline = row.text(COL.discipline);
    const evidence = row.text(COL.evidence);
    history.push({
      cycle,
      pupilId,
      pupilName: row.text(COL.pupil),
      className: row.text(COL.className),
      level: row.text(COL.level),
      slotId: row.text(COL.slot),
      workshopTypeId: row.text(COL.workshop),
      kind,
      ...(discipline ? { discipline } : {}),
      teacher: row.text(COL.teacher),
      ...(evidence ? { evidence } : {}),
    });
  }
  return { history, diagnostics };
}
