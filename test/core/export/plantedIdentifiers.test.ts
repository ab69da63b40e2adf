/**
 * Issue 13, class 2: identifiers typed in any free-text place a coordinator can reach (class, level,
 * workshop, teacher, discipline, room, comments, sheet names) never reach the rectorat export, and a
 * level outside the closed list stops the export with its cell named.
 */
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { buildRectoratExport, consolidateExports } from '../../../src/core/export';
import { EXPORT_LEVELS, exportDiscipline, exportLevel } from '../../../src/core/export/publicLabels';
import type { Grid, WorkbookSnapshot } from '../../../src/core/grid';
import { generate } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway } from '../../../src/gateways/memory';
import { readXlsx, writeXlsx } from '../../../src/gateways/xlsx/xlsxGateway';
import { personalDataIn, xlsxText } from './privacy';

const today = '2026-11-22';

/** INE-, date- and name-like values, one per place; each must stay out of the export. */
const PLANTED = {
  sheet: '1234567890A',
  className: '2MRC 0987654321B',
  level: 'Dupont 12/03/2009',
  workshop: 'Atelier 5566778899C',
  teacher: 'Prof 4433221100D ?*',
  discipline: 'Discipline 1122334455E',
  room: 'Salle 6677889900F',
  comment: 'Commentaire 9988776655G',
};

function grid(snapshot: WorkbookSnapshot, name: string): Grid {
  return snapshot.grids.find((g) => g.sheet === name)!;
}

function setCell(g: Grid, row: number, col: number, value: string): void {
  while (g.values[row].length <= col) g.values[row].push(null);
  g.values[row][col] = value;
}

function rowOf(g: Grid, col: number, text: string): number {
  return g.values.findIndex((r) => r[col] === text);
}

async function plantedWorkbook(): Promise<WorkbookSnapshot> {
  const gateway = createMemoryGateway(buildExampleWorkbook());
  await gateway.writeSheets((await generate(await gateway.readSnapshot(), { today })).sheets);
  const book = structuredClone(gateway.current());

  const positionnement = grid(book, '2MELEC');
  positionnement.sheet = PLANTED.sheet;
  for (const g of book.grids.filter((g) => /^\d|^T/.test(g.sheet) || g.sheet === PLANTED.sheet)) {
    g.values.forEach((row, r) => row.forEach((cell, c) => {
      if (cell === 'Anglais') setCell(g, r, c, PLANTED.discipline);
    }));
  }
  const mrc = grid(book, '2MRC');
  mrc.values[0][0] = `Positionnement de rentrée — ${PLANTED.className}`;
  mrc.sheet = PLANTED.className;

  const interviews = grid(book, 'Entretiens');
  setCell(interviews, 2, 3, PLANTED.comment);
  setCell(interviews, 3, 4, PLANTED.comment);

  const params = grid(book, SHEET_NAMES.parameters);
  setCell(params, rowOf(params, 0, 'UAI'), 1, '0750655E');
  setCell(params, rowOf(params, 0, '2AGORA'), 1, PLANTED.level);

  const teachers = grid(book, SHEET_NAMES.teachers);
  setCell(teachers, 3, 0, PLANTED.teacher);
  const workshops = grid(book, SHEET_NAMES.workshops);
  setCell(workshops, 3, 0, PLANTED.workshop);
  const english = rowOf(workshops, 2, 'Anglais');
  if (english >= 0) setCell(workshops, english, 2, PLANTED.discipline);

  const calendar = grid(book, SHEET_NAMES.calendar);
  const header = calendar.values.findIndex((r) => r.includes('Salle'));
  for (let r = header + 1; r < calendar.values.length; r++) setCell(calendar, r, calendar.values[header].indexOf('Salle'), PLANTED.room);
  return book;
}

describe('identifiers planted in every free-text place', async () => {
  const book = await plantedWorkbook();
  const first = await generate(book, { today });
  const refused = buildRectoratExport(first.indicators, first.analysis.settings, { exportDate: today });

  it('leaves the pupils of an unrecognised level out, naming the cell and the count (never the level), and exports the rest', () => {
    expect(refused.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    expect(refused.specs).toHaveLength(1);
    const agora = first.analysis.read.pupils.filter((p) => p.className === '2AGORA').length;
    expect(agora).toBeGreaterThan(0);
    const warning = refused.diagnostics.find((d) => d.severity === 'warning' && /niveau non reconnu/.test(d.message))!;
    const row = grid(book, SHEET_NAMES.parameters).values.findIndex((r) => r[0] === '2AGORA');
    expect([warning.sheet, warning.cell]).toEqual([SHEET_NAMES.parameters, `B${row + 1}`]);
    expect(warning.message).toMatch(new RegExp(`^${agora} élèves? d’un niveau non reconnu`));
    expect(warning.message).not.toContain('Dupont');
    // The rest is exported, and adds up without them.
    const all = first.indicators.summary.pupils;
    expect(first.indicators.forExport!.indicators.summary.pupils).toBe(all - agora);
    expect(refused.csv).toContain(`pupils;Élèves concernés;all;Élèves;total;Total;élèves;${all - agora};;`);
    for (const token of ['Dupont', '12/03/2009']) expect(refused.csv).not.toContain(token);
  });

  it('once the level is fixed, the export carries none of the planted texts nor any pupil', async () => {
    const fixed = structuredClone(book);
    const params = grid(fixed, SHEET_NAMES.parameters);
    setCell(params, rowOf(params, 0, '2AGORA'), 1, '2nde');
    const generation = await generate(fixed, { today });
    // The plants did get into the workbook's own sheets: the scan below is not blind.
    const ownText = JSON.stringify(generation.sheets.map((s) => s.cells));
    for (const value of [PLANTED.teacher, PLANTED.workshop, PLANTED.room, PLANTED.discipline]) expect(ownText.includes(value), value).toBe(true);

    const result = buildRectoratExport(generation.indicators, generation.analysis.settings, { exportDate: today });
    expect(result.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const xlsx = await writeXlsx(result.specs);
    const texts = [result.csv, await xlsxText(xlsx)];
    for (const text of texts) {
      for (const value of Object.values(PLANTED)) {
        const token = /\d{10}[A-Z]|\d{2}\/\d{2}\/\d{4}/.exec(value)![0];
        expect(text, value).not.toContain(token);
      }
      expect(personalDataIn(text, generation.analysis.read.pupils)).toEqual([]);
    }
    expect(result.csv).toMatch(/Autre discipline 1/);
    const consolidation = consolidateExports([{ fileName: 'a.xlsx', grids: (await readXlsx(xlsx)).grids }]);
    expect(consolidation.rejected).toEqual([]);
  });
});

describe('closed lists', () => {
  it('recognise the usual spellings of each level, and nothing else', () => {
    for (const level of EXPORT_LEVELS) expect(exportLevel(level)).toBe(level);
    expect(exportLevel('seconde')).toBe('2nde');
    expect(exportLevel('Term.')).toBe('Tle');
    expect(exportLevel('3e prépa métiers')).toBe('3e prépa-métiers');
    for (const typed of ['2MELEC', '1234567890A', 'Dupont', '12/03/2009', '', 'CAP 3']) expect(exportLevel(typed)).toBeNull();
  });

  it('publish disciplines by their usual name only', () => {
    expect(exportDiscipline('Mathématiques')).toBe('Mathématiques');
    expect(exportDiscipline('histoire-géographie')).toBe('Histoire-géographie-EMC');
    expect(exportDiscipline('Discipline 1122334455E')).toBeNull();
  });
});

describe('masking threshold', () => {
  it('an export below 3 is refused, and consolidation rejects one made below 3', async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    const generation = await generate(await gateway.readSnapshot(), { today });
    const settings = { ...generation.analysis.settings, general: { ...generation.analysis.settings.general, uai: '0750655E', maskThreshold: 2 } };
    const low = buildRectoratExport(generation.indicators, settings, { exportDate: today });
    expect(low.specs).toEqual([]);
    expect(low.diagnostics[0].message).toMatch(/seuil de masquage 2 inférieur à 3/);

    const ok = buildRectoratExport(generation.indicators, { ...settings, general: { ...settings.general, maskThreshold: 3 } }, { exportDate: today });
    expect(ok.diagnostics.filter((d) => d.severity === 'error')).toEqual([]);
    const tampered = (await readXlsx(await writeXlsx(ok.specs))).grids;
    for (const g of tampered) for (const row of g.values) if (row[0] === 'Seuil de masquage') row[1] = 2;
    const consolidation = consolidateExports([{ fileName: 'bas.xlsx', grids: tampered }]);
    expect(consolidation.accepted).toEqual([]);
    expect(consolidation.rejected[0].reason).toMatch(/seuil de masquage de 2/);
  });
});
