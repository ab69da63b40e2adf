/**
 * Group memberships for the school's timetable and vie-scolaire tools (Pronote, EDT-style imports):
 * `;`-separated, UTF-8 with BOM, one line per pupil and slot. Internal to the school: it carries names.
 */
import { toCsv } from '../export/csv';
import type { CellValue } from '../grid';
import { compareLevels } from '../levels';
import type { Plan, Pupil } from '../model';

export const GROUPS_CSV_HEADERS = ['Nom', 'Prénom', 'Classe', 'INE', 'Groupe', 'Atelier', 'Intervenant', 'Barrette'] as const;

export function groupMembershipRows(plan: Plan, pupils: Pupil[]): CellValue[][] {
  const pupilOf = new Map(pupils.map((p) => [p.id, p]));
  const groupOf = new Map(plan.groups.map((g) => [g.id, g]));
  const rows = plan.assignments.flatMap((a) => {
    const pupil = pupilOf.get(a.pupilId);
    const group = groupOf.get(a.groupId);
    return pupil && group ? [{ pupil, group }] : [];
  });
  rows.sort(
    (x, y) =>
      compareLevels(x.group.level, y.group.level) ||
      x.group.slotId.localeCompare(y.group.slotId, 'fr') ||
      x.group.id.localeCompare(y.group.id, 'fr') ||
      x.pupil.lastName.localeCompare(y.pupil.lastName, 'fr') ||
      x.pupil.firstName.localeCompare(y.pupil.firstName, 'fr'),
  );
  return rows.map(({ pupil, group }) => [pupil.lastName, pupil.firstName, pupil.className, pupil.ine ?? '', group.id, group.workshopTypeId, group.teacher, group.slotId]);
}

export function groupsCsv(plan: Plan, pupils: Pupil[]): string {
  return toCsv([[...GROUPS_CSV_HEADERS], ...groupMembershipRows(plan, pupils)]);
}
