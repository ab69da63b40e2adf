/**
 * The page's side of the engine worker: analyse, generate (with progress and cancel) and write the
 * completed workbook, each answered by the worker (engineWorker.ts) so that the page stays responsive.
 * Where no worker can run (a webview without workers, tests in a simulated DOM) or the worker fails to
 * start, the same functions run in the page instead, as they did before: same results, only slower to
 * answer input.
 */
import type { WorkbookSnapshot } from '../../core/grid';
import type { Analysis, AnalyseOptions, Generation, StepId } from '../../core/pipeline';
import type { SheetSpec } from '../../core/render/sheetSpec';
import { deserializeError, type WorkerReply, type WorkerRequest } from './protocol';

export interface GenerateInWorkerOptions extends AnalyseOptions {
  signal: AbortSignal;
  onProgress(step: StepId, index: number, total: number): void;
}

type Job = Exclude<WorkerRequest, { kind: 'abort' }>;
/** A job before it has its id (Omit over each member of the union). */
type JobBody = Job extends infer J ? (J extends Job ? Omit<J, 'id'> : never) : never;

interface Pending {
  job: Job;
  resolve(result: unknown): void;
  reject(error: unknown): void;
  onProgress?: GenerateInWorkerOptions['onProgress'];
}

let worker: Worker | null | undefined;
let nextId = 1;
const pending = new Map<number, Pending>();

/** The same work in the page (no worker here, or it could not start). */
async function runInPage(job: Job, onProgress?: GenerateInWorkerOptions['onProgress'], signal?: AbortSignal): Promise<unknown> {
  if (job.kind === 'write') {
    const { writeXlsx } = await import(/* webpackChunkName: "xlsx-gateway" */ '../../gateways/xlsx/xlsxGateway');
    return writeXlsx(job.specs, job.input ?? undefined);
  }
  const engine = await import(/* webpackChunkName: "engine" */ '../../core/pipeline');
  if (job.kind === 'analyse') return engine.analyse(job.snapshot, job.options);
  return engine.generate(job.snapshot, {
    ...job.options,
    signal,
    onProgress: (step, index, total) => {
      onProgress?.(step, index, total);
      // Give the browser a turn: the progress bar paints and a pending « Annuler » click is handled.
      return new Promise((resolve) => setTimeout(resolve, 0));
    },
  });
}

function startWorker(): Worker | null {
  if (worker !== undefined) return worker;
  if (typeof Worker === 'undefined') return (worker = null);
  try {
    worker = new Worker(/* webpackChunkName: "engine-worker" */ new URL('./engineWorker.ts', import.meta.url));
  } catch {
    return (worker = null);
  }
  worker.onmessage = (event: MessageEvent<WorkerReply>) => {
    const reply = event.data;
    const job = pending.get(reply.id);
    if (!job) return;
    if (reply.kind === 'progress') return job.onProgress?.(reply.step, reply.index, reply.total);
    pending.delete(reply.id);
    if (reply.kind === 'done') job.resolve(reply.result);
    else job.reject(deserializeError(reply.error));
  };
  // A worker that cannot load (blocked script, old webview): the jobs it held run in the page.
  worker.onerror = (event) => {
    event.preventDefault();
    worker?.terminate();
    worker = null;
    const held = [...pending.values()];
    pending.clear();
    for (const job of held) runInPage(job.job, job.onProgress).then(job.resolve, job.reject);
  };
  return worker;
}

function run(body: JobBody, options: { signal?: AbortSignal; onProgress?: Pending['onProgress'] } = {}): Promise<unknown> {
  const job = { ...body, id: nextId++ } as Job;
  const target = startWorker();
  if (!target) return runInPage(job, options.onProgress, options.signal);
  return new Promise((resolve, reject) => {
    pending.set(job.id, { job, resolve, reject, onProgress: options.onProgress });
    options.signal?.addEventListener('abort', () => target.postMessage({ id: job.id, kind: 'abort' } satisfies WorkerRequest), { once: true });
    target.postMessage(job);
  });
}

export function analyseInWorker(snapshot: WorkbookSnapshot, options: AnalyseOptions): Promise<Analysis> {
  return run({ kind: 'analyse', snapshot, options }) as Promise<Analysis>;
}

export function generateInWorker(snapshot: WorkbookSnapshot, { signal, onProgress, ...options }: GenerateInWorkerOptions): Promise<Generation> {
  signal.throwIfAborted();
  return run({ kind: 'generate', snapshot, options }, { signal, onProgress }) as Promise<Generation>;
}

/** The completed workbook: the input package with the specs written into it, or a new one. */
export function writeInWorker(input: Uint8Array | null, specs: SheetSpec[]): Promise<Uint8Array> {
  // The input stays the host's: the worker gets a copy (structured clone), never the original buffer.
  return run({ kind: 'write', input, specs }) as Promise<Uint8Array>;
}
