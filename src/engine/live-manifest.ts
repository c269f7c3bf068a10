import type { ReleaseManifest } from '../state/records.js';
import type { DeploymentPlan } from './plan-deployment.js';

/**
 * What is live right now, as a manifest, from the state the plan read: the current object versions,
 * what each alias serves, and the stage's deployment. Recorded before the first change, so a failed or
 * interrupted deployment can always be put back, even on a first deployment or after drift.
 */
export function liveManifest(plan: DeploymentPlan): ReleaseManifest {
  const manifest: ReleaseManifest = {};
  if (plan.frontend) {
    manifest.frontend = {
      bucket: plan.frontend.bucket,
      // The live listing knows ETags, not content hashes: for single-part objects they are the MD5.
      objects: plan.frontend.live.map((object) => ({
        key: object.key,
        versionId: object.versionId,
        md5: object.etag,
        etag: object.etag,
      })),
    };
  }
  if (plan.backend) {
    manifest.backend = {
      functions: [...plan.backend.live.values()].map((fn) => ({
        name: fn.name,
        version: fn.alias?.version ?? '$LATEST',
        codeSha256: fn.alias?.codeSha256 ?? fn.codeSha256,
      })),
      ...(plan.backend.api?.live
        ? {
            api: {
              restApiId: plan.backend.api.restApiId,
              stage: plan.backend.api.stage,
              deploymentId: plan.backend.api.live.deploymentId,
            },
          }
        : {}),
    };
  }
  return manifest;
}
