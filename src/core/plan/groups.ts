/** From the solver's numbers to concrete groups: which teacher leads which group, who sits in it. */
import type { WorkshopType } from '../model';
import type { SlotSolution } from './slotProblem';

export interface GroupDraft {
  type: WorkshopType;
  teacherName: string;
  capacity: number;
  minSize: number;
  /** Locked pupils first, then the others by decreasing utility. */
  pupilIds: string[];
  locked: Set<string>;
}

/** A group held open by pins: its teacher and locked pupils are given. */
export interface ForcedGroup {
  /** Index in the slot's problem types. */
  type: number;
  teacherName: string;
  pupilIds: string[];
}

export interface GroupInput {
  types: WorkshopType[];
  forced: ForcedGroup[];
  /** Teacher names of each teacher class, in name order. */
  classTeachers: string[][];
  classTypes: number[][];
  solution: SlotSolution;
  /** Pupil ids of the solver's problem, by index. */
  pupilIds: string[];
  /** utility(p, t) for ordering pupils inside a type. */
  utility: (p: number, t: number) => number;
}

/**
 * Groups of each type: the locked ones, then one per teacher the solver opened. Pupils of a type are
 * spread so that every new group reaches its minimum and sizes stay as even as the caps allow; the
 * pupils with the strongest need go to the first groups (groups of similar need level).
 */
export function formGroups(input: GroupInput): GroupDraft[] {
  const { types, forced, classTeachers, classTypes, solution, pupilIds } = input;
  const opened: { type: number; teacherName: string }[] = [];
  solution.use.forEach((row, c) => {
    let next = 0;
    row.forEach((count, j) => {
      for (let i = 0; i < count; i++) opened.push({ type: classTypes[c][j], teacherName: classTeachers[c][next++] });
    });
  });
  const drafts: GroupDraft[] = [];
  types.forEach((type, t) => {
    const groups: GroupDraft[] = [
      ...forced
        .filter((f) => f.type === t)
        .map((f) => ({
          type,
          teacherName: f.teacherName,
          capacity: Math.max(type.cap, f.pupilIds.length),
          minSize: type.minSize,
          pupilIds: [...f.pupilIds],
          locked: new Set(f.pupilIds),
        })),
      ...opened
        .filter((o) => o.type === t)
        .sort((a, b) => a.teacherName.localeCompare(b.teacherName, 'fr'))
        .map((o) => ({ type, teacherName: o.teacherName, capacity: type.cap, minSize: type.minSize, pupilIds: [], locked: new Set<string>() })),
    ];
    if (!groups.length) return;
    const members: number[] = [];
    solution.typeOf.forEach((at, p) => at === t && members.push(p));
    members.sort((a, b) => input.utility(b, t) - input.utility(a, t) || a - b);
    const extra = groups.map((g) => (g.locked.size ? 0 : Math.min(g.minSize, g.capacity)));
    let remaining = members.length - extra.reduce((a, b) => a + b, 0);
    while (remaining > 0) {
      let pick = -1;
      groups.forEach((g, i) => {
        if (g.pupilIds.length + extra[i] >= g.capacity) return;
        if (pick < 0 || g.pupilIds.length + extra[i] < groups[pick].pupilIds.length + extra[pick]) pick = i;
      });
      if (pick < 0) break;
      extra[pick]++;
      remaining--;
    }
    let at = 0;
    groups.forEach((g, i) => {
      for (let k = 0; k < extra[i] && at < members.length; k++) g.pupilIds.push(pupilIds[members[at++]]);
    });
    drafts.push(...groups);
  });
  return drafts;
}
