/**
 * UAI (ex-RNE), the establishment identifier: 7 digits then a check letter,
 * letter = "ABCDEFGHJKLMNPRSTUVWXYZ"[(the 7 digits as a number) mod 23].
 * Corsica's départements 2A / 2B are written 620 / 720, so every UAI is numeric before its letter.
 */

const CHECK_LETTERS = 'ABCDEFGHJKLMNPRSTUVWXYZ';

export type UaiCheck = { ok: true; uai: string } | { ok: false; message: string };

/** The check letter of a 7-digit UAI stem. */
export function uaiCheckLetter(stem: string): string {
  return CHECK_LETTERS[Number(stem) % 23];
}

/** Validate a UAI as typed (case and spaces forgiven); the French message says what is wrong. */
export function checkUai(value: unknown): UaiCheck {
  const text = String(value ?? '').replace(/\s+/g, '').toUpperCase();
  if (!text) return { ok: false, message: "UAI absent : indiquez l'UAI de l'établissement (7 chiffres et une lettre, par exemple 0750655E)." };
  const corsica = /^02([AB])\d{4}[A-Z]$/.exec(text);
  if (corsica) {
    return { ok: false, message: `UAI « ${text} » invalide : pour la Corse, l'UAI s'écrit avec ${corsica[1] === 'A' ? '620' : '720'} au lieu de 02${corsica[1]}.` };
  }
  const match = /^(\d{7})([A-Z])$/.exec(text);
  if (!match) {
    return { ok: false, message: `UAI « ${text} » invalide : il faut 7 chiffres suivis d'une lettre de contrôle (par exemple 0750655E ; Corse : 620… ou 720…).` };
  }
  const expected = uaiCheckLetter(match[1]);
  if (match[2] !== expected) {
    return { ok: false, message: `UAI « ${text} » invalide : la lettre de contrôle devrait être « ${expected} ». Vérifiez l'UAI saisi.` };
  }
  return { ok: true, uai: text };
}
