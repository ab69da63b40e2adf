import JSZip from 'jszip';
import { describe, expect, it } from 'vitest';
import { openWorkbookFile } from '../../../src/gateways/files/open';
import { SIECLE_HEADER, SIECLE_SHEET } from '../../../src/gateways/files/siecle';

interface Pupil {
  id: string;
  ine: string;
  family: string;
  usage?: string;
  first: string;
  birth: string;
  mef: string;
  left?: string;
  division?: string;
}

const PUPILS: Pupil[] = [
  { id: '1001', ine: '070123456AB', family: 'LŒUVRE', first: 'Zoé', birth: '14/02/2010', mef: '24724007210', division: '2MELEC' },
  { id: '1002', ine: '070123457BC', family: 'MARTIN', usage: 'DURAND-MARTIN', first: 'Hélène', birth: '03/11/2009', mef: '24724007210', division: '2MRC', left: '15/01/2027' },
  { id: '1003', ine: '070123458CD', family: 'BÉRANGER', first: 'Noël', birth: '28/06/2010', mef: '24724007210', division: '2MELEC' },
  { id: '1004', ine: '070123459DE', family: 'SANS', first: 'Classe', birth: '01/01/2011', mef: '24724007210' },
];

/** `ElevesSansAdresses.xml` as SIECLE writes it: ISO-8859-15, dates of birth, groups besides divisions. */
function siecleXml(pupils: Pupil[]): Uint8Array {
  const eleves = pupils
    .map(
      (p) =>
        `<ELEVE ELEVE_ID="${p.id}" ELENOET="${p.id}9"><ID_NATIONAL>${p.ine}</ID_NATIONAL><ELENOET>${p.id}9</ELENOET><NOM_DE_FAMILLE>${p.family}</NOM_DE_FAMILLE>` +
        `${p.usage ? `<NOM_USAGE>${p.usage}</NOM_USAGE>` : ''}<PRENOM>${p.first}</PRENOM><PRENOM2>Marie</PRENOM2><DATE_NAISS>${p.birth}</DATE_NAISS>` +
        `<CODE_SEXE>2</CODE_SEXE><CODE_MEF>${p.mef}</CODE_MEF>${p.left ? `<DATE_SORTIE>${p.left}</DATE_SORTIE>` : ''}<VILLE_NAISS>Paris</VILLE_NAISS></ELEVE>`,
    )
    .join('');
  const structures = pupils
    .map(
      (p) =>
        `<STRUCTURES_ELEVE ELEVE_ID="${p.id}" ELENOET="${p.id}9">` +
        `<STRUCTURE><CODE_STRUCTURE>GR-ANG</CODE_STRUCTURE><TYPE_STRUCTURE>G</TYPE_STRUCTURE></STRUCTURE>` +
        (p.division ? `<STRUCTURE><CODE_STRUCTURE>${p.division}</CODE_STRUCTURE><TYPE_STRUCTURE>D</TYPE_STRUCTURE></STRUCTURE>` : '') +
        '</STRUCTURES_ELEVE>',
    )
    .join('');
  const xml =
    '<?xml version="1.0" encoding="ISO-8859-15"?>\n<BEE_ELEVES VERSION="3.5"><PARAMETRES><UAJ>0750655E</UAJ><ANNEE_SCOLAIRE>2026</ANNEE_SCOLAIRE></PARAMETRES>' +
    `<DONNEES><ELEVES>${eleves}</ELEVES><OPTIONS/><STRUCTURES>${structures}</STRUCTURES></DONNEES></BEE_ELEVES>`;
  // ISO-8859-15 bytes: the characters used here are Latin-1 except Œ (0xBC).
  return Uint8Array.from(Array.from(xml, (ch) => (ch === 'Œ' ? 0xbc : ch.charCodeAt(0))));
}

/** Every way a date of birth could appear in a grid. */
function birthForms(date: string): string[] {
  const [d, m, y] = date.split('/');
  const serial = Math.round((Date.UTC(Number(y), Number(m) - 1, Number(d)) - Date.UTC(1899, 11, 30)) / 86_400_000);
  return [date, `${y}-${m}-${d}`, String(serial)];
}

describe('SIECLE class list', () => {
  it('becomes one « Liste SIECLE » sheet: name, first name, INE, class, MEF, date of leaving, and never a date of birth', async () => {
    const opened = await openWorkbookFile(siecleXml(PUPILS), 'ElevesSansAdresses.xml');
    expect(opened.kind).toBe('siecle-xml');
    const [grid] = opened.snapshot.grids;
    expect(opened.snapshot.grids).toHaveLength(1);
    expect(grid.sheet).toBe(SIECLE_SHEET);
    expect(grid.values).toEqual([
      SIECLE_HEADER,
      ['SANS', 'Classe', '070123459DE', null, '24724007210', null],
      ['BÉRANGER', 'Noël', '070123458CD', '2MELEC', '24724007210', null],
      ['LŒUVRE', 'Zoé', '070123456AB', '2MELEC', '24724007210', null],
      ['DURAND-MARTIN', 'Hélène', '070123457BC', '2MRC', '24724007210', '15/01/2027'],
    ]);
    const everything = JSON.stringify(opened);
    for (const pupil of PUPILS) for (const form of birthForms(pupil.birth)) expect(everything).not.toContain(form);
    expect(everything).not.toMatch(/Paris|Marie|GR-ANG/);
    expect(opened.notes[0]).toMatch(/4 élève\(s\).*dont 1 sorti\(s\).*1 sans division/);
  });

  it('is read from the zip SIECLE downloads, whatever the zip is called', async () => {
    const zip = new JSZip();
    zip.file('ElevesSansAdresses.xml', siecleXml(PUPILS));
    const opened = await openWorkbookFile(await zip.generateAsync({ type: 'uint8array', compression: 'DEFLATE' }), 'export.zip');
    expect(opened.kind).toBe('siecle-xml');
    expect(opened.snapshot.grids[0].values).toHaveLength(PUPILS.length + 1);
  });

  it('refuses an export without pupils and a broken one, in French', async () => {
    await expect(openWorkbookFile(siecleXml([]), 'ElevesSansAdresses.xml')).rejects.toThrow(/ne contient aucun élève/);
    const cut = siecleXml(PUPILS).slice(0, 400);
    await expect(openWorkbookFile(cut, 'ElevesSansAdresses.xml')).rejects.toThrow(/incomplet ou abîmé/);
  });
});
