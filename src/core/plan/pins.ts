/**
 * Pins: rows of the previous `AP Groupes` that the coordinator locked. « oui » holds for the next
 * generation only (the sheet then shows « oui (cycle N) », kept if cycle N is generated again);
 * « toujours » holds cycle after cycle. Expiry is decided by the planner (resources.ts), which knows
 * the cycle.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { WorkbookSnapshot } from '../grid';
import { sameDiscipline } from '../disciplines';
import type { Assignment, HistoryEntry, NeedKind, Pin, Plan, Pupil, PupilNeeds } from '../model';
import { KIND_LABELS, type Settings } from '../settings/settings';
import { openGoals } from './objective';
import { isOwnSheet, SHEET_NAMES } from '../workbook';
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
    const lifetime = lockLifetime(row.value(COL.lock));
    if (!lifetime) continue;
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
    pins.push({ pupilId: matches[0].id, slotId, workshopTypeId, teacher, source: { sheet, cell }, lifetime });
  }
  return { pins, diagnostics };
}

const ALWAYS = ['toujours', 'permanent', 'tout le temps', 'toute l annee', 'always', 'oui toujours'];

/** « toujours » -> always; « oui », « x »… -> once; « oui (cycle 3) » -> once, applied to cycle 3; else null. */
export function lockLifetime(value: unknown): NonNullable<Pin['lifetime']> | null {
  const text = normalizeText(value);
  if (ALWAYS.includes(text)) return { kind: 'always' };
  const applied = /^(.*?)\s*\(?\s*cycle\s*(\d+)\s*\)?$/.exec(text);
  if (applied && yesValue(applied[1])) return { kind: 'once', cycle: Number(applied[2]) };
  return yesValue(value) ? { kind: 'once' } : null;
}

/** What `AP Groupes` shows in « Verrou » for a lock applied to `cycle`. */
export function lockText(lock: Assignment['lock'], cycle: number): string {
  return lock === 'always' ? 'toujours' : `oui (cycle ${cycle})`;
}

export interface AlwaysLockContext {
  plan: Plan;
  pins: Pin[];
  pupils: Pupil[];
  needs: PupilNeeds[];
  history: HistoryEntry[];
  settings: Settings;
}

/**
 * A « toujours » lock that keeps a pupil past the rotation limit, or away from a yearly objective
 * (every workshop of the pupil locked, the objective not met), is said with the pupil and the cell:
 * the lock wins, but not silently.
 */
export function alwaysLockWarnings({ plan, pins, pupils, needs, history, settings }: AlwaysLockContext): Diagnostic[] {
  const { cycle, maxConsecutiveCycles } = settings.general;
  const diagnostics: Diagnostic[] = [];
  const pinOf = (pupilId: string, slotId: string) => pins.find((p) => p.lifetime?.kind === 'always' && p.pupilId === pupilId && normalizeText(p.slotId) === normalizeText(slotId));
  for (const pupil of pupils) {
    const own = plan.assignments.filter((a) => a.pupilId === pupil.id);
    const locked = own.filter((a) => a.lock === 'always' && pinOf(pupil.id, a.slotId));
    if (!locked.length) continue;
    const past = history.filter((h) => h.pupilId === pupil.id && h.cycle < cycle);
    const kinds = new Set<NeedKind>();
    for (const a of locked) {
      const group = plan.groups.find((g) => g.id === a.groupId);
      const pin = pinOf(pupil.id, a.slotId)!;
      if (!group) continue;
      kinds.add(group.kind);
      if (group.kind !== 'remediation' || !group.discipline) continue;
      let inARow = 0;
      while (past.some((h) => h.kind === 'remediation' && sameDiscipline(h.discipline, group.discipline) && h.cycle === cycle - 1 - inARow)) inARow++;
      if (inARow + 1 <= maxConsecutiveCycles) continue;
      diagnostics.push(
        diagnostic('warning', pin.source.sheet, pin.source.cell, `verrou « toujours » : ${pupil.displayName} (${pupil.className}) est en remédiation ${group.discipline} pour le ${inARow + 1}e cycle de suite, au-delà de « Cycles consécutifs max dans une même remédiation » (${maxConsecutiveCycles}). Écrivez « oui » à la place de « toujours » pour que l’élève change d’atelier au prochain cycle.`),
      );
    }
    if (locked.length < own.length) continue;
    const goals = openGoals(needs.find((n) => n.pupilId === pupil.id)?.goals ?? [], past, cycle).filter((g) => !kinds.has(g.kind));
    for (const goal of goals) {
      const pin = pinOf(pupil.id, locked[0].slotId)!;
      diagnostics.push(
        diagnostic('warning', pin.source.sheet, pin.source.cell, `verrou « toujours » : ${pupil.displayName} (${pupil.className}) n’a pas encore eu d’atelier « ${KIND_LABELS[goal.kind]} » cette année (objectif : ${goal.reason}), et ses verrous l’en empêchent. Écrivez « oui » à la place de « toujours » pour que cet objectif puisse être servi.`),
      );
    }
  }
  return diagnostics;
}
