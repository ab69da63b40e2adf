/**
 * Every figure the bench prints is also recorded here under a stable key with its unit, and written to
 * `out/bench.json` at the end, so that a change's effect can be compared run to run.
 */
import { mkdirSync, writeFileSync } from 'node:fs';

export interface Figure {
  value: number;
  unit: string;
}

const figures: Record<string, Figure> = {};

/** Record one figure (`key` in camelCase, grouped by area with a dot: `planner.medianMs`). */
export function figure(key: string, value: number, unit: string): number {
  figures[key] = { value: Math.round(value * 1000) / 1000, unit };
  return value;
}

/** Write the recorded figures, plus the structured figures some areas return (e.g. `office`), as JSON. */
export function writeFigures(areas: Record<string, unknown>, path = 'out/bench.json'): void {
  mkdirSync(path.replace(/\/[^/]*$/, ''), { recursive: true });
  const sorted = Object.fromEntries(Object.entries(figures).sort(([a], [b]) => a.localeCompare(b)));
  writeFileSync(path, `${JSON.stringify({ date: new Date().toISOString(), ...areas, figures: sorted }, null, 2)}\n`);
  console.log(`\n${Object.keys(sorted).length} mesures écrites dans ${path}`);
}
