import { readdirSync, readFileSync } from 'node:fs';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../../src/core/diagnostics';
import { openWorkbookFile } from '../../../src/gateways/files/open';
import { MAX_FILE_BYTES } from '../../../src/gateways/files/limits';

const utf8 = (text: string) => new TextEncoder().encode(text);
const utf16 = (text: string) => Array.from(text, (ch) => [ch.charCodeAt(0), 0]).flat();

/** The start of an OLE compound file (what Excel 97-2003 and encrypted Office files are) naming `streams`. */
function oleFile(streams: string[]): Uint8Array {
  const header = [0xd0, 0xcf, 0x11, 0xe0, 0xa1, 0xb1, 0x1a, 0xe1, ...new Array(504).fill(0)];
  return Uint8Array.from([...header, ...streams.flatMap((name) => [...utf16(name), ...new Array(64 - name.length * 2).fill(0)])]);
}

async function zipOf(files: Record<string, string>): Promise<Uint8Array> {
  const zip = new JSZip();
  for (const [name, content] of Object.entries(files)) zip.file(name, content);
  return zip.generateAsync({ type: 'uint8array' });
}

async function refusal(bytes: Uint8Array, fileName: string): Promise<string> {
  const error = await openWorkbookFile(bytes, fileName).catch((e: unknown) => e);
  expect(error).toBeInstanceOf(UnusableInputError);
  return (error as Error).message;
}

describe('openWorkbookFile: what the file is, by content', () => {
  it('opens .xlsx and .xlsm packages whatever their name', async () => {
    const xlsx = new Uint8Array(readFileSync('test/fixtures/par-classe.xlsx'));
    const opened = await openWorkbookFile(xlsx, 'positionnement.csv');
    expect(opened.kind).toBe('xlsx');
    expect(opened.snapshot.grids.map((g) => g.sheet)).toContain('2MRC');
    const zip = await JSZip.loadAsync(xlsx);
    const types = await zip.file('[Content_Types].xml')!.async('string');
    zip.file('[Content_Types].xml', types.replace('spreadsheetml.sheet.main+xml', 'sheet.macroEnabled.main+xml'));
    const xlsm = await openWorkbookFile(await zip.generateAsync({ type: 'uint8array' }), 'macros.xlsm');
    expect(xlsm.kind).toBe('xlsm');
    expect(xlsm.notes.join()).toMatch(/macros ne sont jamais exécutées/);
  });

  it('says what each unreadable file is and what to do', async () => {
    expect(await refusal(new Uint8Array(), 'vide.xlsx')).toMatch(/est vide/);
    expect(await refusal(utf8('  \n\n '), 'blanc.csv')).toMatch(/que des espaces/);
    expect(await refusal(oleFile(['Root Entry', 'EncryptionInfo', 'EncryptedPackage']), 'secret.xlsx')).toMatch(/protégé par un mot de passe.*retirez le mot de passe/);
    expect(await refusal(oleFile(['Root Entry', 'Workbook', 'SummaryInformation']), 'ancien.xls')).toMatch(/Excel 97-2003 \(\.xls\).*Classeur Excel \(\.xlsx\)/);
    expect(await refusal(oleFile(['Root Entry', 'WordDocument']), 'lettre.doc')).toMatch(/document Word/);
    expect(await refusal(utf8('%PDF-1.7\n%âãÏÓ\n1 0 obj'), 'bulletin.xlsx')).toMatch(/document PDF/);
    expect(await refusal(new Uint8Array(readFileSync('assets/icon-16.png')), 'capture.xlsx')).toMatch(/image PNG/);
    expect(await refusal(await zipOf({ 'photo.jpg': 'x', 'notes.txt': 'y' }), 'archive.zip')).toMatch(/ne contient aucun classeur \(2 fichier\(s\) : photo\.jpg, notes\.txt\)/);
    expect(await refusal(await zipOf({ 'dossier/positionnement.xlsx': 'x' }), 'envoi.zip')).toMatch(/contient « dossier\/positionnement\.xlsx ».*décompressez-la/);
    expect(await refusal(await zipOf({ '[Content_Types].xml': '<Types/>', 'word/document.xml': '<w/>' }), 'compte-rendu.xlsx')).toMatch(/document Word/);
    expect(await refusal(await zipOf({ mimetype: 'application/vnd.oasis.opendocument.text', 'content.xml': '<x/>' }), 'texte.ods')).toMatch(/n'est pas un classeur/);
    expect(await refusal(await zipOf({ 'xl/workbook.bin': 'x' }), 'binaire.xlsb')).toMatch(/\.xlsb/);
    expect(await refusal(utf8('PK\u0003\u0004 tronqué'), 'coupé.xlsx')).toMatch(/archive zip abîmée/);
    expect(await refusal(utf8('<html><body><table><tr><td>Nom</td></tr></table></body></html>'), 'pronote.xls')).toMatch(/page web/);
    expect(await refusal(utf8('<?xml version="1.0"?><Workbook xmlns="urn:schemas-microsoft-com:office:spreadsheet"/>'), 'export.xml')).toMatch(/Feuille de calcul XML 2003/);
    expect(await refusal(utf8('<?xml version="1.0"?><config/>'), 'config.xml')).toMatch(/XML qui n'est pas l'export SIECLE/);
    expect(await refusal(Uint8Array.from({ length: 300 }, (_, i) => (i * 7) % 256), 'inconnu.dat')).toMatch(/format de « inconnu\.dat » n'est pas reconnu/);
  });

  it('refuses a file larger than a school workbook before reading it', async () => {
    expect(await refusal(new Uint8Array(MAX_FILE_BYTES + 1), 'énorme.csv')).toMatch(/pèse 64 Mo/);
  });

  it('reads a text file as CSV and says so', async () => {
    const opened = await openWorkbookFile(utf8('Nom,Prénom,Classe\nDupont,Léa,2MRC\n'), 'export.txt');
    expect(opened.kind).toBe('csv');
    expect(opened.snapshot.grids[0]).toMatchObject({ sheet: 'export', values: [['Nom', 'Prénom', 'Classe'], ['Dupont', 'Léa', '2MRC']] });
    expect(opened.notes[0]).toMatch(/séparateur virgule, encodage UTF-8/);
  });
});

describe('src/gateways/files', () => {
  it('imports no Node module: the browser app opens files with the same code', () => {
    const folder = 'src/gateways/files';
    const sources = readdirSync(folder).filter((name) => name.endsWith('.ts'));
    expect(sources).toContain('open.ts');
    for (const name of sources) {
      const imports = [...readFileSync(`${folder}/${name}`, 'utf8').matchAll(/from '([^']+)'/g)].map((m) => m[1]);
      for (const specifier of imports) expect(specifier, `${name} imports ${specifier}`).toMatch(/^(\.|jszip$|saxes$)/);
      expect(readFileSync(`${folder}/${name}`, 'utf8')).not.toMatch(/\bprocess\.|\bBuffer\b|require\(/);
    }
  });
});
