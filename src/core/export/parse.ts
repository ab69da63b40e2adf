/**
 * Reading an establishment's export back (académie side), from the grids of its .xlsx or its .csv.
 * Anything that is not a usable export gives a French reason instead of a value.
 */
import { parseDateCell } from '../dates';
import type { CellValue, Grid } from '../grid';
import type { IndicatorUnit } from '../indicators/types';
import { cellText } from '../text';
import type { Published } from './mask';
import { CONSOLIDATION_SHEET_NAMES, DATA_HEADER, EXPORT_SCHEMA_VERSION, META_LABELS, unitFromLabel, type MetaKey } from './schema';
import { checkUai } from './uai';

export interface ExportFigure {
  table: string;
  tableTitle: string;
  row: string;
  rowLabel: string;
  col: string;
  colLabel: string;
  unit: IndicatorUnit;
  value: Published;
  num: Published;
  den: Published;
}

export interface ParsedExport {
  uai: string;
  name: string;
  academy: string;
  schoolYear: string;
  /** ISO date, empty when unreadable. */
  exportDate: string;
  threshold: number | null;
  figures: ExportFigure[];
}

export type ParseOutcome = { ok: true; export: ParsedExport } | { ok: false; reason: string };

const META_BY_LABEL = new Map<string, MetaKey>(Object.entries(META_LABELS).map(([key, label]) => [label, key as MetaKey]));

const published = (value: CellValue): Published => (typeof value === 'boolean' ? String(value) : value);

function findExportGrid(grids: Grid[]): Grid | undefined {
  return grids.find((grid) => grid.values.slice(0, 30).some((row) => cellText(row[0]) === META_LABELS.schema));
}

/** Row and column codes are words, numbers, spaces and « : . - »: nothing else is written by an export. */
const CODE = /^[\p{L}\p{N}][\p{L}\p{N} :.-]*$/u;

/**
 * Why a line's codes cannot come from an export (a file edited by hand or by another tool), or null.
 * Indicator codes come from a closed list; « constructor », « __proto__ », « toString »… are refused here
 * rather than looked up.
 */
function tamperedCode(row: CellValue[], line: number): string | null {
  const table = cellText(row[0]);
  if (!CONSOLIDATION_SHEET_NAMES.has(table)) {
    return `code indicateur « ${table.slice(0, 40)} » inconnu (ligne ${line}) : le fichier a été modifié après l’export, demandez un nouvel export`;
  }
  for (const [cell, what] of [[row[2], 'ligne'], [row[4], 'colonne']] as const) {
    const code = cellText(cell);
    // A property every object has (« constructor », « toString »…) is no export's code: refused, never looked up.
    if (!CODE.test(code) || code in Object.prototype) return `code de ${what} « ${code.slice(0, 40)} » illisible (ligne ${line}) : le fichier a été modifié après l’export, demandez un nouvel export`;
  }
  return null;
}

export function parseExport(grids: Grid[]): ParseOutcome {
  const grid = findExportGrid(grids);
  if (!grid) return { ok: false, reason: "pas un export Pilote AP pour le rectorat (ligne « Version du schéma » introuvable)" };
  const headerIndex = grid.values.findIndex((row) => cellText(row[0]) === DATA_HEADER[0]);
  const meta = new Map<MetaKey, CellValue>();
  for (const row of grid.values.slice(0, headerIndex < 0 ? undefined : headerIndex)) {
    const key = META_BY_LABEL.get(cellText(row[0]));
    if (key) meta.set(key, row[1] ?? null);
  }

  const version = cellText(meta.get('schema'));
  if (Number(version) !== EXPORT_SCHEMA_VERSION) {
    return { ok: false, reason: `version du schéma « ${version || 'absente'} » non prise en charge (attendue : ${EXPORT_SCHEMA_VERSION})` };
  }
  const uai = checkUai(meta.get('uai'));
  if (!uai.ok) return { ok: false, reason: uai.message };
  if (headerIndex < 0) return { ok: false, reason: "pas un export Pilote AP pour le rectorat (en-tête « Code indicateur » introuvable)" };

  const figures: ExportFigure[] = [];
  for (const [offset, row] of grid.values.slice(headerIndex + 1).entries()) {
    const unit = unitFromLabel(row[6]);
    if (!cellText(row[0]) || !unit) continue;
    const line = grid.origin.row + headerIndex + 2 + offset;
    const tampered = tamperedCode(row, line);
    if (tampered) return { ok: false, reason: tampered };
    figures.push({
      table: cellText(row[0]),
      tableTitle: cellText(row[1]),
      row: cellText(row[2]),
      rowLabel: cellText(row[3]),
      col: cellText(row[4]),
      colLabel: cellText(row[5]),
      unit,
      value: published(row[7] ?? null),
      num: published(row[8] ?? null),
      den: published(row[9] ?? null),
    });
  }
  if (!figures.length) return { ok: false, reason: "l'export ne contient aucun indicateur" };
  const threshold = Number(meta.get('threshold'));
  return {
    ok: true,
    export: {
      uai: uai.uai,
      name: cellText(meta.get('name')),
      academy: cellText(meta.get('academy')),
      schoolYear: cellText(meta.get('schoolYear')),
      exportDate: parseDateCell(meta.get('exportDate')) ?? '',
      threshold: Number.isFinite(threshold) && meta.has('threshold') ? threshold : null,
      figures,
    },
  };
}
