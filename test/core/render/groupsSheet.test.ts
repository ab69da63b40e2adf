/** `AP Groupes` and `AP Historique` as sheet specs: marker, tables, print layout, text kept as text. */
import { describe, expect, it } from 'vitest';
import type { CellRange } from '../../../src/core/grid';
import type { MasteryLevel, Pupil } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan } from '../../../src/core/plan';
import { GROUP_TABLES, renderGroupsSheet } from '../../../src/core/plan/groupsSheet';
import { renderHistorySheet } from '../../../src/core/plan/historySheet';
import { isFormula, type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER } from '../../../src/core/workbook';
import { competencies, pupil, settingsWith, slot, teacher, workshop } from '../plan/scenario';

const comps = competencies({ Mathématiques: 4 });
const monday = slot('2nde', 'lundi', '10h');
const settings = settingsWith({
  slots: [monday, slot('1re', 'mardi', '14h')],
  teachers: [teacher('Maths', ['Mathématiques'], ['remediation'], [monday])],
  workshopTypes: [workshop('Remédiation Mathématiques', 'remediation', 3, 1, 'Mathématiques')],
});
const L = (...l: number[]) => l as MasteryLevel[];
const pupils: Pupil[] = [
  pupil('=HYPERLINK("http://x")', '2nde', { Mathématiques: L(1, 1, 1, 1) }),
  ...['B', 'C', 'D'].map((n) => pupil(n, '2nde', { Mathématiques: L(1, 1, 2, 3) })),
  pupil('E', '1re', { Mathématiques: L(3, 3, 3, 3) }),
];
const needs = computeNeeds(pupils, comps, settings, []);
const plan = buildPlan({ pupils, needs, settings, pins: [], history: [] }).plan;
const spec = renderGroupsSheet(plan, pupils, needs, settings);

function overlaps(a: CellRange, b: CellRange): boolean {
  return a.row < b.row + b.rowCount && b.row < a.row + a.rowCount && a.col < b.col + b.colCount && b.col < a.col + a.colCount;
}

function rowOf(s: SheetSpec, first: string): (string | number | boolean | null)[] {
  return s.cells.find((r) => r[0] === first) as (string | number | boolean | null)[];
}

describe('AP Groupes', () => {
  it('is a printable output sheet of ours', () => {
    expect(spec.name).toBe('AP Groupes');
    expect(spec.role).toBe('output');
    expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
    expect(spec.landscape).toBe(true);
    expect(spec.columnWidths).toHaveLength(11);
    expect(spec.freeze).toEqual({ rows: 4, cols: 0 });
    expect(spec.styles?.some((s) => s.range.row === 3 && s.style.bold)).toBe(true);
  });

  it('lists one row per pupil and slot in a table with a lock column, then groups and pupils without a workshop', () => {
    expect(spec.cells[3]).toEqual(['Niveau', 'Barrette', 'Groupe', 'Atelier', 'Intervenant', 'Élève', 'Classe', 'Besoin principal', 'Pourquoi', 'Verrou', 'Détail pour l’équipe (non destiné à l’élève)']);
    const [main, summary, missing] = spec.tables!;
    expect(main).toMatchObject({ name: GROUP_TABLES.pupils, range: { row: 3, col: 0, rowCount: plan.assignments.length + 1, colCount: 11 } });
    expect(plan.assignments).toHaveLength(3);
    expect(summary.name).toBe(GROUP_TABLES.summary);
    expect(spec.cells[summary.range.row]).toEqual(['Groupe', 'Niveau', 'Barrette', 'Atelier', 'Intervenant', 'Effectif', 'Places', 'Besoin commun']);
    expect(spec.cells[summary.range.row + 1].slice(5, 7)).toEqual([3, 3]);
    expect(missing.name).toBe(GROUP_TABLES.unassigned);
    expect(missing.range.rowCount).toBe(plan.unassigned.length + 1);
    expect(rowOf(spec, 'E Élève')).toEqual(['E Élève', '1MELEC', '1re', '1re mardi 14h', expect.stringContaining('aucun intervenant disponible')]);
    expect(spec.validations).toEqual([{ range: { row: 4, col: 9, rowCount: 3, colCount: 1 }, values: ['oui', 'toujours', 'non', 'oui (cycle 1)'] }]);
  });

  it('says at the top how many points need checking and lists them at the bottom, with their cells', () => {
    const warnings = plan.diagnostics.filter((d) => d.severity === 'warning');
    expect(warnings.length).toBeGreaterThan(0);
    expect(String(spec.cells[1][0])).toMatch(new RegExp(`^${warnings.length} points? à vérifier`));
    const section = spec.cells.findIndex((r) => r[0] === 'À vérifier');
    expect(section).toBeGreaterThan(spec.tables![2].range.row);
    expect(spec.cells.slice(section + 1).map((r) => r[1])).toEqual(warnings.map((d) => d.message));
  });

  it('names as « Besoin principal » the need the planner put first, and writes the lock lifetime back', () => {
    const locked = buildPlan({
      pupils,
      needs,
      settings,
      pins: [{ pupilId: pupils[1].id, slotId: monday.id, workshopTypeId: 'Remédiation Mathématiques', teacher: 'Maths', source: { sheet: 'AP Groupes', cell: 'J5' }, lifetime: { kind: 'always' } }],
      history: [],
    }).plan;
    const sheet = renderGroupsSheet(locked, pupils, needs, settings);
    const header = sheet.cells.findIndex((r) => r[0] === 'Niveau');
    const rows = sheet.cells.slice(header + 1, header + 1 + locked.assignments.length);
    expect(rows.map((r) => r[9]).sort()).toEqual(['', '', 'toujours']);
    for (const r of rows) expect(r[7]).toMatch(/^Remédiation mathématiques \(/);
  });

  it('uses unique, valid, non-overlapping table names', () => {
    const tables = spec.tables!;
    expect(new Set(tables.map((t) => t.name)).size).toBe(tables.length);
    for (const t of tables) expect(t.name).toMatch(/^[A-Za-z_][A-Za-z0-9_]{0,254}$/);
    for (let i = 0; i < tables.length; i++) for (let j = i + 1; j < tables.length; j++) expect(overlaps(tables[i].range, tables[j].range)).toBe(false);
  });

  it('writes text from cells as plain text, never as formulas', () => {
    const all = spec.cells.flat();
    expect(all.some((c) => isFormula(c))).toBe(false);
    expect(all).toContain('=HYPERLINK("http://x") Élève');
  });
});

describe('AP Historique', () => {
  it('is an output sheet of ours with one table row per pupil, cycle and slot', () => {
    const history = renderHistorySheet([], plan, pupils, 1);
    expect(history.name).toBe('AP Historique');
    expect(history.role).toBe('output');
    expect(String(history.cells[0][0]).startsWith(MARKER)).toBe(true);
    expect(history.landscape).toBe(true);
    expect(history.tables).toEqual([{ name: 'AP_Historique', range: { row: 3, col: 0, rowCount: 4, colCount: 11 }, style: 'TableStyleLight9' }]);
    expect(history.cells[4]).toEqual([1, '2nde', '2nde lundi 10h', 'Remédiation Mathématiques', 'Remédiation', 'Mathématiques', 'Maths', expect.any(String), '2MELEC', expect.stringMatching(/^nom:/), '']);
    // With the needs, a remediation row keeps the trace of its evidence (non acquis / en cours / évaluées).
    const traced = renderHistorySheet([], plan, pupils, 1, needs);
    expect(traced.cells[4][10]).toMatch(/^\d+\/\d+\/4$/);
    expect(history.cells.flat().some((c) => isFormula(c))).toBe(false);
  });
});
