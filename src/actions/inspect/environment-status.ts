import { findInterrupted, recentDeployments } from '../../engine/change/interrupted.js';
import type { DeploymentRecord, DeploymentStatus, LockRecord } from '../../records/index.js';
import { isStale } from '../../state/lease.js';
import type { StateStore } from '../../state/store.js';
import { type Attention, needsAttention } from './attention.js';

export interface EnvironmentStatus {
  environment: string;
  release: {
    number: number;
    deploymentId: string;
    createdAt: string;
    by: string | null;
    outputs: Record<string, string>;
  } | null;
  lastDeployment: {
    id: string;
    status: DeploymentStatus;
    startedAt: string;
    finishedAt: string | null;
    durationMs: number | null;
    by: string;
    errors: DeploymentRecord['errors'];
    changes: number;
  } | null;
  lock: (Pick<LockRecord, 'holder' | 'acquiredAt' | 'expiresAt'> & { stale: boolean }) | null;
  interrupted: Array<{ id: string; startedAt: string; by: string; changes: string[] }>;
  /**
   * A deployment failed and its rollback could not restore everything, and nothing made the
   * environment consistent since: what still differs.
   */
  attention: Attention | null;
}

export const durationOf = (record: DeploymentRecord): number | null =>
  record.finishedAt ? Date.parse(record.finishedAt) - Date.parse(record.startedAt) : null;

/** What `status` shows for one environment, read from the state store alone (no AWS calls). */
export async function environmentStatus(store: StateStore, environment: string): Promise<EnvironmentStatus> {
  const [[release], recent, lock] = await Promise.all([
    store.listReleases(environment, { limit: 1 }),
    recentDeployments(store, environment),
    store.readLock(environment),
  ]);
  const last = recent[0];
  const interrupted = await findInterrupted(store, environment, { recent });
  const made =
    release &&
    (recent.find((record) => record.id === release.deploymentId) ??
      (await store.getDeployment(release.deploymentId, environment)));
  return {
    environment,
    release: release
      ? {
          number: release.number,
          deploymentId: release.deploymentId,
          createdAt: release.createdAt,
          by: made?.caller.user ?? null,
          outputs: made?.outputs ?? {},
        }
      : null,
    lastDeployment: last
      ? {
          id: last.id,
          status: interrupted.some((record) => record.id === last.id) ? 'interrupted' : last.status,
          startedAt: last.startedAt,
          finishedAt: last.finishedAt ?? null,
          durationMs: durationOf(last),
          by: last.caller.user,
          errors: last.errors,
          changes: last.changes.length,
        }
      : null,
    lock: lock
      ? {
          holder: lock.holder,
          acquiredAt: lock.acquiredAt,
          expiresAt: lock.expiresAt,
          stale: isStale(lock),
        }
      : null,
    attention: needsAttention(recent),
    interrupted: interrupted.map((record) => ({
      id: record.id,
      startedAt: record.startedAt,
      by: record.caller.user,
      changes: record.changes,
    })),
  };
}
