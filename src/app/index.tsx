/**
 * Entry point of the standalone app (index.html): the same React app as the task pane, on the file
 * host only (no office.js is loaded), and a service worker so that it opens again without a network.
 */
import { createRoot } from 'react-dom/client';
import { Root } from '../taskpane/Root';
import { registerOfflineCache } from './offline';

document.documentElement.lang = 'fr';
const container = document.getElementById('container') ?? document.body.appendChild(document.createElement('div'));
createRoot(container).render(<Root inExcel={Promise.resolve(false)} />);
registerOfflineCache();
