/** Pins: rows of the previous `AP Groupes` that the coordinator locked (Verrou = « oui »). */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { WorkbookSnapshot } from '../grid';
import type { Pin, Pupil } from '../model';
import { isOwnSheet, SHEET_NAMES } from '../render/sheetSpec';
import { yesValue } from '../settings/sections';
import { normalizeText } from '../text';
import { GROUP_COLUMNS as COL } from './sheetColumns';
import { readTable } from './sheetTable';
import { findBySheetName } from '../sheetNames';

export function readPins(snapshot: WorkbookSnapshot, pupils: Pupil[]): { pins: Pin[]; diagnostics: Diagnostic[] } {
  const sheet = SHEET_NAMES.groups;
  const grid = findBySheetName(snapshot.grids, sheet, (g) => g.sheet);
  const diagnostics: Diagnostic[] = [];
  if (!grid) return { pins: [], diagnostics };
  // A coordinator's sheet under our name is not ours to read; the pipeline reports it once.
  if (!isOwnSheet(grid)) return { pins: [], diagnostics };
  const rows = readTable(grid, [COL.slot, COL.workshop, COL.teacher, COL.pupil, COL.lock]);
  if (!rows) return { pins: [], diagnostics };
  const byName = new Map<string, Pupil[]>();
  for (const pupil of pupils) {
    const key = normalizeText(pupil.displayName);
    byName.set(key, [...(byName.get(key) ?? []), pupil]);
  }
  const pins: Pin[] = [];
  const seen = new Set<string>();
  for (const row of rows) {
    if (!yesValue(row.value(COL.lock))) continue;
    const cell = row.address(COL.lock);
    const name = row.text(COL.pupil);
    const className = row.text(COL.className);
    const namesakes = byName.get(normalizeText(name)) ?? [];
    const sameClass = namesakes.filter((p) => normalizeText(p.className) === normalizeText(className));
    const matches = sameClass.length ? sameClass : namesakes;
    if (matches.length !== 1) {
      const problem = matches.length ? 'plusieurs élèves portent ce nom' : 'élève introuvable dans les positionnements';
      diagnostics.push(diagnostic('warning', sheet, cell, `verrou ignoré : « ${name} » (${className || 'classe non indiquée'}) — ${problem}.`));
      continue;
    }
    const slotId = row.text(COL.slot);
    const workshopTypeId = row.text(COL.workshop);
    const teacher = row.text(COL.teacher);
    if (!slotId || !workshopTypeId || !teacher) {
      diagnostics.push(diagnostic('warning', sheet, cell, `verrou ignoré pour « ${name} » : barrette, atelier et intervenant doivent être remplis.`));
      continue;
    }
    const key = `${matches[0].id}|${normalizeText(slotId)}`;
    if (seen.has(key)) {
      diagnostics.push(diagnostic('warning', sheet, cell, `verrou ignoré : « ${name} » est déjà verrouillé(e) sur la barrette « ${slotId} ».`));
      continue;
    }
    seen.add(key);
    pins.push({ pupilId: matches[0].id, slotId, workshopTypeId, teacher, source: { sheet, cell } });
  }
  return { pins, diagnostics };
}
