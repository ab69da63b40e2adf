/**
 * The engine, host-agnostic: from a workbook snapshot to the sheets to write. The same code runs in
 * Excel (task pane and ribbon), on the command line and in the browser preview.
 *
 *   analyse:  saved mapping + class levels -> read positionnement -> settings (defaults if absent)
 *   generate: analyse -> needs -> plan (pins, history) -> hours -> indicators -> sheet specs
 */
import { checkCycleToGenerate } from './cycleToGenerate';
import { diagnostic, UnusableInputError, type Diagnostic } from './diagnostics';
import { readIdentities, renameFollowUp, renameFrozenPast, renameHistory, renameHoursDone, renamePins, renameRooms, resolveIdentities } from './identity';
import { readFrozenPast } from './hours/frozen';
import { applyFollowUp, readFollowUp, renderFollowUpSheets, type FollowUpResult } from './followup';
import type { WorkbookSnapshot } from './grid';
import { computeHours, readHoursDone, readRooms, type HoursResult } from './hours';
import { hoursForIndicators, renderIndicatorsSheet, type Indicators } from './indicators';
import { indicatorsWithExportView } from './export/exportable';
import { attendanceFromFollowUp } from './followup/attendance';
import { readOptionalSheets } from './indicators/optionalSheets';
import type { HistoryEntry, Plan, PupilNeeds, ReadResult } from './model';
import { computeNeeds } from './needs';
import { planGroups, readHistory, readPins } from './plan';
import { alwaysLockWarnings } from './plan/pins';
import { isReadingCheck, legacyPupilIds, readSavedMapping, readWorkbook, renderMappingSheet, type ColumnMapping } from './read';
import { renderCalendarSheet } from './hours/calendarSheet';
import { renderGroupsSheet } from './plan/groupsSheet';
import { renderHistorySheet } from './plan/historySheet';
import { renderHoursSheet } from './hours/hoursSheet';
import { retiredParts, type SheetSpec } from './render/sheetSpec';
import { splitSchoolYears } from './schoolYear';
import { isOwnSheet, MARKER } from './workbook';
import { parseSettingsSheets } from './settings/read';
import { resolveSettings } from './resolveSettings';
import type { Settings } from './settings/settings';
import { findBySheetName } from './sheetNames';

export type StepId = 'read' | 'needs' | 'plan' | 'hours' | 'indicators' | 'render';

export const STEP_LABELS: Record<StepId, string> = {
  read: 'Lecture du positionnement',
  needs: 'Calcul des besoins',
  plan: 'Formation des groupes',
  hours: 'Calcul des heures',
  indicators: 'Indicateurs',
  render: 'Préparation des feuilles',
};

const STEPS: StepId[] = ['read', 'needs', 'plan', 'hours', 'indicators', 'render'];

export interface Analysis {
  read: ReadResult & { mapping: ColumnMapping };
  settings: Settings;
  diagnostics: Diagnostic[];
  /** Parameter sheets the generation will create because they do not exist yet. */
  missingParameterSheets: string[];
  /** Their specs, written with the generation. */
  parameterSheets: SheetSpec[];
}

export interface AnalyseOptions {
  /** ISO date of the run: the engine never reads the clock itself. */
  today: string;
  /** A mapping the coordinator has just confirmed in the pane; wins over the saved one. */
  mapping?: ColumnMapping;
}

export interface GenerationSummary {
  pupilsRead: number;
  pupilsPlaced: number;
  unassigned: number;
  groups: number;
  errors: number;
  warnings: number;
}

export interface Generation {
  analysis: Analysis;
  needs: PupilNeeds[];
  plan: Plan;
  history: HistoryEntry[];
  hours: HoursResult;
  indicators: Indicators;
  /** Last cycle's bilans and attendance as they fed the needs; follow-up flags and « implication » figures. */
  followUp: FollowUpResult;
  sheets: SheetSpec[];
  diagnostics: Diagnostic[];
  summary: GenerationSummary;
}

/** What the engine needs of an abort signal (a DOM or Node `AbortSignal` fits): the core has no host types. */
export interface CancellationSignal {
  throwIfAborted(): void;
}

export interface GenerateOptions extends AnalyseOptions {
  /**
   * Called before each step; a host that must repaint (the pane) returns a promise that lets its event
   * loop run (the engine has no timers of its own).
   */
  onProgress?: (step: StepId, index: number, total: number) => void | Promise<void>;
  /** Aborting before the sheets are handed to a gateway leaves the workbook untouched. */
  signal?: CancellationSignal;
}

export function analyse(snapshot: WorkbookSnapshot, options: AnalyseOptions): Analysis {
  const saved = readSavedMapping(snapshot);
  // The parameter sheets say which level each class is at, which the reader needs first.
  const parameters = parseSettingsSheets(snapshot);
  const read = readWorkbook(snapshot, { classLevels: parameters.settings.classLevels ?? [], mapping: options.mapping ?? saved.mapping, today: options.today });
  const resolved = resolveSettings(snapshot, parameters, read, options.today);
  return {
    read,
    settings: resolved.settings,
    // The reader's self-check leads: a doubtful reading is the first thing the coordinator sees.
    diagnostics: [...read.diagnostics.filter(isReadingCheck), ...saved.diagnostics, ...read.diagnostics.filter((d) => !isReadingCheck(d)), ...resolved.diagnostics],
    missingParameterSheets: resolved.createdSheets.map((s) => s.name),
    parameterSheets: resolved.createdSheets,
  };
}

/**
 * Output sheets may only replace sheets the add-in wrote itself: a coordinator's sheet that happens
 * to carry one of our names is left alone and reported.
 */
function guardOwnSheets(snapshot: WorkbookSnapshot, specs: SheetSpec[]): { specs: SheetSpec[]; diagnostics: Diagnostic[] } {
  const diagnostics: Diagnostic[] = [];
  const kept = specs.filter((spec) => {
    const existing = findBySheetName(snapshot.grids, spec.name, (g) => g.sheet);
    if (!existing || spec.role === 'parameters') return true;
    if (isOwnSheet(existing)) return true;
    diagnostics.push(
      diagnostic('error', spec.name, 'A1', `La feuille « ${spec.name} » existe mais n'a pas été créée par Pilote AP : elle n'est pas modifiée. Renommez-la pour que Pilote AP puisse écrire la sienne.`),
    );
    return false;
  });
  return { specs: kept, diagnostics };
}

/** A « Cycle à générer » that would generate the wrong cycle or rewrite the past stops everything: nothing is written. */
function refuseCycle(refusals: Diagnostic[], diagnostics: Diagnostic[]): void {
  const [first] = refusals;
  if (first) throw new UnusableInputError(`${first.sheet}!${first.cell} : ${first.message}`, [...refusals, ...diagnostics.filter((d) => d.severity === 'error')]);
}

function countSeverities(diagnostics: Diagnostic[]) {
  return {
    errors: diagnostics.filter((d) => d.severity === 'error').length,
    warnings: diagnostics.filter((d) => d.severity === 'warning').length,
  };
}

export async function generate(snapshot: WorkbookSnapshot, options: GenerateOptions): Promise<Generation> {
  const progress = async (step: StepId) => {
    options.signal?.throwIfAborted();
    await options.onProgress?.(step, STEPS.indexOf(step), STEPS.length);
  };

  await progress('read');
  const analysis = analyse(snapshot, options);
  const { read, settings } = analysis;
  if (!read.pupils.length) {
    const reasons = analysis.diagnostics.filter((d) => d.severity === 'error').map((d) => d.message);
    throw new UnusableInputError(reasons[0] ?? "Aucun élève n'a pu être lu dans ce classeur.", analysis.diagnostics);
  }

  await progress('needs');
  // What earlier generations wrote is read under today's names: a rename is a rename everywhere.
  const identities = resolveIdentities(settings, readIdentities(snapshot));
  // Last year's sheets are archived and never read as this year's.
  const years = splitSchoolYears(snapshot, settings.general.schoolYear);
  const thisYear = years.thisYear;
  // Pupils written by earlier versions under `nom:<classe>|<nom>` keep their history under today's id.
  const currentPupilId = legacyPupilIds(read.pupils);
  const historyRead = readHistory(thisYear);
  const history = renameHistory(historyRead.history, identities).map((h) => ({ ...h, pupilId: currentPupilId(h.pupilId) }));
  const followUpRead = readFollowUp(snapshot);
  const followUpRecords = renameFollowUp(followUpRead.records, identities).map((r) => ({ ...r, pupilId: currentPupilId(r.pupilId) }));
  // Hours done and rooms are read from the sheets as they are now, before they are replaced.
  const doneRead = readHoursDone(thisYear);
  const hoursDone = renameHoursDone(doneRead.entries, identities);
  refuseCycle(checkCycleToGenerate(snapshot, settings, { history, hoursDone, followUp: followUpRecords }, options.today), analysis.diagnostics);
  const followUp = applyFollowUp(computeNeeds(read.pupils, read.competencies, settings, read.rounds), followUpRecords, {
    cycle: settings.general.cycle,
    workshopTypes: settings.workshopTypes,
    absenceThreshold: settings.general.followUpAbsences,
    reachedFactor: settings.general.reachedNeedFactor,
    history,
  });
  const needs = followUp.needs;

  await progress('plan');
  const pinsRead = readPins(snapshot, read.pupils);
  const pins = renamePins(pinsRead.pins, identities);
  const plan = await planGroups({ pupils: read.pupils, needs, settings, pins, history, pairs: read.pairs });
  const lockWarnings = alwaysLockWarnings({ plan, pins, pupils: read.pupils, needs, history, settings });

  await progress('hours');
  const roomsRead = readRooms(thisYear);
  const frozen = renameFrozenPast(readFrozenPast(thisYear), identities);
  const hours = computeHours(plan, settings, hoursDone, history, renameRooms(roomsRead.entries, identities), frozen);

  await progress('indicators');
  const optionalRead = readOptionalSheets(snapshot);
  const indicators = indicatorsWithExportView({
    pupils: read.pupils,
    needs,
    plan,
    settings,
    history,
    rounds: read.rounds,
    competencies: read.competencies,
    hours: hoursForIndicators(hours),
    attendance: attendanceFromFollowUp(followUpRecords),
    schoolProjects: optionalRead.projects,
    survey: optionalRead.survey,
  });

  await progress('render');
  const specs: SheetSpec[] = [
    ...analysis.parameterSheets,
    ...years.archives,
    renderGroupsSheet(plan, read.pupils, needs, settings),
    renderHistorySheet(history, plan, read.pupils, settings.general.cycle, needs, identities.all, settings.general.schoolYear),
    ...renderFollowUpSheets({ plan, pupils: read.pupils, needs, settings, hours, history, records: followUpRecords, loop: followUp }),
    renderCalendarSheet(hours, settings),
    renderHoursSheet(hours, settings),
    renderIndicatorsSheet(indicators, settings),
    renderMappingSheet(read.mapping),
  ];
  specs.push(...retiredParts(specs, snapshot.grids.filter(isOwnSheet).map((g) => g.sheet), MARKER));
  const guarded = guardOwnSheets(snapshot, specs);
  options.signal?.throwIfAborted();

  const diagnostics = [
    ...analysis.diagnostics,
    ...years.diagnostics,
    ...identities.diagnostics,
    ...historyRead.diagnostics,
    ...followUpRead.diagnostics,
    ...pinsRead.diagnostics,
    ...plan.diagnostics,
    ...lockWarnings,
    ...doneRead.diagnostics,
    ...roomsRead.diagnostics,
    ...hours.diagnostics,
    ...optionalRead.diagnostics,
    ...guarded.diagnostics,
  ];
  const placed = new Set(plan.assignments.map((a) => a.pupilId));
  return {
    analysis,
    needs,
    plan,
    history,
    hours,
    indicators,
    followUp,
    sheets: guarded.specs,
    diagnostics,
    summary: {
      pupilsRead: read.pupils.length,
      pupilsPlaced: placed.size,
      unassigned: read.pupils.filter((p) => !placed.has(p.id)).length,
      groups: plan.groups.length,
      ...countSeverities(diagnostics),
    },
  };
}
