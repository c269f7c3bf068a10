import type { StateStore } from '../../state/store.js';
import { EnvironmentHistory } from '../features/index.js';
import { learnFromRecord } from './learn.js';
import type { Memory } from './read-memory.js';
import { type DeploymentMemory, learnedMarkerId, MEMORY_SCHEMA_VERSION } from './record.js';

/**
 * Learns from the deployment records the memory does not hold yet: on first use, a project's whole
 * history (records written before the agent existed, or while it was off); later the newest few, which
 * catches changes made with the agent off and deployments found interrupted (they never end by
 * themselves). Forgotten deployments stay forgotten: the marker says up to which one.
 */
export async function learnFromHistory(
  store: StateStore,
  environments: readonly string[],
  memory: Memory,
): Promise<DeploymentMemory[]> {
  const known = new Set(memory.deployments.map((entry) => entry.id));
  const learned: DeploymentMemory[] = [];
  for (const environment of environments) {
    const marker = memory.markers.get(environment);
    const records = await store.listDeployments(environment, {
      limit: marker ? 20 : Number.POSITIVE_INFINITY,
    });
    const history = new EnvironmentHistory(records);
    for (const record of records) {
      if (known.has(record.id) || (marker?.forgottenThrough && record.id <= marker.forgottenThrough))
        continue;
      const entry = learnFromRecord(record, { history, learnedFrom: 'backfill' });
      if (!entry) continue;
      await store.putMemory(entry);
      learned.push(entry);
    }
    // Up to the newest finished one: one still in progress is learned when it ends.
    const through = records.find((record) => record.status !== 'in_progress')?.id;
    if (through && (!marker?.through || through > marker.through)) {
      const next = {
        schemaVersion: MEMORY_SCHEMA_VERSION,
        kind: 'learned' as const,
        id: learnedMarkerId(environment),
        environment,
        through,
        ...(marker?.forgottenThrough ? { forgottenThrough: marker.forgottenThrough } : {}),
      };
      await store.putMemory(next);
      memory.markers.set(environment, next);
    }
  }
  memory.deployments.push(...learned);
  memory.deployments.sort((a, b) => (a.id < b.id ? -1 : a.id > b.id ? 1 : 0));
  return learned;
}
