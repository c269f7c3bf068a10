import { resolve } from 'node:path';
import { ValidationFailedError } from '../../core/errors.js';
import { findDistribution } from '../../providers/aws/distribution.js';
import { listLiveObjects } from '../../providers/aws/site-bucket.js';
import { applyFrontend } from '../apply-frontend.js';
import { planFrontend } from '../plan/frontend-plan.js';
import type { PlannedFrontend } from '../plan-deployment.js';
import { scanSite } from '../scan/site.js';
import type { Component } from './component.js';

/** The site: files in S3 behind CloudFront. */
export const frontendComponent: Component<PlannedFrontend, 'frontend'> = {
  name: 'frontend',
  async plan({ loaded, clients, releases: allReleases }) {
    const { config, location } = loaded;
    if (!config.frontend) return undefined;
    const root = location.projectRoot;
    const frontend = config.frontend;
    const s3 = await clients.s3();
    const releases = allReleases.slice(0, frontend.deleteStale.afterReleases + 1);
    const [local, live, distribution] = await Promise.all([
      scanSite(resolve(root, frontend.source), frontend),
      listLiveObjects(s3, frontend.bucket, frontend.prefix ? `${frontend.prefix.replace(/\/+$/, '')}/` : ''),
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
  apply: (planned, context) =>
    applyFrontend(planned, context.loaded.config.frontend!, context.clients, context.report, context.changed),
};
