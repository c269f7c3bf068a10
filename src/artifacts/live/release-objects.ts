import type { LoadedConfig } from '../../config/load.js';
import { releasedApiId, releasedApiType } from '../../providers/aws/api-kind.js';
import { apiKind } from '../../providers/aws/api-kinds.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { functionVersionExists } from '../../providers/aws/released-versions.js';
import type { ReleaseManifest } from '../../records/index.js';
import { type SiteListing, siteListing } from './site-listing.js';

type ManifestObject = NonNullable<ReleaseManifest['frontend']>['objects'][number];

/** What reading a release's objects needs: the environment, its clients, and a listing shared by the command, if any. */
export interface ListingContext {
  loaded: LoadedConfig;
  clients: AwsClients;
  /** The site's listing, shared by the steps of one command; unset: each step lists for itself. */
  listing?: SiteListing;
}

/**
 * Whether the live object serves the manifest object's content: the same version, or a copy of it (a
 * copy gets a new version id; its ETag is the content's MD5, or the original's for a single-part upload).
 */
export function sameContent(
  object: Pick<ManifestObject, 'versionId' | 'md5' | 'etag'>,
  live: { versionId: string; etag?: string | undefined } | undefined,
): boolean {
  if (!live) return false;
  if (live.versionId === object.versionId) return true;
  return live.etag !== undefined && (live.etag === object.etag || live.etag === object.md5);
}

/** The listing the context shares, or a new one for this step alone. */
export const listingOf = (context: ListingContext): SiteListing =>
  context.listing ?? siteListing(context.clients, context.loaded.config.frontend?.prefix ?? '');

type SiteVersions = (bucket: string) => Promise<ReadonlyArray<{ key: string; versionId: string }>>;

/**
 * What of `target` can no longer be made live: object versions, function versions or API deployments
 * that were deleted (by lifecycle rules or by hand). Restore never recreates them.
 */
export async function missingFromTarget(
  target: ReleaseManifest,
  context: ListingContext,
  /** Lists a bucket's object versions under the site prefix; give a cached one to check many releases. */
  siteVersions: SiteVersions = (bucket) => listingOf(context).versions(bucket),
): Promise<string[]> {
  const missing: string[] = [];
  if (target.frontend && target.frontend.objects.length > 0) {
    const versions = new Set(
      (await siteVersions(target.frontend.bucket)).map((v) => `${v.key}\u0000${v.versionId}`),
    );
    for (const object of target.frontend.objects)
      if (!versions.has(`${object.key}\u0000${object.versionId}`))
        missing.push(`s3://${target.frontend.bucket}/${object.key} version ${object.versionId}`);
  }
  if (target.backend) {
    const lambda = await context.clients.lambda();
    for (const fn of target.backend.functions) {
      if (fn.version === '$LATEST') {
        missing.push(`function ${fn.name}: its code then was never published as a version`);
        continue;
      }
      if (!(await functionVersionExists(lambda, fn.name, fn.version)))
        missing.push(`function ${fn.name} version ${fn.version}`);
    }
    const api = target.backend.api;
    if (api) {
      const kind = await apiKind(releasedApiType(api));
      if (!(await kind.deploymentExists(context.clients, releasedApiId(api), api.deploymentId)))
        missing.push(`${kind.label} ${releasedApiId(api)} deployment ${api.deploymentId}`);
    }
  }
  return missing;
}
