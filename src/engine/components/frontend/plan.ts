import type { LocalFile } from '../../../artifacts/local/site.js';
import { type InvalidationPlan, planInvalidation } from './invalidation.js';

/** An object as it is live in the bucket (current version). */
export interface LiveObject {
  key: string;
  /** S3 ETag without quotes. */
  etag: string;
  versionId?: string;
}

/** One object of a release's manifest. */
export interface ManifestObject {
  key: string;
  versionId: string;
  /** Hex MD5 of the content. */
  md5: string;
  /** The S3 ETag it was stored with, when that is not the MD5 (multipart uploads: `<hash>-<parts>`). */
  etag?: string;
}

export type UploadReason = 'new' | 'changed' | 'drifted';

export interface PlannedUpload {
  file: LocalFile;
  reason: UploadReason;
}

export interface FrontendPlan {
  /** Assets first; upload these in parallel. */
  uploads: PlannedUpload[];
  /** Entry points that changed: upload after every asset. */
  entryPoints: PlannedUpload[];
  unchanged: number;
  /** Stale keys whose grace period ran out. */
  deletes: string[];
  /** Stale keys still kept for clients on older pages, with the releases they have left. */
  keptStale: Array<{ key: string; releasesLeft: number }>;
  /** Live objects that no longer match the last release (changed or removed outside omnix). */
  drift: Array<{ key: string; expected: string; found: string | null }>;
  invalidation: InvalidationPlan;
  uploadBytes: number;
  /**
   * Keys under an `immutable` Cache-Control whose content changed under the same name: CloudFront is
   * invalidated, but browsers may keep the old file for as long as max-age says.
   */
  immutableChanged: string[];
}

export interface FrontendPlanInput {
  local: readonly LocalFile[];
  live: readonly LiveObject[];
  /** Manifests of earlier releases, newest first (empty on the first deployment). */
  releases: ReadonlyArray<readonly ManifestObject[]>;
  /** Paths (relative to the source) uploaded last. */
  entryPoints: readonly string[];
  /** How many releases a removed file is kept for. */
  keepStaleReleases: number;
  wildcardAfter: number;
  /** Key prefix of the site in the bucket (the distribution's origin path). */
  prefix: string;
}

const isImmutable = (file: LocalFile) => /\bimmutable\b/.test(file.cacheControl ?? '');

/**
 * What a deployment must do to the bucket, compared by content hash: against the last release's
 * manifest when there is one (and checking the live objects still match it), against the live ETags
 * on a first deployment. Pure: it reads nothing and changes nothing.
 */
export function planFrontend(input: FrontendPlanInput): FrontendPlan {
  const live = new Map(input.live.map((object) => [object.key, object]));
  const last = input.releases[0]
    ? new Map(input.releases[0].map((object) => [object.key, object]))
    : undefined;
  const entryPoints = new Set(input.entryPoints);
  const uploads: PlannedUpload[] = [];
  const entryUploads: PlannedUpload[] = [];
  const drift: FrontendPlan['drift'] = [];
  let unchanged = 0;

  for (const file of input.local) {
    const liveObject = live.get(file.key);
    const released = last?.get(file.key);
    let reason: UploadReason | undefined;
    if (last) {
      const expectedEtag = released ? (released.etag ?? released.md5) : undefined;
      const drifted = released !== undefined && liveObject?.etag !== expectedEtag;
      if (drifted) drift.push({ key: file.key, expected: expectedEtag!, found: liveObject?.etag ?? null });
      if (!released) reason = liveObject?.etag === file.md5 ? undefined : 'new';
      else if (released.md5 !== file.md5) reason = 'changed';
      else if (drifted) reason = 'drifted';
    } else if (!liveObject) reason = 'new';
    else if (liveObject.etag !== file.md5) reason = 'changed';
    if (!reason) {
      unchanged++;
      continue;
    }
    (entryPoints.has(file.path) ? entryUploads : uploads).push({ file, reason });
  }

  // Files in earlier releases but not in this one: kept for `keepStaleReleases` releases, then deleted.
  const localKeys = new Set(input.local.map((file) => file.key));
  const deletes: string[] = [];
  const keptStale: FrontendPlan['keptStale'] = [];
  const managed = new Set(input.releases.flatMap((release) => release.map((object) => object.key)));
  for (const key of [...managed].sort()) {
    if (localKeys.has(key) || !live.has(key)) continue;
    const lastSeen = input.releases.findIndex((release) => release.some((object) => object.key === key));
    const releasesLeft = input.keepStaleReleases - lastSeen;
    if (releasesLeft > 0) keptStale.push({ key, releasesLeft });
    else deletes.push(key);
  }

  // Only a key that never existed can be cached nowhere: every existing key whose content changed is
  // invalidated, whatever its name or Cache-Control says (a "hashed" name that changed is not hashed).
  const replaced = [...uploads, ...entryUploads].filter(
    ({ file, reason }) => reason !== 'new' || live.has(file.key),
  );
  const changedPaths = [...replaced, ...entryUploads].map(({ file }) => file.path);
  const immutableChanged = replaced.filter(({ file }) => isImmutable(file)).map(({ file }) => file.key);
  const prefix = input.prefix.replace(/^\/+|\/+$/g, '');
  const deletedPaths = deletes.map((key) =>
    prefix && key.startsWith(`${prefix}/`) ? key.slice(prefix.length + 1) : key,
  );
  const rootObject = input.entryPoints[0];
  return {
    uploads,
    entryPoints: entryUploads,
    unchanged,
    deletes,
    keptStale,
    drift,
    invalidation: planInvalidation([...changedPaths, ...deletedPaths], {
      wildcardAfter: input.wildcardAfter,
      ...(rootObject ? { rootObject } : {}),
    }),
    uploadBytes: [...uploads, ...entryUploads].reduce((sum, { file }) => sum + file.size, 0),
    immutableChanged,
  };
}
