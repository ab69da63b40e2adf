/**
 * `pilote-ap export <classeur> [autres fichiers…] -o <export.xlsx|.csv> [--uai <code>] [--date AAAA-MM-JJ]`:
 * runs the generation on the workbook, then writes the anonymous, aggregated export for the rectorat.
 * The UAI is `--uai`, else the one of `AP Paramètres`. Exit 0 ok, 1 unusable input, 2 bad usage.
 */
import { buildRectoratExport } from '../../core/export';
import { generate } from '../../core/pipeline';
import { writeXlsx } from '../../gateways/xlsx/xlsxGateway';
import { dateOption, outputOption, parse, UsageError } from '../args';
import { command } from '../command';
import { openInputs, refuseOutputIsInput } from '../inputs';
import { EXIT, printDiagnostics, printNotes } from '../io';
import { EXPORT_USAGE } from '../usage';

export { EXPORT_USAGE };

export const runExport = command(EXPORT_USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, uai: { type: 'string' }, date: { type: 'string' } });
  if (!positionals.length) throw new UsageError('Indiquez un classeur et un fichier de sortie : pilote-ap export <classeur.xlsx> -o <export.xlsx|export.csv>');
  const output = outputOption(values.output, ['.xlsx', '.csv'], 'export.csv');
  const date = dateOption(values.date);
  await refuseOutputIsInput(io, output, positionals);

  const inputs = await openInputs(io, positionals);
  printNotes(io, inputs.notes);
  const generation = await generate(inputs.snapshot, { today: date });
  const result = buildRectoratExport(generation.indicators, generation.analysis.settings, { exportDate: date, ...(typeof values.uai === 'string' && { uai: values.uai }) });
  printDiagnostics(io, result.diagnostics);
  if (result.diagnostics.some((d) => d.severity === 'error')) {
    io.stderr("Erreur : l'export n'a pas été écrit (voir ci-dessus).");
    return EXIT.unusableInput;
  }
  await io.writeFile(output, output.toLowerCase().endsWith('.csv') ? new TextEncoder().encode(result.csv) : await writeXlsx(result.specs));
  io.stdout(`Export pour le rectorat écrit : ${output}`);
  return EXIT.ok;
});
