/**
 * Mastery told by cell colours alone: red = 1, orange or yellow = 2, light green = 3, dark green = 4.
 * Colours are classified by hue and lightness, not by exact RGB, since every team picks its own shades.
 * Greens are split per sheet: greens on both sides of a usual lightness (0.45) are light (3) and dark
 * (4); greens all on one side but far apart are split at their largest gap; a single kind of green
 * (three-colour scales A / ECA / NA) means 3.
 */
import type { MasteryLevel } from '../model';

export type ColourClass = 'red' | 'amber' | 'green' | 'other';

interface Hsl {
  hue: number;
  saturation: number;
  lightness: number;
}

function toHsl(hex: string): Hsl | null {
  const match = /^#?([0-9a-f]{6})$/i.exec(hex.trim());
  if (!match) return null;
  const n = parseInt(match[1], 16);
  const r = ((n >> 16) & 255) / 255;
  const g = ((n >> 8) & 255) / 255;
  const b = (n & 255) / 255;
  const max = Math.max(r, g, b);
  const min = Math.min(r, g, b);
  const lightness = (max + min) / 2;
  const delta = max - min;
  if (delta === 0) return { hue: 0, saturation: 0, lightness };
  const saturation = delta / (1 - Math.abs(2 * lightness - 1));
  let hue: number;
  if (max === r) hue = ((g - b) / delta) % 6;
  else if (max === g) hue = (b - r) / delta + 2;
  else hue = (r - g) / delta + 4;
  hue *= 60;
  if (hue < 0) hue += 360;
  return { hue, saturation, lightness };
}

/** Null for no fill, white, greys and near-black (decoration, not a result). */
export function classifyColour(hex: string | null | undefined): ColourClass | null {
  if (!hex) return null;
  const hsl = toHsl(hex);
  if (!hsl) return null;
  if (hsl.saturation < 0.2 || hsl.lightness > 0.96 || hsl.lightness < 0.08) return null;
  if (hsl.hue >= 340 || hsl.hue < 18) return 'red';
  if (hsl.hue < 70) return 'amber';
  if (hsl.hue < 170) return 'green';
  return 'other';
}

export function colourLightness(hex: string): number {
  return toHsl(hex)?.lightness ?? 0.5;
}

/** Lightness separating light greens (92D050, C6EFCE) from dark ones (00B050, 38761D). */
const DARK_GREEN_BELOW = 0.45;
/** Lightness spread beyond which greens on one side of it are still taken as two greens. */
const TWO_GREENS_SPREAD = 0.2;

/** Per-sheet reading of colours: decides where light green ends and dark green starts. */
export class ColourScale {
  private readonly darkBelow: number | null;

  constructor(greens: string[]) {
    const lightness = greens.map(colourLightness).sort((a, b) => a - b);
    const min = lightness[0];
    const max = lightness[lightness.length - 1];
    if (!lightness.length) this.darkBelow = null;
    else if (min < DARK_GREEN_BELOW && max >= DARK_GREEN_BELOW) this.darkBelow = DARK_GREEN_BELOW;
    else if (max - min > TWO_GREENS_SPREAD) {
      let gapAt = 1;
      for (let i = 1; i < lightness.length; i++) if (lightness[i] - lightness[i - 1] > lightness[gapAt] - lightness[gapAt - 1]) gapAt = i;
      this.darkBelow = (lightness[gapAt] + lightness[gapAt - 1]) / 2;
    } else this.darkBelow = null;
  }

  levelOf(hex: string | null | undefined): MasteryLevel | 'other' | null {
    const kind = classifyColour(hex);
    if (kind === null) return null;
    if (kind === 'red') return 1;
    if (kind === 'amber') return 2;
    if (kind === 'other') return 'other';
    return this.darkBelow !== null && colourLightness(hex as string) < this.darkBelow ? 4 : 3;
  }
}
