/** File-system failures as French messages for the coordinator: never a stack trace. */
import { UnusableInputError } from '../core/diagnostics';

type Action = 'read' | 'write';

function reason(code: string | undefined, path: string, action: Action): string {
  switch (code) {
    case 'ENOENT':
      return action === 'read' ? `« ${path} » est introuvable : vérifiez le nom et le dossier.` : `le dossier de « ${path} » n'existe pas.`;
    case 'EISDIR':
      return `« ${path} » est un dossier, pas un fichier.`;
    case 'ENOTDIR':
    case 'EEXIST':
      return `dans le chemin « ${path} », un élément qui devrait être un dossier est un fichier.`;
    case 'EACCES':
    case 'EPERM':
      return action === 'read' ? `vous n'avez pas le droit de lire « ${path} ».` : `vous n'avez pas le droit d'écrire dans le dossier de « ${path} » (ou sur ce fichier).`;
    case 'EROFS':
      return `le dossier de « ${path} » est en lecture seule (clé USB protégée, partage en lecture seule…).`;
    case 'ENOSPC':
    case 'EDQUOT':
      return `le disque est plein (ou votre quota est atteint) : libérez de la place. Rien n'a été écrit.`;
    case 'ENOTREGULAR':
      return `« ${path} » n'est pas un fichier ordinaire (périphérique, tube…).`;
    case 'ENAMETOOLONG':
      return `le nom « ${path} » est trop long.`;
    case 'ELOOP':
      return `« ${path} » est un lien symbolique qui boucle sur lui-même.`;
    case 'EBUSY':
    case 'ETXTBSY':
      return `« ${path} » est utilisé par un autre programme (fermez-le dans Excel ou LibreOffice).`;
    default:
      return `erreur du système de fichiers${code ? ` (${code})` : ''}.`;
  }
}

/** The French error for a failed read or write of `path`. */
export function fileSystemError(error: unknown, path: string, action: Action): UnusableInputError {
  if (error instanceof UnusableInputError) return error;
  const code = (error as NodeJS.ErrnoException | undefined)?.code;
  const verb = action === 'read' ? 'de lire' : "d'écrire";
  return new UnusableInputError(`Impossible ${verb} « ${path} » : ${reason(code, path, action)}`);
}
