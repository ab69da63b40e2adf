/**
 * Checks shared by the browser tests of the task pane (run.ts) and of the standalone app (app.ts):
 * axe-core, no sideways overflow at 320 px, screenshots at two widths, the sheet viewer.
 */
import path from 'node:path';
import type { Page } from 'playwright-core';
import { seriousViolations } from './axe';
import { assert } from './harness';

export interface Viewport {
  width: number;
  height: number;
}

export function pageChecks(currentPage: () => Page, options: { shots: string; wide: Viewport; narrow: Viewport }) {
  const { shots, wide, narrow } = options;

  /** Photograph the current view at both widths (full page), then come back to the wide one. */
  async function shoot(name: string): Promise<void> {
    const page = currentPage();
    for (const size of [narrow, wide]) {
      await page.setViewportSize(size);
      await page.waitForTimeout(150); // let the layout settle after the resize
      await page.screenshot({ path: path.join(shots, `${name}-${size.width}.png`), fullPage: true });
    }
  }

  async function checkAxe(where: string): Promise<void> {
    const violations = await seriousViolations(currentPage());
    assert(violations.length === 0, `axe (${where}) :\n${violations.join('\n')}`);
  }

  /** At 320 px nothing may stick out sideways. */
  async function checkNoHorizontalOverflow(where: string): Promise<void> {
    const page = currentPage();
    await page.setViewportSize(narrow);
    await page.waitForTimeout(150);
    const overflow = await page.evaluate(() => document.documentElement.scrollWidth - window.innerWidth);
    await page.setViewportSize(wide);
    assert(overflow <= 1, `${where} : la page déborde de ${overflow} px à ${narrow.width} px de large`);
  }

  /** Close the sheet viewer and wait until the page behind it is no longer hidden from assistive tech. */
  async function closeViewer(): Promise<void> {
    const page = currentPage();
    const dialog = page.getByRole('dialog');
    await dialog.getByRole('button', { name: 'Fermer', exact: true }).click();
    await dialog.waitFor({ state: 'detached' });
    await page.waitForFunction(() => document.querySelectorAll('body > [aria-hidden="true"]:not([data-tabster-dummy])').length === 0);
  }

  /** The sheets of the workbook as the viewer lists them. */
  async function viewerSheets(): Promise<string[]> {
    const page = currentPage();
    await page.getByRole('button', { name: 'Voir le classeur' }).click();
    const dialog = page.getByRole('dialog');
    await dialog.waitFor();
    const names = await dialog.getByRole('combobox', { name: 'Feuille' }).locator('option').allTextContents();
    await closeViewer();
    return names;
  }

  return { shoot, checkAxe, checkNoHorizontalOverflow, closeViewer, viewerSheets };
}
