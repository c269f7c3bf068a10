import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { loadValidConfig } from '../../config/load.js';
import { policyDocument } from './policy.js';
import { requiredPermissions } from './required.js';
import { simulationPrincipal } from './simulate.js';

const EXAMPLE = join(import.meta.dirname, '../../../examples/webapp');

async function example(env: Record<string, string> = {}) {
  return (await loadValidConfig({ environment: 'production', configDir: EXAMPLE, cwd: EXAMPLE, env })).config;
}

const SCOPE = { partition: 'aws', region: 'us-east-1', account: '123456789012', apiId: 'abc123' };

describe('requiredPermissions', () => {
  it('names no wildcard action, and no resource wider than the configured ones', async () => {
    const permissions = requiredPermissions(await example(), { ...SCOPE, distributionId: 'E123' });
    expect(permissions.filter((p) => p.action.includes('*'))).toEqual([]);
    const resources = new Set(permissions.flatMap((p) => p.resources));
    // Only ListDistributions, which has no resource level, is on `*`.
    expect(permissions.filter((p) => p.resources.includes('*')).map((p) => p.action)).toEqual([
      'cloudfront:ListDistributions',
    ]);
    expect(resources).toContain('arn:aws:s3:::omnix-shop-web-production/*');
    expect(resources).toContain('arn:aws:cloudfront::123456789012:distribution/E123');
    expect(resources).toContain('arn:aws:lambda:us-east-1:123456789012:function:omnix-shop-api-production');
    expect(resources).toContain('arn:aws:apigateway:us-east-1::/restapis/abc123/stages/production');
    expect(resources).toContain(
      'arn:aws:lambda:us-east-1:123456789012:function:omnix-shop-worker-production:live',
    );
  });

  it('names the API Gateway v2 ARNs of an HTTP API, and what owning its routes adds', async () => {
    const config = await example({ OMNIX__BACKEND__API__TYPE: 'http' });
    const on = (permissions: ReturnType<typeof requiredPermissions>, action: string) =>
      permissions.filter((p) => p.action === action).flatMap((p) => p.resources);
    const unmanaged = requiredPermissions(config, SCOPE);
    expect(on(unmanaged, 'apigateway:GET')).toEqual([
      'arn:aws:apigateway:us-east-1::/apis',
      'arn:aws:apigateway:us-east-1::/apis/abc123',
      'arn:aws:apigateway:us-east-1::/apis/abc123/*',
    ]);
    expect(on(unmanaged, 'apigateway:POST')).toEqual([
      'arn:aws:apigateway:us-east-1::/apis/abc123/deployments',
      'arn:aws:apigateway:us-east-1::/apis/abc123/stages',
    ]);
    expect(on(unmanaged, 'apigateway:PATCH')).toEqual([
      'arn:aws:apigateway:us-east-1::/apis/abc123/stages/production',
    ]);
    expect(on(unmanaged, 'lambda:GetPolicy')).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:omnix-shop-api-production:live',
    ]);
    expect(on(unmanaged, 'lambda:AddPermission')).toEqual([]);
    expect(unmanaged.some((p) => p.resources.some((r) => r.includes('/restapis')))).toBe(false);

    const routed = requiredPermissions(
      {
        ...config,
        backend: {
          ...config.backend!,
          api: { ...config.backend!.api!, routes: { $default: 'api', 'POST /orders': 'worker' } },
        },
      },
      SCOPE,
    );
    expect(on(routed, 'apigateway:DELETE')).toEqual([
      'arn:aws:apigateway:us-east-1::/apis/abc123/deployments/*',
      'arn:aws:apigateway:us-east-1::/apis/abc123/routes/*',
      'arn:aws:apigateway:us-east-1::/apis/abc123/integrations/*',
    ]);
    expect(on(routed, 'lambda:AddPermission')).toEqual([
      'arn:aws:lambda:us-east-1:123456789012:function:omnix-shop-api-production:live',
      'arn:aws:lambda:us-east-1:123456789012:function:omnix-shop-worker-production:live',
    ]);
  });

  it('deletes only function versions, never a whole function', async () => {
    const deletes = requiredPermissions(await example(), SCOPE).filter(
      (p) => p.action === 'lambda:DeleteFunction',
    );
    expect(deletes).toHaveLength(1);
    expect(deletes[0]!.resources.every((resource) => resource.endsWith(':*'))).toBe(true);
  });

  it('adds the state store, the referenced parameters and stacks, and the simulation of itself', async () => {
    const config = await example({
      OMNIX__STATE__BACKEND: 'dynamodb',
      OMNIX__STATE__TABLE: 'omnix-state',
    });
    const permissions = requiredPermissions(config, {
      ...SCOPE,
      principalArn: 'arn:aws:iam::123456789012:role/deployer',
      references: { cfn: ['Network.VpcId'], ssm: ['/shop/api-key'] },
    });
    const on = (action: string) => permissions.filter((p) => p.action === action).flatMap((p) => p.resources);
    expect(on('dynamodb:PutItem')).toEqual(['arn:aws:dynamodb:us-east-1:123456789012:table/omnix-state']);
    expect(on('ssm:GetParameter')).toEqual(['arn:aws:ssm:us-east-1:123456789012:parameter/shop/api-key']);
    expect(on('cloudformation:DescribeStacks')).toEqual([
      'arn:aws:cloudformation:us-east-1:123456789012:stack/Network/*',
    ]);
    expect(on('iam:SimulatePrincipalPolicy')).toEqual(['arn:aws:iam::123456789012:role/deployer']);
  });

  it('publishes only to the SNS topics notifications name', async () => {
    const config = {
      ...(await example()),
      notifications: [
        {
          type: 'sns' as const,
          topicArn: 'arn:aws:sns:us-east-1:123456789012:deploys',
          events: [],
          timeout: '5s',
          retries: 2,
        },
      ],
    };
    const publish = requiredPermissions(config, SCOPE).filter((p) => p.action.startsWith('sns:'));
    expect(publish).toEqual([
      expect.objectContaining({
        action: 'sns:Publish',
        resources: ['arn:aws:sns:us-east-1:123456789012:deploys'],
      }),
    ]);
    expect(requiredPermissions(await example(), SCOPE).some((p) => p.action.startsWith('sns:'))).toBe(false);
  });

  it('uses the partition of the region', async () => {
    const permissions = requiredPermissions(await example(), {
      ...SCOPE,
      partition: 'aws-cn',
      region: 'cn-north-1',
    });
    expect(permissions.every((p) => p.resources.every((r) => r === '*' || r.startsWith('arn:aws-cn:')))).toBe(
      true,
    );
  });
});

describe('policyDocument', () => {
  it('groups actions by their resources into statements with distinct ids', async () => {
    const policy = policyDocument(requiredPermissions(await example(), SCOPE));
    expect(policy.Version).toBe('2012-10-17');
    const sids = policy.Statement.map((statement) => statement.Sid);
    expect(new Set(sids).size).toBe(sids.length);
    const site = policy.Statement.find((statement) =>
      statement.Resource.includes('arn:aws:s3:::omnix-shop-web-production'),
    );
    expect(site?.Action).toEqual([
      's3:GetBucketVersioning',
      's3:GetLifecycleConfiguration',
      's3:ListBucket',
      's3:ListBucketVersions',
    ]);
  });
});

describe('simulationPrincipal', () => {
  it('simulates users as they are and assumed roles as their role', () => {
    expect(simulationPrincipal('arn:aws:iam::123456789012:user/ci')).toBe(
      'arn:aws:iam::123456789012:user/ci',
    );
    expect(simulationPrincipal('arn:aws:sts::123456789012:assumed-role/deployer/session-1')).toBe(
      'arn:aws:iam::123456789012:role/deployer',
    );
    expect(simulationPrincipal('arn:aws:iam::123456789012:root')).toBeUndefined();
  });
});
