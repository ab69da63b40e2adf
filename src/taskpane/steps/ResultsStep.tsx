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

const useStyles = makeStyles({
  stats: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(88px, 1fr))', gap: tokens.spacingHorizontalS, margin: 0 },
  stat: {
    display: 'flex',
    flexDirection: 'column-reverse',
    padding: tokens.spacingHorizontalS,
    borderRadius: tokens.borderRadiusMedium,
    backgroundColor: tokens.colorNeutralBackground3,
  },
  statValue: { margin: 0, fontSize: tokens.fontSizeBase500, fontWeight: tokens.fontWeightSemibold },
  statLabel: { color: tokens.colorNeutralForeground2, fontSize: tokens.fontSizeBase200 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
});

function Stats({ generation }: { generation: Generation }) {
  const styles = useStyles();
  const s = generation.summary;
  const items: [string, number][] = [
    ['élèves lus', s.pupilsRead],
    ['placés', s.pupilsPlaced],
    ['sans atelier', s.unassigned],
    ['groupes', s.groups],
    ['erreurs', s.errors],
    ['avertissements', s.warnings],
  ];
  return (
    <dl className={styles.stats}>
      {items.map(([label, value]) => (
        <div key={label} className={styles.stat}>
          <dt className={styles.statLabel}>{label}</dt>
          <dd className={styles.statValue}>{value}</dd>
        </div>
      ))}
    </dl>
  );
}

function UnassignedList({ generation }: { generation: Generation }) {
  const styles = useStyles();
  const pupils = new Map(generation.analysis.read.pupils.map((p) => [p.id, p]));
  const rows = generation.plan.unassigned
    .map((u) => ({ ...u, pupil: pupils.get(u.pupilId) }))
    .sort((a, b) => compareLevels(a.pupil?.level ?? '', b.pupil?.level ?? '') || (a.pupil?.displayName ?? '').localeCompare(b.pupil?.displayName ?? '', 'fr'));
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
  const generationOnly = generation.diagnostics.filter((d) => !generation.analysis.diagnostics.includes(d));
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
      {generationOnly.length > 0 && (
        <Section title={`Remarques de la génération (${generationOnly.length})`}>
          <DiagnosticList diagnostics={generationOnly} sheetNames={pilote.sheetNames} onShow={pilote.showCell} />
        </Section>
      )}
      <Section title="Indicateurs">
        <IndicatorsPanel generation={generation} exportAction={<RectoratExport pilote={pilote} generation={generation} />} />
        <Caption1 className={styles.muted}>Le détail est dans la feuille « AP Indicateurs » quand elle est générée.</Caption1>
      </Section>
    </>
  );
}
