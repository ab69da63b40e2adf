/**
 * `pilote-ap export <classeur.xlsx> -o <export.xlsx|.csv> [--uai <code>] [--date AAAA-MM-JJ]`:
 * runs the generation on the workbook, then writes the anonymous, aggregated export for the rectorat.
 * The UAI is `--uai`, else the one of `AP Paramètres`. Exit 0 ok, 1 unusable input, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { UnusableInputError } from '../../core/diagnostics';
import { buildRectoratExport } from '../../core/export';
import { generate } from '../../core/pipeline';
import { readXlsx, writeXlsx } from '../../gateways/xlsx/xlsxGateway';
import { EXIT, printDiagnostics, type CliIo } from '../io';

export const EXPORT_USAGE = `  pilote-ap export <classeur.xlsx> -o <export.xlsx|export.csv> [--uai <code>] [--date AAAA-MM-JJ]
      Écrit l'export anonyme et agrégé pour le rectorat (indicateurs seulement, effectifs < seuil masqués).
      L'UAI est lu dans AP Paramètres, sauf si --uai le donne.`;

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n\nUtilisation :\n${EXPORT_USAGE}`);
  return EXIT.usage;
}

export async function runExport(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, uai: { type: 'string' }, date: { type: 'string' } } });
  } catch (error) {
    return usage(io, `Option invalide : ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const [input] = positionals;
  if (!input || !values.output || positionals.length > 1) return usage(io, 'Indiquez un classeur et un fichier de sortie : pilote-ap export <classeur.xlsx> -o <export.xlsx|export.csv>');
  const output = values.output;
  const format = /\.csv$/i.test(output) ? 'csv' : /\.xlsx$/i.test(output) ? 'xlsx' : null;
  if (!format) return usage(io, `Le fichier de sortie doit finir par .xlsx ou .csv : « ${output} ».`);
  const date = values.date ?? new Date().toISOString().slice(0, 10);
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) return usage(io, '--date attend une date AAAA-MM-JJ.');

  try {
    let bytes: Uint8Array;
    try {
      bytes = await io.readFile(input);
    } catch {
      throw new UnusableInputError(`Impossible de lire le fichier « ${input} » : vérifiez le chemin.`);
    }
    const generation = await generate(await readXlsx(bytes), { today: date });
    const result = buildRectoratExport(generation.indicators, generation.analysis.settings, { exportDate: date, ...(values.uai !== undefined && { uai: values.uai }) });
    printDiagnostics(io, result.diagnostics);
    if (result.diagnostics.some((d) => d.severity === 'error')) return EXIT.unusableInput;
    await io.writeFile(output, format === 'csv' ? new TextEncoder().encode(result.csv) : await writeXlsx(result.specs));
    io.stdout(`Export pour le rectorat écrit : ${output}`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof UnusableInputError)) throw error;
    printDiagnostics(io, error.diagnostics.filter((d) => d.severity === 'error'));
    io.stderr(`Erreur : ${error.message}`);
    return EXIT.unusableInput;
  }
}
