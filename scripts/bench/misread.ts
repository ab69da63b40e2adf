/**
 * The self-check's promise, measured: on school workbooks drawn from the grammar of
 * test/core/read/schoolWorkbooks.ts (fixed seed), the share read right, the share flagged
 * (« Vérifiez la lecture » or an error), and the share misread silently (the figure to keep at 0).
 */
import fc from 'fast-check';
import { readWorkbook } from '../../src/core/read';
import { flagged, misreadings, schoolWorkbookArb } from '../../test/core/read/schoolWorkbooks';
import { figure } from './figures';

const WORKBOOKS = 500;

export async function bench(): Promise<void> {
  let right = 0;
  let warned = 0;
  let silent = 0;
  for (const workbook of fc.sample(schoolWorkbookArb, { numRuns: WORKBOOKS, seed: 20 })) {
    const result = readWorkbook(workbook.snapshot, { classLevels: [] });
    const ok = misreadings(workbook, result).length === 0;
    const loud = flagged(result);
    if (ok) right++;
    if (loud) warned++;
    if (!ok && !loud) silent++;
  }
  const share = (n: number) => (n * 100) / WORKBOOKS;
  figure('misread.rightPercent', share(right), '%');
  figure('misread.flaggedPercent', share(warned), '%');
  figure('misread.silentPercent', share(silent), '%');
  console.log(`Lecture de ${WORKBOOKS} classeurs tirés d'une grammaire d'établissements :`);
  console.log(`  lus juste : ${share(right).toFixed(1)} %, signalés « Vérifiez la lecture » : ${share(warned).toFixed(1)} %, mal lus sans le dire : ${share(silent).toFixed(1)} %`);
  await Promise.resolve();
}
