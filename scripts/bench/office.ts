/**
 * Office gateway figures on the strict fake of Excel, for 2,000 pupils: round trips and the largest
 * request and answer of the SECOND generation over the first (what a coordinator does every cycle),
 * then of a generation after six cycles of history, against the 5 MB caps of Excel on the web
 * (target: at most 4 round trips and 4 MB). Requests are weighed as Excel documents it: each call,
 * each object (a range, a sheet...) and the length of the values (see CALL_BYTES in the fake).
 */
import { buildLargeSchool } from '../../src/core/example';
import { generate } from '../../src/core/pipeline';
import { createOfficeHost } from '../../src/host/officeHost';
import { generalParameterCell } from '../../src/taskpane/parameterCells';
import { CALL_BYTES, FakeExcel, OBJECT_BYTES } from '../../test/fakes/fakeExcel';
import { seedFakeExcel } from '../../test/gateways/office/seed';

const TODAY = '2026-11-22';
const PUPILS = 2_000;

export interface GenerationFigures {
  secondRunSyncs: number;
  largestRequestMB: number;
  largestResponseMB: number;
}

const megabytes = (bytes: number) => Math.round((bytes / 1_000_000) * 100) / 100;

/** One generation through the Excel host (read, engine, write); its syncs and largest payloads. */
async function measuredGeneration(excel: FakeExcel, host: ReturnType<typeof createOfficeHost>): Promise<GenerationFigures> {
  const syncsBefore = excel.syncCount;
  const requestsBefore = excel.requestBytes.length;
  const responsesBefore = excel.responseBytes.length;
  const generation = await generate(await host.gateway.readSnapshot(), { today: TODAY });
  await host.gateway.writeSheets(generation.sheets);
  return {
    secondRunSyncs: excel.syncCount - syncsBefore,
    largestRequestMB: megabytes(Math.max(0, ...excel.requestBytes.slice(requestsBefore))),
    largestResponseMB: megabytes(Math.max(0, ...excel.responseBytes.slice(responsesBefore))),
  };
}

/** Move to the next cycle as the coordinator does, in « AP Paramètres ». */
async function nextCycle(host: ReturnType<typeof createOfficeHost>, cycle: number): Promise<void> {
  const cell = generalParameterCell(await host.gateway.readSnapshot(), 'cycle');
  if (!cell) throw new Error('« Cycle à générer » introuvable dans AP Paramètres');
  await host.setCellValue(cell.sheet, cell.cell, cycle);
}

/**
 * Also measured, for the record: the first generation of the workbook, and the generation of a new
 * cycle, whose AP sheets all change (the target concerns the regeneration, where unchanged AP sheets
 * are not written again).
 */
export async function bench(): Promise<{
  firstGeneration: GenerationFigures;
  secondGeneration: GenerationFigures;
  newCycle: GenerationFigures;
  afterSixCycles: GenerationFigures;
}> {
  console.log(`Passerelle Office (faux Excel strict, ${PUPILS} élèves) : 2e génération sur la 1re, puis après six cycles d’historique`);
  console.log(`  Taille des requêtes comptée comme Excel la compte : ${CALL_BYTES} octets par appel, ${OBJECT_BYTES} par objet, plus les valeurs`);
  const excel = seedFakeExcel(buildLargeSchool(PUPILS));
  const host = createOfficeHost({ run: excel.run, isSetSupported: () => true });
  const firstGeneration = await measuredGeneration(excel, host);
  const secondGeneration = await measuredGeneration(excel, host);
  let newCycle = secondGeneration;
  for (let cycle = 2; cycle <= 6; cycle++) {
    await nextCycle(host, cycle);
    const figures = await measuredGeneration(excel, host);
    if (cycle === 2) newCycle = figures;
  }
  const afterSixCycles = await measuredGeneration(excel, host);
  const line = (label: string, f: GenerationFigures) =>
    `  ${label} : ${f.secondRunSyncs} allers-retours, plus grosse requête ${f.largestRequestMB} Mo, plus grosse réponse ${f.largestResponseMB} Mo (limite Excel sur le web : 5 Mo)`;
  console.log(line('1re génération', firstGeneration));
  console.log(line('2e génération', secondGeneration));
  console.log(line('nouveau cycle (cycle 2)', newCycle));
  console.log(line('après six cycles', afterSixCycles));
  return { firstGeneration, secondGeneration, newCycle, afterSixCycles };
}
