/**
 * XSD validation offline, with libxml2 compiled to WebAssembly (xmllint-wasm, from npm): no system
 * xmllint, no network. The schemas are the data kept in ./schemas (see ./schemas/README.md).
 */
import { readdirSync, readFileSync } from 'node:fs';
import { basename, dirname, join } from 'node:path';
import { fileURLToPath } from 'node:url';
import { memoryPages, validateXML, type XMLFileInfo } from 'xmllint-wasm';

export const SCHEMA_DIR = join(dirname(fileURLToPath(import.meta.url)), 'schemas');

/** A schema file as text (xmllint-wasm also takes bytes; ours are all read as UTF-8). */
interface SchemaFile extends XMLFileInfo {
  contents: string;
}

export interface SchemaSet {
  main: SchemaFile;
  others: SchemaFile[];
}

/** Every .xsd of a folder (and its sub-folders), flattened: the schemas import each other by base name. */
function xsdFiles(dir: string): SchemaFile[] {
  return readdirSync(dir, { withFileTypes: true }).flatMap((entry) => {
    const path = join(entry.parentPath, entry.name);
    if (entry.isDirectory()) return xsdFiles(path);
    return entry.name.endsWith('.xsd') ? [{ fileName: basename(path), contents: readFileSync(path, 'utf8') }] : [];
  });
}

export function manifestSchemas(): SchemaSet {
  const files = xsdFiles(join(SCHEMA_DIR, 'office-manifest'));
  const main = files.find((f) => f.fileName === 'OfficeAppManifestV1_1.xsd')!;
  return { main, others: files.filter((f) => f !== main) };
}

const DC = 'http://purl.org/dc/elements/1.1/';
const DCTERMS = 'http://purl.org/dc/terms/';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/**
 * The OOXML schemas behind one wrapper that imports every namespace, so that one compilation validates
 * every kind of part. `opc-coreProperties.xsd` imports the Dublin Core schemas from the web: small
 * stand-ins of ours (the few elements and the W3CDTF type docProps/core.xml uses, and xml:lang) are imported first,
 * and libxml2 then skips the remote imports of the same namespaces.
 */
export function ooxmlSchemas(): SchemaSet {
  const files = xsdFiles(join(SCHEMA_DIR, 'ooxml'));
  const targets = files.map((f) => [/targetNamespace="([^"]+)"/.exec(f.contents)![1], f.fileName] as const);
  const dcElements = ['title', 'subject', 'creator', 'description', 'language', 'identifier']
    .map((name) => `<xs:element name="${name}" type="xs:anyType"/>`)
    .join('');
  const dcStub = `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${DC}" elementFormDefault="qualified">${dcElements}</xs:schema>`;
  const dctermsStub =
    `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${DCTERMS}" elementFormDefault="qualified">` +
    '<xs:complexType name="W3CDTF"><xs:simpleContent><xs:extension base="xs:string"/></xs:simpleContent></xs:complexType>' +
    '<xs:element name="created" type="xs:anyType"/><xs:element name="modified" type="xs:anyType"/></xs:schema>';
  const xmlStub =
    `<?xml version="1.0"?><xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema" targetNamespace="${XML_NS}">` +
    '<xs:attribute name="lang" type="xs:language"/><xs:attribute name="space" type="xs:NCName"/></xs:schema>';
  const imports = [
    [XML_NS, 'xml-stand-in.xsd'],
    [DC, 'dc-stand-in.xsd'],
    [DCTERMS, 'dcterms-stand-in.xsd'],
    ...targets,
  ]
    .map(([namespace, file]) => `<xs:import namespace="${namespace}" schemaLocation="${file}"/>`)
    .join('\n');
  const main = { fileName: 'all-ooxml.xsd', contents: `<?xml version="1.0"?>\n<xs:schema xmlns:xs="http://www.w3.org/2001/XMLSchema">\n${imports}\n</xs:schema>` };
  return { main, others: [...files, { fileName: 'xml-stand-in.xsd', contents: xmlStub }, { fileName: 'dc-stand-in.xsd', contents: dcStub }, { fileName: 'dcterms-stand-in.xsd', contents: dctermsStub }] };
}

export interface SchemaError {
  /** Index of the document in the list given. */
  document: number;
  message: string;
}

/** Validate documents against a schema set in one run; errors that name no document are thrown. */
export async function validateDocuments(schemas: SchemaSet, documents: string[]): Promise<SchemaError[]> {
  if (!documents.length) return [];
  const result = await validateXML({
    xml: documents.map((contents, i) => ({ fileName: `document-${i}.xml`, contents })),
    schema: [schemas.main],
    preload: schemas.others,
    initialMemoryPages: 64 * memoryPages.MiB,
    maxMemoryPages: 2 * memoryPages.GiB,
  });
  if (result.valid) return [];
  const errors: SchemaError[] = [];
  for (const error of result.errors) {
    const match = /^document-(\d+)\.xml$/.exec(error.loc?.fileName ?? '');
    if (/^document-\d+\.xml (fails to validate|validates)/.test(error.rawMessage)) continue; // xmllint's summary line
    if (!match) {
      // A schema that does not compile, or libxml2 failing: never a silent pass.
      if (/warning|Skipping import/i.test(error.rawMessage)) continue;
      throw new Error(`schema validation could not run: ${error.rawMessage}`);
    }
    errors.push({ document: Number(match[1]), message: `line ${error.loc!.lineNumber}: ${error.message.trim()}` });
  }
  if (!errors.length && !result.valid) {
    const failed = /document-(\d+)\.xml fails to validate/.exec(result.rawOutput);
    if (failed) errors.push({ document: Number(failed[1]), message: result.rawOutput.trim().slice(0, 300) });
    else throw new Error(`schema validation could not run: ${result.rawOutput.slice(0, 500)}`);
  }
  return errors;
}
