/**
 * SIECLE class lists: `ElevesSansAdresses.xml` (BEE_ELEVES, ISO-8859-15), alone or inside
 * `ExportXML_ElevesSansAdresses.zip`, becomes one class-list sheet « Liste SIECLE »:
 * Nom | Prénom | INE | Classe | MEF | Date de sortie. Only these fields are read: the date of birth,
 * addresses and every other personal field of the export are never copied anywhere.
 */
import { SaxesParser } from 'saxes';
import { UnusableInputError } from '../../core/diagnostics';
import type { CellValue, Grid } from '../../core/grid';
import { decodeWindows1252 } from './csv';

export const SIECLE_SHEET = 'Liste SIECLE';
export const SIECLE_HEADER = ['Nom', 'Prénom', 'INE', 'Classe', 'MEF', 'Date de sortie'];

/** The only fields of an ELEVE element that are read. */
const PUPIL_FIELDS = new Set(['ID_NATIONAL', 'NOM_DE_FAMILLE', 'NOM_USAGE', 'PRENOM', 'CODE_MEF', 'DATE_SORTIE']);

/** The encoding named in the XML declaration (SIECLE says ISO-8859-15), else UTF-8. */
export function decodeXml(bytes: Uint8Array): string {
  const head = new TextDecoder('latin1').decode(bytes.subarray(0, 200));
  const declared = /^\uFEFF?<\?xml[^>]*encoding\s*=\s*["']([A-Za-z0-9._-]+)["']/.exec(head)?.[1];
  if (declared && /^(windows-1252|cp1252|iso-8859-1|latin-?1)$/i.test(declared)) return decodeWindows1252(bytes);
  if (declared) {
    try {
      return new TextDecoder(declared).decode(bytes);
    } catch {
      // An unknown label: read it as UTF-8 below.
    }
  }
  return new TextDecoder('utf-8').decode(bytes);
}

/** True when the XML's root element is SIECLE's BEE_ELEVES. */
export function isSiecleXml(text: string): boolean {
  return /^\uFEFF?\s*(<\?xml[^>]*\?>\s*)?(<!--[\s\S]*?-->\s*)*<BEE_ELEVES[\s>]/.test(text.slice(0, 4096));
}

interface SieclePupil {
  fields: Map<string, string>;
  division?: string;
}

function parseSiecle(xml: string, fileName: string): SieclePupil[] {
  const pupils = new Map<string, SieclePupil>();
  const divisions = new Map<string, string>();
  const path: string[] = [];
  let pupil: SieclePupil | null = null;
  let structureOf: string | null = null;
  let structure: { code?: string; type?: string } | null = null;
  let text = '';
  const parser = new SaxesParser();
  parser.on('opentag', (tag) => {
    path.push(tag.name);
    text = '';
    const parent = path[path.length - 2];
    if (tag.name === 'ELEVE' && parent === 'ELEVES') {
      pupil = { fields: new Map() };
      pupils.set(String(tag.attributes.ELEVE_ID ?? `#${pupils.size}`), pupil);
    } else if (tag.name === 'STRUCTURES_ELEVE' && parent === 'STRUCTURES') structureOf = String(tag.attributes.ELEVE_ID ?? '');
    else if (tag.name === 'STRUCTURE' && structureOf !== null) structure = {};
  });
  parser.on('text', (chunk) => {
    text += chunk;
  });
  parser.on('closetag', (tag) => {
    path.pop();
    const parent = path[path.length - 1];
    const value = text.trim();
    if (pupil && parent === 'ELEVE' && PUPIL_FIELDS.has(tag.name)) {
      if (value) pupil.fields.set(tag.name, value);
    } else if (tag.name === 'ELEVE') pupil = null;
    else if (structure && parent === 'STRUCTURE') {
      if (tag.name === 'CODE_STRUCTURE') structure.code = value;
      if (tag.name === 'TYPE_STRUCTURE') structure.type = value;
    } else if (tag.name === 'STRUCTURE' && structure && structureOf !== null) {
      if (structure.type === 'D' && structure.code) divisions.set(structureOf, structure.code);
      structure = null;
    } else if (tag.name === 'STRUCTURES_ELEVE') structureOf = null;
    text = '';
  });
  try {
    parser.write(xml).close();
  } catch {
    throw new UnusableInputError(`L'export SIECLE « ${fileName} » est incomplet ou abîmé. Téléchargez-le de nouveau depuis SIECLE (Exports XML > ElevesSansAdresses).`);
  }
  for (const [id, p] of pupils) p.division = divisions.get(id);
  return [...pupils.values()];
}

const collator = new Intl.Collator('fr', { sensitivity: 'base' });

/** The class list of a SIECLE export: one row per pupil, sorted by class then name. */
export function readSiecleXml(xml: string, fileName: string): { grid: Grid; notes: string[] } {
  const pupils = parseSiecle(xml, fileName);
  if (!pupils.length) throw new UnusableInputError(`L'export SIECLE « ${fileName} » ne contient aucun élève.`);
  const rows: CellValue[][] = pupils.map((p) => {
    const f = p.fields;
    const name = f.get('NOM_USAGE') ?? f.get('NOM_DE_FAMILLE') ?? null;
    return [name, f.get('PRENOM') ?? null, f.get('ID_NATIONAL') ?? null, p.division ?? null, f.get('CODE_MEF') ?? null, f.get('DATE_SORTIE') ?? null];
  });
  rows.sort((a, b) => collator.compare(String(a[3] ?? ''), String(b[3] ?? '')) || collator.compare(String(a[0] ?? ''), String(b[0] ?? '')) || collator.compare(String(a[1] ?? ''), String(b[1] ?? '')));
  const left = rows.filter((r) => r[5] !== null).length;
  const withoutClass = rows.filter((r) => r[3] === null).length;
  const notes = [
    `« ${fileName} » lu comme l'export SIECLE des élèves : ${rows.length} élève(s) dans la feuille « ${SIECLE_SHEET} »` +
      (left ? `, dont ${left} sorti(s) de l'établissement` : '') +
      (withoutClass ? `, ${withoutClass} sans division` : '') +
      ' (la date de naissance et les autres données personnelles ne sont pas reprises).',
  ];
  return { grid: { sheet: SIECLE_SHEET, origin: { row: 0, col: 0 }, values: [SIECLE_HEADER, ...rows] }, notes };
}
