/**
 * The reader on files from the tools schools use (test/fixtures/, written by scripts/make-fixtures.ts):
 * a Pronote grid, a SIECLE list, an EDT pre-term list, a national test export in the long shape.
 * What must be found is derived from the builders, with each value's meaning spelled out there.
 */
import path from 'node:path';
import { beforeAll, describe, expect, it } from 'vitest';
import type { WorkbookSnapshot } from '../../../src/core/grid';
import { readWorkbook } from '../../../src/core/read';
import { normalizeText } from '../../../src/core/text';
import { edtPrevisionnel, FIXTURES_DIR, listeSiecle, LONG_DOMAINS, LONG_LEVELS, PRONOTE_ITEMS, PRONOTE_LEVELS, pronote, testNationalLong } from '../../../scripts/make-fixtures';
import { loadXlsx } from './loadXlsx';

const snapshots = new Map<string, WorkbookSnapshot>();
beforeAll(async () => {
  for (const file of ['pronote', 'liste-siecle', 'edt-previsionnel', 'test-national-long']) snapshots.set(file, await loadXlsx(path.join(FIXTURES_DIR, `${file}.xlsx`)));
});

const read = (file: string, today?: string) => readWorkbook(snapshots.get(file) as WorkbookSnapshot, { classLevels: [], today });
const warnings = (result: ReturnType<typeof readWorkbook>) => result.diagnostics.filter((d) => d.severity !== 'info').map((d) => `${d.sheet}!${d.cell} : ${d.message}`);
const key = (lastName: string, firstName: string) => normalizeText(`${lastName} ${firstName}`);

describe('Pronote grid (pronote.xlsx)', () => {
  it('reads every pupil of the class named in the title, with the six levels on the 4-level scale', () => {
    const { pupils, firstRow } = pronote();
    const result = read('pronote');
    expect(warnings(result)).toEqual([]);
    expect(result.competencies.map((c) => `${c.discipline} › ${c.label}`)).toEqual(PRONOTE_ITEMS.map(([d, item]) => `${d} › ${item}`));
    expect(result.pupils).toHaveLength(pupils.length);
    const meaning = new Map(PRONOTE_LEVELS);
    pupils.forEach((p, i) => {
      const found = result.pupils.find((x) => key(x.lastName, x.firstName) === key(p.lastName, p.firstName));
      expect(found).toMatchObject({ className: '2MRC', level: '2nde' });
      const expected = p.values.flatMap((v, k) => (meaning.get(v) === null ? [] : [`${String.fromCharCode(66 + k)}${firstRow + i}=${meaning.get(v)}`]));
      expect(found?.results.map((r) => `${r.source.cell}=${r.level}`)).toEqual(expected);
    });
  });
});

describe('SIECLE list (liste-siecle.xlsx)', () => {
  it('gives the roll: every pupil with INE and class, pupils who left not planned, a change of class counted once', () => {
    const { roll, assessed, movedIndex, items } = listeSiecle();
    const today = '2026-03-01';
    const result = read('liste-siecle', today);
    const leftBefore = roll.filter((p) => p.left && p.left.split('/').reverse().join('-') <= today);
    expect(leftBefore.length).toBeGreaterThan(0);
    expect(result.pupils.map((p) => p.ine).sort()).toEqual(roll.filter((p) => !leftBefore.includes(p)).map((p) => p.ine).sort());
    for (const p of leftBefore) {
      expect(result.diagnostics.some((d) => d.severity === 'info' && d.message.startsWith(`${p.lastName.toUpperCase()} ${p.firstName} (${p.className}) a quitté l'établissement le ${p.left}`))).toBe(true);
    }
    const moved = result.pupils.find((p) => p.ine === roll[movedIndex].ine);
    expect(moved?.className).toBe('2MELEC');
    expect(moved?.results).toHaveLength(assessed.find((a) => a.index === movedIndex)?.values.length ?? -1);
    for (const { index, values } of assessed) {
      if (leftBefore.includes(roll[index])) continue;
      const found = result.pupils.find((p) => p.ine === roll[index].ine);
      expect(found?.results.map((r) => r.level)).toEqual(values.map((v) => ({ A: 3, ECA: 2, NA: 1 })[v]));
    }
    expect(result.competencies.map((c) => c.label)).toEqual(items);
  });
});

describe('EDT pre-term list (edt-previsionnel.xlsx)', () => {
  it('reads the roll and the pair constraints, and never copies a date of birth', () => {
    const { pupils } = edtPrevisionnel();
    const result = read('edt-previsionnel');
    expect(result.sheets[0]).toMatchObject({ role: 'class-list', pupilCount: pupils.length });
    const idOf = (lastName: string, firstName: string) => result.pupils.find((p) => key(p.lastName, p.firstName) === key(lastName, firstName))?.id;
    const expected = pupils.flatMap((p, i) =>
      (['together', 'apart'] as const).flatMap((relation) =>
        (p[relation] ?? '')
          .split(', ')
          .filter(Boolean)
          .map((name) => {
            const other = pupils.find((q) => `${q.lastName.toUpperCase()} ${q.firstName}` === name) ?? pupils[i];
            return `${relation} ${[idOf(p.lastName, p.firstName), idOf(other.lastName, other.firstName)].sort().join(' + ')}`;
          }),
      ),
    );
    expect(result.pairs?.map((pair) => `${pair.relation} ${pair.pupilIds.join(' + ')}`).sort()).toEqual(expected.sort());
    const text = JSON.stringify(result);
    for (const p of pupils) expect(text).not.toContain(p.birth);
  });
});

describe('national test export, long shape (test-national-long.xlsx)', () => {
  it('gathers the rows of each pupil, reads the level words, counts « Test incomplet » as not assessed', () => {
    const { pupils } = testNationalLong();
    const result = read('test-national-long');
    expect(result.mapping.sheets[0]).toMatchObject({ layout: 'long', role: 'national-test' });
    expect(result.competencies.map((c) => `${c.discipline} › ${c.label}`)).toEqual(LONG_DOMAINS.map(([d, domain]) => `${d} › ${domain}`));
    const meaning = new Map(LONG_LEVELS);
    expect(result.pupils).toHaveLength(pupils.length);
    for (const p of pupils) {
      const found = result.pupils.find((x) => x.ine === p.ine);
      expect(found?.className).toBe(p.className);
      const expected = p.levels.flatMap((level, k) => (meaning.get(level) === null ? [] : [`H${p.rows[k]}=${meaning.get(level)}`]));
      expect(found?.results.map((r) => `${r.source.cell}=${r.level}`)).toEqual(expected);
    }
    expect(warnings(result)).toEqual([]);
  });
});
