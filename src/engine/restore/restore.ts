import { listingOf, sameContent } from '../../artifacts/live/release-objects.js';
import type { SiteListing } from '../../artifacts/live/site-listing.js';
import type { LoadedConfig } from '../../config/load.js';
import { OmnixError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import { runPool } from '../../core/pool.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { findDistribution, invalidate } from '../../providers/aws/distribution.js';
import { pointAlias, publishVersion, readLiveFunction } from '../../providers/aws/functions.js';
import { deleteKeys, keyPrefix, restoreVersion } from '../../providers/aws/site-bucket.js';
import type { ReleaseManifest } from '../../records/index.js';
import { planInvalidation } from '../components/frontend/invalidation.js';
import { invalidationProgress } from '../components/frontend/invalidation-progress.js';
import { apiDifferences, liveApiLike, restoreApi } from './restore-api.js';

export interface RestoreContext {
  loaded: LoadedConfig;
  clients: AwsClients;
  report: Report;
  /**
   * The site's listing, shared by the steps of one command (a rollback's plan, snapshot, restore and
   * verification); unset: each step lists for itself.
   */
  listing?: SiteListing;
  /** Told every change as it is made, like a deployment's. */
  changed(change: string, options?: { batch?: boolean }): Promise<void>;
}

type FrontendManifest = NonNullable<ReleaseManifest['frontend']>;
type BackendManifest = NonNullable<ReleaseManifest['backend']>;

type ManifestObject = FrontendManifest['objects'][number];

export const sitePrefix = (loaded: LoadedConfig) => keyPrefix(loaded.config.frontend?.prefix ?? '');

/** The alias the manifest names (records from before aliases were kept: the configured one). */
function aliasOf(loaded: LoadedConfig, fn: BackendManifest['functions'][number]): string {
  const configured = Object.values(loaded.config.backend?.functions ?? {}).find((f) => f.name === fn.name);
  const alias = fn.alias ?? configured?.alias;
  if (!alias)
    throw new OmnixError('AliasUnknown', `the release does not say which alias of ${fn.name} served it`, {
      hint: `Add ${fn.name} to backend.functions with its alias.`,
    });
  return alias;
}

/**
 * Makes the site what `target` lists: every key whose current version differs gets the target version
 * copied over it, keys the target does not have get a delete marker (itself undoable); then the
 * changed paths are invalidated and waited for. Running it again changes nothing.
 */
async function restoreFrontend(target: FrontendManifest, context: RestoreContext): Promise<number> {
  const { loaded, clients, report, changed } = context;
  const s3 = await clients.s3();
  const prefix = sitePrefix(loaded);
  const listing = listingOf(context);
  const live = new Map((await listing.live(target.bucket)).map((object) => [object.key, object]));
  const wanted = new Set(target.objects.map((object) => object.key));
  const copies = target.objects.filter((object) => !sameContent(object, live.get(object.key)));
  const deletes = [...live.keys()].filter((key) => !wanted.has(key)).sort();
  emit(
    report,
    'progress',
    'rollback',
    `site: ${copies.length} file(s) to put back, ${deletes.length} to remove`,
  );
  // Marked before each change is tried: whatever happens, the verification reads these keys back.
  listing.changed(target.bucket, [...copies.map((object) => object.key), ...deletes]);
  await runPool(copies, loaded.config.frontend?.concurrency ?? 8, async (object) => {
    await restoreVersion(s3, target.bucket, object.key, object.versionId);
    await changed(`restored ${object.key} to version ${object.versionId}`, { batch: true });
  });
  if (deletes.length > 0) {
    await deleteKeys(s3, target.bucket, deletes);
    await changed(`removed ${deletes.length} file(s) the release did not have: ${deletes.join(', ')}`);
  }
  const paths = [...copies.map((object) => object.key), ...deletes].map((key) => key.slice(prefix.length));
  const frontend = loaded.config.frontend;
  const invalidation = planInvalidation(paths, {
    wildcardAfter: frontend?.invalidation.wildcardAfter ?? 15,
    ...(frontend?.entryPoints[0] ? { rootObject: frontend.entryPoints[0] } : {}),
  });
  if (invalidation.paths.length > 0) {
    const cloudFront = await clients.cloudFront();
    const distribution = await findDistribution(cloudFront, frontend?.distributionId, target.bucket);
    await invalidate(cloudFront, distribution.id, invalidation.paths, {
      wait: frontend?.invalidation.wait ?? true,
      ...(frontend ? { timeoutMs: frontend.invalidation.timeoutSeconds * 1000 } : {}),
      onCreated: (id, batch) => changed(`invalidation ${id}: ${batch.join(' ')}`),
      onWaiting: invalidationProgress(context.report, 'rollback'),
      recoveries: clients.recoveries,
    });
  }
  return copies.length + deletes.length;
}

/** Every alias back on its target version with all the traffic; the API back as recorded (restore-api.ts). */
async function restoreBackend(target: BackendManifest, context: RestoreContext): Promise<number> {
  const { loaded, clients, changed } = context;
  const lambda = await clients.lambda();
  let count = 0;
  for (const fn of target.functions) {
    if (fn.version === '$LATEST')
      throw new OmnixError(
        'NotRestorable',
        `function ${fn.name} had no published version then: its code of that time cannot be put back`,
      );
    const alias = aliasOf(loaded, fn);
    const live = await readLiveFunction(lambda, fn.name, alias);
    if (live?.alias?.version === fn.version) continue;
    await pointAlias(lambda, fn.name, alias, fn.version, {}, clients.recoveries);
    await changed(`function ${fn.name}: alias ${alias} → version ${fn.version}`);
    count++;
  }
  if (target.api)
    count += await restoreApi(target.api, {
      clients,
      changed,
      turnOffAutoDeploy: loaded.config.backend?.api?.turnOffAutoDeploy === true,
    });
  return count;
}

/** Puts `target` back: the site first, then the backend (the reverse of a deployment). Returns how many things changed. */
export async function restoreManifest(target: ReleaseManifest, context: RestoreContext): Promise<number> {
  let count = 0;
  if (target.frontend) count += await restoreFrontend(target.frontend, context);
  if (target.backend) count += await restoreBackend(target.backend, context);
  return count;
}

/** Reads back what is live and lists every way it differs from `target` (empty: restored). */
export async function differencesFrom(
  target: ReleaseManifest,
  context: Omit<RestoreContext, 'changed'>,
): Promise<string[]> {
  return manifestDifferences(await liveLike(target, context), target);
}

/** Every way the `live` manifest differs from `target`, one line each. */
function manifestDifferences(live: ReleaseManifest, target: ReleaseManifest): string[] {
  const differences: string[] = [];
  if (target.frontend) {
    const current = new Map((live.frontend?.objects ?? []).map((object) => [object.key, object]));
    for (const object of target.frontend.objects) {
      const found = current.get(object.key);
      if (!sameContent(object, found))
        differences.push(
          `${object.key}: version ${found?.versionId ?? '(none)'} is live, not ${object.versionId}`,
        );
    }
    const wanted = new Set(target.frontend.objects.map((object) => object.key));
    for (const key of current.keys())
      if (!wanted.has(key)) differences.push(`${key}: live, but not in the release`);
  }
  const functions = new Map((live.backend?.functions ?? []).map((fn) => [fn.name, fn.version]));
  for (const fn of target.backend?.functions ?? []) {
    const version = functions.get(fn.name);
    if (version !== fn.version)
      differences.push(`function ${fn.name}: alias on version ${version ?? '(none)'}, not ${fn.version}`);
  }
  const api = target.backend?.api;
  if (api) differences.push(...apiDifferences(api, live.backend?.api));
  return differences;
}

/** What is live now, in the shape of `target` (the same bucket, functions and stage): a rollback's snapshot. */
export async function liveLike(
  target: ReleaseManifest,
  context: Omit<RestoreContext, 'changed'>,
): Promise<ReleaseManifest> {
  const { loaded, clients } = context;
  const live: ReleaseManifest = {};
  if (target.frontend) {
    const objects = await listingOf(context).live(target.frontend.bucket);
    live.frontend = {
      bucket: target.frontend.bucket,
      objects: objects.map((object) => ({
        key: object.key,
        versionId: object.versionId,
        md5: object.etag,
        etag: object.etag,
      })),
    };
  }
  if (target.backend) {
    const lambda = await clients.lambda();
    const functions: BackendManifest['functions'] = [];
    for (const fn of target.backend.functions) {
      const alias = aliasOf(loaded, fn);
      const current = await readLiveFunction(lambda, fn.name, alias);
      if (current)
        functions.push({
          name: fn.name,
          version: current.alias?.version ?? '$LATEST',
          codeSha256: current.alias?.codeSha256 ?? current.codeSha256,
          alias,
        });
    }
    live.backend = { functions };
    const api = target.backend.api && (await liveApiLike(target.backend.api, clients));
    if (api) live.backend.api = api;
  }
  return live;
}

/**
 * Functions whose alias did not exist before the deployment ran only `$LATEST`, which the deployment is
 * about to overwrite: their code is published as a version first, so the snapshot names something a
 * rollback can return to. Publishing changes nothing that is served.
 */
export async function pinUnpublished(
  snapshot: ReleaseManifest,
  clients: AwsClients,
  report: Report,
): Promise<void> {
  const unpublished = (snapshot.backend?.functions ?? []).filter((fn) => fn.version === '$LATEST');
  if (unpublished.length === 0) return;
  const lambda = await clients.lambda();
  for (const fn of unpublished) {
    fn.version = await publishVersion(lambda, fn.name, fn.codeSha256, clients.recoveries);
    emit(
      report,
      'info',
      'snapshot',
      `${fn.name}: its current code published as version ${fn.version}, to return to`,
    );
  }
}
