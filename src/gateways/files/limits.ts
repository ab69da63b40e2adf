/**
 * Size limits of the files a coordinator can open: far above any school workbook (a lycée has a few
 * thousand pupils and a few hundred columns), low enough that a hostile or broken file is refused with
 * a message instead of exhausting the memory. Reading stays proportional to what a file holds.
 */
import { UnusableInputError } from '../../core/diagnostics';
import { a1 } from '../../core/grid';

/** Largest file accepted, in bytes. */
export const MAX_FILE_BYTES = 64 * 1024 * 1024;
/** Largest uncompressed part read from an archive (content.xml of an .ods, a SIECLE XML). */
export const MAX_PART_BYTES = 256 * 1024 * 1024;
/** Largest rectangle of cells handed to the engine for one sheet. */
export const MAX_SHEET_CELLS = 4_000_000;
/** The rows and columns of a worksheet (Excel and LibreOffice). */
export const MAX_ROWS = 1_048_576;
export const MAX_COLUMNS = 16_384;

const MEGABYTE = 1024 * 1024;

export function checkFileSize(byteLength: number, fileName: string): void {
  if (byteLength > MAX_FILE_BYTES) {
    throw new UnusableInputError(
      `« ${fileName} » pèse ${Math.round(byteLength / MEGABYTE)} Mo : c'est bien plus qu'un classeur d'établissement ` +
        `(${MAX_FILE_BYTES / MEGABYTE} Mo au plus). Vérifiez qu'il s'agit du bon fichier, ou enregistrez seulement les feuilles utiles.`,
    );
  }
}

export function checkPartSize(byteLength: number, fileName: string, part: string): void {
  if (byteLength > MAX_PART_BYTES) {
    throw new UnusableInputError(
      `« ${fileName} » contient une partie « ${part} » de ${Math.round(byteLength / MEGABYTE)} Mo une fois décompressée : ` +
        "c'est bien plus qu'un classeur d'établissement. Vérifiez qu'il s'agit du bon fichier.",
    );
  }
}

/** Refuse a sheet whose used rectangle (from A1-relative `top`/`left` to `bottom`/`right`) is beyond a school workbook. */
export function checkSheetExtent(sheet: string, top: number, left: number, bottom: number, right: number): void {
  const cells = (bottom - top + 1) * (right - left + 1);
  if (cells > MAX_SHEET_CELLS) {
    throw new UnusableInputError(
      `La feuille « ${sheet} » s'étend de ${a1(top, left)} à ${a1(bottom, right)} (${cells.toLocaleString('fr-FR')} cellules) : ` +
        "c'est bien au-delà d'un classeur d'établissement. Effacez les cellules remplies ou colorées loin du tableau " +
        `(la plus lointaine est en ${a1(bottom, right)}), puis réessayez.`,
    );
  }
}
