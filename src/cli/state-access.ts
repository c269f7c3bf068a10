import { type LoadedConfig, loadValidConfig } from '../config/load.js';
import { listEnvironments, locateConfig } from '../config/location.js';
import { UsageError } from '../core/errors.js';
import type { Report } from '../core/events.js';
import { openStoreFor } from '../engine/change/open-store.js';
import type { StateStore } from '../state/store.js';
import type { CommandContext } from './io.js';

export interface EnvironmentState {
  environment: string;
  loaded: LoadedConfig;
  store: StateStore;
}

/** The environment's configuration and the state store it names. */
export async function environmentState(
  context: CommandContext,
  environment: string,
): Promise<EnvironmentState> {
  const loaded = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  return { environment, loaded, store: await openStoreFor(loaded) };
}

/** Every configured environment with its store; environments sharing a store share one instance. */
export async function allEnvironmentStates(context: CommandContext): Promise<EnvironmentState[]> {
  const environments = await listEnvironments(locateConfig(context.configDir));
  if (environments.length === 0)
    throw new UsageError('NoEnvironments', 'the configuration names no environments', {
      hint: 'Add config/environments/<env>.yaml, or run omnix init.',
    });
  const states = await Promise.all(environments.map((environment) => environmentState(context, environment)));
  const byLocation = new Map<string, StateStore>();
  return states.map((state) => {
    const shared = byLocation.get(state.store.location) ?? state.store;
    byLocation.set(shared.location, shared);
    return { ...state, store: shared };
  });
}

/** What the engine's read-only commands (validate, drift, iam-policy, health) take: quiet unless given `report`. */
export function readOptions(context: CommandContext, environment: string, report: Report = () => {}) {
  return { environment, configDir: context.configDir, cwd: context.io.cwd, env: context.io.env, report };
}
