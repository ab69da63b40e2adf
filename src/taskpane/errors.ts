/**
 * Turn whatever went wrong (Excel, the engine, a download) into a French message that says what
 * happened and what to do. Excel's own errors are explained by the Office gateway's table.
 */
import { describeExcelError } from '../gateways/office/errors';

export interface ProblemText {
  title: string;
  /** What happened, in plain French (Excel's messages already say what to do). */
  detail: string;
  /** What the coordinator can do; empty when the detail says it. */
  action: string;
}

function nameOf(error: unknown): string {
  return error instanceof Error ? error.name : '';
}

function hasOfficeCode(error: unknown): boolean {
  return typeof error === 'object' && error !== null && typeof (error as { code?: unknown }).code === 'string';
}

export function isAbort(error: unknown): boolean {
  return typeof error === 'object' && error !== null && (error as { name?: unknown }).name === 'AbortError';
}

export function describeError(error: unknown): ProblemText {
  const name = nameOf(error);
  const message = error instanceof Error ? error.message : String(error ?? '');
  if (name === 'SyncTimeoutError') return { title: 'Excel ne répond pas', detail: message, action: '' };
  if (name === 'ExcelOperationError' || hasOfficeCode(error)) {
    return { title: 'Excel a refusé l’opération', detail: describeExcelError(error), action: '' };
  }
  if (name === 'UnusableInputError') {
    // The reader's refusal carries its diagnostics; a file refused as a whole (format) says what to do itself.
    const fromReader = ((error as { diagnostics?: unknown[] }).diagnostics ?? []).length > 0;
    // A refused « Cycle à générer » names its cell in AP Paramètres (core/cycleToGenerate.ts).
    if (message.startsWith('AP Paramètres!')) return { title: 'Génération refusée', detail: message, action: '' };
    if (!fromReader && /fichier|\.xlsx/i.test(message)) return { title: 'Fichier non lu', detail: message, action: '' };
    return {
      title: 'Classeur inexploitable',
      detail: message,
      action: 'Vérifiez que chaque feuille de positionnement a une ligne d’en-têtes avec « Nom » et « Prénom » (ou « Nom Prénom »), puis relancez.',
    };
  }
  if (name === 'ChunkLoadError' || /loading chunk|failed to fetch|import/i.test(message)) {
    return {
      title: 'Chargement interrompu',
      detail: 'Une partie de Pilote AP n’a pas pu être téléchargée.',
      action: 'Vérifiez la connexion, puis fermez et rouvrez le volet Pilote AP.',
    };
  }
  return {
    title: 'Une erreur est survenue',
    detail: message || 'Erreur inconnue.',
    action: 'Relancez ; si cela se reproduit, enregistrez le classeur, rouvrez le volet Pilote AP et signalez le problème.',
  };
}
