import type { DeploymentRecord, LockRecord } from '../../records/index.js';
import { isStale } from '../../state/lease.js';
import { type Explanation, explainDeployment } from './explain.js';

/** The safe next step `omnix agent fix` offers, and why. */
export interface Diagnosis {
  environment: string;
  action: 'recover' | 'rollback' | 'retry' | 'break-lock' | 'none';
  reason: string;
  /** The command the action runs. */
  command?: string;
  explanation?: Explanation;
}

/**
 * The environment's latest trouble, most urgent first: an interrupted deployment (recover), a lock whose
 * holder is gone (break it), a rollback that did not restore everything (roll back), a failure that passes
 * by itself (retry). Anything else needs a person: the explanation says what to change.
 */
export function diagnose(
  environment: string,
  recent: readonly DeploymentRecord[],
  interrupted: readonly DeploymentRecord[],
  lock: LockRecord | undefined,
): Diagnosis {
  const latestInterrupted =
    interrupted[0] ?? recent.find((r) => r.status === 'interrupted' && !r.recoveredBy);
  if (latestInterrupted)
    return {
      environment,
      action: 'recover',
      reason: `deployment ${latestInterrupted.id} was interrupted after ${latestInterrupted.changes.length} change(s)`,
      command: `omnix recover ${environment}`,
      explanation: explainDeployment(latestInterrupted),
    };
  if (lock && isStale(lock))
    return {
      environment,
      action: 'break-lock',
      reason: `the lock is held by ${lock.holder.user}@${lock.holder.host} (pid ${lock.holder.pid}), whose process is gone or stopped renewing it`,
      command: `omnix lock break ${environment}`,
    };
  if (lock)
    return {
      environment,
      action: 'none',
      reason: `a deployment is running (lock held by ${lock.holder.user}@${lock.holder.host} since ${lock.acquiredAt}); wait for it`,
    };
  const latest = recent.find((record) => record.status !== 'in_progress');
  if (!latest || latest.status === 'succeeded')
    return {
      environment,
      action: 'none',
      reason: latest ? 'the latest deployment succeeded: nothing to fix' : 'no deployments yet',
    };
  const explanation = explainDeployment(latest);
  if (latest.needsAttention)
    return {
      environment,
      action: 'rollback',
      reason: `deployment ${latest.id} left ${environment} between releases`,
      command: `omnix rollback ${environment}`,
      explanation,
    };
  const failure = explanation.failure ? ` (${explanation.failure.title.toLowerCase()})` : '';
  if (explanation.next?.startsWith('omnix deploy') && !explanation.next.includes('after the fix'))
    return {
      environment,
      action: 'retry',
      reason: `deployment ${latest.id} failed${failure}, which passes by itself: deploying again is safe`,
      command: `omnix deploy ${environment}`,
      explanation,
    };
  return {
    environment,
    action: 'none',
    reason: `deployment ${latest.id} ${latest.status.replace('_', ' ')}${failure}: ${explanation.remedy ?? 'read the explanation'}`,
    explanation,
  };
}
