import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import {
  ApiGatewayV2Client,
  CreateIntegrationCommand,
  CreateRouteCommand,
  GetRoutesCommand,
  GetStageCommand,
  UpdateStageCommand,
} from '@aws-sdk/client-apigatewayv2';
import { GetPolicyCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { sandboxHttpApiUrl } from '../../src/providers/aws/sandbox-urls.js';
import type { ReleasedHttpApi } from '../../src/records/index.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;
interface ApiSummary {
  type: string;
  apiId: string;
  stage: string;
  redeploy?: string;
  routes?: { add: string[]; change: string[]; remove: string[] };
  allowInvoke?: string[];
}
const apiPlan = (outcome: { plan?: unknown }) =>
  (outcome.plan as { backend: { api: ApiSummary } }).backend.api;
const ORDERS = JSON.stringify({ orders: [{ id: 'o-1', items: [{ price: 4, quantity: 3 }] }] });
const CALM = { OMNIX__HEALTH__LATENCY__SAMPLES: '2', OMNIX__HEALTH__LATENCY__P95_MS: '60000' };

const clientSettings = (fixture: Fixture) => ({
  region: 'us-east-1',
  endpoint: fixture.running.endpoint,
  credentials: TEST_CREDENTIALS,
});
const v2 = (fixture: Fixture) => new ApiGatewayV2Client(clientSettings(fixture));
const apiIdOf = (fixture: Fixture) => new URL(fixture.apiUrl).pathname.split('/')[3]!;
const routeKeys = async (fixture: Fixture) =>
  ((await v2(fixture).send(new GetRoutesCommand({ ApiId: apiIdOf(fixture) }))).Items ?? [])
    .map((route) => route.RouteKey)
    .sort();
const preview = () => deployFixture({}, 'preview');
const deploy = (fixture: Fixture, env: Record<string, string> = {}) =>
  fixture.run({ env: { ...fixture.env, ...CALM, ...env } });

async function setRoutes(fixture: Fixture, routes: Record<string, string>) {
  const file = join(fixture.project, 'config/environments/preview.yaml');
  const lines = Object.entries(routes).map(([key, fn]) => `      ${key}: ${fn}`);
  const text = await readFile(file, 'utf8');
  const start = text.indexOf('    routes:\n');
  const end = text.indexOf('# The shared checks');
  await writeFile(file, `${text.slice(0, start)}    routes:\n${lines.join('\n')}\n${text.slice(end)}`);
}

// slow: the example's preview environment, an HTTP API with routes to two functions, on the sandbox.
describe('an HTTP API (API Gateway v2) with routes to two functions', () => {
  it('deploys routes, integrations, permissions and the $default stage; an immediate redeploy changes nothing', async () => {
    const fixture = await preview();
    const apiId = apiIdOf(fixture);
    expect(fixture.apiUrl).toBe(sandboxHttpApiUrl(fixture.running.endpoint, apiId, '$default'));
    const { outcome } = await deploy(fixture);
    expect(outcome).toMatchObject({ status: 'succeeded', release: 1, outputs: { apiUrl: fixture.apiUrl } });
    expect(apiPlan(outcome)).toMatchObject({
      type: 'http',
      apiId,
      stage: '$default',
      redeploy: 'new stage',
      routes: {
        add: ['$default', 'GET /health', 'GET /products', 'POST /orders/summary'],
        change: [],
        remove: [],
      },
    });
    expect(apiPlan(outcome).allowInvoke).toHaveLength(2);

    // then the API serves each route from its function, with payload 2.0
    expect(await (await fetch(`${fixture.apiUrl}/health`)).json()).toMatchObject({
      status: 'ok',
      stage: 'preview',
    });
    const summary = await fetch(`${fixture.apiUrl}/orders/summary`, { method: 'POST', body: ORDERS });
    expect(await summary.json()).toMatchObject({ orders: 1, items: 3, revenue: 12 });
    expect((await fetch(`${fixture.apiUrl}/anything-else`)).status).toBe(404);

    // and the release records the stage's deployment and the routes
    const [release] = await fixture.store.listReleases('preview');
    const api = release!.manifest.backend!.api as ReleasedHttpApi;
    const stage = await v2(fixture).send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    expect(api).toMatchObject({ type: 'http', apiId, stage: '$default', deploymentId: stage.DeploymentId });
    expect(stage.AutoDeploy).toBe(false);
    expect(api.routes!.map((route) => `${route.key} → ${route.function}:${route.alias}`).sort()).toEqual([
      '$default → omnix-shop-api-preview:live',
      'GET /health → omnix-shop-api-preview:live',
      'GET /products → omnix-shop-api-preview:live',
      'POST /orders/summary → omnix-shop-worker-preview:live',
    ]);
    const lambda = new LambdaClient(clientSettings(fixture));
    const policy = await lambda.send(
      new GetPolicyCommand({ FunctionName: 'omnix-shop-worker-preview', Qualifier: 'live' }),
    );
    expect(JSON.parse(policy.Policy!).Statement).toContainEqual(
      expect.objectContaining({
        Sid: `omnix-apigateway-${apiId}`,
        Principal: { Service: 'apigateway.amazonaws.com' },
        Condition: { ArnLike: { 'AWS:SourceArn': `arn:aws:execute-api:us-east-1:000000000000:${apiId}/*` } },
      }),
    );

    const again = await deploy(fixture);
    expect(again.outcome.status).toBe('nothing-to-do');
    expect(apiPlan(again.outcome)).toMatchObject({ routes: { add: [], change: [], remove: [] } });
    expect(apiPlan(again.outcome).redeploy).toBeUndefined();
  });

  it('adds and removes routes with a new deployment, and a code change reaches the route’s function', async () => {
    const fixture = await preview();
    await deploy(fixture);
    const first = (await fixture.store.listReleases('preview'))[0]!.manifest.backend!.api!.deploymentId;

    // when a route moves to the worker and /products goes
    await setRoutes(fixture, { 'GET /health': 'api', 'POST /orders/{proxy+}': 'worker', $default: 'api' });
    const worker = join(fixture.project, 'backend/worker/index.mjs');
    await writeFile(
      worker,
      (await readFile(worker, 'utf8')).replace('orders: orders.length,', 'orders: orders.length, v: 2,'),
    );
    const { outcome } = await deploy(fixture);

    // then
    expect(outcome.status).toBe('succeeded');
    expect(apiPlan(outcome)).toMatchObject({
      redeploy: 'routes changed',
      routes: {
        add: ['POST /orders/{proxy+}'],
        change: [],
        remove: ['GET /products', 'POST /orders/summary'],
      },
    });
    expect(await routeKeys(fixture)).toEqual(['$default', 'GET /health', 'POST /orders/{proxy+}']);
    const summary = await fetch(`${fixture.apiUrl}/orders/summary`, { method: 'POST', body: ORDERS });
    expect(await summary.json()).toMatchObject({ orders: 1, v: 2 });
    // /products is served by $default now: the API function still answers it
    expect((await fetch(`${fixture.apiUrl}/products`)).status).toBe(200);
    const second = (await fixture.store.listReleases('preview'))[0]!.manifest.backend!.api!;
    expect(second.deploymentId).not.toBe(first);
    expect(second.routes).toHaveLength(3);
    expect((await deploy(fixture)).outcome.status).toBe('nothing-to-do');
  });

  it('reports a stage moved and a route added outside omnix as drift, and the next deployment puts them back', async () => {
    const fixture = await preview();
    await deploy(fixture);
    const apiId = apiIdOf(fixture);
    const handler = join(fixture.project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '1.1.0'"),
    );
    await setRoutes(fixture, {
      'GET /health': 'api',
      'GET /products': 'api',
      'POST /orders/summary': 'worker',
      'GET /version': 'api',
      $default: 'api',
    });
    await deploy(fixture);
    const [v2Release, v1Release] = await fixture.store.listReleases('preview');
    const client = v2(fixture);
    // given changes made by hand: the stage back on v1's deployment, and a route omnix does not know
    await client.send(
      new UpdateStageCommand({
        ApiId: apiId,
        StageName: '$default',
        DeploymentId: v1Release!.manifest.backend!.api!.deploymentId,
      }),
    );
    const integration = await client.send(
      new CreateIntegrationCommand({
        ApiId: apiId,
        IntegrationType: 'AWS_PROXY',
        IntegrationUri: 'arn:aws:lambda:us-east-1:000000000000:function:omnix-shop-api-preview',
        PayloadFormatVersion: '2.0',
      }),
    );
    await client.send(
      new CreateRouteCommand({
        ApiId: apiId,
        RouteKey: 'DELETE /products',
        Target: `integrations/${integration.IntegrationId}`,
      }),
    );

    const drift = await omnixProcess(
      ['drift', 'preview', '--json'],
      fixture.project,
      fixture.processEnv(CALM),
    );
    expect(drift.code).toBe(1);
    expect(JSON.parse(drift.stdout).drift).toEqual([
      {
        resource: `${apiId}/$default`,
        field: 'stage deployment',
        expected: `${v2Release!.manifest.backend!.api!.deploymentId} (release v2)`,
        found: v1Release!.manifest.backend!.api!.deploymentId,
      },
      {
        resource: `${apiId} DELETE /products`,
        field: 'route',
        expected: 'absent (release v2)',
        found: 'added, → omnix-shop-api-preview',
      },
    ]);

    // when deployed again: the route goes, and the stage gets the routes' deployment
    const { outcome } = await deploy(fixture);
    expect(apiPlan(outcome)).toMatchObject({
      routes: { remove: ['DELETE /products'] },
      redeploy: 'routes changed',
    });
    const after = await omnixProcess(['drift', 'preview'], fixture.project, fixture.processEnv(CALM));
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).toContain('preview: no drift: live resources match release v3');
  });

  it('refuses a stage that deploys by itself, and turns that off only with turnOffAutoDeploy', async () => {
    const fixture = await preview();
    await deploy(fixture);
    const apiId = apiIdOf(fixture);
    await v2(fixture).send(new UpdateStageCommand({ ApiId: apiId, StageName: '$default', AutoDeploy: true }));
    const handler = join(fixture.project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '1.1.0'"),
    );

    const refused = await omnixProcess(
      ['deploy', 'preview', '--yes'],
      fixture.project,
      fixture.processEnv(CALM),
    );
    expect(refused.code).toBe(3);
    expect(refused.stdout + refused.stderr).toContain(
      `stage $default of the HTTP API ${apiId} deploys automatically (autoDeploy)`,
    );
    expect(refused.stdout + refused.stderr).toContain('backend.api.turnOffAutoDeploy: true');
    expect(await fixture.store.listReleases('preview')).toHaveLength(1);

    const { outcome } = await deploy(fixture, { OMNIX__BACKEND__API__TURN_OFF_AUTO_DEPLOY: 'true' });
    expect(outcome.status).toBe('succeeded');
    expect(apiPlan(outcome)).toMatchObject({ turnOffAutoDeploy: true });
    const stage = await v2(fixture).send(new GetStageCommand({ ApiId: apiId, StageName: '$default' }));
    expect(stage.AutoDeploy).toBe(false);
    expect(await (await fetch(`${fixture.apiUrl}/health`)).json()).toMatchObject({ version: '1.1.0' });
  });
});

// slow: a REST API whose routes omnix owns.
describe('a REST API with routes to two functions', () => {
  it('creates resources, methods and proxy integrations, serves each from its function, and removes a route', async () => {
    const fixture = await deployFixture();
    const file = join(fixture.project, 'config/environments/development.yaml');
    const routes = (extra: string) =>
      `backend:\n  api:\n    routes:\n      GET /health: api\n      GET /products: api\n${extra}`;
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}\n${routes('      POST /orders/summary: worker\n')}`,
    );
    const { outcome } = await deploy(fixture);
    expect(outcome.status).toBe('succeeded');
    // bootstrap made ANY / and ANY /{proxy+}: the configuration owns the routes now, so they go
    expect(apiPlan(outcome)).toMatchObject({
      type: 'rest',
      routes: {
        add: ['GET /health', 'GET /products', 'POST /orders/summary'],
        change: [],
        remove: ['ANY /', 'ANY /{proxy+}'],
      },
    });
    const summary = await fetch(`${fixture.apiUrl}/orders/summary`, { method: 'POST', body: ORDERS });
    expect(await summary.json()).toMatchObject({ revenue: 12 });
    expect(await (await fetch(`${fixture.apiUrl}/health`)).json()).toMatchObject({ status: 'ok' });
    expect((await fetch(`${fixture.apiUrl}/other`)).status).toBe(403);

    await writeFile(file, (await readFile(file, 'utf8')).replace('      POST /orders/summary: worker\n', ''));
    const second = await deploy(fixture);
    expect(apiPlan(second.outcome)).toMatchObject({
      routes: { add: [], change: [], remove: ['POST /orders/summary'] },
    });
    expect((await fetch(`${fixture.apiUrl}/orders/summary`, { method: 'POST', body: ORDERS })).status).toBe(
      403,
    );
    expect((await deploy(fixture)).outcome.status).toBe('nothing-to-do');
  });
});
