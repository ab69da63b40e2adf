import { describe, expect, it } from 'vitest';
import { neutralise, parseCsv, toCsv } from '../../../src/core/export/csv';

describe('CSV for French Excel', () => {
  it('starts with a UTF-8 BOM, separates with ; and ends lines with CRLF', () => {
    const csv = toCsv([['Établissement', 'Lycée Jean Moulin'], ['Élèves', 12]]);
    expect(csv.charCodeAt(0)).toBe(0xfeff);
    expect(csv).toBe('\uFEFFÉtablissement;Lycée Jean Moulin\r\nÉlèves;12\r\n');
    const bytes = new TextEncoder().encode(csv);
    expect([...bytes.slice(0, 3)]).toEqual([0xef, 0xbb, 0xbf]);
  });

  it('writes decimals with a comma', () => {
    expect(toCsv([[83.3, 0.5, 12]])).toBe('\uFEFF83,3;0,5;12\r\n');
  });

  it('quotes fields holding ; quotes or line breaks, doubling quotes', () => {
    expect(toCsv([['a;b', 'il a dit "oui"', 'deux\nlignes']])).toBe('\uFEFF"a;b";"il a dit ""oui""";"deux\nlignes"\r\n');
  });

  it.each(['=HYPERLINK("http://x";"clic")', '+33 1 23', '-2+3', '@SUM(A1)', '\tcmd', '\r=1'])('neutralises a cell starting with a formula character: %j', (text) => {
    const line = toCsv([[text]]).slice(1);
    const field = line.startsWith('"') ? line.slice(1) : line;
    expect(field.startsWith("'")).toBe(true);
    expect(neutralise(text)).toBe(`'${text}`);
  });

  it('leaves ordinary text and numbers alone (a negative number is not a formula)', () => {
    expect(neutralise('Lycée')).toBe('Lycée');
    expect(toCsv([[-3.5, 'Remédiation · Français']])).toBe('\uFEFF-3,5;Remédiation · Français\r\n');
  });

  it('reads back what it writes, numbers as numbers and formulas as the original text', () => {
    const rows = [['UAI', '0750655E'], ['Valeur', 83.3], ['Texte', '=1+1'], [], ['a;b', 'x"y', null, 7]];
    expect(parseCsv(toCsv(rows))).toEqual([['UAI', '0750655E'], ['Valeur', 83.3], ['Texte', '=1+1'], [], ['a;b', 'x"y', null, 7]]);
  });

  it('reads a CSV without BOM and with LF line ends', () => {
    expect(parseCsv('a;1,5\nb;2\n')).toEqual([['a', 1.5], ['b', 2]]);
  });
});
