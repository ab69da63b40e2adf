/** The workbook part of a package and its sheets, as both the reader and the writer see them. */
import { UnusableInputError } from '../../../core/diagnostics';
import { attribute, isRelType, Package, parseRels, resolveTarget, type Relationship } from './opc';

export const UNREADABLE_PACKAGE =
  "Ce fichier n'est pas un classeur Excel lisible (.xlsx) : son contenu est endommagé ou d'un autre format. Ouvrez-le dans Excel, enregistrez-le au format « Classeur Excel (*.xlsx) » puis réessayez.";

export interface SheetEntry {
  /** The `<sheet .../>` tag as written in the workbook part. */
  tag: string;
  name: string;
  sheetId: number;
  relId: string;
  /** Relationship type: a worksheet, a chart sheet... */
  type: string;
  part: string | null;
}

/** The workbook part the package's root relationships point at. */
export async function workbookPartOf(pkg: Package): Promise<string> {
  const rootRels = parseRels(await pkg.text('_rels/.rels'));
  const main = rootRels.find((r) => isRelType(r, 'officeDocument'));
  const part = main ? resolveTarget('', main.target) : 'xl/workbook.xml';
  if (!pkg.has(part)) throw new UnusableInputError(UNREADABLE_PACKAGE);
  return part;
}

export function sheetEntries(workbookXml: string, workbookPart: string, rels: Relationship[]): SheetEntry[] {
  const sheets = /<(?:\w+:)?sheets\b[^>]*>([\s\S]*?)<\/(?:\w+:)?sheets>/.exec(workbookXml)?.[1] ?? '';
  return [...sheets.matchAll(/<(?:\w+:)?sheet\b[^>]*>/g)].map(([tag]) => {
    const relId = /\s[\w]+:id\s*=\s*"([^"]*)"/.exec(tag)?.[1] ?? '';
    const rel = rels.find((r) => r.id === relId && !r.external);
    return {
      tag,
      name: attribute(tag, 'name') ?? '',
      sheetId: Number(attribute(tag, 'sheetId') ?? 0),
      relId,
      type: rel?.type ?? '',
      part: rel ? resolveTarget(workbookPart, rel.target) : null,
    };
  });
}

