import { changedSomething, type Deployment, ended, isChangeFailure, isDelivery } from './classify.js';
import { ratio } from './stats.js';

/**
 * DORA change failure rate: of the deliveries that changed something and ended, the share that failed,
 * were rolled back or were interrupted. Deliveries that changed nothing (nothing to do, or stopped by
 * validation before the first change) are in neither count; rollbacks are not deliveries.
 */
export interface ChangeFailureRate {
  failures: number;
  changes: number;
  rate: number | null;
}

export function changeFailureRate(deployments: readonly Deployment[]): ChangeFailureRate {
  const changes = deployments.filter(
    (deployment) => ended(deployment) && isDelivery(deployment) && changedSomething(deployment),
  );
  const failures = changes.filter(isChangeFailure).length;
  return { failures, changes: changes.length, rate: ratio(failures, changes.length) };
}
