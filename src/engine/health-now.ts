import type { HealthReport } from '../health/types.js';
import { createAwsClients } from '../providers/aws/clients.js';
import type { ChangeOptions } from './recorded-change.js';
import { loadForChange } from './run-steps.js';
import { openStoreFor } from './state.js';
import { checkHealth } from './verify.js';

/**
 * `omnix health <env>`: the environment's checks against its live release, with the URLs that release's
 * deployment recorded (or the configured ones when nothing was deployed yet). Changes nothing.
 */
export async function healthNow(options: Omit<ChangeOptions, 'waitForLockMs'>): Promise<HealthReport> {
  const loaded = await loadForChange(options);
  const clients = createAwsClients({ ...loaded.config.aws, ...options.aws });
  const store = await openStoreFor(loaded, options.aws);
  const [release] = await store.listReleases(loaded.environment, { limit: 1 });
  const made = release && (await store.getDeployment(release.deploymentId, loaded.environment));
  const configured: Record<string, string> = {};
  if (loaded.config.frontend?.url) configured.siteUrl = loaded.config.frontend.url;
  if (loaded.config.backend?.api?.url) configured.apiUrl = loaded.config.backend.api.url;
  return checkHealth(
    {
      loaded,
      clients,
      report: options.report,
      outputs: { ...configured, ...made?.outputs },
      ...(release ? { manifest: release.manifest, release: release.number } : {}),
    },
    'on demand',
    'health',
  );
}
