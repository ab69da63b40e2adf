/**
 * The rules Excel enforces when it opens a workbook and that the OOXML schemas do not express: a file
 * that breaks one opens with « Nous avons trouvé un problème dans tout ou partie du contenu » and a
 * repair. Each rule below is one Excel is known to apply (sheet and table names, table headers equal
 * to their column names, style and string indexes in range, ordered cells, disjoint merges, chart
 * axes that cross each other...).
 */
import type { Package } from './validateXlsx';
import { attr, child, descendants, elements, textOf, type XmlElement } from './xml';

const RT = 'http://schemas.openxmlformats.org/officeDocument/2006/relationships/';

interface Cell {
  row: number;
  col: number;
}
interface Range {
  from: Cell;
  to: Cell;
}

function parseCell(ref: string): Cell | undefined {
  const match = /^\$?([A-Z]{1,3})\$?(\d+)$/.exec(ref.toUpperCase());
  if (!match) return undefined;
  const col = [...match[1]].reduce((n, ch) => n * 26 + ch.charCodeAt(0) - 64, 0);
  return { row: Number(match[2]), col };
}

function parseRange(ref: string): Range | undefined {
  const [a, b = a] = ref.split(':');
  const from = parseCell(a);
  const to = parseCell(b);
  return from && to ? { from, to } : undefined;
}

/** The items of a list element (`<mergeCells><mergeCell/>…`), none when the list is absent. */
function items(parent: XmlElement | undefined, list: string, item?: string): XmlElement[] {
  const container = child(parent, list);
  return container ? elements(container, item) : [];
}

const overlaps = (a: Range, b: Range) => a.from.row <= b.to.row && b.from.row <= a.to.row && a.from.col <= b.to.col && b.from.col <= a.to.col;

const EXCEL_ERRORS = new Set(['#NULL!', '#DIV/0!', '#VALUE!', '#REF!', '#NAME?', '#NUM!', '#N/A', '#GETTING_DATA']);
/** Functions added after Excel 2007: stored with the _xlfn. prefix, else Excel shows #NAME?. */
const FUTURE_FUNCTIONS = new Set(
  'IFNA IFS MAXIFS MINIFS SWITCH TEXTJOIN CONCAT XLOOKUP XMATCH FILTER SORT SORTBY UNIQUE SEQUENCE LET LAMBDA DAYS ISOWEEKNUM STDEV.S STDEV.P VAR.S VAR.P MODE.SNGL PERCENTILE.INC PERCENTILE.EXC RANK.EQ RANK.AVG AGGREGATE NETWORKDAYS.INTL WORKDAY.INTL FLOOR.MATH CEILING.MATH FORMULATEXT ISFORMULA SHEET SHEETS XOR NUMBERVALUE'.split(' '),
);

/** What is wrong with a formula as stored (without its `=`), if anything Excel would refuse. */
function formulaProblem(formula: string): string | undefined {
  if (formula.length > 8192) return `formula of ${formula.length} characters (Excel keeps 8192)`;
  if (formula.startsWith('=')) return 'formula stored with a leading « = »';
  let depth = 0;
  let inString = false;
  let inQuote = false;
  let outside = '';
  for (const ch of formula) {
    if (inString) inString = ch !== '"';
    else if (inQuote) inQuote = ch !== "'";
    else if (ch === '"') inString = true;
    else if (ch === "'") inQuote = true;
    else {
      if (ch === '(') depth++;
      if (ch === ')' && --depth < 0) return 'unbalanced parentheses';
      outside += ch;
    }
  }
  if (inString || inQuote) return 'unbalanced quotes';
  if (depth !== 0) return 'unbalanced parentheses';
  for (const match of outside.matchAll(/(^|[^A-Za-z0-9_.])([A-Za-z][A-Za-z0-9.]*)\(/g)) {
    if (FUTURE_FUNCTIONS.has(match[2].toUpperCase()) && !/_xl(fn|ws)\.$/.test(outside.slice(0, match.index! + match[1].length))) {
      return `${match[2]} without the _xlfn. prefix`;
    }
  }
  return undefined;
}

function checkSheetName(name: string): string | undefined {
  if (!name.length || name.length > 31) return `sheet name « ${name} » of ${name.length} characters (1 to 31)`;
  if (/[[\]:*?/\\]/.test(name)) return `sheet name « ${name} » with a forbidden character`;
  if (name.startsWith("'") || name.endsWith("'")) return `sheet name « ${name} » starting or ending with an apostrophe`;
  return undefined;
}

const NAME_SYNTAX = /^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u;
const looksLikeCell = (name: string) => /^[A-Za-z]{1,3}\d+$/.test(name) || /^[Rr]\d*[Cc]\d*$/.test(name) || /^[RrCc]$/.test(name);

export function checkExcelRules(pkg: Package): void {
  const workbookRel = pkg.relationships('').find((r) => r.type === `${RT}officeDocument`);
  const workbookPart = workbookRel?.target;
  const workbook = workbookPart ? pkg.parts.get(workbookPart) : undefined;
  if (!workbookPart || !workbook) {
    pkg.error('(package)', 'no workbook part reached from _rels/.rels');
    return;
  }
  const workbookRels = new Map(pkg.relationships(workbookPart).map((r) => [r.id, r]));
  const styles = [...workbookRels.values()].find((r) => r.type === `${RT}styles`);
  const styleSheet = styles && pkg.parts.get(styles.target);
  const strings = [...workbookRels.values()].find((r) => r.type === `${RT}sharedStrings`);
  const sst = strings && pkg.parts.get(strings.target);
  const sharedStrings = sst ? elements(sst, 'si').map((si) => elements(si).filter((e) => e.local === 't' || e.local === 'r').map((e) => (e.local === 't' ? textOf(e) : textOf(child(e, 't')))).join('')) : [];

  const counts = styleSheet ? checkStyles(pkg, styles!.target, styleSheet) : { cellXfs: 0, dxfs: 0 };

  // Sheets: names, ids, visibility.
  const sheets = items(workbook, 'sheets', 'sheet');
  const sheetNames = new Set<string>();
  const sheetIds = new Set<string>();
  for (const sheet of sheets) {
    const name = attr(sheet, 'name') ?? '';
    const problem = checkSheetName(name);
    if (problem) pkg.error(workbookPart, problem);
    if (sheetNames.has(name.toLowerCase())) pkg.error(workbookPart, `two sheets named « ${name} » (ignoring case)`);
    sheetNames.add(name.toLowerCase());
    const id = attr(sheet, 'sheetId') ?? '';
    if (sheetIds.has(id)) pkg.error(workbookPart, `sheetId ${id} used twice`);
    sheetIds.add(id);
  }
  if (sheets.length && sheets.every((s) => (attr(s, 'state') ?? 'visible') !== 'visible')) pkg.error(workbookPart, 'no visible sheet');
  const activeTab = Number(attr(child(child(workbook, 'bookViews'), 'workbookView'), 'activeTab') ?? 0);
  if (activeTab >= sheets.length) pkg.error(workbookPart, `activeTab ${activeTab} but ${sheets.length} sheet(s)`);

  // Worksheets and their tables.
  const tableNames = new Map<string, string>();
  const tableIds = new Set<string>();
  for (const sheet of sheets) {
    const rel = [...sheet.attributes.values()].find((a) => a.local === 'id' && a.uri.endsWith('/relationships'));
    const part = rel && workbookRels.get(rel.value)?.target;
    const root = part && pkg.parts.get(part);
    if (!part || !root || root.local !== 'worksheet') continue;
    const cells = checkWorksheet(pkg, part, root, { cellXfs: counts.cellXfs, dxfs: counts.dxfs, sharedStrings });
    const merges = items(root, 'mergeCells', 'mergeCell').flatMap((m) => parseRange(attr(m, 'ref') ?? '') ?? []);
    const tableRanges: Range[] = [];
    for (const tableRel of pkg.relationships(part).filter((r) => r.type === `${RT}table`)) {
      const table = pkg.parts.get(tableRel.target);
      if (!table) continue;
      const range = checkTable(pkg, tableRel.target, table, cells, counts.dxfs);
      const name = attr(table, 'name') ?? '';
      const id = attr(table, 'id') ?? '';
      if (tableNames.has(name.toLowerCase())) pkg.error(tableRel.target, `table name « ${name} » also used by ${tableNames.get(name.toLowerCase())}`);
      tableNames.set(name.toLowerCase(), tableRel.target);
      if (tableIds.has(id)) pkg.error(tableRel.target, `table id ${id} used twice in the workbook`);
      tableIds.add(id);
      if (!range) continue;
      if (tableRanges.some((r) => overlaps(r, range))) pkg.error(tableRel.target, `table ${attr(table, 'ref')} overlaps another table`);
      if (merges.some((m) => overlaps(m, range))) pkg.error(tableRel.target, `table ${attr(table, 'ref')} overlaps merged cells`);
      tableRanges.push(range);
    }
  }

  // Defined names.
  const scoped = new Set<string>();
  for (const definedName of items(workbook, 'definedNames', 'definedName')) {
    const name = attr(definedName, 'name') ?? '';
    const scope = attr(definedName, 'localSheetId');
    if (!NAME_SYNTAX.test(name) || (looksLikeCell(name) && !name.startsWith('_xlnm.'))) pkg.error(workbookPart, `defined name « ${name} » is not a valid name`);
    if (scope !== undefined && !(Number(scope) < sheets.length)) pkg.error(workbookPart, `defined name « ${name} » scoped to sheet ${scope} of ${sheets.length}`);
    const key = `${name.toLowerCase()}|${scope ?? ''}`;
    if (scoped.has(key)) pkg.error(workbookPart, `defined name « ${name} » twice in the same scope`);
    scoped.add(key);
    if (tableNames.has(name.toLowerCase())) pkg.error(workbookPart, `defined name « ${name} » is also a table name`);
    for (const match of textOf(definedName).matchAll(/(?:'((?:[^']|'')+)'|([^\s'!(),:;=+\-*/&^<>"]+))!/g)) {
      const sheet = (match[1] ?? match[2]).replace(/''/g, "'");
      if (!sheetNames.has(sheet.toLowerCase()) && !/^\[\d+\]/.test(sheet)) pkg.error(workbookPart, `defined name « ${name} » refers to a missing sheet « ${sheet} »`);
    }
  }

  for (const [part, root] of pkg.parts) {
    if (root.local === 'chartSpace') checkChart(pkg, part, root);
    if (root.local === 'wsDr') {
      const ids = new Set<string>();
      for (const element of descendants(root)) {
        if (element.local !== 'cNvPr') continue;
        const id = attr(element, 'id') ?? '';
        if (ids.has(id)) pkg.error(part, `drawing shape id ${id} used twice`);
        ids.add(id);
      }
    }
  }
}

function checkStyles(pkg: Package, part: string, styleSheet: XmlElement): { cellXfs: number; dxfs: number } {
  const listed = (name: string) => items(styleSheet, name);
  const fonts = listed('fonts').length;
  const fills = listed('fills').length;
  const borders = listed('borders').length;
  const numFmts = new Set(listed('numFmts').map((f) => Number(attr(f, 'numFmtId'))));
  const cellStyleXfs = listed('cellStyleXfs').length;
  for (const list of ['cellXfs', 'cellStyleXfs']) {
    listed(list).forEach((xf, i) => {
      const check = (key: string, count: number) => {
        const value = Number(attr(xf, key) ?? 0);
        if (!(value < count) && !(count === 0 && value === 0)) pkg.error(part, `${list}[${i}] ${key}=${value} but ${count} defined`);
      };
      check('fontId', fonts);
      check('fillId', fills);
      check('borderId', borders);
      if (list === 'cellXfs' && attr(xf, 'xfId') !== undefined) check('xfId', cellStyleXfs);
      const numFmtId = Number(attr(xf, 'numFmtId') ?? 0);
      if (numFmtId >= 164 && !numFmts.has(numFmtId)) pkg.error(part, `${list}[${i}] numFmtId=${numFmtId} is not defined`);
    });
  }
  return { cellXfs: listed('cellXfs').length, dxfs: listed('dxfs').length };
}

interface SheetContext {
  cellXfs: number;
  dxfs: number;
  sharedStrings: string[];
}

/** Checks the cells and the sheet-level rules; returns the text of each cell, keyed row,col. */
function checkWorksheet(pkg: Package, part: string, sheet: XmlElement, context: SheetContext): Map<string, string> {
  const texts = new Map<string, string>();
  let lastRow = 0;
  const sharedMasters = new Set<string>();
  for (const row of items(sheet, 'sheetData', 'row')) {
    const r = Number(attr(row, 'r') ?? lastRow + 1);
    if (r <= lastRow) pkg.error(part, `row ${r} after row ${lastRow}`);
    lastRow = r;
    let lastCol = 0;
    for (const c of elements(row, 'c')) {
      const ref = attr(c, 'r');
      const at = ref ? parseCell(ref) : { row: r, col: lastCol + 1 };
      if (!at || at.row !== r) {
        pkg.error(part, `cell ${ref} in row ${r}`);
        continue;
      }
      if (at.col <= lastCol) pkg.error(part, `cell ${ref} out of order in row ${r}`);
      lastCol = at.col;
      const style = Number(attr(c, 's') ?? 0);
      if (style > 0 && !(style < context.cellXfs)) pkg.error(part, `cell ${ref} has style ${style} but ${context.cellXfs} cellXfs`);
      const type = attr(c, 't') ?? 'n';
      const v = child(c, 'v');
      const value = v ? textOf(v) : undefined;
      let text = value ?? '';
      if (type === 's' && value !== undefined) {
        const index = Number(value);
        if (!Number.isInteger(index) || index < 0 || index >= context.sharedStrings.length) pkg.error(part, `cell ${ref}: shared string ${value} of ${context.sharedStrings.length}`);
        text = context.sharedStrings[index] ?? '';
      } else if (type === 'n' && value !== undefined && (value.trim() === '' || !Number.isFinite(Number(value)))) {
        pkg.error(part, `cell ${ref}: « ${value} » is not a number`);
      } else if (type === 'e' && value !== undefined && !EXCEL_ERRORS.has(value)) {
        pkg.error(part, `cell ${ref}: « ${value} » is not an error value`);
      } else if (type === 'inlineStr') {
        text = [...descendants(child(c, 'is') ?? c)].filter((e) => e.local === 't').map(textOf).join('');
      }
      if (text.length > 32767) pkg.error(part, `cell ${ref}: text of ${text.length} characters (Excel keeps 32767)`);
      texts.set(`${at.row},${at.col}`, text);
      const f = child(c, 'f');
      if (f) {
        const formula = textOf(f);
        const problem = formula ? formulaProblem(formula) : undefined;
        if (problem) pkg.error(part, `cell ${ref}: ${problem}`);
        if (attr(f, 't') === 'shared') {
          const si = attr(f, 'si') ?? '';
          if (attr(f, 'ref')) sharedMasters.add(si);
          else if (!sharedMasters.has(si)) pkg.error(part, `cell ${ref}: shared formula ${si} before its master`);
        }
      }
    }
  }

  let lastColumn = 0;
  for (const col of items(sheet, 'cols', 'col')) {
    const min = Number(attr(col, 'min'));
    const max = Number(attr(col, 'max'));
    if (!(min > lastColumn) || !(max >= min)) pkg.error(part, `<col min="${min}" max="${max}"> overlaps or is out of order`);
    lastColumn = Math.max(lastColumn, max);
  }

  const merges: Range[] = [];
  for (const merge of items(sheet, 'mergeCells', 'mergeCell')) {
    const range = parseRange(attr(merge, 'ref') ?? '');
    if (!range) {
      pkg.error(part, `merge « ${attr(merge, 'ref')} » is not a range`);
      continue;
    }
    if (merges.some((m) => overlaps(m, range))) pkg.error(part, `merge ${attr(merge, 'ref')} overlaps another`);
    merges.push(range);
  }

  const priorities = new Set<string>();
  for (const rule of elements(sheet, 'conditionalFormatting').flatMap((cf) => elements(cf, 'cfRule'))) {
    const dxfId = attr(rule, 'dxfId');
    if (dxfId !== undefined && !(Number(dxfId) < context.dxfs)) pkg.error(part, `conditional format dxfId ${dxfId} but ${context.dxfs} dxfs`);
    const type = attr(rule, 'type');
    if (type === 'cellIs' && (!attr(rule, 'operator') || !elements(rule, 'formula').length)) pkg.error(part, 'cellIs conditional format without operator or formula');
    if (type === 'expression' && !elements(rule, 'formula').length) pkg.error(part, 'expression conditional format without formula');
    for (const formula of elements(rule, 'formula')) {
      const problem = formulaProblem(textOf(formula));
      if (problem) pkg.error(part, `conditional format: ${problem}`);
    }
    const priority = attr(rule, 'priority') ?? '';
    if (priorities.has(priority)) pkg.warning(part, `conditional format priority ${priority} used twice`);
    priorities.add(priority);
  }

  const validated: Range[] = [];
  for (const validation of items(sheet, 'dataValidations', 'dataValidation')) {
    const type = attr(validation, 'type') ?? 'none';
    const formula1 = child(validation, 'formula1');
    if (type !== 'none' && type !== 'any' && !formula1) pkg.error(part, `data validation (${type}) on ${attr(validation, 'sqref')} without formula1`);
    const list = formula1 ? textOf(formula1) : '';
    if (type === 'list' && list.startsWith('"') && list.length - 2 > 255) pkg.error(part, `list validation of ${list.length - 2} characters (Excel keeps 255)`);
    for (const range of (attr(validation, 'sqref') ?? '').split(/\s+/).flatMap((ref) => parseRange(ref) ?? [])) {
      if (validated.some((v) => overlaps(v, range))) pkg.warning(part, `data validations overlap on ${attr(validation, 'sqref')}`);
      validated.push(range);
    }
  }
  return texts;
}

function checkTable(pkg: Package, part: string, table: XmlElement, cells: Map<string, string>, dxfs: number): Range | undefined {
  const name = attr(table, 'name') ?? '';
  if (!/^[\p{L}_\\][\p{L}\p{N}_.\\]*$/u.test(name) || looksLikeCell(name) || name.length > 255) pkg.error(part, `table name « ${name} » is not a valid name`);
  const range = parseRange(attr(table, 'ref') ?? '');
  if (!range) {
    pkg.error(part, `table ref « ${attr(table, 'ref')} » is not a range`);
    return undefined;
  }
  const columns = items(table, 'tableColumns', 'tableColumn');
  const width = range.to.col - range.from.col + 1;
  const declared = Number(attr(child(table, 'tableColumns'), 'count') ?? columns.length);
  if (declared !== columns.length || columns.length !== width) pkg.error(part, `tableColumns count ${declared}, ${columns.length} columns, ref ${width} wide`);
  const autoFilter = child(table, 'autoFilter');
  if (autoFilter && attr(autoFilter, 'ref') !== attr(table, 'ref')) pkg.error(part, `autoFilter ${attr(autoFilter, 'ref')} differs from the table ${attr(table, 'ref')}`);
  const seen = new Set<string>();
  const header = attr(table, 'headerRowCount') !== '0';
  columns.forEach((column, i) => {
    const columnName = attr(column, 'name') ?? '';
    if (seen.has(columnName.toLowerCase())) pkg.error(part, `column name « ${columnName} » twice (ignoring case)`);
    seen.add(columnName.toLowerCase());
    const cell = cells.get(`${range.from.row},${range.from.col + i}`);
    if (header && cell !== columnName) pkg.error(part, `header cell « ${cell ?? ''} » differs from the column name « ${columnName} »`);
  });
  for (const key of ['headerRowDxfId', 'dataDxfId', 'totalsRowDxfId']) {
    const value = attr(table, key);
    if (value !== undefined && !(Number(value) < dxfs)) pkg.error(part, `${key} ${value} but ${dxfs} dxfs`);
  }
  return range;
}

function checkChart(pkg: Package, part: string, chartSpace: XmlElement): void {
  const plotArea = child(child(chartSpace, 'chart'), 'plotArea');
  if (!plotArea) return;
  const axes = new Map<string, XmlElement>();
  for (const axis of elements(plotArea).filter((e) => /Ax$/.test(e.local))) {
    const id = attr(child(axis, 'axId'), 'val') ?? '';
    if (axes.has(id)) pkg.error(part, `axis id ${id} used twice`);
    axes.set(id, axis);
  }
  const used = new Set<string>();
  const seriesIndexes = new Set<string>();
  for (const group of elements(plotArea).filter((e) => /Chart$/.test(e.local))) {
    for (const axId of elements(group, 'axId')) {
      const id = attr(axId, 'val') ?? '';
      if (!axes.has(id)) pkg.error(part, `${group.local} uses axis ${id}, which is not defined`);
      used.add(id);
    }
    for (const series of elements(group, 'ser')) {
      const idx = attr(child(series, 'idx'), 'val') ?? '';
      if (seriesIndexes.has(idx)) pkg.error(part, `series idx ${idx} used twice`);
      seriesIndexes.add(idx);
    }
  }
  for (const [id, axis] of axes) {
    const crosses = attr(child(axis, 'crossAx'), 'val') ?? '';
    if (!axes.has(crosses) || crosses === id) pkg.error(part, `axis ${id} crosses ${crosses}, which is not another axis`);
    if (!used.has(id)) pkg.error(part, `axis ${id} is used by no chart`);
  }
}
