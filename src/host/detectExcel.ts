/**
 * Does the pane run inside Excel? `Office.onReady` answers, but it can take more than 5 s on a slow
 * machine or network, and outside Office (plain browser) it answers with no host. Office opens the
 * pane with `_host_Info=Excel…` in its URL: with that, the pane waits for Office however long it takes;
 * without it, it gives Office a few seconds, and should Office still answer « Excel » later, it says
 * so through `onLateExcel` (the page reloads) instead of staying convinced it is outside Excel.
 */

interface OfficeLike {
  onReady(): Promise<{ host: unknown }>;
  HostType: { Excel: unknown };
}

export interface DetectExcelOptions {
  office?: OfficeLike;
  /** The page's query string (`window.location.search`). */
  search?: string;
  timeoutMs?: number;
  /** Wait for Office without a time limit (this page already learnt it runs in Excel). */
  waitForOffice?: boolean;
  onLateExcel?: () => void;
}

export function openedByExcel(search: string): boolean {
  return /^excel\b/i.test(new URLSearchParams(search).get('_host_Info') ?? '');
}

export async function detectExcel(options: DetectExcelOptions = {}): Promise<boolean> {
  const office = options.office ?? (typeof Office === 'undefined' ? undefined : (Office as unknown as OfficeLike));
  if (!office || typeof office.onReady !== 'function') return false;
  const search = options.search ?? (typeof location === 'undefined' ? '' : location.search);
  const ready = office.onReady().then((info) => info.host === office.HostType.Excel, () => false);
  if (options.waitForOffice || openedByExcel(search)) return ready;
  let timedOut = false;
  const timeout = new Promise<boolean>((resolve) =>
    setTimeout(() => {
      timedOut = true;
      resolve(false);
    }, options.timeoutMs ?? 5_000),
  );
  void ready.then((inExcel) => {
    if (inExcel && timedOut) options.onLateExcel?.();
  });
  return Promise.race([ready, timeout]);
}

const KNOWN_EXCEL = 'pilote-ap:dans-excel';

/** The pane's detection: a late « Excel » is remembered for the tab and the page reloads once. */
export function detectExcelInPage(): Promise<boolean> {
  let known = false;
  try {
    known = sessionStorage.getItem(KNOWN_EXCEL) === '1';
  } catch {
    // Storage refused (privacy settings): only the URL and the timer decide.
  }
  return detectExcel({
    waitForOffice: known,
    onLateExcel: () => {
      try {
        sessionStorage.setItem(KNOWN_EXCEL, '1');
      } catch {
        return;
      }
      location.reload();
    },
  });
}
