import {
  APIGatewayClient,
  CreateDeploymentCommand,
  CreateResourceCommand,
  CreateRestApiCommand,
  CreateStageCommand,
  DeleteDeploymentCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetRestApiCommand,
  GetStageCommand,
  GetStagesCommand,
  PutIntegrationCommand,
  PutMethodCommand,
  paginateGetResources,
  UpdateStageCommand,
} from '@aws-sdk/client-api-gateway';
import {
  CreateAliasCommand,
  CreateFunctionCommand,
  LambdaClient,
  PublishVersionCommand,
  UpdateAliasCommand,
  UpdateFunctionCodeCommand,
  waitUntilFunctionActiveV2,
  waitUntilFunctionUpdatedV2,
} from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../test/helpers/sandbox.js';

const handler = (version: string) =>
  Buffer.from(
    zipSync({
      'index.mjs': strToU8(
        `export const handler = async (event) => event.path === '/boom' ? { nope: true } : ({ statusCode: event.path === '/missing' ? 404 : 200, headers: { 'content-type': 'application/json', 'x-version': '${version}' }, body: JSON.stringify({ version: '${version}', path: event.path, resource: event.resource, method: event.httpMethod, query: event.queryStringParameters, params: event.pathParameters, stage: event.requestContext.stage, vars: event.stageVariables, body: event.body }) });`,
      ),
    }),
  );

const lambdaArn = (name: string, qualifier: string) =>
  `arn:aws:lambda:us-east-1:000000000000:function:${name}:${qualifier}`;
const integrationUri = (functionArn: string) =>
  `arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/${functionArn}/invocations`;

async function api(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const lambda = new LambdaClient(running.client);
  const gateway = new APIGatewayClient(running.client);
  await lambda.send(
    new CreateFunctionCommand({
      FunctionName: 'shop-api',
      Runtime: 'nodejs20.x',
      Role: 'arn:aws:iam::000000000000:role/r',
      Handler: 'index.handler',
      Code: { ZipFile: handler('v1') },
      Publish: true,
    }),
  );
  await waitUntilFunctionActiveV2(
    { client: lambda, maxWaitTime: 10, minDelay: 1 },
    { FunctionName: 'shop-api' },
  );
  await lambda.send(new CreateAliasCommand({ FunctionName: 'shop-api', Name: 'live', FunctionVersion: '1' }));
  const rest = await gateway.send(new CreateRestApiCommand({ name: 'shop-dev' }));
  const proxy = await gateway.send(
    new CreateResourceCommand({ restApiId: rest.id, parentId: rest.rootResourceId, pathPart: '{proxy+}' }),
  );
  await gateway.send(
    new PutMethodCommand({
      restApiId: rest.id,
      resourceId: proxy.id,
      httpMethod: 'ANY',
      authorizationType: 'NONE',
    }),
  );
  await integrate(gateway, rest.id!, proxy.id!, lambdaArn('shop-api', 'live'));
  const deployment = await gateway.send(
    new CreateDeploymentCommand({ restApiId: rest.id, stageName: 'dev' }),
  );
  const url = (path: string, stage = 'dev') =>
    `${running.endpoint}/_omnix/apigateway/${rest.id}/${stage}${path}`;
  return { running, lambda, gateway, rest, proxy, deployment, url };
}

/** Points the `{proxy+}` resource's ANY method at a function (ARN, qualifier included). */
const integrate = (gateway: APIGatewayClient, restApiId: string, resourceId: string, functionArn: string) =>
  gateway.send(
    new PutIntegrationCommand({
      restApiId,
      resourceId,
      httpMethod: 'ANY',
      type: 'AWS_PROXY',
      integrationHttpMethod: 'POST',
      uri: integrationUri(functionArn),
    }),
  );

const answer = async (url: string) => (await (await fetch(url)).json()) as Record<string, unknown>;

const newVersion = async (lambda: LambdaClient, code: Buffer) => {
  await lambda.send(new UpdateFunctionCodeCommand({ FunctionName: 'shop-api', ZipFile: code }));
  await waitUntilFunctionUpdatedV2(
    { client: lambda, maxWaitTime: 10, minDelay: 1 },
    { FunctionName: 'shop-api' },
  );
  return (await lambda.send(new PublishVersionCommand({ FunctionName: 'shop-api' }))).Version!;
};

describe('sandbox API Gateway REST API', () => {
  it('keeps resources, methods, integrations, deployments and stages', async () => {
    const { gateway, rest, proxy, deployment } = await api();
    expect((await gateway.send(new GetRestApiCommand({ restApiId: rest.id }))).name).toBe('shop-dev');
    const integration = await gateway.send(
      new GetIntegrationCommand({ restApiId: rest.id, resourceId: proxy.id, httpMethod: 'ANY' }),
    );
    expect(integration).toMatchObject({
      type: 'AWS_PROXY',
      uri: integrationUri(lambdaArn('shop-api', 'live')),
    });
    expect(
      (await gateway.send(new GetStageCommand({ restApiId: rest.id, stageName: 'dev' }))).deploymentId,
    ).toBe(deployment.id);
    expect(
      (await gateway.send(new GetDeploymentsCommand({ restApiId: rest.id }))).items?.map((d) => d.id),
    ).toEqual([deployment.id]);
    expect(
      (await gateway.send(new GetStagesCommand({ restApiId: rest.id }))).item?.map((s) => s.stageName),
    ).toEqual(['dev']);
  });

  it('pages resources through the SDK paginator', async () => {
    const { gateway, rest } = await api({ pageSize: 2 });
    for (const part of ['a', 'b', 'c'])
      await gateway.send(
        new CreateResourceCommand({ restApiId: rest.id, parentId: rest.rootResourceId, pathPart: part }),
      );
    const paths: string[] = [];
    for await (const page of paginateGetResources({ client: gateway }, { restApiId: rest.id }))
      paths.push(...(page.items ?? []).map((r) => r.path!));
    expect(paths.sort()).toEqual(['/', '/a', '/b', '/c', '/{proxy+}']);
  });

  it('answers with NotFound, Conflict and BadRequest as AWS does', async () => {
    const { gateway, rest } = await api();
    await expect(gateway.send(new GetRestApiCommand({ restApiId: 'nope' }))).rejects.toMatchObject({
      name: 'NotFoundException',
      $metadata: { httpStatusCode: 404 },
    });
    await expect(
      gateway.send(
        new CreateResourceCommand({
          restApiId: rest.id,
          parentId: rest.rootResourceId,
          pathPart: '{proxy+}',
        }),
      ),
    ).rejects.toMatchObject({ name: 'ConflictException' });
    const empty = await gateway.send(new CreateRestApiCommand({ name: 'empty' }));
    await expect(
      gateway.send(new CreateDeploymentCommand({ restApiId: empty.id, stageName: 'x' })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    await expect(
      gateway.send(new CreateStageCommand({ restApiId: rest.id, stageName: 'prod', deploymentId: 'nope' })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });
});

describe('sandbox API Gateway serving', () => {
  it('turns a request into a proxy event for the alias and the answer into a response', async () => {
    const { url } = await api();
    const response = await fetch(url('/products/42?q=mug'), { method: 'POST', body: '{"a":1}' });
    expect(response.status).toBe(200);
    expect(response.headers.get('x-version')).toBe('v1');
    expect(await response.json()).toMatchObject({
      version: 'v1',
      path: '/products/42',
      resource: '/{proxy+}',
      method: 'POST',
      query: { q: 'mug' },
      params: { proxy: 'products/42' },
      stage: 'dev',
      body: '{"a":1}',
    });
    expect((await fetch(url('/missing'))).status).toBe(404);
    expect((await fetch(url('/boom'))).status).toBe(502);
    expect((await fetch(url('/x', 'nostage'))).status).toBe(403);
  });

  it('serves new code once the alias moves, and the old deployment again when the stage points back', async () => {
    const { lambda, gateway, rest, proxy, deployment, url } = await api();
    const v2 = await newVersion(lambda, handler('v2'));
    await lambda.send(
      new UpdateAliasCommand({ FunctionName: 'shop-api', Name: 'live', FunctionVersion: v2 }),
    );
    expect((await answer(url('/health'))).version).toBe('v2');

    // A new deployment that sends traffic to version 1 directly, then the stage back to the first deployment.
    await integrate(gateway, rest.id!, proxy.id!, lambdaArn('shop-api', '1'));
    const second = await gateway.send(new CreateDeploymentCommand({ restApiId: rest.id, stageName: 'dev' }));
    expect((await answer(url('/health'))).version).toBe('v1');
    await gateway.send(
      new UpdateStageCommand({
        restApiId: rest.id,
        stageName: 'dev',
        patchOperations: [{ op: 'replace', path: '/deploymentId', value: deployment.id }],
      }),
    );
    expect((await answer(url('/health'))).version).toBe('v2');
    expect(second.id).not.toBe(deployment.id);

    // A deployment a stage points at stays; the other one can go.
    await expect(
      gateway.send(new DeleteDeploymentCommand({ restApiId: rest.id, deploymentId: deployment.id })),
    ).rejects.toMatchObject({ name: 'BadRequestException' });
    await gateway.send(new DeleteDeploymentCommand({ restApiId: rest.id, deploymentId: second.id }));
    await expect(
      gateway.send(new GetDeploymentCommand({ restApiId: rest.id, deploymentId: second.id! })),
    ).rejects.toMatchObject({ name: 'NotFoundException' });
  });

  it('substitutes stage variables in the integration', async () => {
    const { lambda, gateway, rest, proxy, url } = await api();
    await newVersion(lambda, handler('v2'));
    await lambda.send(
      new CreateAliasCommand({ FunctionName: 'shop-api', Name: 'canary', FunctionVersion: '2' }),
    );
    await integrate(
      gateway,
      rest.id!,
      proxy.id!,
      'arn:aws:lambda:us-east-1:000000000000:function:shop-api:${stageVariables.alias}',
    );
    const deployment = await gateway.send(new CreateDeploymentCommand({ restApiId: rest.id }));
    await gateway.send(
      new CreateStageCommand({
        restApiId: rest.id,
        stageName: 'staging',
        deploymentId: deployment.id,
        variables: { alias: 'live' },
      }),
    );
    expect((await answer(url('/x', 'staging'))).version).toBe('v1');
    await gateway.send(
      new UpdateStageCommand({
        restApiId: rest.id,
        stageName: 'staging',
        patchOperations: [{ op: 'replace', path: '/variables/alias', value: 'canary' }],
      }),
    );
    expect(await answer(url('/x', 'staging'))).toMatchObject({ version: 'v2', vars: { alias: 'canary' } });
  });
});
