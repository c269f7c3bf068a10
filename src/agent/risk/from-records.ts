import { deploymentPlan } from '../../engine/plan/summary.js';
import type { DeploymentRecord } from '../../records/index.js';
import { featuresOfRecord, historiesByEnvironment } from '../features/index.js';
import type { LabelledDeployment, Outcome } from './features.js';

const outcomeOf = (status: DeploymentRecord['status']): Outcome | undefined =>
  status === 'succeeded'
    ? 'succeeded'
    : status === 'failed' || status === 'rolled_back'
      ? 'failed'
      : undefined;

/** Whether a record has the shape the features are read from (records are read from storage, not trusted). */
function readable(record: DeploymentRecord): boolean {
  return (
    typeof record === 'object' &&
    record !== null &&
    typeof record.id === 'string' &&
    typeof record.environment === 'string' &&
    typeof record.status === 'string' &&
    typeof record.startedAt === 'string' &&
    Number.isFinite(Date.parse(record.startedAt)) &&
    (record.plan === undefined || (typeof record.plan === 'object' && record.plan !== null))
  );
}

/** What the model can learn from a store's records, oldest first, and how many records it could not read. */
export interface LearnableHistory {
  deployments: LabelledDeployment[];
  unreadable: number;
}

/**
 * Deployments that changed something and ended (succeeded, failed, rolled back), with their features:
 * manual rollbacks, interrupted and running deployments and plans with nothing to do are left out.
 * Each environment's history is indexed once, so this is O(n log n) in the number of records.
 */
export function learnableHistory(records: readonly DeploymentRecord[]): LearnableHistory {
  const good = records.filter(readable);
  const histories = historiesByEnvironment(good);
  const deployments: LabelledDeployment[] = [];
  for (const record of good) {
    const outcome = outcomeOf(record.status);
    const plan = deploymentPlan(record);
    if (!outcome || record.rollbackTo !== undefined || !plan || plan.nothingToDo) continue;
    deployments.push({
      id: record.id,
      startedAt: record.startedAt,
      outcome,
      features: featuresOfRecord(record, histories.get(record.environment)!),
    });
  }
  deployments.sort((a, b) => a.startedAt.localeCompare(b.startedAt) || a.id.localeCompare(b.id));
  return { deployments, unreadable: records.length - good.length };
}
