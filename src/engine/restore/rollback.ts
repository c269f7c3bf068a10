import { listingOf } from '../../artifacts/live/release-objects.js';
import { emit } from '../../core/events.js';
import type { ReleaseManifest, RollbackRecord } from '../../records/index.js';
import { errorEntry } from '../change/recorded-change.js';
import { differencesFrom, type RestoreContext, restoreManifest } from './restore.js';

/**
 * Restores `target` and reads it back. Never throws: the outcome, what it changed, and (when it could not
 * restore everything) exactly what still differs are in the result, for the deployment record.
 */
export async function rollBack(
  target: ReleaseManifest,
  context: Omit<RestoreContext, 'changed'>,
): Promise<RollbackRecord> {
  const startedAt = new Date();
  const changes: string[] = [];
  // The restore and the read-back share one listing: the read-back then costs a request per changed key.
  context = { ...context, listing: listingOf(context) };
  const track: RestoreContext = {
    ...context,
    changed: async (change) => {
      changes.push(change);
    },
  };
  const finish = (rest: Omit<RollbackRecord, 'startedAt' | 'durationMs' | 'changes'>): RollbackRecord => ({
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    changes,
    ...rest,
  });
  try {
    await restoreManifest(target, track);
    const differences = await differencesFrom(target, context);
    if (differences.length > 0) {
      emit(context.report, 'warn', 'rollback', `restored, but ${differences.length} thing(s) still differ`);
      return finish({ outcome: 'failed', differences });
    }
    emit(context.report, 'info', 'rollback', `restored what was live before (${changes.length} change(s))`);
    return finish({ outcome: 'restored' });
  } catch (error) {
    emit(context.report, 'warn', 'rollback', `the rollback failed: ${(error as Error).message}`);
    const differences = await differencesFrom(target, context).catch((readError: Error) => [
      `what is live could not be read: ${readError.message}`,
    ]);
    return finish({
      outcome: 'failed',
      error: errorEntry(error),
      differences,
    });
  }
}
