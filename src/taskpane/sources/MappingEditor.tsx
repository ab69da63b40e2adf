/**
 * The column mapping, sheet by sheet: what each sheet and each column was understood to be, with the
 * reason, for the coordinator to confirm or correct. Saved into « AP Correspondances », so that the
 * ribbon's one-click run and the next cycles use it without asking again.
 */
import { useEffect, useState } from 'react';
import { Button, Caption1, Field, Input, Select, makeStyles, tokens } from '@fluentui/react-components';
import type { SheetRole } from '../../core/model';
import type { Analysis } from '../../core/pipeline';
import type { ColumnEntry, ColumnMapping, ColumnRole, IdentityField, SheetLayout, SheetMapping } from '../../core/read/mapping';
import { COLUMN_ROLE_LABELS, layoutOf, SHEET_LAYOUT_LABELS, SHEET_ROLE_LABELS } from '../../core/read/mapping';
import { SHEET_NAMES } from '../../core/workbook';
import { loadEngine } from '../engine';
import { sentence } from '../format';
import type { Pilote } from '../usePilote';
import { ScaleValues } from './ScaleValues';

/** Roles a coordinator may give a sheet; parameter and output sheets are recognised by Pilote AP itself. */
const EDITABLE_SHEET_ROLES: SheetRole[] = ['positionnement', 'self-assessment', 'interview', 'class-list', 'national-test', 'ignored'];

type ColumnChoice = keyof typeof COLUMN_ROLE_LABELS;
const COLUMN_CHOICES = Object.keys(COLUMN_ROLE_LABELS) as ColumnChoice[];

const useStyles = makeStyles({
  top: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalM },
  field: { minWidth: '160px', flexGrow: 1, flexBasis: '180px' },
  columns: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  column: {
    display: 'grid',
    gridTemplateColumns: 'minmax(0, 1fr)',
    alignItems: 'center',
    gap: tokens.spacingVerticalXS,
    paddingBottom: tokens.spacingVerticalS,
    borderBottom: `1px solid ${tokens.colorNeutralStroke3}`,
    '@media (min-width: 520px)': { gridTemplateColumns: 'minmax(0, 1fr) 200px', columnGap: tokens.spacingHorizontalM },
  },
  header: { overflowWrap: 'anywhere' },
  letter: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  muted: { color: tokens.colorNeutralForeground2 },
  changed: { color: tokens.colorPaletteDarkOrangeForeground1, fontWeight: tokens.fontWeightSemibold },
  actions: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  competency: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS, gridColumn: '1 / -1' },
});

const HEADER_ROWS_CHOICES = [1, 2, 3];
const LAYOUTS = Object.keys(SHEET_LAYOUT_LABELS) as SheetLayout[];
const CHOSEN = 'Choisi par le coordonnateur.';

const IDENTITY_CHOICES: readonly string[] = ['lastName', 'firstName', 'fullName', 'ine', 'class', 'level', 'birthDate', 'leaveDate'] satisfies IdentityField[];

function isIdentityChoice(choice: ColumnChoice): choice is IdentityField & ColumnChoice {
  return IDENTITY_CHOICES.includes(choice);
}

function choiceOf(role: ColumnRole): ColumnChoice {
  return role.kind === 'identity' ? role.field : role.kind;
}

/** The role a column gets when the coordinator picks `choice` for it. */
function roleFor(choice: ColumnChoice, entry: ColumnEntry): ColumnRole {
  if (choice === 'competency') {
    if (entry.role.kind === 'competency') return entry.role;
    const [discipline, ...rest] = entry.header.includes('›') ? entry.header.split('›').map((s) => s.trim()) : ['Général', entry.header];
    return { kind: 'competency', discipline, label: rest.join(' – ') || entry.header };
  }
  if (choice === 'item-result') return entry.role.kind === 'item-result' ? entry.role : { kind: choice };
  if (isIdentityChoice(choice)) return { kind: 'identity', field: choice };
  return { kind: choice } as ColumnRole;
}


export function MappingEditor({ pilote, analysis }: { pilote: Pilote; analysis: Analysis }) {
  const styles = useStyles();
  const detected = analysis.read.mapping as ColumnMapping;
  const [draft, setDraft] = useState<ColumnMapping>(() => structuredClone(detected));
  const [sheetName, setSheetName] = useState<string>(() => detected.sheets.find((s) => s.columns.length)?.sheet ?? detected.sheets[0]?.sheet ?? '');
  const [saving, setSaving] = useState(false);
  useEffect(() => setDraft(structuredClone(detected)), [detected]);

  const saved = pilote.sheetNames.includes(SHEET_NAMES.mapping);
  const dirty = JSON.stringify(draft) !== JSON.stringify(detected);
  const sheet = draft.sheets.find((s) => s.sheet === sheetName);
  const original = detected.sheets.find((s) => s.sheet === sheetName);

  function updateSheet(change: (s: SheetMapping) => SheetMapping): void {
    setDraft((d) => ({ ...d, sheets: d.sheets.map((s) => (s.sheet === sheetName ? change(s) : s)) }));
  }

  /** The discipline or the name of a competency column, as the coordinator corrects it. */
  function updateCompetency(index: number, change: { discipline?: string; label?: string }): void {
    updateSheet((s) => ({
      ...s,
      columns: s.columns.map((c, j) => (j === index && c.role.kind === 'competency' ? { ...c, role: { ...c.role, ...change }, reason: CHOSEN } : c)),
    }));
  }

  async function save(): Promise<void> {
    setSaving(true);
    try {
      const engine = await loadEngine();
      await pilote.writeSheets([engine.renderMappingSheet(draft)], `Correspondance enregistrée dans « ${SHEET_NAMES.mapping} ».`);
    } catch (error) {
      pilote.report(error);
    } finally {
      setSaving(false);
    }
  }

  if (!draft.sheets.length) return <p>Aucune feuille à décrire.</p>;
  return (
    <>
      <Caption1 className={styles.muted}>
        {saved
          ? `Correspondance enregistrée dans « ${SHEET_NAMES.mapping} » : elle sert au bouton du ruban et aux cycles suivants.`
          : 'Proposée par Pilote AP : corrigez ce qui est faux puis enregistrez-la, elle servira au bouton du ruban et aux cycles suivants.'}
      </Caption1>
      <div className={styles.top}>
        <Field label="Feuille" className={styles.field}>
          <Select value={sheetName} onChange={(_, data) => setSheetName(data.value)}>
            {draft.sheets.map((s) => (
              <option key={s.sheet} value={s.sheet}>
                {s.sheet} ({SHEET_ROLE_LABELS[s.role]})
              </option>
            ))}
          </Select>
        </Field>
        {sheet && EDITABLE_SHEET_ROLES.includes(sheet.role) && (
          <Field label="Rôle de la feuille" className={styles.field}>
            <Select value={sheet.role} onChange={(_, data) => updateSheet((s) => ({ ...s, role: data.value as SheetRole, reason: CHOSEN }))}>
              {EDITABLE_SHEET_ROLES.map((role) => (
                <option key={role} value={role}>
                  {SHEET_ROLE_LABELS[role]}
                </option>
              ))}
            </Select>
          </Field>
        )}
        {sheet && sheet.role !== 'ignored' && sheet.headerRow !== undefined && (
          <>
            <Field label="Ligne des intitulés" className={styles.field} hint="Les colonnes seront relues sous cet en-tête.">
              <Input
                type="number"
                min={1}
                value={String(sheet.headerRow)}
                onChange={(_, data) => {
                  const row = Number(data.value);
                  if (Number.isInteger(row) && row >= 1) updateSheet((s) => ({ ...s, headerRow: row, columns: [], reason: CHOSEN }));
                }}
              />
            </Field>
            <Field label="Lignes d’en-tête" className={styles.field}>
              <Select value={String(sheet.headerRows ?? 1)} onChange={(_, data) => updateSheet((s) => ({ ...s, headerRows: Number(data.value), columns: [], reason: CHOSEN }))}>
                {HEADER_ROWS_CHOICES.map((n) => (
                  <option key={n} value={n}>
                    {n}
                  </option>
                ))}
              </Select>
            </Field>
            <Field label="Disposition" className={styles.field}>
              <Select value={layoutOf(sheet)} onChange={(_, data) => updateSheet((s) => ({ ...s, layout: data.value as SheetLayout, reason: CHOSEN }))}>
                {LAYOUTS.map((layout) => (
                  <option key={layout} value={layout}>
                    {SHEET_LAYOUT_LABELS[layout]}
                  </option>
                ))}
              </Select>
            </Field>
          </>
        )}
      </div>
      {sheet && sheet.headerRow !== undefined && sheet.columns.length === 0 && sheet.role !== 'ignored' && (
        <Caption1 className={styles.changed}>En-tête modifié : enregistrez, les colonnes seront détectées sous la ligne {sheet.headerRow}.</Caption1>
      )}
      {sheet && (
        <Caption1 className={styles.muted}>
          {sentence(sheet.reason)}
          {sheet.headerRow ? ` · en-têtes en ligne ${sheet.headerRow}` : ''}
        </Caption1>
      )}
      {sheet && sheet.role !== 'ignored' && sheet.columns.length > 0 && (
        <ul className={styles.columns} aria-label={`Colonnes de « ${sheet.sheet} »`}>
          {sheet.columns.map((entry, i) => {
            const changed = JSON.stringify(entry.role) !== JSON.stringify(original?.columns[i]?.role);
            return (
              <li key={entry.column} className={styles.column}>
                <div className={styles.header}>
                  <span className={styles.letter}>{entry.column}</span>
                  {entry.header || '(sans en-tête)'}
                  <br />
                  <Caption1 className={changed ? styles.changed : styles.muted}>{changed ? 'Modifié, à enregistrer' : sentence(entry.reason)}</Caption1>
                </div>
                <Select
                  aria-label={`Colonne ${entry.column} (${entry.header || 'sans en-tête'})`}
                  value={choiceOf(entry.role)}
                  onChange={(_, data) =>
                    updateSheet((s) => ({
                      ...s,
                      columns: s.columns.map((c, j) => (j === i ? { ...c, role: roleFor(data.value as ColumnChoice, c), reason: CHOSEN } : c)),
                    }))
                  }
                >
                  {COLUMN_CHOICES.map((choice) => (
                    <option key={choice} value={choice}>
                      {COLUMN_ROLE_LABELS[choice]}
                    </option>
                  ))}
                </Select>
                {entry.role.kind === 'competency' && (
                  <div className={styles.competency}>
                    <Field label="Discipline" size="small">
                      <Input size="small" value={entry.role.discipline} onChange={(_, data) => updateCompetency(i, { discipline: data.value })} />
                    </Field>
                    <Field label="Compétence" size="small">
                      <Input size="small" value={entry.role.label} onChange={(_, data) => updateCompetency(i, { label: data.value })} />
                    </Field>
                  </div>
                )}
              </li>
            );
          })}
        </ul>
      )}
      <ScaleValues values={draft.scale.extraValues} onChange={(extraValues) => setDraft((d) => ({ ...d, scale: { ...d.scale, extraValues } }))} />
      <div className={styles.actions}>
        <Button appearance="primary" disabled={saving || (saved && !dirty)} onClick={() => void save()}>
          {dirty ? 'Enregistrer les corrections' : 'Confirmer la correspondance'}
        </Button>
        {dirty && (
          <Button disabled={saving} onClick={() => setDraft(structuredClone(detected))}>
            Annuler les corrections
          </Button>
        )}
      </div>
    </>
  );
}
