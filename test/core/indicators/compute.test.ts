import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { cellValue, computeIndicators, isShare, type IndicatorInput, type Indicators, type IndicatorTable } from '../../../src/core/indicators';
import type { AssessmentResult, Group, MasteryLevel } from '../../../src/core/model';
import { buildSchool } from './fixtures';

const table = (ind: Indicators, id: string): IndicatorTable => ind.tables.find((t) => t.id === id)!;
const row = (ind: Indicators, id: string, key: string) => table(ind, id).rows.find((r) => r.key === key)!;

function group(id: string, level: string, kind: Group['kind'], pupilIds: string[], teacher = 'Mme A', discipline?: string): Group {
  return { id, level, slotId: `${level} mardi`, workshopTypeId: kind, kind, discipline, teacher, capacity: 14, minSize: 1, pupilIds, sharedNeed: '' };
}

function result(competencyId: string, level: MasteryLevel, sheet: string, cell: string): AssessmentResult {
  return { competencyId, level, source: { sheet, cell } };
}

describe('computeIndicators', () => {
  const { input } = buildSchool();
  const ind = computeIndicators(input);

  it('orders levels as a coordinator reads them and counts every pupil once', () => {
    expect(ind.levels).toEqual(['CAP 1', '2nde', '1re', 'Tle']);
    expect(row(ind, 'pupils', 'all').cells).toEqual([3, 26, 22, 18, 69]);
    expect(ind.summary.pupils).toBe(69);
  });

  it('keeps every published sum: levels -> total, placed + not placed = pupils, projects = pupils', () => {
    for (const t of ind.tables.filter((x) => x.lastColumnIsSum)) {
      for (const r of t.rows) {
        const parts = r.cells.slice(0, -1);
        const total = r.cells.at(-1)!;
        if (isShare(total)) {
          expect(total.num, `${t.id}/${r.key}`).toBe(parts.reduce((s: number, c) => s + (isShare(c) ? c.num : 0), 0));
          expect(total.den, `${t.id}/${r.key}`).toBe(parts.reduce((s: number, c) => s + (isShare(c) ? c.den : 0), 0));
        } else expect(total, `${t.id}/${r.key}`).toBe(parts.reduce((s: number, c) => s + (c as number), 0));
      }
    }
    for (const sum of ind.sums) {
      const [tt, tr] = sum.total.split('/');
      const totalCells = row(ind, tt, tr).cells as number[];
      const partCells = sum.parts.map((p) => row(ind, p.split('/')[0], p.split('/')[1]).cells as number[]);
      totalCells.forEach((value, col) => expect(partCells.reduce((s, cells) => s + cells[col], 0)).toBe(value));
    }
  });

  it('counts pupils per strong need with the « Besoin fort » parameter', () => {
    const strong = input.settings.general.strongNeed;
    const expected = input.needs.filter((p) => p.needs.some((n) => n.key === 'methodology' && n.score >= strong)).length;
    expect(row(ind, 'needs', 'methodology').cells.at(-1)).toBe(expected);
    expect(row(ind, 'needs', 'remediation:mathematiques').label).toBe('Remédiation · Mathématiques');
  });

  it('counts workshops and pupils per workshop type of the current plan', () => {
    expect(row(ind, 'workshops', 'remediation:mathematiques').cells).toEqual([1, 1, 1, 1, 4]);
    expect(row(ind, 'workshop-pupils', 'methodology').cells.at(-1)).toBe(input.plan.groups.filter((g) => g.kind === 'methodology').reduce((s, g) => s + g.pupilIds.length, 0));
    expect(ind.summary.workshops).toBe(input.plan.groups.length);
  });

  it('contains no pupil name or INE (aggregates only)', () => {
    const json = JSON.stringify(ind);
    for (const pupil of input.pupils) {
      expect(json).not.toContain(pupil.ine!);
      expect(json).not.toContain(pupil.displayName);
    }
  });

  it('is deterministic and does not depend on the order of pupils', () => {
    const shuffled: IndicatorInput = { ...input, pupils: [...input.pupils].reverse(), needs: [...input.needs].reverse() };
    expect(computeIndicators(input)).toEqual(ind);
    expect(computeIndicators(shuffled).tables.map((t) => t.rows.map((r) => r.cells))).toEqual(ind.tables.map((t) => t.rows.map((r) => r.cells)));
  });

  it('measures coverage over the year from past cycles and the current plan, ignoring history of the current cycle', () => {
    const small = buildSchool({ '2nde': 3 }, 1).input;
    const [a, b, c] = small.pupils;
    const entry = { pupilName: '', className: '2MELEC', level: '2nde', slotId: 's', workshopTypeId: 'm', teacher: 'M. B' };
    const coverage = computeIndicators({
      ...small,
      plan: { ...small.plan, groups: [group('G1', '2nde', 'methodology', [a.id])] },
      history: [
        { ...entry, cycle: 1, pupilId: b.id, kind: 'methodology' },
        { ...entry, cycle: 2, pupilId: c.id, kind: 'methodology' }, // an earlier run of the cycle being generated
      ],
    });
    expect(row(coverage, 'coverage', 'methodology').cells[0]).toEqual({ num: 2, den: 3 });
    expect(row(coverage, 'coverage', 'orientation').cells[0]).toEqual({ num: 0, den: 3 });
    expect(row(coverage, 'workshops-year', 'methodology').cells[0]).toBe(2);
    expect(row(coverage, 'teachers', 'involved').cells[0]).toBe(2);
  });

  it('measures progress between the first and last positionnement, per discipline', () => {
    const small = buildSchool({ '2nde': 2 }, 1).input;
    const [a, b] = small.pupils;
    const m = (n: number) => `mathematiques|c${n}`;
    const before = [
      { pupilId: a.id, result: result(m(1), 1, 'P1', 'C2') },
      { pupilId: a.id, result: result(m(2), 1, 'P1', 'D2') },
      { pupilId: b.id, result: result(m(1), 1, 'P1', 'C3') },
      { pupilId: b.id, result: result(m(2), 3, 'P1', 'D3') },
    ];
    const after = [
      { pupilId: a.id, result: result(m(1), 1, 'P2', 'C2') },
      { pupilId: a.id, result: result(m(2), 3, 'P2', 'D2') },
      { pupilId: b.id, result: result(m(1), 1, 'P2', 'C3') },
      { pupilId: b.id, result: result(m(2), 4, 'P2', 'D3') },
    ];
    const ind2 = computeIndicators({
      ...small,
      competencies: [
        { id: m(1), discipline: 'Mathématiques', label: 'c1' },
        { id: m(2), discipline: 'Mathématiques', label: 'c2' },
      ],
      rounds: [
        { label: 'Septembre', results: before },
        { label: 'Novembre', results: after },
      ],
    });
    // a: 2 NA -> 1 NA (fell); b: 1 NA -> 1 NA (did not).
    expect(row(ind2, 'progress', 'mathematiques').cells).toEqual([{ num: 1, den: 2 }, { num: 1, den: 2 }]);
    // a: mean 1 -> 2; b: mean 2 -> 2.5 rounded to 3.
    expect(row(ind2, 'mastery', 'mathematiques:before')).toMatchObject({ label: 'Mathématiques — Septembre', cells: [1, 1, 0, 0, 2] });
    expect(row(ind2, 'mastery', 'mathematiques:after').cells).toEqual([0, 1, 1, 0, 2]);
    expect(ind2.summary.progress).toEqual({ before: 'Septembre', after: 'Novembre' });
  });

  it('compares each level on its own positionnements: a third one in 1re does not hide 2nde’s P1 → P2 (property)', () => {
    const school = buildSchool({ '2nde': 6, '1re': 5 }, 3).input;
    const ids = { '2nde': school.pupils.filter((p) => p.level === '2nde').map((p) => p.id), '1re': school.pupils.filter((p) => p.level === '1re').map((p) => p.id) };
    const competencies = [1, 2, 3].map((k) => ({ id: `mathematiques|c${k}`, discipline: 'Mathématiques', label: `c${k}` }));
    // Per pupil and round, the level of each of 3 competencies; 1re has a third positionnement.
    const marks = fc.array(fc.constantFrom<MasteryLevel>(1, 2, 3, 4), { minLength: 3, maxLength: 3 });
    const drawn = fc.record({
      '2nde': fc.array(fc.tuple(marks, marks), { minLength: 6, maxLength: 6 }),
      '1re': fc.array(fc.tuple(marks, marks, marks), { minLength: 5, maxLength: 5 }),
    });
    fc.assert(
      fc.property(drawn, (levels) => {
        const roundResults = [0, 1, 2].map((r) =>
          (['2nde', '1re'] as const).flatMap((level) =>
            levels[level].flatMap((pupilMarks, i) =>
              r < pupilMarks.length ? pupilMarks[r].map((mark, k) => ({ pupilId: ids[level][i], result: result(competencies[k].id, mark, `P${r + 1}`, `C${i + 2}`) })) : [],
            ),
          ),
        );
        const ind2 = computeIndicators({ ...school, competencies, rounds: roundResults.map((results, r) => ({ label: `P${r + 1}`, results })) });
        const na = (m: MasteryLevel[]) => m.filter((x) => x === 1).length;
        const truth = (pupils: MasteryLevel[][][]) => {
          const had = pupils.filter((p) => na(p[0]) > 0);
          return { num: had.filter((p) => na(p[p.length - 1]) < na(p[0])).length, den: had.length };
        };
        // Columns: 2nde, 1re, total.
        const [second, first] = [truth(levels['2nde']), truth(levels['1re'])];
        expect(row(ind2, 'progress', 'mathematiques').cells).toEqual([second, first, { num: second.num + first.num, den: second.den + first.den }]);
        expect(row(ind2, 'mastery', 'mathematiques:before').cells.at(-1)).toBe(11);
        expect(table(ind2, 'progress').note).toContain('2nde : P1 → P2 ; 1re : P1 → P3');
        expect(table(ind2, 'mastery').title).toBe('Maîtrise par discipline : premier puis dernier positionnement de chaque élève');
      }),
      { numRuns: 30 },
    );
  });

  it('has no progress tables with fewer than two positionnements', () => {
    const small = buildSchool({ '2nde': 4 }, 1).input;
    const one = computeIndicators({ ...small, rounds: [{ label: 'P1', results: small.pupils.flatMap((p) => p.results.map((r) => ({ pupilId: p.id, result: r }))) }] });
    expect(one.tables.map((t) => t.id)).not.toContain('progress');
    expect(one.summary.progress).toBeNull();
    expect(computeIndicators({ ...small, rounds: [] }).tables.map((t) => t.id)).not.toContain('mastery');
  });

  it('takes hours per level from the hours step when given, else shows the envelopes', () => {
    expect(row(ind, 'hours', '2nde').cells).toEqual([null, null, 90]);
    const withHours = computeIndicators({
      ...input,
      hours: { perLevel: [{ level: '2nde', plannedPerPupil: 84, donePerPupil: 21, envelope: 90 }], people: ['Mme Arnaud', 'M. Benali', 'Mme Carpentier', 'M. Dumas', 'Mme Eloi', 'M. Faure'].map((name, i) => ({ name, involved: i < 3 })) },
    });
    expect(table(withHours, 'hours').rows).toEqual([{ key: '2nde', label: '2nde', unit: 'hours', cells: [84, 21, 90] }]);
    expect(row(withHours, 'teachers', 'share').cells[0]).toEqual({ num: 3, den: 6 });
    expect(cellValue(row(withHours, 'teachers', 'share').cells[0])).toBe(0.5);
  });

  it('shares the teachers leading AP over the school’s teaching staff when it is given', () => {
    const withStaff = computeIndicators({
      ...input,
      hours: { perLevel: [], people: ['Mme Arnaud', 'M. Benali', 'Mme Carpentier', 'M. Dumas', 'Mme Eloi', 'M. Faure'].map((name, i) => ({ name, involved: i < 3 })), teachingStaff: 60 },
    });
    expect(row(withStaff, 'teachers', 'staff').cells).toEqual([60]);
    expect(row(withStaff, 'teachers', 'share')).toMatchObject({ label: "Part des enseignants de l'établissement impliqués", cells: [{ num: 3, den: 60 }] });
    expect(table(withStaff, 'teachers').note).toMatch(/AP Paramètres/);
  });

  it('counts teachers only in the teacher share: the CPE, the PsyEN and the AED apart, the documentaliste a teacher', () => {
    const categories = { 'Mme Arnaud': 'cpe', 'M. Benali': 'psyen', 'Mme Carpentier': 'librarian', 'M. Dumas': 'aed' } as const;
    const settings = { ...input.settings, teachers: input.settings.teachers.map((t) => ({ ...t, category: categories[t.name as keyof typeof categories] })) };
    // Everyone but Mme Eloi led AP this year; M. Faure is in no AP Intervenants row: counted as a teacher.
    const people = ['Mme Arnaud', 'M. Benali', 'Mme Carpentier', 'M. Dumas', 'Mme Eloi', 'M. Faure'].map((name) => ({ name, involved: name !== 'Mme Eloi' }));
    const ind2 = computeIndicators({ ...input, settings, hours: { perLevel: [], people } });
    const cell = (key: string) => row(ind2, 'teachers', key).cells[0];
    expect([cell('declared'), cell('involved'), cell('teachers-declared'), cell('teachers-involved'), cell('others-involved')]).toEqual([6, 5, 3, 2, 3]);
    expect([cell('involved:cpe'), cell('involved:psyen'), cell('involved:aed')]).toEqual([1, 1, 1]);
    expect(row(ind2, 'teachers', 'share')).toMatchObject({ label: 'Part des enseignants déclarés impliqués', cells: [{ num: 2, den: 3 }] });
    expect(ind2.summary).toMatchObject({ teachersInvolved: 2, teachersTotal: 3 });
    const withStaff = computeIndicators({ ...input, settings, hours: { perLevel: [], people, teachingStaff: 40 } });
    expect(row(withStaff, 'teachers', 'share').cells).toEqual([{ num: 2, den: 40 }]);
  });

  it('counts teachers and each other category apart on any staff (property)', () => {
    const categories = ['teacher', 'librarian', 'cpe', 'psyen', 'aed', 'nurse', 'external'] as const;
    const person = fc.record({ category: fc.option(fc.constantFrom(...categories), { nil: undefined }), involved: fc.boolean(), declared: fc.boolean() });
    fc.assert(
      fc.property(fc.array(person, { maxLength: 25 }), fc.nat({ max: 80 }), (staff, teachingStaff) => {
        const named = staff.map((p, i) => ({ ...p, name: `Personne ${i}` }));
        const teachers = named.filter((p) => p.declared).map((p) => ({ ...input.settings.teachers[0], name: p.name, category: p.category }));
        const settings = { ...input.settings, teachers };
        const ind2 = computeIndicators({ ...input, settings, hours: { perLevel: [], people: named.map(({ name, involved }) => ({ name, involved })), teachingStaff: teachingStaff || null } });
        // Not declared, or declared without a category: a teacher.
        const categoryOf = (p: (typeof named)[number]) => (p.declared ? (p.category ?? 'teacher') : 'teacher');
        const isTeacher = (p: (typeof named)[number]) => ['teacher', 'librarian'].includes(categoryOf(p));
        const cell = (key: string) => table(ind2, 'teachers').rows.find((r) => r.key === key)?.cells[0];
        expect(cell('teachers-declared')).toBe(named.filter(isTeacher).length);
        expect(cell('teachers-involved')).toBe(named.filter((p) => isTeacher(p) && p.involved).length);
        expect(cell('others-involved')).toBe(named.filter((p) => !isTeacher(p) && p.involved).length);
        for (const category of ['cpe', 'psyen', 'aed', 'nurse', 'external']) {
          const declared = named.filter((p) => categoryOf(p) === category);
          expect(cell(`involved:${category}`)).toBe(declared.length ? declared.filter((p) => p.involved).length : undefined);
        }
        const teachersInvolved = named.filter((p) => isTeacher(p) && p.involved).length;
        expect(cell('share')).toEqual({ num: teachersInvolved, den: teachingStaff || named.filter(isTeacher).length });
      }),
      { numRuns: 60 },
    );
  });

  it('counts workshop sessions done against those planned, per level', () => {
    const sessions = [
      { level: '2nde', cycle: 1, past: true, planned: 7, done: 7 },
      { level: '2nde', cycle: 1, past: true, planned: 7, done: 5 },
      { level: '2nde', cycle: 1, past: true, planned: 7, done: null },
      { level: '1re', cycle: 1, past: true, planned: 6, done: 8 },
      { level: '2nde', cycle: 2, past: false, planned: 8, done: null },
      { level: '1re', cycle: 3, past: false, planned: 7, done: null },
    ];
    const ind2 = computeIndicators({ ...input, hours: { perLevel: [], people: [], sessions } });
    // Columns: CAP 1, 2nde, 1re, Tle, total.
    expect(row(ind2, 'sessions', 'planned').cells).toEqual([0, 29, 13, 0, 42]);
    expect(row(ind2, 'sessions', 'due').cells).toEqual([0, 21, 6, 0, 27]);
    expect(row(ind2, 'sessions', 'done').cells).toEqual([0, 12, 8, 0, 20]);
    expect(row(ind2, 'sessions', 'unreported').cells).toEqual([0, 7, 0, 0, 7]);
    // 1re did 8 of 6: the share counts at most what was planned.
    expect(row(ind2, 'sessions', 'share').cells).toEqual([{ num: 0, den: 0 }, { num: 12, den: 21 }, { num: 6, den: 6 }, { num: 0, den: 0 }, { num: 18, den: 27 }]);
    expect(computeIndicators(input).tables.map((t) => t.id)).not.toContain('sessions');
  });

  it('copes with an empty school (no pupil, no plan, no history)', () => {
    const empty = computeIndicators({ ...input, pupils: [], needs: [], history: [], rounds: [], plan: { ...input.plan, groups: [] } });
    expect(empty.levels).toEqual([]);
    expect(row(empty, 'pupils', 'all').cells).toEqual([0]);
    expect(empty.summary).toMatchObject({ pupils: 0, placed: 0, workshops: 0, progress: null });
  });

  it('holds its invariants on random schools (property)', () => {
    fc.assert(
      fc.property(fc.record({ '2nde': fc.nat({ max: 40 }), '1re': fc.nat({ max: 40 }), Tle: fc.integer({ min: 1, max: 40 }) }), fc.nat(), (perLevel, seed) => {
        const school = computeIndicators(buildSchool(perLevel, seed).input);
        const pupils = Object.values(perLevel).reduce((a, b) => a + b, 0);
        expect(school.summary.pupils).toBe(pupils);
        for (const t of school.tables) {
          for (const r of t.rows) {
            expect(r.cells).toHaveLength(t.columns.length);
            for (const c of r.cells) if (isShare(c)) expect(c.num).toBeLessThanOrEqual(c.den);
          }
        }
      }),
      { numRuns: 40 },
    );
  });
});
