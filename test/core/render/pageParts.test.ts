/**
 * Excel keeps at most 1,026 manual page breaks a sheet (VBA HPageBreak object; MS-XLS 2.4.142): the
 * printable sheets with a page per pupil or per list are split in parts under MAX_PAGE_BREAKS, whole
 * classes (or slots) when they fit, every page in exactly one part, in order.
 */
import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { renderEmargementSheets } from '../../../src/core/followup/emargementSheet';
import { renderFichesSheets } from '../../../src/core/followup/fichesSheet';
import type { FollowUpBlock, FollowUpRow } from '../../../src/core/followup/blocks';
import { MAX_PAGE_BREAKS, pageParts, partBase, partName, printLayout, retiredParts, type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';

function row(pupil: number, className: string, slotId: string, group: number): FollowUpRow {
  return {
    cycle: 1,
    pupilId: `p${pupil}`,
    pupilName: `NOM${String(pupil).padStart(5, '0')} Élève`,
    className,
    slotId,
    groupId: `${slotId}-G${group}`,
    workshop: 'Remédiation français',
    teacher: `Enseignant ${group % 30}`,
    objective: '',
    indicator: '',
    marks: ['', ''],
    otherSessions: [],
    selfAssessment: '',
    outcome: '',
    comment: '',
    pupilBilan: '',
    planned: true,
  };
}

/** A school of `classes` classes of `perClass` pupils, every pupil in one group of each of `slots` slots. */
function school(classes: number, perClass: number, slots: number, groupSize: number): FollowUpBlock[] {
  return Array.from({ length: slots }, (_, s) => {
    const slotId = `B${s + 1}`;
    const rows: FollowUpRow[] = [];
    for (let c = 0; c < classes; c++) {
      for (let i = 0; i < perClass; i++) {
        const pupil = c * perClass + i;
        rows.push(row(pupil, `C${String(c).padStart(3, '0')}`, slotId, Math.floor(pupil / groupSize)));
      }
    }
    return { cycle: 1, slotId, when: 'mardi 10h', sessions: ['S1', 'S2'], dates: [], rows };
  });
}

const breaksOf = (spec: SheetSpec) => spec.print?.pageBreaksBefore ?? [];
const contractTitles = (spec: SheetSpec) => spec.cells.flatMap((line, r) => (String(line[0] ?? '').startsWith('Contrat d’accompagnement') ? [r] : []));

describe('printable sheets in parts under the page-break cap', () => {
  it('pageParts: every page once, in order, parts under the cap, a run of one key kept whole when it fits', () => {
    fc.assert(
      fc.property(fc.array(fc.integer({ min: 0, max: 6 }), { maxLength: 400 }), fc.integer({ min: 1, max: 60 }), (keys, perPart) => {
        const pages = keys.map((key, index) => ({ key: String(key), index }));
        const parts = pageParts(pages, (p) => p.key, perPart);
        expect(parts.flat().map((p) => p.index)).toEqual(pages.map((p) => p.index));
        for (const part of parts) expect(part.length).toBeLessThanOrEqual(perPart);
        // A run of one key no longer than a part is never cut between two parts.
        const partOf = new Map(parts.flatMap((part, i) => part.map((p) => [p.index, i] as const)));
        let from = 0;
        for (let i = 1; i <= pages.length; i++) {
          if (i < pages.length && pages[i].key === pages[from].key) continue;
          const run = pages.slice(from, i);
          if (run.length <= perPart) expect(new Set(run.map((p) => partOf.get(p.index))).size).toBe(1);
          from = i;
        }
      }),
      { numRuns: 60 },
    );
  });

  it('AP Fiches for 2,500 pupils: parts named AP Fiches, AP Fiches (2)…, each under 1,000 breaks, every pupil once, classes whole', () => {
    const specs = renderFichesSheets({ cycle: 1, blocks: school(100, 25, 1, 12), records: [], calendar: [] });
    expect(specs.map((s) => s.name)).toEqual([SHEET_NAMES.contracts, `${SHEET_NAMES.contracts} (2)`, `${SHEET_NAMES.contracts} (3)`]);
    const names = specs.flatMap((spec) => contractTitles(spec).map((r) => String(spec.cells[r + 1][0])));
    expect(names).toHaveLength(2_500);
    expect(new Set(names).size).toBe(2_500);
    for (const spec of specs) {
      expect(breaksOf(spec).length).toBeLessThanOrEqual(MAX_PAGE_BREAKS);
      expect(breaksOf(spec)).toEqual(contractTitles(spec).slice(1));
      expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
    }
    // 1,000 pupils (40 classes) fit a part: no class is split between two parts.
    const classesOf = specs.map((spec) => new Set(contractTitles(spec).map((r) => String(spec.cells[r + 1][1]))));
    for (let i = 1; i < classesOf.length; i++) for (const c of classesOf[i]) expect(classesOf[i - 1].has(c)).toBe(false);
  });

  it('a school that fits one sheet keeps the single AP Fiches and AP Émargement of before', () => {
    const blocks = school(10, 25, 2, 12);
    expect(renderFichesSheets({ cycle: 1, blocks, records: [], calendar: [] }).map((s) => s.name)).toEqual([SHEET_NAMES.contracts]);
    expect(renderEmargementSheets({ cycle: 1, blocks, calendar: [] }).map((s) => s.name)).toEqual([SHEET_NAMES.attendance]);
  });

  it('AP Émargement with 1,500 lists: parts under the cap, every list once', () => {
    const specs = renderEmargementSheets({ cycle: 1, blocks: school(60, 25, 3, 3), calendar: [] });
    expect(specs.length).toBeGreaterThan(1);
    const lists = specs.reduce((sum, spec) => sum + spec.cells.filter((line) => line[0] === 'Élève' && line[1] === 'Classe').length, 0);
    expect(lists).toBe(3 * 500);
    for (const spec of specs) expect(breaksOf(spec).length).toBeLessThanOrEqual(MAX_PAGE_BREAKS);
  });

  it('a print setup never asks for more breaks than a sheet keeps', () => {
    const rows = Array.from({ length: MAX_PAGE_BREAKS + 1 }, (_, i) => i + 1);
    expect(() => printLayout({ landscape: false, pageBreaksBefore: rows })).toThrow();
    expect(printLayout({ landscape: false, pageBreaksBefore: rows.slice(1) }).pageBreaksBefore).toHaveLength(MAX_PAGE_BREAKS);
  });

  it('a part the previous generation wrote and this one does not is emptied, saying where its pages went', () => {
    const specs: SheetSpec[] = [{ name: SHEET_NAMES.contracts, role: 'output', cells: [[`${MARKER} fiches`]] }];
    const existing = [SHEET_NAMES.contracts, partName(SHEET_NAMES.contracts, 2), partName(SHEET_NAMES.contracts, 3), 'AP Notes (2)'];
    const retired = retiredParts(specs, existing, MARKER);
    expect(retired.map((s) => s.name)).toEqual(['AP Fiches (2)', 'AP Fiches (3)']);
    for (const spec of retired) {
      expect(partBase(spec.name)).toBe(SHEET_NAMES.contracts);
      expect(String(spec.cells[0][0]).startsWith(MARKER)).toBe(true);
      expect(String(spec.cells[1][0])).toContain('« AP Fiches »');
    }
  });
});
