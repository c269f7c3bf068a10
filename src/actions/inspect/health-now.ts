import type { Report } from '../../core/events.js';
import { type EnvironmentOptions, openEnvironment } from '../../engine/change/open-environment.js';
import { outputsOf } from '../../engine/plan/outputs.js';
import { checkHealth } from '../../engine/verify.js';
import type { HealthReport } from '../../records/index.js';

/**
 * `omnix health <env>`: the environment's checks against its live release, with the URLs that release's
 * deployment recorded (or the configured ones when nothing was deployed yet). Changes nothing and takes
 * no lock.
 */
export async function healthNow(options: EnvironmentOptions & { report: Report }): Promise<HealthReport> {
  const { loaded, clients, store } = await openEnvironment(options);
  const [release] = await store.listReleases(loaded.environment, { limit: 1 });
  const made = release && (await store.getDeployment(release.deploymentId, loaded.environment));
  return checkHealth(
    {
      loaded,
      clients,
      report: options.report,
      outputs: { ...outputsOf(loaded.config), ...made?.outputs } as Record<string, string>,
      ...(release ? { manifest: release.manifest, release: release.number } : {}),
    },
    'on demand',
    'health',
  );
}
