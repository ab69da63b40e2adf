/**
 * Offline check that an .xlsx / .xlsm package would open in Excel without a repair prompt:
 *  1. package: every part has a content type, relationship ids are unique, internal targets exist and
 *     have the content type their relationship calls for, every r:id a part uses is in its .rels;
 *  2. schema: every part the ISO/IEC 29500 transitional schemas cover, after Markup Compatibility
 *     processing, against those schemas (./schemas/ooxml, with libxml2 in WebAssembly);
 *  3. excel: rules Excel enforces on load that no schema expresses (./excelRules.ts).
 * Usage from the command line: node --import tsx scripts/validate/xlsx.ts FILE.xlsx...
 */
import JSZip from 'jszip';
import { checkExcelRules } from './excelRules';
import { descendants, elements, attr, parseXml, processCompatibility, serializeXml, type XmlElement } from './xml';
import { ooxmlSchemas, validateDocuments, type SchemaSet } from './xmlSchema';

export const NS = {
  x: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  r: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  a: 'http://schemas.openxmlformats.org/drawingml/2006/main',
  c: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  xdr: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  ct: 'http://schemas.openxmlformats.org/package/2006/content-types',
  pr: 'http://schemas.openxmlformats.org/package/2006/relationships',
  cp: 'http://schemas.openxmlformats.org/package/2006/metadata/core-properties',
};

/** The namespaces the ISO schemas define: markup in any other is ignorable at best. */
const UNDERSTOOD = new Set([
  ...Object.values(NS),
  'http://schemas.openxmlformats.org/drawingml/2006/chartDrawing',
  'http://schemas.openxmlformats.org/drawingml/2006/diagram',
  'http://schemas.openxmlformats.org/drawingml/2006/picture',
  'http://schemas.openxmlformats.org/drawingml/2006/lockedCanvas',
  'http://schemas.openxmlformats.org/officeDocument/2006/sharedTypes',
  'http://schemas.openxmlformats.org/officeDocument/2006/extended-properties',
  'http://schemas.openxmlformats.org/officeDocument/2006/custom-properties',
  'http://schemas.openxmlformats.org/officeDocument/2006/docPropsVTypes',
  'http://purl.org/dc/elements/1.1/',
  'http://purl.org/dc/terms/',
  'http://purl.org/dc/dcmitype/',
  'http://www.w3.org/2001/XMLSchema-instance',
  'http://www.w3.org/XML/1998/namespace',
]);

const CT = 'application/vnd.openxmlformats-officedocument.';
const SML = `${CT}spreadsheetml.`;
const WORKBOOK_TYPES = [`${SML}sheet.main+xml`, `${SML}template.main+xml`, 'application/vnd.ms-excel.sheet.macroEnabled.main+xml', 'application/vnd.ms-excel.template.macroEnabled.main+xml'];

/** Content type -> the root element (namespace, local name) the schemas expect. */
const SCHEMA_ROOTS: Record<string, [string, string]> = {
  ...Object.fromEntries(WORKBOOK_TYPES.map((type) => [type, [NS.x, 'workbook']])),
  [`${SML}worksheet+xml`]: [NS.x, 'worksheet'],
  [`${SML}chartsheet+xml`]: [NS.x, 'chartsheet'],
  [`${SML}styles+xml`]: [NS.x, 'styleSheet'],
  [`${SML}sharedStrings+xml`]: [NS.x, 'sst'],
  [`${SML}table+xml`]: [NS.x, 'table'],
  [`${SML}calcChain+xml`]: [NS.x, 'calcChain'],
  [`${SML}comments+xml`]: [NS.x, 'comments'],
  [`${SML}pivotTable+xml`]: [NS.x, 'pivotTableDefinition'],
  [`${SML}pivotCacheDefinition+xml`]: [NS.x, 'pivotCacheDefinition'],
  [`${SML}pivotCacheRecords+xml`]: [NS.x, 'pivotCacheRecords'],
  [`${CT}drawing+xml`]: [NS.xdr, 'wsDr'],
  [`${CT}drawingml.chart+xml`]: [NS.c, 'chartSpace'],
  [`${CT}theme+xml`]: [NS.a, 'theme'],
  [`${CT}extended-properties+xml`]: ['http://schemas.openxmlformats.org/officeDocument/2006/extended-properties', 'Properties'],
  [`${CT}custom-properties+xml`]: ['http://schemas.openxmlformats.org/officeDocument/2006/custom-properties', 'Properties'],
  'application/vnd.openxmlformats-package.core-properties+xml': [NS.cp, 'coreProperties'],
  'application/vnd.openxmlformats-package.relationships+xml': [NS.pr, 'Relationships'],
};

const RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';
/** Relationship type -> the content types its internal target may have (a prefix for images). */
const TARGET_TYPES: Record<string, string[]> = {
  [`${RT}officeDocument`]: WORKBOOK_TYPES,
  [`${RT}worksheet`]: [`${SML}worksheet+xml`],
  [`${RT}chartsheet`]: [`${SML}chartsheet+xml`],
  [`${RT}styles`]: [`${SML}styles+xml`],
  [`${RT}sharedStrings`]: [`${SML}sharedStrings+xml`],
  [`${RT}theme`]: [`${CT}theme+xml`],
  [`${RT}table`]: [`${SML}table+xml`],
  [`${RT}drawing`]: [`${CT}drawing+xml`],
  [`${RT}chart`]: [`${CT}drawingml.chart+xml`],
  [`${RT}comments`]: [`${SML}comments+xml`],
  [`${RT}vmlDrawing`]: [`${CT}vmlDrawing`],
  [`${RT}calcChain`]: [`${SML}calcChain+xml`],
  [`${RT}image`]: ['image/'],
};
/** Element -> the relationship types its r:id may point at. */
const ELEMENT_TYPES: Record<string, string[]> = {
  [`${NS.x} sheet`]: [`${RT}worksheet`, `${RT}chartsheet`, `${RT}dialogsheet`, 'http://schemas.microsoft.com/office/2006/relationships/xlMacrosheet'],
  [`${NS.x} drawing`]: [`${RT}drawing`],
  [`${NS.x} legacyDrawing`]: [`${RT}vmlDrawing`],
  [`${NS.x} tablePart`]: [`${RT}table`],
  [`${NS.x} hyperlink`]: [`${RT}hyperlink`],
  [`${NS.c} chart`]: [`${RT}chart`],
};

export interface Finding {
  part: string;
  message: string;
}

export interface XlsxReport {
  errors: Finding[];
  warnings: Finding[];
}

export interface Relationship {
  id: string;
  type: string;
  /** Resolved part name (no leading slash), or the raw target when external. */
  target: string;
  external: boolean;
}

/** What the rules read from a package: parsed XML parts, content types and relationships. */
export interface Package {
  parts: Map<string, XmlElement>;
  contentType(part: string): string | undefined;
  relationships(part: string): Relationship[];
  error(part: string, message: string): void;
  warning(part: string, message: string): void;
}

function relsPartOf(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

function resolveTarget(source: string, target: string): string {
  if (target.startsWith('/')) return target.slice(1);
  const segments = source.split('/').slice(0, -1).filter(Boolean);
  for (const segment of target.split('/')) {
    if (segment === '..') segments.pop();
    else if (segment !== '.') segments.push(segment);
  }
  return segments.join('/');
}

let schemas: SchemaSet | undefined;

/** Check one package; several at once share one schema compilation (validatePackages). */
export async function validateXlsx(bytes: Uint8Array): Promise<XlsxReport> {
  return (await validatePackages([bytes]))[0];
}

export async function validatePackages(packages: Uint8Array[]): Promise<XlsxReport[]> {
  const checks = await Promise.all(packages.map(checkPackage));
  const documents = checks.flatMap((check) => check.documents);
  schemas ??= ooxmlSchemas();
  const found = await validateDocuments(schemas, documents.map((d) => d.text));
  for (const { document, message } of found) documents[document].report.errors.push({ part: documents[document].part, message: `[schema] ${message}` });
  return checks.map((check) => check.report);
}

interface SchemaDocument {
  report: XlsxReport;
  part: string;
  text: string;
}

/** Package and Excel checks of one file, and its parts ready for the schema validation. */
async function checkPackage(bytes: Uint8Array): Promise<{ report: XlsxReport; documents: SchemaDocument[] }> {
  const report: XlsxReport = { errors: [], warnings: [] };
  const documents: SchemaDocument[] = [];
  const error = (part: string, message: string) => report.errors.push({ part, message });
  const warning = (part: string, message: string) => report.warnings.push({ part, message });

  let zip: JSZip;
  try {
    zip = await JSZip.loadAsync(bytes);
  } catch (e) {
    error('(package)', `not a zip package: ${(e as Error).message}`);
    return { report, documents };
  }
  const names = Object.keys(zip.files).filter((name) => !zip.files[name].dir);
  const lower = new Set<string>();
  for (const name of names) {
    if (lower.has(name.toLowerCase())) error(name, 'duplicate part name (ignoring case)');
    lower.add(name.toLowerCase());
  }
  if (!names.includes('[Content_Types].xml')) {
    error('(package)', 'no [Content_Types].xml');
    return { report, documents };
  }

  const parts = new Map<string, XmlElement>();
  for (const name of names) {
    if (!/\.(xml|rels)$/i.test(name) && name !== '[Content_Types].xml') continue;
    const text = await zip.file(name)!.async('string');
    try {
      parts.set(name, parseXml(text));
    } catch (e) {
      error(name, `not well-formed XML: ${(e as Error).message}`);
    }
  }

  const types = parts.get('[Content_Types].xml');
  const defaults = new Map<string, string>();
  const overrides = new Map<string, string>();
  for (const entry of types ? elements(types) : []) {
    if (entry.local === 'Default') defaults.set((attr(entry, 'Extension') ?? '').toLowerCase(), attr(entry, 'ContentType') ?? '');
    if (entry.local === 'Override') overrides.set((attr(entry, 'PartName') ?? '').replace(/^\//, '').toLowerCase(), attr(entry, 'ContentType') ?? '');
  }
  const contentType = (part: string) => overrides.get(part.toLowerCase()) ?? defaults.get(part.slice(part.lastIndexOf('.') + 1).toLowerCase());
  for (const name of names) if (name !== '[Content_Types].xml' && !contentType(name)) error(name, 'no content type in [Content_Types].xml');
  for (const part of overrides.keys()) if (!lower.has(part)) error('[Content_Types].xml', `Override for a missing part /${part}`);

  const relationshipCache = new Map<string, Relationship[]>();
  function relationships(part: string): Relationship[] {
    const rels = part === '' ? '_rels/.rels' : relsPartOf(part);
    if (!relationshipCache.has(rels)) {
      const root = parts.get(rels);
      relationshipCache.set(
        rels,
        (root ? elements(root, 'Relationship') : []).map((r) => {
          const external = attr(r, 'TargetMode') === 'External';
          const target = attr(r, 'Target') ?? '';
          return { id: attr(r, 'Id') ?? '', type: attr(r, 'Type') ?? '', external, target: external || target.startsWith('#') ? target : resolveTarget(part || '/', target) };
        }),
      );
    }
    return relationshipCache.get(rels)!;
  }

  // 1. package: relationships and their use.
  const reached = new Set<string>(['[Content_Types].xml']);
  for (const name of names.filter((n) => n.endsWith('.rels'))) {
    reached.add(name);
    const source = name === '_rels/.rels' ? '' : name.replace(/_rels\/([^/]+)\.rels$/, '$1');
    if (source && !lower.has(source.toLowerCase())) error(name, `relationships of a missing part ${source}`);
    const seen = new Set<string>();
    for (const rel of relationships(source)) {
      if (seen.has(rel.id)) error(name, `duplicate relationship id ${rel.id}`);
      seen.add(rel.id);
      if (rel.external || rel.target.startsWith('#')) continue;
      if (!names.includes(rel.target)) {
        error(name, `${rel.id} targets a missing part ${rel.target}`);
        continue;
      }
      reached.add(rel.target);
      const allowed = TARGET_TYPES[rel.type];
      const type = contentType(rel.target) ?? '';
      if (allowed && !allowed.some((a) => type === a || (a.endsWith('/') && type.startsWith(a)))) {
        error(name, `${rel.id} (${rel.type.replace(RT, '')}) targets ${rel.target} of content type ${type}`);
      }
    }
  }
  for (const [name, root] of parts) {
    if (name.endsWith('.rels') || name === '[Content_Types].xml') continue;
    const rels = new Map(relationships(name).map((r) => [r.id, r]));
    for (const element of descendants(root)) {
      for (const a of element.attributes.values()) {
        if (a.uri !== NS.r) continue;
        const rel = rels.get(a.value);
        if (!rel) {
          error(name, `<${element.local} r:${a.local}="${a.value}"> has no relationship`);
          continue;
        }
        const allowed = ELEMENT_TYPES[`${element.uri} ${element.local}`];
        if (allowed && !allowed.includes(rel.type)) error(name, `<${element.local}> points at a ${rel.type.replace(RT, '')} relationship`);
      }
    }
  }
  for (const name of names) if (!reached.has(name)) warning(name, 'no relationship reaches this part');

  // 2. schema: the parts the ISO schemas cover, after Markup Compatibility processing.
  const compatibility = { ignored: new Map<string, number>() };
  for (const [name, root] of parts) {
    const type = name === '[Content_Types].xml' ? 'content-types' : contentType(name);
    if (type === 'content-types') {
      if (root.uri !== NS.ct || root.local !== 'Types') error(name, 'root element is not ct:Types');
    } else {
      const expected = type && SCHEMA_ROOTS[type];
      if (!expected) continue;
      if (root.uri !== expected[0] || root.local !== expected[1]) {
        error(name, `root element {${root.uri}}${root.local}, expected {${expected[0]}}${expected[1]} for ${type}`);
        continue;
      }
    }
    try {
      documents.push({ report, part: name, text: serializeXml(processCompatibility(root, UNDERSTOOD, compatibility)) });
    } catch (e) {
      error(name, (e as Error).message);
    }
  }
  // 3. excel: what Excel refuses although the schemas allow it.
  checkExcelRules({ parts, contentType, relationships, error: (p, m) => error(p, `[excel] ${m}`), warning: (p, m) => warning(p, `[excel] ${m}`) });
  return { report, documents };
}

/** One line per finding, then OK or FAIL, as the command line prints it. */
export function describeReport(file: string, report: XlsxReport): string {
  const lines = [...report.errors.map((f) => `INVALID ${f.part}: ${f.message}`), ...report.warnings.map((f) => `warning ${f.part}: ${f.message}`)];
  const invalid = new Set(report.errors.map((f) => f.part)).size;
  lines.push(`${invalid ? 'FAIL' : 'OK'} ${file}: ${invalid} invalid part(s), ${report.warnings.length} warning(s)`);
  return lines.join('\n');
}
