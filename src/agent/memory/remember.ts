import type { DeploymentRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import { learnFromRecord } from './learn.js';
import { type DeploymentMemory, learnedMarkerId, MEMORY_SCHEMA_VERSION } from './record.js';

/** Writes what the agent learns from a change that just ended. */
export async function rememberChange(
  store: StateStore,
  record: DeploymentRecord,
  options: { change: DeploymentMemory['change']; hide: (text: string) => string },
): Promise<DeploymentMemory | undefined> {
  const history = await store.listDeployments(record.environment, { limit: 50 });
  const entry = learnFromRecord(record, {
    change: options.change,
    history: history.some((other) => other.id === record.id) ? history : [...history, record],
    learnedFrom: 'recorded',
    hide: options.hide,
  });
  if (entry) await store.putMemory(entry);
  return entry;
}

/** Forgets an environment's memory; its marker moves past its history, so the backfill does not learn it again. */
export async function forgetEnvironment(
  store: StateStore,
  environment: string,
  entries: readonly DeploymentMemory[],
): Promise<number> {
  const mine = entries.filter((entry) => entry.environment === environment);
  for (const entry of mine) await store.deleteMemory(entry.id);
  const newest = (await store.listDeployments(environment, { limit: 1 }))[0];
  if (newest)
    await store.putMemory({
      schemaVersion: MEMORY_SCHEMA_VERSION,
      kind: 'learned',
      id: learnedMarkerId(environment),
      environment,
      through: newest.id,
      forgottenThrough: newest.id,
    });
  return mine.length;
}
