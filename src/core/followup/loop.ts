/**
 * The loop: what happened in the last cycle feeds the needs of the next one. A reached objective
 * lowers the need it served, a missed one keeps it with its evidence, and repeated unexcused absences
 * flag the pupil for person-to-person follow-up. Pure: needs and records in, adjusted needs out.
 */
import type { HistoryEntry, Need, PupilNeeds, WorkshopType } from '../model';
import { frenchNumber, normalizeText } from '../text';
import { needKeyOf, type WorkshopNeed } from './contract';
import { attendanceCode, attended, outcomeOf } from './labels';
import type { FollowUpFlag, FollowUpRecord } from './types';

/** Unexcused absences in one cycle from which a pupil is flagged. */
export const ABSENCES_FOR_FOLLOW_UP = 3;
/** A reached objective multiplies the need it served by this factor. */
export const REACHED_FACTOR = 0.5;

export interface FollowUpOptions {
  /** The cycle being generated: records of the latest earlier cycle feed it. */
  cycle: number;
  workshopTypes: WorkshopType[];
  history: HistoryEntry[];
  absenceThreshold?: number;
  /** What a reached objective leaves of the need it served (« Besoin restant après un objectif atteint »). */
  reachedFactor?: number;
}

/** Attendance and follow-up flags of one cycle: the « implication » figures. */
export interface Involvement {
  cycle: number;
  /** Sessions with a P, A, R or E typed. */
  marked: number;
  /** Of which P or R. */
  attended: number;
  /** attended / marked, null when nothing is marked. */
  rate: number | null;
  /** Pupils flagged for person-to-person follow-up in that cycle. */
  flagged: number;
}

export interface FollowUpResult {
  needs: PupilNeeds[];
  /** Pupils flagged from the last cycle, for the cycle being generated. */
  flags: FollowUpFlag[];
  /** One entry per cycle that has marked sessions, in cycle order. */
  involvement: Involvement[];
}

function attendanceOf(records: FollowUpRecord[]): { marked: number; attended: number; absences: number } {
  const codes = records.flatMap((r) => r.sessions.map((s) => attendanceCode(s.value))).filter((c) => c !== null);
  return { marked: codes.length, attended: codes.filter(attended).length, absences: codes.filter((c) => c === 'A').length };
}

/** Pupils of one cycle with at least `threshold` unexcused absences. */
export function absenceFlags(records: FollowUpRecord[], cycle: number, threshold = ABSENCES_FOR_FOLLOW_UP): FollowUpFlag[] {
  const byPupil = new Map<string, FollowUpRecord[]>();
  for (const r of records) if (r.cycle === cycle) byPupil.set(r.pupilId, [...(byPupil.get(r.pupilId) ?? []), r]);
  const flags: FollowUpFlag[] = [];
  for (const [pupilId, own] of byPupil) {
    const { marked, absences } = attendanceOf(own);
    if (absences < threshold) continue;
    flags.push({ pupilId, cycle, absences, sessions: marked, reason: `${absences} absences non excusées sur ${marked} séances au cycle ${cycle}` });
  }
  return flags.sort((a, b) => a.pupilId.localeCompare(b.pupilId));
}

export function involvementByCycle(records: FollowUpRecord[], threshold = ABSENCES_FOR_FOLLOW_UP): Involvement[] {
  const cycles = [...new Set(records.map((r) => r.cycle))].sort((a, b) => a - b);
  return cycles.flatMap((cycle) => {
    const { marked, attended: present } = attendanceOf(records.filter((r) => r.cycle === cycle));
    if (!marked) return [];
    return [{ cycle, marked, attended: present, rate: present / marked, flagged: absenceFlags(records, cycle, threshold).length }];
  });
}

/** Kind and discipline of the workshop a record was in: from the catalogue, else from the history. */
function workshopOf(record: FollowUpRecord, options: FollowUpOptions): WorkshopNeed | null {
  const type = options.workshopTypes.find((t) => normalizeText(t.id) === normalizeText(record.workshop));
  if (type) return type;
  const past = options.history.find(
    (h) => h.cycle === record.cycle && h.pupilId === record.pupilId && normalizeText(h.slotId) === normalizeText(record.slotId),
  );
  return past ?? null;
}

/** What the bilan of a contract says, in words the pupil can hear (the contract's objective is theirs). The team's comment is never quoted. */
function outcomeReason(record: FollowUpRecord): string | null {
  const where = `au cycle ${record.cycle} (${record.workshop})`;
  const objective = record.objective ? ` : « ${record.objective} »` : '';
  const { marked, attended: present } = attendanceOf([record]);
  const evidence = marked ? ` (présent(e) à ${present} séance${present > 1 ? 's' : ''} sur ${marked})` : '';
  switch (outcomeOf(record.outcome)) {
    case 'reached':
      return `objectif atteint ${where}`;
    case 'partly':
      return `objectif en partie atteint ${where}${objective} : besoin maintenu${evidence}`;
    case 'not-reached':
      return `objectif non atteint ${where}${objective} : besoin maintenu${evidence}`;
    default:
      return null;
  }
}

/** The pupil's words for a follow-up flag; the count of absences stays in `AP Suivi` for the team. */
export const FOLLOW_UP_WORDS = 'absences répétées : suivi individuel';

export function applyFollowUp(needs: PupilNeeds[], records: FollowUpRecord[], options: FollowUpOptions): FollowUpResult {
  const threshold = options.absenceThreshold ?? ABSENCES_FOR_FOLLOW_UP;
  const earlier = records.filter((r) => r.cycle < options.cycle);
  const lastCycle = earlier.reduce((max, r) => Math.max(max, r.cycle), 0);
  const last = earlier.filter((r) => r.cycle === lastCycle);
  const flags = lastCycle ? absenceFlags(records, lastCycle, threshold) : [];
  const flagOf = new Map(flags.map((f) => [f.pupilId, f]));
  const recordsOf = new Map<string, FollowUpRecord[]>();
  for (const r of last) recordsOf.set(r.pupilId, [...(recordsOf.get(r.pupilId) ?? []), r]);

  const adjusted = needs.map((pupil): PupilNeeds => {
    const own = recordsOf.get(pupil.pupilId) ?? [];
    const flag = flagOf.get(pupil.pupilId);
    if (!own.length && !flag) return pupil;
    const list: Need[] = pupil.needs.map((n) => ({ ...n, reasons: [...n.reasons], ...(n.staffReasons && { staffReasons: [...n.staffReasons] }) }));
    for (const record of own) {
      const workshop = workshopOf(record, options);
      const reason = outcomeReason(record);
      if (!workshop || !reason) continue;
      const need = list.find((n) => normalizeText(n.key) === normalizeText(needKeyOf(workshop)));
      if (!need) continue;
      if (outcomeOf(record.outcome) === 'reached') {
        const before = need.score;
        need.score = Math.round(before * (options.reachedFactor ?? REACHED_FACTOR) * 100) / 100;
        need.reasons.push(reason);
        need.staffReasons = [...(need.staffReasons ?? []), `besoin abaissé après l’objectif atteint (${frenchNumber(before)} → ${frenchNumber(need.score)})`];
      } else {
        need.reasons.push(reason);
      }
    }
    list.sort((a, b) => b.score - a.score || a.key.localeCompare(b.key));
    return { ...pupil, needs: list, ...(flag && { followUp: [...(pupil.followUp ?? []), FOLLOW_UP_WORDS] }) };
  });
  return { needs: adjusted, flags, involvement: involvementByCycle(records, threshold) };
}
