/** Adapter from the hours step's result to the few figures the indicators need. */
import type { HoursResult } from '../hours';
import { sum } from './tally';
import type { IndicatorHours } from './types';

/**
 * Per level: hours offered to one pupil over the year (forecast cycles included), the part from
 * cycles already past (`AP Historique`), and the envelope; plus the teachers with planned hours.
 */
export function hoursForIndicators(result: HoursResult): IndicatorHours {
  return {
    perLevel: result.levels.map((level) => ({
      level: level.level,
      plannedPerPupil: level.offeredHours,
      donePerPupil: sum(result.slotHours.filter((s) => s.level === level.level && s.source === 'history').map((s) => s.hours)),
      envelope: level.envelope,
    })),
    teachersInvolved: result.involvement.involved,
    teachersTotal: result.involvement.teachers,
  };
}
