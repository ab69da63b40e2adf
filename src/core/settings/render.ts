/** The parameter sheets as first created: laid out for the coordinator to edit, then read back by read.ts. */
import { isoToSerial } from '../dates';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';
import { TO_COMPLETE, type DefaultSlotRow, type DefaultTeacherRow, type DefaultWorkshopRow } from './defaults';
import { SECTION_TITLES, TEACHER_COLUMNS, WORKSHOP_COLUMNS } from './read';
import { STAFF_CATEGORY_CHOICES, STAFF_CATEGORY_HEADER, staffCategoryLabel } from './staff';
import { GENERAL_PARAMETERS, WEIGHT_PARAMETERS, weightOf, type CycleDates, type Envelope, type Settings, type WeeksOff } from './settings';

export interface ParametersContent {
  general: Settings['general'];
  classes: { className: string; level: string | null; pupils: number }[];
  slots: DefaultSlotRow[];
  weights: Settings['weights'];
  envelopes: Envelope[];
  cycles: CycleDates[];
  weeksOff: WeeksOff[];
}

const DATE_FORMAT = 'dd/mm/yyyy';
/** Rows below the default teachers where the category list is offered too. */
const ROWS_TO_ADD = 100;
/** Cycle rows offered when no date can be proposed (a year of 5 cycles of 7 weeks). */
const BLANK_CYCLE_ROWS = 5;

/** A section: title in column A (what the parser looks for), an optional hint beside it, then headers. */
function section(builder: SheetBuilder, title: string, headers: string[], hint?: string): void {
  builder.blank();
  const row = builder.row([title], HOUSE.section);
  if (hint) {
    builder.cells[row].push(null, hint);
    builder.style(row, 2, 1, 1, HOUSE.note);
  }
  builder.row(headers, HOUSE.header);
}

export function renderParametersSheet(content: ParametersContent): SheetSpec {
  const b = new SheetBuilder(
    'Paramètres',
    'Modifiez les cellules jaunes (les orangées sont à compléter), puis relancez « Générer ». Pilote AP ne réécrit jamais cette feuille.',
  );
  section(b, SECTION_TITLES.general, ['Paramètre', 'Valeur', 'Explication']);
  for (const p of GENERAL_PARAMETERS) {
    const value = content.general[p.key];
    const r = b.row([p.label, value === '' ? null : value, p.help]);
    b.style(r, 1, 1, 1, value === '' ? HOUSE.toComplete : HOUSE.editable);
  }
  section(b, SECTION_TITLES.classes, ['Classe', 'Niveau', 'Élèves lus']);
  for (const c of content.classes) {
    const r = b.row([c.className, c.level ?? TO_COMPLETE, c.pupils]);
    b.style(r, 1, 1, 1, c.level ? HOUSE.editable : HOUSE.toComplete);
  }
  section(b, SECTION_TITLES.slots, ['Barrette', 'Niveau', 'Jour', 'Heure', 'Durée (h)']);
  for (const s of content.slots) {
    const r = b.row([s.id, s.level, s.day, s.time, s.durationHours]);
    b.style(r, 0, 1, 5, HOUSE.editable);
  }
  section(b, SECTION_TITLES.weights, ['Besoin', 'Poids', 'Explication']);
  for (const w of WEIGHT_PARAMETERS) {
    const r = b.row([w.label, weightOf(content.weights, w.key), w.help]);
    b.style(r, 1, 1, 1, HOUSE.editable);
  }
  section(b, SECTION_TITLES.envelopes, ['Régime', 'Niveau', 'Heures par élève et par an', 'Source']);
  for (const e of content.envelopes) {
    const r = b.row([e.regime, e.level, e.hoursPerYear, e.source ?? null]);
    b.style(r, 2, 1, 1, e.hoursPerYear === null ? HOUSE.toComplete : HOUSE.editable);
  }
  section(b, SECTION_TITLES.cycles, ['Cycle', 'Début', 'Fin'], content.cycles.length ? 'Cycles posés sur les semaines de cours (vacances exclues).' : 'Année absente du calendrier national : saisissez les dates de chaque cycle.');
  for (const c of content.cycles) {
    const r = b.row([c.cycle, isoToSerial(c.start), isoToSerial(c.end)]);
    b.style(r, 1, 1, 2, { ...HOUSE.editable, numberFormat: DATE_FORMAT });
  }
  // No dates to propose: rows to fill in rather than guessed dates.
  for (let cycle = 1; !content.cycles.length && cycle <= BLANK_CYCLE_ROWS; cycle++) {
    const r = b.row([cycle, null, null]);
    b.style(r, 1, 1, 2, { ...HOUSE.toComplete, numberFormat: DATE_FORMAT });
  }
  section(
    b,
    SECTION_TITLES.weeksOff,
    ['Du', 'Au', 'Motif', 'Niveau'],
    'Vacances et jours fériés préremplis d’après la zone ; ajoutez les PFMP et les examens (une ligne par période ; « Niveau » : un niveau, une classe, ou vide = tous).',
  );
  for (const w of content.weeksOff) {
    const r = b.row([isoToSerial(w.start), isoToSerial(w.end), w.label, w.level]);
    b.style(r, 0, 1, 2, { ...HOUSE.editable, numberFormat: DATE_FORMAT });
  }
  return b.build({ name: SHEET_NAMES.parameters, role: 'parameters', columnWidths: [44, 16, 14, 12, 60], tabColor: '#FFC000', landscape: true, print: printLayout({ landscape: true }) });
}

export function renderTeachersSheet(rows: DefaultTeacherRow[], slotIds: string[]): SheetSpec {
  const b = new SheetBuilder(
    'Intervenants',
    'Une ligne par intervenant. « Peut animer » : remédiation, méthodologie, orientation, approfondissement. Statut : HP, HSA, HSE ou Pacte. « Heures max » : maximum annuel (« 36 », « 36 h »), vide = aucun. « Catégorie » : seuls enseignants et professeurs documentalistes comptent dans la part des enseignants impliqués. Mettez « x » sous chaque barrette où la personne est libre.',
  );
  const header = b.row([...TEACHER_COLUMNS, ...slotIds], HOUSE.header);
  for (const t of rows) {
    const r = b.row([t.name, t.disciplines, t.canLead, t.status, null, staffCategoryLabel(t.category), ...slotIds.map(() => 'x')]);
    b.style(r, 0, 1, TEACHER_COLUMNS.length + slotIds.length, t.name.includes(TO_COMPLETE) ? HOUSE.toComplete : HOUSE.editable);
  }
  return b.build({
    name: SHEET_NAMES.teachers,
    role: 'parameters',
    columnWidths: [40, 22, 40, 10, 12, 24, ...slotIds.map(() => 18)],
    // The list covers rows the coordinator adds below the default ones.
    validations: [{ range: { row: header + 1, col: TEACHER_COLUMNS.indexOf(STAFF_CATEGORY_HEADER), rowCount: rows.length + ROWS_TO_ADD, colCount: 1 }, values: STAFF_CATEGORY_CHOICES }],
    freeze: { rows: header + 1, cols: 1 },
    tabColor: '#FFC000',
    print: printLayout({ landscape: true, header }),
  });
}

export function renderWorkshopsSheet(rows: DefaultWorkshopRow[]): SheetSpec {
  const b = new SheetBuilder('Ateliers', 'Catalogue des ateliers. Nature : remédiation, méthodologie, orientation ou approfondissement. Discipline vide = tout intervenant de cette nature.');
  const header = b.row([...WORKSHOP_COLUMNS], HOUSE.header);
  for (const w of rows) {
    const r = b.row([w.id, w.nature, w.discipline || null, w.cap, w.minSize]);
    b.style(r, 0, 1, WORKSHOP_COLUMNS.length, HOUSE.editable);
  }
  return b.build({ name: SHEET_NAMES.workshops, role: 'parameters', columnWidths: [34, 20, 22, 14, 14],
    freeze: { rows: header + 1, cols: 1 },
    tabColor: '#FFC000',
    print: printLayout({ landscape: false, header }),
  });
}
