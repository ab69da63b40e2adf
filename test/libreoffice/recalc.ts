/**
 * Recalculate .xlsx files with LibreOffice headless, then read formula results back with ExcelJS.
 * The profile is fresh for each run and forces « always recalculate » on OOXML load
 * (org.openoffice.Office.Calc/Formula/Load/OOXMLRecalcMode = 0), otherwise LibreOffice would keep
 * the cached values we wrote and the comparison would prove nothing.
 */
import { execFile } from 'node:child_process';
import { mkdir, mkdtemp, readFile, rm, writeFile } from 'node:fs/promises';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { pathToFileURL } from 'node:url';
import { promisify } from 'node:util';
import ExcelJS from 'exceljs';

const run = promisify(execFile);

const PROFILE = `<?xml version="1.0" encoding="UTF-8"?>
<oor:items xmlns:oor="http://openoffice.org/2001/registry" xmlns:xs="http://www.w3.org/2001/XMLSchema" xmlns:xsi="http://www.w3.org/2001/XMLSchema-instance">
<item oor:path="/org.openoffice.Office.Calc/Formula/Load"><prop oor:name="OOXMLRecalcMode" oor:op="fuse"><value>0</value></prop></item>
</oor:items>
`;

/** Recalculate every file (name -> bytes) in one LibreOffice run; returns the recalculated bytes. */
export async function recalculate(files: Record<string, Uint8Array>): Promise<Record<string, Uint8Array>> {
  const dir = await mkdtemp(join(tmpdir(), 'pilote-ap-lo-'));
  try {
    await mkdir(join(dir, 'profile', 'user'), { recursive: true });
    await writeFile(join(dir, 'profile', 'user', 'registrymodifications.xcu'), PROFILE);
    await mkdir(join(dir, 'in'));
    const inputs = Object.keys(files).map((name) => join(dir, 'in', `${name}.xlsx`));
    await Promise.all(Object.entries(files).map(([name, bytes]) => writeFile(join(dir, 'in', `${name}.xlsx`), bytes)));
    const profile = `-env:UserInstallation=${pathToFileURL(join(dir, 'profile')).href}`;
    await run('soffice', [profile, '--headless', '--norestore', '--convert-to', 'xlsx', '--outdir', join(dir, 'out'), ...inputs], { timeout: 120_000 });
    const out: Record<string, Uint8Array> = {};
    for (const name of Object.keys(files)) out[name] = new Uint8Array(await readFile(join(dir, 'out', `${name}.xlsx`)));
    return out;
  } finally {
    await rm(dir, { recursive: true, force: true });
  }
}

export interface ReadCell {
  /** 0-based, like sheet specs. */
  row: number;
  col: number;
  address: string;
  /** Formula text without the leading `=`, or null for a plain value. */
  formula: string | null;
  /** Computed or plain value; an error cell gives its text (`#REF!`). */
  value: unknown;
}

export async function loadWorkbook(bytes: Uint8Array): Promise<ExcelJS.Workbook> {
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(bytes) as unknown as ExcelJS.Buffer);
  return workbook;
}

function plain(value: unknown): unknown {
  if (value && typeof value === 'object' && 'error' in value) return (value as { error: string }).error;
  return value;
}

/** Every non-empty cell of a sheet. */
export function readCells(workbook: ExcelJS.Workbook, sheet: string): ReadCell[] {
  const worksheet = workbook.getWorksheet(sheet);
  if (!worksheet) throw new Error(`feuille « ${sheet} » absente`);
  const cells: ReadCell[] = [];
  worksheet.eachRow({ includeEmpty: false }, (row) =>
    row.eachCell({ includeEmpty: false }, (cell) => {
      const isFormula = cell.type === ExcelJS.ValueType.Formula;
      // ExcelJS hides a 0 result behind `value` and drops an empty string result: read `result`.
      const value = isFormula ? (plain(cell.result) ?? '') : plain(cell.value);
      cells.push({ row: Number(cell.row) - 1, col: Number(cell.col) - 1, address: cell.address, formula: isFormula ? String(cell.formula) : null, value });
    }),
  );
  return cells;
}

/** Error values as Excel and LibreOffice write them. */
export function isErrorValue(value: unknown): boolean {
  return typeof value === 'string' && /^(#(REF!|NAME\?|VALUE!|DIV\/0!|N\/A|NUM!|NULL!)|Err:\d+)/.test(value);
}
