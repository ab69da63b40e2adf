/**
 * A coordinator's workbook carrying what ExcelJS does not model, built part by part: a comment, an
 * image, a native chart, a pivot table with its cache, a macro project (.xlsm), custom XML, a
 * calculation chain, a control character in a cell, a table whose name collides (ignoring case) with
 * one of ours, and an old Pilote AP sheet under another case (« ap groupes ») to be replaced.
 */
import ExcelJS from 'exceljs';
import { unzipSync } from 'fflate';
import JSZip from 'jszip';
import { MARKER } from '../../../src/core/workbook';
import type { ChartSpec } from '../../../src/core/render/sheetSpec';
import { anchorXml, CHART_CONTENT_TYPE, chartXml } from '../../../src/gateways/xlsx/charts';

/** A 1×1 transparent PNG. */
const PNG = Uint8Array.from(atob('iVBORw0KGgoAAAANSUhEUgAAAAEAAAABCAYAAAAfFcSJAAAADUlEQVR42mNkYPhfDwAChwGA60e6kgAAAABJRU5ErkJggg=='), (c) => c.charCodeAt(0));
export const VBA_BYTES = Uint8Array.from({ length: 512 }, (_, i) => (i * 37 + 11) % 256);
export const CONTROL_TEXT = 'avant\u0001\u0007après\ttab';
/** How Excel stores it (ExcelJS drops control characters, so the test writes Excel's form itself). */
export const CONTROL_TEXT_XML = 'avant_x0001__x0007_après\ttab';

const MAIN = 'http://schemas.openxmlformats.org/spreadsheetml/2006/main';
const REL = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships';

function addOverride(types: string, part: string, contentType: string): string {
  return types.replace('</Types>', `<Override PartName="/${part}" ContentType="${contentType}"/></Types>`);
}

function addRel(rels: string, id: string, type: string, target: string): string {
  return rels.replace('</Relationships>', `<Relationship Id="${id}" Type="${type}" Target="${target}"/></Relationships>`);
}

export async function coordinatorPackage(): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const data = workbook.addWorksheet('Données');
  data.addTable({
    name: 'ap_horaires',
    ref: 'A1',
    headerRow: true,
    style: { theme: 'TableStyleLight1', showRowStripes: true },
    columns: [{ name: 'Classe' }, { name: 'Heures' }],
    rows: [['2MRC', 1], ['1MRC', 2]],
  });
  data.getCell('D1').value = CONTROL_TEXT;
  data.getCell('D2').value = { formula: 'SUM(B2:B3)', result: 3 };
  const classe = workbook.addWorksheet('2MRC');
  classe.getCell('A1').value = 'Niveau';
  classe.getCell('B1').value = 'Élèves';
  classe.getCell('A2').value = '2nde';
  classe.getCell('B2').value = 24;
  classe.getCell('A3').value = '1re';
  classe.getCell('B3').value = 22;
  classe.getCell('A2').note = 'Commentaire du coordonnateur';
  classe.addImage(workbook.addImage({ buffer: PNG as unknown as ExcelJS.Buffer, extension: 'png' }), 'D8:F12');
  const old = workbook.addWorksheet('ap groupes');
  old.getCell('A1').value = `${MARKER} Groupes (ancienne génération)`;
  old.addTable({ name: 'AP_Groupes_Eleves', ref: 'A3', headerRow: true, columns: [{ name: 'Élève' }], rows: [['ancien']] });

  const zip = await JSZip.loadAsync(await workbook.xlsx.writeBuffer());
  let types = await zip.file('[Content_Types].xml')!.async('string');

  // A native chart over « 2MRC », in the drawing that holds the image.
  const chart: ChartSpec = { type: 'column', title: 'Effectifs', data: { row: 0, col: 0, rowCount: 3, colCount: 2 }, anchor: { row: 14, col: 0 }, size: { rows: 10, cols: 5 } };
  const cells = [['Niveau', 'Élèves'], ['2nde', 24], ['1re', 22]];
  zip.file('xl/charts/chart1.xml', chartXml(chart, '2MRC', { value: (r, c) => cells[r]?.[c] ?? null, numberFormat: () => 'General' }));
  types = addOverride(types, 'xl/charts/chart1.xml', CHART_CONTENT_TYPE.chart);
  const drawingRels = await zip.file('xl/drawings/_rels/drawing1.xml.rels')!.async('string');
  zip.file('xl/drawings/_rels/drawing1.xml.rels', addRel(drawingRels, 'rId900', `${REL}/chart`, '../charts/chart1.xml'));
  const drawing = await zip.file('xl/drawings/drawing1.xml')!.async('string');
  zip.file('xl/drawings/drawing1.xml', drawing.replace('</xdr:wsDr>', `${anchorXml(chart, 900, 'rId900')}</xdr:wsDr>`));
  let workbookRels = await zip.file('xl/_rels/workbook.xml.rels')!.async('string');
  let workbookXml = await zip.file('xl/workbook.xml')!.async('string');

  // Macro project: .xlsm content type of the workbook part.
  types = types.replace('application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml', 'application/vnd.ms-excel.sheet.macroEnabled.main+xml');
  zip.file('xl/vbaProject.bin', VBA_BYTES);
  types = types.replace('</Types>', '<Default Extension="bin" ContentType="application/vnd.ms-office.vbaProject"/></Types>');
  workbookRels = addRel(workbookRels, 'rId900', 'http://schemas.microsoft.com/office/2006/relationships/vbaProject', 'vbaProject.bin');

  // Pivot table on « Données » (sheet1), with its cache.
  zip.file(
    'xl/pivotCache/pivotCacheDefinition1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotCacheDefinition xmlns="${MAIN}" xmlns:r="${REL}" refreshOnLoad="1" recordCount="0"><cacheSource type="worksheet"><worksheetSource ref="A1:B3" sheet="Données"/></cacheSource><cacheFields count="2"><cacheField name="Classe" numFmtId="0"><sharedItems/></cacheField><cacheField name="Heures" numFmtId="0"><sharedItems containsSemiMixedTypes="0" containsString="0" containsNumber="1" containsInteger="1" minValue="1" maxValue="2"/></cacheField></cacheFields></pivotCacheDefinition>`,
  );
  zip.file(
    'xl/pivotTables/pivotTable1.xml',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<pivotTableDefinition xmlns="${MAIN}" name="TCD1" cacheId="7" dataCaption="Valeurs" applyNumberFormats="0" applyBorderFormats="0" applyFontFormats="0" applyPatternFormats="0" applyAlignmentFormats="0" applyWidthHeightFormats="1" updatedVersion="6" createdVersion="6"><location ref="G1:H2" firstHeaderRow="1" firstDataRow="1" firstDataCol="1"/><pivotFields count="2"><pivotField showAll="0"/><pivotField dataField="1" showAll="0"/></pivotFields><dataFields count="1"><dataField name="Somme de Heures" fld="1" baseField="0" baseItem="0"/></dataFields></pivotTableDefinition>`,
  );
  zip.file(
    'xl/pivotTables/_rels/pivotTable1.xml.rels',
    `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="${REL}/pivotCacheDefinition" Target="../pivotCache/pivotCacheDefinition1.xml"/></Relationships>`,
  );
  const sheet1Rels = (await zip.file('xl/worksheets/_rels/sheet1.xml.rels')!.async('string'));
  zip.file('xl/worksheets/_rels/sheet1.xml.rels', addRel(sheet1Rels, 'rId901', `${REL}/pivotTable`, '../pivotTables/pivotTable1.xml'));
  types = addOverride(types, 'xl/pivotTables/pivotTable1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotTable+xml');
  types = addOverride(types, 'xl/pivotCache/pivotCacheDefinition1.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.pivotCacheDefinition+xml');
  workbookRels = addRel(workbookRels, 'rId902', `${REL}/pivotCacheDefinition`, 'pivotCache/pivotCacheDefinition1.xml');
  workbookXml = workbookXml.replace(/(<calcPr\b[^>]*\/>)/, '$1<pivotCaches><pivotCache cacheId="7" r:id="rId902"/></pivotCaches>');

  // Custom XML and a calculation chain.
  zip.file('customXml/item1.xml', '<?xml version="1.0" encoding="UTF-8"?><lycee xmlns="urn:exemple:lycee"><uai>0750655E</uai></lycee>');
  workbookRels = addRel(workbookRels, 'rId903', `${REL}/customXml`, '../customXml/item1.xml');
  zip.file('xl/calcChain.xml', `<?xml version="1.0" encoding="UTF-8" standalone="yes"?>\n<calcChain xmlns="${MAIN}"><c r="D2" i="1"/></calcChain>`);
  types = addOverride(types, 'xl/calcChain.xml', 'application/vnd.openxmlformats-officedocument.spreadsheetml.calcChain+xml');
  workbookRels = addRel(workbookRels, 'rId904', `${REL}/calcChain`, 'calcChain.xml');

  const strings = await zip.file('xl/sharedStrings.xml')!.async('string');
  // eslint-disable-next-line no-control-regex -- the test plants control characters on purpose
  zip.file('xl/sharedStrings.xml', strings.replace(CONTROL_TEXT.replace(/[\u0000-\u0008]/g, ''), CONTROL_TEXT_XML));
  zip.file('[Content_Types].xml', types);
  zip.file('xl/_rels/workbook.xml.rels', workbookRels);
  zip.file('xl/workbook.xml', workbookXml);
  return zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' });
}

/**
 * Every part's uncompressed bytes, read as the package writer reads them (fflate follows the central
 * directory: a damaged local header the writer accepted reads here too).
 */
export async function packageParts(bytes: Uint8Array): Promise<Map<string, Uint8Array>> {
  return new Map(Object.entries(unzipSync(bytes)).filter(([name]) => !name.endsWith('/')));
}
