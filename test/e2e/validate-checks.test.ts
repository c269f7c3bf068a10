import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { APIGatewayClient, GetResourcesCommand, PutIntegrationCommand } from '@aws-sdk/client-api-gateway';
import { DeleteFunctionCommand, LambdaClient, RemovePermissionCommand } from '@aws-sdk/client-lambda';
import { PutBucketLifecycleConfigurationCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { validateNow } from '../../src/actions/inspect/validate-now.js';
import type { ValidationReport } from '../../src/validate/types.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const clientSettings = (fixture: Fixture) => ({
  region: 'us-east-1',
  endpoint: fixture.running.endpoint,
  credentials: TEST_CREDENTIALS,
});

const check = (report: ValidationReport, name: string) => report.checks.find((entry) => entry.name === name)!;

// slow: bootstraps (and for rollback, deploys) the example on the sandbox.
describe('validation checks on the sandbox', () => {
  it('warns of a kept release that can no longer be restored, and of a lifecycle rule that expires old versions', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    expect(check(await validateNow(fixture.engineOptions()), 'rollback')).toMatchObject({
      status: 'pass',
      message: '1 kept release(s) restorable (v1)',
    });

    const handler = join(fixture.project, 'backend/api/index.mjs');
    await writeFile(handler, (await readFile(handler, 'utf8')).replace("'1.0.0'", "'2.0.0'"));
    await fixture.run();
    const [, first] = await fixture.store.listReleases('development');
    const api = first!.manifest.backend!.functions.find((fn) => fn.name === 'omnix-shop-api-development')!;
    await new LambdaClient(clientSettings(fixture)).send(
      new DeleteFunctionCommand({ FunctionName: api.name, Qualifier: api.version }),
    );
    await new S3Client({ ...clientSettings(fixture), forcePathStyle: true }).send(
      new PutBucketLifecycleConfigurationCommand({
        Bucket: 'omnix-shop-web-development',
        LifecycleConfiguration: {
          Rules: [
            {
              ID: 'tidy',
              Status: 'Enabled',
              Filter: { Prefix: '' },
              NoncurrentVersionExpiration: { NoncurrentDays: 3 },
            },
          ],
        },
      }),
    );
    const rollback = check(await validateNow(fixture.engineOptions()), 'rollback');
    expect(rollback.status).toBe('warn');
    expect(rollback.details).toEqual([
      'warn: rule tidy of omnix-shop-web-development expires replaced versions of every object after 3 day(s): releases replaced longer ago than that cannot be restored',
      `warn: release v1 can no longer be restored: 1 part(s) no longer exist: function ${api.name} version ${api.version}`,
      'warn: none of the 1 earlier release(s) kept can be restored: after this deployment, `omnix rollback` has nothing to go back to',
    ]);
  });

  it('warns before pruning removes the last release that could be restored', async () => {
    const fixture = await deployFixture();
    const env = { ...fixture.env, OMNIX__ROLLOUT__KEEP_RELEASES: '1' };
    await fixture.run({ env });
    const handler = join(fixture.project, 'backend/api/index.mjs');
    await writeFile(handler, (await readFile(handler, 'utf8')).replace("'1.0.0'", "'2.0.0'"));
    const { events } = await fixture.run({ env, prune: true });
    expect(events.filter((event) => event.kind === 'warn').map((event) => event.message)).toContain(
      'removing what release v1 needs: with rollout.keepReleases 1, no earlier release stays restorable',
    );
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record!.pruned!.functionVersions).toHaveLength(1);
  });

  it('fails when the API integration invokes the function without its alias', async () => {
    const fixture = await deployFixture();
    const gateway = new APIGatewayClient(clientSettings(fixture));
    const restApiId = new URL(fixture.apiUrl).pathname.split('/')[3]!;
    const resources = await gateway.send(new GetResourcesCommand({ restApiId }));
    const proxy = resources.items!.find((resource) => resource.path === '/{proxy+}')!;
    await gateway.send(
      new PutIntegrationCommand({
        restApiId,
        resourceId: proxy.id!,
        httpMethod: 'ANY',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri: 'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:omnix-shop-api-development/invocations',
      }),
    );
    expect(check(await validateNow(fixture.engineOptions()), 'api')).toMatchObject({
      status: 'fail',
      message: 'ANY /{proxy+} invokes omnix-shop-api-development unqualified ($LATEST), not its alias live',
    });
  });

  it('fails when the alias does not let the API invoke it, naming the route and the command that fixes it', async () => {
    const fixture = await deployFixture();
    const restApiId = new URL(fixture.apiUrl).pathname.split('/')[3]!;
    await new LambdaClient(clientSettings(fixture)).send(
      new RemovePermissionCommand({
        FunctionName: 'omnix-shop-api-development',
        Qualifier: 'live',
        StatementId: `omnix-apigateway-${restApiId}`,
      }),
    );
    const api = check(await validateNow(fixture.engineOptions()), 'api');
    expect(api).toMatchObject({
      status: 'fail',
      message: `the resource policy of omnix-shop-api-development:live does not let the REST API ${restApiId} invoke it: API Gateway answers 500 on ANY /`,
    });
    expect(api.hint).toContain(
      `aws lambda add-permission --function-name omnix-shop-api-development --qualifier live --statement-id apigateway-${restApiId}`,
    );
  });

  it('fails credentials for another account than aws.accountId, and warns when IAM cannot simulate', async () => {
    const fixture = await deployFixture();
    fixture.running.faults.configure({
      rules: [
        {
          service: 'iam',
          operation: 'SimulatePrincipalPolicy',
          error: { code: 'NotImplemented', status: 501 },
        },
      ],
    });
    const options = fixture.engineOptions();
    const report = await validateNow({
      ...options,
      env: { ...options.env, OMNIX__AWS__ACCOUNTID: '111111111111' },
    });
    expect(check(report, 'credentials')).toMatchObject({
      status: 'fail',
      message: 'the credentials are for account 000000000000, but aws.accountId is 111111111111',
    });
    expect(check(report, 'permissions').status).toBe('warn');
    expect(check(report, 'permissions').message).toMatch(
      /^the permission simulation could not run \(NotImplemented/,
    );
    expect(report.status).toBe('fail');
  });
});
