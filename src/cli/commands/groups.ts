/**
 * `pilote-ap groups <classeur> [autres fichiers…] -o <groupes.csv> [--date AAAA-MM-JJ]`: runs the
 * generation and writes the group memberships for the timetable and vie-scolaire tools (`;`, UTF-8 with
 * BOM). The file names pupils: it stays in the school. Exit 0 ok, 1 unusable input, 2 bad usage.
 */
import { groupsCsv } from '../../core/followup';
import { generate } from '../../core/pipeline';
import { dateOption, outputOption, parse, UsageError } from '../args';
import { command } from '../command';
import { openInputs, refuseOutputIsInput } from '../inputs';
import { EXIT, printDiagnostics, printNotes } from '../io';
import { GROUPS_USAGE } from '../usage';

export const runGroups = command(GROUPS_USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' }, date: { type: 'string' } });
  if (!positionals.length) throw new UsageError('Indiquez un classeur et un fichier de sortie : pilote-ap groups <classeur.xlsx> -o <groupes.csv>');
  const output = outputOption(values.output, ['.csv'], 'groupes.csv');
  const date = dateOption(values.date);
  await refuseOutputIsInput(io, output, positionals);

  const inputs = await openInputs(io, positionals);
  printNotes(io, inputs.notes);
  const generation = await generate(inputs.snapshot, { today: date });
  const { plan, analysis } = generation;
  await io.writeFile(output, groupsCsv(plan, analysis.read.pupils));
  printDiagnostics(io, generation.diagnostics);
  io.stdout(`${plan.assignments.length} inscriptions dans ${plan.groups.length} groupes écrites : ${output}`);
  return EXIT.ok;
});
