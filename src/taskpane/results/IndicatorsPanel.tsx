/**
 * Indicators drawn as bar charts, and the rectorat export. Kept apart from the rest of the Results
 * step: the figures come from the indicators module, the file from the export module.
 */
import type { ReactNode } from 'react';
import { makeStyles, tokens } from '@fluentui/react-components';
import type { Generation } from '../../core/pipeline';
import { BarChart } from '../components/BarChart';
import { chartsFromIndicators } from './indicatorCharts';

const useStyles = makeStyles({
  charts: { display: 'grid', gridTemplateColumns: 'repeat(auto-fill, minmax(260px, 1fr))', gap: tokens.spacingHorizontalXL },
});

export function IndicatorsPanel(props: { generation: Generation; exportAction?: ReactNode }) {
  const styles = useStyles();
  const charts = chartsFromIndicators(props.generation.indicators);
  return (
    <>
      <div className={styles.charts}>
        {charts.map((chart) => (
          <BarChart key={chart.title} data={chart} />
        ))}
      </div>
      {props.exportAction}
    </>
  );
}
