/**
 * Errors met while talking to Excel, said in French with what to do. Office.js rejects a sync with an
 * `OfficeExtension.Error` whose `code` names the cause (`AccessDenied`, `ItemAlreadyExists`...);
 * the gateway turns every failure into an `ExcelOperationError` carrying one of these messages.
 */

export const DEFAULT_SYNC_TIMEOUT_MS = 30_000;

/** A sync that did not answer in time (Excel on the web can hang when busy or disconnected). */
export class SyncTimeoutError extends Error {
  constructor(readonly timeoutMs: number) {
    super(
      `Excel ne répond plus depuis ${Math.round(timeoutMs / 1000)} secondes. Terminez la saisie en cours dans ` +
        'une cellule (Entrée ou Échap) et fermez les boîtes de dialogue ouvertes, puis relancez. Si cela se ' +
        'reproduit, enregistrez le classeur, fermez-le et rouvrez-le.',
    );
    this.name = 'SyncTimeoutError';
  }
}

/** A failure already explained in French; `cause` keeps the original error for support. */
export class ExcelOperationError extends Error {
  constructor(message: string, cause?: unknown) {
    super(message, { cause });
    this.name = 'ExcelOperationError';
  }
}

/** Told when a sync starts or stops being slow, so that the pane can say it waits for Excel. */
export type WaitingListener = (waiting: boolean) => void;

/** After this long a sync is reported as waiting. */
export const SLOW_SYNC_MS = 2_000;

/**
 * Wait for a sync that WRITES, however long it takes. A sync cannot be cancelled: with
 * `delayForCellEdit` it runs as soon as the user leaves the cell, so reporting a failure after a
 * timeout would be false (the write still lands). Past `slowAfterMs` the listener is told to show
 * « En attente d’Excel… », and told again when Excel answers.
 */
export async function syncPatiently(context: { sync(): Promise<unknown> }, onWaiting?: WaitingListener, slowAfterMs = SLOW_SYNC_MS): Promise<void> {
  let waiting = false;
  const timer = onWaiting
    ? setTimeout(() => {
        waiting = true;
        onWaiting(true);
      }, slowAfterMs)
    : undefined;
  try {
    await context.sync();
  } finally {
    clearTimeout(timer);
    if (waiting) onWaiting?.(false);
  }
}

/** Wait for `context.sync()` of a READ, but never longer than `timeoutMs` (a late read changes nothing). */
export async function syncWithTimeout(context: { sync(): Promise<unknown> }, timeoutMs: number): Promise<void> {
  let timer: ReturnType<typeof setTimeout> | undefined;
  const timeout = new Promise<never>((_, reject) => {
    timer = setTimeout(() => reject(new SyncTimeoutError(timeoutMs)), timeoutMs);
  });
  try {
    await Promise.race([context.sync(), timeout]);
  } finally {
    clearTimeout(timer);
  }
}

const MESSAGES: Record<string, string> = {
  AccessDenied:
    'Excel a refusé la modification : le classeur ou une feuille est protégé, ou le classeur est ouvert en ' +
    'lecture seule. Ôtez la protection (onglet Révision > Ôter la protection de la feuille ou du classeur) ' +
    'ou enregistrez une copie modifiable, puis relancez.',
  RequestPayloadSizeLimitExceeded:
    'Les données à écrire dépassent la limite d’Excel sur le web (5 Mo par échange). Relancez : Pilote AP ' +
    'découpe l’écriture ; si l’erreur persiste, utilisez Excel sur ordinateur.',
  ResponsePayloadSizeLimitExceeded:
    'Le classeur est trop volumineux pour être lu en une fois par Excel sur le web (limite de 5 Mo). ' +
    'Supprimez ou déplacez les feuilles qui ne servent pas au positionnement, ou utilisez Excel sur ordinateur.',
  InvalidArgument:
    'Excel a refusé une valeur transmise par Pilote AP (argument non valide). Vérifiez que les feuilles ' +
    '« AP … » n’ont pas été renommées ni modifiées dans leur structure, puis relancez ; si l’erreur persiste, ' +
    'signalez-la avec une copie du classeur.',
  RangeExceedsLimit:
    'Une feuille est trop grande pour être lue ou écrite en une fois (plus de 5 millions de cellules). ' +
    'Supprimez les lignes et colonnes vides en bas et à droite des feuilles (sélectionnez-les, clic droit > ' +
    'Supprimer), puis relancez.',
  InactiveWorkbook:
    'Plusieurs classeurs sont ouverts et celui de Pilote AP n’est plus au premier plan. Cliquez dans ce ' +
    'classeur pour le réactiver, puis relancez.',
  MergedRangeConflict:
    'Des cellules fusionnées empêchent l’écriture d’une feuille « AP … ». Annulez les fusions ajoutées à la ' +
    'main dans les feuilles « AP … » (Accueil > Fusionner et centrer), puis relancez.',
  InvalidOperation:
    'Excel a refusé une opération de Pilote AP (par exemple masquer ou supprimer la dernière feuille visible, ou ' +
    'modifier un tableau en cours de tri). Fermez les filtres et boîtes de dialogue ouverts, puis relancez.',
  InvalidOrTimedOutSession:
    'La session d’Excel sur le web a expiré. Enregistrez, rechargez la page du classeur (F5), rouvrez Pilote AP, ' +
    'puis relancez.',
  UndoNotSupported:
    'Cette génération ne peut pas être annulée d’un seul Ctrl+Z dans cette version d’Excel : utilisez « Annuler ' +
    'la dernière génération » dans le volet Pilote AP.',
  ItemAlreadyExists:
    'Une feuille ou un tableau porte déjà le nom que Pilote AP veut créer. Renommez la feuille ou le tableau ' +
    'concerné (nom commençant par « AP »), puis relancez.',
  ItemNotFound:
    'Une feuille a été supprimée ou renommée pendant l’opération. Relancez la génération.',
  InvalidOperationInCellEditMode:
    'Une cellule est en cours de saisie : appuyez sur Entrée ou Échap, puis relancez.',
  InsertDeleteConflict:
    'Une autre personne modifie le classeur en même temps. Attendez la fin de ses modifications, puis relancez.',
  Conflict:
    'Une autre personne modifie le classeur en même temps. Attendez la fin de ses modifications, puis relancez.',
  ActivityLimitReached:
    'Excel est momentanément saturé. Patientez quelques secondes, puis relancez.',
  RequestAborted:
    'La demande a été interrompue par Excel. Vérifiez la connexion, puis relancez.',
  ServiceNotAvailable:
    'Le service Excel est momentanément indisponible. Vérifiez la connexion, puis relancez.',
  ApiNotFound:
    'Cette version d’Excel ne connaît pas une fonction utilisée par Pilote AP. Mettez Excel à jour ' +
    '(Microsoft 365 ou Excel 2021 et plus récent), ou utilisez Excel sur le web.',
  GeneralException:
    'Excel a rencontré une erreur interne. Enregistrez le classeur, fermez-le et rouvrez-le, puis relancez.',
};

interface OfficeLikeError {
  code?: unknown;
  message?: unknown;
  debugInfo?: { errorLocation?: unknown };
}

/** The French message, with what to do, for any error raised while working with Excel. */
export function describeExcelError(error: unknown): string {
  if (error instanceof SyncTimeoutError || error instanceof ExcelOperationError) return error.message;
  const officeError = (typeof error === 'object' && error !== null ? error : {}) as OfficeLikeError;
  const code = typeof officeError.code === 'string' ? officeError.code : '';
  const known = MESSAGES[code];
  const location = typeof officeError.debugInfo?.errorLocation === 'string' ? officeError.debugInfo.errorLocation : '';
  if (known) return location ? `${known} (détail : ${code}, ${location})` : known;
  const detail = typeof officeError.message === 'string' ? officeError.message : String(error);
  return (
    `Erreur inattendue d’Excel${code ? ` (${code})` : ''} : ${detail}. Relancez ; si l’erreur persiste, ` +
    'enregistrez le classeur, rouvrez-le et signalez le problème.'
  );
}

/** The error a gateway rejects with: French message, original kept as `cause`. */
export function toExcelOperationError(error: unknown): ExcelOperationError {
  if (error instanceof ExcelOperationError) return error;
  return new ExcelOperationError(describeExcelError(error), error);
}

/** Did Excel on the web refuse the size of a request or an answer? */
export function isPayloadTooLarge(error: unknown): boolean {
  const code = (error as OfficeLikeError | null)?.code;
  return code === 'RequestPayloadSizeLimitExceeded' || code === 'ResponsePayloadSizeLimitExceeded';
}
