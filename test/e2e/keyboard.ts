/**
 * Keyboard reachability: every visible, enabled control of the page must receive focus by pressing
 * Tab (tabs of a tab list count once: arrow keys move inside it, as ARIA prescribes).
 */
import type { Page } from 'playwright-core';

const CONTROLS = 'button, a[href], input, select, textarea, [role="tab"], [role="button"], [tabindex]:not([tabindex="-1"])';

/** Marks every control with a number and returns the labels of those that Tab never reached. */
export async function unreachableControls(page: Page, maxPresses = 400): Promise<string[]> {
  const total = await page.evaluate((selector) => {
    let n = 0;
    for (const element of Array.from(document.querySelectorAll<HTMLElement>(selector))) {
      const style = getComputedStyle(element);
      const visible = element.offsetParent !== null && style.visibility !== 'hidden';
      const disabled = (element as HTMLButtonElement).disabled || element.getAttribute('aria-disabled') === 'true';
      // A tab list is one stop: only its selected tab is in the Tab order.
      const otherTab = element.getAttribute('role') === 'tab' && element.getAttribute('aria-selected') !== 'true';
      // Fluent wraps inputs (SpinButton, SearchBox): the inner input is the focus target.
      const hiddenInput = element.tagName === 'INPUT' && (element as HTMLInputElement).type === 'hidden';
      // tabindex="-1" means "operated another way" (SpinButton arrows, SearchBox's clear: keys do it).
      const outOfOrder = element.getAttribute('tabindex') === '-1';
      if (!visible || disabled || otherTab || hiddenInput || outOfOrder) continue;
      element.dataset.kbd = String(n++);
    }
    return n;
  }, CONTROLS);
  await page.evaluate(() => (document.activeElement as HTMLElement | null)?.blur());
  await page.evaluate(() => window.scrollTo(0, 0));
  const reached = new Set<string>();
  let firstSeen: string | undefined;
  for (let i = 0; i < maxPresses && reached.size < total; i++) {
    await page.keyboard.press('Tab');
    const id = await page.evaluate(() => {
      const active = document.activeElement as HTMLElement | null;
      const marked = active?.closest<HTMLElement>('[data-kbd]');
      return marked?.dataset.kbd ?? (active && active !== document.body ? `other:${active.tagName}` : 'body');
    });
    if (id === firstSeen) break; // wrapped around
    firstSeen ??= id;
    if (!id.startsWith('other') && id !== 'body') reached.add(id);
  }
  const missing = await page.evaluate((seen) => {
    const out: string[] = [];
    for (const element of Array.from(document.querySelectorAll<HTMLElement>('[data-kbd]'))) {
      if (!seen.includes(element.dataset.kbd!)) out.push(`${element.tagName.toLowerCase()} « ${(element.getAttribute('aria-label') ?? element.textContent ?? '').trim().slice(0, 60)} »`);
      delete element.dataset.kbd;
    }
    return out;
  }, [...reached]);
  return missing;
}
