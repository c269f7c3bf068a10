import { request as httpRequest } from 'node:http';
import {
  ApiGatewayV2Client,
  CreateApiCommand,
  CreateDeploymentCommand,
  CreateIntegrationCommand,
  CreateRouteCommand,
  CreateStageCommand,
  GetRoutesCommand,
  UpdateIntegrationCommand,
  UpdateRouteCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { CreateFunctionCommand, LambdaClient, waitUntilFunctionActiveV2 } from '@aws-sdk/client-lambda';
import { strToU8, zipSync } from 'fflate';
import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../../../test/helpers/sandbox.js';
import { sandboxHttpApiUrl } from '../../../../providers/aws/sandbox-urls.js';

const ECHO = `export const handler = async (event) => {
  const path = event.rawPath ?? event.path;
  if (path.endsWith('/string')) return 'hello';
  if (path.endsWith('/object')) return { a: 1 };
  if (path.endsWith('/boom')) throw new Error('boom');
  if (path.endsWith('/slow')) return new Promise((resolve) => setTimeout(() => resolve('late'), 5000));
  if (path.endsWith('/bytes'))
    return { statusCode: 200, isBase64Encoded: true, headers: { 'content-type': 'application/octet-stream' }, body: Buffer.from([0, 255, 1]).toString('base64') };
  if (path.endsWith('/cookies'))
    return { statusCode: 201, cookies: ['a=1; Path=/', 'b=2'], headers: { 'X-Answer': 'yes' }, body: 'made' };
  return { statusCode: 200, headers: { 'content-type': 'application/json' }, body: JSON.stringify({ fn: 'echo', event }) };
};`;
const ORDERS = `export const handler = async (event) => ({ statusCode: 200, body: JSON.stringify({ fn: 'orders', routeKey: event.routeKey, params: event.pathParameters }) });`;

const functionArn = (name: string) => `arn:aws:lambda:us-east-1:000000000000:function:${name}`;

/** An HTTP API with routes to two functions, a `$default` stage and a `dev` stage, both deployed. */
async function shop() {
  const running = await sandbox();
  const lambda = new LambdaClient(running.client);
  for (const [name, code] of [
    ['echo', ECHO],
    ['orders', ORDERS],
  ] as const) {
    await lambda.send(
      new CreateFunctionCommand({
        FunctionName: name,
        Runtime: 'nodejs20.x',
        Role: 'arn:aws:iam::000000000000:role/r',
        Handler: 'index.handler',
        Code: { ZipFile: zipSync({ 'index.mjs': strToU8(code) }) },
      }),
    );
    await waitUntilFunctionActiveV2({ client: lambda, maxWaitTime: 10, minDelay: 1 }, { FunctionName: name });
  }
  const client = new ApiGatewayV2Client(running.client);
  const { ApiId: apiId } = await client.send(new CreateApiCommand({ Name: 'shop', ProtocolType: 'HTTP' }));
  const integrate = async (name: string, version = '2.0') =>
    `integrations/${
      (
        await client.send(
          new CreateIntegrationCommand({
            ApiId: apiId,
            IntegrationType: 'AWS_PROXY',
            IntegrationUri: functionArn(name),
            PayloadFormatVersion: version,
          }),
        )
      ).IntegrationId
    }`;
  const echo = await integrate('echo');
  const orders = await integrate('orders');
  const legacy = await integrate('echo', '1.0');
  const routes: Record<string, string> = {
    $default: echo,
    'GET /products/{id}': echo,
    'POST /orders': orders,
    'ANY /orders/{proxy+}': orders,
    'GET /legacy/{id}': legacy,
  };
  for (const [key, target] of Object.entries(routes))
    await client.send(new CreateRouteCommand({ ApiId: apiId, RouteKey: key, Target: target }));
  const first = await client.send(new CreateDeploymentCommand({ ApiId: apiId }));
  for (const stage of ['$default', 'dev'])
    await client.send(
      new CreateStageCommand({
        ApiId: apiId,
        StageName: stage,
        DeploymentId: first.DeploymentId,
        ...(stage === 'dev' ? { StageVariables: { tier: 'dev' } } : {}),
      }),
    );
  const url = (path: string, stage = '$default') =>
    `${sandboxHttpApiUrl(running.endpoint, apiId!, stage)}${path}`;
  return { running, client, apiId: apiId!, first, echo, orders, url };
}

/** Sends a request with repeated headers kept apart on the wire (fetch would join them). */
function send(
  url: string,
  options: { method?: string; headers?: Record<string, string | string[]>; body?: Buffer | string } = {},
): Promise<{ status: number; headers: Record<string, string | string[] | undefined>; body: Buffer }> {
  return new Promise((resolve, reject) => {
    const request = httpRequest(
      url,
      { method: options.method ?? 'GET', headers: options.headers },
      (response) => {
        const chunks: Buffer[] = [];
        response.on('data', (chunk: Buffer) => chunks.push(chunk));
        response.on('end', () =>
          resolve({ status: response.statusCode!, headers: response.headers, body: Buffer.concat(chunks) }),
        );
      },
    );
    request.on('error', reject);
    request.end(options.body);
  });
}

/** The parts of an event the tests read. */
interface ProxyEvent {
  routeKey: string;
  headers: Record<string, string>;
  requestContext: { time: string };
  [field: string]: unknown;
}

const fnOf = async (response: Promise<Response>) => ((await (await response).json()) as { fn: string }).fn;

const eventOf = async (url: string, options: Parameters<typeof send>[1] = {}) => {
  const response = await send(url, options);
  expect(response.status).toBe(200);
  return JSON.parse(response.body.toString()).event as ProxyEvent;
};

describe('sandbox HTTP API serving', () => {
  it('sends a payload 2.0 event through the $default stage', async () => {
    const { apiId, url } = await shop();
    const event = await eventOf(url('/products/42?b=2&a=1&a=x%20y'), {
      headers: { cookie: 'session=abc; theme=dark', 'x-multi': ['one', 'two'], 'User-Agent': 'tests' },
    });
    expect(event).toMatchObject({
      version: '2.0',
      routeKey: 'GET /products/{id}',
      rawPath: '/products/42',
      rawQueryString: 'b=2&a=1&a=x%20y',
      cookies: ['session=abc', 'theme=dark'],
      queryStringParameters: { a: '1,x y', b: '2' },
      pathParameters: { id: '42' },
      isBase64Encoded: false,
      requestContext: {
        accountId: '000000000000',
        apiId,
        domainName: '127.0.0.1',
        domainPrefix: '127',
        http: {
          method: 'GET',
          path: '/products/42',
          protocol: 'HTTP/1.1',
          sourceIp: '127.0.0.1',
          userAgent: 'tests',
        },
        routeKey: 'GET /products/{id}',
        stage: '$default',
        requestId: expect.any(String),
        timeEpoch: expect.any(Number),
      },
    });
    expect(event.headers).toMatchObject({ 'x-multi': 'one,two', 'user-agent': 'tests' });
    expect(event.headers.cookie).toBeUndefined();
    expect(event.requestContext.time).toMatch(/^\d{2}\/[A-Z][a-z]{2}\/\d{4}:\d{2}:\d{2}:\d{2} \+0000$/);
    expect(event).not.toHaveProperty('body');
    expect(event).not.toHaveProperty('stageVariables');
  });

  it('puts a named stage in rawPath and passes its stage variables', async () => {
    const { url } = await shop();
    const event = await eventOf(url('/products/7', 'dev'));
    expect(event).toMatchObject({
      rawPath: '/dev/products/7',
      pathParameters: { id: '7' },
      stageVariables: { tier: 'dev' },
      requestContext: { stage: 'dev', http: { path: '/dev/products/7' } },
    });
    expect(event).not.toHaveProperty('cookies');
    expect(event).not.toHaveProperty('queryStringParameters');
  });

  it('passes text bodies as text and other bodies base64-encoded', async () => {
    const { url } = await shop();
    const json = await eventOf(url('/anything'), {
      method: 'PUT',
      headers: { 'content-type': 'application/json; charset=utf-8' },
      body: '{"a":1}',
    });
    expect(json).toMatchObject({ routeKey: '$default', body: '{"a":1}', isBase64Encoded: false });
    const bytes = Buffer.from([0, 1, 2, 250]);
    const binary = await eventOf(url('/anything'), {
      method: 'PUT',
      headers: { 'content-type': 'application/octet-stream' },
      body: bytes,
    });
    expect(binary).toMatchObject({ body: bytes.toString('base64'), isBase64Encoded: true });
  });

  it('answers a result without statusCode as 200 JSON, and a statusCode result as given', async () => {
    const { url } = await shop();
    const text = await fetch(url('/string'));
    expect(text.status).toBe(200);
    expect(text.headers.get('content-type')).toBe('application/json');
    expect(await text.text()).toBe('"hello"');
    expect(await (await fetch(url('/object'))).json()).toEqual({ a: 1 });

    const made = await fetch(url('/cookies'));
    expect(made.status).toBe(201);
    expect(made.headers.getSetCookie()).toEqual(['a=1; Path=/', 'b=2']);
    expect(made.headers.get('x-answer')).toBe('yes');
    expect(await made.text()).toBe('made');

    const bytes = await fetch(url('/bytes'));
    expect(Buffer.from(await bytes.arrayBuffer())).toEqual(Buffer.from([0, 255, 1]));
  });

  it('sends routes to different functions: exact, greedy, and $default for the rest', async () => {
    const { url } = await shop();
    expect(await (await fetch(url('/orders'), { method: 'POST' })).json()).toEqual({
      fn: 'orders',
      routeKey: 'POST /orders',
    });
    expect(await (await fetch(url('/orders/7/items', 'dev'), { method: 'DELETE' })).json()).toEqual({
      fn: 'orders',
      routeKey: 'ANY /orders/{proxy+}',
      params: { proxy: '7/items' },
    });
    // GET /orders has no route of its own: the $default route takes it.
    expect((await eventOf(url('/orders'))).routeKey).toBe('$default');
  });

  it('answers Not Found without a route or stage, and Internal Server Error when the function fails', async () => {
    const { running, client, url } = await shop();
    const bare = await client.send(new CreateApiCommand({ Name: 'bare', ProtocolType: 'HTTP' }));
    await client.send(new CreateRouteCommand({ ApiId: bare.ApiId, RouteKey: 'GET /only' }));
    await client.send(new CreateStageCommand({ ApiId: bare.ApiId, StageName: 'prod', AutoDeploy: true }));
    const missing = await fetch(`${sandboxHttpApiUrl(running.endpoint, bare.ApiId!, 'prod')}/other`);
    expect(missing.status).toBe(404);
    expect(await missing.json()).toEqual({ message: 'Not Found' });
    // No $default stage: a path that names no stage finds none.
    expect((await fetch(`${sandboxHttpApiUrl(running.endpoint, bare.ApiId!, '$default')}/only`)).status).toBe(
      404,
    );

    const failed = await fetch(url('/boom'));
    expect(failed.status).toBe(500);
    expect(await failed.json()).toEqual({ message: 'Internal Server Error' });
  });

  it('answers Service Unavailable when the function does not answer within the integration timeout', async () => {
    const { client, apiId, echo, url } = await shop();
    await client.send(
      new UpdateIntegrationCommand({
        ApiId: apiId,
        IntegrationId: echo.replace('integrations/', ''),
        TimeoutInMillis: 50,
      }),
    );
    await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'dev' }));
    const late = await fetch(url('/slow', 'dev'));
    expect(late.status).toBe(503);
    expect(await late.json()).toEqual({ message: 'Service Unavailable' });
  });

  it('gives a payload 1.0 integration the 1.0 event', async () => {
    const { url } = await shop();
    const event = await eventOf(url('/legacy/9?q=1', 'dev'));
    expect(event).toMatchObject({
      version: '1.0',
      resource: '/legacy/{id}',
      path: '/dev/legacy/9',
      httpMethod: 'GET',
      queryStringParameters: { q: '1' },
      multiValueQueryStringParameters: { q: ['1'] },
      pathParameters: { id: '9' },
      stageVariables: { tier: 'dev' },
      requestContext: { stage: 'dev', domainName: '127.0.0.1' },
    });
  });

  it('serves the older routes again when a stage is pointed back at an older deployment', async () => {
    const { client, apiId, first, echo, url } = await shop();
    const orders = (await client.send(new GetRoutesCommand({ ApiId: apiId }))).Items!.find(
      (r) => r.RouteKey === 'POST /orders',
    )!;
    await client.send(new UpdateRouteCommand({ ApiId: apiId, RouteId: orders.RouteId, Target: echo }));
    // Not deployed yet: the stage still serves what it was given.
    expect(await fnOf(fetch(url('/orders', 'dev'), { method: 'POST' }))).toBe('orders');
    await client.send(new CreateDeploymentCommand({ ApiId: apiId, StageName: 'dev' }));
    expect(await fnOf(fetch(url('/orders', 'dev'), { method: 'POST' }))).toBe('echo');
    expect(await fnOf(fetch(url('/orders'), { method: 'POST' }))).toBe('orders');

    await client.send(
      new UpdateStageCommand({ ApiId: apiId, StageName: 'dev', DeploymentId: first.DeploymentId }),
    );
    expect(await fnOf(fetch(url('/orders', 'dev'), { method: 'POST' }))).toBe('orders');
  });
});
