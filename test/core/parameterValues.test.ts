import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { gridAddress, type Grid } from '../../src/core/grid';
import type { Pupil, ReadResult } from '../../src/core/model';
import { specToGrid } from '../../src/core/render/specToGrid';
import { resolveSettings } from '../../src/core/resolveSettings';
import { parseSettingsSheets } from '../../src/core/settings/read';
import { GENERAL_PARAMETERS, type GeneralParameter } from '../../src/core/settings/settings';
import { readValue, type Quantity } from '../../src/core/settings/values';
import { formatDiagnostic } from '../../src/core/diagnostics';
import { cellText } from '../../src/core/text';
import { SHEET_NAMES } from '../../src/core/workbook';

const RUNS = { numRuns: 150 };
const SPACE = fc.constantFrom(' ', '\u00a0', '\u202f', '');
const SOME_SPACE = fc.constantFrom(' ', '\u00a0', '\u202f');

const comma = (value: number) => String(value).replace('.', ',');
const two = (n: number) => String(n).padStart(2, '0');

/** A duration of whole quarter hours, and a way a person may write it in a cell. */
const spelledDuration = fc.integer({ min: 1, max: 32 }).chain((quarters) => {
  const hours = quarters / 4;
  const h = Math.floor(hours);
  const minutes = Math.round((hours - h) * 60);
  const spellings: fc.Arbitrary<string | number>[] = [
    fc.constant(hours),
    fc.tuple(SPACE, fc.constantFrom('h', 'H', ' h', 'heures', '')).map(([s, unit]) => `${comma(hours)}${unit ? s + unit.trim() : ''}`),
    fc.tuple(SPACE, fc.constantFrom('h', ' h', '')).map(([s, unit]) => `${hours}${unit ? s + unit.trim() : ''}`),
    fc.tuple(SPACE, fc.constantFrom('min', 'minutes', 'mn')).map(([s, unit]) => `${hours * 60}${s}${unit}`),
    fc.constant(`${h}:${two(minutes)}`),
  ];
  if (h > 0) {
    spellings.push(
      fc.tuple(SPACE, SPACE, fc.constantFrom('h', 'H', 'heures'), fc.constantFrom('', 'min', ' min')).map(([a, b, unit, tail]) =>
        minutes ? `${h}${a}${unit}${b}${two(minutes)}${tail}` : `${h}${a}${unit}`,
      ),
    );
  }
  return fc.oneof(...spellings).map((spelling) => ({ hours, spelling }));
});

/** A text no reader could take for a quantity: no digit at all. */
const junk = fc.oneof(
  fc.constantFrom('beaucoup', 'à voir', 'deux heures', 'N/A', '—', '?', 'illimité', 'x', 'une heure et demie'),
  fc.string({ minLength: 1, maxLength: 12 }).filter((s) => s.trim() !== '' && !/\d/.test(s)),
);

describe('parameter values as a person writes them', () => {
  it('reads every spelling of a duration as its hours', () => {
    fc.assert(
      fc.property(spelledDuration, ({ hours, spelling }) => {
        const reading = readValue(spelling, { quantity: 'hours', min: 0.25, max: 8 });
        expect(reading).toHaveProperty('value');
        expect((reading as { value: number }).value).toBeCloseTo(hours, 9);
      }),
      RUNS,
    );
  });

  it('reads the examples of the issue', () => {
    const hours = (text: string) => (readValue(text, { quantity: 'hours' }) as { value: number }).value;
    expect([hours('2h30'), hours('2 h 30'), hours('2,5 h'), hours('2.5'), hours('150 min'), hours('1h')]).toEqual([2.5, 2.5, 2.5, 2.5, 2.5, 1]);
    expect(readValue('25 élèves', { quantity: 'pupils', integer: true })).toEqual({ value: 25 });
    expect(readValue('1 250 €', { quantity: 'euros' })).toEqual({ value: 1250 });
    expect(readValue('1.250 €', { quantity: 'euros' })).toEqual({ value: 1250 });
    expect(readValue('1.250,50', { quantity: 'euros' })).toEqual({ value: 1250.5 });
    expect(readValue('60 %', { quantity: 'ratio', min: 0, max: 1 })).toEqual({ value: 0.6 });
  });

  it('reads a count with or without its word', () => {
    const word: Record<string, string[]> = { pupils: ['élèves', 'eleves', 'Élèves'], teachers: ['enseignants'], absences: ['absences'], weeks: ['semaines'], cycles: ['cycles'] };
    fc.assert(
      fc.property(fc.constantFrom(...Object.keys(word)), fc.integer({ min: 1, max: 200 }), SOME_SPACE, fc.nat(2), (quantity, n, space, w) => {
        const words = word[quantity];
        for (const spelling of [n, String(n), `${n}${space}${words[w % words.length]}`]) {
          expect(readValue(spelling, { quantity: quantity as Quantity, integer: true })).toEqual({ value: n });
        }
      }),
      RUNS,
    );
  });

  it('reads an amount of euros with its thousands separated as people do', () => {
    fc.assert(
      fc.property(fc.integer({ min: 0, max: 99_999 }), fc.constantFrom(' ', '\u00a0', '\u202f', '.', ''), fc.constantFrom('', ' €', '€', ' euros'), (n, separator, unit) => {
        const grouped = String(n).replace(/\B(?=(\d{3})+(?!\d))/g, separator);
        expect(readValue(`${grouped}${unit}`, { quantity: 'euros' })).toEqual({ value: n });
      }),
      RUNS,
    );
  });

  it('refuses a unit that does not fit: « 25h » is no group size', () => {
    fc.assert(
      fc.property(fc.integer({ min: 1, max: 60 }), SPACE, fc.constantFrom('h', 'heures', 'min', '€', 'semaines', 'h30'), (n, space, unit) => {
        const reading = readValue(`${n}${space}${unit}`, { quantity: 'pupils', integer: true, min: 1 });
        expect(reading).toHaveProperty('problem');
        expect((reading as { problem: string }).problem).toMatch(/ne convient pas|n’est pas un nombre d’élèves/);
      }),
      RUNS,
    );
  });

  it('refuses junk for every kind of parameter', () => {
    const quantities: Quantity[] = ['hours', 'pupils', 'teachers', 'absences', 'weeks', 'cycles', 'euros', 'ratio', 'number'];
    fc.assert(
      fc.property(junk, fc.constantFrom(...quantities), (text, quantity) => {
        expect(readValue(text, { quantity })).toHaveProperty('problem');
      }),
      RUNS,
    );
  });

  it('refuses impossible values and says the bound', () => {
    expect(readValue('-90', { quantity: 'hours', min: 0 })).toEqual({ problem: 'il faut au moins 0 h' });
    expect(readValue(0, { quantity: 'pupils', min: 1 })).toEqual({ problem: 'il faut au moins 1' });
    expect(readValue('25 h', { quantity: 'hours', max: 8 })).toEqual({ problem: 'il faut au plus 8 h' });
    expect(readValue('12,5', { quantity: 'pupils', integer: true })).toEqual({ problem: 'il faut un nombre entier' });
    expect(readValue('2h75', { quantity: 'hours' })).toHaveProperty('problem');
    // Excel stores « 2:30 » typed in a cell as a time of day (2,5 / 24): said, not read as 0,1 h.
    expect((readValue(2.5 / 24, { quantity: 'hours', min: 0.25 }) as { problem: string }).problem).toMatch(/écrivez « 2h30 »/);
  });

  it('leaves a blank cell blank', () => {
    for (const blank of [null, '', '   ']) expect(readValue(blank, { quantity: 'hours' })).toEqual({ blank: true });
  });
});

function pupil(i: number, className: string, level: string): Pupil {
  return { id: `p${i}`, lastName: `P${i}`, firstName: 'X', displayName: `P${i} X`, className, level, results: [], selfResults: [], sources: [] };
}

const defaultGrids: Grid[] = (() => {
  const read: ReadResult = {
    pupils: [...Array.from({ length: 24 }, (_, i) => pupil(i, '2MELEC', '2nde')), ...Array.from({ length: 12 }, (_, i) => pupil(50 + i, '1MRC', '1re'))],
    competencies: [{ id: 'mathematiques|calcul', discipline: 'Mathématiques', label: 'Calcul' }],
    sheets: [],
    rounds: [],
    diagnostics: [],
  };
  const snapshot = { grids: [] };
  return resolveSettings(snapshot, parseSettingsSheets(snapshot), read, '2026-11-22').createdSheets.map(specToGrid);
})();

/** A parameter cell of the default sheets, how to find it, and how to get its value back from the settings. */
interface Target {
  sheet: string;
  /** Row and column of the cell in the grid. */
  locate(grid: Grid): [number, number];
  read(settings: ReturnType<typeof parseSettingsSheets>['settings']): number | null | undefined;
  value: fc.Arbitrary<{ value: number; spelling: string | number }>;
}

const rowStarting = (grid: Grid, text: string) => grid.values.findIndex((r) => cellText(r[0]).startsWith(text));
const sectionRow = (grid: Grid, title: string) => rowStarting(grid, title) + 2;

const spelledCount = (min: number, max: number, word: string) =>
  fc.tuple(fc.integer({ min, max }), SOME_SPACE, fc.boolean()).map(([n, space, withWord]) => ({ value: n, spelling: withWord ? `${n}${space}${word}` : String(n) }));

const TARGETS: Target[] = [
  {
    sheet: SHEET_NAMES.parameters,
    locate: (g) => [sectionRow(g, 'Barrettes'), 4],
    read: (s) => s.slots?.[0].durationHours,
    value: spelledDuration.map(({ hours, spelling }) => ({ value: hours, spelling })),
  },
  {
    sheet: SHEET_NAMES.parameters,
    locate: (g) => [sectionRow(g, 'Enveloppes horaires annuelles'), 2],
    read: (s) => s.envelopes?.[0].hoursPerYear,
    value: fc.tuple(fc.integer({ min: 0, max: 200 }), SPACE, fc.constantFrom('', 'h', 'heures')).map(([n, space, unit]) => ({ value: n, spelling: unit ? `${n}${space}${unit}` : String(n) })),
  },
  {
    sheet: SHEET_NAMES.parameters,
    locate: (g) => [rowStarting(g, 'Écart toléré'), 1],
    read: (s) => s.general?.envelopeTolerance,
    value: spelledDuration.map(({ hours, spelling }) => ({ value: hours, spelling })),
  },
  {
    sheet: SHEET_NAMES.parameters,
    locate: (g) => [rowStarting(g, 'Seuil de masquage'), 1],
    read: (s) => s.general?.maskThreshold,
    value: spelledCount(3, 20, 'élèves'),
  },
  {
    sheet: SHEET_NAMES.teachers,
    locate: (g) => [rowStarting(g, 'Intervenant') + 1, 4],
    read: (s) => s.teachers?.[0].maxHours,
    value: spelledDuration.map(({ hours, spelling }) => ({ value: hours, spelling })),
  },
  {
    sheet: SHEET_NAMES.workshops,
    locate: (g) => [rowStarting(g, 'Atelier') + 1, 3],
    read: (s) => s.workshopTypes?.[0].cap,
    value: spelledCount(4, 40, 'élèves'),
  },
];

/** Every number of the « Général » section, spelled with a unit word its quantity allows. */
const UNIT_WORDS: Record<Quantity, string[]> = {
  hours: ['h', 'heures'],
  pupils: ['élèves'],
  teachers: ['enseignants'],
  absences: ['absences'],
  weeks: ['semaines'],
  cycles: ['cycles'],
  euros: ['€', 'euros'],
  ratio: ['%'],
  number: [],
};
const GENERAL_TARGETS: Target[] = (GENERAL_PARAMETERS as readonly GeneralParameter[])
  .filter((p) => p.kind === 'number')
  .map((p) => ({
    sheet: SHEET_NAMES.parameters,
    locate: (g: Grid) => [rowStarting(g, p.label), 1] as [number, number],
    read: (s: ReturnType<typeof parseSettingsSheets>['settings']) => s.general?.[p.key as keyof NonNullable<typeof s.general>] as number | undefined,
    value: fc
      .tuple(p.integer ? fc.integer({ min: p.min!, max: p.max! }) : fc.integer({ min: p.min! * 100, max: p.max! * 100 }).map((n) => n / 100), fc.constantFrom(...['', ...UNIT_WORDS[p.quantity!]]), SOME_SPACE)
      .map(([value, word, space]) => ({
        value,
        spelling: word === '%' ? `${comma(Math.round(value * 10000) / 100)}${space}%` : `${comma(value)}${word ? space + word : ''}`,
      })),
  }));

function withCell(target: Target, value: string | number): { grids: Grid[]; address: string } {
  let address = '';
  const grids = defaultGrids.map((g) => {
    if (g.sheet !== target.sheet) return g;
    const copy = structuredClone(g);
    const [row, col] = target.locate(copy);
    copy.values[row][col] = value;
    address = gridAddress(copy, row, col);
    return copy;
  });
  return { grids, address };
}

describe('every parameter cell goes through the same reading', () => {
  it('reads back the value a person wrote, in whatever spelling, without a word of complaint', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TARGETS).chain((t) => t.value.map((v) => ({ target: t, ...v }))), ({ target, value, spelling }) => {
        const { grids, address } = withCell(target, spelling);
        const parsed = parseSettingsSheets({ grids });
        expect(target.read(parsed.settings)).toBeCloseTo(value, 9);
        expect(parsed.diagnostics.filter((d) => d.sheet === target.sheet && d.cell === address)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('reads every number of « Général » with the unit it allows', () => {
    fc.assert(
      fc.property(fc.constantFrom(...GENERAL_TARGETS).chain((t) => t.value.map((v) => ({ target: t, ...v }))), ({ target, value, spelling }) => {
        const { grids, address } = withCell(target, spelling);
        const parsed = parseSettingsSheets({ grids });
        expect(target.read(parsed.settings)).toBeCloseTo(value, 9);
        expect(parsed.diagnostics.filter((d) => d.cell === address)).toEqual([]);
      }),
      { numRuns: 60 },
    );
  });

  it('refuses junk with an error naming the sheet and the cell, quoting what was typed', () => {
    fc.assert(
      fc.property(fc.constantFrom(...TARGETS, ...GENERAL_TARGETS), junk, (target, text) => {
        const { grids, address } = withCell(target, text);
        const parsed = parseSettingsSheets({ grids });
        const errors = parsed.diagnostics.filter((d) => d.severity === 'error' && d.sheet === target.sheet && d.cell === address);
        expect(errors).toHaveLength(1);
        expect(formatDiagnostic(errors[0])).toContain(`${target.sheet}!${address} : « ${text.trim()} » refusé pour`);
      }),
      { numRuns: 60 },
    );
  });

  it('names the issue’s cases: « 25h » as a cap, -90 as an envelope, « beaucoup » as a maximum, « 2h30 » as a duration', () => {
    const [duration, envelope, , , maximum, cap] = TARGETS;
    const errorAt = (target: Target, value: string) => {
      const { grids, address } = withCell(target, value);
      const parsed = parseSettingsSheets({ grids });
      return { read: target.read(parsed.settings), error: parsed.diagnostics.find((d) => d.severity === 'error' && d.cell === address) };
    };
    expect(errorAt(cap, '25h').error?.message).toMatch(/^« 25h » refusé pour l’effectif max de l’atelier .* l’unité « h » ne convient pas/);
    expect(errorAt(cap, '25h').read).toBe(12);
    expect(errorAt(envelope, '-90')).toMatchObject({ read: null, error: { message: expect.stringMatching(/^« -90 » refusé pour l’enveloppe/) } });
    expect(errorAt(maximum, 'beaucoup')).toMatchObject({ read: undefined, error: { message: expect.stringMatching(/^« beaucoup » refusé pour les heures max/) } });
    expect(errorAt(duration, '2h30')).toEqual({ read: 2.5, error: undefined });
  });
});
