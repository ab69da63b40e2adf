/** Hours step: the year's AP hours per teacher, workshop, cycle and level, and the calendar. */
export { computeHours, HOURS_PER_WEEKLY_HOUR } from './compute';
export { readHoursDone, readRooms } from './readBack';
export { NO_TEACHER } from './workshops';
export type {
  CalendarEntry,
  CycleSpan,
  HoursDone,
  HoursResult,
  HoursRow,
  HoursSource,
  LevelTotal,
  RoomEntry,
  SlotCycleHours,
  StatusTotal,
  TeacherTotal,
} from './types';
