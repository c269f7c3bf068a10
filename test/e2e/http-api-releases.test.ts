import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { ApiGatewayV2Client, GetRoutesCommand } from '@aws-sdk/client-apigatewayv2';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/actions/deploy/build.js';
import { recover } from '../../src/actions/recover/recover.js';
import { rollbackRelease } from '../../src/actions/rollback/rollback-release.js';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const CALM = { OMNIX__HEALTH__LATENCY__SAMPLES: '2', OMNIX__HEALTH__LATENCY__P95_MS: '60000' };
const FAST_HEALTH = { OMNIX__HEALTH__RETRIES: '1', OMNIX__HEALTH__RETRY_INTERVAL: '50ms' };
/** A canary whose steps do not wait, and whose comparison ignores latency (a new version's first call is slow). */
const CANARY = {
  OMNIX__ROLLOUT__STRATEGY: 'canary',
  OMNIX__ROLLOUT__CANARY__INTERVAL: '0s',
  OMNIX__ROLLOUT__CANARY__SAMPLES: '4',
  OMNIX__ROLLOUT__CANARY__MAX_LATENCY_INCREASE_MS: '60000',
};
const ORDERS = JSON.stringify({ orders: [{ id: 'o-1', items: [{ price: 4, quantity: 3 }] }] });

const preview = () => deployFixture({}, 'preview');
const deploy = (fixture: Fixture, env: Record<string, string> = {}, extra = {}) =>
  fixture.run({ env: { ...fixture.env, ...CALM, ...env }, ...extra });
const cli = (fixture: Fixture, args: string[]) =>
  omnixProcess(args, fixture.project, fixture.processEnv(CALM));

async function edit(fixture: Fixture, file: string, change: (source: string) => string) {
  const path = join(fixture.project, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}
const setVersion = (fixture: Fixture, version: string) =>
  edit(fixture, 'backend/api/index.mjs', (s) =>
    s.replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
  );
/** Adds a route before `$default` in the preview environment's routes. */
const addRoute = (fixture: Fixture, line: string) =>
  edit(fixture, 'config/environments/preview.yaml', (s) =>
    s.replace('      $default: api', `      ${line}\n      $default: api`),
  );

const routeKeys = async (fixture: Fixture) => {
  const client = new ApiGatewayV2Client({
    region: 'us-east-1',
    endpoint: fixture.running.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  const apiId = new URL(fixture.apiUrl).pathname.split('/')[3]!;
  return ((await client.send(new GetRoutesCommand({ ApiId: apiId }))).Items ?? [])
    .map((r) => r.RouteKey)
    .sort();
};

/** Every byte the HTTP API serves on each route, and the site's files of release `number`. */
async function served(fixture: Fixture, number: number) {
  const bodies = await fixture.served(number);
  bodies['api /products'] = await (await fetch(`${fixture.apiUrl}/products`)).text();
  bodies['api POST /orders/summary'] = await (
    await fetch(`${fixture.apiUrl}/orders/summary`, { method: 'POST', body: ORDERS })
  ).text();
  return bodies;
}

// slow: releases of the preview environment (an HTTP API) rolled back, gated, canaried, recovered, pruned.
describe('releases of an HTTP API', { timeout: 240_000 }, () => {
  it('rolls back to v1 byte for byte, routes included, with no drift after, and a second time changes nothing', async () => {
    const fixture = await preview();
    await deploy(fixture);
    const v1 = await served(fixture, 1);
    const v1Routes = await routeKeys(fixture);
    await setVersion(fixture, '2.0.0');
    await addRoute(fixture, 'GET /version: api');
    expect((await deploy(fixture)).outcome.status).toBe('succeeded');
    await setVersion(fixture, '3.0.0');
    expect((await deploy(fixture)).outcome.status).toBe('succeeded');
    expect(await routeKeys(fixture)).toContain('GET /version');

    const outcome = await rollbackRelease({
      ...fixture.engineOptions(),
      release: 1,
      env: { ...fixture.env, ...CALM },
    });
    expect(outcome).toMatchObject({ status: 'rolled-back', release: 4 });
    expect(await served(fixture, 1)).toEqual(v1);
    expect(await routeKeys(fixture)).toEqual(v1Routes);
    const [v4, , , first] = await fixture.store.listReleases('preview');
    expect(v4!.manifest.backend!.api).toEqual(first!.manifest.backend!.api);
    const drift = await cli(fixture, ['drift', 'preview']);
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    expect(drift.stdout).toContain('preview: no drift: live resources match release v4');
    expect(await rollbackRelease({ ...fixture.engineOptions(), release: 1 })).toMatchObject({
      status: 'already-live',
    });
  });

  it('rolls back automatically when a routed function fails its health check, routes and stage included', async () => {
    const fixture = await preview();
    await deploy(fixture);
    const before = await served(fixture, 1);
    const routes = await routeKeys(fixture);
    await edit(fixture, 'backend/worker/index.mjs', (s) =>
      s.replace('    return json(200, summarise(orders));', "    return json(500, { error: 'broken' });"),
    );
    await addRoute(fixture, 'GET /version: api');
    const failure = await deploy(fixture, FAST_HEALTH).then(
      () => undefined,
      (error: Error & { code?: string }) => error,
    );
    expect(failure).toMatchObject({ code: 'RolledBack' });
    expect(failure!.message).toContain('orders-summary (');
    const [record] = await fixture.store.listDeployments('preview', { limit: 1 });
    expect(record!.status).toBe('rolled_back');
    expect(record!.health!.at(-1)).toMatchObject({ stage: 'rollback', status: 'pass', release: 1 });
    expect(await served(fixture, 1)).toEqual(before);
    expect(await routeKeys(fixture)).toEqual(routes);
  });

  it('canaries each routed function with payload 2.0 events, and stops a worker that fails on its route', async () => {
    const fixture = await preview();
    await deploy(fixture);
    // A worker whose new version fails only behind the API: only the 2.0 events of its route catch it.
    await edit(fixture, 'backend/worker/index.mjs', (s) =>
      s.replace(
        '  if (event.requestContext && (',
        "  if (event.requestContext?.http) return json(500, { error: 'v2' });\n  if (event.requestContext && (",
      ),
    );
    const failure = await deploy(fixture, { ...FAST_HEALTH, ...CANARY }).then(
      () => undefined,
      (error: Error) => error,
    );
    expect(failure).toMatchObject({ code: 'RolledBack' });
    expect(failure!.message).toContain('the canary stopped at 10%');
    const [record] = await fixture.store.listDeployments('preview', { limit: 1 });
    const comparison = record!.health![0]!.checks.find((check) => check.name === 'canary worker');
    expect(comparison).toMatchObject({ status: 'fail' });
    expect(comparison!.details).toContainEqual('status 500, expected 200');

    // and a healthy change to both functions goes through every step
    await edit(fixture, 'backend/worker/index.mjs', (s) =>
      s.replace("  if (event.requestContext?.http) return json(500, { error: 'v2' });\n", ''),
    );
    await edit(fixture, 'backend/worker/index.mjs', (s) =>
      s.replace('orders: orders.length,', 'orders: orders.length, v: 2,'),
    );
    await setVersion(fixture, '2.0.0');
    const { outcome } = await deploy(fixture, CANARY);
    expect(outcome.status).toBe('succeeded');
    const [done] = await fixture.store.listDeployments('preview', { limit: 1 });
    expect(done!.health!.map((report) => [report.stage, report.status])).toEqual([
      ['canary 10%', 'pass'],
      ['canary 50%', 'pass'],
      ['deploy', 'pass'],
    ]);
    const canaries = done!
      .health![0]!.checks.filter((check) => check.type === 'canary')
      .map((check) => check.name);
    expect(canaries.sort()).toEqual(['canary api', 'canary worker']);
    const summary = await fetch(`${fixture.apiUrl}/orders/summary`, { method: 'POST', body: ORDERS });
    expect(await summary.json()).toMatchObject({ v: 2 });
  });

  it('recovers a deployment killed at CreateDeployment to v1 byte for byte, routes included', async () => {
    const fixture = await preview();
    await deploy(fixture);
    const v1 = await served(fixture, 1);
    const routes = await routeKeys(fixture);
    await setVersion(fixture, '2.0.0');
    await addRoute(fixture, 'GET /version: api');
    await runBuild('frontend', 'npm run build', fixture.project, {
      ...process.env,
      OMNIX_ENVIRONMENT: 'preview',
    });
    const stats = async () =>
      ((await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>)[
        'apigateway:CreateDeployment'
      ] ?? 0;
    const seen = await stats();
    fixture.running.faults.configure({
      rules: [{ service: 'apigateway', operation: 'CreateDeployment', latencyMs: 60_000 }],
    });
    let child: ChildProcess | undefined;
    const killed = omnixProcess(
      ['deploy', 'preview', '--yes', '--skip-build'],
      fixture.project,
      fixture.processEnv(CALM),
      (started) => (child = started),
    );
    await pollUntil(
      'the deployment to reach CreateDeployment',
      async () => ((await stats()) > seen ? true : undefined),
      {
        timeoutMs: 60_000,
        maxDelayMs: 50,
      },
    );
    child!.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');
    fixture.running.faults.configure({ rules: [] });
    expect(await routeKeys(fixture)).toContain('GET /version');

    const outcome = await recover({ ...fixture.engineOptions(), env: { ...fixture.env, ...CALM } });
    expect(outcome).toMatchObject({ status: 'restored' });
    expect(await served(fixture, 1)).toEqual(v1);
    expect(await routeKeys(fixture)).toEqual(routes);
    const drift = await cli(fixture, ['drift', 'preview']);
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
  });

  it('prunes the HTTP API deployments only old releases used; the kept ones restore, older ones are refused', async () => {
    const fixture = await preview();
    const env = { OMNIX__ROLLOUT__KEEP_RELEASES: '2' };
    await deploy(fixture, env);
    let v3: Record<string, string> | undefined;
    for (const [index, version] of ['2.0.0', '3.0.0', '4.0.0'].entries()) {
      await setVersion(fixture, version);
      await addRoute(fixture, `GET /v${index}: api`);
      expect((await deploy(fixture, env, { prune: index === 2 })).outcome.status).toBe('succeeded');
      if (index === 1) v3 = await served(fixture, 3);
    }
    const deploymentOf = async (number: number) =>
      (await fixture.store.getRelease('preview', number))!.manifest.backend!.api!.deploymentId;
    const apiId = new URL(fixture.apiUrl).pathname.split('/')[3]!;
    const [record] = await fixture.store.listDeployments('preview', { limit: 1 });
    expect(record!.pruned!.apiDeployments).toEqual(
      [`${apiId}/${await deploymentOf(1)}`, `${apiId}/${await deploymentOf(2)}`].sort(),
    );
    expect(
      await rollbackRelease({
        ...fixture.engineOptions(),
        release: 3,
        env: { ...fixture.env, ...CALM, ...env },
      }),
    ).toMatchObject({ status: 'rolled-back' });
    expect(await served(fixture, 3)).toEqual(v3);
    await expect(
      rollbackRelease({ ...fixture.engineOptions(), release: 1, env: { ...fixture.env, ...CALM, ...env } }),
    ).rejects.toMatchObject({
      code: 'TargetNotRestorable',
      message: expect.stringContaining(`HTTP API ${apiId} deployment ${await deploymentOf(1)}`),
    });
  });
});
