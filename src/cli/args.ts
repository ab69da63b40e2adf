/** Command-line arguments: parsing, usage errors, dates. */
import { localIsoDate } from '../core/dates';
import { parseArgs, type ParseArgsConfig } from 'node:util';

/** Bad usage of the command line: printed with the command's usage on stderr, exit 2. */
export class UsageError extends Error {}

export function parse(args: string[], options: NonNullable<ParseArgsConfig['options']>) {
  try {
    const { values, positionals } = parseArgs({ args, options, allowPositionals: true, strict: true });
    return { values: values as Record<string, string | boolean | undefined>, positionals };
  } catch (error) {
    throw new UsageError(`Option invalide : ${(error as Error).message}`);
  }
}

const FIRST_YEAR = 2000;
const LAST_YEAR = 2099;

/** `--date`: a real calendar date AAAA-MM-JJ (2026-02-30 is refused), today when absent. */
export function dateOption(value: string | boolean | undefined): string {
  if (value === undefined) return localIsoDate(new Date());
  const text = String(value);
  const match = /^(\d{4})-(\d{2})-(\d{2})$/.exec(text);
  if (!match) throw new UsageError(`--date attend une date AAAA-MM-JJ, par exemple 2026-11-20 (reçu « ${text} »).`);
  const [year, month, day] = match.slice(1).map(Number);
  const date = new Date(Date.UTC(year, month - 1, day));
  if (date.getUTCFullYear() !== year || date.getUTCMonth() !== month - 1 || date.getUTCDate() !== day) {
    throw new UsageError(`--date : le ${day}/${String(month).padStart(2, '0')}/${year} n'existe pas dans le calendrier.`);
  }
  if (year < FIRST_YEAR || year > LAST_YEAR) throw new UsageError(`--date : l'année ${year} est hors de la plage ${FIRST_YEAR}-${LAST_YEAR}.`);
  return text;
}

/** The output path, which must end with one of `extensions` (lower case, with the dot). */
export function outputOption(value: string | boolean | undefined, extensions: string[], example: string): string {
  if (typeof value !== 'string' || !value) throw new UsageError(`Indiquez le fichier à écrire avec -o, par exemple -o ${example}.`);
  if (!extensions.some((ext) => value.toLowerCase().endsWith(ext))) {
    throw new UsageError(`Le fichier de sortie doit finir par ${extensions.join(' ou ')} : « ${value} ».`);
  }
  return value;
}
