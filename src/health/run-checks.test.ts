import { writeFile } from 'node:fs/promises';
import { createServer as createHttpServer, type Server } from 'node:http';
import { createServer as createTcpServer } from 'node:net';
import { join } from 'node:path';
import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { testdir } from '../../test/helpers/testdir.js';
import { readPage } from '../artifacts/local/page.js';
import { configSchema } from '../config/schema.js';
import { createAwsClients } from '../providers/aws/clients.js';
import { healthMarkdown } from './markdown.js';
import { runHealthChecks } from './run-checks.js';
import { percentile } from './samples.js';
import { thresholdsOf } from './thresholds.js';

let server: Server;
let base: string;
let hits = 0;

beforeAll(async () => {
  server = createHttpServer((request, response) => {
    hits++;
    if (request.url === '/health') {
      response.setHeader('content-type', 'application/json');
      response.setHeader('x-release', '7');
      response.end(JSON.stringify({ status: 'ok', checks: [{ ok: true }] }));
    } else if (request.url === '/warming') {
      // Fails its first two requests, like a release still starting.
      response.statusCode = hits <= 2 ? 503 : 200;
      response.end('warming');
    } else {
      response.statusCode = 404;
      response.end('no such page');
    }
  });
  await new Promise<void>((resolve) => server.listen(0, '127.0.0.1', resolve));
  base = `http://127.0.0.1:${(server.address() as { port: number }).port}`;
});
afterAll(() => new Promise<void>((resolve) => server.close(() => resolve())));

async function run(checks: unknown[], health: Record<string, unknown> = {}, projectRoot = '/') {
  const config = configSchema.parse({
    project: 'p',
    aws: { region: 'us-east-1' },
    frontend: { source: 'dist', bucket: 'b' },
    health: { retryInterval: '10ms', timeoutSeconds: 2, ...health, checks },
  });
  return runHealthChecks({
    environment: 'test',
    config,
    projectRoot,
    clients: createAwsClients({ region: 'us-east-1' }),
    outputs: { apiUrl: base },
    thresholds: thresholdsOf(config.health),
    stage: 'on demand',
  });
}

describe('health checks', () => {
  it('http: checks status, body text, a JSON path and headers, and names every mismatch', async () => {
    const passing = await run([
      {
        name: 'ok',
        type: 'http',
        url: '${outputs.apiUrl}/health',
        expect: {
          status: 200,
          bodyContains: 'ok',
          jsonPath: { path: 'checks.0.ok', equals: true },
          headers: { 'x-release': '7' },
        },
      },
    ]);
    expect(passing.checks[0]).toMatchObject({ status: 'pass', attempts: 1 });
    const failing = await run(
      [
        {
          name: 'wrong',
          type: 'http',
          url: '${outputs.apiUrl}/health',
          expect: {
            status: 201,
            jsonPath: { path: 'status', equals: 'green' },
            headers: { 'x-release': '8' },
          },
        },
      ],
      { retries: 0 },
    );
    expect(failing.status).toBe('fail');
    expect(failing.checks[0]!.details).toEqual([
      expect.stringContaining('status 200, expected 201'),
      expect.stringContaining('status is "ok", expected "green"'),
      expect.stringContaining('header x-release is "7", expected "8"'),
    ]);
  });

  it('retries with backoff while a release warms up, and counts the attempts', async () => {
    hits = 0;
    const report = await run([{ name: 'warming', type: 'http', url: `${base}/warming` }], { retries: 3 });
    expect(report.checks[0]).toMatchObject({ status: 'pass', attempts: 3 });
  });

  it('measures latency percentiles and the error rate over samples', async () => {
    const report = await run([{ name: 'sampled', type: 'http', url: `${base}/health` }], {
      latency: { samples: 10, p99Ms: 5000 },
    });
    expect(report.checks[0]!.latency).toMatchObject({ samples: 10, errorRate: 0 });
    expect(report.checks[0]!.message).toMatch(/p50 [\d.]+ ms, p95 [\d.]+ ms, p99 [\d.]+ ms over 10 samples/);
  });

  it('api: checks several endpoints under one base URL', async () => {
    const report = await run(
      [
        {
          name: 'endpoints',
          type: 'api',
          baseUrl: '${outputs.apiUrl}/',
          endpoints: [{ path: '/health' }, { path: 'missing', expect: { status: 200 } }],
        },
      ],
      { retries: 0 },
    );
    expect(report.checks[0]).toMatchObject({ status: 'fail' });
    expect(report.checks[0]!.message).toContain(`GET ${base}/missing: status 404, expected 200`);
  });

  it('tcp: passes when the port accepts a connection, fails when it refuses', async () => {
    const listener = createTcpServer((socket) => socket.end());
    await new Promise<void>((resolve) => listener.listen(0, '127.0.0.1', resolve));
    const open = (listener.address() as { port: number }).port;
    const closedListener = createTcpServer();
    await new Promise<void>((resolve) => closedListener.listen(0, '127.0.0.1', resolve));
    const closed = (closedListener.address() as { port: number }).port;
    await new Promise<void>((resolve) => closedListener.close(() => resolve()));
    const report = await run(
      [
        { name: 'db', type: 'tcp', host: '127.0.0.1', port: open },
        { name: 'cache', type: 'tcp', host: '127.0.0.1', port: closed },
      ],
      { retries: 0 },
    );
    listener.close();
    expect(report.checks.map((check) => [check.name, check.status])).toEqual([
      ['db', 'pass'],
      ['cache', 'fail'],
    ]);
    expect(report.checks[1]!.message).toBe(`127.0.0.1:${closed}: ECONNREFUSED`);
  });

  it('plugin: a plugin that throws is reported as failed, and the other checks still run', async () => {
    const root = await testdir({});
    await writeFile(join(root, 'throws.mjs'), "export async function check() { throw new Error('boom'); }\n");
    await writeFile(
      join(root, 'queue.mjs'),
      'export async function check(context) { return { status: "warn", message: `depth ${context.options.depth} in ${context.environment}` }; }\n',
    );
    const report = await run(
      [
        { name: 'throws', type: 'plugin', module: 'throws.mjs' },
        { name: 'queue', type: 'plugin', module: 'queue.mjs', options: { depth: 12 } },
        { name: 'absent', type: 'plugin', module: 'absent.mjs' },
        { name: 'api', type: 'http', url: `${base}/health` },
      ],
      { retries: 0 },
      root,
    );
    expect(report.checks.map((check) => [check.name, check.status, check.message])).toEqual([
      ['throws', 'fail', 'the plugin throws.mjs threw: boom'],
      ['queue', 'warn', 'depth 12 in test'],
      ['absent', 'fail', expect.stringContaining('the plugin absent.mjs could not be loaded')],
      ['api', 'pass', expect.any(String)],
    ]);
    expect(report.status).toBe('fail');
  });

  it('a check that uses an output the environment lacks cannot run, and says which', async () => {
    const report = await run([{ name: 'site', type: 'frontend', url: '${outputs.siteUrl}' }]);
    expect(report.checks[0]).toMatchObject({
      status: 'fail',
      attempts: 0,
      message: 'cannot run: it uses ${outputs.siteUrl}, which this environment does not have',
    });
  });
});

describe('health report parts', () => {
  it('reads the scripts, stylesheets, images and build id a page references', () => {
    const page = readPage(
      `<html><head><meta name="omnix-build" content="abc123"><link rel="stylesheet" href="/a.css">
       <link rel="icon" href="favicon.png"><script type="module" src="assets/app.js"></script></head>
       <body><img src="data:image/png;base64,xx"><img src="https://cdn.example.com/logo.svg"><script>inline()</script></body></html>`,
      'https://site.example.com/shop/index.html',
    );
    expect(page).toEqual({
      buildId: 'abc123',
      assets: [
        { kind: 'stylesheet', url: 'https://site.example.com/a.css' },
        { kind: 'image', url: 'https://site.example.com/shop/favicon.png' },
        { kind: 'script', url: 'https://site.example.com/shop/assets/app.js' },
        { kind: 'image', url: 'https://cdn.example.com/logo.svg' },
      ],
    });
  });

  it('computes nearest-rank percentiles', () => {
    const values = Array.from({ length: 20 }, (_, index) => index + 1);
    expect([percentile(values, 50), percentile(values, 95), percentile(values, 99)]).toEqual([10, 19, 20]);
    expect(percentile([], 95)).toBe(0);
  });

  it('writes a Markdown report with a row per check and what needs a look', () => {
    const markdown = healthMarkdown({
      environment: 'production',
      release: 4,
      stage: 'on demand',
      startedAt: '2026-11-24T10:00:00.000Z',
      durationMs: 812,
      status: 'fail',
      checks: [
        {
          name: 'api',
          type: 'http',
          status: 'pass',
          message: 'GET /health answered',
          durationMs: 40,
          attempts: 1,
        },
        {
          name: 'site',
          type: 'frontend',
          status: 'fail',
          message: 'image x.png: status 404 | 2',
          details: ['image x.png: status 404 | 2'],
          hint: 'Deploy the asset.',
          durationMs: 90,
          attempts: 4,
        },
      ],
    });
    expect(markdown).toContain('# Health of production, release v4');
    expect(markdown).toContain('2 check(s), 1 failed, 0 with warnings');
    expect(markdown).toContain(
      '| site | frontend | ❌ fail | 90 ms | 4 |  | image x.png: status 404 \\| 2 |',
    );
    expect(markdown).toContain('### site (fail)\n\n- image x.png: status 404 | 2\n\nHint: Deploy the asset.');
  });
});
