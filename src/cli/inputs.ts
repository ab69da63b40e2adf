/**
 * Input files of a command: opened whatever their format, read as one workbook, and the output
 * checked never to be one of them.
 */
import { basename } from 'node:path';
import { UnusableInputError } from '../core/diagnostics';
import type { Grid, WorkbookSnapshot } from '../core/grid';
import { openWorkbookFile, type WorkbookFileKind } from '../gateways/files/open';
import { excelSheetName, uniqueSheetName } from '../gateways/files/names';
import { UsageError } from './args';
import type { CliIo } from './io';

export interface InputFile {
  path: string;
  kind: WorkbookFileKind;
  bytes: Uint8Array;
  /** The file's sheets, renamed where an earlier file already had the name. */
  grids: Grid[];
}

export interface Inputs {
  files: InputFile[];
  /** Every sheet of every file, in order: what the engine reads. */
  snapshot: WorkbookSnapshot;
  notes: string[];
}

/** The bytes of an input file; any failure is a French message naming it. */
export async function readInput(io: CliIo, path: string): Promise<Uint8Array> {
  try {
    return await io.readFile(path);
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    throw new UnusableInputError(`Impossible de lire « ${path} » : vérifiez le chemin.`);
  }
}

/**
 * Open every file and concatenate their sheets. Names become ones Excel accepts, and a name met twice
 * becomes « name (2) » (Excel compares names without case).
 */
export async function openInputs(io: CliIo, paths: string[]): Promise<Inputs> {
  const files: InputFile[] = [];
  const notes: string[] = [];
  const taken = new Set<string>();
  for (const path of paths) {
    const bytes = await readInput(io, path);
    const opened = await openWorkbookFile(bytes, basename(path));
    notes.push(...opened.notes);
    const grids = opened.snapshot.grids.map((grid) => {
      const sheet = uniqueSheetName(excelSheetName(grid.sheet), taken);
      if (sheet !== grid.sheet) notes.push(`La feuille « ${grid.sheet} » de « ${basename(path)} » est lue sous le nom « ${sheet} » (nom déjà pris ou refusé par Excel).`);
      return sheet === grid.sheet ? grid : { ...grid, sheet };
    });
    files.push({ path, kind: opened.kind, bytes, grids });
  }
  return { files, snapshot: { grids: files.flatMap((file) => file.grids) }, notes };
}

/**
 * Refuse an output that is one of the inputs, whatever the path says (same file through a symbolic
 * link, a hard link, `..` or another spelling): inputs are never modified.
 */
export async function refuseOutputIsInput(io: CliIo, output: string, inputs: string[]): Promise<void> {
  const target = await io.fileIdentity(output);
  if (target === null) return;
  for (const input of inputs) {
    if ((await io.fileIdentity(input)) === target) {
      throw new UsageError(
        `Le fichier de sortie « ${output} » est le fichier d'entrée « ${input} » (même fichier, peut-être par un lien) : ` +
          "les fichiers d'entrée ne sont jamais modifiés. Choisissez un autre nom de sortie.",
      );
    }
  }
}
