/**
 * The engine worker: the pipeline (analyse, generate) and the completed-workbook writer run here, off
 * the page's main thread, so that the page keeps answering input during a large generation or download.
 * It calls the very functions the hosts call in the page; the page only talks to it (engineClient.ts).
 */
import { analyse, generate } from '../../core/pipeline';
import { writeXlsx } from '../../gateways/xlsx/xlsxGateway';
import { serializeError, type WorkerReply, type WorkerRequest } from './protocol';

const scope = self as unknown as {
  onmessage: ((event: MessageEvent<WorkerRequest>) => void) | null;
  postMessage(message: WorkerReply, transfer?: Transferable[]): void;
};
const running = new Map<number, AbortController>();

/** Let the worker's own event loop run between steps, so that an « abort » message is seen. */
const turn = () => new Promise<void>((resolve) => setTimeout(resolve, 0));

async function handle(request: Exclude<WorkerRequest, { kind: 'abort' }>, signal: AbortSignal): Promise<void> {
  if (request.kind === 'analyse') {
    scope.postMessage({ id: request.id, kind: 'done', result: analyse(request.snapshot, request.options) });
  } else if (request.kind === 'generate') {
    const generation = await generate(request.snapshot, {
      ...request.options,
      signal,
      onProgress: (step, index, total) => {
        scope.postMessage({ id: request.id, kind: 'progress', step, index, total });
        return turn();
      },
    });
    scope.postMessage({ id: request.id, kind: 'done', result: generation });
  } else {
    const bytes = await writeXlsx(request.specs, request.input ?? undefined);
    scope.postMessage({ id: request.id, kind: 'done', result: bytes }, [bytes.buffer]);
  }
}

scope.onmessage = (event) => {
  const request = event.data;
  if (request.kind === 'abort') {
    running.get(request.id)?.abort();
    return;
  }
  const controller = new AbortController();
  running.set(request.id, controller);
  handle(request, controller.signal)
    .catch((error: unknown) => scope.postMessage({ id: request.id, kind: 'failed', error: serializeError(error) }))
    .finally(() => running.delete(request.id));
};
