/**
 * What a layout notes while reading values: unknown values (the first ones with their cell), « Test
 * incomplet », and a tally of every value met, for the self-check of the whole reading.
 */
import { diagnostic, type Diagnostic } from '../../diagnostics';
import type { CellValue } from '../../grid';
import { quoteValue } from '../mastery';

/** Values met in result cells, and the unknown ones by their text with the first cell holding each. */
export interface ValueTally {
  values: number;
  unknown: Map<string, { count: number; cell: string }>;
}

export function emptyTally(): ValueTally {
  return { values: 0, unknown: new Map() };
}

const MAX_VALUE_WARNINGS = 20;

export class ValueNotes {
  private unknownValues = 0;
  private incomplete = 0;

  readonly tally: ValueTally = emptyTally();

  constructor(
    private readonly sheet: string,
    private readonly diagnostics: Diagnostic[],
  ) {}

  /** A non-empty result cell was read (known or not). */
  seen(): void {
    this.tally.values++;
  }

  unknown(cell: string, value: CellValue): void {
    this.unknownValues++;
    const text = quoteValue(value);
    const known = this.tally.unknown.get(text);
    if (known) known.count++;
    else this.tally.unknown.set(text, { count: 1, cell: `${this.sheet}!${cell}` });
    if (this.unknownValues > MAX_VALUE_WARNINGS) return;
    this.diagnostics.push(diagnostic('warning', this.sheet, cell, `valeur ${quoteValue(value)} inconnue, comptée comme non évaluée`));
  }

  incompleteTest(): void {
    this.incomplete++;
  }

  report(): void {
    if (this.unknownValues > MAX_VALUE_WARNINGS) {
      const more = this.unknownValues - MAX_VALUE_WARNINGS;
      const s = more > 1 ? 's' : '';
      this.diagnostics.push(diagnostic('warning', this.sheet, '', `et ${more} autre${s} valeur${s} inconnue${s} dans cette feuille, comptée${s} comme non évaluée${s}`));
    }
    if (this.incomplete) {
      const s = this.incomplete > 1 ? 's' : '';
      this.diagnostics.push(diagnostic('info', this.sheet, '', `${this.incomplete} résultat${s} « Test incomplet » compté${s} comme non évalué${s} (ce n'est pas un échec)`));
    }
  }
}
