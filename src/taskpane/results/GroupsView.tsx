/**
 * Groups of one level, slot by slot: each group with its workshop, teacher, size against cap, the
 * need its pupils share, and the pupils themselves.
 */
import { useState } from 'react';
import {
  Accordion,
  AccordionHeader,
  AccordionItem,
  AccordionPanel,
  Badge,
  Caption1,
  Field,
  Select,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { compareLevels } from '../../core/levels';
import type { Group, Pupil } from '../../core/model';
import type { Generation } from '../../core/pipeline';
import { KIND_LABELS } from '../../core/settings/settings';
import { compareNatural } from '../format';

const useStyles = makeStyles({
  slotTitle: { fontSize: tokens.fontSizeBase300, fontWeight: tokens.fontWeightSemibold, margin: `${tokens.spacingVerticalM} 0 ${tokens.spacingVerticalXS}` },
  header: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', columnGap: tokens.spacingHorizontalS, rowGap: '2px', textAlign: 'left' },
  workshop: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  pupils: { margin: `${tokens.spacingVerticalXS} 0 0`, paddingLeft: tokens.spacingHorizontalL, columns: '2 220px', columnGap: tokens.spacingHorizontalL },
  shared: { margin: 0 },
  levelField: { maxWidth: '240px' },
});

function GroupItem({ group, pupils }: { group: Group; pupils: Map<string, Pupil> }) {
  const styles = useStyles();
  const size = group.pupilIds.length;
  const names = group.pupilIds.map((id) => pupils.get(id)).filter((p): p is Pupil => Boolean(p));
  names.sort((a, b) => compareNatural(a.displayName, b.displayName));
  return (
    <AccordionItem value={group.id}>
      <AccordionHeader>
        <span className={styles.header}>
          <span className={styles.workshop}>{group.workshopTypeId}</span>
          <span className={styles.muted}>{group.teacher}</span>
          <Badge appearance="tint" color={size > group.capacity ? 'danger' : size < group.minSize ? 'warning' : 'brand'}>
            {size}/{group.capacity}
          </Badge>
        </span>
      </AccordionHeader>
      <AccordionPanel>
        <p className={styles.shared}>
          <Caption1 className={styles.muted}>{KIND_LABELS[group.kind]} · groupe {group.id}</Caption1>
          <br />
          {group.sharedNeed}
        </p>
        <ul className={styles.pupils} aria-label={`Élèves du groupe ${group.id}`}>
          {names.map((p) => (
            <li key={p.id}>
              {p.displayName} <span className={styles.muted}>({p.className})</span>
            </li>
          ))}
        </ul>
      </AccordionPanel>
    </AccordionItem>
  );
}

export function GroupsView({ generation }: { generation: Generation }) {
  const styles = useStyles();
  const levels = [...new Set(generation.plan.groups.map((g) => g.level))].sort(compareLevels);
  const [level, setLevel] = useState(levels[0] ?? '');
  const pupils = new Map(generation.analysis.read.pupils.map((p) => [p.id, p]));
  const shownLevel = levels.includes(level) ? level : (levels[0] ?? '');
  const groups = generation.plan.groups.filter((g) => g.level === shownLevel);
  const slots = [...new Set(groups.map((g) => g.slotId))];

  if (levels.length === 0) return <p>Aucun groupe n’a été formé.</p>;
  return (
    <>
      <Field label="Niveau" className={styles.levelField}>
        <Select value={shownLevel} onChange={(_, data) => setLevel(data.value)}>
          {levels.map((l) => (
            <option key={l} value={l}>
              {l} ({generation.plan.groups.filter((g) => g.level === l).length} groupes)
            </option>
          ))}
        </Select>
      </Field>
      {slots.map((slot) => (
        <div key={slot}>
          <h3 className={styles.slotTitle}>Barrette {slot}</h3>
          <Accordion multiple collapsible>
            {groups
              .filter((g) => g.slotId === slot)
              .map((group) => (
                <GroupItem key={group.id} group={group} pupils={pupils} />
              ))}
          </Accordion>
        </div>
      ))}
    </>
  );
}
