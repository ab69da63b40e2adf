/**
 * `pilote-ap consolidate <exports...> -o <academie.xlsx>`: merges the establishments' exports
 * (.xlsx, .ods or .csv) into one workbook for the académie, and lists the files rejected with the reason.
 * Exit 0 when at least one export was kept, 1 when none was usable, 2 on bad usage.
 */
import { basename } from 'node:path';
import { UnusableInputError } from '../../core/diagnostics';
import { consolidateExports, parseCsv, type ExportSource } from '../../core/export';
import { decodeText } from '../../gateways/files/csv';
import { openWorkbookFile } from '../../gateways/files/open';
import { writeXlsx } from '../../gateways/xlsx/xlsxGateway';
import { outputOption, parse, UsageError } from '../args';
import { command } from '../command';
import { refuseOutputIsInput } from '../inputs';
import { EXIT, printDiagnostics, type CliIo } from '../io';
import { CONSOLIDATE_USAGE } from '../usage';

export { CONSOLIDATE_USAGE };

/**
 * A file as grids: a CSV export is decoded whatever its encoding (Excel re-saves it in Windows-1252),
 * a workbook is read whether Excel or LibreOffice saved it.
 */
async function readSource(io: CliIo, path: string): Promise<ExportSource> {
  const fileName = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch {
    return { fileName, readError: 'fichier introuvable ou illisible' };
  }
  if (/\.csv$/i.test(path)) {
    return { fileName, grids: [{ sheet: fileName, origin: { row: 0, col: 0 }, values: parseCsv(decodeText(bytes).text) }] };
  }
  try {
    const opened = await openWorkbookFile(bytes, fileName);
    if (opened.kind === 'xlsx' || opened.kind === 'xlsm' || opened.kind === 'ods') return { fileName, grids: opened.snapshot.grids };
  } catch (error) {
    if (!(error instanceof UnusableInputError)) throw error;
  }
  return { fileName, readError: 'pas un classeur Excel (.xlsx) ou LibreOffice (.ods) ni un fichier .csv lisible' };
}

export const runConsolidate = command(CONSOLIDATE_USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' } });
  if (!positionals.length) throw new UsageError('Indiquez les exports et le classeur à écrire : pilote-ap consolidate <exports...> -o <academie.xlsx>');
  const output = outputOption(values.output, ['.xlsx'], 'academie.xlsx');
  await refuseOutputIsInput(io, output, positionals);

  const sources: ExportSource[] = [];
  for (const path of positionals) sources.push(await readSource(io, path));
  const result = consolidateExports(sources);
  printDiagnostics(io, result.diagnostics);
  if (!result.accepted.length) {
    io.stderr('Erreur : aucun export utilisable parmi les fichiers donnés ; rien n’a été écrit.');
    return EXIT.unusableInput;
  }
  await io.writeFile(output, await writeXlsx(result.specs));
  io.stdout(`${result.accepted.length} établissement(s) consolidé(s), ${result.rejected.length} fichier(s) rejeté(s). Classeur écrit : ${output}`);
  return EXIT.ok;
});
