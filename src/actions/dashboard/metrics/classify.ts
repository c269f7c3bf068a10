import { deploymentPlan } from '../../../engine/plan/summary.js';
import type { DeploymentRecord } from '../records.js';

/**
 * The words every metric is defined with. A record's status is the one the store holds, except that a
 * deployment left `in_progress` by a process that is gone counts as `interrupted` (the caller says
 * which, as `status` and `history` do).
 */

/** A deployment with the status the metrics use: `interrupted` for one whose process died. */
export interface Deployment {
  record: DeploymentRecord;
  status: DeploymentRecord['status'];
}

/** It finished one way or another (not running any more). */
export const ended = (deployment: Deployment): boolean => deployment.status !== 'in_progress';

/** It made at least one change to the environment (a plan with nothing to do, or a failure in validation, made none). */
export const changedSomething = (deployment: Deployment): boolean => deployment.record.changes.length > 0;

/**
 * It put back something that was live before instead of delivering something new: a manual rollback
 * (`omnix rollback`) or a recovery that restored an interrupted deployment's snapshot (one that
 * resumed it made a release: that is a delivery).
 */
export const isRestore = (deployment: Deployment): boolean =>
  deployment.record.rollbackTo !== undefined ||
  ((deployment.record.recoveryOf?.length ?? 0) > 0 && deployment.record.release === undefined);

/** An attempt to deliver something new (deploy, promote, or a recovery that finished an interrupted one). */
export const isDelivery = (deployment: Deployment): boolean => !isRestore(deployment);

/** It found nothing to do: the plan matched what was live. */
export const foundNothingToDo = (deployment: Deployment): boolean =>
  deploymentPlan(deployment.record)?.nothingToDo === true;

/** It did not succeed: failed, rolled back (automatically) or interrupted. */
export const unsuccessful = (deployment: Deployment): boolean =>
  deployment.status === 'failed' ||
  deployment.status === 'rolled_back' ||
  deployment.status === 'interrupted';

/** A delivery that changed something and then did not succeed: the DORA "change failure". */
export const isChangeFailure = (deployment: Deployment): boolean =>
  isDelivery(deployment) && changedSomething(deployment) && unsuccessful(deployment);

/** From start to finish in milliseconds; null while it runs or when the times cannot be read. */
export function durationMs(record: DeploymentRecord): number | null {
  if (!record.finishedAt) return null;
  const ms = Date.parse(record.finishedAt) - Date.parse(record.startedAt);
  return Number.isFinite(ms) && ms >= 0 ? ms : null;
}

/** Oldest first, by start time, then id (ids sort in time order to the millisecond). */
export const byStart = (a: Deployment, b: Deployment): number =>
  Date.parse(a.record.startedAt) - Date.parse(b.record.startedAt) || a.record.id.localeCompare(b.record.id);
