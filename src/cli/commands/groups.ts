/**
 * `pilote-ap groups <classeur.xlsx> -o <groupes.csv> [--date AAAA-MM-JJ]`: runs the generation and
 * writes the group memberships for the timetable and vie-scolaire tools (`;`, UTF-8 with BOM).
 * The file names pupils: it stays in the school. Exit 0 ok, 1 unusable input, 2 bad usage.
 */
import { parseArgs } from 'node:util';
import { resolve } from 'node:path';
import { UnusableInputError } from '../../core/diagnostics';
import { groupsCsv } from '../../core/followup';
import { generate } from '../../core/pipeline';
import { readXlsx } from '../../gateways/xlsx/xlsxGateway';
import { EXIT, printDiagnostics, type CliIo } from '../io';

export const GROUPS_USAGE = `  pilote-ap groups <classeur.xlsx> -o <groupes.csv> [--date AAAA-MM-JJ]
      Forme les groupes et écrit leur composition (Nom ; Prénom ; Classe ; INE ; Groupe ; Atelier ;
      Intervenant ; Barrette) pour l'emploi du temps et la vie scolaire (CSV « ; », UTF-8 avec BOM).`;

function usage(io: CliIo, message: string): number {
  io.stderr(`${message}\n\nUtilisation :\n${GROUPS_USAGE}`);
  return EXIT.usage;
}

export async function runGroups(args: string[], io: CliIo): Promise<number> {
  let parsed;
  try {
    parsed = parseArgs({ args, allowPositionals: true, strict: true, options: { output: { type: 'string', short: 'o' }, date: { type: 'string' } } });
  } catch (error) {
    return usage(io, `Option invalide : ${(error as Error).message}`);
  }
  const { values, positionals } = parsed;
  const [input] = positionals;
  if (!input || !values.output || positionals.length > 1) return usage(io, 'Indiquez un classeur et un fichier de sortie : pilote-ap groups <classeur.xlsx> -o <groupes.csv>');
  const output = values.output;
  if (!/\.csv$/i.test(output)) return usage(io, `Le fichier de sortie doit finir par .csv : « ${output} ».`);
  if (resolve(input) === resolve(output)) return usage(io, "Le fichier de sortie doit être différent du classeur d'entrée, qui n'est jamais modifié.");
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
    printDiagnostics(io, generation.diagnostics);
    const { plan, analysis } = generation;
    await io.writeFile(output, groupsCsv(plan, analysis.read.pupils));
    io.stdout(`${plan.assignments.length} inscriptions dans ${plan.groups.length} groupes écrites : ${output}`);
    return EXIT.ok;
  } catch (error) {
    if (!(error instanceof UnusableInputError)) throw error;
    printDiagnostics(io, error.diagnostics.filter((d) => d.severity === 'error'));
    io.stderr(`Erreur : ${error.message}`);
    return EXIT.unusableInput;
  }
}
