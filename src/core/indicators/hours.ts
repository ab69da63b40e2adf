/** Adapter from the hours step's result to the few figures the indicators need. */
import type { HoursResult } from '../hours';
import type { IndicatorHours } from './types';

/**
 * Per level: hours offered to one pupil over the year (forecast cycles included), the hours a pupil
 * actually had from the « Heures faites » typed in `AP Horaires`, and the envelope; the workshop
 * sessions planned and done; everyone with or without planned hours, and the school's teaching staff.
 */
export function hoursForIndicators(result: HoursResult): IndicatorHours {
  return {
    perLevel: result.levels.map((level) => ({
      level: level.level,
      plannedPerPupil: level.offeredHours,
      donePerPupil: level.doneHours,
      envelope: level.envelope,
    })),
    people: result.teachers.map((t) => ({ name: t.teacher, involved: t.plannedHours > 0 })),
    sessions: result.rows
      .filter((row) => row.source !== 'kept' && row.sessions > 0 && row.plannedHours > 0)
      .map((row) => ({
        level: row.levels[0] ?? '',
        cycle: row.cycle,
        past: row.cycle < result.currentCycle,
        planned: row.sessions,
        done: row.hoursDone === null ? null : (row.hoursDone * row.sessions) / row.plannedHours,
      })),
    teachingStaff: result.involvement.staff,
  };
}
