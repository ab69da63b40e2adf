import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { compareNatural, plural } from '../../src/taskpane/format';

describe('pane typography helpers', () => {
  it('puts 0 and 1 in the singular, from 2 on in the plural', () => {
    expect(plural(0, 'erreur')).toBe('0 erreur');
    expect(plural(1, 'avertissement')).toBe('1 avertissement');
    expect(plural(2, 'élève lu', 'élèves lus')).toBe('2 élèves lus');
  });

  it('sorts names with numbers by value, in French order', () => {
    fc.assert(
      fc.property(fc.uniqueArray(fc.integer({ min: 1, max: 300 }), { minLength: 2, maxLength: 20 }), (numbers) => {
        const names = numbers.map((n) => `Intervenant ${n}`);
        const sorted = [...names].sort(compareNatural);
        expect(sorted).toEqual([...numbers].sort((a, b) => a - b).map((n) => `Intervenant ${n}`));
      }),
      { numRuns: 30 },
    );
    expect(['Zoé', 'Eva', 'Émile'].sort(compareNatural)).toEqual(['Émile', 'Eva', 'Zoé']);
  });
});
