/**
 * The cell formats of the sheets being written, built once from the specs' distinct styles: each
 * distinct combination of styled ranges over a cell is one cell format (cellXfs entry), found again by
 * a numeric lookup, never built per cell. `stylesXml()` is a styles part holding exactly these formats
 * (index 0 is the default format), which the package writer merges into the coordinator's styles.
 * No Node module, no DOM: this runs in a Web Worker too.
 */
import type { CellStyle, ConditionalFormatSpec } from '../../../core/render/sheetSpec';
import { escapeXml, NS } from '../package/opc';

/** What a cell ends up with once every styled range over it is applied, in order (one field each). */
type CellFormat = CellStyle;

const FIRST_CUSTOM_NUMBER_FORMAT = 164;
/** Built-in number formats (ECMA-376 §18.8.30) the specs use, written by id rather than as custom codes. */
const BUILTIN_NUMBER_FORMATS: Record<string, number> = { General: 0, '0': 1, '0.00': 2, '#,##0': 3, '#,##0.00': 4, '0%': 9, '0.00%': 10 };
const BORDER_COLOR = 'FFBFBFBF';
/** How many distinct range styles a composition key leaves room for. */
const STYLE_KEY_SPAN = 1 << 20;

function argb(hex: string): string {
  return `FF${hex.replace('#', '').toUpperCase()}`;
}

/** `style` laid over `base`: fonts and alignments merge field by field, fill, format and border replace. */
function overlay(base: CellFormat, style: CellStyle): CellFormat {
  const format: CellFormat = { ...base };
  if (style.bold !== undefined) format.bold = style.bold;
  if (style.italic !== undefined) format.italic = style.italic;
  if (style.fontSize) format.fontSize = style.fontSize;
  if (style.fontColor) format.fontColor = style.fontColor;
  if (style.fill) format.fill = style.fill;
  if (style.numberFormat) format.numberFormat = style.numberFormat;
  if (style.wrap) format.wrap = true;
  if (style.horizontal) format.horizontal = style.horizontal;
  if (style.vertical) format.vertical = style.vertical;
  if (style.border) format.border = true;
  return format;
}

function formatKey(format: CellFormat): string {
  return JSON.stringify([format.bold, format.italic, format.fontSize, format.fontColor, format.fill, format.numberFormat, format.wrap, format.horizontal, format.vertical, format.border]);
}

function fontXml(format: Pick<CellFormat, 'bold' | 'italic' | 'fontSize' | 'fontColor'>): string {
  const color = format.fontColor ? `<color rgb="${argb(format.fontColor)}"/>` : '';
  return `<font>${format.bold ? '<b/>' : ''}${format.italic ? '<i/>' : ''}<sz val="${format.fontSize ?? 11}"/>${color}<name val="Calibri"/><family val="2"/></font>`;
}

function fillXml(fill: string | undefined): string {
  return fill ? `<fill><patternFill patternType="solid"><fgColor rgb="${argb(fill)}"/><bgColor indexed="64"/></patternFill></fill>` : '<fill><patternFill patternType="none"/></fill>';
}

function borderXml(border: boolean | undefined): string {
  if (!border) return '<border><left/><right/><top/><bottom/><diagonal/></border>';
  const side = (name: string) => `<${name} style="thin"><color rgb="${BORDER_COLOR}"/></${name}>`;
  return `<border>${side('left')}${side('right')}${side('top')}${side('bottom')}<diagonal/></border>`;
}

/** Distinct XML items of one kind (fonts, fills...), each once, by first use. */
class Items {
  readonly xml: string[] = [];
  private readonly index = new Map<string, number>();

  constructor(initial: string[]) {
    for (const item of initial) this.add(item);
  }

  add(item: string): number {
    let found = this.index.get(item);
    if (found === undefined) {
      found = this.xml.length;
      this.index.set(item, found);
      this.xml.push(item);
    }
    return found;
  }

  section(name: string): string {
    return `<${name} count="${this.xml.length}">${this.xml.join('')}</${name}>`;
  }
}

export class StyleTable {
  private readonly formats: CellFormat[] = [{}];
  private readonly formatIndex = new Map<string, number>([[formatKey({}), 0]]);
  /** Range style (by content) -> small id, so that compositions are keyed by two numbers. */
  private readonly styleIds = new Map<string, number>();
  private readonly styles: CellStyle[] = [];
  /** `base * STYLE_KEY_SPAN + styleId` -> resulting format index. */
  private readonly compositions = new Map<number, number>();
  private readonly dxfs = new Items([]);

  /** Id of a range's style, looked up once per range. */
  styleId(style: CellStyle): number {
    const key = JSON.stringify(style);
    let id = this.styleIds.get(key);
    if (id === undefined) {
      id = this.styles.length;
      this.styleIds.set(key, id);
      this.styles.push(style);
    }
    return id;
  }

  /** Format index of a cell of format `base` once the range style `styleId` is laid over it. */
  over(base: number, styleId: number): number {
    const key = base * STYLE_KEY_SPAN + styleId;
    let index = this.compositions.get(key);
    if (index === undefined) {
      const format = overlay(this.formats[base], this.styles[styleId]);
      const fKey = formatKey(format);
      index = this.formatIndex.get(fKey);
      if (index === undefined) {
        index = this.formats.length;
        this.formats.push(format);
        this.formatIndex.set(fKey, index);
      }
      this.compositions.set(key, index);
    }
    return index;
  }

  /** Number format code of a format index (charts show their values in it). */
  numberFormat(index: number): string {
    return this.formats[index]?.numberFormat ?? 'General';
  }

  /** Differential format of a conditional format's highlight; returns its dxfs index. */
  dxf(style: ConditionalFormatSpec['style']): number {
    const font =
      style.fontColor || style.bold ? `<font>${style.bold ? '<b/>' : ''}${style.fontColor ? `<color rgb="${argb(style.fontColor)}"/>` : ''}</font>` : '';
    const fill = style.fill ? `<fill><patternFill patternType="solid"><bgColor rgb="${argb(style.fill)}"/></patternFill></fill>` : '';
    return this.dxfs.add(`<dxf>${font}${fill}</dxf>`);
  }

  /** Index maps for a package whose styles part is exactly `stylesXml()`. */
  identityMaps(): { cellXfs: number[]; dxfs: number[] } {
    return { cellXfs: this.formats.map((_, i) => i), dxfs: this.dxfs.xml.map((_, i) => i) };
  }

  /** A styles part with these formats, in CT_Stylesheet order; cellXfs index i is format i. */
  stylesXml(): string {
    const numFmts = new Items([]);
    const customIds = new Map<string, number>();
    const fonts = new Items([fontXml({})]);
    const fills = new Items([fillXml(undefined), '<fill><patternFill patternType="gray125"/></fill>']);
    const borders = new Items([borderXml(false)]);
    const xfs = this.formats.map((format) => {
      let numFmtId = 0;
      if (format.numberFormat) {
        numFmtId = BUILTIN_NUMBER_FORMATS[format.numberFormat] ?? customIds.get(format.numberFormat) ?? FIRST_CUSTOM_NUMBER_FORMAT + customIds.size;
        if (numFmtId >= FIRST_CUSTOM_NUMBER_FORMAT && !customIds.has(format.numberFormat)) {
          customIds.set(format.numberFormat, numFmtId);
          numFmts.add(`<numFmt numFmtId="${numFmtId}" formatCode="${escapeXml(format.numberFormat)}"/>`);
        }
      }
      const fontId = fonts.add(fontXml(format));
      const fillId = fills.add(fillXml(format.fill));
      const borderId = borders.add(borderXml(format.border));
      const applies = `${numFmtId ? ' applyNumberFormat="1"' : ''}${fontId ? ' applyFont="1"' : ''}${fillId ? ' applyFill="1"' : ''}${borderId ? ' applyBorder="1"' : ''}`;
      const vertical = format.vertical;
      const alignment =
        format.wrap || format.horizontal || vertical
          ? `<alignment${format.horizontal ? ` horizontal="${format.horizontal}"` : ''}${vertical ? ` vertical="${vertical}"` : ''}${format.wrap ? ' wrapText="1"' : ''}/>`
          : '';
      const open = `<xf numFmtId="${numFmtId}" fontId="${fontId}" fillId="${fillId}" borderId="${borderId}" xfId="0"${applies}${alignment ? ' applyAlignment="1"' : ''}`;
      return alignment ? `${open}>${alignment}</xf>` : `${open}/>`;
    });
    return (
      `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<styleSheet xmlns="${NS.main}">` +
      (numFmts.xml.length ? numFmts.section('numFmts') : '') +
      fonts.section('fonts') +
      fills.section('fills') +
      borders.section('borders') +
      '<cellStyleXfs count="1"><xf numFmtId="0" fontId="0" fillId="0" borderId="0"/></cellStyleXfs>' +
      `<cellXfs count="${xfs.length}">${xfs.join('')}</cellXfs>` +
      '<cellStyles count="1"><cellStyle name="Normal" xfId="0" builtinId="0"/></cellStyles>' +
      `<dxfs count="${this.dxfs.xml.length}">${this.dxfs.xml.join('')}</dxfs>` +
      '<tableStyles count="0" defaultTableStyle="TableStyleMedium2" defaultPivotStyle="PivotStyleLight16"/>' +
      '</styleSheet>'
    );
  }
}
