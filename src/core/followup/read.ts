/**
 * Reads back `AP Suivi` before it is replaced: every block (one per cycle and slot) with the cells the
 * teams typed, so that the next generation writes them again and the loop can use them.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import { cellAt, gridAddress, gridWidth, type Grid, type WorkbookSnapshot } from '../grid';
import { isOwnSheet, SHEET_NAMES } from '../workbook';
import { numberValue } from '../settings/sections';
import { cellText, normalizeText } from '../text';
import { attendanceCode, FOLLOW_UP_COLUMNS as COL, FORMER_HEADERS, outcomeOf } from './labels';
import type { FollowUpRecord, SessionMark } from './types';

/** « mar. 03/11 : A ; mar. 10/11 : P » -> marks (the text of « Autres séances »). */
export function parseOtherSessions(text: string): SessionMark[] {
  return text
    .split(';')
    .map((part) => part.trim())
    .filter(Boolean)
    .map((part) => {
      const colon = part.lastIndexOf(':');
      return colon < 0 ? { label: part, value: '' } : { label: part.slice(0, colon).trim(), value: part.slice(colon + 1).trim() };
    });
}

export function formatOtherSessions(marks: SessionMark[]): string {
  return marks.map((m) => `${m.label} : ${m.value}`).join(' ; ');
}

interface HeaderRow {
  row: number;
  col: (header: string) => number;
  /** Session columns: between the indicator and « Autres séances ». */
  sessions: { col: number; label: string }[];
  width: number;
}

function headerRow(grid: Grid, row: number, width: number): HeaderRow | null {
  const keys: string[] = [];
  for (let c = 0; c < width; c++) keys.push(normalizeText(cellAt(grid, row, c)));
  const col = (header: string) => {
    const at = keys.indexOf(normalizeText(header));
    if (at >= 0) return at;
    const name = (Object.keys(COL) as (keyof typeof COL)[]).find((k) => COL[k] === header);
    const former = (name && FORMER_HEADERS[name]) || [];
    return former.map((h) => keys.indexOf(normalizeText(h))).find((c) => c >= 0) ?? -1;
  };
  const required = [COL.cycle, COL.id, COL.objective, COL.indicator, COL.otherSessions, COL.outcome];
  if (!required.every((h) => col(h) >= 0)) return null;
  const sessions: { col: number; label: string }[] = [];
  for (let c = col(COL.indicator) + 1; c < col(COL.otherSessions); c++) {
    const label = cellText(cellAt(grid, row, c));
    if (label) sessions.push({ col: c, label });
  }
  return { row, col, sessions, width };
}

export function readFollowUp(snapshot: WorkbookSnapshot): { records: FollowUpRecord[]; diagnostics: Diagnostic[] } {
  const sheet = SHEET_NAMES.followUp;
  const grid = snapshot.grids.find((g) => g.sheet === sheet);
  const diagnostics: Diagnostic[] = [];
  const records: FollowUpRecord[] = [];
  // A coordinator's sheet under our name is not ours to read; the pipeline reports it once.
  if (!grid || !isOwnSheet(grid)) return { records, diagnostics };
  const width = gridWidth(grid);
  let header: HeaderRow | null = null;
  for (let r = 0; r < grid.values.length; r++) {
    const next = headerRow(grid, r, width);
    if (next) {
      header = next;
      continue;
    }
    if (!header) continue;
    const at = header;
    const text = (name: string) => (at.col(name) < 0 ? '' : cellText(cellAt(grid, r, at.col(name))));
    const pupilId = text(COL.id);
    const pupilName = text(COL.pupil);
    if (!pupilId) {
      // A blank line or a section title ends the block; a named row without identifier cannot be linked.
      if (pupilName && numberValue(cellAt(grid, r, at.col(COL.cycle))) !== null) {
        diagnostics.push(diagnostic('warning', sheet, gridAddress(grid, r, at.col(COL.id)), `ligne de « ${pupilName} » sans identifiant : elle ne peut pas être reliée à un élève et sera perdue à la prochaine génération.`));
      }
      if (!pupilName) header = null;
      continue;
    }
    const cycle = numberValue(cellAt(grid, r, at.col(COL.cycle)));
    if (cycle === null || !Number.isInteger(cycle) || cycle < 1) {
      diagnostics.push(diagnostic('warning', sheet, gridAddress(grid, r, at.col(COL.cycle)), `ligne de « ${pupilName} » ignorée : cycle « ${text(COL.cycle)} » illisible.`));
      continue;
    }
    const sessions: SessionMark[] = at.sessions.map(({ col, label }) => ({ label, value: cellText(cellAt(grid, r, col)) }));
    sessions.push(...parseOtherSessions(text(COL.otherSessions)));
    for (const { col, label } of at.sessions) {
      const value = cellText(cellAt(grid, r, col));
      if (value && !attendanceCode(value)) {
        diagnostics.push(diagnostic('warning', sheet, gridAddress(grid, r, col), `présence « ${value} » du ${label} non reconnue pour « ${pupilName} » : utilisez P, A, R ou E.`));
      }
    }
    for (const name of [COL.outcome, COL.selfAssessment]) {
      const value = text(name);
      if (value && !outcomeOf(value)) {
        diagnostics.push(diagnostic('warning', sheet, gridAddress(grid, r, at.col(name)), `« ${value} » non reconnu pour « ${pupilName} » : écrivez atteint, en partie ou non atteint.`));
      }
    }
    records.push({
      cycle,
      pupilId,
      pupilName,
      className: text(COL.className),
      slotId: text(COL.slot),
      groupId: text(COL.group),
      workshop: text(COL.workshop),
      teacher: text(COL.teacher),
      columns: at.sessions.map((s) => s.label),
      objective: text(COL.objective),
      indicator: text(COL.indicator),
      sessions,
      selfAssessment: text(COL.selfAssessment),
      outcome: text(COL.outcome),
      pupilBilan: text(COL.pupilBilan),
      comment: text(COL.comment),
      source: { sheet, cell: gridAddress(grid, r, 0) },
    });
  }
  return { records, diagnostics };
}
