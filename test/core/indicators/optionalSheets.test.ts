import { describe, expect, it } from 'vitest';
import { buildRectoratExport } from '../../../src/core/export';
import type { Grid } from '../../../src/core/grid';
import { computeIndicators, renderIndicatorsSheet } from '../../../src/core/indicators';
import { PROJECTS_SHEET, readOptionalSheets, SURVEY_SHEET } from '../../../src/core/indicators/optionalSheets';
import { buildSchool } from './fixtures';

const grid = (sheet: string, values: Grid['values']): Grid => ({ sheet, origin: { row: 0, col: 0 }, values });

describe('optional sheets AP Projets and AP Satisfaction', () => {
  const projects = grid(PROJECTS_SHEET, [
    ['Projets de l’année'],
    ['Projet', 'Nature', 'Élèves'],
    ['Chef-d’œuvre et théâtre', 'pluridisciplinaire, culturel', 24],
    ['Erasmus+ Valence', 'International', 8],
    ['Visite du musée', 'Culturel', null],
    ['Forum', '', 60],
  ]);
  const survey = grid(SURVEY_SHEET, [
    ['Question', 'Répondants', 'Satisfaits'],
    ['Les ateliers m’ont aidé', 120, 90],
    ['Le groupe était adapté', 100, 130],
  ]);

  it('counts the projects of each nature and the share of satisfied respondents, each saying its source', () => {
    const read = readOptionalSheets({ grids: [projects, survey] });
    expect(read.projects).toHaveLength(4);
    expect(read.diagnostics.map((d) => [d.sheet, d.cell])).toEqual([[SURVEY_SHEET, 'C3']]);
    const { input } = buildSchool();
    const ind = computeIndicators({ ...input, schoolProjects: read.projects, survey: read.survey });
    const table = ind.tables.find((t) => t.id === 'school-projects')!;
    expect(Object.fromEntries(table.rows.map((r) => [r.key, r.cells[0]]))).toEqual({ pluridisciplinary: 1, cultural: 2, international: 1, other: 1 });
    expect(table.note).toMatch(/AP Projets/);
    const satisfaction = ind.tables.find((t) => t.id === 'survey')!;
    expect(satisfaction.rows).toHaveLength(1);
    expect(satisfaction.rows[0].cells[0]).toEqual({ num: 90, den: 120 });
    expect(JSON.stringify(renderIndicatorsSheet(ind, buildSchool().settings).cells)).toContain('Enquête de satisfaction');
  });

  it('reads counts as people write them, and refuses junk with its cell, once', () => {
    const typed = grid(SURVEY_SHEET, [
      ['Question', 'Répondants', 'Satisfaits'],
      ['Les ateliers m’ont aidé', '120 répondants', '90'],
      ['Le groupe était adapté', 'beaucoup', 30],
    ]);
    const read = readOptionalSheets({ grids: [typed] });
    expect(read.survey).toEqual([{ question: 'Les ateliers m’ont aidé', respondents: 120, satisfied: 90 }]);
    expect(read.diagnostics).toEqual([expect.objectContaining({ severity: 'error', sheet: SURVEY_SHEET, cell: 'B3', message: expect.stringMatching(/^« beaucoup » refusé pour « Répondants »/) })]);
  });

  it('are absent when the workbook has no such sheet, and never reach the rectorat export', () => {
    expect(readOptionalSheets({ grids: [] })).toEqual({ projects: null, survey: null, diagnostics: [] });
    const { input, settings } = buildSchool();
    const read = readOptionalSheets({ grids: [projects, survey] });
    const ind = computeIndicators({ ...input, schoolProjects: read.projects, survey: read.survey });
    const csv = buildRectoratExport(ind, settings, { exportDate: '2026-11-20' }).csv;
    expect(csv).not.toMatch(/Erasmus|m’ont aidé|school-projects|survey/);
  });
});
