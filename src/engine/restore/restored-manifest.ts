import { listingOf, sameContent } from '../../artifacts/live/release-objects.js';
import type { ReleaseManifest } from '../../records/index.js';
import type { RestoreContext } from './restore.js';

/**
 * `target` as it is live after a restore: the same content under the version ids the restore's copies
 * got (a copy of an old version is a new version). A release records what is live, so drift and the
 * next rollback compare with what S3 really serves, not with the version that was copied.
 */
export async function restoredManifest(
  target: ReleaseManifest,
  context: Omit<RestoreContext, 'changed' | 'report'>,
): Promise<ReleaseManifest> {
  if (!target.frontend) return target;
  const live = new Map(
    (await listingOf(context).live(target.frontend.bucket)).map((object) => [object.key, object]),
  );
  const objects = target.frontend.objects.map((object) => {
    const found = live.get(object.key);
    if (!found || found.versionId === object.versionId || !sameContent(object, found)) return object;
    return { ...object, versionId: found.versionId, etag: found.etag };
  });
  return { ...target, frontend: { ...target.frontend, objects } };
}
