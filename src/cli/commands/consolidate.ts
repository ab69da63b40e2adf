/**
 * `pilote-ap consolidate <exports...> -o <academie.xlsx>`: merges the establishments' exports
 * (.xlsx or .csv) into one workbook for the académie, and lists the files rejected with the reason.
 * Exit 0 when at least one export was kept, 1 when none was usable, 2 on bad usage.
 */
import { basename } from 'node:path';
import { parseArgs } from 'node:util';
import { UnusableInputError } from '../../core/diagnostics';
import { consolidateExports, parseCsv, type ExportSource } from '../../core/export';
import { readXlsx, writeXlsx } from '../../gateways/xlsx/xlsxGateway';
import { EXIT, printDiagnostics, type CliIo } from '../io';

export const CONSOLIDATE_USAGE = `  pilote-ap consolidate <export1.xlsx|.csv> [export2 ...] -o <academie.xlsx>
      Regroupe les exports des établissements : une feuille par indicateur, une ligne par établissement,
      les totaux par niveau, et la liste des fichiers rejetés avec le motif.`;

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n\nUtilisation :\n${CONSOLIDATE_USAGE}`);
  return EXIT.usage;
}

/** A file as grids: a CSV is decoded as UTF-8 (BOM or not), anything else is read as a workbook. */
async function readSource(io: CliIo, path: string): Promise<ExportSource> {
  const fileName = basename(path);
  let bytes: Uint8Array;
  try {
    bytes = await io.readFile(path);
  } catch {
    return { fileName, readError: 'fichier introuvable ou illisible' };
  }
  if (/\.csv$/i.test(path)) {
    const text = new TextDecoder('utf-8').decode(bytes);
    return { fileName, grids: [{ sheet: fileName, origin: { row: 0, col: 0 }, values: parseCsv(text) }] };
  }
  try {
    return { fileName, grids: (await readXlsx(bytes)).grids };
  } catch (error) {
    if (error instanceof UnusableInputError) return { fileName, readError: 'pas un classeur Excel (.xlsx) ni un fichier .csv lisible' };
    throw error;
  }
}

export async function runConsolidate(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' } } });
  } catch (error) {
    return usage(io, `Option invalide : ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  if (!positionals.length || !values.output) return usage(io, 'Indiquez les exports et le classeur à écrire : pilote-ap consolidate <exports...> -o <academie.xlsx>');
  if (!/\.xlsx$/i.test(values.output)) return usage(io, `Le classeur de sortie doit finir par .xlsx : « ${values.output} ».`);

  const sources: ExportSource[] = [];
  for (const path of positionals) sources.push(await readSource(io, path));
  const result = consolidateExports(sources);
  printDiagnostics(io, result.diagnostics);
  if (!result.accepted.length) {
    io.stderr('Erreur : aucun export utilisable parmi les fichiers donnés ; rien n’a été écrit.');
    return EXIT.unusableInput;
  }
  await io.writeFile(values.output, await writeXlsx(result.specs));
  io.stdout(`${result.accepted.length} établissement(s) consolidé(s), ${result.rejected.length} fichier(s) rejeté(s). Classeur écrit : ${values.output}`);
  return EXIT.ok;
}
