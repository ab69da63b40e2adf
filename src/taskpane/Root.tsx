/**
 * Chooses the host: Excel when the pane runs inside it, else the file host over a workbook the
 * coordinator opens (picker or drop anywhere on the page) or the example workbook. Both hosts load on
 * demand so that the first paint is quick.
 */
import { useCallback, useEffect, useState } from 'react';
import { FluentProvider, Spinner, makeStaticStyles, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { PiloteHost } from '../host/host';
import { App } from './App';
import { describeError, type ProblemText } from './errors';
import { isFileHost } from './hostKind';
import { Welcome } from './Welcome';

type Phase =
  | { name: 'detecting' }
  | { name: 'welcome'; problem?: ProblemText; opening?: string }
  | { name: 'app'; host: PiloteHost };

/** The pane fills the task pane's frame edge to edge, whatever the host page's defaults. */
const useGlobalStyles = makeStaticStyles({ body: { margin: 0 } });

const useStyles = makeStyles({
  provider: { minHeight: '100vh', backgroundColor: tokens.colorNeutralBackground2 },
  center: { display: 'flex', justifyContent: 'center', paddingTop: '64px' },
});

/** Timings read by the bench (scripts/bench/pane.ts). */
function mark(name: string): void {
  if (typeof performance !== 'undefined' && typeof performance.mark === 'function') performance.mark(name);
}

function loadFileHost() {
  return import(/* webpackChunkName: "file-host" */ '../host/fileHost');
}

const LEAVE_UNSAVED = 'Les feuilles générées ou modifiées ici n’ont pas été téléchargées et seront perdues. Ouvrir quand même un autre classeur ?';

function hasUnsavedWork(phase: Phase): boolean {
  return phase.name === 'app' && isFileHost(phase.host) && phase.host.hasUnsavedChanges();
}

/** Is a file being dragged (not text or a link)? */
function draggedFile(event: DragEvent): boolean {
  return Array.from(event.dataTransfer?.types ?? []).includes('Files');
}

export function Root({ inExcel }: { inExcel: Promise<boolean> }) {
  useGlobalStyles();
  const styles = useStyles();
  const [phase, setPhase] = useState<Phase>({ name: 'detecting' });

  useEffect(() => mark('pilote:first-render'), []);

  useEffect(() => {
    let live = true;
    void inExcel.then(async (excel) => {
      if (!excel) return live && setPhase({ name: 'welcome' });
      try {
        const { createOfficeHost } = await import(/* webpackChunkName: "office-host" */ '../host/officeHost');
        if (live) setPhase({ name: 'app', host: createOfficeHost() });
      } catch (error) {
        if (live) setPhase({ name: 'welcome', problem: describeError(error) });
      }
    });
    return () => {
      live = false;
    };
  }, [inExcel]);

  useEffect(() => {
    if (phase.name !== 'detecting') mark('pilote:ready');
  }, [phase.name]);

  async function startExample(): Promise<void> {
    try {
      const { createExampleHost } = await loadFileHost();
      setPhase({ name: 'app', host: createExampleHost() });
    } catch (error) {
      setPhase({ name: 'welcome', problem: describeError(error) });
    }
  }

  const openFile = useCallback(async (file: File) => {
    setPhase({ name: 'welcome', opening: file.name });
    try {
      const [{ openFileHost }, bytes] = await Promise.all([loadFileHost(), file.arrayBuffer()]);
      setPhase({ name: 'app', host: await openFileHost(new Uint8Array(bytes), file.name) });
    } catch (error) {
      setPhase({ name: 'welcome', problem: describeError(error) });
    }
  }, []);

  // Outside Excel a workbook dropped anywhere on the page is opened (after a warning if work would be lost).
  const [dragging, setDragging] = useState(false);
  const outsideExcel = phase.name === 'welcome' || (phase.name === 'app' && isFileHost(phase.host));
  useEffect(() => {
    if (!outsideExcel) return;
    const over = (event: DragEvent) => {
      if (!draggedFile(event)) return;
      event.preventDefault(); // lets the drop happen instead of the browser opening the file
      setDragging(true);
    };
    const leave = (event: DragEvent) => {
      if (event.relatedTarget === null) setDragging(false);
    };
    const drop = (event: DragEvent) => {
      if (!draggedFile(event)) return;
      event.preventDefault();
      setDragging(false);
      const file = event.dataTransfer?.files[0];
      if (file && (!hasUnsavedWork(phase) || window.confirm(LEAVE_UNSAVED))) void openFile(file);
    };
    window.addEventListener('dragover', over);
    window.addEventListener('dragleave', leave);
    window.addEventListener('drop', drop);
    return () => {
      window.removeEventListener('dragover', over);
      window.removeEventListener('dragleave', leave);
      window.removeEventListener('drop', drop);
    };
  }, [outsideExcel, phase, openFile]);

  const leaveFile = useCallback(() => {
    if (!hasUnsavedWork(phase) || window.confirm(LEAVE_UNSAVED)) setPhase({ name: 'welcome' });
  }, [phase]);

  return (
    <FluentProvider theme={webLightTheme} className={styles.provider} lang="fr">
      {phase.name === 'detecting' && (
        <main className={styles.center}>
          <Spinner label="Chargement de Pilote AP…" />
        </main>
      )}
      {phase.name === 'welcome' && (
        <Welcome problem={phase.problem} opening={phase.opening} dragging={dragging} onStart={startExample} onOpenFile={openFile} />
      )}
      {phase.name === 'app' && <App host={phase.host} onOpenAnother={isFileHost(phase.host) ? leaveFile : undefined} />}
    </FluentProvider>
  );
}
