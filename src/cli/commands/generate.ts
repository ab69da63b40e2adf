/**
 * `pilote-ap generate <fichiers…> -o <sortie.xlsx>`: reads the positionnement (one or several files,
 * any format `openWorkbookFile` knows), forms the groups and writes the completed workbook. An .xlsx or
 * .xlsm first input is completed as a copy; any other first input gives a new .xlsx holding the values
 * of its sheets. Sheets of the other inputs are added to the output. Copied sheets lose their
 * date-of-birth columns: a class list's dates of birth never reach a file Pilote AP writes.
 */
import { basename } from 'node:path';
import { generate } from '../../core/pipeline';
import { isReadingCheck, READING_CHECK_PREFIX } from '../../core/read';
import { gridToSpec } from '../../core/render/specToGrid';
import { toJsonReport } from '../../core/report';
import { withoutBirthDates } from '../../gateways/files/birthDates';
import { writeXlsx, XlsxFileGateway } from '../../gateways/xlsx/xlsxGateway';
import { dateOption, outputOption, parse, UsageError } from '../args';
import { command } from '../command';
import { openInputs, refuseOutputIsInput, type InputFile } from '../inputs';
import { EXIT, printDiagnostics, printNotes } from '../io';
import { GENERATE_USAGE } from '../usage';

function isExcelPackage(file: InputFile): boolean {
  return file.kind === 'xlsx' || file.kind === 'xlsm';
}

export const runGenerate = command(GENERATE_USAGE, async (args, io) => {
  const { values, positionals } = parse(args, {
    output: { type: 'string', short: 'o' },
    json: { type: 'boolean' },
    date: { type: 'string' },
    strict: { type: 'boolean' },
  });
  if (!positionals.length) throw new UsageError('Indiquez un classeur et un fichier de sortie : pilote-ap generate <classeur.xlsx> -o <sortie.xlsx>');
  const output = outputOption(values.output, ['.xlsx', '.xlsm'], 'groupes.xlsx');
  const date = dateOption(values.date);
  await refuseOutputIsInput(io, output, positionals);

  const inputs = await openInputs(io, positionals);
  printNotes(io, inputs.notes);
  const [first, ...others] = inputs.files;
  const generation = await generate(inputs.snapshot, { today: date });
  const doubts = generation.diagnostics.filter(isReadingCheck);
  if (values.strict && doubts.length) {
    printDiagnostics(io, generation.diagnostics);
    io.stderr(`Erreur — --strict : ${doubts.length} signe${doubts.length > 1 ? 's' : ''} de lecture douteuse (« ${READING_CHECK_PREFIX} » ci-dessus) : rien n'est écrit. Corrigez la lecture dans « AP Correspondances », ou relancez sans --strict.`);
    return EXIT.unusableInput;
  }

  const notes: string[] = [];
  if (!isExcelPackage(first)) {
    notes.push(`« ${output} » est un nouveau classeur .xlsx qui reprend les valeurs des feuilles de « ${basename(first.path)} » (ni formules ni mises en forme autres que les couleurs de fond).`);
  }
  for (const other of others) notes.push(`Les feuilles de « ${basename(other.path)} » sont ajoutées au classeur écrit (valeurs seulement).`);
  /** Sheets copied from an input into the new workbook, without any date of birth. */
  const copied = (file: InputFile) =>
    file.grids.map((grid) => {
      const { grid: kept, removed } = withoutBirthDates(grid);
      for (const label of removed) notes.push(`La colonne « ${label} » de « ${basename(file.path)} » n'est pas recopiée dans « ${output} ».`);
      return gridToSpec(kept);
    });
  const base = isExcelPackage(first) ? first.bytes : await writeXlsx(copied(first));
  const gateway = new XlsxFileGateway(base);
  await gateway.writeSheets([...others.flatMap(copied), ...generation.sheets]);
  await io.writeFile(output, await gateway.toBytes());

  printNotes(io, notes);
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
});
