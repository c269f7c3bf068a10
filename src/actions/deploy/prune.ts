import type { LoadedConfig } from '../../config/load.js';
import { emit, type Report } from '../../core/events.js';
import { type ApiType, releasedApiId, releasedApiType } from '../../providers/aws/api-kind.js';
import { apiKind } from '../../providers/aws/api-kinds.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { deleteFunctionVersion } from '../../providers/aws/released-versions.js';
import type { ReleaseManifest } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';

export interface PruneResult {
  functionVersions: string[];
  apiDeployments: string[];
  /** Still in use outside the kept releases (an alias or a stage points at them): left alone. */
  inUse: string[];
}

function referenced(manifests: readonly ReleaseManifest[]) {
  const versions = new Set<string>();
  const deployments = new Set<string>();
  for (const manifest of manifests) {
    for (const fn of manifest.backend?.functions ?? []) versions.add(`${fn.name}:${fn.version}`);
    const api = manifest.backend?.api;
    if (api) deployments.add(`${releasedApiType(api)}:${releasedApiId(api)}/${api.deploymentId}`);
  }
  return { versions, deployments };
}

/**
 * After a successful deployment: deletes the function versions and API deployments that only releases
 * older than the `rollout.keepReleases` newest ones refer to. Anything a kept release needs stays, and so
 * does anything an alias or stage still points at (AWS refuses those; they are reported). Object versions
 * are never deleted.
 */
export async function pruneReleases(
  loaded: LoadedConfig,
  clients: AwsClients,
  store: StateStore,
  report: Report,
): Promise<PruneResult> {
  const environment = loaded.environment;
  const releases = await store.listReleases(environment, { limit: Number.POSITIVE_INFINITY });
  const keep = loaded.config.rollout.keepReleases;
  const kept = referenced(releases.slice(0, keep).map((release) => release.manifest));
  const old = referenced(releases.slice(keep).map((release) => release.manifest));
  const result: PruneResult = { functionVersions: [], apiDeployments: [], inUse: [] };
  const versions = [...old.versions].filter((v) => !kept.versions.has(v)).sort();
  const deployments = [...old.deployments].filter((d) => !kept.deployments.has(d)).sort();
  const previous = releases[1];
  if (keep <= 1 && previous && versions.length + deployments.length > 0)
    emit(
      report,
      'warn',
      'prune',
      `removing what release v${previous.number} needs: with rollout.keepReleases ${keep}, no earlier release stays restorable`,
    );

  const lambda = await clients.lambda();
  for (const qualified of versions) {
    const split = qualified.lastIndexOf(':');
    const [name, version] = [qualified.slice(0, split), qualified.slice(split + 1)];
    if (version === '$LATEST') continue;
    const deleted = await deleteFunctionVersion(lambda, name, version);
    if (deleted === 'deleted') result.functionVersions.push(qualified);
    if (deleted === 'in-use') result.inUse.push(qualified);
  }
  for (const typed of deployments) {
    // `rest:abc/dep1`: the kind of API, then the id and deployment it reports.
    const type = typed.slice(0, typed.indexOf(':')) as ApiType;
    const qualified = typed.slice(type.length + 1);
    const [apiId, deploymentId] = qualified.split('/') as [string, string];
    const deleted = await (await apiKind(type)).deleteDeployment(clients, apiId, deploymentId);
    if (deleted === 'deleted') result.apiDeployments.push(qualified);
    if (deleted === 'in-use') result.inUse.push(qualified);
  }
  emit(
    report,
    'info',
    'prune',
    `pruned ${result.functionVersions.length} function version(s) and ${result.apiDeployments.length} API deployment(s) that no kept release needs${result.inUse.length ? `; ${result.inUse.length} still in use, kept` : ''}`,
  );
  return result;
}
