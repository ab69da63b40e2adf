/**
 * Office gateway figures on the strict fake of Excel: round trips and request/answer sizes of a whole
 * generation (read + write) against the 5 MB cap of Excel on the web, and the gateway's own time.
 */
import { buildLargeSchool } from '../../src/core/example';
import { a1, rangeA1, type WorkbookSnapshot } from '../../src/core/grid';
import { generate } from '../../src/core/pipeline';
import { createOfficeGateway } from '../../src/gateways/office/officeGateway';
import { FakeExcel } from '../../test/fakes/fakeExcel';
import { figure } from './figures';

function seed(snapshot: WorkbookSnapshot): FakeExcel {
  const excel = new FakeExcel();
  for (const grid of snapshot.grids) {
    excel.addSheet(grid.sheet, {
      origin: a1(grid.origin.row, grid.origin.col),
      values: grid.values,
      fills: grid.fills,
      merges: grid.merges?.map((m) => rangeA1({ ...m, row: m.row + grid.origin.row, col: m.col + grid.origin.col })),
      hidden: grid.hidden,
    });
  }
  return excel;
}

const megabytes = (bytes: number) => `${(bytes / 1_000_000).toFixed(2)} Mo`;

export async function bench(): Promise<void> {
  console.log('Passerelle Office (faux Excel strict) : allers-retours et volumes d’une génération complète');
  for (const size of [200, 2000]) {
    const excel = seed(buildLargeSchool(size));
    const gateway = createOfficeGateway({ run: excel.run, readMergedAreas: true });
    let gatewayMs = 0;
    const timed = async <T>(task: () => Promise<T>): Promise<T> => {
      const start = performance.now();
      const result = await task();
      gatewayMs += performance.now() - start;
      return result;
    };
    const snapshot = await timed(() => gateway.readSnapshot());
    const generation = await generate(snapshot, { today: '2026-11-22' });
    await timed(() => gateway.writeSheets(generation.sheets));
    figure(`office.pupils${size}.firstRunSyncs`, excel.syncCount, 'round trips');
    figure(`office.pupils${size}.largestResponseMB`, Math.max(...excel.responseBytes) / 1_000_000, 'MB');
    figure(`office.pupils${size}.largestRequestMB`, Math.max(...excel.requestBytes) / 1_000_000, 'MB');
    figure(`office.pupils${size}.gatewayMs`, gatewayMs, 'ms');
    console.log(
      `  ${String(generation.summary.pupilsRead).padStart(5)} élèves : ${excel.syncCount} allers-retours, ` +
        `plus grosse réponse ${megabytes(Math.max(...excel.responseBytes))}, plus grosse requête ${megabytes(Math.max(...excel.requestBytes))} ` +
        `(limite Excel sur le web : 5 Mo), passerelle ${gatewayMs.toFixed(0)} ms`,
    );
  }
}
