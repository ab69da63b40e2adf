/** Indicators of the AP scheme: computation and the `AP Indicateurs` sheet (the rectorat export is core/export). */
export { computeIndicators } from './compute';
export { hoursForIndicators } from './hours';
export { cellValue, isShare } from './tally';
export { renderIndicatorsSheet } from './indicatorsSheet';
export type {
  IndicatorCell,
  IndicatorColumn,
  IndicatorHours,
  IndicatorInput,
  IndicatorRow,
  Indicators,
  IndicatorSum,
  IndicatorSummary,
  IndicatorTable,
  IndicatorTableId,
  IndicatorUnit,
  LevelHours,
  Share,
} from './types';
