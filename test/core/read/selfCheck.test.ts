/**
 * The promise of the self-check, on workbooks drawn from a grammar of how schools keep them: every
 * reading is either right, or flagged (« Vérifiez la lecture » at the top, or an error).
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { readWorkbook } from '../../../src/core/read';
import { flagged, misreadings, schoolWorkbookArb } from './schoolWorkbooks';

describe('self-check on generated school workbooks (property)', () => {
  it('reads every workbook right, or says loudly that the reading is doubtful', () => {
    fc.assert(
      fc.property(schoolWorkbookArb, (workbook) => {
        const result = readWorkbook(workbook.snapshot, { classLevels: [] });
        const wrong = misreadings(workbook, result);
        if (wrong.length) expect(flagged(result), `${workbook.shape} : ${wrong.slice(0, 3).join(' ; ')}`).toBe(true);
      }),
      { numRuns: 150 },
    );
  });

  it('reads the plain workbooks right, without crying wolf', () => {
    fc.assert(
      fc.property(schoolWorkbookArb, (workbook) => {
        // What the reader does not read yet (and flags): pupils in columns, stacked blocks, section rows,
        // scales defined by the school, a division code without its year, a grid with nothing typed in.
        fc.pre(!/columns|sans discipline|codes maison|coches|emoji|CAP EPC A|2 bloc|section/.test(workbook.shape));
        fc.pre(workbook.pupils.some((p) => p.results.some((r) => r !== null)));
        const result = readWorkbook(workbook.snapshot, { classLevels: [] });
        expect(misreadings(workbook, result), workbook.shape).toEqual([]);
        expect(flagged(result), workbook.shape).toBe(false);
      }),
      { numRuns: 60 },
    );
  });
});
