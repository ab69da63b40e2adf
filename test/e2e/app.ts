/**
 * End-to-end test of the standalone app (index.html, no Excel) in Debian's chromium, on a workbook
 * written here with ExcelJS (not the example): open it with the file picker, read the sources, edit
 * `AP Ateliers` in the sheet viewer, generate, find a pupil, export for the rectorat, download the
 * completed workbook, lock a pupil in it as a coordinator would in a spreadsheet, drop it back onto the
 * page for the next cycle; then open it again with the network cut (service worker). axe-core at each
 * step, keyboard reachability, screenshots at 320 and 1280 px, and no request leaves localhost.
 *
 *   npm run test:e2e          (E2E_REBUILD=1 forces a fresh build)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import ExcelJS from 'exceljs';
import type { Browser, BrowserContext, Page } from 'playwright-core';
import { SHEET_NAMES } from '../../src/core/workbook';
import { buildLargeSchool } from '../../src/core/example';
import { gridToSpec } from '../../src/core/render/specToGrid';
import { readXlsx, writeXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { isLocalUrl, launchChromium, openGuardedPage } from './browser';
import { ensurePreviewBuild, ROOT } from './build';
import { assert, runScript, Suite } from './harness';
import { unreachableControls } from './keyboard';
import { pageChecks } from './pageChecks';
import { buildSchoolFile, type SchoolFile } from './schoolFile';
import { serveStatic, type StaticServer } from './server';

const OUT = path.join(ROOT, 'test-results', 'app');
const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const WIDE = { width: 1280, height: 900 };
const NARROW = { width: 320, height: 720 };
const XLSX_MIME = 'application/vnd.openxmlformats-officedocument.spreadsheetml.sheet';
const FILE_NAME = 'positionnement GATL 2026.xlsx';

const suite = new Suite();
let server: StaticServer;
let browser: Browser;
let context: BrowserContext;
let page: Page;
let school: SchoolFile;
const requests: string[] = [];
const pageErrors: string[] = [];
const state: { workshop?: string; cap?: number; completed?: string; locked?: string; secondCycle?: Uint8Array } = {};

const { shoot, checkAxe, checkNoHorizontalOverflow, closeViewer } = pageChecks(() => page, { shots: SHOTS, wide: WIDE, narrow: NARROW });

async function openTab(label: RegExp): Promise<void> {
  await page.getByRole('tab', { name: label }).click();
}

/** Drop a file onto the page, as a file dragged from the desktop would be. */
async function dropFile(name: string, bytes: Uint8Array): Promise<void> {
  await page.evaluate(
    ({ name, base64, type }) => {
      const data = Uint8Array.from(atob(base64), (c) => c.charCodeAt(0));
      const transfer = new DataTransfer();
      transfer.items.add(new File([data], name, { type }));
      for (const kind of ['dragenter', 'dragover', 'drop']) {
        document.body.dispatchEvent(new DragEvent(kind, { dataTransfer: transfer, bubbles: true, cancelable: true }));
      }
    },
    { name, base64: Buffer.from(bytes).toString('base64'), type: XLSX_MIME },
  );
}

async function pickFile(name: string, bytes: Uint8Array): Promise<void> {
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Ouvrir un classeur' }).click();
  await (await chooser).setFiles({ name, mimeType: XLSX_MIME, buffer: Buffer.from(bytes) });
}

async function download(button: string): Promise<{ name: string; bytes: Uint8Array }> {
  const [file] = await Promise.all([page.waitForEvent('download', { timeout: 60_000 }), page.getByRole('button', { name: button }).click()]);
  const target = path.join(OUT, file.suggestedFilename());
  await file.saveAs(target);
  return { name: file.suggestedFilename(), bytes: new Uint8Array(readFileSync(target)) };
}

async function keyboardCheck(where: string): Promise<void> {
  const missing = await unreachableControls(page);
  assert(missing.length === 0, `${where} : commandes inaccessibles au clavier :\n${missing.join('\n')}`);
}

suite.test('accueil : ouvrir un classeur, déposer un fichier, rien n’est envoyé', async () => {
  await page.goto(`${server.origin}/index.html`);
  await page.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor();
  await page.getByRole('button', { name: /Essayer avec le classeur d.exemple/ }).waitFor();
  const text = await page.locator('main').innerText();
  assert(/rien n.est envoyé/.test(text), 'la page ne dit pas que rien n’est envoyé');
  assert(/déposez-le sur cette page/.test(text), 'le dépôt de fichier n’est pas proposé');
  const officeScripts = await page.locator('script[src*="office"]').count();
  assert(officeScripts === 0, 'index.html charge office.js');
  await checkAxe('accueil');
  await keyboardCheck('accueil');
  await checkNoHorizontalOverflow('accueil');
  await shoot('app-0-accueil');
});

suite.test('« rien ne quitte la page » : le navigateur lui-même refuse une requête vers un autre site', async () => {
  const failures: string[] = [];
  const onFailed = (request: import('playwright-core').Request) => failures.push(`${request.url()} ${request.failure()?.errorText}`);
  page.on('requestfailed', onFailed);
  const outcome = await page.evaluate(async () => {
    const violations: string[] = [];
    document.addEventListener('securitypolicyviolation', (event) => violations.push(`${event.effectiveDirective} ${event.blockedURI}`));
    const fetched = await fetch('https://example.org/collecte', { method: 'POST', body: 'élèves' }).then(
      () => 'envoyée',
      () => 'refusée',
    );
    const image = await new Promise<string>((resolve) => {
      const img = new Image();
      img.onload = () => resolve('chargée');
      img.onerror = () => resolve('refusée');
      img.src = 'https://example.org/pixel.png';
    });
    await new Promise((resolve) => setTimeout(resolve, 50)); // the violation events are queued
    return { fetched, image, violations, policy: document.querySelector('meta[http-equiv="Content-Security-Policy"]')?.getAttribute('content') ?? '' };
  });
  assert(outcome.fetched === 'refusée' && outcome.image === 'refusée', `requêtes : ${JSON.stringify(outcome)}`);
  assert(outcome.violations.some((v) => v.startsWith('connect-src https://example.org')), `pas de violation connect-src : ${outcome.violations.join(' ; ')}`);
  assert(outcome.violations.some((v) => v.startsWith('img-src https://example.org')), `pas de violation img-src : ${outcome.violations.join(' ; ')}`);
  // Refused by the policy itself (Chromium says « csp »), not by the test's own network guard (net::ERR_FAILED).
  page.off('requestfailed', onFailed);
  const notByPolicy = failures.filter((f) => f.includes('example.org') && !/ (csp|net::ERR_BLOCKED_BY_CSP)$/.test(f));
  assert(notByPolicy.length === 0, `requêtes arrêtées par autre chose que la politique : ${notByPolicy.join(', ')}`);
  // Chromium lists the refused image as a request (failed « csp », never sent): the network check at the
  // end counts what was sent, so these deliberate, refused ones are taken out of the record.
  for (const failure of failures) {
    const at = requests.indexOf(failure.split(' ')[0]);
    if (at >= 0) requests.splice(at, 1);
  }
  assert(/default-src 'self'/.test(outcome.policy) && /connect-src 'self'/.test(outcome.policy) && !/script-src[^;]*unsafe-inline/.test(outcome.policy), `politique : ${outcome.policy}`);
});

suite.test('un fichier qui n’est pas un classeur est refusé en français, sans quitter l’accueil', async () => {
  await pickFile('eleves.ods', new TextEncoder().encode('%PDF-1.4 bulletin'));
  await page.getByText(/« eleves\.ods » est un document PDF/).waitFor();
  await page.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor();
  // A text file renamed .xlsx: refused as the command line refuses it, not opened as an empty CSV.
  await pickFile('notes.xlsx', new TextEncoder().encode('Réunion du 12 mars\nordre du jour\n'));
  await page.getByText(/« notes\.xlsx » n’est pas un classeur.*Aucun élève lu/).waitFor();
  await page.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor();
  await checkAxe('format refusé');
});

suite.test('sélecteur de fichier : le classeur du coordonnateur est lu, diagnostics reliés à la cellule', async () => {
  await pickFile(FILE_NAME, school.bytes);
  await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor();
  const text = await page.locator('main').innerText();
  for (const sheet of school.sheets) assert(text.includes(sheet), `« ${sheet} » absent de l’étape Sources`);
  assert((await page.locator('header').innerText()).includes(FILE_NAME), 'le nom du fichier n’est pas affiché');
  const link = page.getByRole('button', { name: `${school.unreadable.sheet}!${school.unreadable.cell}` }).first();
  await link.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert((await dialog.getByRole('combobox', { name: 'Feuille' }).inputValue()) === school.unreadable.sheet, 'la visionneuse ne montre pas la feuille');
  const marked = dialog.locator('td[aria-current="location"]');
  assert((await marked.innerText()).trim() === 'AQ', `cellule encadrée : « ${await marked.innerText()} »`);
  assert((await dialog.innerText()).includes('lecture seule'), 'la feuille du coordonnateur n’est pas dite en lecture seule');
  assert((await dialog.getByRole('button', { name: 'Enregistrer' }).count()) === 0, 'la feuille du coordonnateur est modifiable');
  await checkAxe('visionneuse');
  await shoot('app-1b-visionneuse');
  await closeViewer();
  await checkAxe('sources');
  await checkNoHorizontalOverflow('sources');
  await shoot('app-1-sources');
});

suite.test('liste de classe d’un autre fichier : feuille ajoutée sans date de naissance, relue par le volet', async () => {
  const pupils = school.pupils.filter((p) => p.className === school.pupils[0].className);
  const lines = [['Nom', 'Prénom', 'Date de naissance', 'Classe'], ...pupils.map((p) => [p.lastName, p.firstName, '03/11/2009', p.className])];
  const chooser = page.waitForEvent('filechooser');
  await page.getByRole('button', { name: 'Ajouter une liste de classe (autre fichier)' }).click();
  await (await chooser).setFiles({ name: 'Liste élèves.csv', mimeType: 'text/csv', buffer: Buffer.from(lines.map((line) => line.join(';')).join('\r\n'), 'utf8') });
  await page.getByText(`Feuille « Liste élèves » ajoutée : ${pupils.length} élèves lus. Colonne non recopiée : « Date de naissance ».`).waitFor();
  assert((await page.locator('main').innerText()).includes('Liste de classe'), 'la feuille ajoutée n’est pas lue comme une liste de classe');
  await checkAxe('liste de classe ajoutée');
});

suite.test('paramètres : AP Ateliers modifiée dans la grille, au clavier, et relue par le volet', async () => {
  await openTab(/Paramètres/);
  await page.getByRole('button', { name: 'Créer les feuilles de paramètres' }).click();
  await page.getByText('Feuilles de paramètres créées').waitFor();
  await page.getByRole('button', { name: /Ouvrir « AP Ateliers »/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  const target = await dialog.locator('table').evaluate((table) => {
    const rows = Array.from((table as HTMLTableElement).tBodies[0].rows).map((row) => Array.from(row.cells).map((cell) => cell.textContent ?? ''));
    const header = rows.findIndex((cells) => cells.includes('Effectif max'));
    const col = rows[header].indexOf('Effectif max');
    return { row: header + 1, col, workshop: rows[header + 1][1], cap: Number(rows[header + 1][col]) };
  });
  state.workshop = target.workshop;
  state.cap = Math.max(2, target.cap - 3);
  // Keyboard only: focus the sheet, arrows from A1 to the cell, Entrée, type, Entrée.
  await dialog.getByRole('region', { name: /Feuille « AP Ateliers »/ }).focus();
  await page.keyboard.press('ArrowDown'); // first arrow selects A1
  for (let r = 0; r < target.row; r++) await page.keyboard.press('ArrowDown');
  for (let c = 1; c < target.col; c++) await page.keyboard.press('ArrowRight');
  await page.keyboard.press('Enter');
  const field = dialog.getByRole('textbox', { name: /^Valeur de [A-Z]+\d+$/ });
  assert(await field.evaluate((input) => input === document.activeElement), 'Entrée ne mène pas au champ de valeur');
  // The field takes the selected cell's value on the next render: give it that render.
  await page.waitForFunction((cap) => Number((document.activeElement as HTMLInputElement | null)?.value) === cap, target.cap, { timeout: 5_000 }).catch(() => undefined);
  assert(Number(await field.inputValue()) === target.cap, `la cellule choisie vaut ${await field.inputValue()}, attendu ${target.cap}`);
  await field.fill(String(state.cap));
  await page.keyboard.press('Enter');
  await page.getByText(`Valeur enregistrée : ${state.cap}`).waitFor();
  const marked = dialog.locator('td[aria-current="location"]');
  assert(Number(await marked.innerText()) === state.cap, 'la grille ne montre pas la valeur saisie');
  await checkAxe('éditeur de feuille');
  await shoot('app-2b-editeur');
  await closeViewer();
  const spin = page.getByRole('spinbutton', { name: `Effectif max (${state.workshop})` });
  assert(Number(await spin.inputValue()) === state.cap, `effectif relu ${await spin.inputValue()}, attendu ${state.cap}`);
  await checkAxe('paramètres');
  await checkNoHorizontalOverflow('paramètres');
  await shoot('app-2-parametres');
});

suite.test('générer puis résultats : élève trouvé avec son explication, graphiques', async () => {
  await openTab(/Générer/);
  await page.getByRole('button', { name: 'Générer', exact: true }).click();
  await page.getByText('Groupes générés').waitFor({ timeout: 60_000 });
  await shoot('app-3-generer');
  await page.getByRole('button', { name: 'Voir les résultats' }).click();
  await page.getByRole('heading', { name: 'Groupes par niveau et barrette' }).waitFor();
  const pupil = school.pupils[3];
  const name = `${pupil.lastName.toUpperCase()} ${pupil.firstName}`;
  await page.getByRole('searchbox', { name: /Nom de l.élève/ }).fill(pupil.lastName);
  const card = page.getByRole('article', { name: new RegExp(`Fiche de .*${pupil.firstName}`, 'i') });
  await card.first().waitFor();
  const text = await card.first().innerText();
  assert(text.length > name.length + 20, `fiche sans explication : ${text}`);
  assert((await page.locator('main figure').count()) > 0, 'aucun graphique dans les indicateurs');
  await checkAxe('résultats');
  await checkNoHorizontalOverflow('résultats');
  await shoot('app-4-resultats');
});

suite.test('export pour le rectorat : téléchargé, sans aucun élève', async () => {
  await page.getByRole('textbox', { name: /UAI/ }).fill('0750655E');
  const file = await download('Exporter pour le rectorat');
  const texts = (await readXlsx(file.bytes)).grids.flatMap((grid) => grid.values.flat()).map((value) => String(value ?? '').toLowerCase());
  assert(texts.some((text) => text.includes('0750655e')), 'l’UAI ne figure pas dans l’export');
  const leaks = school.pupils.filter((p) => texts.some((text) => text.includes(p.lastName.toLowerCase())));
  assert(leaks.length === 0, `élèves présents dans l’export : ${leaks.map((p) => p.lastName).join(', ')}`);
});

suite.test('télécharger le classeur complété : ses feuilles intactes, les feuilles AP ajoutées', async () => {
  const file = await download('Télécharger le classeur complété');
  assert(file.name === 'positionnement GATL 2026 - Pilote AP.xlsx', `nom du fichier : ${file.name}`);
  await page.getByText(/Classeur complété téléchargé/).waitFor();
  const original = await readXlsx(school.bytes);
  const completed = await readXlsx(file.bytes);
  for (const grid of original.grids) {
    const copy = completed.grids.find((g) => g.sheet === grid.sheet);
    assert(copy && JSON.stringify(copy.values) === JSON.stringify(grid.values), `feuille « ${grid.sheet} » modifiée ou perdue`);
  }
  for (const sheet of [SHEET_NAMES.parameters, SHEET_NAMES.workshops, SHEET_NAMES.groups, SHEET_NAMES.hours, SHEET_NAMES.indicators]) {
    assert(completed.grids.some((g) => g.sheet === sheet), `« ${sheet} » absente du classeur complété`);
  }
  const workshops = completed.grids.find((g) => g.sheet === SHEET_NAMES.workshops)!;
  const row = workshops.values.find((line) => line[0] === state.workshop)!;
  assert(row.includes(state.cap!), `l’effectif modifié (${state.cap}) n’est pas dans le fichier : ${row.join(' | ')}`);
  state.completed = file.name;

  // Next cycle, as the coordinator would do it in a spreadsheet program: lock a pupil, cycle 2.
  const workbook = new ExcelJS.Workbook();
  await workbook.xlsx.load(Buffer.from(file.bytes) as unknown as ExcelJS.Buffer);
  const formula = workbook.getWorksheet(school.ownSheet.name)!.getCell(school.ownSheet.formulaCell).value as ExcelJS.CellFormulaValue;
  assert(formula?.formula === school.ownSheet.formula, 'la formule de la feuille du coordonnateur est perdue');
  const groups = workbook.getWorksheet(SHEET_NAMES.groups)!;
  let header = 0;
  groups.eachRow((line, n) => {
    if (!header && (line.values as unknown[]).includes('Verrou')) header = n;
  });
  const titles = groups.getRow(header).values as unknown[];
  const locked = groups.getRow(header + 1);
  locked.getCell(titles.indexOf('Verrou')).value = 'oui';
  state.locked = String(locked.getCell(titles.indexOf('Élève')).value);
  workbook.getWorksheet(SHEET_NAMES.parameters)!.eachRow((line) => {
    if (line.getCell(1).value === 'Cycle à générer') line.getCell(2).value = 2;
  });
  state.secondCycle = new Uint8Array(await workbook.xlsx.writeBuffer());
  writeFileSync(path.join(OUT, 'cycle-2.xlsx'), state.secondCycle);
});

suite.test('cycle suivant : le classeur complété déposé sur la page, le verrou est gardé', async () => {
  await page.getByRole('button', { name: 'Ouvrir un autre classeur' }).click();
  await page.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor();
  await dropFile(state.completed!, state.secondCycle!);
  await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor();
  await openTab(/Générer/);
  await page.getByRole('button', { name: 'Générer', exact: true }).click();
  await page.getByText('Groupes générés').waitFor({ timeout: 60_000 });
  await page.getByRole('button', { name: 'Voir les résultats' }).click();
  await page.getByRole('heading', { name: /Cycle 2 : résumé/ }).waitFor();
  await page.getByRole('searchbox', { name: /Nom de l.élève/ }).fill(state.locked!);
  const card = page.getByRole('article', { name: `Fiche de ${state.locked}` });
  await card.waitFor();
  assert((await card.innerText()).includes('Verrou'), `le verrou de ${state.locked} n’est pas gardé : ${await card.innerText()}`);
  const second = await download('Télécharger le classeur complété');
  const history = (await readXlsx(second.bytes)).grids.find((g) => g.sheet === SHEET_NAMES.history)!;
  const cycles = new Set(history.values.map((line) => line[0]).filter((v) => typeof v === 'number'));
  assert(cycles.has(1) && cycles.has(2), `historique : cycles ${[...cycles].join(', ')}`);
  await checkAxe('cycle 2');
  await shoot('app-5-cycle-2');
});

suite.test('paramètre modifié après la génération : « générez de nouveau », puis « Annuler la dernière génération »', async () => {
  await openTab(/Paramètres/);
  const spin = page.getByRole('spinbutton', { name: `Effectif max (${state.workshop})` });
  await spin.fill(String(state.cap! + 1));
  await spin.press('Tab');
  await page.getByRole('button', { name: `Enregistrer : Effectif max (${state.workshop})` }).click();
  await page.getByText('Paramètres modifiés : générez de nouveau').waitFor();
  await page.getByRole('button', { name: 'Générer de nouveau' }).click();
  await page.getByText('Groupes générés').waitFor({ timeout: 60_000 });
  assert((await page.getByText('Paramètres modifiés : générez de nouveau').count()) === 0, 'la notice reste après la nouvelle génération');
  await page.getByRole('button', { name: 'Annuler la dernière génération' }).click();
  await page.getByText(/Dernière génération annulée/).waitFor();
  // Back to the workbook of the previous generation: its results are gone, its sheets are there.
  assert((await page.getByRole('button', { name: 'Voir les résultats' }).count()) === 0, 'les résultats annulés restent affichés');
  await checkAxe('génération annulée');
  await shoot('app-6-annulation');
});

suite.test('grand lycée (2 000 élèves) : génération et téléchargement hors de la page, qui répond pendant ce temps', async () => {
  const snapshot = buildLargeSchool(2000);
  const bytes = await writeXlsx(snapshot.grids.map((grid) => ({ ...gridToSpec(grid), role: 'output' as const })));
  // The cap typed in the previous test is not downloaded: accept to leave it.
  page.once('dialog', (dialog) => void dialog.accept());
  await page.getByRole('button', { name: 'Ouvrir un autre classeur' }).click();
  await page.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor();
  await pickFile('grand lycée.xlsx', bytes);
  await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor({ timeout: 120_000 });
  await openTab(/Générer/);
  // Longest main-thread task from here on (PerformanceObserver « longtask »: every task over 50 ms).
  await page.evaluate(() => {
    const w = window as unknown as { longest: number };
    w.longest = 0;
    new PerformanceObserver((list) => list.getEntries().forEach((entry) => (w.longest = Math.max(w.longest, entry.duration)))).observe({ type: 'longtask' });
  });
  await page.getByRole('button', { name: 'Générer', exact: true }).click();
  // While the worker generates, the page answers: the search field of another step takes typing.
  await page.getByRole('progressbar', { name: 'Progression de la génération' }).waitFor();
  await page.getByText('Groupes générés').waitFor({ timeout: 240_000 });
  const [file] = await Promise.all([
    page.waitForEvent('download', { timeout: 240_000 }),
    (async () => {
      await page.getByRole('button', { name: 'Télécharger le classeur complété' }).click();
      await page.getByRole('progressbar', { name: 'Écriture du classeur complété' }).waitFor();
      await openTab(/Sources/); // a click handled during the writing
      await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor({ timeout: 5_000 });
    })(),
  ]);
  const longest = await page.evaluate(() => (window as unknown as { longest: number }).longest);
  writeFileSync(path.join(OUT, 'longest-task.txt'), `${Math.round(longest)} ms\n`);
  console.log(`      tâche la plus longue du fil principal pendant la génération et le téléchargement : ${Math.round(longest)} ms`);
  const completed = await readXlsx(new Uint8Array(readFileSync(await file.path())));
  const groups = completed.grids.find((g) => g.sheet === SHEET_NAMES.groups);
  assert(groups && groups.values.length > 2000, `« AP Groupes » du grand lycée : ${groups?.values.length ?? 0} lignes`);
}, 600_000);

suite.test('clavier : chaque commande de chaque étape est atteignable avec Tab', async () => {
  const missing: string[] = [];
  for (const tab of [/Sources/, /Paramètres/, /Générer/, /Résultats/]) {
    await openTab(tab);
    await page.waitForTimeout(100);
    for (const control of await unreachableControls(page)) missing.push(`${tab.source} : ${control}`);
  }
  assert(missing.length === 0, `commandes inaccessibles au clavier :\n${missing.join('\n')}`);
});

suite.test('hors ligne : une fois chargée, l’application s’ouvre et lit un classeur sans réseau', async () => {
  // The service worker has kept the app's files once it controls the page (install, then claim).
  const controlled = await page
    .waitForFunction(() => navigator.serviceWorker.controller !== null, undefined, { timeout: 20_000 })
    .then(() => true, () => false);
  assert(controlled, 'aucun service worker ne contrôle la page (build de développement ?)');
  await context.setOffline(true);
  try {
    await page.reload();
    await page.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor({ timeout: 15_000 });
    await pickFile(FILE_NAME, school.bytes);
    await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor({ timeout: 30_000 });
  } finally {
    await context.setOffline(false);
  }
});

suite.test('le volet (taskpane.html) n’enregistre aucun service worker', async () => {
  const fresh = await browser.newContext({ viewport: WIDE, locale: 'fr-FR' });
  try {
    await fresh.route((url) => !isLocalUrl(url.href), (route) => route.abort());
    const pane = await fresh.newPage();
    await pane.goto(`${server.origin}/taskpane.html`);
    await pane.getByRole('button', { name: 'Ouvrir un classeur' }).waitFor();
    await pane.waitForTimeout(1500); // the app registers on « load »: give it every chance to
    const registrations = await pane.evaluate(async () => (await navigator.serviceWorker.getRegistrations()).length);
    assert(registrations === 0, `${registrations} service worker(s) enregistré(s) par le volet`);
    // The pane's policy: scripts from its own site only here (the production build adds Microsoft's CDN for office.js).
    const blocked = await pane.evaluate(() => fetch('https://example.org/').then(() => false, () => true));
    const policy = (await pane.locator('meta[http-equiv="Content-Security-Policy"]').getAttribute('content')) ?? '';
    assert(blocked && /connect-src 'self'/.test(policy) && !/appsforoffice/.test(policy), `politique du volet : ${policy}`);
  } finally {
    await fresh.close();
  }
});

suite.test('réseau : aucune requête ne quitte la machine, aucune erreur de page', async () => {
  const outside = requests.filter((url) => !isLocalUrl(url));
  assert(requests.length > 0, 'aucune requête enregistrée');
  assert(outside.length === 0, `requêtes hors de localhost :\n${[...new Set(outside)].join('\n')}`);
  assert(pageErrors.length === 0, `erreurs JavaScript :\n${pageErrors.join('\n')}`);
});

async function main(): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  mkdirSync(OUT, { recursive: true });
  school = await buildSchoolFile(23);
  const dist = ensurePreviewBuild();
  server = await serveStatic(dist);
  browser = await launchChromium();
  ({ context, page } = await openGuardedPage(browser, WIDE, requests, pageErrors));
  console.log(`e2e (application) : ${server.origin}/index.html dans ${await browser.version()}`);
  try {
    const code = await suite.runAndReport('e2e-application');
    writeFileSync(path.join(OUT, 'requests.txt'), `${requests.join('\n')}\n`);
    return code;
  } finally {
    await browser.close();
    await server.close();
  }
}

runScript('e2e-application', main);
