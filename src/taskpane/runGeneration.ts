/**
 * One generation, from reading the workbook to writing the sheets. A cancel before the write leaves
 * the workbook exactly as it was: nothing is written until every step has succeeded.
 */
import type { WorkbookSnapshot } from '../core/grid';
import type { Generation, StepId } from '../core/pipeline';
import { applySheetSpecs } from '../gateways/memory';
import type { PiloteHost } from '../host/host';
import type { GenerateInWorkerOptions } from '../host/worker/engineClient';
import type { Engine } from './engine';

/**
 * What a generation needs of the engine: its step labels, and a `generate` that runs off the page
 * (`generateInWorker`) or in it; either reports each step and honours the signal.
 */
export interface GenerationEngine {
  STEP_LABELS: Engine['STEP_LABELS'];
  generate(snapshot: WorkbookSnapshot, options: GenerateInWorkerOptions): Promise<Generation>;
}

/** The pipeline's steps plus the pane's own last one. */
export type RunStep = StepId | 'write';

export interface RunOptions {
  today: string;
  signal: AbortSignal;
  /** `index` counts from 0 over `total` steps, writing included. */
  onStep(step: RunStep, index: number, total: number): void;
}

function abortError(): DOMException {
  return new DOMException('Génération annulée.', 'AbortError');
}

/** Give the browser a turn: the progress bar paints and a pending « Annuler » click is handled. */
function yieldToBrowser(signal: AbortSignal): Promise<void> {
  return new Promise((resolve, reject) => {
    setTimeout(() => (signal.aborted ? reject(abortError()) : resolve()), 0);
  });
}

export interface RunResult {
  generation: Generation;
  /**
   * The workbook as the write left it, rebuilt from the snapshot and the specs: the pane re-analyses
   * it without another round trip to Excel.
   */
  written: WorkbookSnapshot;
}

export async function runGeneration(host: PiloteHost, engine: GenerationEngine, options: RunOptions): Promise<RunResult> {
  const { signal, onStep } = options;
  const stepCount = Object.keys(engine.STEP_LABELS).length + 1;
  onStep('read', 0, stepCount);
  await yieldToBrowser(signal);
  const snapshot = await host.gateway.readSnapshot();
  await yieldToBrowser(signal);
  const generation = await engine.generate(snapshot, {
    today: options.today,
    signal,
    onProgress: (step, index) => onStep(step, index, stepCount),
  });
  // Last moment a cancel is honoured: after this the sheets are being written.
  await yieldToBrowser(signal);
  onStep('write', stepCount - 1, stepCount);
  await host.gateway.writeSheets(generation.sheets);
  return { generation, written: applySheetSpecs(snapshot, generation.sheets) };
}
