import type { DeploymentRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import { BASELINE_SIZE } from './detect.js';
import { type Measurement, measurements } from './measurements.js';

/** The measurements of the environment's successful deployments before `record`, newest first. */
export async function baselineFor(store: StateStore, record: DeploymentRecord): Promise<Measurement[][]> {
  const earlier = await store.listDeployments(record.environment, { limit: 4 * BASELINE_SIZE });
  return earlier
    .filter(
      (past) =>
        past.id !== record.id &&
        past.status === 'succeeded' &&
        past.rollbackTo === undefined &&
        past.startedAt < record.startedAt,
    )
    .slice(0, BASELINE_SIZE)
    .map(measurements);
}
