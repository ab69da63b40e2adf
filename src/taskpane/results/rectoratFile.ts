/** The rectorat export as a file, built in the pane (loaded on demand: ExcelJS is heavy). */
import type { Diagnostic } from '../../core/diagnostics';
import { buildRectoratExport } from '../../core/export/rectorat';
import type { Generation } from '../../core/pipeline';
import { writeXlsx } from '../../gateways/xlsx/xlsxGateway';

export const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';

export interface RectoratFile {
  fileName: string;
  bytes: Uint8Array;
  mimeType: string;
}

export async function buildRectoratFile(
  generation: Generation,
  meta: { today: string; uai?: string },
): Promise<{ file?: RectoratFile; diagnostics: Diagnostic[] }> {
  const { settings } = generation.analysis;
  const result = buildRectoratExport(generation.indicators, settings, { exportDate: meta.today, uai: meta.uai });
  if (!result.specs.length) return { diagnostics: result.diagnostics };
  const bytes = await writeXlsx(result.specs);
  return {
    file: { fileName: `pilote-ap-rectorat-${meta.uai ?? settings.general.uai}-${meta.today}.xlsx`, bytes, mimeType: XLSX_MIME },
    diagnostics: result.diagnostics,
  };
}
