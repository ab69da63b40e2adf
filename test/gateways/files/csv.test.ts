import fc from 'fast-check';
import { describe, expect, it } from 'vitest';
import { UnusableInputError } from '../../../src/core/diagnostics';
import type { CellValue } from '../../../src/core/grid';
import { decodeText, detectSeparator, parseCsvText, readCsv, type Separator } from '../../../src/gateways/files/csv';

const utf8 = (text: string) => new TextEncoder().encode(text);
/** Latin-1 bytes of a text (every character below U+0100). */
const latin1 = (text: string) => Uint8Array.from(Array.from(text, (ch) => ch.charCodeAt(0)));

describe('CSV decoding', () => {
  it('reads UTF-8 with and without BOM, UTF-16 and the French Windows code pages', () => {
    expect(decodeText(utf8('\uFEFFÉlève;Né')).text).toBe('Élève;Né');
    expect(decodeText(utf8('Élève;Né'))).toEqual({ text: 'Élève;Né', encoding: 'UTF-8' });
    const utf16 = new Uint8Array([0xff, 0xfe, ...Array.from('Nom\té', (ch) => [ch.charCodeAt(0), 0]).flat()]);
    expect(decodeText(utf16)).toEqual({ text: 'Nom\té', encoding: 'UTF-16' });
    expect(decodeText(latin1('Hélène;Noël'))).toEqual({ text: 'Hélène;Noël', encoding: 'Windows-1252' });
    // 0x80 is € and 0x92 the typographic apostrophe in Windows-1252 (C1 controls in Latin-1).
    expect(decodeText(new Uint8Array([0x80, 0x20, 0x92]))).toEqual({ text: '€ ’', encoding: 'Windows-1252' });
    // 0xBD is œ in ISO-8859-15 (½ in Latin-1): « Cœur ».
    expect(decodeText(new Uint8Array([0x43, 0xbd, 0x75, 0x72]))).toEqual({ text: 'Cœur', encoding: 'ISO-8859-15' });
  });
});

describe('CSV separators', () => {
  it('finds ; , or tab, even with decimal commas in a ; file', () => {
    expect(detectSeparator('Nom;Note;Moyenne\nA;12,5;3,25\nB;9;10,75\n')).toBe(';');
    expect(detectSeparator('Nom,Note\nA,12.5\n"Dupont, Léa",9\n')).toBe(',');
    expect(detectSeparator('Nom\tNote, remarque\nA\t12,5\n')).toBe('\t');
    expect(detectSeparator('Nom\nDupont\n')).toBe(';');
  });
});

describe('CSV values', () => {
  it('reads decimal commas, percentages, forced text, codes with leading zeros and quoted fields', () => {
    const { rows } = parseCsvText('Nom;Classe;Note;Taux;Code;INE\n"Dupont\nLéa";="2 MELEC";12,5;75%;0123;123456789AB\n"Le ""Grand"" Jo";"=""1;MRC""";-3;;;\n', ';');
    expect(rows).toEqual([
      ['Nom', 'Classe', 'Note', 'Taux', 'Code', 'INE'],
      ['Dupont\nLéa', '2 MELEC', 12.5, 0.75, '0123', '123456789AB'],
      ['Le "Grand" Jo', '1;MRC', -3],
    ]);
  });

  it('keeps CRLF, CR and LF line ends and drops trailing blank lines', () => {
    expect(parseCsvText('a;b\r\nc;d\re;f\n\n\n', ';').rows).toEqual([['a', 'b'], ['c', 'd'], ['e', 'f']]);
  });

  it('says where a quote was never closed', () => {
    const { grid, notes } = readCsv(utf8('Nom;Classe\n"Dupont;2MRC\nMartin;2MRC\n'), 'eleves.csv');
    expect(grid.values[0]).toEqual(['Nom', 'Classe']);
    expect(notes.join('\n')).toMatch(/ligne 2 n'est jamais fermé/);
  });

  it('names the sheet after the file and says what was detected', () => {
    const { grid, notes } = readCsv(latin1('Nom;Prénom\nHélène;Zoé\n'), 'Liste [2nde]: élèves.csv');
    expect(grid.sheet).toBe('Liste  2nde   élèves');
    expect(grid.values).toEqual([['Nom', 'Prénom'], ['Hélène', 'Zoé']]);
    expect(notes[0]).toMatch(/point-virgule, encodage Windows-1252/);
  });

  it('refuses a file without data and a line of absurd width, in French', () => {
    expect(() => readCsv(utf8('\n\n'), 'vide.csv')).toThrow(UnusableInputError);
    expect(() => readCsv(utf8(';'.repeat(20_000)), 'large.csv')).toThrow(/plus de 16384 colonnes/);
  });
});

/** Writes rows as a spreadsheet program would: quoting fields that need it, decimal comma with `;`. */
function toCsv(rows: CellValue[][], separator: Separator): string {
  const field = (value: CellValue) => {
    if (value === null) return '';
    const text = typeof value === 'number' ? (separator === ';' ? String(value).replace('.', ',') : String(value)) : String(value);
    return /["\r\n;,\t]/.test(text) || text !== text.trim() ? `"${text.replace(/"/g, '""')}"` : text;
  };
  return rows.map((row) => row.map(field).join(separator)).join('\r\n');
}

describe('CSV round trip (property)', () => {
  const text = fc.string({ unit: fc.constantFrom('a', 'é', 'Œ', ' ', ';', ',', '\t', '"', '\n', 'Z', '-', '’'), minLength: 1, maxLength: 8 })
    .filter((s) => s.trim() !== '' && !/^[-+]?\d/.test(s.trim()) && !s.startsWith('='));
  const number = fc.oneof(fc.integer({ min: -1000, max: 100000 }), fc.double({ min: -100, max: 100, noNaN: true }).map((x) => Math.round(x * 100) / 100 || 0));
  const cell = fc.oneof(text, number, fc.constant(null));
  const rows = fc.array(fc.array(cell, { minLength: 2, maxLength: 6 }), { minLength: 2, maxLength: 12 });

  it('reads back what was written, whatever the separator and encoding', () => {
    fc.assert(
      fc.property(rows, fc.constantFrom<Separator>(';', ',', '\t'), fc.constantFrom('utf8', 'bom', 'utf16'), (data, separator, encoding) => {
        // A header row of plain names, as real files have, so that the separator can be detected.
        const header = data[0].map((_, i) => `Colonne ${i + 1}`);
        const content = toCsv([header, ...data], separator);
        const bytes = encoding === 'utf16'
          ? new Uint8Array([0xff, 0xfe, ...Array.from(content, (ch) => [ch.charCodeAt(0) & 0xff, ch.charCodeAt(0) >> 8]).flat()])
          : utf8(encoding === 'bom' ? `\uFEFF${content}` : content);
        const { grid } = readCsv(bytes, 'x.csv');
        const expected = [header, ...data].map((row) => {
          const copy = [...row];
          while (copy.length && copy[copy.length - 1] === null) copy.pop();
          return copy;
        });
        while (expected.length && expected[expected.length - 1].length === 0) expected.pop();
        expect(grid.values).toEqual(expected);
      }),
      { numRuns: 200 },
    );
  });
});
