/**
 * Diagnostics as a list, errors first; each one names its place as a link that selects the cell in
 * the workbook.
 */
import { useState } from 'react';
import { Button, Link, makeStyles, tokens } from '@fluentui/react-components';
import { ErrorCircle16Filled, Info16Regular, Warning16Filled } from '@fluentui/react-icons';
import type { Diagnostic, Severity } from '../../core/diagnostics';

const ORDER: Record<Severity, number> = { error: 0, warning: 1, info: 2 };
const SEVERITY_TEXT: Record<Severity, string> = { error: 'Erreur', warning: 'Attention', info: 'Info' };
const FIRST_SHOWN = 30;

const useStyles = makeStyles({
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  item: { display: 'grid', gridTemplateColumns: '16px 1fr', columnGap: tokens.spacingHorizontalS, alignItems: 'start' },
  icon: { marginTop: '2px' },
  error: { color: tokens.colorPaletteRedForeground1 },
  warning: { color: tokens.colorPaletteDarkOrangeForeground1 },
  info: { color: tokens.colorNeutralForeground3 },
  text: { overflowWrap: 'anywhere', fontSize: tokens.fontSizeBase200, lineHeight: tokens.lineHeightBase200 },
  place: { fontWeight: tokens.fontWeightSemibold, marginRight: tokens.spacingHorizontalXS },
  more: { marginTop: tokens.spacingVerticalS },
});

function SeverityIcon({ severity }: { severity: Severity }) {
  const styles = useStyles();
  const props = { className: `${styles.icon} ${styles[severity]}`, 'aria-label': SEVERITY_TEXT[severity], role: 'img' };
  if (severity === 'error') return <ErrorCircle16Filled {...props} />;
  if (severity === 'warning') return <Warning16Filled {...props} />;
  return <Info16Regular {...props} />;
}

export function DiagnosticList(props: {
  diagnostics: Diagnostic[];
  /** Sheets of the workbook: a place in a sheet still to be created is shown without a link. */
  sheetNames: string[];
  onShow(sheet: string, cell: string): void;
}) {
  const styles = useStyles();
  const [showAll, setShowAll] = useState(false);
  const sorted = [...props.diagnostics].sort((a, b) => ORDER[a.severity] - ORDER[b.severity]);
  const shown = showAll ? sorted : sorted.slice(0, FIRST_SHOWN);
  if (sorted.length === 0) return <p>Aucun problème relevé.</p>;
  return (
    <>
      <ul className={styles.list}>
        {shown.map((d, i) => (
          <li key={i} className={styles.item}>
            <SeverityIcon severity={d.severity} />
            <span className={styles.text}>
              {d.sheet && !props.sheetNames.includes(d.sheet) && <span className={styles.place}>{d.cell ? `${d.sheet}!${d.cell}` : d.sheet}</span>}
              {d.sheet && props.sheetNames.includes(d.sheet) && (
                <Link
                  as="button"
                  className={styles.place}
                  onClick={() => props.onShow(d.sheet, d.cell)}
                  title={d.cell ? `Sélectionner la cellule ${d.cell} de « ${d.sheet} »` : `Afficher la feuille « ${d.sheet} »`}
                >
                  {d.cell ? `${d.sheet}!${d.cell}` : d.sheet}
                </Link>
              )}
              {d.message}
            </span>
          </li>
        ))}
      </ul>
      {sorted.length > shown.length && (
        <Button className={styles.more} appearance="subtle" onClick={() => setShowAll(true)}>
          Afficher les {sorted.length - shown.length} autres
        </Button>
      )}
    </>
  );
}
