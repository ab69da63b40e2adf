// @vitest-environment happy-dom
/**
 * The pane's state hook on the app's file host, in a simulated DOM: a generation reports its steps and
 * fills the results; a parameter changed afterwards marks them stale until the next generation; the
 * app's undo puts the workbook back; a cancel before the write leaves the workbook untouched.
 */
import { act, renderHook, waitFor } from '@testing-library/react';
import { describe, expect, it } from 'vitest';
import { SHEET_NAMES } from '../../src/core/workbook';
import { createExampleHost } from '../../src/host/fileHost';
import { runGeneration } from '../../src/taskpane/runGeneration';
import { usePilote } from '../../src/taskpane/usePilote';
import { generalParameterCell } from '../../src/taskpane/parameterCells';
import { generate, STEP_LABELS } from '../../src/core/pipeline';

describe('usePilote', () => {
  it('generates, marks the results stale after a parameter change, and undoes the last generation', async () => {
    const host = createExampleHost({ download: () => undefined });
    const { result } = renderHook(() => usePilote(host));
    await waitFor(() => expect(result.current.analysis).toBeDefined(), { timeout: 30_000 });
    expect(result.current.stale).toBe(false);

    act(() => result.current.generate());
    await waitFor(() => expect(result.current.run.status).toBe('done'), { timeout: 60_000 });
    expect(result.current.generation?.summary.pupilsRead).toBeGreaterThan(0);
    expect(result.current.stale).toBe(false);

    const cycle = generalParameterCell(host.gateway.current(), 'cycle')!;
    expect(cycle).not.toBeNull();
    await act(async () => {
      expect(await result.current.writeCell(cycle.sheet, cycle.cell, result.current.analysis!.settings.general.cycle + 1, 'Cycle modifié')).toBe(true);
    });
    expect(result.current.stale).toBe(true);

    await act(async () => {
      expect(await result.current.undoLastGeneration!()).toBe(true);
    });
    expect(result.current.generation).toBeUndefined();
    expect(result.current.stale).toBe(false);
    expect(host.gateway.current().grids.some((g) => g.sheet === SHEET_NAMES.groups)).toBe(false);
  }, 120_000);
});

describe('runGeneration', () => {
  it('reports every step in order, and a cancel before the write leaves the workbook as it was', async () => {
    const host = createExampleHost({ download: () => undefined });
    const before = host.gateway.current();
    const steps: string[] = [];
    const controller = new AbortController();
    const engine = {
      STEP_LABELS,
      generate: (snapshot: Parameters<typeof generate>[0], options: Parameters<typeof generate>[1]) => generate(snapshot, options),
    };
    const cancelled = runGeneration(host, engine, {
      today: '2026-10-01',
      signal: controller.signal,
      onStep: (step) => {
        steps.push(step);
        if (step === 'plan') controller.abort();
      },
    });
    await expect(cancelled).rejects.toMatchObject({ name: 'AbortError' });
    expect(host.gateway.current()).toEqual(before);

    steps.length = 0;
    const done = await runGeneration(host, engine, { today: '2026-10-01', signal: new AbortController().signal, onStep: (step) => steps.push(step) });
    expect(steps).toEqual(['read', ...Object.keys(STEP_LABELS), 'write']);
    expect(host.gateway.current().grids.map((g) => g.sheet)).toEqual(done.written.grids.map((g) => g.sheet));
  }, 60_000);
});
