/**
 * Native Excel charts for the .xlsx gateway. ExcelJS cannot write charts, so they are added to the
 * file it wrote: for each chart a DrawingML part (xl/charts/chartN.xml) whose series point at the
 * sheet's cells (with cached values, so that viewers show them before any recalculation), anchored
 * in the sheet's drawing (xl/drawings/drawingN.xml), plus the relationships and content types.
 */
import { a1 } from '../../core/grid';
import type { ChartSpec } from '../../core/render/sheetSpec';
import { attribute, escapeXml, nextRelId, Package, parseRels, relsPath, relsXml, resolveTarget, unescapeXml } from './package/opc';

export interface SheetCharts {
  sheetName: string;
  charts: ChartSpec[];
}

const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  drawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  main: 'http://schemas.openxmlformats.org/drawingml/2006/main',
};
const REL_TYPE = { drawing: `${NS.rel}/drawing`, chart: `${NS.rel}/chart` };
const CONTENT_TYPE = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E', '636363', '997300'];
/** Elements that must follow <drawing> in a worksheet (CT_Worksheet sequence). */
const AFTER_DRAWING = /<(legacyDrawing|legacyDrawingHF|drawingHF|picture|oleObjects|controls|webPublishItems|tableParts|extLst)\b/;

type CellContent = string | number | null;

/** Built-in number formats a chart axis may inherit (ECMA-376 §18.8.30). */
const BUILTIN_FORMATS: Record<number, string> = { 1: '0', 2: '0.00', 3: '#,##0', 4: '#,##0.00', 9: '0%', 10: '0.00%' };

/** Text of every <t> inside an element (shared strings and inline strings may be rich text runs). */
function textRuns(xml: string): string {
  return [...xml.matchAll(/<t(?:\s[^>]*)?>([\s\S]*?)<\/t>/g)].map((m) => unescapeXml(m[1])).join('');
}

/** Sheet name -> worksheet part path. */
async function worksheetParts(pkg: Package): Promise<Map<string, string>> {
  const workbook = (await pkg.text('xl/workbook.xml')) ?? '';
  const rels = parseRels(await pkg.text('xl/_rels/workbook.xml.rels'));
  const parts = new Map<string, string>();
  for (const [tag] of workbook.matchAll(/<sheet\b[^>]*>/g)) {
    const name = attribute(tag, 'name');
    const rel = rels.find((r) => r.id === attribute(tag, 'r:id'));
    if (name !== null && rel) parts.set(name, resolveTarget('xl/workbook.xml', rel.target));
  }
  return parts;
}

async function sharedStrings(pkg: Package): Promise<string[]> {
  const xml = (await pkg.text('xl/sharedStrings.xml')) ?? '';
  return [...xml.matchAll(/<si>([\s\S]*?)<\/si>/g)].map((m) => textRuns(m[1]));
}

/** Number format code of each cell style index (cellXfs), so that a chart's axis shows 40 % and not 0.4. */
async function numberFormats(pkg: Package): Promise<string[]> {
  const xml = (await pkg.text('xl/styles.xml')) ?? '';
  const custom = new Map([...xml.matchAll(/<numFmt\b[^>]*>/g)].map(([tag]) => [Number(attribute(tag, 'numFmtId')), attribute(tag, 'formatCode') ?? 'General']));
  const cellXfs = /<cellXfs\b[^>]*>([\s\S]*?)<\/cellXfs>/.exec(xml)?.[1] ?? '';
  return [...cellXfs.matchAll(/<xf\b[^>]*>/g)].map(([tag]) => {
    const id = Number(attribute(tag, 'numFmtId') ?? 0);
    return custom.get(id) ?? BUILTIN_FORMATS[id] ?? 'General';
  });
}

interface SheetCells {
  values: Map<string, CellContent>;
  /** A1 address -> number format code. */
  formats: Map<string, string>;
}

/** The worksheet's cell values and formats by A1 address (enough to fill the charts' caches). */
function readCells(sheetXml: string, strings: string[], styles: string[]): SheetCells {
  const values = new Map<string, CellContent>();
  const formats = new Map<string, string>();
  for (const match of sheetXml.matchAll(/<c\b([^>]*?)(?:\/>|>([\s\S]*?)<\/c>)/g)) {
    const tag = `<c${match[1]}>`;
    const address = attribute(tag, 'r');
    const body = match[2] ?? '';
    if (!address) continue;
    formats.set(address, styles[Number(attribute(tag, 's') ?? 0)] ?? 'General');
    const type = attribute(tag, 't');
    const raw = /<v>([\s\S]*?)<\/v>/.exec(body)?.[1];
    if (type === 'inlineStr') values.set(address, textRuns(body));
    else if (raw === undefined) continue;
    else if (type === 's') values.set(address, strings[Number(raw)] ?? '');
    else if (type === 'str' || type === 'e' || type === 'b') values.set(address, unescapeXml(raw));
    else values.set(address, Number(raw));
  }
  return { values, formats };
}

function quoteSheet(name: string): string {
  return `'${name.replace(/'/g, "''")}'`;
}

function absolute(row: number, col: number): string {
  return a1(row, col).replace(/^([A-Z]+)(\d+)$/, '$$$1$$$2');
}

function rangeRef(sheet: string, row: number, col: number, rowCount: number): string {
  const start = absolute(row, col);
  return `${quoteSheet(sheet)}!${rowCount > 1 ? `${start}:${absolute(row + rowCount - 1, col)}` : start}`;
}

function strRef(ref: string, texts: string[]): string {
  const points = texts.map((t, i) => `<c:pt idx="${i}"><c:v>${escapeXml(t)}</c:v></c:pt>`).join('');
  return `<c:strRef><c:f>${escapeXml(ref)}</c:f><c:strCache><c:ptCount val="${texts.length}"/>${points}</c:strCache></c:strRef>`;
}

function numRef(ref: string, numbers: CellContent[], format: string): string {
  const points = numbers.map((n, i) => (typeof n === 'number' && Number.isFinite(n) ? `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>` : '')).join('');
  return `<c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${numbers.length}"/>${points}</c:numCache></c:numRef>`;
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : '';
  return `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr><a:r><a:rPr lang="fr-FR" sz="${size}"${b}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`;
}

/** A clustered bar (horizontal) or column (vertical) chart over spec.data. */
function chartXml(spec: ChartSpec, sheet: string, { values, formats }: SheetCells): string {
  const { row, col, rowCount, colCount } = spec.data;
  const format = formats.get(a1(row + 1, col + 1)) ?? 'General';
  const text = (r: number, c: number) => String(values.get(a1(r, c)) ?? '');
  const categories = Array.from({ length: rowCount - 1 }, (_, i) => text(row + 1 + i, col));
  const series = Array.from({ length: colCount - 1 }, (_, s) => {
    const c = col + 1 + s;
    const numbers = Array.from({ length: rowCount - 1 }, (_, i) => values.get(a1(row + 1 + i, c)) ?? null);
    return (
      `<c:ser><c:idx val="${s}"/><c:order val="${s}"/>` +
      `<c:tx>${strRef(rangeRef(sheet, row, c, 1), [text(row, c)])}</c:tx>` +
      `<c:spPr><a:solidFill><a:srgbClr val="${PALETTE[s % PALETTE.length]}"/></a:solidFill></c:spPr>` +
      `<c:invertIfNegative val="0"/>` +
      `<c:cat>${strRef(rangeRef(sheet, row + 1, col, rowCount - 1), categories)}</c:cat>` +
      `<c:val>${numRef(rangeRef(sheet, row + 1, c, rowCount - 1), numbers, format)}</c:val></c:ser>`
    );
  }).join('');
  const horizontal = spec.type === 'bar';
  // Horizontal bars read top-down like the table: categories reversed, value axis kept at the bottom.
  const catAx =
    `<c:catAx><c:axId val="500001"/><c:scaling><c:orientation val="${horizontal ? 'maxMin' : 'minMax'}"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'l' : 'b'}"/><c:numFmt formatCode="General" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500002"/><c:crosses val="autoZero"/><c:auto val="1"/><c:lblAlgn val="ctr"/><c:lblOffset val="100"/><c:noMultiLvlLbl val="0"/></c:catAx>`;
  const valAx =
    `<c:valAx><c:axId val="500002"/><c:scaling><c:orientation val="minMax"/></c:scaling><c:delete val="0"/>` +
    `<c:axPos val="${horizontal ? 'b' : 'l'}"/><c:majorGridlines/><c:numFmt formatCode="${escapeXml(format)}" sourceLinked="0"/><c:majorTickMark val="out"/><c:minorTickMark val="none"/>` +
    `<c:tickLblPos val="nextTo"/><c:crossAx val="500001"/><c:crosses val="${horizontal ? 'max' : 'autoZero'}"/><c:crossBetween val="between"/></c:valAx>`;
  return (
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n` +
    `<c:chartSpace xmlns:c="${NS.chart}" xmlns:a="${NS.main}" xmlns:r="${NS.rel}"><c:roundedCorners val="0"/><c:chart>` +
    `<c:title><c:tx>${richText(spec.title, 1200, true)}</c:tx><c:overlay val="0"/></c:title><c:autoTitleDeleted val="0"/>` +
    `<c:plotArea><c:layout/><c:barChart><c:barDir val="${horizontal ? 'bar' : 'col'}"/><c:grouping val="clustered"/><c:varyColors val="0"/>${series}` +
    `<c:gapWidth val="80"/><c:axId val="500001"/><c:axId val="500002"/></c:barChart>${catAx}${valAx}</c:plotArea>` +
    `<c:legend><c:legendPos val="b"/><c:overlay val="0"/></c:legend><c:plotVisOnly val="1"/><c:dispBlanksAs val="gap"/></c:chart></c:chartSpace>`
  );
}

function anchorXml(spec: ChartSpec, shapeId: number, relId: string): string {
  const point = (row: number, col: number) => `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  const { row, col } = spec.anchor;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${point(row, col)}</xdr:from><xdr:to>${point(row + spec.size.rows, col + spec.size.cols)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Graphique ${shapeId}" descr="${escapeXml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.chart}">` +
    `<c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${relId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** The sheet's drawing part, created (and referenced from the sheet) when it has none. */
async function drawingOf(pkg: Package, sheetPart: string): Promise<string> {
  const sheetXml = (await pkg.text(sheetPart)) ?? '';
  const sheetRels = parseRels(await pkg.text(relsPath(sheetPart)));
  const existingId = /<drawing\b[^>]*r:id="([^"]+)"/.exec(sheetXml)?.[1];
  const existing = sheetRels.find((r) => r.id === existingId);
  if (existing) return resolveTarget(sheetPart, existing.target);

  const part = `xl/drawings/drawing${pkg.nextIndex('xl/drawings/drawing')}.xml`;
  pkg.write(part, `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.main}"></xdr:wsDr>`);
  await pkg.addOverride(part, CONTENT_TYPE.drawing);
  const relId = nextRelId(sheetRels);
  pkg.write(relsPath(sheetPart), relsXml([...sheetRels, { id: relId, type: REL_TYPE.drawing, target: `../drawings/${part.split('/').pop()}`, external: false }]));

  let xml = sheetXml;
  if (!/xmlns:r="/.test(xml)) xml = xml.replace(/<worksheet\b/, `<worksheet xmlns:r="${NS.rel}"`);
  const element = `<drawing r:id="${relId}"/>`;
  const after = AFTER_DRAWING.exec(xml);
  xml = after ? `${xml.slice(0, after.index)}${element}${xml.slice(after.index)}` : xml.replace('</worksheet>', `${element}</worksheet>`);
  pkg.write(sheetPart, xml);
  return part;
}

async function addSheetCharts(pkg: Package, sheetName: string, sheetPart: string, charts: ChartSpec[], strings: string[], styles: string[]): Promise<void> {
  const cells = readCells((await pkg.text(sheetPart)) ?? '', strings, styles);
  const drawingPart = await drawingOf(pkg, sheetPart);
  let drawing = (await pkg.text(drawingPart)) ?? '';
  const drawingRels = parseRels(await pkg.text(relsPath(drawingPart)));
  let shapeId = Math.max(1, ...[...drawing.matchAll(/<xdr:cNvPr\b[^>]*\sid="(\d+)"/g)].map((m) => Number(m[1])));
  const anchors: string[] = [];
  for (const spec of charts) {
    if (spec.data.rowCount < 2 || spec.data.colCount < 2) continue;
    const chartPart = `xl/charts/chart${pkg.nextIndex('xl/charts/chart')}.xml`;
    pkg.write(chartPart, chartXml(spec, sheetName, cells));
    await pkg.addOverride(chartPart, CONTENT_TYPE.chart);
    const relId = nextRelId(drawingRels);
    drawingRels.push({ id: relId, type: REL_TYPE.chart, target: `../charts/${chartPart.split('/').pop()}`, external: false });
    anchors.push(anchorXml(spec, ++shapeId, relId));
  }
  drawing = drawing.replace(/<\/xdr:wsDr>\s*$/, `${anchors.join('')}</xdr:wsDr>`);
  pkg.write(drawingPart, drawing);
  pkg.write(relsPath(drawingPart), relsXml(drawingRels));
}

/** Add native bar / column charts to the sheets of an .xlsx written by ExcelJS. */
export async function addChartsToXlsx(xlsx: Uint8Array, charts: SheetCharts[]): Promise<Uint8Array> {
  const pkg = await Package.load(xlsx);
  const parts = await worksheetParts(pkg);
  const strings = await sharedStrings(pkg);
  const styles = await numberFormats(pkg);
  for (const { sheetName, charts: specs } of charts) {
    const part = parts.get(sheetName);
    if (part && specs.length) await addSheetCharts(pkg, sheetName, part, specs, strings, styles);
  }
  return pkg.generate();
}
