/** Interview answers: the pupil's profile (seed 002) and project after the diploma. */
import type { NeedKind, PupilProfile, PupilProject } from '../model';
import { keyOf } from './vocabulary';

/** « Contents d'être là » / « Pourquoi pas ? » / « Malgré eux » and their spellings; null when unknown. */
export function parseProfile(value: string): PupilProfile | null {
  const key = keyOf(value);
  if (!key) return null;
  if (/\bcontente?s?\b|\betre la\b|\bcontent e s\b|^cel$/.test(key)) return 'content';
  if (/\bpourquoi\b|^pp$/.test(key)) return 'maybe';
  if (/\bmalgre\b|\bmalgres\b|^me$/.test(key)) return 'despite';
  return null;
}

/** BTS / poursuite d'études, insertion / emploi, passerelle; anything else is undecided. */
export function parseProject(value: string): PupilProject {
  const key = keyOf(value);
  if (/\bpasserelle|\breorientation\b|\bchangement de (filiere|formation|voie)\b/.test(key)) return 'bridge';
  if (/\bbts\b|\bpoursuite|\betudes?\b|\bbut\b|\blicence\b|\bprepa\b|\bmention complementaire\b|\bmc\b|\bsuperieur\b|\bfcil\b/.test(key)) return 'further-study';
  if (/\binsertion\b|\bemploi\b|\btravail(ler)?\b|\bvie active\b|\bembauche\b|\bentreprise\b|\bmetier\b|\bentrer dans la vie\b/.test(key)) return 'employment';
  return 'undecided';
}

const WISH_WORDS: [NeedKind, RegExp][] = [
  ['remediation', /\b(remediation|soutien|rattrapage|remise a niveau|consolidation)\b/],
  ['enrichment', /\b(approfondissement|approfondir|enrichissement|perfectionnement|excellence)\b/],
  ['methodology', /\b(methodologie|methodo|methode|methodes|organisation|apprendre a apprendre)\b/],
  ['orientation', /\b(projet|orientation|poursuite|insertion|metier|metiers)\b/],
];

/**
 * Workshop kinds named in a « Vœux » cell, in the order written: « 1. Méthodologie 2. Remédiation »,
 * « projet, approfondissement ». Unknown words are left out; null when nothing is recognised.
 */
export function parseWishes(value: string): NeedKind[] | null {
  const key = keyOf(value);
  const found = WISH_WORDS.flatMap(([kind, pattern]) => {
    const match = pattern.exec(key);
    return match ? [{ kind, at: match.index }] : [];
  });
  if (!found.length) return null;
  return found.sort((a, b) => a.at - b.at).map((f) => f.kind);
}
