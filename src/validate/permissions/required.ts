import { hasApi } from '../../config/api-routes.js';
import type { OmnixConfig } from '../../config/schema.js';
import { keyPrefix } from '../../providers/aws/site-bucket.js';
import { apiPermissions } from './api-permissions.js';
import type { PermissionScope, RequiredPermission } from './types.js';

export type { PermissionScope, RequiredPermission } from './types.js';

/** The AWS partition a region belongs to. */
export function partitionOf(region: string): string {
  if (region.startsWith('cn-')) return 'aws-cn';
  if (region.startsWith('us-gov-')) return 'aws-us-gov';
  return 'aws';
}

/**
 * Every IAM action a deployment of this configuration needs, with resources as narrow as the
 * configuration allows: deploy, verify (health checks), roll back, prune, the state store and validation
 * itself. `omnix iam-policy` prints it as a policy; the permissions check simulates it for the caller.
 * Creating the resources (the sandbox's `--bootstrap`) is not a deployer's job and is not included.
 */
export function requiredPermissions(config: OmnixConfig, scope: PermissionScope): RequiredPermission[] {
  const { partition, region, account } = scope;
  const out: RequiredPermission[] = [];
  const need = (actions: string[], resources: string[], purpose: string, samples = resources) => {
    for (const action of actions) out.push({ action, resources, samples, purpose });
  };
  const bucketArn = (bucket: string) => `arn:${partition}:s3:::${bucket}`;

  const frontend = config.frontend;
  if (frontend) {
    const prefix = keyPrefix(frontend.prefix);
    const bucket = bucketArn(frontend.bucket);
    const objects = `${bucket}/${prefix}*`;
    const sample = `${bucket}/${prefix}${frontend.entryPoints[0]}`;
    need(
      ['s3:ListBucket', 's3:ListBucketVersions', 's3:GetBucketVersioning', 's3:GetLifecycleConfiguration'],
      [bucket],
      'site bucket: read its objects, versions, versioning and lifecycle rules',
    );
    need(
      ['s3:PutObject', 's3:GetObjectVersion', 's3:DeleteObject', 's3:AbortMultipartUpload'],
      [objects],
      'site files: upload, restore earlier versions, delete stale files',
      [sample],
    );
    // Found by its origin when not configured, so listed first; ListDistributions has no resource level.
    if (!frontend.distributionId)
      need(['cloudfront:ListDistributions'], ['*'], 'find the distribution whose origin is the site bucket');
    const distributionId = frontend.distributionId ?? scope.distributionId ?? '*';
    need(
      ['cloudfront:GetDistribution', 'cloudfront:CreateInvalidation', 'cloudfront:GetInvalidation'],
      [`arn:${partition}:cloudfront::${account}:distribution/${distributionId}`],
      'distribution: check it and invalidate changed paths',
    );
  }

  const backend = config.backend;
  if (backend) {
    const functions = Object.values(backend.functions);
    const functionArn = (name: string) => `arn:${partition}:lambda:${region}:${account}:function:${name}`;
    const unqualified = functions.map((fn) => functionArn(fn.name));
    const qualified = functions.map((fn) => `${functionArn(fn.name)}:*`);
    const aliases = functions.map((fn) => `${functionArn(fn.name)}:${fn.alias}`);
    need(
      [
        'lambda:GetFunctionConfiguration',
        'lambda:UpdateFunctionCode',
        'lambda:UpdateFunctionConfiguration',
        'lambda:PublishVersion',
        'lambda:GetAlias',
        'lambda:CreateAlias',
        'lambda:UpdateAlias',
      ],
      unqualified,
      'functions: read and update code and configuration, publish versions, move the alias',
    );
    need(
      ['lambda:GetFunctionConfiguration'],
      qualified,
      'function versions: read what a release serves',
      aliases,
    );
    // Only qualified: pruning deletes old versions, never the function itself.
    need(
      ['lambda:DeleteFunction'],
      qualified,
      'prune function versions no kept release needs',
      functions.map((fn) => `${functionArn(fn.name)}:1`),
    );
    const invoked = new Set(
      config.health.checks.flatMap((check) => (check.type === 'lambda' ? [check.function] : [])),
    );
    const invokedArns = Object.entries(backend.functions)
      .filter(([key, fn]) => invoked.has(key) || invoked.has(fn.name))
      .map(([, fn]) => `${functionArn(fn.name)}:${fn.alias}`);
    if (invokedArns.length > 0) need(['lambda:InvokeFunction'], invokedArns, 'lambda health checks');
    if (backend.artifactBucket) {
      const bucket = bucketArn(backend.artifactBucket);
      need(['s3:ListBucket'], [bucket], 'artifact bucket: check it exists');
      need(
        ['s3:PutObject', 's3:GetObject'],
        [`${bucket}/omnix/*`],
        'function packages over 50 MB go through the artifact bucket',
        [`${bucket}/omnix/${functions[0]?.name ?? 'function'}/package.zip`],
      );
    }
    if (hasApi(backend)) apiPermissions(backend, scope, need);
  }

  const alarms = config.health.checks.flatMap((check) =>
    check.type === 'cloudwatch-alarm' ? check.alarms : [],
  );
  if (alarms.length > 0)
    need(
      ['cloudwatch:DescribeAlarms'],
      alarms.map((name) => `arn:${partition}:cloudwatch:${region}:${account}:alarm:${name}`),
      'cloudwatch-alarm health checks',
    );

  const topics = config.notifications.flatMap((target) => (target.type === 'sns' ? [target.topicArn] : []));
  if (topics.length > 0) need(['sns:Publish'], [...new Set(topics)], 'notifications to SNS topics');

  const state = config.state;
  if (state.backend === 's3') {
    const bucket = bucketArn(state.bucket);
    need(['s3:ListBucket'], [bucket], 'state store bucket');
    need(
      ['s3:GetObject', 's3:PutObject', 's3:DeleteObject'],
      [`${bucket}/${state.prefix}*`],
      'state store: locks, deployment records, releases',
      [`${bucket}/${state.prefix}locks/example`],
    );
  } else if (state.backend === 'dynamodb') {
    const table = `arn:${partition}:dynamodb:${state.region ?? region}:${account}:table/${state.table}`;
    need(
      [
        'dynamodb:DescribeTable',
        'dynamodb:GetItem',
        'dynamodb:PutItem',
        'dynamodb:DeleteItem',
        'dynamodb:Query',
      ],
      [table],
      'state store: locks, deployment records, releases',
    );
    need(['dynamodb:Query'], [`${table}/index/*`], 'state store: deployments by id', [
      `${table}/index/ByDeploymentId`,
    ]);
  }

  const stacks = [...new Set((scope.references?.cfn ?? []).map((reference) => reference.split('.')[0]!))];
  if (stacks.length > 0)
    need(
      ['cloudformation:DescribeStacks'],
      stacks.map((stack) => `arn:${partition}:cloudformation:${region}:${account}:stack/${stack}/*`),
      'resolve ${cfn:} references',
    );
  const parameters = scope.references?.ssm ?? [];
  if (parameters.length > 0)
    need(
      ['ssm:GetParameter'],
      parameters.map(
        (name) => `arn:${partition}:ssm:${region}:${account}:parameter/${name.replace(/^\//, '')}`,
      ),
      'resolve ${ssm:} references',
    );

  if (scope.principalArn)
    need(['iam:SimulatePrincipalPolicy'], [scope.principalArn], 'validation: simulate these permissions');
  return out;
}
