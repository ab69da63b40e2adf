/**
 * Find a pupil by name and see why they are where they are: their workshop in each slot with the
 * planner's reason, or why they could not be placed, and their strongest needs with the reasons.
 */
import { useMemo, useState } from 'react';
import { Button, Caption1, Field, SearchBox, makeStyles, tokens } from '@fluentui/react-components';
import type { Pupil } from '../../core/model';
import type { Generation } from '../../core/pipeline';
import { KIND_LABELS } from '../../core/settings/settings';
import { frenchNumber, normalizeText } from '../../core/text';
import { compareNatural } from '../format';

const MAX_MATCHES = 8;
const TOP_NEEDS = 3;

const useStyles = makeStyles({
  matches: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  card: {
    borderLeft: `3px solid ${tokens.colorBrandStroke1}`,
    paddingLeft: tokens.spacingHorizontalM,
    display: 'flex',
    flexDirection: 'column',
    gap: tokens.spacingVerticalXS,
  },
  name: { fontSize: tokens.fontSizeBase400, fontWeight: tokens.fontWeightSemibold, margin: 0 },
  muted: { color: tokens.colorNeutralForeground2 },
  list: { margin: 0, paddingLeft: tokens.spacingHorizontalL, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  label: { fontWeight: tokens.fontWeightSemibold },
  warning: { color: tokens.colorPaletteRedForeground1 },
});

function PupilCard({ pupil, generation }: { pupil: Pupil; generation: Generation }) {
  const styles = useStyles();
  const groups = new Map(generation.plan.groups.map((g) => [g.id, g]));
  const assignments = generation.plan.assignments.filter((a) => a.pupilId === pupil.id);
  const unassigned = generation.plan.unassigned.filter((u) => u.pupilId === pupil.id);
  const needs = generation.needs.find((n) => n.pupilId === pupil.id)?.needs ?? [];
  const top = [...needs].sort((a, b) => b.score - a.score).slice(0, TOP_NEEDS);
  return (
    <article className={styles.card} aria-label={`Fiche de ${pupil.displayName}`}>
      <h3 className={styles.name}>{pupil.displayName}</h3>
      <Caption1 className={styles.muted}>
        {pupil.className} · {pupil.level}
      </Caption1>
      <ul className={styles.list}>
        {assignments.map((a) => {
          const group = groups.get(a.groupId);
          return (
            <li key={a.groupId}>
              <span className={styles.label}>
                {a.slotId} : {group?.workshopTypeId ?? a.groupId}
                {group ? ` avec ${group.teacher}` : ''}
                {a.locked ? ' (verrouillé)' : ''}
              </span>
              <br />
              {a.reason}
            </li>
          );
        })}
        {unassigned.map((u, i) => (
          <li key={`u${i}`} className={styles.warning}>
            <span className={styles.label}>{u.slotId ? `${u.slotId} : sans atelier` : 'Sans atelier'}</span>
            <br />
            {u.reason}
          </li>
        ))}
      </ul>
      {top.length > 0 && (
        <>
          <Caption1 className={styles.label}>Besoins les plus forts</Caption1>
          <ul className={styles.list}>
            {top.map((need) => (
              <li key={need.key}>
                {KIND_LABELS[need.kind]}
                {need.discipline ? ` ${need.discipline}` : ''} ({frenchNumber(need.score)}){need.reasons.length ? ` : ${need.reasons.join(' ; ')}` : ''}
              </li>
            ))}
          </ul>
        </>
      )}
    </article>
  );
}

export function PupilSearch({ generation }: { generation: Generation }) {
  const styles = useStyles();
  const [query, setQuery] = useState('');
  const [chosen, setChosen] = useState<string>();
  const pupils = generation.analysis.read.pupils;

  const matches = useMemo(() => {
    const words = normalizeText(query).split(' ').filter(Boolean);
    if (!words.length) return [];
    return pupils
      .filter((p) => {
        const name = normalizeText(`${p.lastName} ${p.firstName} ${p.className}`);
        return words.every((w) => name.includes(w));
      })
      .sort((a, b) => compareNatural(a.displayName, b.displayName));
  }, [query, pupils]);

  const selected = matches.length === 1 ? matches[0] : matches.find((p) => p.id === chosen);

  return (
    <>
      <Field label="Nom de l’élève" hint="Nom, prénom ou classe, par exemple « Martin 2MRC »">
        <SearchBox
          value={query}
          onChange={(_, data) => {
            setQuery(data.value);
            setChosen(undefined);
          }}
        />
      </Field>
      <div aria-live="polite">
        {query.trim() !== '' && matches.length === 0 && <p>Aucun élève ne correspond.</p>}
        {matches.length > 1 && (
          <Caption1 className={styles.muted}>
            {matches.length} élèves correspondent{matches.length > MAX_MATCHES ? ` (les ${MAX_MATCHES} premiers)` : ''} : choisissez.
          </Caption1>
        )}
      </div>
      {matches.length > 1 && (
        <ul className={styles.matches}>
          {matches.slice(0, MAX_MATCHES).map((p) => (
            <li key={p.id}>
              <Button size="small" appearance={p.id === chosen ? 'primary' : 'secondary'} aria-pressed={p.id === chosen} onClick={() => setChosen(p.id)}>
                {p.displayName} ({p.className})
              </Button>
            </li>
          ))}
        </ul>
      )}
      {selected && <PupilCard pupil={selected} generation={generation} />}
    </>
  );
}
