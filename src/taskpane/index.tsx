/**
 * Entry point of the task pane. Renders at once, then asks Office.js where it runs: inside Excel the
 * pane works on the open workbook; in a plain browser it offers the bundled example workbook.
 */
import { createRoot } from 'react-dom/client';
import { Root } from './Root';

/** Office.onReady outside Office resolves with host null; without office.js at all, there is no host. */
async function detectExcel(timeoutMs = 5000): Promise<boolean> {
  if (typeof Office === 'undefined' || typeof Office.onReady !== 'function') return false;
  const ready = Office.onReady().then((info) => info.host === Office.HostType.Excel);
  const timeout = new Promise<boolean>((resolve) => setTimeout(() => resolve(false), timeoutMs));
  return Promise.race([ready, timeout]).catch(() => false);
}

document.documentElement.lang = 'fr';
const container = document.getElementById('container') ?? document.body.appendChild(document.createElement('div'));
createRoot(container).render(<Root inExcel={detectExcel()} />);
