/** Adapter from the hours step's result to the few figures the indicators need. */
import type { HoursResult } from '../hours';
import type { IndicatorHours } from './types';

/**
 * Per level: hours offered to one pupil over the year (forecast cycles included), the hours a pupil
 * actually had from the « Heures faites » typed in `AP Horaires`, and the envelope; plus the
 * teachers with planned hours and the school's teaching staff.
 */
export function hoursForIndicators(result: HoursResult): IndicatorHours {
  return {
    perLevel: result.levels.map((level) => ({
      level: level.level,
      plannedPerPupil: level.offeredHours,
      donePerPupil: level.doneHours,
      envelope: level.envelope,
    })),
    teachersInvolved: result.involvement.involved,
    teachersTotal: result.involvement.teachers,
    teachingStaff: result.involvement.staff,
  };
}
