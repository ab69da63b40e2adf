/**
 * Step 3: one button, a progress bar with named steps, and a cancel that leaves the workbook as it
 * was when pressed before the writing starts.
 */
import {
  Button,
  Caption1,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  ProgressBar,
  Field,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { CheckmarkCircle16Filled, Circle16Regular, ArrowCircleRight16Filled, Play20Filled, Dismiss20Regular } from '@fluentui/react-icons';
import { formatDiagnostic } from '../../core/diagnostics';
import type { Analysis } from '../../core/pipeline';
import { isReadingCheck } from '../../core/read';
import { Section } from '../components/Section';
import type { Pilote } from '../usePilote';
import { plural } from '../format';

const useStyles = makeStyles({
  facts: { margin: 0, display: 'grid', gridTemplateColumns: 'auto 1fr', columnGap: tokens.spacingHorizontalM, rowGap: '2px' },
  term: { color: tokens.colorNeutralForeground2 },
  value: { margin: 0, fontWeight: tokens.fontWeightSemibold },
  buttons: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  steps: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: '2px' },
  step: { display: 'flex', alignItems: 'center', gap: tokens.spacingHorizontalS, color: tokens.colorNeutralForeground3 },
  current: { color: tokens.colorNeutralForeground1, fontWeight: tokens.fontWeightSemibold },
  done: { color: tokens.colorNeutralForeground1 },
  doneIcon: { color: tokens.colorPaletteGreenForeground1 },
  currentIcon: { color: tokens.colorBrandForeground1 },
  muted: { color: tokens.colorNeutralForeground2 },
});

export function GenerateStep({ pilote, analysis, onSeeResults }: { pilote: Pilote; analysis: Analysis; onSeeResults(): void }) {
  const styles = useStyles();
  const { run } = pilote;
  const running = run.status === 'running';
  const writing = running && run.step === 'write';
  const stepKeys = Object.keys(pilote.stepLabels);
  const currentIndex = running ? stepKeys.indexOf(run.step) : -1;
  const errors = analysis.diagnostics.filter((d) => d.severity === 'error').length;
  const summary = pilote.generation?.summary;
  const doubts = analysis.diagnostics.filter(isReadingCheck);

  return (
    <>
      <Section title={`Générer les groupes du cycle ${analysis.settings.general.cycle}`}>
        <dl className={styles.facts}>
          <dt className={styles.term}>Élèves lus</dt>
          <dd className={styles.value}>{analysis.read.pupils.length}</dd>
          <dt className={styles.term}>Barrettes</dt>
          <dd className={styles.value}>{analysis.settings.slots.length}</dd>
          <dt className={styles.term}>Intervenants</dt>
          <dd className={styles.value}>{analysis.settings.teachers.length}</dd>
          <dt className={styles.term}>Erreurs de lecture</dt>
          <dd className={styles.value}>{errors}</dd>
        </dl>
        <Caption1 className={styles.muted}>
          Les groupes sont écrits dans « AP Groupes » ; vos propres feuilles ne sont jamais modifiées.
        </Caption1>
        {doubts.length > 0 && (
          <MessageBar intent="warning" layout="multiline">
            <MessageBarBody>
              <MessageBarTitle>Vérifiez la lecture</MessageBarTitle>
              {doubts.length} signe{doubts.length > 1 ? 's' : ''} de lecture douteuse : les groupes seraient formés sur des données peut-être mal lues.
              Corrigez dans « AP Correspondances » (étape Sources) avant de générer.
              <ul>
                {doubts.slice(0, 5).map((d) => (
                  <li key={formatDiagnostic(d)}>{formatDiagnostic(d).replace('Vérifiez la lecture : ', '')}</li>
                ))}
              </ul>
            </MessageBarBody>
          </MessageBar>
        )}
        <div className={styles.buttons}>
          <Button appearance="primary" icon={<Play20Filled />} disabled={running} onClick={pilote.generate}>
            Générer
          </Button>
          <Button icon={<Dismiss20Regular />} disabled={!running || writing} onClick={pilote.cancel}>
            Annuler
          </Button>
        </div>
      </Section>

      {running && (
        <Section title="Progression">
          <Field
            validationState="none"
            validationMessage={writing ? 'Écriture en cours : l’annulation n’est plus possible.' : `Étape ${run.index + 1} sur ${run.total}`}
          >
            <ProgressBar value={(run.index + 0.5) / run.total} thickness="large" aria-label="Progression de la génération" />
          </Field>
          <ol className={styles.steps} aria-label="Étapes de la génération">
            {stepKeys.map((key, i) => {
              const state = i < currentIndex ? 'done' : i === currentIndex ? 'current' : 'pending';
              return (
                <li key={key} className={`${styles.step} ${state === 'done' ? styles.done : state === 'current' ? styles.current : ''}`}>
                  {state === 'done' && <CheckmarkCircle16Filled className={styles.doneIcon} aria-label="terminé" role="img" />}
                  {state === 'current' && <ArrowCircleRight16Filled className={styles.currentIcon} aria-label="en cours" role="img" />}
                  {state === 'pending' && <Circle16Regular aria-label="à venir" role="img" />}
                  {pilote.stepLabels[key]}
                </li>
              );
            })}
          </ol>
        </Section>
      )}

      {run.status === 'cancelled' && (
        <MessageBar intent="info">
          <MessageBarBody>Génération annulée : le classeur n’a pas été modifié.</MessageBarBody>
        </MessageBar>
      )}

      {run.status === 'done' && summary && (
        <MessageBar intent={summary.unassigned > 0 || summary.errors > 0 ? 'warning' : 'success'} layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Groupes générés</MessageBarTitle>
            {plural(summary.pupilsRead, 'élève lu', 'élèves lus')}, {plural(summary.pupilsPlaced, 'placé', 'placés')} dans{' '}
            {plural(summary.groups, 'groupe')}
            {summary.unassigned > 0 ? `, ${summary.unassigned} sans atelier` : ''}. {plural(summary.errors, 'erreur')} et{' '}
            {plural(summary.warnings, 'avertissement')} (détail dans Résultats).
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={onSeeResults}>
              Voir les résultats
            </Button>
            {pilote.undoLastGeneration && <Button onClick={() => void pilote.undoLastGeneration?.()}>Annuler la dernière génération</Button>}
          </MessageBarActions>
        </MessageBar>
      )}
    </>
  );
}
