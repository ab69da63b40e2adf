import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { excelSheetName, sheetNameFromFile, uniqueSheetName } from '../../../src/gateways/files/names';

describe('sheet names', () => {
  it('are names Excel accepts, unique without case', () => {
    fc.assert(
      fc.property(fc.array(fc.string({ maxLength: 40 }), { maxLength: 12 }), (names) => {
        const taken = new Set<string>();
        const chosen = names.map((name) => uniqueSheetName(excelSheetName(name), taken));
        for (const name of chosen) {
          expect(name.length).toBeGreaterThan(0);
          expect(name.length).toBeLessThanOrEqual(31);
          expect(name).not.toMatch(/[\\/?*[\]:]|^'|'$/);
          expect(name.toLowerCase()).not.toBe('history');
        }
        expect(new Set(chosen.map((n) => n.toLowerCase())).size).toBe(chosen.length);
      }),
    );
    expect(sheetNameFromFile('C:\\Exports\\Liste élèves 2nde.csv')).toBe('Liste élèves 2nde');
    expect(uniqueSheetName('2mrc', new Set(['2mrc']))).toBe('2mrc (2)');
  });
});
