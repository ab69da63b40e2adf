/** Levels (niveaux) of a lycée professionnel and how to recognise them in class names. */
import { normalizeText } from './text';

/**
 * Infer the level from a class (division) name as schools write them: "2MELEC", "2 MRC", "1AGORA",
 * "TMELEC", "T ASSP", "1CAP EPC", "CAP1 ECMS", "2CAP". Returns null when the name says nothing.
 */
export function levelFromClassName(className: string): string | null {
  const name = normalizeText(className).replace(/\s+/g, '');
  if (!name) return null;
  // « 3PM A », « 3e prépa-métiers »: the third year of collège taught in a lycée professionnel.
  if (/^3(e|eme)?(pm|prepa)/.test(name)) return '3e PM';
  const cap = /cap/.test(name);
  if (cap) {
    // « TCAP EPC », « Term CAP »: the second (last) year of a two-year CAP.
    if (/^(t|tle|term|terminale)cap/.test(name)) return 'CAP 2';
    if (/^(1cap|cap1|1ere?cap|cap1ere?)/.test(name) || /cap1/.test(name)) return 'CAP 1';
    if (/^(2cap|cap2|2e?cap|cap2e?)/.test(name) || /cap2/.test(name)) return 'CAP 2';
    if (/^1/.test(name)) return 'CAP 1';
    if (/^2/.test(name)) return 'CAP 2';
    return null;
  }
  if (/^(2|2nde|2de|sec|seconde)/.test(name)) return '2nde';
  if (/^(1|1re|1ere|prem|premiere)/.test(name)) return '1re';
  if (/^(t|tle|term|terminale)/.test(name)) return 'Tle';
  return null;
}

/** Normalise a level as typed by a coordinator ("seconde", "2de", "Term.", "cap 1") to its label. */
export function normalizeLevel(value: string): string | null {
  const text = normalizeText(value).replace(/\s+/g, '');
  if (!text) return null;
  if (/^(2nde|2de|2|seconde|2ndepro|2ndebacpro)$/.test(text)) return '2nde';
  if (/^(1re|1ere|1|premiere|1repro|1erebacpro)$/.test(text)) return '1re';
  if (/^(tle|t|term|terminale|tlepro|terminalebacpro)$/.test(text)) return 'Tle';
  if (/^(cap1|1cap|1ereannee(de)?cap|cap1ereannee)$/.test(text)) return 'CAP 1';
  if (/^(cap2|2cap|2eannee(de)?cap|cap2eannee|tcap|terminalecap)$/.test(text)) return 'CAP 2';
  if (/^(3e?pm|3eme?pm|3eprepametiers?|3emeprepametiers?|3prepametiers?)$/.test(text)) return '3e PM';
  return null;
}

/** Order levels as a coordinator reads them: 3e PM, CAP 1, CAP 2, 2nde, 1re, Tle, then others alphabetically. */
export function compareLevels(a: string, b: string): number {
  const order = ['3e PM', 'CAP 1', 'CAP 2', '2nde', '1re', 'Tle'];
  const ia = order.indexOf(a);
  const ib = order.indexOf(b);
  if (ia >= 0 && ib >= 0) return ia - ib;
  if (ia >= 0) return -1;
  if (ib >= 0) return 1;
  return a.localeCompare(b, 'fr');
}
