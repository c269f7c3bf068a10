import { ValidationFailedError } from '../../../core/errors.js';
import { emit } from '../../../core/events.js';
import { findDistribution } from '../../../providers/aws/distribution.js';
import type { Component } from '../component.js';
import { applyFrontend } from './apply.js';
import { planFrontend } from './plan.js';
import type { PlannedFrontend } from './planned.js';

/** The site: files in S3 behind CloudFront. */
export const frontendComponent: Component<PlannedFrontend, 'frontend'> = {
  name: 'frontend',
  async plan({ loaded, clients, releases: allReleases, artifacts, listing }) {
    const { config } = loaded;
    if (!config.frontend) return undefined;
    const frontend = config.frontend;
    const releases = allReleases.slice(0, frontend.deleteStale.afterReleases + 1);
    const [local, live, distribution] = await Promise.all([
      artifacts.site(),
      listing.live(frontend.bucket),
      findDistribution(await clients.cloudFront(), frontend.distributionId, frontend.bucket),
    ]);
    const frontendPlan = planFrontend({
      local,
      live,
      releases: releases.map((release) => release.manifest.frontend?.objects ?? []),
      entryPoints: frontend.entryPoints,
      keepStaleReleases: frontend.deleteStale.afterReleases,
      wildcardAfter: frontend.invalidation.wildcardAfter,
      prefix: frontend.prefix,
    });
    const missingEntry = frontend.entryPoints.filter((entry) => !local.some((file) => file.path === entry));
    if (missingEntry.length > 0) {
      throw new ValidationFailedError(
        'EntryPointMissing',
        `the built site has no ${missingEntry.join(', ')}`,
        { hint: 'Run the build, or fix frontend.entryPoints.' },
      );
    }
    return { bucket: frontend.bucket, distribution, local, live, plan: frontendPlan };
  },
  changes: (planned) =>
    planned.plan.uploads.length + planned.plan.entryPoints.length + planned.plan.deletes.length > 0,
  // The live listing knows ETags, not content hashes: for single-part objects they are the MD5.
  describeLive: (planned) => ({
    bucket: planned.bucket,
    objects: planned.live.map((object) => ({
      key: object.key,
      versionId: object.versionId,
      md5: object.etag,
      etag: object.etag,
    })),
  }),
  apply: (planned, context) => {
    const sameName = planned.plan.immutableChanged;
    if (sameName.length > 0)
      emit(
        context.report,
        'warn',
        'apply',
        `${sameName.length} file(s) marked immutable changed under the same name (${sameName.slice(0, 5).join(', ')}${sameName.length > 5 ? ', …' : ''}): CloudFront is invalidated, but browsers may keep the old copy for as long as Cache-Control allows`,
        {
          data: {
            immutableChanged: sameName,
            hint: 'Put a content hash in the file names of immutable assets.',
          },
        },
      );
    return applyFrontend(
      planned,
      context.loaded.config.frontend!,
      context.clients,
      context.report,
      context.changed,
    );
  },
};
