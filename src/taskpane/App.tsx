/**
 * The pane: a header, the messages that matter now, and four steps as tabs.
 */
import { useCallback, useEffect, useRef, useState } from 'react';
import {
  Badge,
  Button,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Spinner,
  Tab,
  TabList,
  Text,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { ArrowDownload20Regular, ArrowSync20Regular, Dismiss20Regular, FolderOpen20Regular, Table20Regular } from '@fluentui/react-icons';
import type { PiloteHost } from '../host/host';
import type { FileHost, ViewerFocus } from '../host/fileHost';
import { SheetViewer } from './components/SheetViewer';
import { isFileHost } from './hostKind';
import { GenerateStep } from './steps/GenerateStep';
import { ParametersStep } from './steps/ParametersStep';
import { ResultsStep } from './steps/ResultsStep';
import { SourcesStep } from './steps/SourcesStep';
import { usePilote } from './usePilote';

export type StepKey = 'sources' | 'parameters' | 'generate' | 'results';

const STEPS: { key: StepKey; label: string }[] = [
  { key: 'sources', label: 'Sources' },
  { key: 'parameters', label: 'Paramètres' },
  { key: 'generate', label: 'Générer' },
  { key: 'results', label: 'Résultats' },
];

const useStyles = makeStyles({
  page: { maxWidth: '960px', margin: '0 auto', display: 'flex', flexDirection: 'column', minHeight: '100vh' },
  header: {
    display: 'flex',
    alignItems: 'center',
    flexWrap: 'wrap',
    gap: tokens.spacingHorizontalS,
    padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM}`,
    backgroundColor: tokens.colorNeutralBackground1,
  },
  title: { fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold, margin: 0, marginRight: 'auto' },
  // The welcome page said it already; at 320 px the header keeps to two lines.
  previewBadge: { '@media (max-width: 400px)': { display: 'none' } },
  nav: { backgroundColor: tokens.colorNeutralBackground1, borderBottom: `1px solid ${tokens.colorNeutralStroke2}`, overflowX: 'auto' },
  tabs: { paddingLeft: tokens.spacingHorizontalXS, paddingRight: tokens.spacingHorizontalXS },
  // At 320-400 px the header's file buttons show their icon only (the label stays for screen readers and
  // as a tooltip), so that the header keeps to two lines.
  narrowLabel: {
    '@media (max-width: 400px)': {
      position: 'absolute',
      width: '1px',
      height: '1px',
      overflow: 'hidden',
      clip: 'rect(0 0 0 0)',
      whiteSpace: 'nowrap',
    },
  },
  // Step numbers help when there is room; at 320 px the four names alone just fit.
  stepNumber: { '@media (max-width: 400px)': { display: 'none' } },
  messages: { display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS, padding: `${tokens.spacingVerticalS} ${tokens.spacingHorizontalM} 0` },
  main: { padding: tokens.spacingHorizontalM, flexGrow: 1 },
  loading: { display: 'flex', justifyContent: 'center', padding: tokens.spacingVerticalXXL },
});

/** Outside Excel: the completed workbook is downloaded, else the work stays in this browser only. */
function useDownloadCompleted(host: FileHost | undefined, pilote: ReturnType<typeof usePilote>) {
  const [downloading, setDownloading] = useState(false);
  useEffect(() => {
    if (!host) return;
    const warn = (event: BeforeUnloadEvent) => {
      if (host.hasUnsavedChanges()) event.preventDefault();
    };
    window.addEventListener('beforeunload', warn);
    return () => window.removeEventListener('beforeunload', warn);
  }, [host]);
  async function download(): Promise<void> {
    if (!host) return;
    setDownloading(true);
    try {
      const completed = await host.downloadCompleted();
      pilote.inform({ intent: 'success', text: `Classeur complété téléchargé : « ${completed.fileName} ».${completed.note ? ` ${completed.note}` : ''}` });
    } catch (error) {
      pilote.report(error);
    } finally {
      setDownloading(false);
    }
  }
  return { downloading, download };
}

export function App({ host, onOpenAnother }: { host: PiloteHost; onOpenAnother?: () => void }) {
  const styles = useStyles();
  const pilote = usePilote(host);
  const [step, setStep] = useState<StepKey>('sources');
  const [viewer, setViewer] = useState<{ open: boolean; focus?: ViewerFocus }>({ open: false });
  const missing = host.missingRequirements();
  const fileHost = isFileHost(host) ? host : undefined;
  const completed = useDownloadCompleted(fileHost, pilote);

  // Focus goes back where it was (the link or button that opened the viewer) when the viewer closes.
  const opener = useRef<HTMLElement | null>(null);
  const openViewer = useCallback((focus?: ViewerFocus) => {
    opener.current = document.activeElement instanceof HTMLElement ? document.activeElement : null;
    setViewer((v) => ({ open: true, focus: focus ?? v.focus }));
  }, []);
  const closeViewer = useCallback(() => {
    setViewer((v) => ({ ...v, open: false }));
    setTimeout(() => opener.current?.focus(), 0);
  }, []);

  useEffect(() => {
    if (!isFileHost(host)) return;
    return host.onShow(openViewer);
  }, [host, openViewer]);

  return (
    <div className={styles.page}>
      <header className={styles.header}>
        <h1 className={styles.title}>Pilote AP</h1>
        <Button
          size="small"
          appearance="subtle"
          icon={<ArrowSync20Regular />}
          disabled={pilote.loading || pilote.run.status === 'running'}
          onClick={() => void pilote.refresh()}
          title="Relire le classeur après l’avoir modifié"
        >
          Relire
        </Button>
        {fileHost && (
          <>
            <Badge className={styles.previewBadge} appearance="tint" color="informative">
              {fileHost.file.kind === 'example' ? 'Aperçu · classeur d’exemple' : fileHost.file.name}
            </Badge>
            <Button size="small" icon={<Table20Regular />} onClick={() => openViewer()} title="Voir le classeur">
              <span className={styles.narrowLabel}>Voir le classeur</span>
            </Button>
            <Button
              size="small"
              appearance={fileHost.hasUnsavedChanges() ? 'primary' : 'secondary'}
              icon={completed.downloading ? <Spinner size="tiny" /> : <ArrowDownload20Regular />}
              disabled={completed.downloading || pilote.run.status === 'running' || !fileHost.hasUnsavedChanges()}
              title={fileHost.hasUnsavedChanges() ? 'Télécharger le classeur complété' : 'Rien de nouveau à télécharger : générez les groupes ou modifiez une feuille « AP … » d’abord'}
              onClick={() => void completed.download()}
            >
              <span className={styles.narrowLabel}>Télécharger le classeur complété</span>
            </Button>
            {onOpenAnother && (
              <Button size="small" appearance="subtle" icon={<FolderOpen20Regular />} onClick={onOpenAnother} title="Ouvrir un autre classeur">
                <span className={styles.narrowLabel}>Ouvrir un autre classeur</span>
              </Button>
            )}
          </>
        )}
      </header>
      <nav className={styles.nav} aria-label="Étapes">
        <TabList className={styles.tabs} size="small" selectedValue={step} onTabSelect={(_, data) => setStep(data.value as StepKey)}>
          {STEPS.map((s, i) => (
            <Tab key={s.key} value={s.key} id={`tab-${s.key}`}>
              <span className={styles.stepNumber}>{i + 1}. </span>
              {s.label}
            </Tab>
          ))}
        </TabList>
      </nav>

      <div className={styles.messages} aria-live="polite">
        {missing.length > 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Version d’Excel trop ancienne pour certaines fonctions</MessageBarTitle>
              <ul>
                {missing.map((m) => (
                  <li key={m.requirement}>{m.message}</li>
                ))}
              </ul>
              Mettez Excel à jour (Fichier &gt; Compte &gt; Options de mise à jour) ou utilisez Excel sur le web.
            </MessageBarBody>
          </MessageBar>
        )}
        {fileHost?.file.notes.map((note) => (
          <MessageBar key={note} intent="info" layout="multiline">
            <MessageBarBody>{note}</MessageBarBody>
          </MessageBar>
        ))}
        {fileHost?.hasUnsavedChanges() && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              Les feuilles « AP … » générées ou modifiées ne sont pour l’instant que dans ce navigateur : « Télécharger le classeur complété »
              les enregistre avec le reste de votre classeur.
            </MessageBarBody>
          </MessageBar>
        )}
        {pilote.stale && pilote.run.status !== 'running' && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Paramètres modifiés : générez de nouveau</MessageBarTitle>
              Les résultats affichés datent d’avant la dernière modification du classeur.
            </MessageBarBody>
            <MessageBarActions>
              <Button
                size="small"
                onClick={() => {
                  setStep('generate');
                  pilote.generate();
                }}
              >
                Générer de nouveau
              </Button>
            </MessageBarActions>
          </MessageBar>
        )}
        {completed.downloading && (
          <MessageBar intent="info" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Écriture du classeur complété…</MessageBarTitle>
              <ProgressBar thickness="large" aria-label="Écriture du classeur complété" />
              La page reste utilisable pendant l’écriture.
            </MessageBarBody>
          </MessageBar>
        )}
        {pilote.problem && (
          <MessageBar intent="error" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>{pilote.problem.title}</MessageBarTitle>
              {pilote.problem.detail}
              {pilote.problem.action && (
                <>
                  {' '}
                  <strong>Que faire ?</strong> {pilote.problem.action}
                </>
              )}
            </MessageBarBody>
            <MessageBarActions
              containerAction={<Button appearance="transparent" aria-label="Fermer le message" icon={<Dismiss20Regular />} onClick={pilote.dismissProblem} />}
            />
          </MessageBar>
        )}
        {pilote.notice && (
          <MessageBar intent={pilote.notice.intent} layout="multiline">
            <MessageBarBody>{pilote.notice.text}</MessageBarBody>
            <MessageBarActions
              containerAction={<Button appearance="transparent" aria-label="Fermer le message" icon={<Dismiss20Regular />} onClick={pilote.dismissNotice} />}
            />
          </MessageBar>
        )}
      </div>

      <main className={styles.main} id={`panel-${step}`} role="tabpanel" aria-labelledby={`tab-${step}`}>
        {!pilote.analysis ? (
          <div className={styles.loading}>
            {pilote.loading ? <Spinner label="Lecture du classeur…" /> : <Text>Le classeur n’a pas pu être lu.</Text>}
          </div>
        ) : (
          <>
            {step === 'sources' && <SourcesStep pilote={pilote} analysis={pilote.analysis} />}
            {step === 'parameters' && <ParametersStep pilote={pilote} analysis={pilote.analysis} />}
            {step === 'generate' && <GenerateStep pilote={pilote} analysis={pilote.analysis} onSeeResults={() => setStep('results')} />}
            {step === 'results' && <ResultsStep pilote={pilote} onGoGenerate={() => setStep('generate')} />}
          </>
        )}
      </main>

      {fileHost && (
        <SheetViewer
          open={viewer.open}
          focus={viewer.focus}
          title={fileHost.file.kind === 'example' ? 'Classeur d’exemple' : fileHost.file.name}
          load={fileHost.gateway.current}
          editable={fileHost.isEditable}
          onEdit={(sheet, cell, value) => pilote.writeCell(sheet, cell, value, `Valeur enregistrée : ${value === '' ? '(vide)' : value}`)}
          onClose={closeViewer}
          onSheetChange={(sheet) => setViewer({ open: true, focus: { sheet } })}
        />
      )}
    </div>
  );
}
