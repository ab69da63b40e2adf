/**
 * Reading an establishment's export back (académie side), from the grids of its .xlsx or its .csv.
 * Anything that is not a usable export gives a French reason instead of a value.
 */
import { parseDateCell } from '../dates';
import type { CellValue, Grid } from '../grid';
import type { IndicatorUnit } from '../indicators/types';
import { cellText } from '../text';
import type { Published } from './mask';
import { DATA_HEADER, EXPORT_SCHEMA_VERSION, META_LABELS, unitFromLabel, type MetaKey } from './schema';
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
  for (const row of grid.values.slice(headerIndex + 1)) {
    const unit = unitFromLabel(row[6]);
    if (!cellText(row[0]) || !unit) continue;
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
