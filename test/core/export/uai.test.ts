import { describe, expect, it } from 'vitest';
import { checkUai, uaiCheckLetter } from '../../../src/core/export/uai';

describe('UAI check letter', () => {
  it.each(['0750655E', '0595856V', '0931735F', '0620229M'])('accepts the real UAI %s', (uai) => {
    expect(checkUai(uai)).toEqual({ ok: true, uai });
  });

  it('computes the letter as "ABCDEFGHJKLMNPRSTUVWXYZ"[number mod 23]', () => {
    expect(uaiCheckLetter('0750655')).toBe('E'); // 750655 = 23 × 32637 + 4
    expect(uaiCheckLetter('0000000')).toBe('A');
    expect(uaiCheckLetter('0000022')).toBe('Z');
  });

  it('accepts Corsican UAIs written 620… / 720…', () => {
    for (const stem of ['6200001', '7200009', '6200150', '7200123']) {
      const uai = `${stem}${uaiCheckLetter(stem)}`;
      expect(checkUai(uai).ok, uai).toBe(true);
    }
  });

  it('forgives case and spaces', () => {
    expect(checkUai(' 0750655e ')).toEqual({ ok: true, uai: '0750655E' });
    expect(checkUai('075 0655 E')).toEqual({ ok: true, uai: '0750655E' });
  });

  it('rejects a wrong check letter and says which one is expected', () => {
    const result = checkUai('0750655F');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('« E »');
  });

  it.each(['', '075065E', '07506555E', 'ABCDEFGH', '0750655', '0750655É'])('rejects the malformed value « %s » in French', (value) => {
    const result = checkUai(value);
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toMatch(/UAI/);
  });

  it('explains the Corsican form when 2A / 2B is typed', () => {
    const result = checkUai('02A0001G');
    expect(result.ok).toBe(false);
    if (!result.ok) expect(result.message).toContain('620');
  });
});
