/**
 * The figures the Results step draws. From the indicators module when the generation carries them
 * (the same tables as `AP Indicateurs`); otherwise a few figures counted from the plan itself.
 */
import { compareLevels } from '../../core/levels';
import type { IndicatorCell, Indicators } from '../../core/indicators/types';
import type { Generation } from '../../core/pipeline';
import { KIND_LABELS } from '../../core/settings/settings';
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

/** Figures counted from the plan: pupils per kind of workshop, and how full the groups are per level. */
export function chartsFromPlan(generation: Generation): BarChartData[] {
  const { groups } = generation.plan;
  const perKind = new Map<string, number>();
  for (const group of groups) perKind.set(KIND_LABELS[group.kind], (perKind.get(KIND_LABELS[group.kind]) ?? 0) + group.pupilIds.length);
  const levels = [...new Set(groups.map((g) => g.level))].sort(compareLevels);
  const fill = levels.map((level) => {
    const ofLevel = groups.filter((g) => g.level === level);
    const seats = ofLevel.reduce((sum, g) => sum + g.capacity, 0);
    const seated = ofLevel.reduce((sum, g) => sum + g.pupilIds.length, 0);
    const share = seats ? Math.round((100 * seated) / seats) : 0;
    return { label: `${level} (${ofLevel.length} groupes)`, value: share, display: `${share} %` };
  });
  return [
    { title: 'Élèves par nature d’atelier', items: [...perKind].map(([label, value]) => ({ label, value })) },
    { title: 'Remplissage des groupes par niveau', items: fill, max: 100 },
  ];
}

export function chartsFor(generation: Generation & { indicators?: Indicators }): BarChartData[] {
  return generation.indicators ? chartsFromIndicators(generation.indicators) : chartsFromPlan(generation);
}
