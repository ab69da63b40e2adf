/** Follow-up: what the teams type about each contract (attendance, bilans), the loop into the next cycle's needs, and the sheets. */
export { buildFollowUpBlocks, type FollowUpBlock, type FollowUpRow } from './blocks';
export { groupsCsv, groupMembershipRows, GROUPS_CSV_HEADERS } from './groupsExport';
export { ABSENCES_FOR_FOLLOW_UP, applyFollowUp, type FollowUpResult, type Involvement } from './loop';
export { readFollowUp } from './read';
export { renderFollowUpSheets } from './sheets';
export type { AttendanceCode, FollowUpFlag, FollowUpRecord, Outcome } from './types';
