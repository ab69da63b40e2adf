/**
 * The export for the rectorat: the establishment's identity (validated UAI), then the aggregated
 * indicators only, masked (see mask.ts). Nothing in it comes from a pupil row: no name, INE, date of
 * birth, class or comment — only table, row and column labels of the indicators and figures.
 */
import { frenchDate } from '../dates';
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { CellValue } from '../grid';
import type { IndicatorTable, Indicators } from '../indicators/types';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';
import type { Settings } from '../settings/settings';
import { toCsv } from './csv';
import { maskIndicators, smallMask, SECONDARY_MASK } from './mask';
import { DATA_HEADER, EXPORT_SCHEMA_VERSION, EXPORT_SHEET, META_LABELS, UNIT_LABELS } from './schema';
import { exportLevel, MIN_MASK_THRESHOLD, publicRowNamer, unrecognisedLevels } from './publicLabels';
import { checkUai } from './uai';
import { academyNamed, academyOfUai } from '../hours/nationalCalendar';

/** Indicators shown in `AP Indicateurs` only: not masked like pupil counts, or made of typed text. */
const INTERNAL_TABLES = new Set<IndicatorTable['id']>(['attendance', 'school-projects', 'survey']);

export interface RectoratExport {
  specs: SheetSpec[];
  csv: string;
  diagnostics: Diagnostic[];
}

export interface ExportMeta {
  /** ISO date of the export. */
  exportDate: string;
  /** UAI given for this export (command line, task pane); else `settings.general.uai`. */
  uai?: string;
}

/** Fields left blank in the export (the académie counts as given when the UAI says it), and an académie the UAI contradicts. */
function missingFieldWarnings(settings: Settings, academy: string, uai: string): Diagnostic[] {
  const fields = [
    ['Établissement', settings.general.establishmentName],
    ['Académie', academy],
    ['Année scolaire', settings.general.schoolYear],
  ] as const;
  const blank = fields
    .filter(([, value]) => !String(value ?? '').trim())
    .map(([label]) => diagnostic('warning', SHEET_NAMES.parameters, '', `« ${label} » n'est pas renseigné : l'export le laisse vide. Complétez-le dans AP Paramètres.`));
  const typed = academyNamed(settings.general.academy);
  const ofUai = academyOfUai(uai);
  const mismatch =
    typed && ofUai && typed !== ofUai
      ? [diagnostic('warning', SHEET_NAMES.parameters, '', `« Académie » indique ${typed}, mais l’UAI ${uai} est de l’académie de ${ofUai} : vérifiez l’un ou l’autre dans AP Paramètres.`)]
      : [];
  return [...blank, ...mismatch];
}

export function buildRectoratExport(ind: Indicators, settings: Settings, meta: ExportMeta): RectoratExport {
  const uai = checkUai(meta.uai ?? settings.general.uai);
  if (!uai.ok) {
    const where = meta.uai === undefined ? SHEET_NAMES.parameters : '';
    return { specs: [], csv: '', diagnostics: [diagnostic('error', where, '', `Export refusé : ${uai.message}`)] };
  }
  const threshold = settings.general.maskThreshold;
  // Pupils of a level outside the list are left out (with a warning each), the rest is exported.
  const leftOut = ind.forExport?.leftOut ?? [];
  const view = ind.forExport?.indicators ?? ind;
  const refusals = [...unrecognisedLevels(view, settings)];
  if (!(threshold >= MIN_MASK_THRESHOLD)) {
    refusals.push(diagnostic('error', SHEET_NAMES.parameters, '', `Export refusé : seuil de masquage ${threshold} inférieur à ${MIN_MASK_THRESHOLD} (un élève pourrait être reconnu). Indiquez ${MIN_MASK_THRESHOLD} ou plus dans « Seuil de masquage des effectifs ».`));
  }
  if (refusals.length) return { specs: [], csv: '', diagnostics: refusals };
  const publicRow = publicRowNamer();
  // Attendance and the optional sheets (free-text survey questions) stay in the establishment.
  const masked = maskIndicators({ ...view, tables: view.tables.filter((t) => !INTERNAL_TABLES.has(t.id)) }, threshold);
  const levelColumns = new Set(view.levels);
  const academy = settings.general.academy.trim() || (academyOfUai(uai.uai) ?? '');

  const sheet = new SheetBuilder(
    "Export pour le rectorat — indicateurs de l'accompagnement personnalisé",
    `Données agrégées uniquement : aucun nom, INE, date de naissance ni commentaire. « ${smallMask(threshold)} » : effectif de 1 à ${threshold - 1} ; ` +
      `« ${SECONDARY_MASK} » : valeur cachée pour qu'un effectif masqué ne puisse pas être retrouvé par différence.`,
  );
  sheet.blank();
  const metaRows: [string, CellValue][] = [
    [META_LABELS.schema, EXPORT_SCHEMA_VERSION],
    [META_LABELS.uai, uai.uai],
    [META_LABELS.name, settings.general.establishmentName],
    [META_LABELS.academy, academy],
    [META_LABELS.schoolYear, settings.general.schoolYear],
    [META_LABELS.exportDate, /^\d{4}-\d{2}-\d{2}$/.test(meta.exportDate) ? frenchDate(meta.exportDate) : meta.exportDate],
    [META_LABELS.threshold, threshold],
  ];
  for (const [label, value] of metaRows) {
    const index = sheet.row([label, value]);
    sheet.style(index, 0, 1, 1, { bold: true });
    sheet.style(index, 1, 1, 1, { horizontal: 'left' });
  }
  sheet.blank();
  const headerRow = sheet.row([...DATA_HEADER], HOUSE.header);
  for (const { table, cells } of masked.tables) {
    table.rows.forEach((row, r) => {
      const name = publicRow(table, row);
      table.columns.forEach((column, c) => {
        const cell = cells[r][c];
        if (cell.value === null) return;
        // Only level columns take the level's public name: mastery levels 1 to 4 stay mastery levels.
        const isLevel = levelColumns.has(column.key);
        const columnKey = (isLevel && exportLevel(column.key)) || column.key;
        const columnLabel = (isLevel && exportLevel(column.label)) || column.label;
        sheet.row([table.id, table.title, name.key, name.label, columnKey, columnLabel, UNIT_LABELS[row.unit], cell.value, cell.num ?? null, cell.den ?? null]);
      });
    });
  }
  const dataRows = sheet.rowCount - headerRow;
  const spec = sheet.build({
    name: EXPORT_SHEET,
    role: 'output',
    columnWidths: [22, 40, 28, 44, 12, 24, 20, 10, 12, 12],
    tables: dataRows > 1 ? [{ name: 'Indicateurs_AP', range: { row: headerRow, col: 0, rowCount: dataRows, colCount: DATA_HEADER.length }, style: 'TableStyleLight9' }] : [],
    freeze: { rows: headerRow + 1, cols: 0 },
    landscape: true,
  });
  const csvRows = spec.cells.map((line) => line.map((cell) => (typeof cell === 'object' && cell !== null ? null : cell)));

  const diagnostics = [
    ...leftOut,
    ...missingFieldWarnings(settings, academy, uai.uai),
    diagnostic('info', '', '', `Export pour le rectorat : ${dataRows - 1} valeurs agrégées, dont ${masked.maskedCount} masquées (effectifs inférieurs à ${threshold} et leurs compléments).`),
  ];
  return { specs: [spec], csv: toCsv(csvRows), diagnostics };
}
