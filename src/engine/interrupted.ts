import { isStale } from '../state/lease.js';
import type { DeploymentRecord, LockRecord } from '../state/records.js';
import type { StateStore } from '../state/store.js';

/** How many recent deployments are looked at for ones left `in_progress`. */
const LOOK_BACK = 20;

/** Whether `lock` shows the deployment still running: its lock, and nobody has stopped keeping it alive. */
export function stillRunning(record: DeploymentRecord, lock: LockRecord | undefined): boolean {
  return lock !== undefined && lock.holder.deploymentId === record.id && !isStale(lock);
}

/**
 * Deployments left `in_progress` by a process that is gone: their lock expired, was taken over or broken,
 * or their process no longer runs on this host. A record in progress is written only under the lock and
 * finished before the lock is let go, so reading records, then the lock, then the records again tells a
 * dead deployment from one that just finished.
 */
export async function findInterrupted(
  store: StateStore,
  environment: string,
  options: { exceptId?: string } = {},
): Promise<DeploymentRecord[]> {
  const candidates = (await store.listDeployments(environment, { limit: LOOK_BACK })).filter(
    (record) => record.status === 'in_progress' && record.id !== options.exceptId,
  );
  if (candidates.length === 0) return [];
  const lock = await store.readLock(environment);
  const suspects = candidates.filter((record) => !stillRunning(record, lock));
  const again = await Promise.all(suspects.map((record) => store.getDeployment(record.id, environment)));
  return again.filter((record): record is DeploymentRecord => record?.status === 'in_progress');
}
