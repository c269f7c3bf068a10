import type { Report } from '../../core/events.js';
import {
  findInterrupted,
  interruptedError,
  recentDeployments,
  unrecovered,
} from '../../engine/change/interrupted.js';
import { lockedError, takeLock } from '../../engine/change/lock.js';
import { isStale } from '../../state/lease.js';
import type { StateStore } from '../../state/store.js';

export interface QuietCheckOptions {
  /** How long to wait for a held lock; 0 fails at once (exit 4). */
  waitMs: number;
  ttlSeconds: number;
  holder: Parameters<StateStore['acquireLock']>[1];
  report: Report;
}

/**
 * Before a deployment says "nothing to change", what it would have found under the lock: another
 * deployment holding it (exit 4, as any deployment would get) and interrupted deployments nobody
 * recovered (exit 3). Read-only, so a no-op records nothing; with a wait, the lock is taken for the
 * wait and let go at once. `'waited'`: the holder finished meanwhile, so what is live may have changed
 * and the plan must be made again.
 */
export async function checkBeforeNothingToDo(
  store: StateStore,
  environment: string,
  options: QuietCheckOptions,
): Promise<'clear' | 'waited'> {
  const lock = await store.readLock(environment);
  let waited = false;
  if (lock && !isStale(lock)) {
    if (options.waitMs <= 0) throw lockedError(environment, lock);
    const taken = await takeLock(store, environment, options.holder, {
      ttlSeconds: options.ttlSeconds,
      waitMs: options.waitMs,
      report: options.report,
    });
    await store.releaseLock(taken);
    waited = true;
  }
  const recent = await recentDeployments(store, environment);
  const dead = await findInterrupted(store, environment, { recent });
  const [oldest] = [...unrecovered(recent), ...dead.reverse()];
  if (oldest) throw interruptedError(oldest, environment);
  return waited ? 'waited' : 'clear';
}
