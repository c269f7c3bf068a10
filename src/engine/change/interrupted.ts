import { ValidationFailedError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import type { DeploymentRecord, LockRecord } from '../../records/index.js';
import { isStale } from '../../state/lease.js';
import type { StateStore } from '../../state/store.js';

/** How many recent deployments are looked at for ones left `in_progress`. */
const LOOK_BACK = 20;

/** The recent deployments the functions below look at, newest first. */
export const recentDeployments = (store: StateStore, environment: string): Promise<DeploymentRecord[]> =>
  store.listDeployments(environment, { limit: LOOK_BACK });

/** Whether `lock` shows the deployment still running: its lock, and nobody has stopped keeping it alive. */
function stillRunning(record: DeploymentRecord, lock: LockRecord | undefined): boolean {
  return lock !== undefined && lock.holder.deploymentId === record.id && !isStale(lock);
}

/**
 * Deployments left `in_progress` by a process that is gone: their lock expired, was taken over or broken,
 * or their process no longer runs on this host. A record in progress is written only under the lock and
 * finished before the lock is let go, so reading records, then the lock, then the records again tells a
 * dead deployment from one that just finished. `recent`: the listing, when the caller already has it.
 */
export async function findInterrupted(
  store: StateStore,
  environment: string,
  options: { exceptId?: string; recent?: readonly DeploymentRecord[] } = {},
): Promise<DeploymentRecord[]> {
  const recent = options.recent ?? (await recentDeployments(store, environment));
  const candidates = recent.filter(
    (record) => record.status === 'in_progress' && record.id !== options.exceptId,
  );
  if (candidates.length === 0) return [];
  const lock = await store.readLock(environment);
  const suspects = candidates.filter((record) => !stillRunning(record, lock));
  const again = await Promise.all(suspects.map((record) => store.getDeployment(record.id, environment)));
  return again.filter((record): record is DeploymentRecord => record?.status === 'in_progress');
}

/**
 * Under the lock, a deployment still `in_progress` is one whose process died: record it as interrupted,
 * keeping its snapshot and changes for recovery, and say what it had changed. Returns every interrupted
 * deployment not yet recovered, oldest first.
 */
export async function recordInterrupted(
  store: StateStore,
  environment: string,
  deploymentId: string,
  report: Report,
): Promise<DeploymentRecord[]> {
  const recent = await recentDeployments(store, environment);
  const marked = new Map<string, DeploymentRecord>();
  for (const record of await findInterrupted(store, environment, { exceptId: deploymentId, recent })) {
    const changed = record.changes.length;
    emit(
      report,
      'warn',
      'lock',
      `deployment ${record.id} (started ${record.startedAt} by ${record.caller.user}) was interrupted after ${changed} change(s)${changed > 0 ? `: ${record.changes.slice(0, 5).join('; ')}${changed > 5 ? '; …' : ''}` : ''}`,
      { data: { interrupted: record.id, changes: record.changes } },
    );
    const interrupted: DeploymentRecord = {
      ...record,
      status: 'interrupted',
      errors: [
        ...record.errors,
        {
          code: 'Interrupted',
          message: `its process stopped before it finished; found by deployment ${deploymentId} at ${new Date().toISOString()}`,
        },
      ],
    };
    await store.putDeployment(interrupted);
    // Its changes are in the record now (it was read with its journal).
    await store.deleteJournal(environment, record.id);
    marked.set(record.id, interrupted);
  }
  return unrecovered(recent.map((record) => marked.get(record.id) ?? record));
}

/** Of `records` (newest first), the interrupted ones nobody has restored or resumed yet, oldest first. */
export function unrecovered(records: readonly DeploymentRecord[]): DeploymentRecord[] {
  return records.filter((record) => record.status === 'interrupted' && !record.recoveredBy).reverse();
}

/** Marks interrupted deployments as dealt with by `deploymentId`. */
export async function markRecovered(
  store: StateStore,
  records: readonly DeploymentRecord[],
  deploymentId: string,
  how: 'restored' | 'resumed',
): Promise<void> {
  for (const record of records) await store.putDeployment({ ...record, recoveredBy: { deploymentId, how } });
}

/** Exit code 3: `record` was interrupted and nobody recovered it, so a deployment must not start over it. */
export function interruptedError(record: DeploymentRecord, environment: string): ValidationFailedError {
  return new ValidationFailedError(
    'InterruptedDeployment',
    `deployment ${record.id} of ${environment} was interrupted after ${record.changes.length} change(s) and has not been recovered; nothing was changed`,
    {
      hint: `Put back what was live before it: omnix recover ${environment}. Or finish it: omnix recover ${environment} --resume.`,
    },
  );
}
