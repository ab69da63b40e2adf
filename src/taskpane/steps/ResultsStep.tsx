/**
 * Step 4: what the generation produced — headline counts, a pupil search that explains each
 * placement, the groups per level and slot, the pupils not placed, the indicators and the export.
 */
import { Button, Caption1, makeStyles, tokens } from '@fluentui/react-components';
import { compareLevels } from '../../core/levels';
import type { Generation } from '../../core/pipeline';
import { DiagnosticList } from '../components/DiagnosticList';
import { Section } from '../components/Section';
import { GroupsView } from '../results/GroupsView';
import { IndicatorsPanel } from '../results/IndicatorsPanel';
import { PupilSearch } from '../results/PupilSearch';
import { RectoratExport } from '../results/RectoratExport';
import { GroupsCsvExport } from '../results/GroupsCsvExport';
import type { Pilote } from '../usePilote';
import { compareNatural, plural } from '../format';

const useStyles = makeStyles({
  stats: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))', gap: tokens.spacingHorizontalS, margin: 0 },
  stat: {
    display: 'flex',
    flexDirection: 'column-reverse',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  statLink: { cursor: 'pointer', ':hover': { backgroundColor: tokens.colorNeutralBackground3Hover } },
  statButton: {
    font: 'inherit',
    color: tokens.colorBrandForegroundLink,
    textDecorationLine: 'underline',
    background: 'none',
    border: 'none',
    padding: 0,
    cursor: 'pointer',
    ':focus-visible': { outline: `2px solid ${tokens.colorStrokeFocus2}`, outlineOffset: '2px' },
  },
  statValue: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  statLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
});

const DIAGNOSTICS_ID = 'resultats-diagnostics';

/** Bring the diagnostics into view and give them the focus (the tiles that count them lead there). */
function showDiagnostics(): void {
  const section = document.getElementById(DIAGNOSTICS_ID);
  section?.scrollIntoView({ block: 'start' });
  section?.focus();
}

function Stats({ generation }: { generation: Generation }) {
  const styles = useStyles();
  const s = generation.summary;
  const items: { count: number; singular: string; plural: string; leadsToDiagnostics?: boolean }[] = [
    { count: s.pupilsRead, singular: 'élève lu', plural: 'élèves lus' },
    { count: s.pupilsPlaced, singular: 'placé', plural: 'placés' },
    { count: s.unassigned, singular: 'sans atelier', plural: 'sans atelier' },
    { count: s.groups, singular: 'groupe', plural: 'groupes' },
    { count: s.errors, singular: 'erreur', plural: 'erreurs', leadsToDiagnostics: true },
    { count: s.warnings, singular: 'avertissement', plural: 'avertissements', leadsToDiagnostics: true },
  ];
  return (
    <dl className={styles.stats}>
      {items.map((item) => {
        const label = plural(item.count, item.singular, item.plural).replace(/^\S+ /, '');
        const leads = item.leadsToDiagnostics && item.count > 0;
        return (
          // The whole tile answers a click; its number is the button for the keyboard and screen readers.
          <div key={item.singular} className={leads ? `${styles.stat} ${styles.statLink}` : styles.stat} onClick={leads ? showDiagnostics : undefined}>
            <dt className={styles.statLabel}>{label}</dt>
            <dd className={styles.statValue}>
              {leads ? (
                <button type="button" className={styles.statButton} aria-label={`${item.count} ${label} : voir le détail`} onClick={(event) => (event.stopPropagation(), showDiagnostics())}>
                  {item.count}
                </button>
              ) : (
                item.count
              )}
            </dd>
          </div>
        );
      })}
    </dl>
  );
}

function UnassignedList({ generation }: { generation: Generation }) {
  const styles = useStyles();
  const pupils = new Map(generation.analysis.read.pupils.map((p) => [p.id, p]));
  const rows = generation.plan.unassigned
    .map((u) => ({ ...u, pupil: pupils.get(u.pupilId) }))
    .sort((a, b) => compareLevels(a.pupil?.level ?? '', b.pupil?.level ?? '') || compareNatural(a.pupil?.displayName ?? '', b.pupil?.displayName ?? ''));
  if (rows.length === 0) return <p>Tous les élèves ont un atelier.</p>;
  return (
    <ul className={styles.list}>
      {rows.map((row, i) => (
        <li key={`${row.pupilId}-${i}`}>
          <span className={styles.name}>{row.pupil?.displayName ?? row.pupilId}</span>{' '}
          <span className={styles.muted}>
            ({row.pupil?.className}
            {row.slotId ? `, ${row.slotId}` : ''})
          </span>{' '}
          : {row.reason}
        </li>
      ))}
    </ul>
  );
}

export function ResultsStep({ pilote, onGoGenerate }: { pilote: Pilote; onGoGenerate(): void }) {
  const styles = useStyles();
  const { generation } = pilote;
  if (!generation) {
    return (
      <Section title="Pas encore de résultats">
        <p>Les groupes apparaîtront ici après la génération.</p>
        <Button appearance="primary" onClick={onGoGenerate}>
          Aller à « Générer »
        </Button>
      </Section>
    );
  }
  const counted = generation.diagnostics.filter((d) => d.severity !== 'info');
  return (
    <>
      <Section title={`Cycle ${generation.analysis.settings.general.cycle} : résumé`}>
        <Stats generation={generation} />
      </Section>
      <Section title="Trouver un élève">
        <PupilSearch generation={generation} />
      </Section>
      <Section title="Groupes par niveau et barrette">
        <GroupsView generation={generation} />
        <GroupsCsvExport pilote={pilote} generation={generation} />
      </Section>
      <Section title={`Élèves sans atelier (${generation.plan.unassigned.length})`}>
        <UnassignedList generation={generation} />
      </Section>
      <Section id={DIAGNOSTICS_ID} title={`Erreurs et avertissements (${counted.length})`}>
        {generation.diagnostics.length > 0 ? (
          <DiagnosticList diagnostics={generation.diagnostics} sheetNames={pilote.sheetNames} onShow={pilote.showCell} />
        ) : (
          <p>Aucune remarque : tout a été lu et placé sans difficulté.</p>
        )}
      </Section>
      <Section title="Indicateurs">
        <IndicatorsPanel generation={generation} exportAction={<RectoratExport pilote={pilote} generation={generation} />} />
        <Caption1 className={styles.muted}>Le détail est dans la feuille « AP Indicateurs » quand elle est générée.</Caption1>
      </Section>
    </>
  );
}
