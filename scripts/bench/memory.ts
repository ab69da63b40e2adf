/**
 * Memory bench: peak memory (maximum resident set size) of a fresh Node process that reads a
 * 10,000-row .xlsx positionnement workbook (40 competencies) with the file gateway and the core
 * reader. Measured in a child process so that nothing else of the bench inflates the figure.
 */
import { spawnSync } from 'node:child_process';
import { mkdtempSync, readFileSync, rmSync, writeFileSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { fileURLToPath } from 'node:url';
import ExcelJS from 'exceljs';
import { readWorkbook } from '../../src/core/read';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';

const ROWS = 10_000;
const COMPETENCIES = 40;
const VALUES = ['A', 'ECA', 'NA', 'EC', null];
const THIS_FILE = fileURLToPath(import.meta.url);

/** A positionnement workbook of `rows` pupils, as a school would keep it. */
export async function positionnementWorkbook(rows = ROWS): Promise<Uint8Array> {
  const workbook = new ExcelJS.Workbook();
  const sheet = workbook.addWorksheet('Positionnement');
  sheet.addRow(['Nom', 'Prénom', 'Classe', 'Niveau', ...Array.from({ length: COMPETENCIES }, (_, c) => `Compétence ${c + 1}`)]);
  for (let r = 0; r < rows; r++) {
    sheet.addRow([`NOM${String.fromCharCode(65 + (r % 26), 65 + (Math.floor(r / 26) % 26), 65 + (Math.floor(r / 676) % 26))}`, 'Prénom', `2PRO${r % 40}`, '2nde', ...Array.from({ length: COMPETENCIES }, (_, c) => VALUES[(r * 7 + c * 3) % VALUES.length])]);
  }
  return new Uint8Array(await workbook.xlsx.writeBuffer());
}

export interface ReadMemory {
  /** Peak resident memory of the reading process, in MB (Node itself included). */
  peakMB: number;
  pupils: number;
}

/** Read `file` in a fresh process and report its peak memory. */
export function measureReadPeakMemory(file: string): ReadMemory {
  const child = spawnSync(process.execPath, ['--import', 'tsx', THIS_FILE, '--read', file], { encoding: 'utf8' });
  if (child.status !== 0) throw new Error(`lecture impossible : ${child.stderr}`);
  return JSON.parse(child.stdout.trim().split('\n').pop()!) as ReadMemory;
}

async function readInThisProcess(file: string): Promise<void> {
  const snapshot = await readXlsx(new Uint8Array(readFileSync(file)));
  const pupils = readWorkbook(snapshot, { classLevels: [] }).pupils.length;
  // maxRSS is in kilobytes.
  console.log(JSON.stringify({ peakMB: Math.round(process.resourceUsage().maxRSS / 1024), pupils }));
}

export async function bench(): Promise<void> {
  const dir = mkdtempSync(join(tmpdir(), 'pilote-ap-memory-'));
  try {
    const file = join(dir, 'grand.xlsx');
    writeFileSync(file, await positionnementWorkbook());
    const { peakMB, pupils } = measureReadPeakMemory(file);
    console.log(`Mémoire : lecture d'un classeur .xlsx de ${ROWS} lignes × ${COMPETENCIES} compétences (${pupils} élèves) : pic ${peakMB} Mo (processus Node compris)`);
  } finally {
    rmSync(dir, { recursive: true, force: true });
  }
}

if (process.argv[2] === '--read') await readInThisProcess(process.argv[3]);
else if (import.meta.url === `file://${process.argv[1]}`) await bench();
