import type { LoadedConfig } from '../../config/load.js';
import { listEnvironments } from '../../config/location.js';
import type { DeploymentRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';

/**
 * Every deployment record of the project's environments that `store` holds (the history is shared by
 * environments; those keeping their state elsewhere are not in it). An environment whose records
 * cannot be read is named in `unreadable` instead of failing the whole read.
 */
export async function projectRecords(
  loaded: LoadedConfig,
  store: StateStore,
): Promise<{ records: DeploymentRecord[]; unreadable: string[] }> {
  const environments = new Set([...(await listEnvironments(loaded.location)), loaded.environment]);
  const records: DeploymentRecord[] = [];
  const unreadable: string[] = [];
  for (const environment of [...environments].sort()) {
    try {
      records.push(...(await store.listDeployments(environment, { limit: Number.POSITIVE_INFINITY })));
    } catch {
      unreadable.push(environment);
    }
  }
  return { records, unreadable };
}
