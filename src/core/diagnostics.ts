/**
 * Diagnostics: every problem the engine meets is reported, in French, with the sheet and cell it
 * comes from, never thrown at the user.
 */

export type Severity = 'error' | 'warning' | 'info';

export interface Diagnostic {
  severity: Severity;
  /** Worksheet name, or empty when the message is about the whole workbook. */
  sheet: string;
  /** A1 address (`F14`) or range (`A3:F3`); empty when the message is about a whole sheet. */
  cell: string;
  /** French, self-contained, e.g. « valeur « AQ » inconnue, comptée comme non évaluée ». */
  message: string;
}

export function diagnostic(severity: Severity, sheet: string, cell: string, message: string): Diagnostic {
  return { severity, sheet, cell, message };
}

/** « 2MRC!F14 : message » — the form used on the command line and in the task pane. */
export function formatDiagnostic(d: Diagnostic): string {
  const where = d.sheet ? `${d.sheet}${d.cell ? `!${d.cell}` : ''} : ` : '';
  return `${where}${d.message}`;
}

/** Raised for input the engine cannot use at all; its message is French and shown as is. */
export class UnusableInputError extends Error {
  constructor(message: string, readonly diagnostics: Diagnostic[] = []) {
    super(message);
    this.name = 'UnusableInputError';
  }
}
