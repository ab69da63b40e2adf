/**
 * « Annuler la dernière génération »: put back the AP sheets the last generation replaced (kept hidden
 * as « … (préc.) ») and remove the output sheets it created. This is the undo wherever Excel cannot
 * undo a whole write as one step (see canGroupUndo in writePlan.ts).
 */
import { ExcelOperationError, toExcelOperationError } from './errors';
import { forgetWorkbook, type Session, type WorkbookState } from './session';
import { backupName, findSheet, isBackupName, RequestScope } from './writePlan';

/** Returns the names of the sheets restored or removed. */
export function createUndo(session: Session, readState: (context: Excel.RequestContext) => Promise<WorkbookState>): () => Promise<string[]> {
  return async function undoLastGeneration(): Promise<string[]> {
    forgetWorkbook(session);
    try {
      return await session.run(async (context) => {
        const state = await readState(context);
        const byName = (name: string) => findSheet(state.sheets, name);
        const backups = state.sheets.filter((s) => s.ours && isBackupName(s.name));
        const done: string[] = [];
        const scope = new RequestScope(context);
        for (const name of session.createdByLastWrite) {
          if (byName(name)?.ours && !backups.some((b) => b.name === backupName(name))) {
            scope.sheet(name).delete();
            done.push(name);
          }
        }
        for (const backup of backups) {
          const original = state.sheets.find((s) => s.ours && !isBackupName(s.name) && backupName(s.name) === backup.name);
          if (!original) continue;
          const current = scope.sheet(original.name);
          const restored = scope.sheet(backup.name);
          restored.visibility = 'Visible';
          current.delete();
          restored.name = original.name;
          done.push(original.name);
        }
        if (!done.length) {
          throw new ExcelOperationError('Il n’y a pas de génération à annuler : aucune feuille « AP … (préc.) » dans ce classeur.');
        }
        await session.writeSync(context);
        session.createdByLastWrite = [];
        return done;
      });
    } catch (error) {
      throw toExcelOperationError(error);
    }
  };
}
