/**
 * Opening any file a school has, decided from its content (never from its extension): Excel (.xlsx,
 * .xlsm), LibreOffice (.ods), CSV, the SIECLE class-list export (.xml or its .zip). Anything else is
 * refused with a French message saying what the file is and what to do. Browser-safe: no Node module.
 */
import type JSZip from 'jszip';
import { UnusableInputError } from '../../core/diagnostics';
import type { WorkbookSnapshot } from '../../core/grid';
import { readXlsx } from '../xlsx/xlsxGateway';
import { decodeText, readCsv } from './csv';
import { checkFileSize } from './limits';
import { isFlatOds, readFlatOds, readOds } from './ods';
import { decodeXml, isSiecleXml, readSiecleXml } from './siecle';
import { loadZip, readZipEntry } from './zip';

export type WorkbookFileKind = 'xlsx' | 'xlsm' | 'ods' | 'csv' | 'siecle-xml';

export interface OpenedWorkbook {
  kind: WorkbookFileKind;
  snapshot: WorkbookSnapshot;
  /** What was detected and how it was read (encoding, separator…), for the coordinator. */
  notes: string[];
}

const SAVE_AS_XLSX = 'Ouvrez-le dans Excel ou LibreOffice Calc et enregistrez-le au format « Classeur Excel (.xlsx) », puis réessayez.';

function startsWith(bytes: Uint8Array, signature: number[]): boolean {
  return signature.every((byte, i) => bytes[i] === byte);
}

/** True when `name` is written in UTF-16LE somewhere in the first bytes (stream names of an OLE file). */
function hasUtf16Name(bytes: Uint8Array, name: string): boolean {
  const pattern = Array.from(name).flatMap((ch) => [ch.charCodeAt(0), 0]);
  const end = bytes.length - pattern.length;
  outer: for (let i = 0; i <= end; i++) {
    for (let k = 0; k < pattern.length; k++) if (bytes[i + k] !== pattern[k]) continue outer;
    return true;
  }
  return false;
}

/** An OLE compound file: Excel 97-2003, a password-protected Excel file, or another old Office document. */
function describeOle(bytes: Uint8Array, fileName: string): UnusableInputError {
  if (hasUtf16Name(bytes, 'EncryptedPackage') || hasUtf16Name(bytes, 'EncryptionInfo')) {
    return new UnusableInputError(
      `« ${fileName} » est un classeur Excel protégé par un mot de passe : il ne peut pas être lu sans ce mot de passe. ` +
        'Ouvrez-le dans Excel, retirez le mot de passe (Fichier > Informations > Protéger le classeur > Chiffrer avec mot de passe, puis videz le champ), enregistrez-le et réessayez.',
    );
  }
  if (hasUtf16Name(bytes, 'Workbook') || hasUtf16Name(bytes, 'Book')) {
    return new UnusableInputError(`« ${fileName} » est un classeur Excel 97-2003 (.xls), un format trop ancien pour être lu. ${SAVE_AS_XLSX}`);
  }
  if (hasUtf16Name(bytes, 'WordDocument')) {
    return new UnusableInputError(`« ${fileName} » est un document Word (ancien format .doc), pas un classeur. Donnez le classeur de positionnement (.xlsx, .ods ou .csv).`);
  }
  return new UnusableInputError(`« ${fileName} » est un document Office d'ancien format qui n'est pas un classeur lisible. ${SAVE_AS_XLSX}`);
}

const ARCHIVE_WORKBOOK = /\.(xlsx|xlsm|ods|csv)$/i;

async function openSiecleEntry(zip: JSZip, fileName: string): Promise<OpenedWorkbook | null> {
  const xmlEntries = Object.values(zip.files).filter((entry) => !entry.dir && /\.xml$/i.test(entry.name));
  xmlEntries.sort((a, b) => Number(/ElevesSansAdresses/i.test(b.name)) - Number(/ElevesSansAdresses/i.test(a.name)));
  for (const entry of xmlEntries.slice(0, 5)) {
    const xml = decodeXml(await readZipEntry(entry, fileName, 'uint8array'));
    if (!isSiecleXml(xml)) continue;
    const { grid, notes } = readSiecleXml(xml, `${fileName} › ${entry.name}`);
    return { kind: 'siecle-xml', snapshot: { grids: [grid] }, notes };
  }
  return null;
}

async function openZip(bytes: Uint8Array, fileName: string): Promise<OpenedWorkbook> {
  const zip = await loadZip(bytes);
  if (!zip) throw new UnusableInputError(`« ${fileName} » est une archive zip abîmée ou incomplète (un classeur .xlsx ou .ods est aussi une archive zip). Copiez de nouveau le fichier d'origine, ou ${SAVE_AS_XLSX.charAt(0).toLowerCase()}${SAVE_AS_XLSX.slice(1)}`);
  const has = (path: string) => zip.file(path) !== null;
  const mimetype = has('mimetype') ? (await readZipEntry(zip.file('mimetype')!, fileName, 'string')).trim() : '';
  if (/^application\/vnd\.oasis\.opendocument\.spreadsheet/.test(mimetype) || (!mimetype && has('content.xml') && has('META-INF/manifest.xml'))) {
    return { kind: 'ods', snapshot: await readOds(zip, fileName), notes: [`« ${fileName} » lu comme un classeur LibreOffice Calc (.ods).`] };
  }
  if (mimetype.startsWith('application/vnd.oasis.opendocument.')) {
    throw new UnusableInputError(`« ${fileName} » est un document LibreOffice qui n'est pas un classeur (texte, présentation ou dessin). Donnez le classeur de positionnement (.ods, .xlsx ou .csv).`);
  }
  const types = has('[Content_Types].xml') ? await readZipEntry(zip.file('[Content_Types].xml')!, fileName, 'string') : '';
  if (has('xl/workbook.xml') || /spreadsheetml\.sheet\.main|sheet\.macroEnabled\.main/.test(types)) {
    const kind = /macroEnabled/i.test(types) || has('xl/vbaProject.bin') ? 'xlsm' : 'xlsx';
    const notes = kind === 'xlsm' ? [`« ${fileName} » est un classeur Excel avec macros (.xlsm) : ses macros ne sont jamais exécutées.`] : [];
    return { kind, snapshot: await readXlsx(bytes), notes };
  }
  if (has('xl/workbook.bin')) throw new UnusableInputError(`« ${fileName} » est un classeur Excel binaire (.xlsb), qui ne peut pas être lu. ${SAVE_AS_XLSX}`);
  if (has('word/document.xml')) throw new UnusableInputError(`« ${fileName} » est un document Word, pas un classeur. Donnez le classeur de positionnement (.xlsx, .ods ou .csv).`);
  if (has('ppt/presentation.xml')) throw new UnusableInputError(`« ${fileName} » est une présentation PowerPoint, pas un classeur. Donnez le classeur de positionnement (.xlsx, .ods ou .csv).`);
  const siecle = await openSiecleEntry(zip, fileName);
  if (siecle) return siecle;
  const inside = Object.values(zip.files).filter((entry) => !entry.dir).map((entry) => entry.name);
  const workbooks = inside.filter((name) => ARCHIVE_WORKBOOK.test(name));
  if (workbooks.length) {
    throw new UnusableInputError(`« ${fileName} » est une archive zip qui contient ${workbooks.slice(0, 3).map((name) => `« ${name} »`).join(', ')}${workbooks.length > 3 ? '…' : ''} : décompressez-la et donnez le classeur lui-même.`);
  }
  throw new UnusableInputError(
    `« ${fileName} » est une archive zip qui ne contient aucun classeur (${inside.length} fichier(s)${inside.length ? ` : ${inside.slice(0, 3).join(', ')}${inside.length > 3 ? '…' : ''}` : ''}). Donnez le classeur de positionnement (.xlsx, .ods ou .csv) ou l'export SIECLE des élèves.`,
  );
}

function openXmlText(text: string, fileName: string): OpenedWorkbook {
  if (isSiecleXml(text)) {
    const { grid, notes } = readSiecleXml(text, fileName);
    return { kind: 'siecle-xml', snapshot: { grids: [grid] }, notes };
  }
  if (isFlatOds(text)) return { kind: 'ods', snapshot: readFlatOds(text, fileName), notes: [`« ${fileName} » lu comme un classeur LibreOffice Calc au format XML à plat (.fods).`] };
  const head = text.slice(0, 4096);
  if (/urn:schemas-microsoft-com:office:spreadsheet/.test(head)) {
    throw new UnusableInputError(`« ${fileName} » est une « Feuille de calcul XML 2003 », un format ancien qui ne peut pas être lu. ${SAVE_AS_XLSX}`);
  }
  if (/<html|<table|<!doctype html/i.test(head)) {
    throw new UnusableInputError(`« ${fileName} » est une page web (certains logiciels l'enregistrent sous un nom en .xls), pas un vrai classeur. ${SAVE_AS_XLSX}`);
  }
  throw new UnusableInputError(`« ${fileName} » est un fichier XML qui n'est pas l'export SIECLE des élèves (ElevesSansAdresses.xml). Donnez le classeur de positionnement (.xlsx, .ods ou .csv) ou cet export SIECLE.`);
}

/** Binary formats that are obviously not a table, named for the message. */
const OTHER_SIGNATURES: { signature: number[]; what: string }[] = [
  { signature: [0x25, 0x50, 0x44, 0x46], what: 'un document PDF' },
  { signature: [0x89, 0x50, 0x4e, 0x47], what: 'une image PNG' },
  { signature: [0xff, 0xd8, 0xff], what: 'une image JPEG' },
  { signature: [0x47, 0x49, 0x46, 0x38], what: 'une image GIF' },
  { signature: [0x52, 0x61, 0x72, 0x21], what: 'une archive RAR' },
  { signature: [0x37, 0x7a, 0xbc, 0xaf], what: 'une archive 7-Zip' },
  { signature: [0x1f, 0x8b], what: 'une archive gzip' },
];

function looksBinary(bytes: Uint8Array): boolean {
  const sample = bytes.subarray(0, 8192);
  let controls = 0;
  for (const byte of sample) {
    if (byte === 0) return true;
    if (byte < 9 || (byte > 13 && byte < 32)) controls++;
  }
  return controls > sample.length / 100;
}

/**
 * A file's sheets as grids, whatever tool made it. Throws an UnusableInputError whose message says
 * what the file is and what to do when it is not a table this project can read.
 */
export async function openWorkbookFile(bytes: Uint8Array, fileName: string): Promise<OpenedWorkbook> {
  if (bytes.length === 0) throw new UnusableInputError(`« ${fileName} » est vide (0 octet) : le fichier a sans doute été mal copié ou mal enregistré.`);
  checkFileSize(bytes.length, fileName);
  if (startsWith(bytes, [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1])) throw describeOle(bytes, fileName);
  if (startsWith(bytes, [0x50, 0x4b, 0x03, 0x04]) || startsWith(bytes, [0x50, 0x4b, 0x05, 0x06])) return openZip(bytes, fileName);
  const other = OTHER_SIGNATURES.find(({ signature }) => startsWith(bytes, signature));
  if (other) throw new UnusableInputError(`« ${fileName} » est ${other.what}, pas un classeur. Donnez le classeur de positionnement (.xlsx, .ods ou .csv).`);

  const utf16 = startsWith(bytes, [0xff, 0xfe]) || startsWith(bytes, [0xfe, 0xff]);
  if (!utf16 && looksBinary(bytes)) {
    throw new UnusableInputError(`Le format de « ${fileName} » n'est pas reconnu : ce n'est ni un classeur Excel ou LibreOffice, ni un fichier CSV. ${SAVE_AS_XLSX}`);
  }
  const start = decodeText(bytes.subarray(0, 512)).text.trimStart();
  if (start.startsWith('<')) return openXmlText(utf16 ? decodeText(bytes).text : decodeXml(bytes), fileName);
  if (start.startsWith('{\\rtf')) throw new UnusableInputError(`« ${fileName} » est un document texte mis en forme (RTF), pas un tableau. ${SAVE_AS_XLSX}`);
  if (!start.trim()) throw new UnusableInputError(`« ${fileName} » ne contient que des espaces ou des lignes vides.`);
  const { grid, notes } = readCsv(bytes, fileName);
  return { kind: 'csv', snapshot: { grids: [grid] }, notes };
}
