/**
 * `pilote-ap`: the engine on .xlsx files, for a school without Excel 365, for automation and tests.
 *   pilote-ap generate <in.xlsx> -o <out.xlsx> [--json] [--date AAAA-MM-JJ]
 *   pilote-ap example -o <file.xlsx>
 * Exit codes: 0 success, 1 unusable input (French message), 2 bad usage.
 */
import { resolve } from 'node:path';
import { parseArgs, type ParseArgsConfig } from 'node:util';
import { UnusableInputError } from '../core/diagnostics';
import { buildExampleWorkbook } from '../core/example';
import { generate } from '../core/pipeline';
import { gridToSpec } from '../core/render/specToGrid';
import { toJsonReport } from '../core/report';
import { writeXlsx, XlsxFileGateway } from '../gateways/xlsx/xlsxGateway';
import { CONSOLIDATE_USAGE, runConsolidate } from './commands/consolidate';
import { EXPORT_USAGE, runExport } from './commands/export';
import { GROUPS_USAGE, runGroups } from './commands/groups';
import { EXIT, printDiagnostics, processIo, type CliIo } from './io';

const USAGE = `Utilisation :
  pilote-ap generate <classeur.xlsx> -o <sortie.xlsx> [--json] [--date AAAA-MM-JJ]
      Lit le positionnement, forme les groupes de besoin et écrit le classeur complété dans <sortie.xlsx>
      (le fichier d'entrée n'est jamais modifié). --json : rapport JSON sur la sortie standard.
  pilote-ap example -o <fichier.xlsx>
      Écrit le classeur d'exemple (lycée fictif) pour essayer Pilote AP.
${EXPORT_USAGE}
${CONSOLIDATE_USAGE}
${GROUPS_USAGE}
  pilote-ap help
`;

class UsageError extends Error {}

function today(): string {
  return new Date().toISOString().slice(0, 10);
}

function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(`Option invalide : ${(error as Error).message}`);
  }
}

async function readInput(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch {
    throw new UnusableInputError(`Impossible de lire le fichier « ${path} » : vérifiez le chemin.`);
  }
}

async function runGenerate(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    date: { type: 'string' },
  });
  const [input] = positionals;
  if (!input || !values.output || positionals.length > 1) throw new UsageError('Indiquez un classeur et un fichier de sortie : pilote-ap generate <classeur.xlsx> -o <sortie.xlsx>');
  const output = String(values.output);
  if (resolve(input) === resolve(output)) throw new UsageError("Le fichier de sortie doit être différent du classeur d'entrée, qui n'est jamais modifié.");
  const date = values.date ? String(values.date) : today();
  if (!/^\d{4}-\d{2}-\d{2}$/.test(date)) throw new UsageError('--date attend une date AAAA-MM-JJ.');

  const gateway = new XlsxFileGateway(await readInput(io, input));
  const generation = await generate(await gateway.readSnapshot(), { today: date });
  await gateway.writeSheets(generation.sheets);
  await io.writeFile(output, await gateway.toBytes());

  printDiagnostics(io, generation.diagnostics);
  if (values.json) {
    io.stdout(JSON.stringify(toJsonReport(generation), null, 2));
  } else {
    const s = generation.summary;
    io.stdout(
      `${s.pupilsRead} élèves lus, ${s.pupilsPlaced} placés dans ${s.groups} groupes, ${s.unassigned} sans atelier.\n` +
        `${s.errors} erreur(s), ${s.warnings} avertissement(s). Classeur écrit : ${output} (feuilles ${generation.sheets.map((x) => x.name).join(', ')}).`,
    );
  }
  return EXIT.ok;
}

async function runExample(args: string[], io: CliIo): Promise<number> {
  const { values, positionals } = parse(args, { output: { type: 'string', short: 'o' } });
  if (!values.output || positionals.length) throw new UsageError("Indiquez le fichier à écrire : pilote-ap example -o <fichier.xlsx>");
  const specs = buildExampleWorkbook().grids.map(gridToSpec);
  await io.writeFile(String(values.output), await writeXlsx(specs));
  io.stdout(`Classeur d'exemple écrit : ${values.output}`);
  return EXIT.ok;
}

const COMMANDS: Record<string, (args: string[], io: CliIo) => Promise<number>> = {
  generate: runGenerate,
  example: runExample,
  export: runExport,
  consolidate: runConsolidate,
  groups: runGroups,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (!command || command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return command ? EXIT.ok : EXIT.usage;
  }
  const run = COMMANDS[command];
  if (!run) {
    io.stderr(`Commande inconnue : « ${command} ».\n\n${USAGE}`);
    return EXIT.usage;
  }
  try {
    return await run(args, io);
  } catch (error) {
    if (error instanceof UsageError) {
      io.stderr(`${error.message}\n\n${USAGE}`);
      return EXIT.usage;
    }
    if (error instanceof UnusableInputError) {
      printDiagnostics(io, error.diagnostics);
      io.stderr(`Erreur : ${error.message}`);
      return EXIT.unusableInput;
    }
    throw error;
  }
}
