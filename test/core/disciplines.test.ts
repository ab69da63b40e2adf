/** One vocabulary for disciplines: synonyms, abbreviations, bivalent teachers, unknown names. */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { canonicalDiscipline, isKnownDiscipline, sameDiscipline, teaches } from '../../src/core/disciplines';

describe('discipline vocabulary', () => {
  it('matches common spellings and abbreviations of one discipline', () => {
    const groups = [
      ['Mathématiques', 'Maths', 'Math.', 'mathématique', 'MATHEMATIQUES', 'Math'],
      ['Français', 'Fr', 'francais', 'Lettres'],
      ['Anglais', 'LV1', 'LV1 anglais', 'anglais '],
      ['PSE', 'Prévention santé environnement', 'P.S.E.'],
      ['Éco-gestion', 'Economie-gestion', 'éco gestion', 'Économie et gestion'],
      ['Arts appliqués', 'Arts appliqués et cultures artistiques', 'arts app.'],
      ['Enseignement professionnel', 'Ens. pro', 'enseignement pro'],
      ['Histoire-géographie', 'HG', 'Histoire géo'],
    ];
    for (const names of groups) {
      for (const name of names) {
        expect({ name, canonical: canonicalDiscipline(name) }).toEqual({ name, canonical: names[0] });
        expect(isKnownDiscipline(name)).toBe(true);
      }
    }
    expect(sameDiscipline('Maths', 'Français')).toBe(false);
    expect(sameDiscipline('Anglais', 'Espagnol')).toBe(false);
  });

  it('lets a bivalent teacher serve both disciplines', () => {
    expect(teaches(['Maths-sciences'], 'Mathématiques')).toBe(true);
    expect(teaches(['Maths-sciences'], 'Physique-chimie')).toBe(true);
    expect(teaches(['Lettres-histoire'], 'Histoire-géographie')).toBe(true);
    expect(teaches(['Lettres-histoire'], 'Mathématiques')).toBe(false);
  });

  it('keeps a name outside the vocabulary as itself, up to case, accents and a plural', () => {
    expect(canonicalDiscipline('  Atelier cuisine ')).toBe('Atelier cuisine');
    expect(isKnownDiscipline('Atelier cuisine')).toBe(false);
    fc.assert(
      fc.property(fc.stringMatching(/^[A-Za-zéèà]{3,11}[a-rt-z]$/), (name) => {
        expect(sameDiscipline(name, name.toUpperCase())).toBe(true);
        expect(sameDiscipline(name, `${name}s`)).toBe(true);
      }),
    );
  });
});
