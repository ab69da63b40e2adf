/**
 * The ribbon's « Générer les groupes » button (an ExecuteFunction command: no task pane). It runs the
 * whole generation with the settings saved in the workbook, brings `AP Groupes` to the front and
 * reports the result in a small dialog. The dialog is this same page opened with the report in its
 * query string, so the add-in needs no extra page.
 */
import { localIsoDate } from '../core/dates';
import { UnusableInputError, type Diagnostic } from '../core/diagnostics';
import { generate } from '../core/pipeline';
import { SHEET_NAMES } from '../core/workbook';
import { describeExcelError } from '../gateways/office/errors';
import { createOfficeGateway, type OfficeGateway } from '../gateways/office/officeGateway';
import { missingRequirements } from '../gateways/office/requirements';
import type { MissingRequirement } from '../host/host';

export interface RibbonReport {
  title: string;
  message: string;
}

export interface RibbonRun {
  gateway: OfficeGateway;
  /** ISO date of the run. */
  today: string;
  missing: MissingRequirement[];
}

const plural = (count: number, one: string, many: string) => `${count} ${count > 1 ? many : one}`;

export function summaryMessage(summary: { pupilsRead: number; pupilsPlaced: number; unassigned: number; errors: number; warnings: number }, diagnostics: Diagnostic[] = []): string {
  const lines = [
    `${plural(summary.pupilsRead, 'élève lu', 'élèves lus')}, ${plural(summary.pupilsPlaced, 'placé', 'placés')} dans un groupe` +
      (summary.unassigned ? `, ${plural(summary.unassigned, 'non placé', 'non placés')} (raison dans la feuille « ${SHEET_NAMES.groups} »).` : '.'),
    `Les groupes sont dans la feuille « ${SHEET_NAMES.groups} ».`,
  ];
  if (summary.errors || summary.warnings) {
    const first = diagnostics.find((d) => d.severity === 'error') ?? diagnostics.find((d) => d.severity === 'warning');
    lines.push(
      `${plural(summary.errors, 'erreur', 'erreurs')} et ${plural(summary.warnings, 'avertissement', 'avertissements')} : ` +
        'ouvrez le volet Pilote AP (bouton « Ouvrir Pilote AP ») pour les voir, chacun avec sa cellule.' +
        (first ? ` Premier point : ${first.sheet ? `${first.sheet}${first.cell ? `!${first.cell}` : ''} : ` : ''}${first.message}` : ''),
    );
  }
  return lines.join('\n');
}

/** The generation the ribbon button runs; never throws, always says what happened. */
export async function runRibbonGeneration({ gateway, today, missing }: RibbonRun): Promise<RibbonReport> {
  const blocking = missing.find((m) => m.blocking);
  if (blocking) return { title: 'Excel trop ancien pour Pilote AP', message: blocking.message };
  try {
    const snapshot = await gateway.readSnapshot();
    const parameters = SHEET_NAMES.parameters.toLocaleLowerCase('fr');
    if (!snapshot.grids.some((grid) => grid.sheet.toLocaleLowerCase('fr') === parameters)) {
      return {
        title: 'Ouvrez d’abord le volet Pilote AP',
        message:
          `Ce classeur n’a pas encore de feuille « ${SHEET_NAMES.parameters} ». Cliquez une première fois sur ` +
          '« Ouvrir Pilote AP » (onglet Accueil) pour vérifier la lecture du positionnement et enregistrer les ' +
          'paramètres ; ensuite, ce bouton générera les groupes en un clic.',
      };
    }
    const generation = await generate(snapshot, { today });
    await gateway.writeSheets(generation.sheets, { activate: SHEET_NAMES.groups });
    return { title: 'Groupes générés', message: summaryMessage(generation.summary, generation.diagnostics) };
  } catch (error) {
    const message = error instanceof UnusableInputError ? error.message : describeExcelError(error);
    return { title: 'La génération n’a pas abouti', message };
  }
}

const TITLE_PARAM = 'titre';
const MESSAGE_PARAM = 'compte-rendu';
/**
 * Office ends a function command 5 minutes after the click. The command calls event.completed() and
 * closes its report before that, whatever the generation is doing (a write waiting for the user to
 * leave a cell may still land: it is staged, so the AP sheets are then either the old or the new ones).
 */
export const COMMAND_LIMIT_MS = 4.5 * 60_000;

/**
 * Run `work` and call `complete` exactly once: when the work settles, or when `limitMs` have passed
 * since `startedAt`, whichever comes first.
 */
export function completeWithin(work: () => Promise<void>, complete: () => void, limitMs: number, startedAt = Date.now()): Promise<void> {
  return new Promise<void>((resolve) => {
    let done = false;
    const finish = () => {
      if (done) return;
      done = true;
      clearTimeout(timer);
      complete();
      resolve();
    };
    const timer = setTimeout(finish, Math.max(0, startedAt + limitMs - Date.now()));
    work().then(finish, finish);
  });
}

export function reportUrl(pageUrl: string, report: RibbonReport): string {
  const url = new URL(pageUrl);
  url.search = '';
  url.hash = '';
  url.searchParams.set(TITLE_PARAM, report.title);
  url.searchParams.set(MESSAGE_PARAM, report.message);
  return url.toString();
}

/** Fill the report page (this page opened as a dialog); false when the URL carries no report. */
export function renderReport(doc: Document, search: string, onClose: () => void): boolean {
  const params = new URLSearchParams(search);
  const message = params.get(MESSAGE_PARAM);
  if (message === null) return false;
  const title = params.get(TITLE_PARAM) ?? 'Pilote AP';
  doc.title = `${title} — Pilote AP`;
  const heading = doc.getElementById('titre');
  const body = doc.getElementById('message');
  const close = doc.getElementById('fermer');
  const main = doc.getElementById('compte-rendu');
  if (heading) heading.textContent = title;
  if (body) body.textContent = message;
  close?.addEventListener('click', onClose);
  if (main) main.hidden = false;
  close?.focus();
  return true;
}

/**
 * Show the report in a dialog and wait until it is closed: the command's runtime (and its dialog)
 * ends with event.completed(). Without the Dialog API, the activated sheet is the report.
 */
function showReport(report: RibbonReport, closeBy: number): Promise<void> {
  return new Promise((resolve) => {
    if (!Office.context.requirements.isSetSupported('DialogApi', '1.1')) return resolve();
    const options = { height: 40, width: 35, displayInIframe: true };
    Office.context.ui.displayDialogAsync(reportUrl(window.location.href, report), options, (result) => {
      if (result.status !== Office.AsyncResultStatus.Succeeded) return resolve();
      const dialog = result.value;
      const done = () => {
        clearTimeout(timer);
        try {
          dialog.close();
        } catch {
          // Already closed by the user.
        }
        resolve();
      };
      const timer = setTimeout(done, Math.max(0, closeBy - Date.now()));
      dialog.addEventHandler(Office.EventType.DialogMessageReceived, done);
      dialog.addEventHandler(Office.EventType.DialogEventReceived, done);
    });
  });
}

async function generateGroups(event: Office.AddinCommands.Event): Promise<void> {
  const clickedAt = Date.now();
  await completeWithin(
    async () => {
      try {
        const report = await runRibbonGeneration({ gateway: createOfficeGateway(), today: localIsoDate(new Date()), missing: missingRequirements() });
        await showReport(report, clickedAt + COMMAND_LIMIT_MS);
      } catch {
        // Nothing above is expected to throw; if it does, the button must still be released.
      }
    },
    () => event.completed(),
    COMMAND_LIMIT_MS,
    clickedAt,
  );
}

if (typeof Office !== 'undefined') {
  Office.onReady(() => {
    renderReport(document, window.location.search, () => Office.context.ui.messageParent('fermer'));
  });
  // Current Office binds the manifest's FunctionName through actions.associate; older builds look up a global.
  Office.actions?.associate('generateGroups', generateGroups);
  (globalThis as { generateGroups?: typeof generateGroups }).generateGroups = generateGroups;
}
