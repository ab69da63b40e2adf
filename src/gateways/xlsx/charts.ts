/**
 * Native Excel charts for the .xlsx gateway: for each chart a DrawingML part (xl/charts/chartN.xml)
 * whose series point at the sheet's cells (with cached values, so that viewers show them before any
 * recalculation), anchored in the sheet's drawing part (xl/drawings/drawingN.xml). The sheet writer
 * puts the parts, relationships and content types in the package. No Node module, no DOM.
 */
import { a1 } from '../../core/grid';
import type { ChartSpec } from '../../core/render/sheetSpec';
import { escapeXml } from './package/opc';

const NS = {
  rel: 'http://schemas.openxmlformats.org/officeDocument/2006/relationships',
  chart: 'http://schemas.openxmlformats.org/drawingml/2006/chart',
  drawing: 'http://schemas.openxmlformats.org/drawingml/2006/spreadsheetDrawing',
  main: 'http://schemas.openxmlformats.org/drawingml/2006/main',
};
export const CHART_REL_TYPE = { drawing: `${NS.rel}/drawing`, chart: `${NS.rel}/chart` };
export const CHART_CONTENT_TYPE = {
  drawing: 'application/vnd.openxmlformats-officedocument.drawing+xml',
  chart: 'application/vnd.openxmlformats-officedocument.drawingml.chart+xml',
};
const PALETTE = ['4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47', '264478', '9E480E', '636363', '997300'];

/** What a chart reads of its sheet: the value and number format code of a cell (0-based). */
export interface ChartSource {
  value(row: number, col: number): string | number | null;
  numberFormat(row: number, col: number): string;
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

function numRef(ref: string, numbers: (string | number | null)[], format: string): string {
  const points = numbers.map((n, i) => (typeof n === 'number' && Number.isFinite(n) ? `<c:pt idx="${i}"><c:v>${n}</c:v></c:pt>` : '')).join('');
  return `<c:numRef><c:f>${escapeXml(ref)}</c:f><c:numCache><c:formatCode>${escapeXml(format)}</c:formatCode><c:ptCount val="${numbers.length}"/>${points}</c:numCache></c:numRef>`;
}

function richText(text: string, size: number, bold: boolean): string {
  const b = bold ? ' b="1"' : '';
  return `<c:rich><a:bodyPr/><a:lstStyle/><a:p><a:pPr><a:defRPr sz="${size}"${b}/></a:pPr><a:r><a:rPr lang="fr-FR" sz="${size}"${b}/><a:t>${escapeXml(text)}</a:t></a:r></a:p></c:rich>`;
}

/** Can this chart be drawn (a header row and column, and at least one value)? */
export function isDrawable(spec: ChartSpec): boolean {
  return spec.data.rowCount >= 2 && spec.data.colCount >= 2;
}

/** A clustered bar (horizontal) or column (vertical) chart part over spec.data. */
export function chartXml(spec: ChartSpec, sheet: string, source: ChartSource): string {
  const { row, col, rowCount, colCount } = spec.data;
  const format = source.numberFormat(row + 1, col + 1);
  const text = (r: number, c: number) => String(source.value(r, c) ?? '');
  const categories = Array.from({ length: rowCount - 1 }, (_, i) => text(row + 1 + i, col));
  const series = Array.from({ length: colCount - 1 }, (_, s) => {
    const c = col + 1 + s;
    const numbers = Array.from({ length: rowCount - 1 }, (_, i) => source.value(row + 1 + i, c));
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

export function anchorXml(spec: ChartSpec, shapeId: number, relId: string): string {
  const point = (row: number, col: number) => `<xdr:col>${col}</xdr:col><xdr:colOff>0</xdr:colOff><xdr:row>${row}</xdr:row><xdr:rowOff>0</xdr:rowOff>`;
  const { row, col } = spec.anchor;
  return (
    `<xdr:twoCellAnchor editAs="oneCell"><xdr:from>${point(row, col)}</xdr:from><xdr:to>${point(row + spec.size.rows, col + spec.size.cols)}</xdr:to>` +
    `<xdr:graphicFrame macro=""><xdr:nvGraphicFramePr><xdr:cNvPr id="${shapeId}" name="Graphique ${shapeId}" descr="${escapeXml(spec.title)}"/><xdr:cNvGraphicFramePr/></xdr:nvGraphicFramePr>` +
    `<xdr:xfrm><a:off x="0" y="0"/><a:ext cx="0" cy="0"/></xdr:xfrm><a:graphic><a:graphicData uri="${NS.chart}">` +
    `<c:chart xmlns:c="${NS.chart}" xmlns:r="${NS.rel}" r:id="${relId}"/></a:graphicData></a:graphic></xdr:graphicFrame><xdr:clientData/></xdr:twoCellAnchor>`
  );
}

/** The drawing part of a sheet anchoring these charts; `relIds[i]` is the relationship of chart i. */
export function drawingXml(charts: ChartSpec[], relIds: string[]): string {
  const anchors = charts.map((spec, i) => anchorXml(spec, i + 2, relIds[i])).join('');
  return `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<xdr:wsDr xmlns:xdr="${NS.drawing}" xmlns:a="${NS.main}">${anchors}</xdr:wsDr>`;
}
