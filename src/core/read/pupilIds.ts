/**
 * The pupil's identifier, defined here and nowhere else (everyone else uses `pupil.id` as given):
 * - `ine:<INE>` when an INE is known;
 * - else `eleve:<level>|<normalised last first>`: the name within the level, never the class, so that
 *   a pupil who changes class within a level stays one person across positionnements and cycles.
 *   Two different people of one level with the same name get `#2`, `#3`… (the reader reports them).
 *
 * Earlier versions wrote `nom:<class>|<name>` in `AP Historique` and `AP Suivi`: `legacyPupilIds`
 * maps those to the pupils read now, so that their history still belongs to them.
 */
import { levelFromClassName } from '../levels';
import type { Pupil } from '../model';
import { classKey, nameKey } from './names';

export function pupilId(ine: string | null, level: string, key: string): string {
  return ine ? `ine:${ine}` : `eleve:${level}|${key}`;
}

const LEGACY = /^nom:(.*)\|([^|#]*)(#\d+)?$/;

/**
 * A resolver from the identifiers kept in the AP sheets (current or earlier format) to the current
 * pupil ids: an old `nom:<class>|<name>` is the pupil of that name in that class, else the only pupil of
 * that name in that class's level (a class change), else the only pupil of that name. An identifier
 * that denotes nobody (a pupil who left) is returned as it is.
 */
export function legacyPupilIds(pupils: Pupil[]): (storedId: string) => string {
  const byName = new Map<string, Pupil[]>();
  for (const p of pupils) {
    const key = nameKey(p.lastName, p.firstName);
    byName.set(key, [...(byName.get(key) ?? []), p]);
  }
  return (storedId) => {
    const match = LEGACY.exec(storedId);
    if (!match) return storedId;
    const [, className, key] = match;
    const same = byName.get(key) ?? [];
    const inClass = same.filter((p) => classKey(p.className) === classKey(className));
    if (inClass.length === 1) return inClass[0].id;
    const level = levelFromClassName(className);
    const inLevel = level ? same.filter((p) => p.level === level) : [];
    if (inLevel.length === 1) return inLevel[0].id;
    return same.length === 1 ? same[0].id : storedId;
  };
}
