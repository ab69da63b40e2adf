/**
 * What the team types for itself in `AP Suivi` stays there: a staff comment (here with a phone number) is
 * never in a printed sheet (`AP Fiches`, `AP Émargement`, `AP Bilan équipes`), in `AP Groupes`, nor in the
 * exports (groups CSV, rectorat export); the « Bilan pour l’élève » is printed on the pupil's contract.
 * A workbook written before the two columns existed keeps its « Commentaire » as the team's: never printed.
 */
import { describe, expect, it } from 'vitest';
import { buildExampleWorkbook } from '../../../src/core/example';
import { buildRectoratExport } from '../../../src/core/export';
import { FOLLOW_UP_COLUMNS as COL } from '../../../src/core/followup/labels';
import { groupsCsv } from '../../../src/core/followup';
import type { CellValue, Grid } from '../../../src/core/grid';
import { generate, type Generation } from '../../../src/core/pipeline';
import { SHEET_NAMES } from '../../../src/core/workbook';
import { createMemoryGateway, type MemoryGateway } from '../../../src/gateways/memory';

const today = '2026-11-22';
const PHONE = '06 12 34 56 78';
const OLD_PHONE = '07 98 76 54 32';

async function run(gateway: MemoryGateway): Promise<Generation> {
  const generation = await generate(await gateway.readSnapshot(), { today });
  await gateway.writeSheets(generation.sheets);
  return generation;
}

const grid = (gateway: MemoryGateway, name: string): Grid => gateway.current().grids.find((g) => g.sheet === name)!;

/** Every text of a sheet, cell by cell, with formulas' cached values. */
function cellsOf(values: CellValue[][]): string[] {
  return values.flatMap((row) => row.map((cell) => String(cell ?? '')));
}

interface SuiviRow {
  row: number;
  header: CellValue[];
  headerRow: number;
}

/** Rows of `AP Suivi`, each with the header of its block. */
function suiviRows(gateway: MemoryGateway): SuiviRow[] {
  const values = grid(gateway, SHEET_NAMES.followUp).values;
  const rows: SuiviRow[] = [];
  let header: CellValue[] | null = null;
  let headerRow = -1;
  values.forEach((row, r) => {
    if (row.includes(COL.id) && row.includes(COL.outcome)) [header, headerRow] = [row, r];
    else if (header && row[header.indexOf(COL.id)]) rows.push({ row: r, header, headerRow });
  });
  return rows;
}

describe('private stays private', () => {
  it('prints the bilan written for the pupil and never the team’s comment, in new and old workbooks', { timeout: 60_000 }, async () => {
    const gateway = createMemoryGateway(buildExampleWorkbook());
    await run(gateway);
    const rows = suiviRows(gateway);
    const staffRow = rows[0];
    const oldRow = rows.find((r) => r.headerRow !== staffRow.headerRow)!;
    const set = (at: SuiviRow, column: string, value: string) => gateway.setCell(SHEET_NAMES.followUp, at.row, at.header.indexOf(column), value);
    set(staffRow, COL.outcome, 'atteint');
    set(staffRow, COL.comment, `souvent absente ; famille contactée (${PHONE}), suivi CPE`);
    set(staffRow, COL.pupilBilan, 'a su lire une consigne jusqu’au bout');
    set(oldRow, COL.outcome, 'en partie');
    set(oldRow, COL.comment, `appeler le père au ${OLD_PHONE}`);
    // An earlier version's header: « Commentaire », which said nothing about printing.
    gateway.setCell(SHEET_NAMES.followUp, oldRow.headerRow, oldRow.header.indexOf(COL.comment), 'Commentaire');

    const params = grid(gateway, SHEET_NAMES.parameters);
    gateway.setCell(SHEET_NAMES.parameters, params.values.findIndex((row) => row[0] === 'Cycle à générer'), 1, 2);
    const second = await run(gateway);

    const printed = [SHEET_NAMES.contracts, SHEET_NAMES.attendance, SHEET_NAMES.teamsReport, SHEET_NAMES.groups].flatMap((name) => cellsOf(grid(gateway, name).values));
    const exported = [
      groupsCsv(second.plan, second.analysis.read.pupils),
      buildRectoratExport(second.indicators, second.analysis.settings, { exportDate: today, uai: '0750655E' }).csv,
    ];
    expect(exported[1]).not.toBe('');
    for (const phone of [PHONE, OLD_PHONE]) {
      for (const text of [...printed, ...exported]) expect(text).not.toContain(phone);
      for (const reason of second.plan.assignments.flatMap((a) => [a.reason, a.detail ?? ''])) expect(reason).not.toContain(phone);
    }
    expect(printed.some((text) => text.endsWith('atteint — a su lire une consigne jusqu’au bout'))).toBe(true);

    // Both comments are kept for the team, under the header that says they are not printed.
    const suivi = cellsOf(grid(gateway, SHEET_NAMES.followUp).values);
    expect(suivi.filter((text) => text.includes(PHONE) || text.includes(OLD_PHONE))).toHaveLength(2);
    for (const { header } of suiviRows(gateway)) {
      expect(header).toContain(COL.comment);
      expect(header).toContain('Bilan pour l’élève (imprimé sur sa fiche)');
    }
  });
});
