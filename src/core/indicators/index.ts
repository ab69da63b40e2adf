/** Indicators of the AP scheme: computation, the `AP Indicateurs` sheet, the rectorat export. */
export { computeIndicators } from './compute';
export { hoursForIndicators } from './hours';
export { cellValue, isShare } from './tally';
export { renderIndicatorsSheet } from '../render/indicatorsSheet';
export { buildRectoratExport } from '../export';
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
