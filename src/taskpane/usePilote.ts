/**
 * The pane's state and actions: analyse the workbook, edit a parameter, generate (with cancel),
 * and turn every failure into a French message. Components receive plain data and functions.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import type { Analysis, Generation } from '../core/pipeline';
import type { WorkbookSnapshot } from '../core/grid';
import { WAITING_FOR_EXCEL_MESSAGE, type PiloteHost } from '../host/host';
import { addClassListFile, describeAddedClassList, type AddedClassList } from './sources/classListFile';
import { analyseInWorker, generateInWorker } from '../host/worker/engineClient';
import { loadEngine, todayIso } from './engine';
import { describeError, isAbort, type ProblemText } from './errors';
import { runGeneration, type RunStep } from './runGeneration';

export type RunState =
  | { status: 'idle' }
  | { status: 'running'; step: RunStep; index: number; total: number }
  | { status: 'done' }
  | { status: 'cancelled' };

export interface Notice {
  intent: 'success' | 'info';
  text: string;
}

export interface Pilote {
  host: PiloteHost;
  loading: boolean;
  analysis?: Analysis;
  /** The workbook as last read, and its sheet names. */
  snapshot?: WorkbookSnapshot;
  sheetNames: string[];
  generation?: Generation;
  /** The workbook changed (a parameter, a sheet, a class list) since the results shown were generated. */
  stale: boolean;
  run: RunState;
  /** Labels of the pipeline's steps once the engine is loaded. */
  stepLabels: Record<string, string>;
  problem?: ProblemText;
  notice?: Notice;
  /** Show an error from a component's own action. */
  report(error: unknown): void;
  /** Show the outcome of a component's own action. */
  inform(notice: Notice): void;
  dismissProblem(): void;
  dismissNotice(): void;
  refresh(): Promise<void>;
  generate(): void;
  cancel(): void;
  /** Write a value into a parameter cell, then re-read the workbook. Resolves to true on success. */
  writeCell(sheet: string, cell: string, value: string | number, what: string): Promise<boolean>;
  /** Write sheets produced by the engine (e.g. default parameter sheets), then re-read. */
  writeSheets(sheets: Generation['sheets'], what: string): Promise<boolean>;
  /** Copy the sheets of another file (a class list) into the workbook, then re-read; true on success. */
  addClassList(bytes: Uint8Array, fileName: string): Promise<boolean>;
  showCell(sheet: string, cell: string): void;
  openSheet(sheet: string): void;
  /** « Annuler la dernière génération », where the host can (Excel); resolves to true on success. */
  undoLastGeneration?(): Promise<boolean>;
}

export function usePilote(host: PiloteHost): Pilote {
  const [loading, setLoading] = useState(true);
  const [analysis, setAnalysis] = useState<Analysis>();
  const [snapshot, setSnapshot] = useState<WorkbookSnapshot>();
  const [generation, setGeneration] = useState<Generation>();
  const [stale, setStale] = useState(false);
  const [run, setRun] = useState<RunState>({ status: 'idle' });
  const [stepLabels, setStepLabels] = useState<Record<string, string>>({});
  const [problem, setProblem] = useState<ProblemText>();
  const [notice, setNotice] = useState<Notice>();
  const abortRef = useRef<AbortController>();

  const fail = useCallback((error: unknown) => setProblem(describeError(error)), []);

  const analyseSnapshot = useCallback(async (snapshot: WorkbookSnapshot) => {
    const engine = await loadEngine();
    setStepLabels({ ...engine.STEP_LABELS, write: 'Écriture dans le classeur' });
    setSnapshot(snapshot);
    // Off the page's thread: a large school's analysis would otherwise freeze the page.
    const result = await analyseInWorker(snapshot, { today: todayIso() });
    setAnalysis(result);
    return result;
  }, []);

  const refresh = useCallback(async () => {
    setLoading(true);
    try {
      await analyseSnapshot(await host.gateway.readSnapshot());
    } catch (error) {
      fail(error);
    } finally {
      setLoading(false);
    }
  }, [host, analyseSnapshot, fail]);

  useEffect(() => {
    void refresh();
  }, [refresh]);

  // Excel keeps a write waiting while the user edits a cell: say so, and take the notice back after.
  useEffect(
    () =>
      host.onWaitingForExcel?.((waiting) =>
        setNotice((current) => (waiting ? { intent: 'info', text: WAITING_FOR_EXCEL_MESSAGE } : current?.text === WAITING_FOR_EXCEL_MESSAGE ? undefined : current)),
      ),
    [host],
  );

  const generate = useCallback(() => {
    if (abortRef.current) return;
    const controller = new AbortController();
    abortRef.current = controller;
    setProblem(undefined);
    setNotice(undefined);
    setRun({ status: 'running', step: 'read', index: 0, total: 1 });
    void (async () => {
      try {
        const engine = await loadEngine();
        const { generation: result, written } = await runGeneration(host, { STEP_LABELS: engine.STEP_LABELS, generate: generateInWorker }, {
          today: todayIso(),
          signal: controller.signal,
          onStep: (step, index, total) => setRun({ status: 'running', step, index, total }),
        });
        setGeneration(result);
        setStale(false);
        setRun({ status: 'done' });
        await analyseSnapshot(written);
      } catch (error) {
        if (isAbort(error)) setRun({ status: 'cancelled' });
        else {
          setRun({ status: 'idle' });
          fail(error);
        }
      } finally {
        abortRef.current = undefined;
      }
    })();
  }, [host, analyseSnapshot, fail]);

  const cancel = useCallback(() => abortRef.current?.abort(), []);

  /** Change the workbook, then analyse it again so that the pane shows what it now says. */
  const writeThenReanalyse = useCallback(
    async (write: () => Promise<void>, done: string | ((analysis: Analysis) => string)) => {
      try {
        await write();
        setStale(true);
        const result = await analyseSnapshot(await host.gateway.readSnapshot());
        setNotice({ intent: 'success', text: typeof done === 'string' ? done : done(result) });
        return true;
      } catch (error) {
        fail(error);
        return false;
      }
    },
    [host, analyseSnapshot, fail],
  );

  const writeCell = useCallback(
    (sheet: string, cell: string, value: string | number, what: string) =>
      writeThenReanalyse(() => host.setCellValue(sheet, cell, value), `${what} (cellule ${cell} de « ${sheet} »).`),
    [host, writeThenReanalyse],
  );

  const writeSheets = useCallback(
    (sheets: Generation['sheets'], what: string) => writeThenReanalyse(() => host.gateway.writeSheets(sheets), what),
    [host, writeThenReanalyse],
  );

  const addClassList = useCallback(
    (bytes: Uint8Array, fileName: string) => {
      let added: AddedClassList = { sheets: [], removedColumns: [] };
      return writeThenReanalyse(
        async () => void (added = await addClassListFile(host, bytes, fileName)),
        (result) => describeAddedClassList(added, result),
      );
    },
    [host, writeThenReanalyse],
  );

  // A diagnostic about a whole sheet has no cell: bring the sheet forward instead.
  const showCell = useCallback(
    (sheet: string, cell: string) => void (cell ? host.selectCell(sheet, cell) : host.activateSheet(sheet)).catch(fail),
    [host, fail],
  );
  const openSheet = useCallback((sheet: string) => void host.activateSheet(sheet).catch(fail), [host, fail]);

  const undoLastGeneration = useCallback(async () => {
    const undone = await host.undoLastGeneration?.().catch((error: unknown) => void fail(error));
    if (!undone) return false;
    setGeneration(undefined);
    setStale(false);
    setRun({ status: 'idle' });
    return writeThenReanalyse(async () => undefined, `Dernière génération annulée : ${undone.join(', ')} remis comme avant.`);
  }, [host, fail, writeThenReanalyse]);

  return {
    host,
    loading,
    analysis,
    snapshot,
    sheetNames: snapshot ? snapshot.grids.map((grid) => grid.sheet) : [],
    generation,
    stale: stale && generation !== undefined,
    run,
    stepLabels,
    problem,
    notice,
    report: fail,
    inform: setNotice,
    dismissProblem: () => setProblem(undefined),
    dismissNotice: () => setNotice(undefined),
    refresh,
    generate,
    cancel,
    writeCell,
    writeSheets,
    addClassList,
    showCell,
    openSheet,
    ...(host.undoLastGeneration && { undoLastGeneration }),
  };
}
