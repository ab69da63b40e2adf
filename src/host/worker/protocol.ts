/**
 * Messages between the page and the engine worker (engineWorker.ts). Everything crosses by structured
 * clone: snapshots, generations and sheet specs are plain data; errors travel as their name, message
 * and diagnostics, and are rebuilt on the page's side so that the pane describes them as before.
 */
import type { WorkbookSnapshot } from '../../core/grid';
import type { AnalyseOptions, StepId } from '../../core/pipeline';
import type { SheetSpec } from '../../core/render/sheetSpec';

export type WorkerRequest =
  | { id: number; kind: 'analyse'; snapshot: WorkbookSnapshot; options: AnalyseOptions }
  | { id: number; kind: 'generate'; snapshot: WorkbookSnapshot; options: AnalyseOptions }
  | { id: number; kind: 'write'; input: Uint8Array | null; specs: SheetSpec[] }
  | { id: number; kind: 'abort' };

export interface SerializedError {
  name: string;
  message: string;
  diagnostics?: unknown[];
}

export type WorkerReply =
  | { id: number; kind: 'progress'; step: StepId; index: number; total: number }
  | { id: number; kind: 'done'; result: unknown }
  | { id: number; kind: 'failed'; error: SerializedError };

export function serializeError(error: unknown): SerializedError {
  if (error instanceof Error || (typeof error === 'object' && error !== null)) {
    const e = error as { name?: unknown; message?: unknown; diagnostics?: unknown[] };
    return { name: String(e.name ?? 'Error'), message: String(e.message ?? ''), ...(e.diagnostics && { diagnostics: e.diagnostics }) };
  }
  return { name: 'Error', message: String(error) };
}

export function deserializeError(error: SerializedError): Error {
  const rebuilt = new Error(error.message);
  rebuilt.name = error.name;
  if (error.diagnostics) Object.assign(rebuilt, { diagnostics: error.diagnostics });
  return rebuilt;
}
