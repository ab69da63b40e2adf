/**
 * A small XML tree for the offline checks: parsed with saxes (namespaces resolved), processed as a
 * Markup Compatibility consumer (ECMA-376 Part 3) that understands only the ISO namespaces, and
 * written back as text for the schema validator.
 */
import { SaxesParser, type SaxesAttributeNS, type SaxesTagNS } from 'saxes';

export interface XmlElement {
  /** Qualified name as written (prefix:local). */
  name: string;
  uri: string;
  local: string;
  /** Attributes as written, by qualified name, with their namespace. */
  attributes: Map<string, { uri: string; local: string; value: string }>;
  children: XmlNode[];
  /** Namespaces declared on this element (prefix -> uri), as written. */
  declared: Record<string, string>;
}
export type XmlNode = XmlElement | string;

export function parseXml(text: string): XmlElement {
  const parser = new SaxesParser({ xmlns: true });
  const stack: XmlElement[] = [];
  let root: XmlElement | undefined;
  parser.on('opentag', (tag: SaxesTagNS) => {
    const attributes = new Map<string, { uri: string; local: string; value: string }>();
    for (const [qname, attribute] of Object.entries(tag.attributes as Record<string, SaxesAttributeNS>)) {
      attributes.set(qname, { uri: attribute.uri, local: attribute.local, value: attribute.value });
    }
    const element: XmlElement = { name: tag.name, uri: tag.uri, local: tag.local, attributes, children: [], declared: { ...tag.ns } };
    if (stack.length) stack[stack.length - 1].children.push(element);
    else root = element;
    stack.push(element);
  });
  parser.on('closetag', () => void stack.pop());
  const addText = (text: string) => stack.length && stack[stack.length - 1].children.push(text);
  parser.on('text', addText);
  parser.on('cdata', addText);
  parser.write(text.replace(/^\uFEFF/, '')).close();
  if (!root) throw new Error('no root element');
  return root;
}

export const elements = (element: XmlElement, local?: string): XmlElement[] =>
  element.children.filter((c): c is XmlElement => typeof c !== 'string' && (local === undefined || c.local === local));

export const child = (element: XmlElement | undefined, local: string): XmlElement | undefined =>
  element && elements(element, local)[0];

/** Every element below (and including) this one, depth first. */
export function* descendants(element: XmlElement): Generator<XmlElement> {
  yield element;
  for (const c of elements(element)) yield* descendants(c);
}

/** An attribute by local name, in no namespace. */
export const attr = (element: XmlElement | undefined, local: string): string | undefined => {
  if (!element) return undefined;
  for (const a of element.attributes.values()) if (a.local === local && a.uri === '') return a.value;
  return undefined;
};

export const textOf = (element: XmlElement | undefined): string =>
  element ? element.children.map((c) => (typeof c === 'string' ? c : textOf(c))).join('') : '';

const MC = 'http://schemas.openxmlformats.org/markup-compatibility/2006';
const XML_NS = 'http://www.w3.org/XML/1998/namespace';

/** Namespaces declared in scope for each element, to resolve the prefixes of mc:Ignorable and Requires. */
function resolvePrefixes(list: string, scope: Record<string, string>): string[] {
  return list
    .split(/\s+/)
    .filter(Boolean)
    .map((prefix) => scope[prefix] ?? `unbound:${prefix}`);
}

export interface CompatibilityReport {
  /** Namespaces whose markup was removed as ignorable, with how many elements and attributes. */
  ignored: Map<string, number>;
}

/**
 * The part as an ISO-only consumer sees it: ignorable markup removed, mc:AlternateContent replaced by
 * its first understood Choice or its Fallback, mc:* and xml:space / xml:lang attributes removed.
 * Markup in a namespace that is neither understood nor declared ignorable is kept, so that it fails
 * validation (Excel would repair such a file).
 */
export function processCompatibility(root: XmlElement, understood: ReadonlySet<string>, report: CompatibilityReport): XmlElement {
  const count = (uri: string) => report.ignored.set(uri, (report.ignored.get(uri) ?? 0) + 1);

  function visit(element: XmlElement, parentScope: Record<string, string>, parentIgnorable: ReadonlySet<string>, hoisted: Record<string, string> = {}): XmlNode[] {
    const scope = { ...parentScope, ...element.declared };
    const ignorableAttribute = [...element.attributes.values()].find((a) => a.uri === MC && a.local === 'Ignorable');
    const ignorable = new Set(parentIgnorable);
    if (ignorableAttribute) for (const uri of resolvePrefixes(ignorableAttribute.value, scope)) if (!understood.has(uri)) ignorable.add(uri);

    if (ignorable.has(element.uri)) {
      count(element.uri);
      return [];
    }
    if (element.uri === MC && element.local === 'AlternateContent') {
      const choice = elements(element, 'Choice').find((c) => resolvePrefixes(attr(c, 'Requires') ?? '', { ...scope, ...c.declared }).every((uri) => understood.has(uri)));
      const chosen = choice ?? child(element, 'Fallback');
      if (!chosen) return [];
      const chosenScope = { ...scope, ...chosen.declared };
      // Namespaces declared on the wrappers go with the children that replace them.
      const carried = { ...hoisted, ...element.declared, ...chosen.declared };
      return chosen.children.flatMap((c) => (typeof c === 'string' ? [c] : visit(c, chosenScope, ignorable, carried)));
    }
    const attributes = new Map<string, { uri: string; local: string; value: string }>();
    for (const [qname, a] of element.attributes) {
      if (a.uri === MC || a.uri === XML_NS) continue;
      if (ignorable.has(a.uri)) {
        count(a.uri);
        continue;
      }
      attributes.set(qname, a);
    }
    const children = element.children.flatMap((c) => (typeof c === 'string' ? [c] : visit(c, scope, ignorable)));
    return [{ ...element, attributes, children, declared: element === root ? scope : { ...hoisted, ...element.declared } }];
  }

  const [processed] = visit(root, {}, new Set());
  if (!processed || typeof processed === 'string') throw new Error('the root element is ignorable');
  return processed;
}

const escapeText = (text: string) => text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;');
const escapeAttribute = (text: string) =>
  escapeText(text).replace(/"/g, '&quot;').replace(/\t/g, '&#9;').replace(/\n/g, '&#10;').replace(/\r/g, '&#13;');

export function serializeXml(root: XmlElement): string {
  const out: string[] = ['<?xml version="1.0" encoding="UTF-8"?>\n'];
  function write(element: XmlElement): void {
    out.push('<', element.name);
    for (const [prefix, uri] of Object.entries(element.declared)) {
      if (prefix === 'xml') continue;
      out.push(' ', prefix ? `xmlns:${prefix}` : 'xmlns', '="', escapeAttribute(uri), '"');
    }
    for (const [qname, a] of element.attributes) if (!qname.startsWith('xmlns')) out.push(' ', qname, '="', escapeAttribute(a.value), '"');
    if (!element.children.length) {
      out.push('/>');
      return;
    }
    out.push('>');
    for (const c of element.children) {
      if (typeof c === 'string') out.push(escapeText(c));
      else write(c);
    }
    out.push('</', element.name, '>');
  }
  write(root);
  return out.join('');
}
