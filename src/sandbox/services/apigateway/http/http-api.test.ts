import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateRouteCommand,
  DeleteApiCommand,
  GetApiCommand,
  GetApisCommand,
  GetIntegrationsCommand,
  GetRoutesCommand,
  GetStageCommand,
  GetTagsCommand,
  TagResourceCommand,
  UntagResourceCommand,
  UpdateApiCommand,
} from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { FUNCTION, gateway, rejection } from '../../../../../test/helpers/http-api.js';
import { sandbox } from '../../../../../test/helpers/sandbox.js';
import { testdir } from '../../../../../test/helpers/testdir.js';

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
