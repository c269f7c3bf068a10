import type { LoadedConfig } from '../../config/load.js';
import type { Report } from '../../core/events.js';
import { type AwsClientSettings, type AwsClients, createAwsClients } from '../../providers/aws/clients.js';
import type { Recoveries } from '../../providers/aws/recoveries.js';
import type { StateStore } from '../../state/store.js';
import { openStoreFor } from './open-store.js';
import { loadForChange, phaseRunner } from './run-steps.js';

/** What looking at an environment takes: where its configuration is, and how to reach AWS. */
export interface EnvironmentOptions {
  environment: string;
  /** Project root or its config folder. */
  configDir: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  /** Client settings over the configuration's (credentials for a sandbox, say). */
  aws?: Partial<AwsClientSettings>;
}

/** An environment opened: its configuration (references resolved), its AWS clients and its state store. */
export interface OpenEnvironment {
  loaded: LoadedConfig;
  clients: AwsClients;
  store: StateStore;
}

/** The AWS clients and the state store of a loaded environment. */
export async function connect(
  loaded: LoadedConfig,
  aws: Partial<AwsClientSettings> = {},
  recoveries?: Recoveries,
): Promise<Omit<OpenEnvironment, 'loaded'>> {
  const clients = createAwsClients({ ...loaded.config.aws, ...aws, ...(recoveries ? { recoveries } : {}) });
  return { clients, store: await openStoreFor(loaded, aws) };
}

/**
 * An environment to look at, for the read-only actions (health, validate, drift, iam-policy): no
 * phases, no lock, no record.
 */
export async function openEnvironment(
  options: EnvironmentOptions & { report?: Report },
): Promise<OpenEnvironment> {
  // With a report, loading is a phase as in a change (`--json` shows its begin and end).
  const loaded = options.report
    ? await phaseRunner(options.report).phase('load', () => loadForChange(options))
    : await loadForChange(options);
  return { loaded, ...(await connect(loaded, options.aws)) };
}
