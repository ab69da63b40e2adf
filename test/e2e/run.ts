/**
 * End-to-end test of the task pane, as a coordinator would use it, in Debian's chromium on the
 * preview build (example workbook in memory): sources, parameters (change a cap), cancel, generate,
 * groups, find a pupil, export. Each step is checked with axe-core and photographed at 320 and
 * 800 px; keyboard reachability and network isolation are checked too.
 *
 *   npm run test:e2e          (E2E_REBUILD=1 forces a fresh build)
 */
import { mkdirSync, readFileSync, writeFileSync } from 'node:fs';
import path from 'node:path';
import type { Browser, Page } from 'playwright-core';
import { buildExampleWorkbook } from '../../src/core/example';
import { analyse } from '../../src/core/pipeline';
import { readXlsx } from '../../src/gateways/xlsx/xlsxGateway';
import { isLocalUrl, launchChromium, openGuardedPage } from './browser';
import { ensurePreviewBuild, ROOT } from './build';
import { assert, runScript, Suite } from './harness';
import { unreachableControls } from './keyboard';
import { pageChecks } from './pageChecks';
import { serveStatic, type StaticServer } from './server';

const SHOTS = path.join(ROOT, 'test-results', 'screenshots');
const WIDE = { width: 800, height: 900 };
const NARROW = { width: 320, height: 720 };

const suite = new Suite();
let server: StaticServer;
let browser: Browser;
let page: Page;
const requests: string[] = [];
const pageErrors: string[] = [];
const state: { workshop?: string; cap?: number; pupilName?: string } = {};

const { shoot, checkAxe, checkNoHorizontalOverflow, closeViewer, viewerSheets } = pageChecks(() => page, { shots: SHOTS, wide: WIDE, narrow: NARROW });

async function openTab(label: RegExp): Promise<void> {
  await page.getByRole('tab', { name: label }).click();
}

suite.test('accueil hors Excel : proposition du classeur d’exemple', async () => {
  await page.goto(`${server.origin}/taskpane.html`);
  await page.getByRole('button', { name: /Essayer avec le classeur d.exemple/ }).waitFor();
  await checkAxe('accueil');
  await shoot('0-accueil');
});

suite.test('sources : feuilles, rôles, correspondance et diagnostics reliés à leur cellule', async () => {
  await page.getByRole('button', { name: /Essayer avec le classeur d.exemple/ }).click();
  await page.getByRole('heading', { name: 'Feuilles trouvées' }).waitFor();
  const text = await page.locator('main').innerText();
  for (const expected of ['2MELEC', 'TMRC', 'Entretiens', 'Budget sorties', 'Positionnement', 'Ignorée']) {
    assert(text.includes(expected), `« ${expected} » absent de l’étape Sources`);
  }
  await page.getByRole('heading', { name: 'Correspondance des colonnes' }).waitFor();
  // A diagnostic's place opens the sheet on its cell (the preview's viewer stands in for Excel).
  const cellLink = page.locator('main ul li button', { hasText: /![A-Z]+\d+/ }).first();
  const sheetLink = page.getByRole('button', { name: '2MRC', exact: true });
  const link = (await cellLink.count()) > 0 ? cellLink : sheetLink;
  const [sheet, cell] = (await link.innerText()).split('!');
  await link.click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert((await dialog.getByRole('combobox', { name: 'Feuille' }).inputValue()) === sheet, `la visionneuse ne montre pas « ${sheet} »`);
  if (cell) assert((await dialog.locator('td[aria-current="location"]').count()) === 1, `la cellule ${cell} n’est pas encadrée`);
  await checkAxe('visionneuse');
  await shoot('1b-visionneuse');
  await closeViewer();
  assert(await link.evaluate((element) => element === document.activeElement), 'le focus ne revient pas au lien après fermeture');
  await checkAxe('sources');
  await checkNoHorizontalOverflow('sources');
  await shoot('1-sources');
});

suite.test('paramètres : créer les feuilles puis changer un effectif max', async () => {
  await openTab(/Paramètres/);
  await page.getByRole('button', { name: 'Créer les feuilles de paramètres' }).click();
  await page.getByText('Feuilles de paramètres créées').waitFor();
  const spin = page.getByRole('spinbutton', { name: /^Effectif max/ }).first();
  await spin.waitFor();
  const label = await spin.evaluate((input) => (input as HTMLInputElement).labels?.[0]?.textContent ?? '');
  state.workshop = /\((.+)\)/.exec(label)?.[1];
  assert(state.workshop, `atelier introuvable dans le libellé « ${label} »`);
  const before = Number(await spin.inputValue());
  state.cap = Math.max(2, before - 4);
  await spin.fill(String(state.cap));
  await spin.press('Tab');
  await page.getByRole('button', { name: `Enregistrer : Effectif max (${state.workshop})` }).click();
  await page.getByText(`Effectif max de « ${state.workshop} » passé à ${state.cap}`).waitFor();
  const after = Number(await page.getByRole('spinbutton', { name: `Effectif max (${state.workshop})` }).inputValue());
  assert(after === state.cap, `effectif relu ${after}, attendu ${state.cap}`);
  await page.getByRole('button', { name: /Ouvrir « AP Ateliers »/ }).click();
  const dialog = page.getByRole('dialog');
  await dialog.waitFor();
  assert((await dialog.innerText()).includes(state.workshop), 'la feuille AP Ateliers ne montre pas l’atelier');
  await closeViewer();
  await checkAxe('paramètres');
  await checkNoHorizontalOverflow('paramètres');
  await shoot('2-parametres');
});

suite.test('générer : « Annuler » avant l’écriture laisse le classeur intact', async () => {
  await openTab(/Générer/);
  const sheetsBefore = await viewerSheets();
  // Click « Générer », then « Annuler » as soon as React has enabled it (same task: before any write).
  const cancelled = await page.evaluate(async () => {
    const button = (name: string) => Array.from(document.querySelectorAll<HTMLButtonElement>('main button')).find((b) => b.textContent?.trim() === name);
    button('Générer')!.click();
    for (let i = 0; i < 100; i++) {
      const cancel = button('Annuler');
      if (cancel && !cancel.disabled) {
        cancel.click();
        return true;
      }
      await Promise.resolve();
    }
    return false;
  });
  assert(cancelled, '« Annuler » n’est pas devenu actif');
  await page.getByText('Génération annulée : le classeur n’a pas été modifié.').waitFor();
  const sheetsAfter = await viewerSheets();
  assert(JSON.stringify(sheetsAfter) === JSON.stringify(sheetsBefore), `feuilles modifiées : ${sheetsBefore.join(', ')} -> ${sheetsAfter.join(', ')}`);
  assert(!sheetsAfter.includes('AP Groupes'), '« AP Groupes » écrite malgré l’annulation');
});

suite.test('générer : progression puis résumé, groupes écrits', async () => {
  await page.getByRole('button', { name: 'Générer', exact: true }).click();
  await page.getByText('Groupes générés').waitFor({ timeout: 60_000 });
  const summary = await page.locator('main').innerText();
  assert(/\d+ élèves lus, \d+ placés dans \d+ groupes/.test(summary), `résumé inattendu : ${summary.slice(0, 300)}`);
  assert((await viewerSheets()).includes('AP Groupes'), '« AP Groupes » absente après la génération');
  await checkAxe('générer');
  await checkNoHorizontalOverflow('générer');
  await shoot('3-generer');
});

suite.test('résultats : groupes par niveau et barrette, effectif modifié respecté', async () => {
  await page.getByRole('button', { name: 'Voir les résultats' }).click();
  await page.getByRole('heading', { name: 'Groupes par niveau et barrette' }).waitFor();
  const levels = await page.getByRole('combobox', { name: 'Niveau' }).locator('option').evaluateAll((options) => options.map((o) => (o as HTMLOptionElement).value));
  assert(levels.length >= 3, `niveaux affichés : ${levels.join(', ')}`);
  let groupsSeen = 0;
  for (const level of levels) {
    await page.getByRole('combobox', { name: 'Niveau' }).selectOption(level);
    const headers = await page.locator('main [aria-expanded]').allInnerTexts();
    groupsSeen += headers.length;
    for (const header of headers.filter((h) => h.includes(state.workshop!))) {
      const size = /(\d+)\/(\d+)/.exec(header);
      assert(size && Number(size[2]) === state.cap && Number(size[1]) <= state.cap!, `groupe « ${header} » : effectif max ${state.cap} non respecté`);
    }
  }
  assert(groupsSeen > 0, 'aucun groupe affiché');
  await page.getByRole('combobox', { name: 'Niveau' }).selectOption(levels[0]);
  await page.locator('main [aria-expanded]').first().click();
  const firstPupil = page.locator('main ul[aria-label^="Élèves du groupe"] li').first();
  await firstPupil.waitFor();
  state.pupilName = (await firstPupil.innerText()).replace(/\s*\(.*\)\s*$/, '').trim();
  assert(state.pupilName, 'aucun élève dans le premier groupe');
  await checkAxe('résultats');
  await checkNoHorizontalOverflow('résultats');
  await shoot('4-resultats');
});

suite.test('résultats : trouver un élève et voir pourquoi il est dans son atelier', async () => {
  await page.getByRole('searchbox', { name: /Nom de l.élève/ }).fill(state.pupilName!);
  const card = page.getByRole('article', { name: `Fiche de ${state.pupilName}` });
  await card.waitFor();
  const text = await card.innerText();
  assert(/:/.test(text) && text.length > state.pupilName!.length + 20, `fiche sans explication : ${text}`);
  await checkAxe('recherche d’élève');
  await card.scrollIntoViewIfNeeded();
  await shoot('5-eleve');
});

suite.test('résultats : export pour le rectorat téléchargé, avec l’UAI et sans aucun élève', async () => {
  await page.getByRole('textbox', { name: /UAI/ }).fill('0750655E');
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Exporter pour le rectorat' }).click();
  const file = await download;
  const target = path.join(ROOT, 'test-results', file.suggestedFilename());
  await file.saveAs(target);
  const exported = await readXlsx(new Uint8Array(readFileSync(target)));
  const texts = exported.grids.flatMap((grid) => grid.values.flat()).map((value) => String(value ?? '').toLowerCase());
  assert(texts.some((text) => text.includes('0750655e')), 'l’UAI saisi ne figure pas dans l’export');
  // Nothing personal may leave: no pupil of the example workbook may appear, by full name or INE.
  const pupils = analyse(buildExampleWorkbook(), { today: '2026-09-07' }).read.pupils;
  const leaks = pupils.filter((p) => texts.some((text) => text.includes(p.displayName.toLowerCase()) || (p.ine && text.includes(p.ine.toLowerCase()))));
  assert(leaks.length === 0, `élèves présents dans l’export : ${leaks.map((p) => p.displayName).join(', ')}`);
  await page.getByText(/Export (téléchargé|ouvert)/).waitFor();
  await checkAxe('export');
});

suite.test('résultats : composition des groupes téléchargée en CSV « ; » avec BOM', async () => {
  const download = page.waitForEvent('download', { timeout: 60_000 });
  await page.getByRole('button', { name: 'Exporter les groupes (CSV)' }).click();
  const file = await download;
  const target = path.join(ROOT, 'test-results', file.suggestedFilename());
  await file.saveAs(target);
  const text = readFileSync(target, 'utf8');
  assert(text.startsWith('\uFEFFNom;Prénom;Classe;INE;Groupe;Atelier;Intervenant;Barrette\r\n'), `en-tête inattendu : ${text.slice(0, 80)}`);
  const firstName = state.pupilName!.split(' ').at(-1)!.toLowerCase();
  assert(text.toLowerCase().includes(`;${firstName}`), `élève « ${state.pupilName} » absent du fichier`);
  await page.getByText(/Fichier téléchargé : « pilote-ap-groupes-cycle-/).waitFor();
});

suite.test('clavier : chaque commande de chaque étape est atteignable avec Tab', async () => {
  const missing: string[] = [];
  for (const tab of [/Sources/, /Paramètres/, /Générer/, /Résultats/]) {
    await openTab(tab);
    await page.waitForTimeout(100);
    for (const control of await unreachableControls(page)) missing.push(`${tab.source} : ${control}`);
  }
  // The tab list itself: arrow keys move between steps.
  await page.getByRole('tab', { name: /Sources/ }).focus();
  await page.keyboard.press('ArrowRight');
  const focused = await page.evaluate(() => document.activeElement?.textContent ?? '');
  assert(focused.includes('Paramètres'), `la flèche droite mène à « ${focused} » au lieu de Paramètres`);
  assert(missing.length === 0, `commandes inaccessibles au clavier :\n${missing.join('\n')}`);
});

suite.test('réseau : aucune requête ne quitte la machine, aucune erreur de page', async () => {
  const outside = requests.filter((url) => !isLocalUrl(url));
  assert(requests.length > 0, 'aucune requête enregistrée');
  assert(outside.length === 0, `requêtes hors de localhost :\n${[...new Set(outside)].join('\n')}`);
  assert(pageErrors.length === 0, `erreurs JavaScript :\n${pageErrors.join('\n')}`);
});

async function main(): Promise<number> {
  mkdirSync(SHOTS, { recursive: true });
  const dist = ensurePreviewBuild();
  server = await serveStatic(dist);
  browser = await launchChromium();
  ({ page } = await openGuardedPage(browser, WIDE, requests, pageErrors));
  console.log(`e2e: ${server.origin}/taskpane.html dans ${await browser.version()}`);
  try {
    const code = await suite.runAndReport('e2e-volet');
    writeFileSync(path.join(ROOT, 'test-results', 'e2e-requests.txt'), `${requests.join('\n')}\n`);
    return code;
  } finally {
    await browser.close();
    await server.close();
  }
}

runScript('e2e-volet', main);
