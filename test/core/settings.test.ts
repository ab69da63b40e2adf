import { describe, expect, it } from 'vitest';
import type { Grid, WorkbookSnapshot } from '../../src/core/grid';
import type { Competency, Pupil, ReadResult } from '../../src/core/model';
import { SHEET_NAMES } from '../../src/core/workbook';
import { specToGrid } from '../../src/core/render/specToGrid';
import { parseSettingsSheets } from '../../src/core/settings/read';
import { resolveSettings } from '../../src/core/resolveSettings';

function pupil(i: number, className: string, level: string): Pupil {
  return {
    id: `nom:${className}|p${i}`,
    lastName: `P${i}`,
    firstName: 'X',
    displayName: `P${i} X`,
    className,
    level,
    results: [],
    selfResults: [],
    sources: [{ sheet: className, cell: `A${i + 2}` }],
  };
}

const competencies: Competency[] = [
  { id: 'mathematiques|calcul', discipline: 'Mathématiques', label: 'Calcul' },
  { id: 'francais|lire', discipline: 'Français', label: 'Lire' },
  { id: 'methodologie|consigne', discipline: 'Méthodologie', label: 'Consigne' },
];

function readResult(): ReadResult {
  const pupils = [
    ...Array.from({ length: 30 }, (_, i) => pupil(i, '2MELEC', '2nde')),
    ...Array.from({ length: 20 }, (_, i) => pupil(100 + i, '1MRC', '1re')),
    ...Array.from({ length: 5 }, (_, i) => pupil(200 + i, 'ULIS', 'ULIS')),
  ];
  return { pupils, competencies, sheets: [], rounds: [], diagnostics: [] };
}

function resolve(snapshot: WorkbookSnapshot) {
  return resolveSettings(snapshot, parseSettingsSheets(snapshot), readResult(), '2026-11-22');
}

function withSheets(snapshot: WorkbookSnapshot, grids: Grid[]): WorkbookSnapshot {
  return { grids: [...snapshot.grids, ...grids] };
}

describe('settings from a workbook without parameter sheets', () => {
  const resolved = resolve({ grids: [] });

  it('creates the three parameter sheets, marked for the coordinator to complete', () => {
    expect(resolved.createdSheets.map((s) => s.name)).toEqual([SHEET_NAMES.parameters, SHEET_NAMES.teachers, SHEET_NAMES.workshops]);
    expect(resolved.createdSheets.every((s) => s.role === 'parameters')).toBe(true);
    const classes = specToGrid(resolved.createdSheets[0]).values.find((row) => row[0] === 'ULIS');
    expect(classes?.[1]).toBe('à compléter');
  });

  it('derives one slot per level and enough teachers free in it to seat the largest level', () => {
    const { settings } = resolved;
    expect(settings.slots.map((s) => s.level)).toEqual(['2nde', '1re', 'ULIS']);
    const slot2nde = settings.slots[0];
    const free = settings.teachers.filter((t) => t.freeSlots.includes(slot2nde.id));
    const seats = free.length * 12;
    expect(seats).toBeGreaterThanOrEqual(30);
  });

  it('offers a remediation workshop per discipline, transversal ones going to methodology', () => {
    const ids = resolved.settings.workshopTypes.map((w) => w.id);
    expect(ids).toContain('Remédiation Mathématiques');
    expect(ids).toContain('Remédiation Français');
    expect(ids).not.toContain('Remédiation Méthodologie');
    expect(ids).toContain('Aide méthodologique');
    expect(ids).toContain('Approfondissement');
  });

  it('points each workshop cap at its real cell in AP Ateliers', () => {
    const grid = specToGrid(resolved.createdSheets[2]);
    for (const type of resolved.settings.workshopTypes) {
      const match = /^([A-Z]+)(\d+)$/.exec(type.source.cell)!;
      expect(match[1]).toBe('D');
      expect(grid.values[Number(match[2]) - 1][3]).toBe(type.cap);
    }
  });

  it('uses the school year of the run date and national envelopes', () => {
    expect(resolved.settings.general.schoolYear).toBe('2026-2027');
    expect(resolved.settings.envelopes.find((e) => e.regime === 'Bac pro 2019' && e.level === '1re')?.hoursPerYear).toBe(84);
    // Seven school weeks from the rentrée (Tuesday 1 September 2026) to the eve of the Toussaint holidays.
    expect(resolved.settings.cycles[0]).toMatchObject({ cycle: 1, start: '2026-09-01', end: '2026-10-16' });
  });

  it('reads its own default sheets back without a single warning', () => {
    // Only the holiday zone is asked for: no UAI nor académie can be read from positionnement data.
    expect(resolved.diagnostics.filter((d) => d.severity !== 'info').map((d) => d.message)).toEqual([expect.stringMatching(/^Zone de vacances inconnue/)]);
    expect(resolved.diagnostics.some((d) => d.message.includes('créée avec des valeurs par défaut'))).toBe(true);
  });
});

describe('settings edited by the coordinator', () => {
  const first = resolve({ grids: [] });
  const grids = first.createdSheets.map(specToGrid);

  function edit(sheet: string, match: (row: unknown[]) => boolean, col: number, value: string | number): Grid[] {
    return grids.map((g) => {
      if (g.sheet !== sheet) return g;
      const copy = structuredClone(g);
      const row = copy.values.find(match)!;
      row[col] = value;
      return copy;
    });
  }

  it('never recreates sheets that exist, and reads the edits', () => {
    const edited = edit(SHEET_NAMES.workshops, (r) => r[0] === 'Remédiation Mathématiques', 3, 8);
    const resolved = resolve(withSheets({ grids: [] }, edited));
    expect(resolved.createdSheets).toEqual([]);
    expect(resolved.settings.workshopTypes.find((w) => w.id === 'Remédiation Mathématiques')?.cap).toBe(8);
  });

  it('reports an unusable value with its sheet and cell, and keeps the default', () => {
    const edited = edit(SHEET_NAMES.parameters, (r) => r[0] === 'Semaines par cycle', 1, 'sept');
    const parsed = parseSettingsSheets({ grids: edited });
    expect(parsed.settings.general?.weeksPerCycle).toBe(7);
    const d = parsed.diagnostics.find((x) => x.message.includes('Semaines par cycle'));
    expect(d).toMatchObject({ severity: 'error', sheet: SHEET_NAMES.parameters });
    expect(d?.cell).toMatch(/^B\d+$/);
  });

  it('reads teachers free only where an x is typed', () => {
    const slotId = first.settings.slots[1].id;
    const teacherGrid = grids.find((g) => g.sheet === SHEET_NAMES.teachers)!;
    const header = teacherGrid.values.findIndex((r) => r[0] === 'Intervenant');
    const slotCol = teacherGrid.values[header].indexOf(slotId);
    const edited = edit(SHEET_NAMES.teachers, (r) => typeof r[0] === 'string' && r[0].startsWith('CPE'), slotCol, '');
    const parsed = parseSettingsSheets({ grids: edited });
    const cpe = parsed.settings.teachers?.find((t) => t.name.startsWith('CPE'));
    expect(cpe?.freeSlots).not.toContain(slotId);
    expect(cpe?.kinds).toEqual(['methodology', 'orientation']);
  });
});

describe('a parameter sheet the coordinator trimmed', () => {
  it('still gives every level a slot, and the default teachers are free in it', () => {
    const trimmed: Grid = {
      sheet: SHEET_NAMES.parameters,
      origin: { row: 0, col: 0 },
      values: [['Pilote AP · Paramètres'], [], ['Général'], ['Paramètre', 'Valeur'], ['Cycle à générer', 2]],
    };
    const resolved = resolve({ grids: [trimmed] });
    expect(resolved.settings.general.cycle).toBe(2);
    expect(resolved.settings.slots.map((s) => s.level)).toEqual(['2nde', '1re', 'ULIS']);
    for (const slot of resolved.settings.slots) expect(resolved.settings.teachers.some((t) => t.freeSlots.includes(slot.id))).toBe(true);
    expect(resolved.diagnostics.some((d) => d.message.includes('Section « Barrettes » introuvable'))).toBe(true);
  });
});

describe('staff categories in AP Intervenants', () => {
  const created = resolve({ grids: [] }).createdSheets;
  const teachersGrid = specToGrid(created.find((s) => s.name === SHEET_NAMES.teachers)!);
  const header = teachersGrid.values.findIndex((r) => r[0] === 'Intervenant');
  const categoryCol = teachersGrid.values[header].indexOf('Catégorie');
  const others = created.filter((s) => s.name !== SHEET_NAMES.teachers).map(specToGrid);

  it('writes a « Catégorie » column with its list in a new sheet, the CPE and the documentaliste already sorted', () => {
    const spec = created.find((s) => s.name === SHEET_NAMES.teachers)!;
    expect(categoryCol).toBeGreaterThan(0);
    expect(spec.validations).toEqual([
      expect.objectContaining({ range: expect.objectContaining({ row: header + 1, col: categoryCol }), values: ['enseignant', 'professeur documentaliste', 'CPE', 'PsyEN', 'AED', 'infirmier·ère', 'intervenant extérieur'] }),
    ]);
    const teachers = parseSettingsSheets({ grids: [...others, teachersGrid] }).settings.teachers!;
    expect(teachers.find((t) => t.name.startsWith('CPE'))?.category).toBe('cpe');
    expect(teachers.find((t) => t.name.startsWith('Professeur documentaliste'))?.category).toBe('librarian');
    expect(teachers.filter((t) => t.name.startsWith('Enseignant')).every((t) => t.category === 'teacher')).toBe(true);
  });

  it('reads what a coordinator types, and refuses an unknown category with its cell', () => {
    const grid = structuredClone(teachersGrid);
    const rows = [header + 1, header + 2, header + 3];
    ['Psychologue EN', 'infirmière', 'cuisinier'].forEach((text, i) => (grid.values[rows[i]][categoryCol] = text));
    const parsed = parseSettingsSheets({ grids: [...others, grid] });
    const byRow = rows.map((r) => parsed.settings.teachers!.find((t) => t.name === grid.values[r][0])?.category);
    expect(byRow).toEqual(['psyen', 'nurse', 'teacher']);
    const error = parsed.diagnostics.find((d) => d.severity === 'error' && d.sheet === SHEET_NAMES.teachers);
    expect(error?.cell).toBe(`${String.fromCharCode(65 + categoryCol)}${rows[2] + 1}`);
    expect(error?.message).toMatch(/^« cuisinier » refusé pour la catégorie de .*compté\(e\) comme enseignant\.$/);
  });

  it('reads a sheet made before the column as teachers, but for roles its names state, and says so', () => {
    const grid = structuredClone(teachersGrid);
    grid.values = grid.values.map((r) => r.filter((_, c) => c !== categoryCol));
    const parsed = parseSettingsSheets({ grids: [...others, grid] });
    const teachers = parsed.settings.teachers!;
    expect(teachers.find((t) => t.name.startsWith('CPE'))?.category).toBe('cpe');
    expect(teachers.find((t) => t.name.startsWith('Professeur documentaliste'))?.category).toBe('librarian');
    expect(teachers.filter((t) => t.name.startsWith('Enseignant')).every((t) => t.category === 'teacher')).toBe(true);
    const info = parsed.diagnostics.filter((d) => d.sheet === SHEET_NAMES.teachers);
    expect(info).toEqual([expect.objectContaining({ severity: 'info', message: expect.stringMatching(/^Colonne « Catégorie » absente : les intervenants sont comptés comme enseignants, sauf 1 professeur documentaliste, 1 CPE reconnus/) })]);
    // The slot columns are still read where they are.
    expect(teachers[0].freeSlots.length).toBeGreaterThan(0);
  });
});
