/** `pilote-ap example -o <fichier.xlsx>`: writes the bundled example workbook (a fictional lycée). */
import { buildExampleWorkbook } from '../../core/example';
import { gridToSpec } from '../../core/render/specToGrid';
import { writeXlsx } from '../../gateways/xlsx/xlsxGateway';
import { outputOption, parse, UsageError } from '../args';
import { command } from '../command';
import { EXIT } from '../io';
import { EXAMPLE_USAGE } from '../usage';

export const runExample = command(EXAMPLE_USAGE, async (args, io) => {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' } });
  if (positionals.length) throw new UsageError("Indiquez seulement le fichier à écrire : pilote-ap example -o <fichier.xlsx>");
  const output = outputOption(values.output, ['.xlsx'], 'mon-exemple.xlsx');
  await io.writeFile(output, await writeXlsx(buildExampleWorkbook().grids.map(gridToSpec)));
  io.stdout(`Classeur d'exemple écrit : ${output}`);
  return EXIT.ok;
});
