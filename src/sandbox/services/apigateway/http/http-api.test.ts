import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  DeleteApiCommand,
  DeleteDeploymentCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  DeleteStageCommand,
  GetApiCommand,
  GetApisCommand,
  GetDeploymentCommand,
  GetDeploymentsCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetStagesCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../../test/helpers/sandbox.js';
import { testdir } from '../../../../../test/helpers/testdir.js';

const FUNCTION = 'arn:aws:lambda:us-east-1:000000000000:function:shop-api:live';

async function gateway(options: Parameters<typeof sandbox>[0] = {}) {
  const running = await sandbox(options);
  const client = new ApiGatewayV2Client(running.client);
  const api = await client.send(new CreateApiCommand({ Name: 'shop-dev', ProtocolType: 'HTTP' }));
  const integrate = (uri = FUNCTION) =>
    client.send(
      new CreateIntegrationCommand({
        ApiId: api.ApiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: uri,
        PayloadFormatVersion: '2.0',
      }),
    );
  return { running, client, api, apiId: api.ApiId!, integrate };
}

const rejection = (name: string, status: number) => ({ name, $metadata: { httpStatusCode: status } });

describe('sandbox API Gateway v2 APIs', () => {
  it('creates, reads, lists, updates and deletes an HTTP API', async () => {
    const { running, client, api, apiId } = await gateway();
    expect(api).toMatchObject({
      Name: 'shop-dev',
      ProtocolType: 'HTTP',
      RouteSelectionExpression: '$request.method $request.path',
      ApiEndpoint: `${running.endpoint}/_omnix/apigateway/${apiId}`,
      DisableExecuteApiEndpoint: false,
    });
    expect(api.CreatedDate).toBeInstanceOf(Date);
    expect(apiId).toMatch(/^[a-z0-9]{10}$/);

    await client.send(new UpdateApiCommand({ ApiId: apiId, Description: 'the shop', Name: 'shop' }));
    expect(await client.send(new GetApiCommand({ ApiId: apiId }))).toMatchObject({
      Name: 'shop',
      Description: 'the shop',
    });
    expect((await client.send(new GetApisCommand({}))).Items?.map((a) => a.ApiId)).toEqual([apiId]);

    await client.send(new DeleteApiCommand({ ApiId: apiId }));
    await expect(client.send(new GetApiCommand({ ApiId: apiId }))).rejects.toMatchObject(
      rejection('NotFoundException', 404),
    );
  });

  // The JS SDK generates no paginators for these (its model marks only ListRoutingRules), so callers loop on NextToken.
  it('pages APIs and routes with maxResults and nextToken', async () => {
    const { client, apiId, integrate } = await gateway({ pageSize: 2 });
    for (const name of ['b', 'c'])
      await client.send(new CreateApiCommand({ Name: name, ProtocolType: 'HTTP' }));
    const names: string[] = [];
    let token: string | undefined;
    let pages = 0;
    do {
      const page = await client.send(new GetApisCommand({ NextToken: token }));
      expect(page.Items!.length).toBeLessThanOrEqual(2);
      names.push(...page.Items!.map((a) => a.Name!));
      token = page.NextToken;
      pages++;
    } while (token);
    expect(pages).toBe(2);
    expect(names.sort()).toEqual(['b', 'c', 'shop-dev']);

    const target = `integrations/${(await integrate()).IntegrationId}`;
    for (const key of ['GET /a', 'GET /b', 'POST /c'])
      await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: target }));
    const keys: string[] = [];
    do {
      const page = await client.send(
        new GetRoutesCommand({ ApiId: apiId, MaxResults: '1', NextToken: token }),
      );
      keys.push(...page.Items!.map((r) => r.RouteKey!));
      token = page.NextToken;
    } while (token);
    expect(keys).toEqual(['GET /a', 'GET /b', 'POST /c']);
    await expect(
      client.send(new GetRoutesCommand({ ApiId: apiId, NextToken: 'garbage' })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
  });

  it('keeps HTTP APIs in the data folder across a restart', async () => {
    const dataDir = await testdir({});
    const first = await gateway({ dataDir });
    await first.client.send(new CreateRouteCommand({ ApiId: first.apiId, RouteKey: 'GET /kept' }));
    await first.running.stop();
    const again = new ApiGatewayV2Client((await sandbox({ dataDir })).client);
    expect((await again.send(new GetApiCommand({ ApiId: first.apiId }))).Name).toBe('shop-dev');
    expect(
      (await again.send(new GetRoutesCommand({ ApiId: first.apiId }))).Items?.map((r) => r.RouteKey),
    ).toEqual(['GET /kept']);
  });

  it('refuses WEBSOCKET and an unknown protocol with BadRequestException', async () => {
    const { client } = await gateway();
    await expect(
      client.send(
        new CreateApiCommand({
          Name: 'ws',
          ProtocolType: 'WEBSOCKET',
          RouteSelectionExpression: '$request.body.action',
        }),
      ),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await expect(
      client.send(new CreateApiCommand({ Name: 'x', ProtocolType: 'GRPC' as 'HTTP' })),
    ).rejects.toMatchObject({
      name: 'BadRequestException',
      message: 'Invalid protocol specified. Must be one of [HTTP, WEBSOCKET]',
    });
  });

  it('keeps tags given at creation and through TagResource and UntagResource', async () => {
    const { client } = await gateway();
    const api = await client.send(
      new CreateApiCommand({ Name: 't', ProtocolType: 'HTTP', Tags: { team: 'shop' } }),
    );
    const arn = `arn:aws:apigateway:us-east-1::/apis/${api.ApiId}`;
    await client.send(new TagResourceCommand({ ResourceArn: arn, Tags: { env: 'dev' } }));
    expect((await client.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({
      team: 'shop',
      env: 'dev',
    });
    await client.send(new UntagResourceCommand({ ResourceArn: arn, TagKeys: ['team'] }));
    expect((await client.send(new GetTagsCommand({ ResourceArn: arn }))).Tags).toEqual({ env: 'dev' });
    await expect(
      client.send(new GetTagsCommand({ ResourceArn: 'arn:aws:apigateway:us-east-1::/apis/nope' })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
  });

  it('quick-creates an integration, a $default route and an auto-deploying $default stage from a target', async () => {
    const { client } = await gateway();
    const api = await client.send(
      new CreateApiCommand({ Name: 'quick', ProtocolType: 'HTTP', Target: FUNCTION }),
    );
    const [route] = (await client.send(new GetRoutesCommand({ ApiId: api.ApiId }))).Items!;
    const [integration] = (await client.send(new GetIntegrationsCommand({ ApiId: api.ApiId }))).Items!;
    expect(route).toMatchObject({
      RouteKey: '$default',
      Target: `integrations/${integration!.IntegrationId}`,
    });
    expect(integration).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationUri: FUNCTION,
      PayloadFormatVersion: '2.0',
    });
    const stage = await client.send(new GetStageCommand({ ApiId: api.ApiId, StageName: '$default' }));
    expect(stage).toMatchObject({ AutoDeploy: true, DeploymentId: expect.any(String) });
  });
});

describe('sandbox API Gateway v2 routes and integrations', () => {
  it('creates, reads, updates and deletes routes and integrations', async () => {
    const { client, apiId, integrate } = await gateway();
    const first = await integrate();
    expect(first).toMatchObject({
      IntegrationType: 'AWS_PROXY',
      IntegrationMethod: 'POST',
      PayloadFormatVersion: '2.0',
      TimeoutInMillis: 30000,
      ConnectionType: 'INTERNET',
    });
    const second = await integrate('arn:aws:lambda:us-east-1:000000000000:function:orders');
    const route = await client.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: 'GET /products/{id}',
        Target: `integrations/${first.IntegrationId}`,
      }),
    );
    expect(route).toMatchObject({
      RouteKey: 'GET /products/{id}',
      AuthorizationType: 'NONE',
      ApiKeyRequired: false,
    });

    await client.send(
      new UpdateRouteCommand({
        ApiId: apiId,
        RouteId: route.RouteId,
        RouteKey: 'ANY /products/{proxy+}',
        Target: `integrations/${second.IntegrationId}`,
      }),
    );
    expect(await client.send(new GetRouteCommand({ ApiId: apiId, RouteId: route.RouteId }))).toMatchObject({
      RouteKey: 'ANY /products/{proxy+}',
      Target: `integrations/${second.IntegrationId}`,
    });
    await client.send(
      new UpdateIntegrationCommand({
        ApiId: apiId,
        IntegrationId: first.IntegrationId,
        PayloadFormatVersion: '1.0',
        TimeoutInMillis: 5000,
      }),
    );
    expect(
      await client.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: first.IntegrationId })),
    ).toMatchObject({
      PayloadFormatVersion: '1.0',
      TimeoutInMillis: 5000,
      IntegrationUri: FUNCTION,
    });

    // An integration a route points at stays, as on AWS.
    await expect(
      client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: second.IntegrationId })),
    ).rejects.toMatchObject({
      ...rejection('ConflictException', 409),
      message: `Cannot delete Integration because it is referenced by the following Routes with Ids: [${route.RouteId}]`,
    });
    await client.send(new DeleteRouteCommand({ ApiId: apiId, RouteId: route.RouteId }));
    await client.send(new DeleteIntegrationCommand({ ApiId: apiId, IntegrationId: second.IntegrationId }));
    expect(
      (await client.send(new GetIntegrationsCommand({ ApiId: apiId }))).Items?.map((i) => i.IntegrationId),
    ).toEqual([first.IntegrationId]);
    await expect(
      client.send(new GetRouteCommand({ ApiId: apiId, RouteId: route.RouteId })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
  });

  it.each([
    ['GET', 'no path'],
    ['GET products', 'a path without /'],
    ['FETCH /products', 'an unknown method'],
    ['GET /a/{proxy+}/b', 'a greedy variable before the end'],
    ['GET /a//b', 'an empty segment'],
    ['GET /{id}/{id}', 'a variable twice'],
  ])('refuses the route key %j (%s) with BadRequestException', async (routeKey) => {
    const { client, apiId } = await gateway();
    await expect(
      client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: routeKey })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
  });

  it('accepts $default, ANY, variables and a greedy variable, and refuses a duplicate key with ConflictException', async () => {
    const { client, apiId } = await gateway();
    for (const key of ['$default', 'ANY /', 'GET /products/{id}', 'ANY /admin/{proxy+}', 'POST /orders'])
      await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key }));
    await expect(
      client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'POST /orders' })),
    ).rejects.toMatchObject(rejection('ConflictException', 409));
  });

  it('refuses what HTTP API integrations cannot be, and what the sandbox does not implement', async () => {
    const { client, apiId } = await gateway();
    const create = (input: Partial<ConstructorParameters<typeof CreateIntegrationCommand>[0]>) =>
      client.send(
        new CreateIntegrationCommand({
          ApiId: apiId,
          IntegrationType: 'AWS_PROXY',
          IntegrationUri: FUNCTION,
          PayloadFormatVersion: '2.0',
          ...input,
        }),
      );
    const bad = rejection('BadRequestException', 400);
    await expect(create({ IntegrationType: 'MOCK' })).rejects.toMatchObject(bad);
    await expect(create({ PayloadFormatVersion: undefined })).rejects.toMatchObject(bad);
    await expect(create({ PayloadFormatVersion: '3.0' })).rejects.toMatchObject(bad);
    await expect(create({ IntegrationUri: 'https://example.com' })).rejects.toMatchObject(bad);
    await expect(create({ TimeoutInMillis: 30001 })).rejects.toMatchObject(bad);
    await expect(create({ IntegrationMethod: 'GET' })).rejects.toMatchObject(bad);
    await expect(
      client.send(
        new CreateRouteCommand({
          ApiId: apiId,
          RouteKey: 'GET /x',
          AuthorizationType: 'JWT',
          AuthorizerId: 'a1',
        }),
      ),
    ).rejects.toMatchObject(bad);
    await expect(
      client.send(
        new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /x', Target: 'integrations/nope123' }),
      ),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
    await expect(
      client.send(
        new CreateApiCommand({ Name: 'c', ProtocolType: 'HTTP', CorsConfiguration: { AllowOrigins: ['*'] } }),
      ),
    ).rejects.toMatchObject(bad);
    await expect(
      client.send(new GetIntegrationCommand({ ApiId: apiId, IntegrationId: 'nope123' })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
  });
});

describe('sandbox API Gateway v2 stages and deployments', () => {
  it('freezes routes in a deployment and moves a named stage to it', async () => {
    const { client, apiId, integrate } = await gateway();
    await expect(client.send(new CreateDeploymentCommand({ ApiId: apiId }))).rejects.toMatchObject({
      ...rejection('BadRequestException', 400),
      message: 'Unable to deploy API because no routes exist in this API',
    });
    const target = `integrations/${(await integrate()).IntegrationId}`;
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /a', Target: target }));
    const stage = await client.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: 'dev',
        StageVariables: { alias: 'live' },
        Description: 'dev',
      }),
    );
    expect(stage).toMatchObject({ StageName: 'dev', AutoDeploy: false, StageVariables: { alias: 'live' } });
    expect(stage.DeploymentId).toBeUndefined();

    const first = await client.send(
      new CreateDeploymentCommand({ ApiId: apiId, StageName: 'dev', Description: 'one' }),
    );
    expect(first).toMatchObject({ DeploymentStatus: 'DEPLOYED', AutoDeployed: false, Description: 'one' });
    const second = await client.send(new CreateDeploymentCommand({ ApiId: apiId }));
    expect((await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' }))).DeploymentId).toBe(
      first.DeploymentId,
    );
    expect(
      (await client.send(new GetDeploymentsCommand({ ApiId: apiId }))).Items?.map((d) => d.DeploymentId),
    ).toEqual([first.DeploymentId, second.DeploymentId]);

    await client.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: 'dev',
        DeploymentId: second.DeploymentId,
        StageVariables: { alias: '', region: 'eu' },
        Description: 'moved',
      }),
    );
    expect(await client.send(new GetStageCommand({ ApiId: apiId, StageName: 'dev' }))).toMatchObject({
      DeploymentId: second.DeploymentId,
      StageVariables: { region: 'eu' },
      Description: 'moved',
    });

    // A deployment a stage points at stays; another can go.
    await expect(
      client.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: second.DeploymentId })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await client.send(new DeleteDeploymentCommand({ ApiId: apiId, DeploymentId: first.DeploymentId }));
    await expect(
      client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: first.DeploymentId })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));

    await expect(
      client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'dev' })),
    ).rejects.toMatchObject(rejection('ConflictException', 409));
    await expect(
      client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'prod', DeploymentId: 'nope12' })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
    await expect(
      client.send(new CreateStageCommand({ ApiId: apiId, StageName: 'bad name' })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await client.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'dev' }));
    expect((await client.send(new GetStagesCommand({ ApiId: apiId }))).Items).toEqual([]);
    await expect(
      client.send(new DeleteStageCommand({ ApiId: apiId, StageName: 'dev' })),
    ).rejects.toMatchObject(rejection('NotFoundException', 404));
  });

  it('redeploys an autoDeploy stage on every route and integration change, and refuses manual deployments to it', async () => {
    const { client, apiId, integrate } = await gateway();
    const stage = await client.send(
      new CreateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }),
    );
    // Nothing to deploy yet: the failure is kept on the stage, as AWS keeps it.
    expect(stage.DeploymentId).toBeUndefined();
    expect(stage.LastDeploymentStatusMessage).toContain('no routes exist');

    const integration = await integrate();
    const route = await client.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: 'GET /a',
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );
    const afterRoute = (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' })))
      .DeploymentId!;
    expect(afterRoute).toBeDefined();
    expect(
      await client.send(new GetDeploymentCommand({ ApiId: apiId, DeploymentId: afterRoute })),
    ).toMatchObject({
      AutoDeployed: true,
    });
    await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: route.RouteId, RouteKey: 'GET /b' }));
    const afterUpdate = (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' })))
      .DeploymentId;
    expect(afterUpdate).not.toBe(afterRoute);

    await expect(
      client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: '$default' })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));
    await expect(
      client.send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', DeploymentId: afterRoute })),
    ).rejects.toMatchObject(rejection('BadRequestException', 400));

    // Turned off, the stage stays where it is and takes deployments again.
    await client.send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: false }));
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: 'GET /c' }));
    expect(
      (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }))).DeploymentId,
    ).toBe(afterUpdate);
    await client.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: '$default', DeploymentId: afterRoute }),
    );
    expect(
      (await client.send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }))).DeploymentId,
    ).toBe(afterRoute);
  });
});
