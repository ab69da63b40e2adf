import { describe, expect, it } from 'vitest';
import { classifyColour, ColourScale } from '../../../src/core/read/colours';
import { DEFAULT_THRESHOLDS, extrasLookup, quoteValue, readMastery, type ParseContext } from '../../../src/core/read/mastery';

const context: ParseContext = { thresholds: DEFAULT_THRESHOLDS, extras: new Map() };
const level = (value: unknown, ctx: ParseContext = context) => {
  const reading = readMastery(value, ctx);
  return reading.kind === 'level' ? reading.level : reading.kind;
};

describe('mastery values', () => {
  it.each([
    ['A', 3], ['a', 3], [' A ', 3], ['Acquis', 3], ['acquise', 3],
    ['ECA', 2], ['E.C.A.', 2], ['EC', 2], ['en cours', 2], ["En cours d'acquisition", 2], ['en cours d’acquisition', 2], ['PA', 2], ['partiellement acquis', 2],
    ['NA', 1], ['N.A.', 1], ['na', 1], ['non acquis', 1], ['Non-acquis', 1], ['  NA  ', 1],
    ['Maîtrise insuffisante', 1], ['maitrise fragile', 2], ['Maîtrise satisfaisante', 3], ['Très bonne maîtrise', 4], ['TBM', 4],
    ['++', 4], ['+', 3], ['-', 2], ['--', 1], ['- -', 1],
    [1, 1], [2, 2], [3, 3], [4, 4], ['3', 3], ['3/4', 3],
    ['TB', 4], ['B', 3], ['AB', 2], ['I', 1],
  ])('%j is level %j', (value, expected) => {
    expect(level(value)).toBe(expected);
  });

  it.each(['abs', 'Abs.', 'absent', 'ABSENTE', 'disp.', 'dispensé', 'NE', 'N.E.', 'non évalué'])('%j is not assessed, never « non acquis »', (value) => {
    expect(readMastery(value, context)).toEqual({ kind: 'not-assessed', incomplete: false });
  });

  it('reads « Test incomplet » as not assessed and says it was incomplete', () => {
    expect(readMastery('Test incomplet', context)).toEqual({ kind: 'not-assessed', incomplete: true });
  });

  it('treats empty cells as empty, and unknown values as unknown', () => {
    expect(level(null)).toBe('empty');
    expect(level('   ')).toBe('empty');
    expect(level('AQ')).toBe('unknown');
    expect(level(0)).toBe('unknown');
    expect(level(2.5)).toBe('unknown');
    expect(level(12)).toBe('unknown');
    expect(level(true)).toBe('unknown');
  });

  it('reads scores against the maximum with thresholds 25 / 50 / 75 %', () => {
    const outOf20: ParseContext = { ...context, maxScore: 20 };
    expect([0, 4.9, 5, 9.9, 10, 14.9, 15, 20].map((v) => level(v, outOf20))).toEqual([1, 1, 2, 2, 3, 3, 4, 4]);
    expect(level(21, outOf20)).toBe('unknown');
    expect(level(-1, outOf20)).toBe('unknown');
    expect(level('12/20')).toBe(3);
    expect(level('12 / 20')).toBe(3);
    expect(level('75 %')).toBe(4);
    expect(level('74,5%')).toBe(3);
    expect(level('120 %')).toBe('unknown');
    expect(level(0.6, { ...context, maxScore: 1 })).toBe(3);
  });

  it('applies custom thresholds', () => {
    const strict: ParseContext = { ...context, thresholds: [40, 60, 90], maxScore: 100 };
    expect([39, 40, 59, 60, 89, 90].map((v) => level(v, strict))).toEqual([1, 2, 2, 3, 3, 4]);
  });

  it("lets the establishment's own values win over built-in ones", () => {
    const extras = extrasLookup([{ text: 'AQ', level: 3 }, { text: 'NF', level: null }, { text: 'A', level: 4 }]);
    const own: ParseContext = { ...context, extras };
    expect(level('aq', own)).toBe(3);
    expect(level('A', own)).toBe(4);
    expect(readMastery('NF', own)).toEqual({ kind: 'not-assessed', incomplete: false });
  });

  it('never quotes a date (it could be a date of birth)', () => {
    expect(quoteValue('AQ')).toBe('« AQ »');
    expect(quoteValue(39500)).toBe('de type date');
    expect(quoteValue('12/03/2009')).toBe('de type date');
    expect(quoteValue('x'.repeat(60))).toHaveLength(44);
  });
});

describe('fill colours', () => {
  it.each([
    ['#FF0000', 'red'], ['#FFC7CE', 'red'], ['#E06666', 'red'],
    ['#FFC000', 'amber'], ['#FFFF00', 'amber'], ['#FFEB9C', 'amber'], ['#F4B183', 'amber'],
    ['#92D050', 'green'], ['#C6EFCE', 'green'], ['#00B050', 'green'], ['#38761D', 'green'],
    ['#4472C4', 'other'],
  ])('%s is %s', (hex, expected) => {
    expect(classifyColour(hex)).toBe(expected);
  });

  it('leaves white, greys, black and malformed colours out', () => {
    for (const hex of ['#FFFFFF', '#F2F2F2', '#D9D9D9', '#808080', '#000000', 'red', '', null]) expect(classifyColour(hex)).toBeNull();
  });

  it('splits light and dark greens only when a sheet uses both', () => {
    const four = new ColourScale(['#92D050', '#00B050', '#C6EFCE']);
    expect([four.levelOf('#FF0000'), four.levelOf('#FFC000'), four.levelOf('#C6EFCE'), four.levelOf('#92D050'), four.levelOf('#00B050')]).toEqual([1, 2, 3, 3, 4]);
    const three = new ColourScale(['#00B050']);
    expect(three.levelOf('#00B050')).toBe(3);
    expect(three.levelOf('#4472C4')).toBe('other');
    expect(three.levelOf(null)).toBeNull();
  });
});
