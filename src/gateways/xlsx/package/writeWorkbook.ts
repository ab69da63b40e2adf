/**
 * The package-level writer: the output workbook is the coordinator's package, edited. Every part that
 * does not belong to a Pilote AP sheet keeps its exact bytes (their sheets, drawings, charts, images,
 * pivot tables, macros, comments, custom XML...). Only these change: the workbook part and its
 * relationships, `[Content_Types].xml`, the styles (append-only), and the AP sheets' own parts.
 *
 * The AP sheets are rendered by ExcelJS into a separate package (see render.ts), then transplanted:
 * style indices remapped, shared strings made inline (the coordinator's string table is not touched),
 * table ids and names made unique in the workbook, parts given free names. A replaced AP sheet keeps its
 * tab position and sheetId; its old parts, and their children nobody else uses, are removed.
 * No Node-only API: the browser bundle uses it too.
 */
import { UnusableInputError } from '../../../core/diagnostics';
import type { SheetSpec } from '../../../core/render/sheetSpec';
import { findBySheetName, sheetNameKey } from '../../../core/sheetNames';
import { renderWorkbook } from '../render';
import {
  attribute,
  escapeXml,
  isRelType,
  nextRelId,
  NS,
  Package,
  parseRels,
  REL_TYPE,
  relativeTarget,
  relsPath,
  relsXml,
  resolveTarget,
  withAttribute,
  type Relationship,
} from './opc';
import { carryDefinedNames } from './definedNames';
import { mergeStyles, type StyleMaps } from './styles';
import { sheetEntries, UNREADABLE_PACKAGE, workbookPartOf } from './workbookParts';

/** Every part reachable from `start` through internal relationships (start included). */
async function subtree(pkg: Package, start: string): Promise<Set<string>> {
  const seen = new Set<string>();
  const stack = [start];
  while (stack.length) {
    const part = stack.pop()!;
    if (seen.has(part) || !pkg.has(part)) continue;
    seen.add(part);
    for (const rel of await pkg.rels(part)) if (!rel.external) stack.push(resolveTarget(part, rel.target));
  }
  return seen;
}

/** The rendered workbook's shared strings (inner XML of each `<si>`, in index order), to be written inline. */
function sharedStringItems(sstXml: string | null): string[] {
  return [...(sstXml ?? '').matchAll(/<si>([\s\S]*?)<\/si>|<si\/>/g)].map((m) => m[1] ?? '');
}

/** The rendered sheet's XML with the merged styles' indices and inline strings. */
function adaptSheetXml(xml: string, maps: StyleMaps, strings: string[]): string {
  const xf = (value: string | null) => String(maps.cellXfs[Number(value)] ?? 0);
  return xml
    .replace(/<c\b([^>]*?)(\/>|>([\s\S]*?)<\/c>)/g, (_whole, attributes: string, _end: string, body: string | undefined) => {
      let tag = `<c${attributes}`;
      if (attribute(tag, 's') !== null) tag = withAttribute(tag, 's', xf(attribute(tag, 's')));
      if (attribute(tag, 't') === 's' && body !== undefined) {
        const index = Number(/<v>([^<]*)<\/v>/.exec(body)?.[1]);
        return `${withAttribute(tag, 't', 'inlineStr')}><is>${strings[index] ?? '<t></t>'}</is></c>`;
      }
      return body === undefined ? `${tag}/>` : `${tag}>${body}</c>`;
    })
    .replace(/<row\b[^>]*>/g, (tag) => (attribute(tag, 's') !== null ? withAttribute(tag, 's', xf(attribute(tag, 's'))) : tag))
    .replace(/<col\b[^>]*>/g, (tag) => (attribute(tag, 'style') !== null ? withAttribute(tag, 'style', xf(attribute(tag, 'style'))) : tag))
    .replace(/<cfRule\b[^>]*>/g, (tag) => {
      const dxf = attribute(tag, 'dxfId');
      return dxf === null ? tag : withAttribute(tag, 'dxfId', String(maps.dxfs[Number(dxf)] ?? 0));
    });
}

/** Table names and ids already used by the tables that stay, and the workbook's defined names. */
async function namesInUse(pkg: Package, keptTables: string[], workbookXml: string): Promise<{ names: Set<string>; maxId: number }> {
  const names = new Set<string>();
  let maxId = 0;
  for (const part of keptTables) {
    const tag = /<(?:\w+:)?table\b[^>]*>/.exec((await pkg.text(part)) ?? '')?.[0] ?? '';
    for (const key of ['name', 'displayName']) {
      const value = attribute(tag, key);
      if (value) names.add(value.toLowerCase());
    }
    maxId = Math.max(maxId, Number(attribute(tag, 'id')) || 0);
  }
  for (const [tag] of workbookXml.matchAll(/<(?:\w+:)?definedName\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    if (name) names.add(name.toLowerCase());
  }
  return { names, maxId };
}

/** A table name not used yet in the workbook (names are workbook-wide and compared ignoring case). */
function freeTableName(wanted: string, used: Set<string>): string {
  let name = wanted;
  for (let n = 2; used.has(name.toLowerCase()); n++) name = `${wanted}_${n}`;
  used.add(name.toLowerCase());
  return name;
}

/** `xl/tables/table3.xml` -> a free `xl/tables/tableN.xml` in the coordinator's package. */
function freePartName(pkg: Package, renderedPart: string): string {
  const match = /^(.*?)(\d*)(\.[^./]+)$/.exec(renderedPart);
  const prefix = match ? match[1] : renderedPart;
  const extension = match ? match[3] : '';
  return `${prefix}${pkg.nextIndex(prefix, extension)}${extension}`;
}

class Transplant {
  private tableNames = new Set<string>();
  private tableId = 0;

  constructor(
    private readonly pkg: Package,
    private readonly rendered: Package,
    private readonly maps: StyleMaps,
    private readonly strings: string[],
  ) {}

  async reserveTableNames(keptTables: string[], workbookXml: string): Promise<void> {
    const used = await namesInUse(this.pkg, keptTables, workbookXml);
    this.tableNames = used.names;
    this.tableId = used.maxId;
  }

  /** Copy a rendered part (and, recursively, its children) under a free name; returns that name. */
  async copy(renderedPart: string, isSheet: boolean): Promise<string> {
    const target = isSheet ? `xl/worksheets/sheet${this.pkg.nextIndex('xl/worksheets/sheet')}.xml` : freePartName(this.pkg, renderedPart);
    const contentType = await this.rendered.contentType(renderedPart);
    // Reserve the name before copying children, so that they cannot take it.
    this.pkg.write(target, '');
    const rels: Relationship[] = [];
    for (const rel of await this.rendered.rels(renderedPart)) {
      if (rel.external) {
        rels.push(rel);
        continue;
      }
      const child = await this.copy(resolveTarget(renderedPart, rel.target), false);
      rels.push({ ...rel, target: relativeTarget(target, child) });
    }
    let content: string | Uint8Array = (await this.rendered.bytes(renderedPart)) ?? new Uint8Array();
    if (isSheet) content = adaptSheetXml((await this.rendered.text(renderedPart)) ?? '', this.maps, this.strings);
    else if (contentType?.endsWith('.table+xml')) content = this.adaptTable((await this.rendered.text(renderedPart)) ?? '');
    this.pkg.write(target, content);
    if (rels.length) this.pkg.write(relsPath(target), relsXml(rels));
    if (contentType && contentType !== (await this.pkg.contentType(target))) await this.pkg.addOverride(target, contentType);
    return target;
  }

  private adaptTable(xml: string): string {
    return xml.replace(/<table\b[^>]*>/, (tag) => {
      const name = freeTableName(attribute(tag, 'name') ?? 'Tableau', this.tableNames);
      let adapted = withAttribute(tag, 'id', String(++this.tableId));
      adapted = withAttribute(adapted, 'name', name);
      return withAttribute(adapted, 'displayName', name);
    });
  }
}

/** Remove the parts of replaced sheets that nothing in the package reaches any more. */
async function removeUnreachable(pkg: Package, candidates: Set<string>): Promise<void> {
  const reachable = new Set<string>();
  const stack = parseRels(await pkg.text('_rels/.rels'))
    .filter((r) => !r.external)
    .map((r) => resolveTarget('', r.target));
  while (stack.length) {
    const part = stack.pop()!;
    if (reachable.has(part) || !pkg.has(part)) continue;
    reachable.add(part);
    for (const rel of await pkg.rels(part)) if (!rel.external) stack.push(resolveTarget(part, rel.target));
  }
  for (const part of candidates) {
    if (reachable.has(part)) continue;
    pkg.remove(part);
    pkg.remove(relsPath(part));
    await pkg.removeOverride(part);
  }
}

async function editPackage(pkg: Package, inputBytes: Uint8Array, specs: SheetSpec[]): Promise<Uint8Array> {
  const workbookPart = await workbookPartOf(pkg);
  let workbookXml = (await pkg.text(workbookPart)) ?? '';
  const workbookRels = await pkg.rels(workbookPart);
  const sheets = sheetEntries(workbookXml, workbookPart, workbookRels);
  if (!/<(?:\w+:)?sheets\b/.test(workbookXml)) throw new UnusableInputError(UNREADABLE_PACKAGE);

  // Output sheets replace the sheet of the same name (the core checked it is ours); parameter sheets
  // are only added when absent. Names compare like Excel's, ignoring case.
  const plan = specs
    .map((spec) => ({ spec, existing: findBySheetName(sheets, spec.name, (s) => s.name) }))
    .filter(({ spec, existing }) => !existing || spec.role === 'output');
  if (!plan.length) return inputBytes.slice();

  const rendered = await Package.load(await renderWorkbook(plan.map((p) => p.spec)));
  const renderedWorkbookPart = 'xl/workbook.xml';
  const renderedWorkbookXml = (await rendered.text(renderedWorkbookPart)) ?? '';
  const renderedSheets = sheetEntries(renderedWorkbookXml, renderedWorkbookPart, await rendered.rels(renderedWorkbookPart));

  // Styles: merged append-only into the coordinator's part (created when the package has none).
  const renderedStyles = (await rendered.text('xl/styles.xml')) ?? '';
  const stylesRel = workbookRels.find((r) => isRelType(r, 'styles'));
  let maps: StyleMaps;
  if (stylesRel && pkg.has(resolveTarget(workbookPart, stylesRel.target))) {
    const stylesPart = resolveTarget(workbookPart, stylesRel.target);
    const merged = mergeStyles((await pkg.text(stylesPart)) ?? '', renderedStyles);
    pkg.write(stylesPart, merged.xml);
    maps = merged.maps;
  } else {
    const stylesPart = freePartName(pkg, 'xl/styles.xml');
    pkg.write(stylesPart, renderedStyles);
    await pkg.addOverride(stylesPart, 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml');
    workbookRels.push({ id: nextRelId(workbookRels), type: REL_TYPE.styles, target: relativeTarget(workbookPart, stylesPart), external: false });
    const count = (section: string) => [...(new RegExp(`<${section}\\b[^>]*>([\\s\\S]*?)</${section}>`).exec(renderedStyles)?.[1] ?? '').matchAll(/<(xf|dxf)\b/g)].length;
    maps = { cellXfs: Array.from({ length: count('cellXfs') }, (_, i) => i), dxfs: Array.from({ length: count('dxfs') }, (_, i) => i) };
  }

  // Parts of the sheets being replaced: candidates for removal once the new ones are in.
  const replacedParts = new Set<string>();
  for (const { existing } of plan) if (existing?.part) for (const part of await subtree(pkg, existing.part)) replacedParts.add(part);
  const keptTables = (await Promise.all(sheets.filter((s) => s.part && !replacedParts.has(s.part)).map((s) => subtree(pkg, s.part!))))
    .flatMap((parts) => [...parts])
    .filter((part) => /(^|\/)tables\/[^/]+$/i.test(part));

  const transplant = new Transplant(pkg, rendered, maps, sharedStringItems(await rendered.text('xl/sharedStrings.xml')));
  await transplant.reserveTableNames(keptTables, workbookXml);

  const sheetsPrefix = /<(\w+:)?sheets\b/.exec(workbookXml)?.[1] ?? '';
  const relPrefix = new RegExp(`xmlns:(\\w+)="${NS.rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(workbookXml)?.[1];
  let nextSheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
  const newSheetTags: string[] = [];
  // Output position of each rendered sheet: the replaced sheet's tab, or after the existing sheets.
  const renderedPositions: (number | undefined)[] = [];
  for (const { spec, existing } of plan) {
    const renderedSheet = findBySheetName(renderedSheets, spec.name, (s) => s.name);
    if (!renderedSheet?.part) continue;
    renderedPositions[renderedSheets.indexOf(renderedSheet)] = existing ? sheets.indexOf(existing) : sheets.length + newSheetTags.length;
    const part = await transplant.copy(renderedSheet.part, true);
    const target = relativeTarget(workbookPart, part);
    const existingRel = existing ? workbookRels.find((r) => r.id === existing.relId && existing.relId !== '') : undefined;
    if (existingRel) {
      Object.assign(existingRel, { target, type: REL_TYPE.worksheet, external: false });
    }
    const relId = existingRel?.id ?? nextRelId(workbookRels);
    if (!existingRel) workbookRels.push({ id: relId, type: REL_TYPE.worksheet, target, external: false });
    const idAttribute = relPrefix ? `${relPrefix}:id="${relId}"` : `xmlns:r="${NS.rel}" r:id="${relId}"`;
    const tag = `<${sheetsPrefix}sheet name="${escapeXml(spec.name)}" sheetId="${existing?.sheetId || nextSheetId++}" ${idAttribute}/>`;
    if (existing) {
      // Same tab position and sheetId (defined names and views refer to them); only the name's case
      // and the part change. Visibility is the coordinator's choice and is kept.
      const state = attribute(existing.tag, 'state');
      const replaced = state ? withAttribute(tag, 'state', state) : tag;
      workbookXml = workbookXml.replace(existing.tag, () => replaced);
    } else {
      newSheetTags.push(tag);
    }
  }
  workbookXml = workbookXml.replace(/<\/(\w+:)?sheets>/, (close) => `${newSheetTags.join('')}${close}`);

  // Sheet-scoped names follow their sheet: a replaced sheet's names go (ours come from the rendering).
  const replacedTags = new Set(plan.flatMap(({ existing }) => (existing ? [existing.tag] : [])));
  const outputTags = sheetEntries(workbookXml, workbookPart, workbookRels).map((s) => s.tag);
  const inputPositions = sheets.map((s) => (replacedTags.has(s.tag) ? null : outputTags.indexOf(s.tag)));
  workbookXml = carryDefinedNames(workbookXml, inputPositions, renderedWorkbookXml, renderedPositions);

  // The calculation chain lists formula cells by sheet: stale for a replaced sheet, so it is dropped
  // (Excel rebuilds it on the next calculation).
  const calcChain = workbookRels.find((r) => isRelType(r, 'calcChain'));
  if (calcChain && plan.some((p) => p.existing)) {
    workbookRels.splice(workbookRels.indexOf(calcChain), 1);
    replacedParts.add(resolveTarget(workbookPart, calcChain.target));
  }

  pkg.write(workbookPart, workbookXml);
  pkg.write(relsPath(workbookPart), relsXml(workbookRels));
  await removeUnreachable(pkg, replacedParts);
  return pkg.generate();
}

/**
 * The completed workbook: the coordinator's package with the AP sheets written into it, or, without
 * an input package (new example, converted file), a new workbook with only those sheets.
 * Output specs replace the sheet of the same name (ignoring case); parameter specs are only added.
 */
export async function writeCompletedWorkbook(inputBytes: Uint8Array | null, specs: SheetSpec[]): Promise<Uint8Array> {
  if (!inputBytes) return renderWorkbook(dedupeByName(specs));
  let pkg: Package;
  try {
    pkg = await Package.load(inputBytes);
  } catch {
    throw new UnusableInputError(UNREADABLE_PACKAGE);
  }
  try {
    return await editPackage(pkg, inputBytes, dedupeByName(specs));
  } catch (error) {
    if (error instanceof UnusableInputError) throw error;
    // A package damaged in a way the checks above did not catch (corrupt entry, broken XML...).
    throw new UnusableInputError(UNREADABLE_PACKAGE);
  }
}

/** The last spec of each name wins (a later write of the same sheet replaces the earlier one). */
function dedupeByName(specs: SheetSpec[]): SheetSpec[] {
  const byName = new Map<string, SheetSpec>();
  for (const spec of specs) {
    const key = sheetNameKey(spec.name);
    byName.delete(key);
    byName.set(key, spec);
  }
  return [...byName.values()];
}
