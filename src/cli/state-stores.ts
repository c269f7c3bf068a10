import { resolve } from 'node:path';
import { listEnvironments, locateConfig } from '../config/location.js';
import { loadStateOnly } from '../config/state-only/load-state-only.js';
import { UsageError } from '../core/errors.js';
import { FileStateStore } from '../state/file/file-store.js';
import type { StateStore } from '../state/store.js';
import type { CommandContext } from './io.js';

export interface EnvironmentStore {
  environment: string;
  store: StateStore;
}

/**
 * The state store of an environment, for the commands that only read and keep state (`status`,
 * `history`, `lock`): from its state section alone when that is enough (see `loadStateOnly`), else
 * from its whole configuration, validated as for any command.
 */
export async function environmentStore(
  context: CommandContext,
  environment: string,
): Promise<EnvironmentStore> {
  const options = { environment, configDir: context.configDir, env: context.io.env, cwd: context.io.cwd };
  const stateOnly = await loadStateOnly(options);
  if (stateOnly)
    return {
      environment,
      store: new FileStateStore(resolve(stateOnly.location.projectRoot, stateOnly.state.path)),
    };
  const { environmentState } = await import('./state-access.js');
  const { store } = await environmentState(context, environment);
  return { environment, store };
}

/** Every configured environment with its store; environments sharing a store share one instance. */
export async function allEnvironmentStores(context: CommandContext): Promise<EnvironmentStore[]> {
  const environments = await listEnvironments(locateConfig(context.configDir));
  if (environments.length === 0)
    throw new UsageError('NoEnvironments', 'the configuration names no environments', {
      hint: 'Add config/environments/<env>.yaml, or run omnix init.',
    });
  const states = await Promise.all(environments.map((environment) => environmentStore(context, environment)));
  const byLocation = new Map<string, StateStore>();
  return states.map((state) => {
    const shared = byLocation.get(state.store.location) ?? state.store;
    byLocation.set(shared.location, shared);
    return { ...state, store: shared };
  });
}
