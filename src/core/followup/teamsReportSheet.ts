/**
 * `AP Bilan équipes`: the report for the conseils de classe, one printed page per class: each pupil's
 * AP path over the year (workshop of each cycle with its bilan), attendance rate, bilans reached, and
 * whether the pupil was flagged for person-to-person follow-up.
 */
import type { FollowUpBlock } from './blocks';
import { attendanceCode, attended, outcomeOf } from './labels';
import { absenceFlags } from './loop';
import type { FollowUpFlag, FollowUpRecord, Outcome } from './types';
import { compareLevels } from '../levels';
import type { HistoryEntry, Pupil } from '../model';
import { normalizeText } from '../text';
import { HOUSE, SheetBuilder } from '../render/builder';
import { type SheetSpec, type SpecCell, printLayout } from '../render/sheetSpec';
import { SHEET_NAMES } from '../workbook';

export interface TeamsReportInput {
  cycle: number;
  pupils: Pupil[];
  history: HistoryEntry[];
  blocks: FollowUpBlock[];
  records: FollowUpRecord[];
  absenceThreshold?: number;
}

interface Step {
  cycle: number;
  pupilId: string;
  workshop: string;
  outcome: string;
}

const stepKey = (cycle: number, pupilId: string, slotId: string) => [cycle, pupilId, normalizeText(slotId)].join('\u0000');

/** Workshop and bilan of each pupil, cycle and slot: history for past cycles, the plan for this one, bilans from `AP Suivi`. */
function pathSteps(input: TeamsReportInput): Step[] {
  const steps = new Map<string, Step>();
  const add = (cycle: number, pupilId: string, slotId: string, workshop: string, outcome: string) =>
    steps.set(stepKey(cycle, pupilId, slotId), { cycle, pupilId, workshop, outcome });
  for (const h of input.history) if (h.cycle !== input.cycle) add(h.cycle, h.pupilId, h.slotId, h.workshopTypeId, '');
  for (const block of input.blocks) {
    if (block.cycle !== input.cycle) continue;
    for (const row of block.rows) if (row.planned) add(row.cycle, row.pupilId, row.slotId, row.workshop, row.outcome);
  }
  for (const r of input.records) {
    const step = steps.get(stepKey(r.cycle, r.pupilId, r.slotId));
    if (step) step.outcome = step.outcome || r.outcome;
    else if (r.cycle !== input.cycle) add(r.cycle, r.pupilId, r.slotId, r.workshop, r.outcome);
  }
  return [...steps.values()];
}

export function renderTeamsReportSheet(input: TeamsReportInput): SheetSpec {
  const steps = pathSteps(input);
  const cycles = [...new Set([input.cycle, ...steps.map((s) => s.cycle)])].sort((a, b) => a - b);
  const cyclesOf = new Map<string, Map<number, Step[]>>();
  for (const step of steps) {
    const byCycle = cyclesOf.get(step.pupilId) ?? new Map<number, Step[]>();
    byCycle.set(step.cycle, [...(byCycle.get(step.cycle) ?? []), step]);
    cyclesOf.set(step.pupilId, byCycle);
  }
  const flags = new Map<string, FollowUpFlag[]>();
  for (const cycle of cycles) {
    for (const flag of absenceFlags(input.records, cycle, input.absenceThreshold)) flags.set(flag.pupilId, [...(flags.get(flag.pupilId) ?? []), flag]);
  }

  const recordsOf = new Map<string, FollowUpRecord[]>();
  for (const r of input.records) recordsOf.set(r.pupilId, [...(recordsOf.get(r.pupilId) ?? []), r]);

  const sheet = new SheetBuilder(
    'Bilan de l’accompagnement personnalisé pour les équipes',
    'Une page par classe pour le conseil de classe : le parcours d’AP de chaque élève (atelier et bilan de chaque cycle), sa présence et ses bilans. Tiré d’AP Historique et d’AP Suivi.',
  );
  const headers = ['Élève', ...cycles.map((c) => `Cycle ${c}`), 'Présence', 'Atteints', 'En partie', 'Non atteints', 'Suivi individuel'];
  const pageBreaksBefore: number[] = [];
  const byClass = new Map<string, Pupil[]>();
  for (const pupil of input.pupils) byClass.set(pupil.className, [...(byClass.get(pupil.className) ?? []), pupil]);
  const classes = [...byClass.entries()].sort(([a, pa], [b, pb]) => compareLevels(pa[0].level, pb[0].level) || a.localeCompare(b, 'fr'));
  for (const [className, pupils] of classes) {
    sheet.blank();
    const top = sheet.row([`Classe ${className} — ${pupils.length} élève${pupils.length > 1 ? 's' : ''}`], HOUSE.section);
    if (className !== classes[0][0]) pageBreaksBefore.push(top);
    sheet.row(headers, HOUSE.header);
    const first = sheet.rowCount;
    for (const pupil of [...pupils].sort((a, b) => a.displayName.localeCompare(b.displayName, 'fr'))) {
      sheet.row(pupilRow(pupil, cycles, cyclesOf.get(pupil.id), recordsOf.get(pupil.id) ?? [], flags.get(pupil.id) ?? []), HOUSE.cell);
    }
    sheet.style(first, 1, pupils.length, cycles.length, { wrap: true, vertical: 'top' });
    sheet.style(first, 1 + cycles.length, pupils.length, 1, { numberFormat: '0%' });
    sheet.style(first, headers.length - 1, pupils.length, 1, { wrap: true, vertical: 'top' });
  }
  if (!classes.length) sheet.row(['Aucun élève lu.'], HOUSE.note);
  return sheet.build({
    name: SHEET_NAMES.teamsReport,
    role: 'output',
    columnWidths: [26, ...cycles.map(() => 28), 10, 9, 9, 11, 34],
    tabColor: '#548235',
    landscape: true,
    print: printLayout({ landscape: true, pageBreaksBefore }),
  });
}

function pupilRow(pupil: Pupil, cycles: number[], path: Map<number, Step[]> | undefined, own: FollowUpRecord[], flags: FollowUpFlag[]): SpecCell[] {
  const codes = own.flatMap((r) => r.sessions.map((s) => attendanceCode(s.value))).filter((c) => c !== null);
  const outcomes = own.map((r) => outcomeOf(r.outcome));
  const count = (o: Outcome) => outcomes.filter((x) => x === o).length;
  return [
    pupil.displayName,
    ...cycles.map((c) => (path?.get(c) ?? []).map((s) => (s.outcome ? `${s.workshop} (${s.outcome})` : s.workshop)).join('\n')),
    codes.length ? codes.filter(attended).length / codes.length : '—',
    count('reached'),
    count('partly'),
    count('not-reached'),
    flags.map((f) => f.reason).join('\n'),
  ];
}
