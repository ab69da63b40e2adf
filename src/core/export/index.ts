/** The rectorat export (establishment side) and its consolidation (académie side). */
export { buildRectoratExport, type ExportMeta, type RectoratExport } from './rectorat';
export { maskIndicators, type MaskResult, type PublishedCell } from './mask';
export { toCsv, parseCsv, neutralise } from './csv';
export { checkUai, uaiCheckLetter, type UaiCheck } from './uai';
export { parseExport, type ParsedExport, type ExportFigure } from './parse';
export { consolidateExports, type Consolidation, type ExportSource, type Rejection, type AcceptedExport } from './consolidate';
export { EXPORT_SCHEMA_VERSION, EXPORT_SHEET } from './schema';
