import { listEnvironments } from '../../config/location.js';
import { redactConfig } from '../../config/secrets.js';
import { ValidationFailedError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import type { ChangeContext } from '../../engine/change/extensions.js';
import type { DeploymentPlan } from '../../engine/plan/plan-deployment.js';
import { learnFromHistory } from '../memory/backfill.js';
import { readMemory, skippedWarning } from '../memory/read-memory.js';
import { findKnownFailures, type KnownFailureFinding } from './known-failures.js';
import { plannedChange } from './planned-change.js';

/**
 * What `reviewPlan` finds: the plan matched against memory (learning first from any history not yet in
 * it). The agent being broken (an unreadable store, say) is a warning and no findings, never a failure;
 * only `agent.blockKnownFailures` refuses a deployment, before anything changed.
 */
export async function reviewPlanAgainstMemory(
  context: ChangeContext,
  review: { plan?: DeploymentPlan; dryRun: boolean },
): Promise<{ knownFailures: KnownFailureFinding[]; blocking?: boolean }> {
  const { loaded, store, report } = context;
  let knownFailures: KnownFailureFinding[] = [];
  try {
    const memory = await readMemory(store);
    for (const skipped of memory.skipped) emit(report, 'warn', 'plan', skippedWarning(skipped));
    const environments = await listEnvironments(loaded.location);
    await learnFromHistory(store, environments.length > 0 ? environments : [loaded.environment], memory);
    if (review.plan && !review.plan.nothingToDo) {
      const previous = (await store.listDeployments(loaded.environment, { limit: 50 })).find(
        (record) => record.status === 'succeeded' && record.config !== undefined,
      );
      const config = redactConfig(loaded.config, loaded.secretPaths);
      knownFailures = findKnownFailures(
        plannedChange(review.plan, config, previous?.config),
        memory.deployments,
      );
    }
  } catch (error) {
    emit(report, 'warn', 'plan', `agent: the memory could not be used: ${(error as Error).message}`);
    return { knownFailures: [] };
  }
  for (const found of knownFailures)
    emit(
      report,
      'warn',
      'plan',
      `known failure: ${found.reason} (${found.matched.join('; ')}). ${found.remedy}`,
    );
  const block = knownFailures.length > 0 && loaded.config.agent.blockKnownFailures;
  if (block && !review.dryRun) {
    const first = knownFailures[0]!;
    throw new ValidationFailedError(
      'KnownFailure',
      `refusing to deploy ${loaded.environment}: ${knownFailures.length} part(s) of the plan failed before: ${first.reason}`,
      {
        hint: `${first.remedy} See omnix agent explain ${first.deploymentId}; agent.blockKnownFailures: false only warns.`,
      },
    );
  }
  return { knownFailures, ...(block ? { blocking: true } : {}) };
}
