/** The four follow-up sheets of a generation (the printable ones split in parts past Excel's page-break cap), from the same blocks of `AP Suivi`. */
import type { HoursResult } from '../hours';
import type { HistoryEntry, Plan, Pupil, PupilNeeds } from '../model';
import { renderEmargementSheets } from './emargementSheet';
import { renderFichesSheets } from './fichesSheet';
import { renderSuiviSheet } from './suiviSheet';
import { renderTeamsReportSheet } from './teamsReportSheet';
import type { SheetSpec } from '../render/sheetSpec';
import type { Settings } from '../settings/settings';
import { buildFollowUpBlocks } from './blocks';
import type { FollowUpResult } from './loop';
import type { FollowUpRecord } from './types';

export interface FollowUpSheetsInput {
  plan: Plan;
  pupils: Pupil[];
  needs: PupilNeeds[];
  settings: Settings;
  hours: HoursResult;
  history: HistoryEntry[];
  records: FollowUpRecord[];
  loop: FollowUpResult;
}

export function renderFollowUpSheets(input: FollowUpSheetsInput): SheetSpec[] {
  const cycle = input.settings.general.cycle;
  const blocks = buildFollowUpBlocks({ cycle, ...input });
  const names = new Map(input.pupils.map((p) => [p.id, p.displayName]));
  return [
    renderSuiviSheet({ cycle, blocks, involvement: input.loop.involvement, flags: input.loop.flags, pupilName: (id) => names.get(id) ?? id }),
    ...renderFichesSheets({ cycle, blocks, records: input.records, calendar: input.hours.calendar }),
    ...renderEmargementSheets({ cycle, blocks, calendar: input.hours.calendar }),
    renderTeamsReportSheet({ cycle, pupils: input.pupils, history: input.history, blocks, records: input.records, absenceThreshold: input.settings.general.followUpAbsences }),
  ];
}
