import { resolve } from 'node:path';
import type { LoadedConfig } from '../config/load.js';
import { listEnvironments, locateConfig } from '../config/location.js';
import { loadStateOnly } from '../config/state-only/load-state-only.js';
import { UsageError } from '../core/errors.js';
import type { Report } from '../core/events.js';
import { FileStateStore } from '../state/file/file-store.js';
import type { StateStore } from '../state/store.js';
import type { CommandContext } from './io.js';

// How commands open the state store. The configuration loader and the AWS clients load on first use:
// `status`, `history` and `lock` on a file store need neither.

export interface EnvironmentStore {
  environment: string;
  store: StateStore;
}

export interface EnvironmentState extends EnvironmentStore {
  loaded: LoadedConfig;
}

/** The environment's whole configuration, validated as for any command, and the state store it names. */
export async function environmentState(
  context: CommandContext,
  environment: string,
): Promise<EnvironmentState> {
  const [{ loadValidConfig }, { openStoreFor }] = await Promise.all([
    import('../config/load.js'),
    import('../engine/change/open-store.js'),
  ]);
  const loaded = await loadValidConfig({
    environment,
    configDir: context.configDir,
    env: context.io.env,
    cwd: context.io.cwd,
  });
  return { environment, loaded, store: await openStoreFor(loaded) };
}

/**
 * The state store of an environment, for the commands that only read and keep state (`status`,
 * `history`, `lock`): from its state section alone when that is enough (see `loadStateOnly`), else
 * from its whole configuration.
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
  const { store } = await environmentState(context, environment);
  return { environment, store };
}

/** Every configured environment, opened by `open`; environments sharing a store share one instance. */
async function everyEnvironment<T extends EnvironmentStore>(
  context: CommandContext,
  open: (context: CommandContext, environment: string) => Promise<T>,
): Promise<T[]> {
  const environments = await listEnvironments(locateConfig(context.configDir));
  if (environments.length === 0)
    throw new UsageError('NoEnvironments', 'the configuration names no environments', {
      hint: 'Add config/environments/<env>.yaml, or run omnix init.',
    });
  const states = await Promise.all(environments.map((environment) => open(context, environment)));
  const byLocation = new Map<string, StateStore>();
  return states.map((state) => {
    const shared = byLocation.get(state.store.location) ?? state.store;
    byLocation.set(shared.location, shared);
    return { ...state, store: shared };
  });
}

/** Every environment with its whole configuration and its store. */
export const allEnvironmentStates = (context: CommandContext) => everyEnvironment(context, environmentState);

/** Every environment with its store, read as `environmentStore` does. */
export const allEnvironmentStores = (context: CommandContext) => everyEnvironment(context, environmentStore);

/** What the read-only actions (validate, drift, iam-policy, health) take: quiet unless given `report`. */
export function readOptions(context: CommandContext, environment: string, report: Report = () => {}) {
  return { environment, configDir: context.configDir, cwd: context.io.cwd, env: context.io.env, report };
}
