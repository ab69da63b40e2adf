/**
 * Resolve the colours ExcelJS reports for cell fills to `#RRGGBB`: explicit ARGB, the legacy indexed
 * palette, or a theme colour of the default Office theme with its tint. Schools colour positionnement
 * cells with the palette's first rows (red, orange, yellow, greens), so those must resolve.
 */

/** The default Office theme: lt1, dk1, lt2, dk2, accent1..6 (theme index order in fills). */
const THEME = ['FFFFFF', '000000', 'E7E6E6', '44546A', '4472C4', 'ED7D31', 'A5A5A5', 'FFC000', '5B9BD5', '70AD47'];

/** Legacy indexed palette (indices 8..63, as in the OOXML spec's default). */
const INDEXED = [
  '000000', 'FFFFFF', 'FF0000', '00FF00', '0000FF', 'FFFF00', 'FF00FF', '00FFFF',
  '800000', '008000', '000080', '808000', '800080', '008080', 'C0C0C0', '808080',
  '9999FF', '993366', 'FFFFCC', 'CCFFFF', '660066', 'FF8080', '0066CC', 'CCCCFF',
  '000080', 'FF00FF', 'FFFF00', '00FFFF', '800080', '800000', '008080', '0000FF',
  '00CCFF', 'CCFFFF', 'CCFFCC', 'FFFF99', '99CCFF', 'FF99CC', 'CC99FF', 'FFCC99',
  '3366FF', '33CCCC', '99CC00', 'FFCC00', 'FF9900', 'FF6600', '666699', '969696',
  '003366', '339966', '003300', '333300', '993300', '993366', '333399', '333333',
];

function applyTint(hex: string, tint: number): string {
  const channels = [0, 2, 4].map((i) => parseInt(hex.slice(i, i + 2), 16));
  const tinted = channels.map((c) => (tint < 0 ? c * (1 + tint) : c + (255 - c) * tint));
  return tinted.map((c) => Math.round(Math.min(255, Math.max(0, c))).toString(16).padStart(2, '0')).join('').toUpperCase();
}

export interface ExcelJsColor {
  argb?: string;
  theme?: number;
  tint?: number;
  indexed?: number;
}

/** `#RRGGBB` for a colour, or null when it cannot be resolved. */
export function resolveColor(color: ExcelJsColor | undefined): string | null {
  if (!color) return null;
  if (typeof color.argb === 'string' && /^[0-9A-Fa-f]{6,8}$/.test(color.argb)) {
    return `#${color.argb.slice(-6).toUpperCase()}`;
  }
  if (typeof color.theme === 'number' && THEME[color.theme]) {
    return `#${applyTint(THEME[color.theme], color.tint ?? 0)}`;
  }
  if (typeof color.indexed === 'number') {
    const hex = INDEXED[color.indexed - 8];
    return hex ? `#${hex}` : null;
  }
  return null;
}
