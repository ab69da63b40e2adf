/**
 * `AP Historique`: the archive of groups, one row per pupil, cycle and slot. Each generation keeps
 * every row of the other cycles and replaces the rows of the cycle it plans, so nothing is lost.
 */
import { sameDiscipline } from '../disciplines';
import { identityRows, type Identity } from '../identity';
import type { HistoryEntry, Plan, Pupil, PupilNeeds } from '../model';
import { compareLevels } from '../levels';
import { HISTORY_COLUMNS as COL } from './sheetColumns';
import { KIND_LABELS } from '../settings/settings';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';

const HEADERS = [COL.cycle, COL.level, COL.slot, COL.workshop, COL.kind, COL.discipline, COL.teacher, COL.pupil, COL.className, COL.id, COL.evidence];

export const HISTORY_TABLE = 'AP_Historique';

/**
 * This cycle's rows, from the plan. A remediation row keeps the trace of the results behind it
 * (« 5/2/8 »: non acquis / en cours / évaluées), so that a later cycle can tell a newer positionnement
 * from the same one (rotation rule, objective.ts).
 */
function entriesOf(plan: Plan, pupils: Pupil[], cycle: number, needs: PupilNeeds[]): HistoryEntry[] {
  const pupilOf = new Map(pupils.map((p) => [p.id, p]));
  const needsOf = new Map(needs.map((n) => [n.pupilId, n.needs]));
  const groupOf = new Map(plan.groups.map((g) => [g.id, g]));
  return plan.assignments.flatMap((a) => {
    const group = groupOf.get(a.groupId);
    const pupil = pupilOf.get(a.pupilId);
    if (!group || !pupil) return [];
    const evidence =
      group.kind === 'remediation' ? needsOf.get(pupil.id)?.find((n) => n.kind === 'remediation' && sameDiscipline(n.discipline, group.discipline))?.evidence : undefined;
    return [
      {
        cycle,
        pupilId: pupil.id,
        pupilName: pupil.displayName,
        className: pupil.className,
        level: group.level,
        slotId: group.slotId,
        workshopTypeId: group.workshopTypeId,
        kind: group.kind,
        ...(group.discipline ? { discipline: group.discipline } : {}),
        teacher: group.teacher,
        ...(evidence ? { evidence } : {}),
      },
    ];
  });
}

export function renderHistorySheet(previous: HistoryEntry[], plan: Plan, pupils: Pupil[], cycle: number, needs: PupilNeeds[] = [], identities: Identity[] = [], schoolYear = ''): SheetSpec {
  const entries = [...previous.filter((e) => e.cycle !== cycle), ...entriesOf(plan, pupils, cycle, needs)].sort(
    (a, b) =>
      a.cycle - b.cycle ||
      compareLevels(a.level, b.level) ||
      a.slotId.localeCompare(b.slotId, 'fr') ||
      a.className.localeCompare(b.className, 'fr') ||
      a.pupilName.localeCompare(b.pupilName, 'fr') ||
      a.pupilId.localeCompare(b.pupilId),
  );
  // The year in the title tells a new school year from this one (schoolYear.ts).
  const sheet = new SheetBuilder(
    `Historique des groupes${schoolYear ? ` ${schoolYear}` : ''}`,
    'Archive : une ligne par élève, cycle et barrette. Chaque génération remplace les lignes de son cycle et garde les autres. L’identifiant relie un élève d’un cycle à l’autre : ne le modifiez pas.',
  );
  sheet.blank();
  const tables = [];
  if (entries.length) {
    const top = sheet.row(HEADERS, HOUSE.header);
    for (const e of entries) {
      sheet.row([e.cycle, e.level, e.slotId, e.workshopTypeId, KIND_LABELS[e.kind], e.discipline ?? '', e.teacher, e.pupilName, e.className, e.pupilId, e.evidence ?? ''], HOUSE.cell);
    }
    tables.push({ name: HISTORY_TABLE, range: { row: top, col: 0, rowCount: entries.length + 1, colCount: HEADERS.length }, style: 'TableStyleLight9' });
  } else {
    sheet.row(['Aucun groupe archivé pour l’instant.'], HOUSE.note);
  }
  if (identities.length) {
    sheet.blank();
    const [title, header, ...rows] = identityRows(identities);
    sheet.row(title, HOUSE.note);
    sheet.row(header, HOUSE.header);
    for (const row of rows) sheet.row(row, HOUSE.note);
  }
  return sheet.build({
    name: SHEET_NAMES.history,
    role: 'output',
    columnWidths: [8, 10, 22, 26, 18, 18, 22, 26, 12, 30, 14],
    tables,
    freeze: entries.length ? { rows: 4, cols: 0 } : undefined,
    tabColor: '#7F7F7F',
    landscape: true,
    print: printLayout({ landscape: true, header: tables[0]?.range.row }),
  });
}
