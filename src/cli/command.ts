/** One way for every command to end: usage errors (exit 2) and unusable input (exit 1) told once, in French. */
import { UnusableInputError } from '../core/diagnostics';
import { UsageError } from './args';
import { EXIT, printDiagnostics, type CliIo } from './io';

export type Command = (args: string[], io: CliIo) => Promise<number>;

/** The failure as the coordinator reads it: the error's diagnostics (without repeating the message), then the message. */
export function reportFailure(io: CliIo, error: unknown, usage: string): number {
  if (error instanceof UsageError) {
    io.stderr(`${error.message}\n\nUtilisation :\n${usage}`);
    return EXIT.usage;
  }
  if (error instanceof UnusableInputError) {
    printDiagnostics(io, error.diagnostics.filter((d) => d.severity === 'error' && d.message !== error.message));
    io.stderr(`Erreur : ${error.message}`);
    return EXIT.unusableInput;
  }
  // A defect of Pilote AP itself: still no stack trace for the coordinator, unless asked for.
  const detail = process.env.PILOTE_AP_DEBUG ? `\n${(error as Error)?.stack ?? String(error)}` : '';
  io.stderr(`Erreur interne de Pilote AP : ${(error as Error)?.message ?? String(error)}. Rien n'a été écrit ; signalez-la avec le fichier concerné si possible.${detail}`);
  return EXIT.unusableInput;
}

/** A command whose every failure ends as `reportFailure` says. */
export function command(usage: string, body: Command): Command {
  return async (args, io) => {
    try {
      return await body(args, io);
    } catch (error) {
      return reportFailure(io, error, usage);
    }
  };
}
