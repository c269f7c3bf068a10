import type { LoadedConfig } from '../../config/load.js';
import type { AwsClientSettings } from '../../providers/aws/clients.js';
import { openStateStore } from '../../state/open.js';
import type { StateStore } from '../../state/store.js';

/** The state store a loaded configuration names, with the same AWS settings the deployment uses. */
export function openStoreFor(
  loaded: LoadedConfig,
  aws: Partial<AwsClientSettings> = {},
): Promise<StateStore> {
  return openStateStore({
    state: loaded.config.state,
    projectRoot: loaded.location.projectRoot,
    aws: { ...loaded.config.aws, ...aws },
  });
}
