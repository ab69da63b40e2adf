/** Exports of many generated establishments (random schools, hence random indicators), for the consolidation tests and bench. */
import { seededRandom } from '../../../src/core/example/random';
import { buildRectoratExport } from '../../../src/core/export';
import { uaiCheckLetter } from '../../../src/core/export/uai';
import type { Grid } from '../../../src/core/grid';
import { computeIndicators, type Indicators } from '../../../src/core/indicators';
import type { SheetSpec } from '../../../src/core/render/sheetSpec';
import { specToGrid } from '../../../src/core/render/specToGrid';
import { buildSchool } from '../indicators/fixtures';

export interface GeneratedExport {
  uai: string;
  name: string;
  indicators: Indicators;
  specs: SheetSpec[];
  csv: string;
  grids: Grid[];
}

export function uaiFor(index: number): string {
  const stem = String(5900000 + index * 37).padStart(7, '0');
  return `${stem}${uaiCheckLetter(stem)}`;
}

export function generateExports(count: number, seed = 2026, exportDate = '2027-03-15'): GeneratedExport[] {
  const random = seededRandom(seed);
  return Array.from({ length: count }, (_, i) => {
    const perLevel: Record<string, number> = { '2nde': random.int(0, 60), '1re': random.int(0, 55), Tle: random.int(1, 50) };
    if (random.next() < 0.4) perLevel['CAP 1'] = random.int(1, 12);
    const { input, settings } = buildSchool(perLevel, seed + i);
    const name = `Lycée professionnel n° ${i + 1}`;
    const own = { ...settings, general: { ...settings.general, uai: uaiFor(i), establishmentName: name, academy: 'Lille' } };
    const indicators = computeIndicators({ ...input, settings: own });
    const result = buildRectoratExport(indicators, own, { exportDate });
    return { uai: uaiFor(i), name, indicators, specs: result.specs, csv: result.csv, grids: result.specs.map(specToGrid) };
  });
}
