/** Locks read back from `AP Groupes`, and the `AP Historique` archive across generations. */
import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../src/core/grid';
import type { HistoryEntry, MasteryLevel } from '../../../src/core/model';
import { computeNeeds } from '../../../src/core/needs';
import { buildPlan, readHistory, readPins } from '../../../src/core/plan';
import { renderGroupsSheet } from '../../../src/core/plan/groupsSheet';
import { renderHistorySheet } from '../../../src/core/plan/historySheet';
import { specToGrid } from '../../../src/core/render/specToGrid';
import { competencies, pupil, settingsWith, slot, teacher, workshop } from './scenario';

const comps = competencies({ Mathématiques: 4, Français: 4 });
const monday = slot('2nde', 'lundi', '10h');
const settings = settingsWith({
  slots: [monday],
  teachers: [
    teacher('Maths', ['Mathématiques'], ['remediation'], [monday]),
    teacher('Lettres', ['Français'], ['remediation'], [monday]),
    teacher('CPE', ['Vie scolaire'], ['methodology'], [monday]),
  ],
  workshopTypes: [
    workshop('Remédiation Mathématiques', 'remediation', 12, 1, 'Mathématiques'),
    workshop('Remédiation Français', 'remediation', 12, 1, 'Français'),
    workshop('Aide méthodologique', 'methodology', 12, 1),
  ],
});
const L = (...l: number[]) => l as MasteryLevel[];
const pupils = [
  pupil('Alpha', '2nde', { Mathématiques: L(1, 1, 1, 3), Français: L(3, 3, 3, 3) }),
  pupil('Bravo', '2nde', { Mathématiques: L(1, 1, 1, 1), Français: L(3, 3, 3, 2) }),
  pupil('Charlie', '2nde', { Mathématiques: L(3, 3, 3, 3), Français: L(1, 1, 1, 3) }),
  pupil('Delta', '2nde', { Mathématiques: L(2, 3, 3, 3), Français: L(1, 2, 3, 3) }),
];
const needs = computeNeeds(pupils, comps, settings, []);

function firstPlan() {
  return buildPlan({ pupils, needs, settings, pins: [], history: [] }).plan;
}

/** The groups sheet as a workbook grid, with some cells changed by the coordinator. */
function editedGroupsGrid(edit: (row: (string | number | boolean | null)[], header: string[]) => void): Grid {
  const grid = specToGrid(renderGroupsSheet(firstPlan(), pupils, needs, settings));
  const headerRow = grid.values.findIndex((r) => r.includes('Verrou'));
  const header = grid.values[headerRow] as string[];
  for (let r = headerRow + 1; r < grid.values.length && grid.values[r].length; r++) edit(grid.values[r], header);
  return grid;
}

describe('pins from AP Groupes', () => {
  it('reads the locked rows, including a pupil moved by hand, and the plan keeps them exactly', () => {
    const grid = editedGroupsGrid((row, header) => {
      const col = (name: string) => header.indexOf(name);
      if (row[col('Élève')] === 'Alpha Élève') row[col('Verrou')] = 'oui';
      if (row[col('Élève')] === 'Charlie Élève') {
        row[col('Atelier')] = 'Aide méthodologique';
        row[col('Intervenant')] = 'CPE';
        row[col('Verrou')] = 'OUI';
      }
    });
    const { pins, diagnostics } = readPins({ grids: [grid] }, pupils);
    expect(diagnostics).toEqual([]);
    const alpha = firstPlan().groups.find((g) => g.pupilIds.includes(pupils[0].id))!;
    expect(pins).toEqual([
      { pupilId: pupils[0].id, slotId: monday.id, workshopTypeId: alpha.workshopTypeId, teacher: alpha.teacher, source: { sheet: 'AP Groupes', cell: expect.stringMatching(/^J\d+$/) }, lifetime: { kind: 'once' } },
      { pupilId: pupils[2].id, slotId: monday.id, workshopTypeId: 'Aide méthodologique', teacher: 'CPE', source: { sheet: 'AP Groupes', cell: expect.stringMatching(/^J\d+$/) }, lifetime: { kind: 'once' } },
    ]);
    const plan = buildPlan({ pupils, needs, settings, pins, history: [] }).plan;
    const charlie = plan.assignments.find((a) => a.pupilId === pupils[2].id)!;
    const group = plan.groups.find((g) => g.id === charlie.groupId)!;
    expect([group.workshopTypeId, group.teacher, charlie.locked]).toEqual(['Aide méthodologique', 'CPE', true]);
    expect(charlie.reason).toMatch(/^Verrou de la coordination : affectation gardée telle quelle/);
    expect(plan.assignments.find((a) => a.pupilId === pupils[0].id)?.locked).toBe(true);
    expect(plan.assignments.filter((a) => a.locked)).toHaveLength(2);
  });

  it('ignores a sheet without the Pilote AP marker, and says which locked row names nobody', () => {
    const foreign = editedGroupsGrid((row, header) => (row[header.indexOf('Verrou')] = 'oui'));
    foreign.values[0][0] = 'Mes groupes';
    const unmarked = readPins({ grids: [foreign] }, pupils);
    expect(unmarked.pins).toEqual([]);
    expect(unmarked.diagnostics).toEqual([]); // the pipeline reports such a sheet once

    const stranger = editedGroupsGrid((row, header) => {
      if (row[header.indexOf('Élève')] === 'Bravo Élève') {
        row[header.indexOf('Élève')] = 'Inconnu Personne';
        row[header.indexOf('Verrou')] = 'oui';
      }
    });
    const read = readPins({ grids: [stranger] }, pupils);
    expect(read.pins).toEqual([]);
    expect(read.diagnostics).toHaveLength(1);
    expect(read.diagnostics[0].cell).toMatch(/^J\d+$/);
    expect(read.diagnostics[0].message).toContain('« Inconnu Personne »');
  });
});

describe('AP Historique', () => {
  const previous: HistoryEntry[] = [1, 2].map((cycle) => ({
    cycle,
    pupilId: pupils[1].id,
    pupilName: pupils[1].displayName,
    className: pupils[1].className,
    level: '2nde',
    slotId: monday.id,
    workshopTypeId: 'Remédiation Mathématiques',
    kind: 'remediation',
    discipline: 'Mathématiques',
    teacher: 'Maths',
  }));

  it('archives this cycle beside the previous ones, and a regeneration replaces only this cycle', () => {
    const plan = firstPlan();
    const first = readHistory({ grids: [specToGrid(renderHistorySheet(previous, plan, pupils, 3))] });
    expect(first.diagnostics).toEqual([]);
    expect(first.history.filter((h) => h.cycle < 3)).toEqual(previous);
    expect(first.history.filter((h) => h.cycle === 3)).toHaveLength(plan.assignments.length);
    const again = readHistory({ grids: [specToGrid(renderHistorySheet(first.history, plan, pupils, 3))] });
    expect(again.history).toEqual(first.history);
  });

  it('reports unreadable rows with their address', () => {
    const grid = specToGrid(renderHistorySheet(previous, firstPlan(), pupils, 3));
    const header = grid.values.findIndex((r) => r.includes('Cycle'));
    grid.values[header + 1][0] = 'deux';
    const read = readHistory({ grids: [grid] });
    expect(read.history).toHaveLength(previous.length + pupils.length - 1);
    expect(read.diagnostics).toEqual([{ severity: 'warning', sheet: 'AP Historique', cell: `A${header + 2}`, message: 'ligne d’historique ignorée : cycle illisible.' }]);
  });
});
