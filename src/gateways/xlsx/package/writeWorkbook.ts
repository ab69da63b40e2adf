/**
 * The package-level writer: the output workbook is the coordinator's package, edited. Every part that
 * does not belong to a Pilote AP sheet keeps its exact bytes (their sheets, drawings, charts, images,
 * pivot tables, macros, comments, custom XML...). Only these change: the workbook part and its
 * relationships, `[Content_Types].xml`, the styles (append-only), and the AP sheets' own parts.
 *
 * The AP sheets' parts are written straight from their specs (see ../write/sheetXml.ts): one style
 * table built from the specs' distinct formats and merged once into the coordinator's styles, text as
 * inline strings (the coordinator's string table is not touched), table ids and names unique in the
 * workbook, parts under free names. A replaced AP sheet keeps its tab position and sheetId; its old
 * parts, and their children nobody else uses, are removed. Without an input package the same writer
 * fills an empty workbook. No Node-only API: the browser bundle and a Web Worker use it too.
 */
import { UnusableInputError } from '../../../core/diagnostics';
import type { SheetSpec } from '../../../core/render/sheetSpec';
import { findBySheetName, sheetNameKey } from '../../../core/sheetNames';
import { CHART_CONTENT_TYPE, CHART_REL_TYPE, chartXml, drawingXml, isDrawable } from '../charts';
import { layoutSheet, sheetXml, tableXml, type SheetLayout } from '../write/sheetXml';
import { StyleTable } from '../write/styleTable';
import { emptyWorkbook } from './emptyWorkbook';
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
import { carryDefinedNames, type SheetName } from './definedNames';
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

const CONTENT_TYPE = {
  worksheet: 'application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml',
  table: 'application/vnd.openxmlformats-officedocument.spreadsheetml.table+xml',
  styles: 'application/vnd.openxmlformats-officedocument.spreadsheetml.styles+xml',
};
const TABLE_REL_TYPE = `${NS.rel}/table`;

/** `xl/tables/table` -> a free `xl/tables/tableN.xml` in the package, reserved at once. */
function reservePart(pkg: Package, prefix: string): string {
  const part = `${prefix}${pkg.nextIndex(prefix)}.xml`;
  pkg.write(part, '');
  return part;
}

/** Writes the parts of the AP sheets into the package, under free names and unique table names. */
class SheetWriter {
  private tableNames = new Set<string>();
  private tableId = 0;

  constructor(
    private readonly pkg: Package,
    private readonly styles: StyleTable,
    private readonly maps: StyleMaps,
  ) {}

  async reserveTableNames(keptTables: string[], workbookXml: string): Promise<void> {
    const used = await namesInUse(this.pkg, keptTables, workbookXml);
    this.tableNames = used.names;
    this.tableId = used.maxId;
  }

  /** Write one sheet's part, its tables and charts; returns the sheet's part name. */
  async write(layout: SheetLayout): Promise<string> {
    const { spec } = layout;
    const sheetPart = reservePart(this.pkg, 'xl/worksheets/sheet');
    const rels: Relationship[] = [];
    const tableRelIds: string[] = [];
    for (const table of spec.tables ?? []) {
      const part = reservePart(this.pkg, 'xl/tables/table');
      this.pkg.write(part, tableXml(spec, table, ++this.tableId, freeTableName(table.name, this.tableNames)));
      await this.pkg.addOverride(part, CONTENT_TYPE.table);
      const id = `rId${rels.length + 1}`;
      rels.push({ id, type: TABLE_REL_TYPE, target: relativeTarget(sheetPart, part), external: false });
      tableRelIds.push(id);
    }
    let drawingRelId: string | undefined;
    const charts = (spec.charts ?? []).filter(isDrawable);
    if (charts.length) {
      const drawingPart = reservePart(this.pkg, 'xl/drawings/drawing');
      const source = {
        value: (row: number, col: number) => {
          const cell = spec.cells[row]?.[col] ?? null;
          return typeof cell === 'object' && cell !== null ? (cell.value ?? null) : typeof cell === 'boolean' ? String(cell) : cell;
        },
        numberFormat: (row: number, col: number) => this.styles.numberFormat(layout.formats[row]?.[col] ?? 0),
      };
      const chartRels: Relationship[] = [];
      for (const chart of charts) {
        const chartPart = reservePart(this.pkg, 'xl/charts/chart');
        this.pkg.write(chartPart, chartXml(chart, spec.name, source));
        await this.pkg.addOverride(chartPart, CHART_CONTENT_TYPE.chart);
        chartRels.push({ id: `rId${chartRels.length + 1}`, type: CHART_REL_TYPE.chart, target: relativeTarget(drawingPart, chartPart), external: false });
      }
      this.pkg.write(drawingPart, drawingXml(charts, chartRels.map((r) => r.id)));
      this.pkg.write(relsPath(drawingPart), relsXml(chartRels));
      await this.pkg.addOverride(drawingPart, CHART_CONTENT_TYPE.drawing);
      drawingRelId = `rId${rels.length + 1}`;
      rels.push({ id: drawingRelId, type: CHART_REL_TYPE.drawing, target: relativeTarget(sheetPart, drawingPart), external: false });
    }
    const xf = (index: number) => this.maps.cellXfs[index] ?? 0;
    const dxf = (index: number) => this.maps.dxfs[index] ?? 0;
    this.pkg.write(sheetPart, () => sheetXml(layout, xf, dxf, { tables: tableRelIds, drawing: drawingRelId }));
    if (rels.length) this.pkg.write(relsPath(sheetPart), relsXml(rels));
    if ((await this.pkg.contentType(sheetPart)) !== CONTENT_TYPE.worksheet) await this.pkg.addOverride(sheetPart, CONTENT_TYPE.worksheet);
    return sheetPart;
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

async function editPackage(pkg: Package, inputBytes: Uint8Array | null, specs: SheetSpec[]): Promise<Uint8Array> {
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
  if (!plan.length && inputBytes) return inputBytes.slice();

  // One style table for every sheet written: each distinct format once, merged once.
  const styles = new StyleTable();
  const layouts = plan.map(({ spec }) => layoutSheet(spec, styles));
  const ourStyles = styles.stylesXml();

  // Styles: merged append-only into the coordinator's part (created when the package has none).
  const stylesRel = workbookRels.find((r) => isRelType(r, 'styles'));
  let maps: StyleMaps;
  if (stylesRel && pkg.has(resolveTarget(workbookPart, stylesRel.target))) {
    const stylesPart = resolveTarget(workbookPart, stylesRel.target);
    const merged = mergeStyles((await pkg.text(stylesPart)) ?? '', ourStyles);
    pkg.write(stylesPart, merged.xml);
    maps = merged.maps;
  } else {
    const stylesPart = `xl/styles${pkg.has('xl/styles.xml') ? pkg.nextIndex('xl/styles') : ''}.xml`;
    pkg.write(stylesPart, ourStyles);
    await pkg.addOverride(stylesPart, CONTENT_TYPE.styles);
    workbookRels.push({ id: nextRelId(workbookRels), type: REL_TYPE.styles, target: relativeTarget(workbookPart, stylesPart), external: false });
    maps = styles.identityMaps();
  }

  // Parts of the sheets being replaced: candidates for removal once the new ones are in.
  const replacedParts = new Set<string>();
  for (const { existing } of plan) if (existing?.part) for (const part of await subtree(pkg, existing.part)) replacedParts.add(part);
  const keptTables = (await Promise.all(sheets.filter((s) => s.part && !replacedParts.has(s.part)).map((s) => subtree(pkg, s.part!))))
    .flatMap((parts) => [...parts])
    .filter((part) => /(^|\/)tables\/[^/]+$/i.test(part));

  const writer = new SheetWriter(pkg, styles, maps);
  await writer.reserveTableNames(keptTables, workbookXml);

  const sheetsPrefix = /<(\w+:)?sheets\b/.exec(workbookXml)?.[1] ?? '';
  const relPrefix = new RegExp(`xmlns:(\\w+)="${NS.rel.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`).exec(workbookXml)?.[1];
  let nextSheetId = Math.max(0, ...sheets.map((s) => s.sheetId)) + 1;
  const newSheetTags: string[] = [];
  // Repeated rows of each written sheet, scoped to its output position: the replaced sheet's tab, or
  // after the existing sheets.
  const printTitles: SheetName[] = [];
  for (const [i, { spec, existing }] of plan.entries()) {
    const position = existing ? sheets.indexOf(existing) : sheets.length + newSheetTags.length;
    const repeat = spec.print?.repeatRows;
    if (repeat) printTitles.push({ name: '_xlnm.Print_Titles', position, formula: `'${spec.name.replace(/'/g, "''")}'!$${repeat.first + 1}:$${repeat.last + 1}` });
    const part = await writer.write(layouts[i]);
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

  // Sheet-scoped names follow their sheet: a replaced sheet's names go, ours come with our sheets.
  const replacedTags = new Set(plan.flatMap(({ existing }) => (existing ? [existing.tag] : [])));
  const outputTags = sheetEntries(workbookXml, workbookPart, workbookRels).map((s) => s.tag);
  const inputPositions = sheets.map((s) => (replacedTags.has(s.tag) ? null : outputTags.indexOf(s.tag)));
  workbookXml = carryDefinedNames(workbookXml, inputPositions, printTitles);

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
  if (!inputBytes) return editPackage(emptyWorkbook(), null, dedupeByName(specs));
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
