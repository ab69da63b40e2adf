/**
 * Entry point of the task pane. Renders at once, then asks Office.js where it runs: inside Excel the
 * pane works on the open workbook; in a plain browser it offers the bundled example workbook.
 */
import { createRoot } from 'react-dom/client';
import { detectExcelInPage } from '../host/detectExcel';
import { Root } from './Root';

document.documentElement.lang = 'fr';
const container = document.getElementById('container') ?? document.body.appendChild(document.createElement('div'));
createRoot(container).render(<Root inExcel={detectExcelInPage()} />);
