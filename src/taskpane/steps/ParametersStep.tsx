/**
 * Step 2: the slots, teachers and workshop caps at a glance; quick edits of the cycle and of a
 * workshop's cap (written into the parameter sheets), and buttons that open those sheets.
 */
import { useState } from 'react';
import {
  Badge,
  Button,
  Caption1,
  Field,
  MessageBar,
  MessageBarActions,
  MessageBarBody,
  MessageBarTitle,
  SpinButton,
  makeStyles,
  tokens,
} from '@fluentui/react-components';
import { Open16Regular, Save16Regular } from '@fluentui/react-icons';
import { compareLevels } from '../../core/levels';
import type { WorkshopType } from '../../core/model';
import type { Analysis } from '../../core/pipeline';
import { SHEET_NAMES } from '../../core/workbook';
import { KIND_LABELS, PAY_STATUS_LABELS } from '../../core/settings/settings';
import { Section } from '../components/Section';
import { generalParameterCell } from '../parameterCells';
import type { Pilote } from '../usePilote';
import { compareNatural, plural } from '../format';

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'baseline', columnGap: tokens.spacingHorizontalS, rowGap: '2px' },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  open: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  workshop: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'end',
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    '@media (min-width: 520px)': { gridTemplateColumns: 'minmax(0, 1fr) auto', columnGap: tokens.spacingHorizontalM },
  },
  capForm: { display: 'flex', alignItems: 'end', flexWrap: 'wrap', gap: tokens.spacingHorizontalXS },
  hidden: { position: 'absolute', width: '1px', height: '1px', margin: '-1px', overflow: 'hidden', clip: 'rect(0 0 0 0)', whiteSpace: 'nowrap' },
  spin: { width: '84px' },
});

/**
 * A number edited in place and written to its cell on « Enregistrer ». `context` completes the label
 * for screen readers (e.g. the workshop's name) without repeating it on screen.
 */
function NumberEdit(props: { label: string; context?: string; value: number; min: number; max: number; onSave(value: number): Promise<boolean> }) {
  const styles = useStyles();
  const [draft, setDraft] = useState<number>(props.value);
  const [saving, setSaving] = useState(false);
  const changed = draft !== props.value;
  return (
    <form
      className={styles.capForm}
      onSubmit={(event) => {
        event.preventDefault();
        if (!changed) return;
        setSaving(true);
        void props.onSave(draft).finally(() => setSaving(false));
      }}
    >
      <Field
        label={
          <>
            {props.label}
            {props.context && <span className={styles.hidden}> ({props.context})</span>}
          </>
        }
      >
        <SpinButton
          className={styles.spin}
          value={draft}
          min={props.min}
          max={props.max}
          onChange={(_, data) => {
            const next = data.value ?? Number(String(data.displayValue ?? '').replace(',', '.'));
            if (Number.isFinite(next)) setDraft(Math.min(props.max, Math.max(props.min, Math.round(next))));
          }}
        />
      </Field>
      <Button type="submit" icon={<Save16Regular />} disabled={!changed || saving} aria-label={`Enregistrer : ${props.label}${props.context ? ` (${props.context})` : ''}`}>
        Enregistrer
      </Button>
    </form>
  );
}

function WorkshopRow({ workshop, editable, pilote }: { workshop: WorkshopType; editable: boolean; pilote: Pilote }) {
  const styles = useStyles();
  return (
    <li className={styles.workshop}>
      <div>
        <div className={styles.name}>{workshop.id}</div>
        <Caption1 className={styles.muted}>
          {KIND_LABELS[workshop.kind]}
          {workshop.discipline ? ` · ${workshop.discipline}` : ''} · effectif {workshop.minSize} à {workshop.cap}
        </Caption1>
      </div>
      {editable ? (
        <NumberEdit
          key={workshop.cap}
          label="Effectif max"
          context={workshop.id}
          value={workshop.cap}
          min={1}
          max={60}
          onSave={(cap) => pilote.writeCell(workshop.source.sheet, workshop.source.cell, cap, `Effectif max de « ${workshop.id} » passé à ${cap}`)}
        />
      ) : (
        <Badge appearance="outline">max {workshop.cap}</Badge>
      )}
    </li>
  );
}

export function ParametersStep({ pilote, analysis }: { pilote: Pilote; analysis: Analysis }) {
  const styles = useStyles();
  const { settings } = analysis;
  const exists = (sheet: string) => pilote.sheetNames.includes(sheet);
  const cycleCell = pilote.snapshot ? generalParameterCell(pilote.snapshot, 'cycle') : null;
  const openButtons = [SHEET_NAMES.parameters, SHEET_NAMES.teachers, SHEET_NAMES.workshops].filter(exists);

  return (
    <>
      {analysis.missingParameterSheets.length > 0 && (
        <MessageBar intent="info" layout="multiline">
          <MessageBarBody>
            <MessageBarTitle>Feuilles de paramètres à créer</MessageBarTitle>
            {analysis.missingParameterSheets.map((s) => `« ${s} »`).join(', ')} n’existe{analysis.missingParameterSheets.length > 1 ? 'nt' : ''} pas
            encore. Les valeurs ci-dessous sont déduites des données ; créez les feuilles pour les ajuster, sinon la génération les créera.
          </MessageBarBody>
          <MessageBarActions>
            <Button appearance="primary" onClick={() => void pilote.writeSheets(analysis.parameterSheets, 'Feuilles de paramètres créées : complétez les cellules orangées.')}>
              Créer les feuilles de paramètres
            </Button>
          </MessageBarActions>
        </MessageBar>
      )}

      {openButtons.length > 0 && (
        <Section title="Modifier dans le classeur">
          <div className={styles.open}>
            {openButtons.map((sheet) => (
              <Button key={sheet} icon={<Open16Regular />} onClick={() => pilote.openSheet(sheet)}>
                Ouvrir « {sheet} »
              </Button>
            ))}
          </div>
        </Section>
      )}

      <Section title="Cycle à générer">
        {cycleCell ? (
          <NumberEdit
            key={settings.general.cycle}
            label="Numéro du cycle"
            value={settings.general.cycle}
            min={1}
            max={12}
            onSave={(cycle) => pilote.writeCell(cycleCell.sheet, cycleCell.cell, cycle, `Cycle à générer passé à ${cycle}`)}
          />
        ) : (
          <p>
            Cycle {settings.general.cycle} (modifiable une fois « {SHEET_NAMES.parameters} » créée).
          </p>
        )}
        <Caption1 className={styles.muted}>
          Année {settings.general.schoolYear || 'non renseignée'} · {settings.general.weeksPerCycle} semaines par cycle
        </Caption1>
      </Section>

      <Section title={`Barrettes (${settings.slots.length})`}>
        {settings.slots.length === 0 && <p>Aucune barrette : ajoutez-en dans « {SHEET_NAMES.parameters} ».</p>}
        <ul className={styles.list}>
          {[...settings.slots]
            .sort((a, b) => compareLevels(a.level, b.level))
            .map((slot) => {
              const free = settings.teachers.filter((t) => t.freeSlots.includes(slot.id)).length;
              return (
                <li key={slot.id} className={styles.line}>
                  <span className={styles.name}>{slot.id}</span>
                  <span className={styles.muted}>
                    {slot.id.includes(slot.level) ? '' : `${slot.level} · `}
                    {slot.day} {slot.time} · {String(slot.durationHours).replace('.', ',')} h · {free} intervenant{free > 1 ? 's' : ''} libre{free > 1 ? 's' : ''}
                  </span>
                </li>
              );
            })}
        </ul>
      </Section>

      <Section title={`Intervenants (${settings.teachers.length})`}>
        <ul className={styles.list}>
          {[...settings.teachers].sort((a, b) => compareNatural(a.name, b.name)).map((teacher) => (
            <li key={teacher.name} className={styles.line}>
              <span className={styles.name}>{teacher.name}</span>
              <span className={styles.muted}>
                {teacher.disciplines.join(', ') || teacher.kinds.map((k) => KIND_LABELS[k]).join(', ')} · {PAY_STATUS_LABELS[teacher.payStatus]} ·{' '}
                {plural(teacher.freeSlots.length, 'barrette')}
              </span>
            </li>
          ))}
        </ul>
      </Section>

      <Section title={`Ateliers et effectifs (${settings.workshopTypes.length})`}>
        {!exists(SHEET_NAMES.workshops) && (
          <Caption1 className={styles.muted}>Les effectifs seront modifiables ici une fois « {SHEET_NAMES.workshops} » créée.</Caption1>
        )}
        <ul className={styles.list}>
          {settings.workshopTypes.map((workshop) => (
            <WorkshopRow key={workshop.id} workshop={workshop} pilote={pilote} editable={exists(workshop.source.sheet)} />
          ))}
        </ul>
      </Section>
    </>
  );
}
