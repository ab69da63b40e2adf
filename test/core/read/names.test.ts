import { describe, expect, it } from 'vitest';
import { parseProfile, parseProject } from '../../../src/core/read/interview';
import { classKey, ineOf, looksLikeName, nameKey, splitFullName } from '../../../src/core/read/names';
import { roundOf, stripRoundSuffix } from '../../../src/core/read/vocabulary';

describe('names', () => {
  it.each([
    ['DUPONT Marie', 'DUPONT', 'Marie'],
    ['DE LA FONTAINE Jean-Pierre', 'DE LA FONTAINE', 'Jean-Pierre'],
    ['Marie DUPONT', 'DUPONT', 'Marie'],
    ['Dupont, Marie Anne', 'Dupont', 'Marie Anne'],
    ['Dupont Marie', 'Dupont', 'Marie'],
    ['Dupont', 'Dupont', ''],
  ])('splits %j', (full, lastName, firstName) => {
    expect(splitFullName(full)).toEqual({ lastName, firstName });
  });

  it('compares names without case, accents, hyphens or extra spaces', () => {
    expect(nameKey('LEFÈVRE', 'Jean-Baptiste')).toBe(nameKey('Lefevre ', 'jean  baptiste'));
    expect(classKey('2 MRC')).toBe(classKey('2mrc'));
  });

  it('tells names, pseudonyms and codes from summary rows, legends and numbers', () => {
    for (const name of ['DUPONT Marie', "N'DIAYE Awa", 'Lefèvre', 'Da Costa Inês', 'Élève 3', 'E-0412', 'Candidat n°7']) expect(looksLikeName(name)).toBe(true);
    for (const text of ['Moyenne', 'Moyenne de la classe', 'Total', 'Nombre de A', 'Légende', 'A : acquis', 'NA', 'Acquis', '24', '12,5', '=SUM(B2:B5)', '']) {
      expect(looksLikeName(text)).toBe(false);
    }
    // With a first name in its own column, « Nombre » is a family name.
    expect(looksLikeName('NOMBRE Lucas', true)).toBe(true);
  });

  it('reads INE in both national forms, ignoring case and spaces', () => {
    expect(ineOf('123456789ab')).toBe('123456789AB');
    expect(ineOf('1234567890 A')).toBe('1234567890A');
    expect(ineOf('Dupont')).toBeNull();
    expect(ineOf('')).toBeNull();
  });
});

describe('interviews', () => {
  it.each([
    ["Contents d'être là", 'content'], ["content d'etre la", 'content'], ['CONTENTE D’ÊTRE LÀ', 'content'],
    ['Pourquoi pas ?', 'maybe'], ['« pourquoi pas » ?', 'maybe'],
    ['Malgré eux', 'despite'], ['malgre-eux', 'despite'], ['Malgrè eux', 'despite'],
  ])('profile %j is %s', (text, profile) => {
    expect(parseProfile(text)).toBe(profile);
  });

  it('leaves an unknown profile unknown', () => {
    expect(parseProfile('Motivé')).toBeNull();
  });

  it.each([
    ['BTS MCO', 'further-study'], ["Poursuite d'études", 'further-study'], ['Licence pro', 'further-study'],
    ['Insertion professionnelle', 'employment'], ['Emploi dans la vente', 'employment'], ['Entrer dans la vie active', 'employment'],
    ['Passerelle vers un bac pro', 'bridge'], ['Réorientation', 'bridge'],
    ['Ne sait pas', 'undecided'], ['?', 'undecided'],
  ])('project %j is %s', (text, project) => {
    expect(parseProject(text)).toBe(project);
  });
});

describe('rounds', () => {
  it.each([
    ['2MRC P2', 2], ['Positionnement 2', 2], ['2e positionnement', 2], ['Positionnement fin de cycle', 2], ['Bilan de juin', 2],
    ['Positionnement de rentrée', 1], ['P1', 1], ['2MRC', null], ['Mathématiques', null],
  ])('%j is round %j', (text, round) => {
    expect(roundOf(text)).toBe(round);
  });

  it('strips a trailing round marker from a label, keeping leading codes', () => {
    expect(stripRoundSuffix('Calculer (P2)')).toEqual({ label: 'Calculer', round: 2 });
    expect(stripRoundSuffix('Calculer - juin')).toEqual({ label: 'Calculer', round: 2 });
    expect(stripRoundSuffix('P2 - Pratiquer')).toEqual({ label: 'P2 - Pratiquer', round: null });
    expect(stripRoundSuffix('Calculer')).toEqual({ label: 'Calculer', round: null });
  });
});
