/**
 * Defined names of the workbook part when the package writer replaces and adds sheets. A name scoped
 * to a sheet carries `localSheetId`, the sheet's 0-based position in `<sheets>`: the names of a
 * replaced AP sheet go, the coordinator's names keep pointing at the same sheets, and the page setup
 * names of our written sheets (repeated rows) are added, scoped to their positions.
 * No Node-only API: the browser bundle uses it too.
 */
import { attribute, escapeXml } from './opc';

interface DefinedName {
  /** The element as written. */
  xml: string;
  name: string;
  localSheetId: number | null;
  /** The formula, as escaped XML text. */
  formula: string;
}

/** A name scoped to one of our sheets: `formula` as plain text (escaped here). */
export interface SheetName {
  name: string;
  /** 0-based position of the sheet in the output's `<sheets>`. */
  position: number;
  formula: string;
}

const DEFINED_NAMES_BLOCK = /<(\w+:)?definedNames\b[^>]*?(?:\/>|>[\s\S]*?<\/\1definedNames>)/;
const DEFINED_NAME = /<(?:\w+:)?definedName\b[^>]*?(?:\/>|>([\s\S]*?)<\/(?:\w+:)?definedName>)/g;
/** Elements `definedNames` comes after in CT_Workbook (when the workbook has none yet). */
const BEFORE_DEFINED_NAMES = /<\/(?:\w+:)?(?:sheets|functionGroups|externalReferences)>|<(?:\w+:)?functionGroups\b[^>]*\/>/g;

function definedNames(workbookXml: string): DefinedName[] {
  const block = DEFINED_NAMES_BLOCK.exec(workbookXml)?.[0] ?? '';
  return [...block.matchAll(DEFINED_NAME)].map((match) => {
    const start = /^<[^>]*>/.exec(match[0])![0];
    const local = attribute(start, 'localSheetId');
    return {
      xml: match[0],
      name: attribute(start, 'name') ?? '',
      localSheetId: local === null || !/^\d+$/.test(local.trim()) ? null : Number(local),
      formula: match[1] ?? '',
    };
  });
}

/**
 * The workbook part with its defined names rewritten:
 * - `inputPositions[i]`: where the input's sheet i is in the output, or null for a replaced AP sheet
 *   (the names scoped to it are dropped); the other names keep their exact XML but for `localSheetId`;
 * - `ours`: the names of our written sheets, added.
 */
export function carryDefinedNames(workbookXml: string, inputPositions: (number | null)[], ours: SheetName[]): string {
  const prefix = /<(\w+:)?sheets\b/.exec(workbookXml)?.[1] ?? '';
  const kept: string[] = [];
  for (const name of definedNames(workbookXml)) {
    if (name.localSheetId === null) {
      kept.push(name.xml);
      continue;
    }
    const position = inputPositions[name.localSheetId];
    // A name scoped to a position no sheet holds (damaged input) is kept as it was.
    if (position === undefined) kept.push(name.xml);
    else if (position !== null) kept.push(name.xml.replace(/(\slocalSheetId\s*=\s*)(?:"[^"]*"|'[^']*')/, (_, head: string) => `${head}"${position}"`));
  }
  for (const name of ours) {
    kept.push(`<${prefix}definedName name="${escapeXml(name.name)}" localSheetId="${name.position}">${escapeXml(name.formula)}</${prefix}definedName>`);
  }

  const block = kept.length ? `<${prefix}definedNames>${kept.join('')}</${prefix}definedNames>` : '';
  if (DEFINED_NAMES_BLOCK.test(workbookXml)) return workbookXml.replace(DEFINED_NAMES_BLOCK, () => block);
  if (!block) return workbookXml;
  const anchor = [...workbookXml.matchAll(BEFORE_DEFINED_NAMES)].pop();
  if (!anchor) return workbookXml;
  const at = anchor.index + anchor[0].length;
  return `${workbookXml.slice(0, at)}${block}${workbookXml.slice(at)}`;
}
