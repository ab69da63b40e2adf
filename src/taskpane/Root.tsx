/**
 * Chooses the host: Excel when the pane runs inside it, else the preview with the example workbook
 * (after the coordinator asks for it). Both hosts load on demand so that the first paint is quick.
 */
import { useEffect, useState } from 'react';
import { FluentProvider, Spinner, makeStaticStyles, makeStyles, tokens, webLightTheme } from '@fluentui/react-components';
import type { PiloteHost } from '../host/host';
import { App } from './App';
import { describeError, type ProblemText } from './errors';
import { Welcome } from './Welcome';

type Phase = { name: 'detecting' } | { name: 'welcome'; problem?: ProblemText } | { name: 'app'; host: PiloteHost };

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

  async function startPreview(): Promise<void> {
    try {
      const { createPreviewHost } = await import(/* webpackChunkName: "preview-host" */ '../host/previewHost');
      setPhase({ name: 'app', host: createPreviewHost() });
    } catch (error) {
      setPhase({ name: 'welcome', problem: describeError(error) });
    }
  }

  return (
    <FluentProvider theme={webLightTheme} className={styles.provider} lang="fr">
      {phase.name === 'detecting' && (
        <main className={styles.center}>
          <Spinner label="Chargement de Pilote AP…" />
        </main>
      )}
      {phase.name === 'welcome' && <Welcome problem={phase.problem} onStart={startPreview} />}
      {phase.name === 'app' && <App host={phase.host} />}
    </FluentProvider>
  );
}
