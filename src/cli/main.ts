/**
 * `pilote-ap`: the engine on workbook files, for a school without Excel 365, for automation and tests.
 * Each command is loaded only when it runs, so that `pilote-ap help` starts at once.
 * Exit codes: 0 success, 1 unusable input or file-system failure (French message), 2 bad usage.
 */
import type { Command } from './command';
import { EXIT, processIo, type CliIo } from './io';
import { USAGE } from './usage';

const COMMANDS: Record<string, () => Promise<Command>> = {
  generate: async () => (await import('./commands/generate')).runGenerate,
  example: async () => (await import('./commands/example')).runExample,
  export: async () => (await import('./commands/export')).runExport,
  consolidate: async () => (await import('./commands/consolidate')).runConsolidate,
  groups: async () => (await import('./commands/groups')).runGroups,
};

export async function main(argv: string[], io: CliIo = processIo): Promise<number> {
  const [command, ...args] = argv;
  if (command === 'help' || command === '--help' || command === '-h') {
    io.stdout(USAGE);
    return EXIT.ok;
  }
  const load = command ? Object.hasOwn(COMMANDS, command) && COMMANDS[command] : undefined;
  if (!load) {
    io.stderr(`${command ? `Commande inconnue : « ${command} ».` : 'Indiquez une commande.'}\n\n${USAGE}`);
    return EXIT.usage;
  }
  return (await load())(args, io);
}
