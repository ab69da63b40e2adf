/** The figures the Results step draws: the same indicator tables as the `AP Indicateurs` sheet. */
import type { IndicatorCell, Indicators } from '../../core/indicators/types';
import type { BarChartData } from '../components/BarChart';

function cellNumber(cell: IndicatorCell): { value: number; display: string } | null {
  if (cell === null) return null;
  if (typeof cell === 'number') return { value: cell, display: cell.toLocaleString('fr-FR', { maximumFractionDigits: 1 }) };
  const share = cell.den > 0 ? (100 * cell.num) / cell.den : 0;
  return { value: share, display: `${Math.round(share)} %` };
}

/** One chart per indicator table marked for a chart, on its total column (or its first one). */
export function chartsFromIndicators(indicators: Indicators): BarChartData[] {
  return indicators.tables
    .filter((table) => table.chart && table.columns.length > 0)
    .map((table) => {
      const column = table.lastColumnIsSum ? table.columns.length - 1 : 0;
      const percent = table.rows.some((row) => row.unit.endsWith('Share'));
      const items = table.rows.flatMap((row) => {
        const figure = cellNumber(row.cells[column] ?? null);
        return figure ? [{ label: row.label, value: figure.value, display: figure.display }] : [];
      });
      const columnLabel = table.columns[column].label;
      return { title: `${table.title} (${columnLabel})`, items, max: percent ? 100 : undefined };
    });
}
