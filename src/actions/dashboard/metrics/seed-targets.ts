import {
  changedSomething,
  type Deployment,
  durationMs,
  ended,
  foundNothingToDo,
  isDelivery,
} from './classify.js';
import type { Rollback } from './rollbacks.js';
import { max, mean, ratio } from './stats.js';

/**
 * The seed task list's "Deployment Metrics", quoted as it gives them, each measured from the records.
 * `met` is null where the records cannot tell (nothing to measure yet, or not a thing the state store
 * holds).
 */
export interface TargetCheck {
  /** The seed's words. */
  name: string;
  /** The seed's target, as it writes it. */
  target: string;
  /** Where the seed started from ("Current: …"). */
  baseline: string;
  value: number | null;
  unit: 'ratio' | 'ms';
  met: boolean | null;
  /** What was measured, in words. */
  basis: string;
}

const FIVE_MINUTES = 5 * 60_000;
const TWO_MINUTES = 2 * 60_000;

const check = (value: number | null, passes: (value: number) => boolean) =>
  value === null ? null : passes(value);

export function seedTargets(
  deployments: readonly Deployment[],
  rollbacks: readonly Rollback[],
): TargetCheck[] {
  const deliveries = deployments.filter((deployment) => ended(deployment) && isDelivery(deployment));
  const attempts = deliveries.filter((deployment) => !foundNothingToDo(deployment));
  const succeeded = attempts.filter((deployment) => deployment.status === 'succeeded');
  const changing = deliveries.filter(changedSomething);
  const leftBroken = changing.filter(
    (deployment) => deployment.status === 'failed' || deployment.status === 'interrupted',
  );
  const times = succeeded
    .filter(changedSomething)
    .flatMap((deployment) => durationMs(deployment.record) ?? []);
  const successRate = ratio(succeeded.length, attempts.length);
  const averageTime = mean(times);
  const longestRollback = max(rollbacks.map((rollback) => rollback.durationMs));
  const manualFix = ratio(leftBroken.length, changing.length);
  return [
    {
      name: 'Deployment Success Rate',
      target: '>99%',
      baseline: '~60%',
      value: successRate,
      unit: 'ratio',
      met: check(successRate, (value) => value > 0.99),
      basis: `${succeeded.length} of ${attempts.length} deployments succeeded (rollbacks and deployments that found nothing to do left out)`,
    },
    {
      name: 'Average Deployment Time',
      target: '<5 minutes',
      baseline: '20-30 minutes',
      value: averageTime,
      unit: 'ms',
      met: check(averageTime, (value) => value < FIVE_MINUTES),
      basis: `mean start-to-finish time of ${times.length} successful deployment(s) that changed something`,
    },
    {
      name: 'Rollback Time',
      target: '<2 minutes',
      baseline: 'Manual process',
      value: longestRollback,
      unit: 'ms',
      met: check(longestRollback, (value) => value < TWO_MINUTES),
      basis: `the longest of ${rollbacks.length} rollback(s), automatic and manual`,
    },
    {
      name: 'Failed Deployments Requiring Manual Fix',
      target: '<1%',
      baseline: '40%',
      value: manualFix,
      unit: 'ratio',
      met: check(manualFix, (value) => value < 0.01),
      basis: `${leftBroken.length} of ${changing.length} deployment(s) that changed something failed or were interrupted without an automatic rollback restoring them`,
    },
    {
      name: 'Configuration Drift',
      target: '0%',
      baseline: 'Unknown',
      value: null,
      unit: 'ratio',
      met: null,
      basis: 'not in the state store: omnix drift <env> compares what is live with the last release',
    },
  ];
}
