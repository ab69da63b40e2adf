/**
 * The engine (pipeline, planner, maybe a solver) is loaded on demand, in its own chunk, so that the
 * pane shows up before the heavy code has arrived.
 */
import { localIsoDate } from '../core/dates';
export type Engine = typeof import('./engineModule');

let loading: Promise<Engine> | undefined;

export function loadEngine(): Promise<Engine> {
  loading ??= import(/* webpackChunkName: "engine" */ './engineModule').catch((error: unknown) => {
    loading = undefined; // a failed download may succeed on the next try
    throw error;
  });
  return loading;
}

/** Today's date as the engine expects it (ISO, local time). */
export const todayIso = (): string => localIsoDate(new Date());
