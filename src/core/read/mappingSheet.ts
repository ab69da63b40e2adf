/**
 * « AP Correspondances »: the column mapping written as a sheet the coordinator can read and correct,
 * and read back at the next run (a saved mapping wins over detection). Sections are titled with a
 * colon, which no sheet name can contain, so a sheet named « Colonnes » cannot be mistaken for one.
 */
import { diagnostic, type Diagnostic } from '../diagnostics';
import type { Grid, WorkbookSnapshot } from '../grid';
import type { MasteryLevel, SheetRole } from '../model';
import { type SheetSpec, type SpecCell, type StyledRange, printLayout } from '../render/sheetSpec';
import { MARKER, SHEET_NAMES } from '../workbook';
import { numberValue, readSection, sectionValue, yesValue, type Section, type SectionRow } from '../settings/sections';
import {
  COLUMN_ROLE_LABELS, columnRoleLabel, defaultScale, layoutOf, MASTERY_LEVEL_LABELS, SHEET_LAYOUT_LABELS, SHEET_ROLE_LABELS,
  type ColumnEntry, type SheetLayout, type ColumnMapping, type ColumnRole, type MasteryScale, type SheetMapping,
} from './mapping';
import type { Thresholds } from './mastery';
import { identityFieldOf, keyOf, tidy, UNSPECIFIED_DISCIPLINE, type IdentityField } from './vocabulary';

/** An empty discipline, or the « Général » earlier versions wrote for « none », is no discipline. */
function savedDiscipline(text: string): string {
  return !text || keyOf(text) === 'general' ? UNSPECIFIED_DISCIPLINE : text;
}
import { findBySheetName } from '../sheetNames';

const SCALE_TITLE = 'Échelle : lecture des valeurs';
const SHEETS_TITLE = 'Feuilles : rôle de chaque feuille';
const COLUMNS_TITLE = 'Colonnes : rôle de chaque colonne';
const EXTRAS_TITLE = "Valeurs ajoutées : équivalences propres à l'établissement";

const SCALE_HEADERS = ['Réglage', 'Valeur', 'Aide'];
const SHEET_HEADERS = ['Feuille', 'Rôle', 'Ligne des intitulés', "Lignes d'en-tête", 'Classe', 'Positionnement n°', 'Pourquoi', 'Disposition'];
const COLUMN_HEADERS = ['Feuille', 'Colonne', 'Intitulé', 'Rôle', 'Discipline', 'Compétence', 'Note maximale', 'Autopositionnement', 'Positionnement n°', 'Pourquoi'];
const EXTRA_HEADERS = ['Valeur', 'Niveau', 'Aide'];

const COLOURS_LABEL = 'Lire les couleurs de remplissage';
const THRESHOLD_LABELS = ['Seuil maîtrise fragile (%)', 'Seuil maîtrise satisfaisante (%)', 'Seuil très bonne maîtrise (%)'];
const NOT_ASSESSED_LABEL = 'non évalué';

const COLOUR_CHOICES: Record<MasteryScale['colours'], string> = { auto: 'auto', yes: 'oui', no: 'non' };

const HEADER_STYLE = { bold: true, fill: '#DDEBF7', border: true } as const;
const SECTION_STYLE = { bold: true, fontSize: 12, fontColor: '#1F4E78' } as const;

function row(cells: SpecCell[]): SpecCell[] {
  return cells.map((cell) => (cell === undefined ? null : cell));
}

export function renderMappingSheet(mapping: ColumnMapping): SheetSpec {
  const cells: SpecCell[][] = [];
  const styles: StyledRange[] = [];
  const validations: NonNullable<SheetSpec['validations']> = [];
  const section = (title: string, headers: string[]) => {
    if (cells.length) cells.push([]);
    styles.push({ range: { row: cells.length, col: 0, rowCount: 1, colCount: 1 }, style: SECTION_STYLE });
    cells.push([title]);
    styles.push({ range: { row: cells.length, col: 0, rowCount: 1, colCount: headers.length }, style: HEADER_STYLE });
    cells.push(headers);
  };

  cells.push([`${MARKER} Correspondances : comment Pilote AP lit ce classeur`]);
  styles.push({ range: { row: 0, col: 0, rowCount: 1, colCount: 1 }, style: { bold: true, fontSize: 14 } });
  cells.push(['Pilote AP relit cette feuille à chaque génération : corrigez un rôle, une discipline, une compétence ou une note maximale, puis relancez. Vos choix l’emportent sur la détection automatique ; supprimez la feuille pour y revenir.']);
  cells.push([`Rôles de feuille : ${Object.values(SHEET_ROLE_LABELS).slice(0, 5).join(', ')}, Ignorée. Rôles de colonne : ${Object.values(COLUMN_ROLE_LABELS).join(', ')}.`]);
  cells.push(['Valeur propre à l’établissement (par exemple « AQ ») : ajoutez-la en bas, section « Valeurs ajoutées », avec son niveau (1 à 4, ou « non évalué »).']);
  styles.push({ range: { row: 1, col: 0, rowCount: 3, colCount: 1 }, style: { italic: true } });

  section(SCALE_TITLE, SCALE_HEADERS);
  validations.push({ range: { row: cells.length, col: 1, rowCount: 1, colCount: 1 }, values: Object.values(COLOUR_CHOICES) });
  cells.push([COLOURS_LABEL, COLOUR_CHOICES[mapping.scale.colours], 'auto : seulement quand une feuille utilise au moins deux couleurs de résultat (rouge, orange ou jaune, vert) ; oui ; non']);
  THRESHOLD_LABELS.forEach((label, i) => {
    cells.push([label, mapping.scale.thresholds[i], `Score sous ce pourcentage du maximum : niveau ${MASTERY_LEVEL_LABELS[(i + 1) as MasteryLevel]}`]);
  });

  section(SHEETS_TITLE, SHEET_HEADERS);
  const sheetRoles = (['positionnement', 'self-assessment', 'interview', 'class-list', 'national-test', 'ignored'] as SheetRole[]).map((r) => SHEET_ROLE_LABELS[r]);
  if (mapping.sheets.length) {
    validations.push({ range: { row: cells.length, col: 1, rowCount: mapping.sheets.length, colCount: 1 }, values: sheetRoles });
    validations.push({ range: { row: cells.length, col: SHEET_HEADERS.indexOf('Disposition'), rowCount: mapping.sheets.length, colCount: 1 }, values: Object.values(SHEET_LAYOUT_LABELS) });
  }
  for (const sheet of mapping.sheets) {
    const layout = sheet.role === 'ignored' ? null : SHEET_LAYOUT_LABELS[layoutOf(sheet)];
    cells.push(row([sheet.sheet, SHEET_ROLE_LABELS[sheet.role], sheet.headerRow ?? null, sheet.headerRows ?? null, sheet.className ?? null, sheet.round ?? null, sheet.reason, layout]));
  }

  section(COLUMNS_TITLE, COLUMN_HEADERS);
  const columns = mapping.sheets.flatMap((sheet) => sheet.columns.map((column) => ({ sheet: sheet.sheet, column })));
  if (columns.length) validations.push({ range: { row: cells.length, col: 3, rowCount: columns.length, colCount: 1 }, values: Object.values(COLUMN_ROLE_LABELS) });
  for (const { sheet, column } of columns) {
    const role = column.role;
    const competency = role.kind === 'competency' ? role : null;
    cells.push(
      row([
        sheet, column.column, column.header, columnRoleLabel(role), competency?.discipline ?? null, competency?.label ?? null,
        competency?.maxScore ?? (role.kind === 'item-result' ? role.maxScore ?? null : null), competency?.self ? 'oui' : null, competency?.round ?? null, column.reason,
      ]),
    );
  }

  section(EXTRAS_TITLE, EXTRA_HEADERS);
  const levelChoices = [...Object.values(MASTERY_LEVEL_LABELS), NOT_ASSESSED_LABEL];
  validations.push({ range: { row: cells.length, col: 1, rowCount: mapping.scale.extraValues.length + 10, colCount: 1 }, values: levelChoices });
  for (const extra of mapping.scale.extraValues) {
    cells.push([extra.text, extra.level === null ? NOT_ASSESSED_LABEL : MASTERY_LEVEL_LABELS[extra.level], '']);
  }

  return {
    name: SHEET_NAMES.mapping,
    role: 'output',
    cells,
    columnWidths: [28, 24, 30, 26, 22, 30, 14, 18, 16, 60],
    styles,
    validations,
    tabColor: '#7F7F7F',
    landscape: true,
    print: printLayout({ landscape: true }),
  };
}

/** Column roles as written in the sheet: identity fields or the other kinds. */
type RoleKey = Exclude<ColumnRole['kind'], 'identity'> | IdentityField;

const SHEET_ROLE_ALIASES: [string, SheetRole][] = [
  ...(Object.entries(SHEET_ROLE_LABELS) as [SheetRole, string][]).flatMap(([role, label]) => [[keyOf(label), role], [keyOf(role), role]] as [string, SheetRole][]),
  ['entretien', 'interview'], ['liste', 'class-list'], ['liste de classe', 'class-list'], ['liste des eleves', 'class-list'],
  ['test national', 'national-test'], ['test de positionnement', 'national-test'], ['ignore', 'ignored'], ['ignorer', 'ignored'],
  ['auto positionnement', 'self-assessment'],
];
const SHEET_ROLE_LOOKUP = new Map(SHEET_ROLE_ALIASES);

const COLUMN_ROLE_LOOKUP = new Map<string, RoleKey>([
  ...(Object.entries(COLUMN_ROLE_LABELS) as [RoleKey, string][]).map(([key, label]) => [keyOf(label), key] as const),
  ['date de naissance', 'birthDate'], ['competences', 'competency'], ['item', 'competency'], ['profil', 'profile'],
  ['ignore', 'ignored'], ['ignorer', 'ignored'], ['a ignorer', 'ignored'],
]);

/** Column roles without parameters. */
const SIMPLE_KINDS = new Set<RoleKey>(['profile', 'project', 'ignored', 'wishes', 'together', 'apart', 'item', 'item-discipline', 'round-date']);

function columnRoleOf(label: string): RoleKey | null {
  return COLUMN_ROLE_LOOKUP.get(keyOf(label)) ?? identityFieldOf(label);
}

class MappingParser {
  readonly diagnostics: Diagnostic[] = [];

  constructor(private readonly grid: Grid) {}

  private warn(cell: string, message: string): void {
    this.diagnostics.push(diagnostic('warning', this.grid.sheet, cell, message));
  }

  private text(entry: SectionRow, header: string): string {
    return tidy(sectionValue(entry, header));
  }

  /** Optional positive integer; reported and dropped when unreadable. */
  private integer(entry: SectionRow, header: string): number | undefined {
    const raw = sectionValue(entry, header);
    if (raw === null || tidy(raw) === '') return undefined;
    const value = numberValue(raw);
    if (value !== null && Number.isInteger(value) && value >= 1) return value;
    this.warn(entry.addressOf(header), `« ${header} » : nombre entier attendu, valeur ignorée`);
    return undefined;
  }

  scale(section: Section | null): MasteryScale {
    const scale = defaultScale();
    if (!section) return scale;
    const thresholds: number[] = [...scale.thresholds];
    for (const entry of section.rows) {
      const label = keyOf(sectionValue(entry, 'Réglage'));
      const value = sectionValue(entry, 'Valeur');
      if (label === keyOf(COLOURS_LABEL)) {
        const choice = (Object.entries(COLOUR_CHOICES) as [MasteryScale['colours'], string][]).find(([, text]) => keyOf(text) === keyOf(value));
        if (choice) scale.colours = choice[0];
        else this.warn(entry.addressOf('Valeur'), '« auto », « oui » ou « non » attendu : « auto » est gardé');
        continue;
      }
      const index = THRESHOLD_LABELS.findIndex((l) => keyOf(l) === label);
      if (index < 0) continue;
      const number = numberValue(value);
      if (number !== null && number > 0 && number <= 100) thresholds[index] = number;
      else this.warn(entry.addressOf('Valeur'), `seuil en pourcentage (entre 0 et 100) attendu : ${scale.thresholds[index]} est gardé`);
    }
    if (thresholds[0] < thresholds[1] && thresholds[1] < thresholds[2]) scale.thresholds = thresholds as Thresholds;
    else this.warn(section.address, `les trois seuils doivent être croissants : ${scale.thresholds.join(' / ')} sont gardés`);
    return scale;
  }

  extras(section: Section | null, scale: MasteryScale): void {
    for (const entry of section?.rows ?? []) {
      const text = this.text(entry, 'Valeur');
      if (!text) continue;
      const levelText = this.text(entry, 'Niveau');
      const digit = /^([1-4])\b/.exec(levelText);
      if (digit) scale.extraValues.push({ text, level: Number(digit[1]) as MasteryLevel });
      else if (keyOf(levelText) === keyOf(NOT_ASSESSED_LABEL)) scale.extraValues.push({ text, level: null });
      else this.warn(entry.addressOf('Niveau'), `niveau de « ${text} » illisible : 1 à 4 ou « non évalué » attendu ; valeur ignorée`);
    }
  }

  sheets(section: Section): SheetMapping[] {
    const sheets: SheetMapping[] = [];
    for (const entry of section.rows) {
      const name = this.text(entry, 'Feuille');
      if (!name) continue;
      const role = SHEET_ROLE_LOOKUP.get(keyOf(sectionValue(entry, 'Rôle')));
      if (!role) {
        this.warn(entry.addressOf('Rôle'), `rôle de feuille « ${this.text(entry, 'Rôle')} » inconnu : la feuille « ${name} » est détectée automatiquement`);
        continue;
      }
      if (findBySheetName(sheets, name, (s) => s.sheet)) {
        this.warn(entry.address, `la feuille « ${name} » est décrite deux fois : seule la première ligne compte`);
        continue;
      }
      const sheet: SheetMapping = { sheet: name, role, reason: this.text(entry, 'Pourquoi'), columns: [] };
      const headerRow = this.integer(entry, 'Ligne des intitulés');
      const headerRows = this.integer(entry, "Lignes d'en-tête");
      const className = this.text(entry, 'Classe');
      const round = this.integer(entry, 'Positionnement n°');
      if (headerRow !== undefined) sheet.headerRow = headerRow;
      if (headerRows !== undefined) sheet.headerRows = headerRows;
      if (className) sheet.className = className;
      if (round !== undefined) sheet.round = round;
      const layout = this.layout(entry, sheet);
      if (layout) sheet.layout = layout;
      sheets.push(sheet);
    }
    return sheets;
  }

  /** The sheet's layout when written and not the default one for its role. */
  private layout(entry: SectionRow, sheet: SheetMapping): SheetLayout | undefined {
    const text = this.text(entry, 'Disposition');
    if (!text) return undefined;
    const layout = (Object.entries(SHEET_LAYOUT_LABELS) as [SheetLayout, string][]).find(([, label]) => keyOf(label) === keyOf(text))?.[0];
    if (!layout) {
      this.warn(entry.addressOf('Disposition'), `disposition « ${text} » inconnue (attendu : ${Object.values(SHEET_LAYOUT_LABELS).join(' ; ')}) : disposition par défaut`);
      return undefined;
    }
    return layout === layoutOf({ ...sheet, layout: undefined }) ? undefined : layout;
  }

  private role(entry: SectionRow): ColumnRole | null {
    const label = this.text(entry, 'Rôle');
    const kind = columnRoleOf(label);
    if (!kind) {
      this.warn(entry.addressOf('Rôle'), `rôle de colonne « ${label} » inconnu : colonne ignorée`);
      return null;
    }
    if (kind === 'item-result') {
      const max = numberValue(sectionValue(entry, 'Note maximale'));
      return max !== null && max > 0 ? { kind, maxScore: max } : { kind };
    }
    if (SIMPLE_KINDS.has(kind)) return { kind } as ColumnRole;
    if (kind !== 'competency') return { kind: 'identity', field: kind as IdentityField };
    const role: ColumnRole = { kind: 'competency', discipline: savedDiscipline(this.text(entry, 'Discipline')), label: this.text(entry, 'Compétence') || this.text(entry, 'Intitulé') };
    if (!role.label) {
      this.warn(entry.addressOf('Compétence'), 'compétence sans nom : colonne ignorée');
      return null;
    }
    const max = numberValue(sectionValue(entry, 'Note maximale'));
    if (max !== null && max > 0) role.maxScore = max;
    else if (this.text(entry, 'Note maximale')) this.warn(entry.addressOf('Note maximale'), 'note maximale illisible : les nombres sont lus comme niveaux 1 à 4');
    if (yesValue(sectionValue(entry, 'Autopositionnement'))) role.self = true;
    const round = this.integer(entry, 'Positionnement n°');
    if (round !== undefined) role.round = round;
    return role;
  }

  columns(section: Section, sheets: SheetMapping[]): void {
    for (const entry of section.rows) {
      const name = this.text(entry, 'Feuille');
      const sheet = findBySheetName(sheets, name, (s) => s.sheet);
      if (!sheet) {
        if (name) this.warn(entry.address, `la feuille « ${name} » n'est pas décrite dans la section « Feuilles » : ligne ignorée`);
        continue;
      }
      const column = this.text(entry, 'Colonne').toUpperCase();
      if (!/^[A-Z]{1,3}$/.test(column)) {
        this.warn(entry.addressOf('Colonne'), `lettre de colonne « ${column} » illisible : ligne ignorée`);
        continue;
      }
      const role = this.role(entry);
      if (!role) continue;
      const result: ColumnEntry = { column, header: this.text(entry, 'Intitulé'), role, reason: this.text(entry, 'Pourquoi') };
      if (sheet.columns.some((c) => c.column === column)) {
        this.warn(entry.addressOf('Colonne'), `colonne ${column} de « ${name} » décrite deux fois : seule la première ligne compte`);
        continue;
      }
      sheet.columns.push(result);
    }
  }
}

/** The mapping saved in « AP Correspondances », or null when the workbook has none. */
export function readSavedMapping(snapshot: WorkbookSnapshot): { mapping: ColumnMapping | null; diagnostics: Diagnostic[] } {
  const grid = findBySheetName(snapshot.grids, SHEET_NAMES.mapping, (g) => g.sheet);
  if (!grid) return { mapping: null, diagnostics: [] };
  const parser = new MappingParser(grid);
  const sheetsSection = readSection(grid, [SHEETS_TITLE]);
  if (!sheetsSection) {
    parser.diagnostics.push(
      diagnostic('warning', grid.sheet, '', `section « ${SHEETS_TITLE} » introuvable : correspondances ignorées, détection automatique`),
    );
    return { mapping: null, diagnostics: parser.diagnostics };
  }
  const scale = parser.scale(readSection(grid, [SCALE_TITLE]));
  parser.extras(readSection(grid, [EXTRAS_TITLE]), scale);
  const sheets = parser.sheets(sheetsSection);
  const columnsSection = readSection(grid, [COLUMNS_TITLE]);
  if (columnsSection) parser.columns(columnsSection, sheets);
  return { mapping: { version: 1, scale, sheets }, diagnostics: parser.diagnostics };
}
