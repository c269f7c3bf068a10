import { bucketVersioning, reachBucket } from '../../providers/aws/bucket-settings.js';
import { findDistribution } from '../../providers/aws/distribution.js';
import { readDistributionSettings } from '../../providers/aws/distribution-settings.js';
import { combine } from '../finding.js';
import type { ValidationCheck, ValidationFinding } from '../types.js';

/** The site bucket exists and is versioned when rollback needs it; the distribution serves it. */
export const frontendCheck: ValidationCheck = {
  name: 'frontend',
  needs: 'frontend',
  async run(context) {
    const frontend = context.loaded.config.frontend!;
    const { bucket } = frontend;
    const s3 = await context.clients.s3();
    const reach = await reachBucket(s3, bucket);
    if (!reach.ok && reach.reason === 'missing')
      return {
        status: 'fail',
        message: `the bucket ${bucket} does not exist`,
        hint: 'Create it (versioned), or fix frontend.bucket.',
      };
    if (!reach.ok)
      return {
        status: 'fail',
        message: `the bucket ${bucket} is not reachable (${reach.reason === 'denied' ? 'access denied' : reach.message})`,
        hint: 'The deployer needs s3:ListBucket on it; `omnix iam-policy` prints what it needs.',
      };
    const versioning = await bucketVersioning(s3, bucket);
    const versioned = versioning === 'Enabled';
    const problems: ValidationFinding[] = [];
    if (!versioned) {
      const rollback = context.loaded.config.rollout.autoRollback;
      problems.push({
        status: rollback ? 'fail' : 'warn',
        message: `the bucket ${bucket} is not versioned (versioning: ${versioning ?? 'never enabled'})${rollback ? ', so a rollback could not restore earlier files' : ''}`,
        hint: `Enable versioning: aws s3api put-bucket-versioning --bucket ${bucket} --versioning-configuration Status=Enabled`,
      });
    }
    const cloudFront = await context.clients.cloudFront();
    let distributionId = frontend.distributionId;
    if (!distributionId) {
      try {
        distributionId = (await findDistribution(cloudFront, undefined, bucket)).id;
      } catch (error) {
        problems.push({
          status: 'fail',
          message: (error as Error).message,
          hint: 'Set frontend.distributionId, or create a distribution with the bucket as its origin.',
        });
      }
    }
    if (distributionId) {
      const distribution = await readDistributionSettings(cloudFront, distributionId);
      if (!distribution)
        problems.push({
          status: 'fail',
          message: `the distribution ${distributionId} does not exist`,
          hint: 'Fix frontend.distributionId.',
        });
      else {
        if (!distribution.enabled)
          problems.push({
            status: 'fail',
            message: `the distribution ${distributionId} is disabled`,
            hint: 'Enable it in CloudFront before deploying.',
          });
        const origins = distribution.originDomains;
        if (
          !origins.some((domain) => domain.startsWith(`${bucket}.s3.`) || domain.startsWith(`${bucket}.s3-`))
        )
          problems.push({
            status: 'fail',
            message: `the distribution ${distributionId} does not serve the bucket ${bucket} (its origins: ${origins.join(', ') || 'none'})`,
            hint: 'Point frontend.distributionId at the distribution in front of the bucket.',
          });
      }
    }
    return combine(problems, `bucket ${bucket} (versioned) behind distribution ${distributionId}`);
  },
};
