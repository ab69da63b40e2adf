/** The follow-up sheets as specs: ours, printable on A4 with a page per pupil / list / class, validations where the teams type. */
import { beforeAll, describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { ATTENDANCE_CODES, FOLLOW_UP_COLUMNS as COL, LEADING_COLUMNS, OUTCOME_VALUES } from '../../../src/core/followup/labels';
import { generate, type Generation } from '../../../src/core/pipeline';
import { type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';

let generation: Generation;
const sheet = (name: string): SheetSpec => generation.sheets.find((s) => s.name === name)!;

beforeAll(async () => {
  generation = await generate(buildExampleWorkbook(), { today: '2026-11-22' });
});

describe('follow-up sheet specs', () => {
  it('are output sheets of ours, printed on A4 and fitted to the page width', () => {
    for (const name of [SHEET_NAMES.followUp, SHEET_NAMES.contracts, SHEET_NAMES.attendance, SHEET_NAMES.teamsReport]) {
      const spec = sheet(name);
      expect(spec.role).toBe('output');
      expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
      expect(spec.print).toMatchObject({ paper: 'A4', fitToWidth: true });
      // Breaks are strictly increasing rows inside the sheet.
      const breaks = spec.print!.pageBreaksBefore ?? [];
      expect(breaks.every((row, i) => row > (breaks[i - 1] ?? 0) && row < spec.cells.length)).toBe(true);
    }
  });

  it('AP Fiches: one page per pupil placed, each starting with the contract title and the pupil', () => {
    const spec = sheet(SHEET_NAMES.contracts);
    const placed = new Set(generation.plan.assignments.map((a) => a.pupilId));
    const titles = spec.cells.flatMap((line, row) => (String(line[0] ?? '').startsWith('Contrat d’accompagnement personnalisé') ? [row] : []));
    expect(titles).toHaveLength(placed.size);
    expect(spec.print!.pageBreaksBefore).toEqual(titles.slice(1));
    const names = titles.map((row) => spec.cells[row + 1][0]);
    expect(new Set(names).size).toBe(placed.size);
    const pupilNames = new Set(generation.analysis.read.pupils.filter((p) => placed.has(p.id)).map((p) => p.displayName));
    expect(new Set(names)).toEqual(pupilNames);
    // Every page has the contract's parts and room to sign.
    for (const [i, start] of titles.entries()) {
      const page = spec.cells.slice(start, titles[i + 1] ?? spec.cells.length).map((line) => line[0]);
      expect(page).toEqual(expect.arrayContaining(['Atelier', 'Intervenant(e)', 'Barrette', 'Séances', 'Salle', 'Objectif', 'Indicateur de réussite', 'Bilan du cycle précédent']));
      expect(spec.cells.slice(start, titles[i + 1]).some((line) => line[1] === 'Signature de l’élève')).toBe(true);
    }
  });

  it('AP Émargement: one page per workshop, one column per session date', () => {
    const spec = sheet(SHEET_NAMES.attendance);
    const headers = spec.cells.flatMap((line, row) => (line[0] === 'Élève' && line[1] === 'Classe' ? [row] : []));
    const { groups } = generation.plan;
    expect(headers).toHaveLength(groups.length);
    expect(spec.print!.pageBreaksBefore).toEqual(headers.map((row) => row - 2).slice(1));
    const cycle = generation.analysis.settings.general.cycle;
    for (const header of headers) {
      const title = String(spec.cells[header - 2][0]);
      const group = groups.find((g) => title === `${g.workshopTypeId} — ${g.teacher}` && String(spec.cells[header - 1][0]).includes(g.slotId))!;
      expect(group, title).toBeDefined();
      const entry = generation.hours.calendar.find((e) => e.cycle === cycle && e.slotId === group.slotId)!;
      const dates = spec.cells[header].slice(2);
      expect(dates).toHaveLength(entry.sessions);
      expect(dates[0]).toMatch(new RegExp(`^[a-z]{3}\\. ${entry.firstDate!.slice(8, 10)}/${entry.firstDate!.slice(5, 7)}$`));
      const names = spec.cells.slice(header + 1, header + 1 + group.pupilIds.length).map((line) => line[0]);
      const expected = group.pupilIds.map((id) => generation.analysis.read.pupils.find((p) => p.id === id)!.displayName);
      expect([...names].sort()).toEqual([...expected].sort());
    }
  });

  it('AP Bilan équipes: one page per class', () => {
    const spec = sheet(SHEET_NAMES.teamsReport);
    const classes = new Set(generation.analysis.read.pupils.map((p) => p.className));
    const titles = spec.cells.flatMap((line, row) => (String(line[0] ?? '').startsWith('Classe ') ? [row] : []));
    expect(titles).toHaveLength(classes.size);
    expect(spec.print!.pageBreaksBefore).toEqual(titles.slice(1));
    expect(spec.landscape).toBe(true);
  });

  it('AP Suivi: drop-down lists on every attendance, co-evaluation and bilan cell', () => {
    const spec = sheet(SHEET_NAMES.followUp);
    const headerRows = spec.cells.flatMap((line, row) => (line.includes(COL.id) ? [row] : []));
    expect(headerRows.length).toBeGreaterThan(1);
    for (const header of headerRows) {
      const line = spec.cells[header] as string[];
      const sessions = line.slice(LEADING_COLUMNS.length, line.indexOf(COL.otherSessions)).filter(Boolean).length;
      const attendance = spec.validations!.find((v) => v.range.row === header + 1 && v.range.col === LEADING_COLUMNS.length)!;
      expect(attendance.values).toEqual(ATTENDANCE_CODES);
      expect(attendance.range.colCount).toBe(sessions);
      const outcomes = spec.validations!.find((v) => v.range.row === header + 1 && v.range.col === line.indexOf(COL.selfAssessment))!;
      expect(outcomes.values).toEqual(OUTCOME_VALUES);
      expect(line[outcomes.range.col + 1]).toBe(COL.outcome);
      expect(attendance.range.rowCount).toBe(outcomes.range.rowCount);
    }
    expect(String(spec.cells[2][0])).toContain('P présent · A absent · R en retard · E absence excusée');
  });
});
