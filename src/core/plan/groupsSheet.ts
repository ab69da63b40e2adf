/**
 * `AP Groupes`: what needs the coordinator's attention first (needs nobody can serve, locks not kept),
 * one row per pupil and slot (the coordinator can lock a row with « oui » for the next generation or
 * « toujours » in Verrou), then a summary per group and the pupils left without a workshop, with the
 * reason. « Besoin principal » is the planner's first priority (objective.ts), so that it agrees with
 * the workshop or the « Pourquoi » says why not. « Pourquoi » is in words the pupil can hear; scores,
 * interview profile and proposals are in the team's last column. Printable in landscape; every text is plain text.
 */
import type { Group, Plan, Pupil, PupilNeeds } from '../model';
import { compareLevels } from '../levels';
import { needWithScore } from '../needs/labels';
import { rankNeeds } from './objective';
import { lockText } from './pins';
import { GROUP_COLUMNS as COL } from './sheetColumns';
import type { Settings } from '../settings/settings';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec, type TableSpec, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';

const MAIN_HEADERS = [COL.level, COL.slot, COL.group, COL.workshop, COL.teacher, COL.pupil, COL.className, COL.need, COL.why, COL.lock, COL.detail];
const SUMMARY_HEADERS = ['Groupe', 'Niveau', 'Barrette', 'Atelier', 'Intervenant', 'Effectif', 'Places', 'Besoin commun'];
const UNASSIGNED_HEADERS = ['Élève', 'Classe', 'Niveau', 'Barrette', 'Raison'];
const TABLE_STYLE = 'TableStyleMedium2';

export const GROUP_TABLES = { pupils: 'AP_Groupes_Eleves', summary: 'AP_Groupes_Synthese', unassigned: 'AP_Groupes_SansAtelier' } as const;

export function renderGroupsSheet(plan: Plan, pupils: Pupil[], needs: PupilNeeds[], settings: Settings): SheetSpec {
  const pupilOf = new Map(pupils.map((p) => [p.id, p]));
  const needsOf = new Map(needs.map((n) => [n.pupilId, n.needs]));
  const groupOf = new Map(plan.groups.map((g) => [g.id, g]));
  const slotRank = new Map<string, number>();
  plan.groups.forEach((g, i) => slotRank.has(g.slotId) || slotRank.set(g.slotId, i));
  const groupRank = new Map(plan.groups.map((g, i) => [g.id, i]));
  const byLevelAndSlot = (a: Group, b: Group): number =>
    compareLevels(a.level, b.level) || (slotRank.get(a.slotId) ?? 0) - (slotRank.get(b.slotId) ?? 0) || (groupRank.get(a.id) ?? 0) - (groupRank.get(b.id) ?? 0);

  const alerts = plan.diagnostics.filter((d) => d.severity === 'warning');
  const alertNote = alerts.length ? `${alerts.length} point${alerts.length > 1 ? 's' : ''} à vérifier avant de valider : voir « À vérifier » en bas de la feuille. ` : '';
  const sheet = new SheetBuilder(
    `Groupes de besoin — cycle ${settings.general.cycle}`,
    alertNote +
      'Une ligne par élève et par barrette. Pour garder un élève dans son atelier à la prochaine génération, écrivez « oui » dans la colonne Verrou (valable une génération) ou « toujours » (gardé à chaque cycle) ; vous pouvez aussi changer l’atelier ou l’intervenant de la ligne avant de la verrouiller.',
  );
  sheet.blank();
  const tables: TableSpec[] = [];
  const table = (name: string, headers: string[], rows: (string | number)[][]): number => {
    const top = sheet.row(headers, HOUSE.header);
    for (const r of rows) sheet.row(r, HOUSE.cell);
    tables.push({ name, range: { row: top, col: 0, rowCount: rows.length + 1, colCount: headers.length }, style: TABLE_STYLE });
    return top;
  };

  const rows = plan.assignments
    .map((a) => ({ a, group: groupOf.get(a.groupId), pupil: pupilOf.get(a.pupilId) }))
    .filter((r): r is { a: Plan['assignments'][number]; group: Group; pupil: Pupil } => !!r.group && !!r.pupil)
    .sort((x, y) => byLevelAndSlot(x.group, y.group) || x.pupil.displayName.localeCompare(y.pupil.displayName, 'fr'))
    .map(({ a, group, pupil }) => {
      const top = rankNeeds(needsOf.get(pupil.id) ?? [], settings)[0];
      const lock = a.locked ? lockText(a.lock, settings.general.cycle) : '';
      return [group.level, group.slotId, group.id, group.workshopTypeId, group.teacher, pupil.displayName, pupil.className, top ? needWithScore(top) : '', a.reason, lock, a.detail ?? ''];
    });
  const mainTop = rows.length
    ? table(GROUP_TABLES.pupils, MAIN_HEADERS, rows)
    : (sheet.row(['Aucun groupe : vérifiez les barrettes et les intervenants dans les paramètres.'], HOUSE.note), -1);
  if (rows.length) {
    sheet.style(mainTop + 1, MAIN_HEADERS.indexOf(COL.why), rows.length, 1, { wrap: true, vertical: 'top' });
    sheet.style(mainTop + 1, MAIN_HEADERS.indexOf(COL.detail), rows.length, 1, { wrap: true, vertical: 'top' });
    sheet.style(mainTop + 1, MAIN_HEADERS.indexOf(COL.lock), rows.length, 1, HOUSE.editable);
  }

  sheet.blank();
  sheet.row(['Synthèse par groupe'], HOUSE.section);
  const summary = [...plan.groups]
    .sort(byLevelAndSlot)
    .map((g) => [g.id, g.level, g.slotId, g.workshopTypeId, g.teacher, g.pupilIds.length, g.capacity, g.sharedNeed]);
  if (summary.length) table(GROUP_TABLES.summary, SUMMARY_HEADERS, summary);
  else sheet.row(['Aucun groupe ouvert.'], HOUSE.note);

  sheet.blank();
  sheet.row(['Élèves sans atelier'], HOUSE.section);
  const missing = plan.unassigned
    .map((u) => ({ u, pupil: pupilOf.get(u.pupilId) }))
    .filter((r): r is { u: Plan['unassigned'][number]; pupil: Pupil } => !!r.pupil)
    .sort((x, y) => compareLevels(x.pupil.level, y.pupil.level) || (x.u.slotId ?? '').localeCompare(y.u.slotId ?? '', 'fr') || x.pupil.displayName.localeCompare(y.pupil.displayName, 'fr'))
    .map(({ u, pupil }) => [pupil.displayName, pupil.className, pupil.level, u.slotId ?? '', u.reason]);
  if (missing.length) table(GROUP_TABLES.unassigned, UNASSIGNED_HEADERS, missing);
  else sheet.row(['Tous les élèves ont un atelier dans chaque barrette de leur niveau.'], HOUSE.note);

  if (alerts.length) {
    sheet.blank();
    sheet.row(['À vérifier'], HOUSE.section);
    for (const d of alerts) sheet.row([d.cell ? `${d.sheet}!${d.cell}` : d.sheet, d.message], HOUSE.note);
  }

  return sheet.build({
    name: SHEET_NAMES.groups,
    role: 'output',
    columnWidths: [18, 22, 20, 26, 22, 26, 12, 30, 70, 9, 50],
    tables,
    validations: rows.length ? [{ range: { row: mainTop + 1, col: MAIN_HEADERS.indexOf(COL.lock), rowCount: rows.length, colCount: 1 }, values: ['oui', 'toujours', 'non', `oui (cycle ${settings.general.cycle})`] }] : [],
    freeze: rows.length ? { rows: mainTop + 1, cols: 0 } : undefined,
    tabColor: '#2F5597',
    landscape: true,
    print: printLayout({ landscape: true, header: rows.length ? mainTop : undefined }),
  });
}
