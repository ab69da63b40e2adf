/**
 * The rows of `AP Suivi` for a generation: this cycle's rows from the plan, with what the teams typed
 * for the same pupil, cycle and slot (the row follows the pupil when the group changes), and every
 * other row read back as it was. Rows are grouped in blocks of one cycle and slot, which share their
 * session dates.
 */
import type { HoursResult } from '../hours';
import { sessionDates, weekdayOf, weeksOffFor } from '../hours/sessions';
import { compareLevels } from '../levels';
import type { Group, Need, Plan, Pupil, PupilNeeds, Slot } from '../model';
import type { Settings } from '../settings/settings';
import { normalizeText } from '../text';
import { needKeyOf, prefilledIndicator, prefilledObjective, type WorkshopNeed } from './contract';
import type { FollowUpPlacement, FollowUpRecord, SessionMark } from './types';

/** One row of `AP Suivi` as it will be written. */
export interface FollowUpRow extends FollowUpPlacement {
  /** One value per session column of the block ('' when nothing typed). */
  marks: string[];
  /** Codes typed under sessions that are no longer columns of the block (calendar changed). */
  otherSessions: SessionMark[];
  selfAssessment: string;
  outcome: string;
  pupilBilan: string;
  comment: string;
  /** In this cycle's plan; false for a row kept because the teams typed in it. */
  planned: boolean;
}

export interface FollowUpBlock {
  cycle: number;
  slotId: string;
  /** « mardi 10h », empty when the slot is no longer in the parameters. */
  when: string;
  /** Column labels: « mar. 03/11 », or « Séance 1 »… when the cycle has no dates. */
  sessions: string[];
  /** ISO dates of the sessions, when known (same length as `sessions`). */
  dates: string[];
  rows: FollowUpRow[];
}

const WEEKDAY_SHORT = ['dim.', 'lun.', 'mar.', 'mer.', 'jeu.', 'ven.', 'sam.'];

/** "2026-11-03" -> « mar. 03/11 » */
export function sessionLabel(iso: string): string {
  const [, m, d] = iso.split('-');
  return `${WEEKDAY_SHORT[new Date(`${iso}T00:00:00Z`).getUTCDay()]} ${d}/${m}`;
}

/** Session dates of a slot in a cycle from the calendar; the count of undated sessions when there are no dates. */
export function slotSessions(slot: Slot | undefined, cycle: number, settings: Settings, hours: HoursResult): { sessions: string[]; dates: string[] } {
  const span = hours.cycles.find((c) => c.cycle === cycle);
  const weekday = slot ? weekdayOf(slot.day) : null;
  if (slot && span?.start && span.end && weekday !== null && span.start <= span.end) {
    const dates = sessionDates(span.start, span.end, weekday, weeksOffFor(slot.level, settings.weeksOff));
    return { sessions: dates.map(sessionLabel), dates };
  }
  const planned = hours.calendar.find((e) => e.cycle === cycle && slot && normalizeText(e.slotId) === normalizeText(slot.id))?.sessions;
  const count = planned ?? settings.general.weeksPerCycle;
  return { sessions: Array.from({ length: count }, (_, i) => `Séance ${i + 1}`), dates: [] };
}

const rowKey = (cycle: number, pupilId: string, slotId: string) => [cycle, pupilId, normalizeText(slotId)].join('\u0000');

/** Split typed marks between the block's columns and « Autres séances ». */
function placeMarks(columns: string[], marks: SessionMark[]): { marks: string[]; otherSessions: SessionMark[] } {
  const byLabel = new Map<string, string>();
  for (const mark of marks) if (mark.value) byLabel.set(normalizeText(mark.label), mark.value);
  const placed = columns.map((label) => byLabel.get(normalizeText(label)) ?? '');
  const inColumns = new Set(columns.map(normalizeText));
  return { marks: placed, otherSessions: marks.filter((m) => m.value && !inColumns.has(normalizeText(m.label))) };
}

function typedRow(record: FollowUpRecord, columns: string[], planned: boolean): FollowUpRow {
  return {
    cycle: record.cycle,
    pupilId: record.pupilId,
    pupilName: record.pupilName,
    className: record.className,
    slotId: record.slotId,
    groupId: record.groupId,
    workshop: record.workshop,
    teacher: record.teacher,
    objective: record.objective,
    indicator: record.indicator,
    ...placeMarks(columns, record.sessions),
    selfAssessment: record.selfAssessment,
    outcome: record.outcome,
    pupilBilan: record.pupilBilan,
    comment: record.comment,
    planned,
  };
}

/** Something the teams typed in the row, beyond what Pilote AP prefills. */
function hasTypedContent(record: FollowUpRecord): boolean {
  return record.sessions.some((m) => m.value) || !!record.selfAssessment || !!record.outcome || !!record.pupilBilan || !!record.comment;
}

export interface FollowUpInput {
  cycle: number;
  plan: Plan;
  pupils: Pupil[];
  needs: PupilNeeds[];
  settings: Settings;
  hours: HoursResult;
  records: FollowUpRecord[];
}

export function buildFollowUpBlocks(input: FollowUpInput): FollowUpBlock[] {
  const { cycle, plan, settings, hours, records } = input;
  const pupilOf = new Map(input.pupils.map((p) => [p.id, p]));
  const needsOf = new Map(input.needs.map((n) => [n.pupilId, n.needs]));
  const groupOf = new Map(plan.groups.map((g) => [g.id, g]));
  const slotOf = new Map(settings.slots.map((s) => [normalizeText(s.id), s]));
  const workshopOf = new Map(settings.workshopTypes.map((w) => [normalizeText(w.id), w]));
  const recordOf = new Map(records.map((r) => [rowKey(r.cycle, r.pupilId, r.slotId), r]));
  const blocks = new Map<string, FollowUpBlock>();

  const blockFor = (blockCycle: number, slotId: string, columns: () => { sessions: string[]; dates: string[] }): FollowUpBlock => {
    const key = [blockCycle, normalizeText(slotId)].join('\u0000');
    let block = blocks.get(key);
    if (!block) {
      const slot = slotOf.get(normalizeText(slotId));
      block = { cycle: blockCycle, slotId: slot?.id ?? slotId, when: slot ? `${slot.day} ${slot.time}`.trim() : '', ...columns(), rows: [] };
      blocks.set(key, block);
    }
    return block;
  };

  const used = new Set<string>();
  for (const assignment of plan.assignments) {
    const group = groupOf.get(assignment.groupId);
    const pupil = pupilOf.get(assignment.pupilId);
    if (!group || !pupil) continue;
    const block = blockFor(cycle, group.slotId, () => slotSessions(slotOf.get(normalizeText(group.slotId)), cycle, settings, hours));
    const key = rowKey(cycle, pupil.id, group.slotId);
    const record = recordOf.get(key);
    used.add(key);
    const need = servedNeed(needsOf.get(pupil.id) ?? [], group);
    const fresh = {
      objective: prefilledObjective(group, need),
      indicator: prefilledIndicator(group),
    };
    const base = record ? typedRow(record, block.sessions, true) : typedRow(emptyRecord(cycle, pupil, group), block.sessions, true);
    // A contract still as Pilote AP prefilled it for the pupil's former workshop follows the new one.
    const former = record && normalizeText(record.workshop) !== normalizeText(group.workshopTypeId) ? workshopOf.get(normalizeText(record.workshop)) : undefined;
    if (former) {
      if (base.objective === prefilledObjective(former, servedNeed(needsOf.get(pupil.id) ?? [], former))) base.objective = '';
      if (base.indicator === prefilledIndicator(former)) base.indicator = '';
    }
    block.rows.push({
      ...base,
      // The plan says where the pupil is now; the typed cells stay with the pupil.
      ...placementOf(cycle, pupil, group),
      objective: base.objective || fresh.objective,
      indicator: base.indicator || fresh.indicator,
    });
  }
  for (const record of records) {
    const key = rowKey(record.cycle, record.pupilId, record.slotId);
    if (used.has(key)) continue;
    // This cycle's rows the plan no longer holds are kept only when the teams typed in them.
    if (record.cycle === cycle && !hasTypedContent(record)) continue;
    used.add(key);
    const block = blockFor(record.cycle, record.slotId, () => ({ sessions: record.columns, dates: [] }));
    block.rows.push(typedRow(record, block.sessions, false));
  }

  const slotRank = new Map(settings.slots.map((s, i) => [normalizeText(s.id), i]));
  const levelOf = (slotId: string) => slotOf.get(normalizeText(slotId))?.level ?? '';
  const sorted = [...blocks.values()].sort(
    (a, b) =>
      b.cycle - a.cycle ||
      compareLevels(levelOf(a.slotId), levelOf(b.slotId)) ||
      (slotRank.get(normalizeText(a.slotId)) ?? Infinity) - (slotRank.get(normalizeText(b.slotId)) ?? Infinity) ||
      a.slotId.localeCompare(b.slotId, 'fr'),
  );
  for (const block of sorted) {
    block.rows.sort(
      (a, b) =>
        a.groupId.localeCompare(b.groupId, 'fr') || a.className.localeCompare(b.className, 'fr') || a.pupilName.localeCompare(b.pupilName, 'fr') || a.pupilId.localeCompare(b.pupilId),
    );
  }
  return sorted;
}

/** The pupil's need that a workshop serves, if the pupil has it. */
function servedNeed(needs: Need[], workshop: WorkshopNeed): Need | undefined {
  const key = normalizeText(needKeyOf(workshop));
  return needs.find((n) => normalizeText(n.key) === key);
}

/** Where the plan puts the pupil this cycle, with no contract written yet. */
function placementOf(cycle: number, pupil: Pupil, group: Group): FollowUpPlacement {
  return {
    cycle,
    pupilId: pupil.id,
    pupilName: pupil.displayName,
    className: pupil.className,
    slotId: group.slotId,
    groupId: group.id,
    workshop: group.workshopTypeId,
    teacher: group.teacher,
    objective: '',
    indicator: '',
  };
}

function emptyRecord(cycle: number, pupil: Pupil, group: Group): FollowUpRecord {
  return {
    ...placementOf(cycle, pupil, group),
    columns: [],
    sessions: [],
    selfAssessment: '',
    outcome: '',
    pupilBilan: '',
    comment: '',
    source: { sheet: '', cell: '' },
  };
}
