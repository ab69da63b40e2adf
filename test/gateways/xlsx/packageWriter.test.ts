/**
 * The package-level writer: the coordinator's parts come out byte-identical, the output passes
 * the project's xlsx check (scripts/validate), our sheets replace our old ones in place, and a damaged input gives a French
 * UnusableInputError, never a crash.
 */
import { readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import ExcelJS from 'exceljs';
import fc from 'fast-check';
import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../../src/core/diagnostics';
import { buildExampleWorkbook } from '../../../src/core/example';
import { generate } from '../../../src/core/pipeline';
import { type SheetSpec } from '../../../src/core/render/sheetSpec';
import { MARKER } from '../../../src/core/workbook';
import { writeCompletedWorkbook } from '../../../src/gateways/xlsx/package/writeWorkbook';
import { describeReport, validateXlsx } from '../../../scripts/validate/validateXlsx';
import { readXlsx, XlsxFileGateway } from '../../../src/gateways/xlsx/xlsxGateway';
import { CONTROL_TEXT, CONTROL_TEXT_XML, coordinatorPackage, packageParts, VBA_BYTES } from './coordinatorPackage';

/** The project's offline check (scripts/validate): OOXML schemas, package and Excel's own rules. */
async function validate(bytes: Uint8Array, name: string): Promise<{ ok: boolean; output: string }> {
  const report = await validateXlsx(bytes);
  return { ok: report.errors.length === 0, output: describeReport(name, report) };
}

/** Parts the writer may change: the workbook part, its relationships, content types, styles. */
const WORKBOOK_LEVEL = new Set(['xl/workbook.xml', 'xl/_rels/workbook.xml.rels', '[Content_Types].xml', 'xl/styles.xml']);
/** Parts of the old « ap groupes » sheet (sheet3) in the coordinator package, and the calculation chain. */
const OLD_AP_SHEET = new Set(['xl/worksheets/sheet3.xml', 'xl/worksheets/_rels/sheet3.xml.rels', 'xl/tables/table2.xml', 'xl/calcChain.xml']);

describe('package-level writer', async () => {
  const generation = await generate(buildExampleWorkbook(), { today: '2026-10-01' });
  const specs = generation.sheets;
  const input = await coordinatorPackage();
  const before = Buffer.from(input).toString('base64');
  const output = await writeCompletedWorkbook(input, specs);
  const inParts = await packageParts(input);
  const outParts = await packageParts(output);

  it('keeps every coordinator part byte-identical (chart, image, pivot table, comments, macros, custom XML)', () => {
    const coordinatorParts = [...inParts.keys()].filter((p) => !WORKBOOK_LEVEL.has(p) && !OLD_AP_SHEET.has(p));
    expect(coordinatorParts).toEqual(
      expect.arrayContaining(['xl/vbaProject.bin', 'xl/charts/chart1.xml', 'xl/pivotTables/pivotTable1.xml', 'xl/pivotCache/pivotCacheDefinition1.xml', 'customXml/item1.xml', 'xl/sharedStrings.xml']),
    );
    expect(coordinatorParts.some((p) => p.startsWith('xl/media/'))).toBe(true);
    expect(coordinatorParts.some((p) => /^xl\/comments\d*\.xml$/.test(p))).toBe(true);
    expect(coordinatorParts.some((p) => p.endsWith('.vml'))).toBe(true);
    for (const part of coordinatorParts) {
      expect(outParts.has(part), part).toBe(true);
      expect(Buffer.from(outParts.get(part)!).equals(Buffer.from(inParts.get(part)!)), part).toBe(true);
    }
    expect(Buffer.from(outParts.get('xl/vbaProject.bin')!).equals(Buffer.from(VBA_BYTES))).toBe(true);
    expect(Buffer.from(input).toString('base64')).toBe(before);
  });

  it('passes validate-xlsx and stays a macro workbook', async () => {
    const result = await validate(output, 'out.xlsm');
    // No warning either: unique conditional-format priorities, one validation rule per range.
    expect(result.output).toMatch(/^OK .*: 0 invalid part\(s\), 0 warning\(s\)/m);
    expect(result.ok).toBe(true);
    const types = new TextDecoder().decode(outParts.get('[Content_Types].xml'));
    expect(types).toContain('PartName="/xl/workbook.xml" ContentType="application/vnd.ms-excel.sheet.macroEnabled.main+xml"');
  });

  it('replaces our old sheet in place under our name, removes its parts and the stale calculation chain', async () => {
    const { grids } = await readXlsx(output);
    const names = grids.map((g) => g.sheet);
    expect(names.slice(0, 3)).toEqual(['Données', '2MRC', 'AP Groupes']);
    expect(names.filter((n) => n.toLowerCase() === 'ap groupes')).toHaveLength(1);
    expect(String(grids[2].values[0][0])).toMatch(new RegExp(`^${MARKER}`));
    expect(grids[2].values.flat()).not.toContain('ancien');
    expect(outParts.has('xl/calcChain.xml')).toBe(false);
    // The old sheet's table is gone; our table names stay unique ignoring case (« ap_horaires » is theirs).
    const tables = [...outParts.keys()].filter((p) => /^xl\/tables\//.test(p)).map((p) => /name="([^"]+)"/.exec(new TextDecoder().decode(outParts.get(p)))![1].toLowerCase());
    expect(new Set(tables).size).toBe(tables.length);
    expect(tables).toContain('ap_horaires');
    expect(tables).toContain('ap_horaires_2');
    expect(tables.filter((t) => t === 'ap_groupes_eleves')).toHaveLength(1);
  });

  it('keeps control characters of the coordinator cells as they were', async () => {
    const strings = new TextDecoder().decode(outParts.get('xl/sharedStrings.xml'));
    expect(strings).toContain(CONTROL_TEXT_XML);
    expect(Buffer.from(outParts.get('xl/sharedStrings.xml')!).equals(Buffer.from(inParts.get('xl/sharedStrings.xml')!))).toBe(true);
    expect((await readXlsx(output)).grids[0]).toEqual((await readXlsx(input)).grids[0]);
  });

  it('writes again over its own output without growing the styles or leaving parts behind', async () => {
    const again = await writeCompletedWorkbook(output, specs);
    const againParts = await packageParts(again);
    expect([...againParts.keys()].length).toBe([...outParts.keys()].length);
    expect(againParts.get('xl/styles.xml')!.length).toBe(outParts.get('xl/styles.xml')!.length);
    expect((await validate(again, 'again.xlsm')).ok).toBe(true);
  });

  it('is what the file gateway writes', async () => {
    const gateway = new XlsxFileGateway(input);
    await gateway.writeSheets(specs);
    const parts = await packageParts(await gateway.toBytes());
    expect(Buffer.from(parts.get('xl/vbaProject.bin')!).equals(Buffer.from(VBA_BYTES))).toBe(true);
  });

  it('writes a new workbook when there is no input package', async () => {
    const { grids } = await readXlsx(await writeCompletedWorkbook(null, specs));
    expect(grids.map((g) => g.sheet)).toEqual(specs.map((s) => s.name));
  });

  it('writes into a package whose workbook and styles use a namespace prefix (x:workbook, x:styleSheet)', async () => {
    const prefixed = (xml: string) =>
      xml.replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, '<$1x:$2').replace(' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"');
    const zip = await JSZip.loadAsync(input);
    for (const part of ['xl/workbook.xml', 'xl/styles.xml']) zip.file(part, prefixed(await zip.file(part)!.async('string')));
    const written = await writeCompletedWorkbook(await zip.generateAsync({ type: 'uint8array' }), specs);
    expect((await validate(written, 'prefixed.xlsm')).ok).toBe(true);
    // Our old « ap groupes » is replaced in its tab position; the other sheets are added after.
    const added = specs.map((s) => s.name).filter((name) => name !== 'AP Groupes');
    expect((await readXlsx(written)).grids.map((g) => g.sheet)).toEqual(['Données', '2MRC', 'AP Groupes', ...added]);
  });

  it('reads and writes over tables saved by LibreOffice (no tableStyleInfo)', async () => {
    const zip = await JSZip.loadAsync(input);
    for (const path of Object.keys(zip.files).filter((p) => /^xl\/tables\/[^/]+\.xml$/.test(p))) {
      zip.file(path, (await zip.file(path)!.async('string')).replace(/<tableStyleInfo\b[^>]*\/>/, ''));
    }
    const libre = await zip.generateAsync({ type: 'uint8array' });
    const { grids } = await readXlsx(libre);
    expect(grids[0].values[0]).toContain('Classe');
    const written = await packageParts(await writeCompletedWorkbook(libre, specs));
    expect(new TextDecoder().decode(written.get('xl/tables/table1.xml'))).not.toContain('tableStyleInfo');
  });
});

const SIMPLE_SPECS: SheetSpec[] = [
  {
    name: 'AP Groupes',
    role: 'output',
    cells: [[`${MARKER} Groupes`], ['Élève', 'Atelier'], ['A', 'Maths'], ['B', { formula: '=LEN(A3)', value: 1 }]],
    tables: [{ name: 'AP_Groupes', range: { row: 1, col: 0, rowCount: 3, colCount: 2 }, style: 'TableStyleMedium2' }],
    styles: [{ range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, style: { bold: true, fill: '#DDEBF7', numberFormat: '0.0" h"' } }],
    conditionalFormats: [{ range: { row: 2, col: 1, rowCount: 2, colCount: 1 }, operator: 'equal', value: 'Maths', style: { fill: '#FFC7CE' } }],
  },
  { name: 'AP Paramètres', role: 'parameters', cells: [[`${MARKER} Paramètres`], ['Cycle', 1]] },
];

const OUR_NAMES = ['ap groupes', 'AP GROUPES', 'Ap Paramètres', 'AP PARAMÈTRES', 'AP Indicateurs'];
const cellText = fc.oneof(fc.string({ maxLength: 12 }), fc.constantFrom(CONTROL_TEXT, '=1+1', '€ é ß', '\u0002x'));

const randomWorkbook = fc.record({
  sheets: fc.uniqueArray(fc.oneof(fc.constantFrom(...OUR_NAMES), fc.stringMatching(/^[A-Za-z0-9 éè]{1,20}$/)), {
    minLength: 1,
    maxLength: 4,
    selector: (n) => n.trim().toLowerCase(),
  }),
  cells: fc.array(fc.tuple(fc.nat(30), fc.nat(8), fc.oneof(cellText, fc.double({ noNaN: true, noDefaultInfinity: true }), fc.boolean())), { maxLength: 25 }),
  ours: fc.boolean(),
});

const mutation = fc.oneof(
  fc.constant({ kind: 'none' as const }),
  fc.record({ kind: fc.constant('flip' as const), at: fc.nat(), value: fc.nat(255) }),
  fc.record({ kind: fc.constant('truncate' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('drop' as const), at: fc.nat() }),
  fc.record({ kind: fc.constant('garble' as const), at: fc.nat(), text: fc.string({ maxLength: 40 }) }),
);

async function buildRandom(model: { sheets: string[]; cells: [number, number, unknown][]; ours: boolean }): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  model.sheets.forEach((name, i) => {
    const sheet = workbook.addWorksheet(name.trim() || `S${i}`);
    if (model.ours && name.toLowerCase().startsWith('ap ')) sheet.getCell('A1').value = `${MARKER} ancienne`;
    for (const [row, col, value] of model.cells) if (i === row % model.sheets.length) sheet.getCell(row + 2, col + 1).value = value as ExcelJS.CellValue;
  });
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

async function mutate(bytes: Uint8Array, change: { kind: string; at?: number; value?: number; text?: string }): Promise<Uint8Array> {
  if (change.kind === 'flip') {
    const copy = bytes.slice();
    copy[change.at! % copy.length] = change.value!;
    return copy;
  }
  if (change.kind === 'truncate') return bytes.slice(0, change.at! % bytes.length);
  if (change.kind === 'drop' || change.kind === 'garble') {
    const zip = await JSZip.loadAsync(bytes);
    const names = Object.keys(zip.files).filter((n) => !zip.files[n].dir);
    const name = names[change.at! % names.length];
    if (change.kind === 'drop') zip.remove(name);
    else zip.file(name, change.text!);
    return zip.generateAsync({ type: 'uint8array' });
  }
  return bytes;
}

describe('package writer on random and damaged workbooks', () => {
  it('writes random workbooks into files that pass validate-xlsx', async () => {
    const samples = fc.sample(randomWorkbook, { numRuns: 4, seed: 13 });
    for (const [i, model] of samples.entries()) {
      const result = await validate(await writeCompletedWorkbook(await buildRandom(model), SIMPLE_SPECS), `random-${i}.xlsx`);
      expect(result.output).toMatch(/^OK /m);
    }
  }, 60_000);

  it('reader and writer never crash other than with a French UnusableInputError; the coordinator sheets stay identical', async () => {
    await fc.assert(
      fc.asyncProperty(randomWorkbook, mutation, async (model, change) => {
        const input = await mutate(await buildRandom(model), change);
        // The reader too: grids, or a French UnusableInputError.
        await readXlsx(input).catch((error: unknown) => expect(error).toBeInstanceOf(UnusableInputError));
        let output: Uint8Array;
        try {
          output = await writeCompletedWorkbook(input, SIMPLE_SPECS);
        } catch (error) {
          expect(error).toBeInstanceOf(UnusableInputError);
          expect((error as Error).message).toMatch(/classeur/);
          return;
        }
        const inParts = await packageParts(input);
        const outParts = await packageParts(output);
        const workbookXml = new TextDecoder().decode(inParts.get('xl/workbook.xml'));
        const rels = new TextDecoder().decode(inParts.get('xl/_rels/workbook.xml.rels'));
        // Coordinator sheets: every sheet whose name is not one of our spec names (ignoring case).
        for (const [, name, relId] of workbookXml.matchAll(/<sheet\b[^>]*name="([^"]*)"[^>]*r:id="([^"]*)"/g)) {
          if (SIMPLE_SPECS.some((s) => s.role === 'output' && s.name.toLowerCase() === name.toLowerCase())) continue;
          const target = new RegExp(`Id="${relId}"[^>]*Target="([^"]*)"`).exec(rels)?.[1];
          if (!target) continue;
          const part = `xl/${target.replace(/^\/?xl\//, '')}`;
          if (!inParts.has(part)) continue;
          expect(Buffer.from(outParts.get(part) ?? []).equals(Buffer.from(inParts.get(part)!)), part).toBe(true);
        }
        if (change.kind === 'none') {
          const names = (await readXlsx(output)).grids.map((g) => g.sheet.toLowerCase());
          expect(new Set(names).size).toBe(names.length);
          expect(names).toContain('ap groupes');
        }
      }),
      { numRuns: 60 },
    );
  }, 120_000);
});

describe('our sheet names under another case, through the pipeline and the file gateway', () => {
  it('leaves a coordinator « AP INDICATEURS » alone and reported, and replaces our own « ap groupes »', async () => {
    const workbook = new ExcelJS.Workbook();
    await workbook.xlsx.load(readFileSync(join(__dirname, '../../../examples/lycee-exemple.xlsx')) as unknown as ExcelJS.Buffer);
    workbook.addWorksheet('AP INDICATEURS').getCell('B2').value = 'Mes propres indicateurs';
    workbook.addWorksheet('ap groupes').getCell('A1').value = `${MARKER} Groupes (ancienne génération)`;
    const input = new Uint8Array(await workbook.xlsx.writeBuffer());
    const gateway = new XlsxFileGateway(input);
    const generation = await generate(await gateway.readSnapshot(), { today: '2026-10-01' });
    await gateway.writeSheets(generation.sheets);
    const output = await gateway.toBytes();

    expect(generation.diagnostics.some((d) => d.severity === 'error' && /AP Indicateurs/.test(d.message) && /n'a pas été créée par Pilote AP/.test(d.message))).toBe(true);
    const { grids } = await readXlsx(output);
    const named = (name: string) => grids.filter((g) => g.sheet.toLowerCase() === name);
    expect(named('ap indicateurs')).toHaveLength(1);
    expect(named('ap indicateurs')[0]).toMatchObject({ sheet: 'AP INDICATEURS', values: [['Mes propres indicateurs']] });
    expect(named('ap groupes')).toHaveLength(1);
    expect(named('ap groupes')[0].sheet).toBe('AP Groupes');
    expect((await validate(output, 'case.xlsx')).ok).toBe(true);
  });
});

describe('package writer: styles and minimal packages', () => {
  it('only appends styles: every existing font, fill, border, number format, cell and differential format keeps its index', async () => {
    const input = await coordinatorPackage();
    const output = await writeCompletedWorkbook(input, SIMPLE_SPECS);
    const styles = async (bytes: Uint8Array) => new TextDecoder().decode((await packageParts(bytes)).get('xl/styles.xml'));
    const items = (xml: string, section: string, item: string) => {
      const body = new RegExp(`<${section}\\b[^>]*>([\\s\\S]*?)</${section}>`).exec(xml)?.[1] ?? '';
      return [...body.matchAll(new RegExp(`<${item}\\b[^>]*/>|<${item}\\b[^>]*>[\\s\\S]*?</${item}>`, 'g'))].map((m) => m[0]);
    };
    const [before, after] = [await styles(input), await styles(output)];
    for (const [section, item] of [['numFmts', 'numFmt'], ['fonts', 'font'], ['fills', 'fill'], ['borders', 'border'], ['cellXfs', 'xf'], ['dxfs', 'dxf']]) {
      const old = items(before, section, item);
      expect(items(after, section, item).slice(0, old.length), section).toEqual(old);
    }
    expect(items(after, 'cellXfs', 'xf').length).toBeGreaterThan(items(before, 'cellXfs', 'xf').length);
  });

  it('writes into a minimal package made by another tool (no styles, no shared strings)', async () => {
    const zip = new JSZip();
    zip.file(
      '[Content_Types].xml',
      '<?xml version="1.0" encoding="UTF-8"?><Types xmlns="http://schemas.openxmlformats.org/package/2006/content-types"><Default Extension="rels" ContentType="application/vnd.openxmlformats-package.relationships+xml"/><Default Extension="xml" ContentType="application/xml"/><Override PartName="/xl/workbook.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.sheet.main+xml"/><Override PartName="/xl/worksheets/sheet1.xml" ContentType="application/vnd.openxmlformats-officedocument.spreadsheetml.worksheet+xml"/></Types>',
    );
    zip.file('_rels/.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/officeDocument" Target="xl/workbook.xml"/></Relationships>');
    zip.file(
      'xl/workbook.xml',
      '<?xml version="1.0" encoding="UTF-8"?><workbook xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main" xmlns:r="http://schemas.openxmlformats.org/officeDocument/2006/relationships"><sheets><sheet name="Élèves" sheetId="1" r:id="rId1"/></sheets></workbook>',
    );
    zip.file('xl/_rels/workbook.xml.rels', '<?xml version="1.0" encoding="UTF-8"?><Relationships xmlns="http://schemas.openxmlformats.org/package/2006/relationships"><Relationship Id="rId1" Type="http://schemas.openxmlformats.org/officeDocument/2006/relationships/worksheet" Target="worksheets/sheet1.xml"/></Relationships>');
    zip.file(
      'xl/worksheets/sheet1.xml',
      '<?xml version="1.0" encoding="UTF-8"?><worksheet xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"><sheetData><row r="1"><c r="A1" t="inlineStr"><is><t>Nom</t></is></c></row><row r="2"><c r="A2" t="inlineStr"><is><t>DUPONT</t></is></c></row></sheetData></worksheet>',
    );
    const input = await zip.generateAsync({ type: 'uint8array' });
    const output = await writeCompletedWorkbook(input, SIMPLE_SPECS);
    expect((await validate(output, 'minimal.xlsx')).output).toMatch(/^OK /m);
    const { grids } = await readXlsx(output);
    expect(grids.map((g) => g.sheet)).toEqual(['Élèves', 'AP Groupes', 'AP Paramètres']);
    expect(grids[0].values).toEqual([['Nom'], ['DUPONT']]);
  });

  it('uses no Node-only API, so that the browser bundle can write and read packages', () => {
    const folder = join(__dirname, '../../../src/gateways/xlsx/package');
    for (const file of readdirSync(folder)) {
      const source = readFileSync(join(folder, file), 'utf8');
      expect(source, file).not.toMatch(/from 'node:|require\(|\bBuffer\b|\bprocess\./);
    }
  });
});

/** `name|localSheetId` → formula of every defined name of a package's workbook part. */
async function definedNamesOf(bytes: Uint8Array): Promise<Map<string, string>> {
  const xml = new TextDecoder().decode((await packageParts(bytes)).get('xl/workbook.xml'));
  const names = new Map<string, string>();
  for (const [, attributes, formula] of xml.matchAll(/<(?:\w+:)?definedName\b([^>]*)>([\s\S]*?)<\/(?:\w+:)?definedName>/g)) {
    const local = /localSheetId="(\d+)"/.exec(attributes)?.[1] ?? '';
    names.set(`${/name="([^"]*)"/.exec(attributes)![1]}|${local}`, formula.replace(/&apos;/g, "'"));
  }
  return names;
}

describe('package writer: defined names', async () => {
  const generation = await generate(buildExampleWorkbook(), { today: '2026-10-01' });
  const specs = generation.sheets;
  // The coordinator's names: global ones, one scoped to « 2MRC » (position 1), two scoped to our old
  // « ap groupes » (position 2), which go with it.
  const zip = await JSZip.loadAsync(await coordinatorPackage());
  const workbookXml = await zip.file('xl/workbook.xml')!.async('string');
  const coordinatorNames =
    '<definedNames><definedName name="Taux">Données!$B$2:$B$3</definedName><definedName name="_xlnm.Print_Titles" localSheetId="1">\'2MRC\'!$1:$1</definedName>' +
    '<definedName name="Zone" localSheetId="1">\'2MRC\'!$A$1:$B$3</definedName><definedName name="_xlnm.Print_Area" localSheetId="2">\'ap groupes\'!$A$1:$C$9</definedName>' +
    '<definedName name="Ancienne" localSheetId="2">\'ap groupes\'!$A$3</definedName><definedName name="Total" comment="gardé">SUM(Données!$B$2:$B$3)</definedName></definedNames>';
  expect(workbookXml).not.toContain('definedNames');
  zip.file('xl/workbook.xml', workbookXml.replace('</sheets>', `</sheets>${coordinatorNames}`));
  const input = await zip.generateAsync({ type: 'uint8array' });
  const output = await writeCompletedWorkbook(input, specs);
  const names = await definedNamesOf(output);
  const sheetNames = (await readXlsx(output)).grids.map((g) => g.sheet);

  it('passes validate-xlsx without warning', async () => {
    expect((await validate(output, 'names.xlsm')).output).toMatch(/^OK .*: 0 invalid part\(s\), 0 warning\(s\)/m);
  });

  it("keeps the coordinator's global and sheet-scoped names, and drops those of the replaced AP sheet", async () => {
    expect(names.get('Taux|')).toBe('Données!$B$2:$B$3');
    expect(names.get('Total|')).toBe('SUM(Données!$B$2:$B$3)');
    expect(new TextDecoder().decode((await packageParts(output)).get('xl/workbook.xml'))).toContain('<definedName name="Total" comment="gardé">');
    expect(names.get('_xlnm.Print_Titles|1')).toBe("'2MRC'!$1:$1");
    expect(names.get('Zone|1')).toBe("'2MRC'!$A$1:$B$3");
    expect(sheetNames[1]).toBe('2MRC');
    // Position 2 now holds our new « AP Groupes »: only its own repeated rows are scoped to it.
    expect(sheetNames[2]).toBe('AP Groupes');
    expect([...names.keys()].filter((key) => key.endsWith('|2'))).toEqual(['_xlnm.Print_Titles|2']);
    expect(names.get('_xlnm.Print_Titles|2')).toMatch(/^'AP Groupes'!/);
    expect([...names.values()].join()).not.toContain("'ap groupes'");
  });

  it("carries every rendered sheet's repeated rows, scoped to its position in the output", () => {
    const withTitles = specs.filter((spec) => spec.print?.repeatRows);
    expect(withTitles.length).toBeGreaterThan(2);
    for (const spec of withTitles) {
      const position = sheetNames.indexOf(spec.name);
      const { first, last } = spec.print!.repeatRows!;
      expect(names.get(`_xlnm.Print_Titles|${position}`), spec.name).toBe(`'${spec.name}'!$${first + 1}:$${last + 1}`);
    }
  });

  it('writes again over its own output with the same names, none twice', async () => {
    const again = await writeCompletedWorkbook(output, specs);
    expect(await definedNamesOf(again)).toEqual(names);
    expect((await validate(again, 'names-again.xlsm')).output).toMatch(/^OK .*: 0 invalid part\(s\), 0 warning\(s\)/m);
  });

  it('writes the names with the namespace prefix of a prefixed workbook part', async () => {
    const prefixedZip = await JSZip.loadAsync(input);
    const xml = await prefixedZip.file('xl/workbook.xml')!.async('string');
    prefixedZip.file(
      'xl/workbook.xml',
      xml.replace(/<(\/?)([A-Za-z]\w*)(?=[\s>/])/g, '<$1x:$2').replace(' xmlns="http://schemas.openxmlformats.org/spreadsheetml/2006/main"', ' xmlns:x="http://schemas.openxmlformats.org/spreadsheetml/2006/main"'),
    );
    const written = await writeCompletedWorkbook(await prefixedZip.generateAsync({ type: 'uint8array' }), specs);
    expect((await validate(written, 'names-prefixed.xlsm')).ok).toBe(true);
    expect(await definedNamesOf(written)).toEqual(names);
  });

  it('keeps each coordinator sheet its own repeated rows, wherever our old sheet sits among theirs', async () => {
    const withTitles = SIMPLE_SPECS.map((spec) => (spec.role === 'output' ? { ...spec, print: { fitToWidth: true, repeatRows: { first: 1, last: 1 } } } : spec));
    const coordinatorSheets = fc.uniqueArray(fc.stringMatching(/^[A-Za-z0-9éè]{1,12}$/), { minLength: 1, maxLength: 4, selector: (n) => n.toLowerCase() });
    await fc.assert(
      fc.asyncProperty(coordinatorSheets, fc.nat(4), async (theirs, at) => {
        const order = [...theirs];
        order.splice(at % (theirs.length + 1), 0, 'ap groupes');
        const workbook = new ExcelJS.Workbook();
        order.forEach((name, i) => {
          const sheet = workbook.addWorksheet(name);
          sheet.getCell('A1').value = name === 'ap groupes' ? `${MARKER} ancienne` : 'Nom';
          sheet.pageSetup.printTitlesRow = `${i + 1}:${i + 2}`;
        });
        const output = await writeCompletedWorkbook(new Uint8Array(await workbook.xlsx.writeBuffer()), withTitles);
        const outNames = await definedNamesOf(output);
        const outSheets = (await readXlsx(output)).grids.map((g) => g.sheet);
        expect(outSheets.slice(0, order.length).map((n) => n.toLowerCase())).toEqual(order.map((n) => n.toLowerCase()));
        order.forEach((name, i) => {
          const titles = outNames.get(`_xlnm.Print_Titles|${i}`);
          expect(titles, name).toBe(name === 'ap groupes' ? "'AP Groupes'!$2:$2" : `'${name}'!$${i + 1}:$${i + 2}`);
        });
        expect((await validate(output, 'names-random.xlsx')).ok).toBe(true);
      }),
      { numRuns: 12, seed: 7 },
    );
  }, 60_000);
});
