import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { isOwnSheet, MARKER } from '../../src/core/workbook';
import { findBySheetName, safeSheetName, sameSheetName, sheetNameProblem } from '../../src/core/sheetNames';

describe('sheet names', () => {
  it('compares like Excel: ignoring case, accents kept, Unicode-aware', () => {
    expect(sameSheetName('ap groupes', 'AP Groupes')).toBe(true);
    expect(sameSheetName('AP INDICATEURS', 'AP Indicateurs')).toBe(true);
    expect(sameSheetName('ÉLÈVES', 'élèves')).toBe(true);
    expect(sameSheetName('AP Parametres', 'AP Paramètres')).toBe(false);
    expect(sameSheetName('e\u0301lèves', 'élèves')).toBe(true);
    expect(findBySheetName([{ n: 'x' }, { n: 'AP HORAIRES' }], 'AP Horaires', (i) => i.n)).toEqual({ n: 'AP HORAIRES' });
  });

  it('treats a sheet of ours under another case as ours, a foreign one as foreign', () => {
    expect(isOwnSheet({ sheet: 'ap groupes', origin: { row: 0, col: 0 }, values: [[`${MARKER} Groupes`]] })).toBe(true);
    expect(isOwnSheet({ sheet: 'AP INDICATEURS', origin: { row: 0, col: 0 }, values: [['Mes indicateurs']] })).toBe(false);
  });

  it('names Excel refuses are explained', () => {
    expect(sheetNameProblem('History')).toMatch(/réservé/);
    expect(sheetNameProblem('a'.repeat(32))).toMatch(/31/);
    expect(sheetNameProblem('a/b')).toMatch(/caractères/);
    expect(sheetNameProblem("'a")).toMatch(/apostrophe/);
    expect(sheetNameProblem('AP Groupes')).toBeNull();
  });

  it('makes a valid name, unique ignoring case, from any text', () => {
    fc.assert(
      fc.property(fc.string({ maxLength: 60, unit: 'binary' }), fc.array(fc.string({ maxLength: 40, unit: 'binary' }), { maxLength: 8 }), (text, taken) => {
        const name = safeSheetName(text, taken);
        expect(sheetNameProblem(name)).toBeNull();
        expect(taken.some((t) => sameSheetName(t, name))).toBe(false);
      }),
    );
    expect(safeSheetName('history')).not.toMatch(/^history$/i);
    expect(safeSheetName('Résultats [2MRC]: 1/2', ['Résultats 2MRC 1 2'])).toBe('Résultats 2MRC 1 2 (2)');
    expect(safeSheetName('__proto__')).toBe('__proto__');
    expect(safeSheetName('😀'.repeat(40))).toBe('😀'.repeat(15));
  });
});
