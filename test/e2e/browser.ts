/** Debian's chromium through playwright-core, headless, with a fresh profile and no background traffic. */
import { chromium, type Browser, type BrowserContext, type Page } from 'playwright-core';

export const CHROMIUM_ARGS = [
  '--headless',
  '--no-sandbox',
  '--disable-gpu',
  '--disable-quic',
  '--no-first-run',
  '--disable-background-networking',
  '--disable-component-update',
  '--disable-sync',
];

export function launchChromium(): Promise<Browser> {
  return chromium.launch({ executablePath: process.env.CHROMIUM_PATH ?? '/usr/bin/chromium', args: CHROMIUM_ARGS });
}

/** Requests that leave the machine: anything but localhost / 127.0.0.1 (data: and blob: stay local). */
export function isLocalUrl(url: string): boolean {
  const parsed = new URL(url);
  if (parsed.protocol === 'data:' || parsed.protocol === 'blob:' || parsed.protocol === 'about:') return true;
  return parsed.hostname === '127.0.0.1' || parsed.hostname === 'localhost' || parsed.hostname === '[::1]';
}

/**
 * The context and page a browser suite drives: French locale, downloads on, every request recorded in
 * `requests`, anything leaving the machine refused (so no test waits on it), page errors in `pageErrors`.
 */
export async function openGuardedPage(
  browser: Browser,
  viewport: { width: number; height: number },
  requests: string[],
  pageErrors: string[],
): Promise<{ context: BrowserContext; page: Page }> {
  const context = await browser.newContext({ viewport, locale: 'fr-FR', acceptDownloads: true });
  // tsx names functions with a `__name` helper that does not exist in the page: give it one.
  await context.addInitScript({ content: 'window.__name = (f) => f;' });
  context.on('request', (request) => requests.push(request.url()));
  await context.route((url) => !isLocalUrl(url.href), (route) => route.abort());
  const page = await context.newPage();
  page.on('pageerror', (error) => pageErrors.push(error.message));
  return { context, page };
}
