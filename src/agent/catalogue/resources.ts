import type { KnownFailure } from './known-failure.js';

/** Resources the configuration names that are missing or not set up the way a deployment needs. */
export const RESOURCE_FAILURES: KnownFailure[] = [
  {
    id: 'bucket-missing',
    title: 'Bucket does not exist',
    recognisedBy: { errors: ['NoSuchBucket', 'BucketMissing', 'StateBucketMissing'] },
    explanation:
      'The S3 bucket named in the configuration (frontend.bucket, or the state bucket) does not exist in this account.',
    remedy: 'Create it (or `omnix state init` for the state bucket), or fix the name in the configuration.',
    blamesChange: false,
    next: 'fix-and-redeploy',
  },
  {
    id: 'bucket-not-versioned',
    title: 'Bucket not versioned',
    recognisedBy: { errors: ['BucketNotVersioned'], messages: [/versioning|versioned/i] },
    explanation:
      'Rollback copies earlier object versions back; without versioning on the site bucket there are none.',
    remedy:
      'Enable versioning on the bucket (`aws s3api put-bucket-versioning --versioning-configuration Status=Enabled`).',
    blamesChange: false,
    next: 'fix-and-redeploy',
  },
  {
    id: 'state-table-missing',
    title: 'State table does not exist',
    recognisedBy: { errors: ['StateTableMissing', 'StateTableMismatch'] },
    explanation:
      'The DynamoDB table named in state.table does not exist, or has other keys than omnix needs.',
    remedy: 'Run `omnix state init`, or name another table.',
    blamesChange: false,
    next: 'fix-and-redeploy',
  },
  {
    id: 'distribution-not-found',
    title: 'Distribution not found',
    recognisedBy: { errors: ['NoSuchDistribution', 'DistributionNotFound'] },
    explanation: 'The CloudFront distribution named in frontend.distributionId does not exist.',
    remedy: 'Fix frontend.distributionId (or the stack output it comes from).',
    blamesChange: false,
    next: 'fix-and-redeploy',
  },
  {
    id: 'stage-deployment-deleted',
    title: 'Stage points at a deleted deployment',
    recognisedBy: {
      errors: ['NotFoundException', 'BadRequestException', 'StageNotFound'],
      messages: [/deployment|stage/i],
    },
    explanation:
      'The API Gateway stage, or the release being restored, names a deployment that was deleted (by hand, or by pruning elsewhere).',
    remedy:
      'Deploy the API again (`omnix deploy <env> --redeploy-api`), then roll back only to releases whose deployments still exist.',
    blamesChange: false,
    next: 'fix-and-redeploy',
  },
  {
    id: 'parameter-not-found',
    title: 'SSM parameter or stack output missing',
    recognisedBy: { errors: ['ParameterNotFound', 'StackNotFound'] },
    explanation:
      'A ${ssm:} or ${cfn:} reference in the configuration names a parameter or stack output that does not exist.',
    remedy:
      'Create the parameter or stack, or fix the reference; `omnix config show <env> --resolve` checks them.',
    blamesChange: true,
    next: 'fix-and-redeploy',
  },
];
