import { mapPool } from '../../core/pool.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import {
  currentVersion,
  keyPrefix,
  type LiveSiteObject,
  listVersions,
} from '../../providers/aws/site-bucket.js';

export type SiteVersion = LiveSiteObject & { latest: boolean };

/**
 * The site's object versions under one prefix, listed once per bucket and command and shared by every
 * step that reads them: a deployment's validation and plan; a rollback's plan, safety check, snapshot,
 * restore and verification. A step that changes keys says which (`changed`): the live view then reads
 * back just those, so what follows costs one request per changed key, not another listing.
 */
export interface SiteListing {
  /** Every version (delete markers left out); `latest` marks the current ones. */
  versions(bucket: string): Promise<SiteVersion[]>;
  /** The current version of every key. */
  live(bucket: string): Promise<LiveSiteObject[]>;
  /** These keys are being changed: their current version is read again when next asked for. */
  changed(bucket: string, keys: Iterable<string>): void;
  /** Lists everything again when next asked (another deployment may have changed what is live). */
  forget(): void;
}

interface Listed {
  versions: Promise<SiteVersion[]>;
  /** Keys read back since the listing: the current version, or null when there is none. */
  readBack: Map<string, LiveSiteObject | null>;
  pending: Set<string>;
}

const READ_BACK_CONCURRENCY = 8;

/** The listing of the site's objects under `frontend.prefix` (`sitePrefix`: as configured, slashes and all). */
export function siteListing(clients: Pick<AwsClients, 's3'>, sitePrefix: string): SiteListing {
  const prefix = keyPrefix(sitePrefix);
  const buckets = new Map<string, Listed>();
  const listed = (bucket: string): Listed => {
    let entry = buckets.get(bucket);
    if (!entry) {
      const versions = clients.s3().then((s3) => listVersions(s3, bucket, prefix));
      // A failed listing is not kept: the next step that asks lists again.
      versions.catch(() => buckets.delete(bucket));
      entry = { versions, readBack: new Map(), pending: new Set() };
      buckets.set(bucket, entry);
    }
    return entry;
  };
  return {
    async versions(bucket) {
      const entry = buckets.get(bucket);
      // Versions were added or marked since: only a new listing says which.
      if (entry && (entry.readBack.size > 0 || entry.pending.size > 0)) buckets.delete(bucket);
      return listed(bucket).versions;
    },
    async live(bucket) {
      const entry = listed(bucket);
      const all = await entry.versions;
      const keys = [...entry.pending];
      entry.pending.clear();
      if (keys.length > 0) {
        const s3 = await clients.s3();
        try {
          await mapPool(keys, READ_BACK_CONCURRENCY, async (key) => {
            entry.readBack.set(key, (await currentVersion(s3, bucket, key)) ?? null);
          });
        } catch (error) {
          for (const key of keys) if (!entry.readBack.has(key)) entry.pending.add(key);
          throw error;
        }
      }
      const current = new Map<string, LiveSiteObject>();
      for (const { latest, ...object } of all) if (latest) current.set(object.key, object);
      for (const [key, object] of entry.readBack) {
        if (object) current.set(key, object);
        else current.delete(key);
      }
      return [...current.values()].sort((a, b) => (a.key < b.key ? -1 : a.key > b.key ? 1 : 0));
    },
    changed(bucket, keys) {
      const entry = buckets.get(bucket);
      if (!entry) return;
      for (const key of keys) {
        entry.readBack.delete(key);
        entry.pending.add(key);
      }
    },
    forget() {
      buckets.clear();
    },
  };
}
