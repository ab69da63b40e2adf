/**
 * Step 1: the sheets found and what each was understood to be, the column mapping to confirm or
 * correct, and the diagnostics, each linked to its cell.
 */
import { Badge, Button, Caption1, Link, Spinner, makeStyles, tokens, type BadgeProps } from '@fluentui/react-components';
import { useRef, useState } from 'react';
import type { SheetRole } from '../../core/model';
import type { Analysis } from '../../core/pipeline';
import { DiagnosticList } from '../components/DiagnosticList';
import { Section } from '../components/Section';
import { sentence } from '../format';
import { CLASS_LIST_ACCEPT } from '../sources/classListFile';
import { MappingEditor } from '../sources/MappingEditor';
import type { Pilote } from '../usePilote';

const ROLE_LABELS: Record<SheetRole, { label: string; color: BadgeProps['color'] }> = {
  positionnement: { label: 'Positionnement', color: 'brand' },
  'self-assessment': { label: 'Autopositionnement', color: 'brand' },
  interview: { label: 'Entretiens', color: 'brand' },
  'class-list': { label: 'Liste de classe', color: 'brand' },
  'national-test': { label: 'Tests nationaux', color: 'brand' },
  parameters: { label: 'Paramètres', color: 'important' },
  output: { label: 'Feuille Pilote AP', color: 'informative' },
  ignored: { label: 'Ignorée', color: 'subtle' },
};

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  sheet: { display: 'flex', flexDirection: 'column', gap: '2px', paddingBottom: tokens.spacingVerticalS, borderBottom: `1px solid ${tokens.colorNeutralStroke3}` },
  line: { display: 'flex', flexWrap: 'wrap', alignItems: 'center', gap: tokens.spacingHorizontalS },
  name: { fontWeight: tokens.fontWeightSemibold },
  muted: { color: tokens.colorNeutralForeground2 },
  counts: { display: 'flex', flexWrap: 'wrap', gap: tokens.spacingHorizontalS },
  hidden: { display: 'none' },
});

/** « Ajouter une liste de classe (autre fichier) »: the chosen file's sheets are added to the workbook. */
function AddClassList({ pilote }: { pilote: Pilote }) {
  const styles = useStyles();
  const picker = useRef<HTMLInputElement>(null);
  const [adding, setAdding] = useState(false);
  const add = async (file: File) => {
    setAdding(true);
    try {
      await pilote.addClassList(new Uint8Array(await file.arrayBuffer()), file.name);
    } catch (error) {
      pilote.report(error);
    } finally {
      setAdding(false);
    }
  };
  return (
    <span className={styles.line}>
      <input
        ref={picker}
        className={styles.hidden}
        type="file"
        accept={CLASS_LIST_ACCEPT}
        aria-label="Choisir la liste de classe"
        tabIndex={-1}
        onChange={(event) => {
          const file = event.target.files?.[0];
          event.target.value = ''; // the same file may be chosen again after a correction
          if (file) void add(file);
        }}
      />
      <Button disabled={adding} icon={adding ? <Spinner size="tiny" /> : undefined} onClick={() => picker.current?.click()}>
        Ajouter une liste de classe (autre fichier)
      </Button>
      <Caption1 className={styles.muted}>Export SIECLE, CSV Pronote ou autre classeur : ses feuilles sont ajoutées au classeur, sans date de naissance.</Caption1>
    </span>
  );
}

export function SourcesStep({ pilote, analysis }: { pilote: Pilote; analysis: Analysis }) {
  const styles = useStyles();
  const { read, diagnostics } = analysis;
  const count = (severity: string) => diagnostics.filter((d) => d.severity === severity).length;
  const classes = new Set(read.pupils.map((p) => p.className)).size;

  return (
    <>
      <Section title="Feuilles trouvées">
        <p>
          {read.pupils.length} élèves de {classes} classe{classes > 1 ? 's' : ''} lus, {read.competencies.length} compétences.
        </p>
        <ul className={styles.list}>
          {read.sheets.map((sheet) => {
            const role = ROLE_LABELS[sheet.role] ?? ROLE_LABELS.ignored;
            return (
              <li key={sheet.sheet} className={styles.sheet}>
                <span className={styles.line}>
                  <Link as="button" className={styles.name} onClick={() => pilote.openSheet(sheet.sheet)} title={`Afficher la feuille « ${sheet.sheet} »`}>
                    {sheet.sheet}
                  </Link>
                  <Badge appearance="tint" color={role.color}>
                    {role.label}
                  </Badge>
                  {sheet.pupilCount > 0 && <Caption1 className={styles.muted}>{sheet.pupilCount} élèves</Caption1>}
                </span>
                <Caption1 className={styles.muted}>{sentence(sheet.reason)}</Caption1>
              </li>
            );
          })}
        </ul>
        <AddClassList pilote={pilote} />
      </Section>

      <Section title="Correspondance des colonnes">
        <MappingEditor pilote={pilote} analysis={analysis} />
      </Section>

      <Section title={`Diagnostics (${diagnostics.length})`}>
        <div className={styles.counts}>
          <Badge appearance="filled" color="danger">
            {count('error')} erreur{count('error') > 1 ? 's' : ''}
          </Badge>
          <Badge appearance="filled" color="warning">
            {count('warning')} avertissement{count('warning') > 1 ? 's' : ''}
          </Badge>
          <Badge appearance="tint" color="informative">
            {count('info')} info{count('info') > 1 ? 's' : ''}
          </Badge>
        </div>
        <Caption1 className={styles.muted}>Cliquez sur une adresse pour sélectionner la cellule dans le classeur.</Caption1>
        <DiagnosticList diagnostics={diagnostics} sheetNames={pilote.sheetNames} onShow={pilote.showCell} />
      </Section>
    </>
  );
}
