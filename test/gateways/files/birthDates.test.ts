import { describe, expect, it } from 'vitest';
import type { Grid } from '../../../src/core/grid';
import { withoutBirthDates } from '../../../src/gateways/files/birthDates';

const grid = (values: Grid['values']): Grid => ({ sheet: 'Liste', origin: { row: 0, col: 0 }, values });

describe('withoutBirthDates', () => {
  it.each(['Date de naissance', 'Date Naissance', 'DATE_NAISS', 'Né(e) le', 'née le', 'Naissance'])('empties the column under « %s »', (label) => {
    const { grid: kept, removed } = withoutBirthDates(grid([['Liste des élèves'], ['Nom', label, 'Classe'], ['Dupont', 40123, '2MRC'], ['Martin', '03/11/2009', '2MRC']]));
    expect(removed).toEqual([label]);
    expect(kept.values).toEqual([['Liste des élèves'], ['Nom', label, 'Classe'], ['Dupont', null, '2MRC'], ['Martin', null, '2MRC']]);
  });

  it('leaves other date columns and sheets without such a column untouched', () => {
    const source = grid([['Nom', 'Date de sortie', 'Lieu de naissance'], ['Dupont', '15/01/2027', 'Paris']]);
    expect(withoutBirthDates(source)).toEqual({ grid: source, removed: [] });
  });
});
