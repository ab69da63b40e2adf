/** axe-core injected into the page from node_modules; serious and critical violations fail a step. */
import { readFileSync } from 'node:fs';
import path from 'node:path';
import type { Page } from 'playwright-core';
import { ROOT } from './build';

let axeSource: string | undefined;

interface AxeViolation {
  id: string;
  impact: string | null;
  help: string;
  nodes: { target: unknown[]; html: string; failureSummary?: string }[];
}

/** Runs axe on the whole page; returns a French description of each serious/critical violation. */
export async function seriousViolations(page: Page): Promise<string[]> {
  // Colours caught mid-transition (a button being re-enabled) are not what the user reads: let the
  // finite animations end first.
  await page.evaluate(() =>
    Promise.all(
      document
        .getAnimations()
        .filter((a) => a.effect?.getComputedTiming().iterations !== Infinity)
        .map((a) => a.finished.catch(() => undefined)),
    ),
  );
  axeSource ??= readFileSync(path.join(ROOT, 'node_modules/axe-core/axe.min.js'), 'utf8');
  const loaded = await page.evaluate(() => typeof (window as unknown as { axe?: unknown }).axe !== 'undefined');
  // Evaluated by the test, not added as an inline <script>: the page's Content-Security-Policy refuses those.
  if (!loaded) await page.evaluate(axeSource);
  const violations = (await page.evaluate(async () => {
    const axe = (window as unknown as { axe: { run(context: object, options: object): Promise<{ violations: unknown[] }> } }).axe;
    // Tabster's focus sentinels (<i data-tabster-dummy>) are invisible, aria-hidden and hand focus on at
    // once; axe reports them as aria-hidden-focus, a known false positive of Fluent UI.
    const result = await axe.run({ include: [['html']], exclude: [['[data-tabster-dummy]']] }, { resultTypes: ['violations'] });
    return result.violations;
  })) as AxeViolation[];
  return violations
    .filter((v) => v.impact === 'serious' || v.impact === 'critical')
    .map((v) => `${v.impact} ${v.id} (${v.help}) :\n${v.nodes.slice(0, 3).map((n) => `  ${n.html.slice(0, 200)}\n    ${(n.failureSummary ?? '').split('\n').join(' ')}`).join('\n')}`);
}
