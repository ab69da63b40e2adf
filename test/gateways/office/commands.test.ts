import { beforeEach, describe, expect, it, vi } from 'vitest';
import { MARKER, SHEET_NAMES } from '../../../src/core/workbook';
import { createOfficeGateway } from '../../../src/gateways/office/officeGateway';
import { FakeExcel } from '../../fakes/fakeExcel';
import { groupsSpec, parametersSpec } from './specs';

// The ribbon flow is tested on its own here; pipeline.test.ts runs the real engine through the gateway.
const engine = vi.hoisted(() => ({ generate: vi.fn() }));
vi.mock('../../../src/core/pipeline', () => engine);

import { localIsoDate } from '../../../src/core/dates';
const { COMMAND_LIMIT_MS, completeWithin, renderReport, reportUrl, runRibbonGeneration, summaryMessage } = await import('../../../src/commands/commands');

function workbook(withParameters: boolean): FakeExcel {
  const excel = new FakeExcel();
  excel.addSheet('2MRC', { values: [['Nom', 'Prénom', 'Lire'], ['Durand', 'Léa', 'A']] });
  if (withParameters) excel.addSheet(SHEET_NAMES.parameters, { values: [[`${MARKER} paramètres`]] });
  return excel;
}

const summary = { pupilsRead: 24, pupilsPlaced: 23, unassigned: 1, groups: 3, errors: 0, warnings: 2 };

describe('ribbon command « Générer les groupes »', () => {
  beforeEach(() => {
    engine.generate.mockReset();
    engine.generate.mockResolvedValue({
      sheets: [parametersSpec(), groupsSpec(24)],
      summary,
      diagnostics: [{ severity: 'warning', sheet: '2MRC', cell: 'C2', message: 'valeur « AQ » inconnue, comptée comme non évaluée' }],
    });
  });

  it('asks to open the pane once when the workbook has no saved settings, and writes nothing', async () => {
    const excel = workbook(false);
    const report = await runRibbonGeneration({ gateway: createOfficeGateway({ run: excel.run }), today: '2026-09-21', missing: [] });
    expect(report.title).toBe('Ouvrez d’abord le volet Pilote AP');
    expect(report.message).toMatch(/« AP Paramètres ».*« Ouvrir Pilote AP »/);
    expect(engine.generate).not.toHaveBeenCalled();
    expect(excel.sheetNames()).toEqual(['2MRC']);
  });

  it('generates with the saved settings in 4 round trips (list, outline, values, write), shows AP Groupes and sums up', async () => {
    const excel = workbook(true);
    const report = await runRibbonGeneration({ gateway: createOfficeGateway({ run: excel.run }), today: '2026-09-21', missing: [] });
    expect(engine.generate).toHaveBeenCalledWith(expect.objectContaining({ grids: expect.any(Array) }), { today: '2026-09-21' });
    expect(excel.syncCount).toBe(4);
    expect(excel.activeSheet).toBe(SHEET_NAMES.groups);
    expect(excel.sheet(SHEET_NAMES.parameters).valueAt('A1')).toBe(`${MARKER} paramètres`);
    expect(report.title).toBe('Groupes générés');
    expect(report.message).toContain('24 élèves lus, 23 placés dans un groupe, 1 non placé');
    expect(report.message).toContain('0 erreur et 2 avertissements');
    expect(report.message).toContain('Premier point : 2MRC!C2 : valeur « AQ » inconnue');
  });

  it('says what is wrong instead of failing: old Excel, protected workbook, unreadable input', async () => {
    const excel = workbook(true);
    const gateway = createOfficeGateway({ run: excel.run });
    const old = await runRibbonGeneration({ gateway, today: '2026-09-21', missing: [{ requirement: 'ExcelApi 1.9', message: 'Trop ancien.', blocking: true }] });
    expect(old).toEqual({ title: 'Excel trop ancien pour Pilote AP', message: 'Trop ancien.' });
    expect(excel.syncCount).toBe(0);

    excel.workbookProtected = true;
    const protectedRun = await runRibbonGeneration({ gateway, today: '2026-09-21', missing: [] });
    expect(protectedRun.title).toBe('La génération n’a pas abouti');
    expect(protectedRun.message).toMatch(/protégé/);

    const { UnusableInputError } = await import('../../../src/core/diagnostics');
    engine.generate.mockRejectedValue(new UnusableInputError('Aucun élève n’a pu être lu.'));
    const unreadable = await runRibbonGeneration({ gateway, today: '2026-09-21', missing: [] });
    expect(unreadable.message).toBe('Aucun élève n’a pu être lu.');
  });

  it('puts the report in the dialog URL and shows it on the page', () => {
    const url = reportUrl('https://localhost:3000/commands.html?x=1#y', { title: 'Groupes générés', message: summaryMessage(summary) });
    expect(url.startsWith('https://localhost:3000/commands.html?titre=Groupes')).toBe(true);
    const elements: Record<string, { textContent?: string; hidden?: boolean; addEventListener?: (t: string, f: () => void) => void; focus?: () => void }> = {
      titre: {},
      message: {},
      'compte-rendu': { hidden: true },
      fermer: { addEventListener: (_type, handler) => (clicked = handler), focus: () => undefined },
    };
    let clicked: (() => void) | undefined;
    const doc = { title: '', getElementById: (id: string) => elements[id] ?? null } as unknown as Document;
    const closed: string[] = [];
    expect(renderReport(doc, new URL(url).search, () => closed.push('fermer'))).toBe(true);
    expect(elements.titre.textContent).toBe('Groupes générés');
    expect(elements.message.textContent).toBe(summaryMessage(summary));
    expect(elements['compte-rendu'].hidden).toBe(false);
    clicked?.();
    expect(closed).toEqual(['fermer']);
    expect(renderReport(doc, '', () => undefined)).toBe(false);
  });

  it('dates the run with the local day', () => {
    expect(localIsoDate(new Date(2026, 8, 7, 23, 30))).toBe('2026-09-07');
  });
});

describe('ribbon command within Office’s 5 minutes', () => {
  it('completes when the work ends, once', async () => {
    let completed = 0;
    await completeWithin(async () => undefined, () => completed++, 1_000);
    expect(completed).toBe(1);
  });

  it('completes at the limit counted from the click even if the work is still waiting', async () => {
    let completed = 0;
    let finishWork = () => {};
    const start = Date.now();
    await completeWithin(() => new Promise<void>((resolve) => (finishWork = resolve)), () => completed++, 80, start - 40);
    expect(completed).toBe(1);
    expect(Date.now() - start).toBeLessThan(70);
    finishWork();
    await new Promise((resolve) => setTimeout(resolve, 10));
    expect(completed).toBe(1);
    expect(COMMAND_LIMIT_MS).toBeLessThan(5 * 60_000);
  });
});
