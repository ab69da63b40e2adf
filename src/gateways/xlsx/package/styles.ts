/**
 * Merge the styles of a workbook rendered by ExcelJS into the coordinator's styles part, append-only:
 * every existing index (cell formats, fonts, fills, borders, number formats, differential formats)
 * keeps its meaning; ours are appended, or reuse an identical existing entry so that generating again
 * does not grow the file.
 */
import { attribute, NS, withAttribute } from './opc';

export interface StyleMaps {
  /** Cell format (cellXfs) index in the rendered workbook -> index in the merged styles. */
  cellXfs: number[];
  /** Differential format (dxfs) index -> index in the merged styles. */
  dxfs: number[];
}

/** CT_Stylesheet children, in schema order: a missing section is inserted before the first present follower. */
const SECTION_ORDER = ['numFmts', 'fonts', 'fills', 'borders', 'cellStyleXfs', 'cellXfs', 'cellStyles', 'dxfs', 'tableStyles', 'colors', 'extLst'];
const FIRST_CUSTOM_NUMBER_FORMAT = 164;

function escapeRegExp(text: string): string {
  return text.replace(/[.*+?^${}()|[\]\\]/g, '\\$&');
}

function sectionPattern(section: string): RegExp {
  return new RegExp(`<(\\w+:)?${section}\\b[^>]*?(?:/>|>([\\s\\S]*?)</(?:\\w+:)?${section}>)`);
}

/** Top-level `item` elements of a section (raw XML), in order. */
function sectionItems(xml: string, section: string, item: string): string[] {
  const body = sectionPattern(section).exec(xml)?.[2] ?? '';
  const pattern = new RegExp(`<(?:\\w+:)?${item}\\b[^>]*?/>|<((?:\\w+:)?${item})\\b[^>]*>[\\s\\S]*?</\\1>`, 'g');
  return [...body.matchAll(pattern)].map((m) => m[0]);
}

class StyleSheet {
  /** Prefix of the SpreadsheetML namespace in this part ('' when it is the default namespace). */
  private readonly prefix: string;
  private readonly defaultIsMain: boolean;

  constructor(public xml: string) {
    this.prefix = /<(\w+:)?styleSheet\b/.exec(xml)?.[1] ?? '';
    this.defaultIsMain = new RegExp(`<${escapeRegExp(this.prefix)}styleSheet\\b[^>]*\\sxmlns="${escapeRegExp(NS.main)}"`).test(xml);
  }

  items(section: string, item: string): string[] {
    return sectionItems(this.xml, section, item);
  }

  /** An element written by ExcelJS (unprefixed), made to belong to SpreadsheetML in this part. */
  private adopt(element: string): string {
    return this.defaultIsMain || this.prefix === '' ? element : element.replace(/^<(\w+)/, `<$1 xmlns="${NS.main}"`);
  }

  /** Append elements to a section (created when absent) and update its count; returns the first new index. */
  append(section: string, item: string, elements: string[]): number {
    const existing = this.items(section, item).length;
    if (!elements.length) return existing;
    const added = elements.map((e) => this.adopt(e)).join('');
    const match = sectionPattern(section).exec(this.xml);
    if (match) {
      const [whole, prefix = ''] = match;
      const open = /^<[^>]*?(?=\/?>)/.exec(whole)![0];
      const start = withAttribute(open, 'count', String(existing + elements.length));
      const body = match[2] ?? '';
      const replaced = `${start}>${body}${added}</${prefix}${section}>`;
      this.xml = this.xml.slice(0, match.index) + replaced + this.xml.slice(match.index + whole.length);
      return existing;
    }
    const followers = SECTION_ORDER.slice(SECTION_ORDER.indexOf(section) + 1);
    const next = followers.map((f) => new RegExp(`<(\\w+:)?${f}\\b`).exec(this.xml)).find((m) => m !== null);
    const close = new RegExp(`</${escapeRegExp(this.prefix)}styleSheet>`).exec(this.xml);
    const at = next?.index ?? close?.index ?? this.xml.length;
    const created = `<${this.prefix}${section} count="${elements.length}">${added}</${this.prefix}${section}>`;
    this.xml = this.xml.slice(0, at) + created + this.xml.slice(at);
    return 0;
  }
}

/** Map each rendered element to an identical existing one, or append it; returns new indices. */
function mergeItems(target: StyleSheet, section: string, item: string, rendered: string[]): number[] {
  const known = new Map<string, number>();
  target.items(section, item).forEach((element, index) => {
    if (!known.has(element)) known.set(element, index);
  });
  const toAppend: string[] = [];
  const first = target.items(section, item).length;
  const indices = rendered.map((element) => {
    const found = known.get(element);
    if (found !== undefined) return found;
    const index = first + toAppend.length;
    known.set(element, index);
    toAppend.push(element);
    return index;
  });
  target.append(section, item, toAppend);
  return indices;
}

/** Custom number formats: same code -> same id; new codes get ids above every existing one. */
function mergeNumberFormats(target: StyleSheet, rendered: string[]): Map<number, number> {
  const byCode = new Map<string, number>();
  let maxId = FIRST_CUSTOM_NUMBER_FORMAT - 1;
  for (const tag of target.items('numFmts', 'numFmt')) {
    const id = Number(attribute(tag, 'numFmtId'));
    const code = attribute(tag, 'formatCode');
    if (Number.isFinite(id)) maxId = Math.max(maxId, id);
    if (code !== null && !byCode.has(code)) byCode.set(code, id);
  }
  const ids = new Map<number, number>();
  const toAppend: string[] = [];
  for (const tag of rendered) {
    const id = Number(attribute(tag, 'numFmtId'));
    const code = attribute(tag, 'formatCode') ?? 'General';
    let newId = byCode.get(code);
    if (newId === undefined) {
      newId = ++maxId;
      byCode.set(code, newId);
      toAppend.push(withAttribute(tag, 'numFmtId', String(newId)));
    }
    ids.set(id, newId);
  }
  target.append('numFmts', 'numFmt', toAppend);
  return ids;
}

/** Merge `renderedXml` (ExcelJS's styles part) into `coordinatorXml`; returns the new part and index maps. */
export function mergeStyles(coordinatorXml: string, renderedXml: string): { xml: string; maps: StyleMaps } {
  const target = new StyleSheet(coordinatorXml);
  const rendered = new StyleSheet(renderedXml);
  const numFmts = mergeNumberFormats(target, rendered.items('numFmts', 'numFmt'));
  const fonts = mergeItems(target, 'fonts', 'font', rendered.items('fonts', 'font'));
  const fills = mergeItems(target, 'fills', 'fill', rendered.items('fills', 'fill'));
  const borders = mergeItems(target, 'borders', 'border', rendered.items('borders', 'border'));
  const remap = (tag: string, name: string, map: (n: number) => number | undefined) => {
    const value = attribute(tag, name);
    if (value === null) return tag;
    return withAttribute(tag, name, String(map(Number(value)) ?? 0));
  };
  const xfs = rendered.items('cellXfs', 'xf').map((xf) => {
    const open = /^<[^>]*?(?=\/?>)/.exec(xf)![0];
    let tag = remap(open, 'numFmtId', (n) => (n >= FIRST_CUSTOM_NUMBER_FORMAT ? numFmts.get(n) : n));
    tag = remap(tag, 'fontId', (n) => fonts[n]);
    tag = remap(tag, 'fillId', (n) => fills[n]);
    tag = remap(tag, 'borderId', (n) => borders[n]);
    // Cell style 0 (« Normal ») exists in every styles part that has cell formats.
    tag = remap(tag, 'xfId', () => 0);
    return tag + xf.slice(open.length);
  });
  const cellXfs = mergeItems(target, 'cellXfs', 'xf', xfs);
  const dxfs = mergeItems(target, 'dxfs', 'dxf', rendered.items('dxfs', 'dxf'));
  return { xml: target.xml, maps: { cellXfs, dxfs } };
}
