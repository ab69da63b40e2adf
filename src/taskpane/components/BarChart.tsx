/**
 * A horizontal bar chart: each label and value as text above its bar, the bars in SVG. Reads at
 * 320 px as well as wider, and a screen reader gets the figures as a plain list.
 */
import { makeStyles, tokens, useId } from '@fluentui/react-components';

export interface BarChartItem {
  label: string;
  value: number;
  /** Shown instead of the number, e.g. « 85 % ». */
  display?: string;
}

export interface BarChartData {
  title: string;
  items: BarChartItem[];
  /** Scale maximum; the largest value by default (e.g. 100 for percentages). */
  max?: number;
}

const useStyles = makeStyles({
  figure: { margin: 0, minWidth: 0 },
  caption: { fontWeight: tokens.fontWeightSemibold, marginBottom: tokens.spacingVerticalS },
  list: { listStyleType: 'none', margin: 0, padding: 0, display: 'flex', flexDirection: 'column', gap: tokens.spacingVerticalS },
  line: { display: 'flex', justifyContent: 'space-between', gap: tokens.spacingHorizontalS, fontSize: tokens.fontSizeBase200 },
  label: { overflowWrap: 'anywhere' },
  value: { fontWeight: tokens.fontWeightSemibold, whiteSpace: 'nowrap' },
  svg: { display: 'block', width: '100%', height: '10px', marginTop: '2px' },
  track: { fill: tokens.colorNeutralBackground4 },
  bar: { fill: tokens.colorBrandBackground },
  empty: { color: tokens.colorNeutralForeground2, margin: 0 },
});

export function BarChart({ data }: { data: BarChartData }) {
  const styles = useStyles();
  const titleId = useId('chart');
  const max = Math.max(data.max ?? 0, ...data.items.map((item) => item.value), 1);
  return (
    <figure className={styles.figure} aria-labelledby={titleId}>
      <figcaption id={titleId} className={styles.caption}>
        {data.title}
      </figcaption>
      {data.items.length === 0 ? (
        <p className={styles.empty}>Pas de donnée.</p>
      ) : (
        <ul className={styles.list}>
          {data.items.map((item) => (
            <li key={item.label}>
              <div className={styles.line}>
                <span className={styles.label}>{item.label}</span>
                <span className={styles.value}>{item.display ?? item.value.toLocaleString('fr-FR')}</span>
              </div>
              <svg className={styles.svg} viewBox="0 0 100 10" preserveAspectRatio="none" aria-hidden="true" focusable="false">
                <rect className={styles.track} x={0} y={0} width={100} height={10} rx={1} />
                <rect className={styles.bar} x={0} y={0} width={(100 * Math.max(0, item.value)) / max} height={10} rx={1} />
              </svg>
            </li>
          ))}
        </ul>
      )}
    </figure>
  );
}
