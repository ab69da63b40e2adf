/**
 * The establishment's own values (letter codes of a Pronote setting, « AQ »…) and the level each one
 * stands for, edited in the pane and saved with the mapping in « AP Correspondances » (section
 * « Valeurs ajoutées »), so that every later reading knows them.
 */
import { useState } from 'react';
import { Button, Caption1, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { MasteryLevel } from '../../core/model';
import type { ExtraValue } from '../../core/read/mapping';
import { MASTERY_LEVEL_LABELS } from '../../core/read/mapping';

const NOT_ASSESSED = 'non évalué';
const LEVEL_CHOICES: [string, MasteryLevel | null][] = [
  ...(Object.entries(MASTERY_LEVEL_LABELS).map(([level, label]) => [label, Number(level) as MasteryLevel]) as [string, MasteryLevel][]),
  [NOT_ASSESSED, null],
];

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalXS },
  row: { display: 'flex', flexWrap: 'wrap', alignItems: 'end', gap: tokens.spacingHorizontalS },
  muted: { color: tokens.colorNeutralForeground2 },
});

function labelOf(level: MasteryLevel | null): string {
  return level === null ? NOT_ASSESSED : MASTERY_LEVEL_LABELS[level];
}

function levelOf(label: string): MasteryLevel | null {
  return LEVEL_CHOICES.find(([text]) => text === label)?.[1] ?? null;
}

export function ScaleValues({ values, onChange }: { values: ExtraValue[]; onChange: (values: ExtraValue[]) => void }) {
  const styles = useStyles();
  const [text, setText] = useState('');
  const [level, setLevel] = useState<MasteryLevel | null>(3);
  const known = values.some((v) => v.text.trim().toLowerCase() === text.trim().toLowerCase());
  return (
    <section aria-label="Valeurs propres à l’établissement">
      <Caption1 className={styles.muted}>
        Valeurs propres à l’établissement (codes lettres, « AQ »…) : chacune vaut un niveau de l’échelle ou « non évalué ».
      </Caption1>
      {values.length > 0 && (
        <ul className={styles.list}>
          {values.map((value, i) => (
            <li key={value.text} className={styles.row}>
              <span>« {value.text} »</span>
              <Select
                aria-label={`Niveau de « ${value.text} »`}
                size="small"
                value={labelOf(value.level)}
                onChange={(_, data) => onChange(values.map((v, j) => (j === i ? { ...v, level: levelOf(data.value) } : v)))}
              >
                {LEVEL_CHOICES.map(([label]) => (
                  <option key={label} value={label}>
                    {label}
                  </option>
                ))}
              </Select>
              <Button size="small" onClick={() => onChange(values.filter((_, j) => j !== i))}>
                Retirer « {value.text} »
              </Button>
            </li>
          ))}
        </ul>
      )}
      <div className={styles.row}>
        <Field label="Valeur" size="small">
          <Input size="small" value={text} onChange={(_, data) => setText(data.value)} />
        </Field>
        <Field label="Niveau" size="small">
          <Select size="small" value={labelOf(level)} onChange={(_, data) => setLevel(levelOf(data.value))}>
            {LEVEL_CHOICES.map(([label]) => (
              <option key={label} value={label}>
                {label}
              </option>
            ))}
          </Select>
        </Field>
        <Button
          size="small"
          disabled={!text.trim() || known}
          onClick={() => {
            onChange([...values, { text: text.trim(), level }]);
            setText('');
          }}
        >
          Ajouter la valeur
        </Button>
      </div>
    </section>
  );
}
