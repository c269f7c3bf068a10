import {
  CreateApiCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  DeleteIntegrationCommand,
  DeleteRouteCommand,
  GetIntegrationCommand,
  GetIntegrationsCommand,
  GetRouteCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
} from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';

import { FUNCTION, gateway, rejection } from '../../../../../test/helpers/http-api.js';

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
