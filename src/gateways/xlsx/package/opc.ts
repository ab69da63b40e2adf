/**
 * Just enough of the Open Packaging Conventions to edit an .xlsx package in place: parts read as
 * text only when needed (untouched parts keep their exact bytes), relationships, content types and
 * free part names. No Node-only API: this runs in a browser bundle too.
 */
import { unzipSync, Zip, ZipDeflate } from 'fflate';

export const NS = {
  main: 'http://schemas.openxmlformats.org/spreadsheetml/2006/main',
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  pkgRel: 'http://schemas.openxmlformats.org/package/2006/relationships',
};

export const REL_TYPE = {
  worksheet: `${NS.rel}/worksheet`,
  styles: `${NS.rel}/styles`,
};

/**
 * Is this relationship of that kind (`worksheet`, `styles`...)? Compared by the type's last segment,
 * so that Strict files (purl.oclc.org types) are read like Transitional ones.
 */
export function isRelType(rel: Relationship, kind: string): boolean {
  return !rel.external && rel.type.endsWith(`/${kind}`);
}

export function escapeXml(text: string): string {
  return text.replace(/&/g, '&amp;').replace(/</g, '&lt;').replace(/>/g, '&gt;').replace(/"/g, '&quot;');
}

export function unescapeXml(text: string): string {
  if (!text.includes('&')) return text;
  return text
    .replace(/&lt;/g, '<')
    .replace(/&gt;/g, '>')
    .replace(/&quot;/g, '"')
    .replace(/&apos;/g, "'")
    .replace(/&#(\d+);/g, (_, code: string) => String.fromCodePoint(Number(code)))
    .replace(/&#x([0-9a-f]+);/gi, (_, code: string) => String.fromCodePoint(parseInt(code, 16)))
    .replace(/&amp;/g, '&');
}

/** `name="value"` or `name='value'` in a start tag, one compiled pattern per attribute name (hot path: every cell). */
const attributePatterns = new Map<string, RegExp>();
function attributePattern(name: string): RegExp {
  let pattern = attributePatterns.get(name);
  if (!pattern) {
    pattern = new RegExp(`(\\s${name.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}\\s*=\\s*)(?:"([^"]*)"|'([^']*)')`);
    attributePatterns.set(name, pattern);
  }
  return pattern;
}

/** Value of an attribute in a start tag (unescaped), or null. */
export function attribute(tag: string, name: string): string | null {
  const match = attributePattern(name).exec(tag);
  return match ? unescapeXml(match[2] ?? match[3]) : null;
}

/** The start tag with one attribute set (replaced or added). */
export function withAttribute(tag: string, name: string, value: string): string {
  const escaped = escapeXml(value);
  const pattern = attributePattern(name);
  // Replacement functions, so that a `$` in the value is never read as a pattern.
  if (pattern.test(tag)) return tag.replace(pattern, (_, head: string) => `${head}"${escaped}"`);
  return tag.replace(/^(<[^\s/>]+)/, (head) => `${head} ${name}="${escaped}"`);
}

/** `xl/worksheets/sheet1.xml` -> `xl/worksheets/_rels/sheet1.xml.rels` */
export function relsPath(part: string): string {
  const slash = part.lastIndexOf('/');
  return `${part.slice(0, slash + 1)}_rels/${part.slice(slash + 1)}.rels`;
}

/** Resolve a relationship target against the folder of the part that holds it. */
export function resolveTarget(part: string, target: string): string {
  const clean = decodeURIComponentSafe(target.split('#')[0]);
  if (clean.startsWith('/')) return clean.slice(1);
  const parts = part.split('/').slice(0, -1);
  for (const piece of clean.split('/')) {
    if (piece === '..') parts.pop();
    else if (piece !== '.' && piece !== '') parts.push(piece);
  }
  return parts.join('/');
}

function decodeURIComponentSafe(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/** Relative target from the folder of `fromPart` to `toPart` (both package paths without leading slash). */
export function relativeTarget(fromPart: string, toPart: string): string {
  const from = fromPart.split('/').slice(0, -1);
  const to = toPart.split('/');
  let common = 0;
  while (common < from.length && common < to.length - 1 && from[common] === to[common]) common++;
  return [...Array(from.length - common).fill('..'), ...to.slice(common)].join('/');
}

export interface Relationship {
  id: string;
  type: string;
  target: string;
  external: boolean;
}

export function parseRels(xml: string | null): Relationship[] {
  if (!xml) return [];
  return [...xml.matchAll(/<(?:\w+:)?Relationship\b[^>]*>/g)].map((m) => ({
    id: attribute(m[0], 'Id') ?? '',
    type: attribute(m[0], 'Type') ?? '',
    target: attribute(m[0], 'Target') ?? '',
    external: attribute(m[0], 'TargetMode') === 'External',
  }));
}

export function relsXml(rels: Relationship[]): string {
  const items = rels.map(
    (r) => `<Relationship Id="${escapeXml(r.id)}" Type="${escapeXml(r.type)}" Target="${escapeXml(r.target)}"${r.external ? ' TargetMode="External"' : ''}/>`,
  );
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="${NS.pkgRel}">${items.join('')}</Relationships>`;
}

export function nextRelId(rels: Relationship[]): string {
  const used = rels.map((r) => Number(/^rId(\d+)$/.exec(r.id)?.[1] ?? 0));
  return `rId${Math.max(0, ...used) + 1}`;
}

const utf8 = new TextDecoder();
const encoder = new TextEncoder();

/**
 * A part as read (bytes), or as written: text, encoded only when the package is zipped, or the chunks
 * of a large part (a sheet), written while it is zipped, one chunk at a time.
 */
export type PartContent = Uint8Array | string | (() => Iterable<string>);
/** Uncompressed sizes beyond any school workbook (a zip bomb is refused before it is inflated). */
const MAX_PART_BYTES = 256 * 1024 * 1024;
const MAX_PACKAGE_BYTES = 1024 * 1024 * 1024;
/** Deflate level: 3 compresses within about a tenth of the default (6) in a third of its time. */
const DEFLATE_LEVEL = 3;

function asText(content: PartContent): string {
  return typeof content === 'string' ? content : typeof content === 'function' ? [...content()].join('') : utf8.decode(content);
}

export class Package {
  private constructor(private readonly parts: Map<string, PartContent>) {}

  /** A package with no part yet. */
  static empty(): Package {
    return new Package(new Map());
  }

  /**
   * The parts of a zip package (folders left out); throws on a file that is not a readable zip, or
   * whose parts announce more than a workbook holds (each part inflates into the size it announced).
   */
  static async load(bytes: Uint8Array): Promise<Package> {
    let total = 0;
    const unzipped = unzipSync(bytes, {
      filter: (file) => {
        total += file.originalSize;
        if (file.originalSize > MAX_PART_BYTES || total > MAX_PACKAGE_BYTES) throw new Error(`part too large: ${file.name}`);
        return !file.name.endsWith('/');
      },
    });
    return new Package(new Map(Object.entries(unzipped)));
  }

  has(path: string): boolean {
    return this.parts.has(path);
  }

  /** Part paths (no folders), as stored. */
  paths(): string[] {
    return [...this.parts.keys()];
  }

  async text(path: string): Promise<string | null> {
    const content = this.parts.get(path);
    return content === undefined ? null : asText(content);
  }

  async bytes(path: string): Promise<Uint8Array | null> {
    const content = this.parts.get(path);
    return content === undefined ? null : content instanceof Uint8Array ? content : encoder.encode(asText(content));
  }

  write(path: string, content: PartContent): void {
    this.parts.set(path, content);
  }

  remove(path: string): void {
    this.parts.delete(path);
  }

  async rels(part: string): Promise<Relationship[]> {
    return parseRels(await this.text(relsPath(part)));
  }

  /** Smallest N such that `${prefix}N.xml` does not exist yet. */
  nextIndex(prefix: string, extension = '.xml'): number {
    const escape = (s: string) => s.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
    const pattern = new RegExp(`^${escape(prefix)}(\\d+)${escape(extension)}$`, 'i');
    const used = this.paths().map((name) => Number(pattern.exec(name)?.[1] ?? 0));
    return Math.max(0, ...used) + 1;
  }

  async addOverride(part: string, contentType: string): Promise<void> {
    const types = (await this.text('[Content_Types].xml')) ?? '';
    if (new RegExp(`PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"`, 'i').test(types)) return;
    const close = /<\/(\w+:)?Types>\s*$/.exec(types);
    if (!close) return;
    const element = `<Override${close[1] ? ` xmlns="http://schemas.openxmlformats.org/package/2006/content-types"` : ''} PartName="/${escapeXml(part)}" ContentType="${escapeXml(contentType)}"/>`;
    this.write('[Content_Types].xml', `${types.slice(0, close.index)}${element}${types.slice(close.index)}`);
  }

  async removeOverride(part: string): Promise<void> {
    const types = (await this.text('[Content_Types].xml')) ?? '';
    const pattern = new RegExp(`<(\\w+:)?Override\\b[^>]*PartName="/${part.replace(/[.*+?^${}()|[\]\\]/g, '\\$&')}"[^>]*/>`, 'i');
    if (pattern.test(types)) this.write('[Content_Types].xml', types.replace(pattern, ''));
  }

  /** Content type of a part: its Override, else the Default of its extension. */
  async contentType(part: string): Promise<string | null> {
    const types = (await this.text('[Content_Types].xml')) ?? '';
    for (const [tag] of types.matchAll(/<(?:\w+:)?Override\b[^>]*>/g)) {
      if ((attribute(tag, 'PartName') ?? '').toLowerCase() === `/${part}`.toLowerCase()) return attribute(tag, 'ContentType');
    }
    const extension = part.split('.').pop()?.toLowerCase();
    for (const [tag] of types.matchAll(/<(?:\w+:)?Default\b[^>]*>/g)) {
      if ((attribute(tag, 'Extension') ?? '').toLowerCase() === extension) return attribute(tag, 'ContentType');
    }
    return null;
  }

  /** The zipped package, each part compressed once, a chunked part one chunk at a time. */
  async generate(): Promise<Uint8Array> {
    const output: Uint8Array[] = [];
    let failure: Error | null = null;
    const zip = new Zip((error, data) => {
      if (error) failure = error;
      else output.push(data);
    });
    for (const [path, content] of this.parts) {
      const entry = new ZipDeflate(path, { level: DEFLATE_LEVEL });
      zip.add(entry);
      if (typeof content === 'function') {
        for (const chunk of content()) entry.push(encoder.encode(chunk));
        entry.push(new Uint8Array(), true);
      } else {
        entry.push(typeof content === 'string' ? encoder.encode(content) : content, true);
      }
    }
    zip.end();
    if (failure) throw failure;
    const bytes = new Uint8Array(output.reduce((total, chunk) => total + chunk.length, 0));
    let offset = 0;
    for (const chunk of output) {
      bytes.set(chunk, offset);
      offset += chunk.length;
    }
    return bytes;
  }
}
