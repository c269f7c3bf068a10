import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { bootstrapPlanFor } from '../src/actions/bootstrap/bootstrap-plan.js';
import { loadValidConfig } from '../src/config/load.js';
import { bootstrapResources } from '../src/providers/aws/bootstrap.js';
import { sandboxApiUrl, sandboxHttpApiUrl, sandboxSiteUrl } from '../src/providers/aws/sandbox-urls.js';
import { sandbox, TEST_CREDENTIALS } from './helpers/sandbox.js';
import { project as projectFiles, testdir } from './helpers/testdir.js';

const EXAMPLE = join(import.meta.dirname, '../examples/webapp');

async function bootstrapExample(endpoint: string, environment = 'development', configDir = EXAMPLE) {
  const loaded = await loadValidConfig({ environment, configDir, env: {}, cwd: configDir });
  const plan = bootstrapPlanFor(loaded.config);
  const result = await bootstrapResources(
    { region: 'us-east-1', endpoint, credentials: TEST_CREDENTIALS, maxAttempts: 1 },
    '000000000000',
    plan,
  );
  return { plan, result };
}

describe('sandbox --bootstrap', () => {
  it('creates what the example app’s development environment names, and its stage answers', async () => {
    const running = await sandbox();
    const { plan, result } = await bootstrapExample(running.endpoint);
    expect(plan.api).toMatchObject({
      type: 'rest',
      name: 'omnix-shop-development',
      stage: 'development',
      proxyTo: { functionName: 'omnix-shop-api-development', alias: 'live' },
    });
    expect(result.created).toEqual([
      'bucket omnix-shop-web-development',
      `distribution ${result.distributionId}`,
      'function omnix-shop-api-development (version 1, alias live)',
      'function omnix-shop-worker-development (version 1, alias live)',
      `REST API omnix-shop-development (${result.restApiId})`,
      'stage development',
      'permission for omnix-shop-development to invoke omnix-shop-api-development:live',
    ]);
    const api = await fetch(`${sandboxApiUrl(running.endpoint, result.restApiId!, 'development')}/health`);
    expect(api.status).toBe(503);
    expect(await api.json()).toEqual({ message: 'Nothing deployed yet: run omnix deploy.' });
    expect((await fetch(sandboxSiteUrl(running.endpoint, result.distributionId!))).status).toBe(404);
  });

  it('is idempotent, and what it made survives a restart of the sandbox', async () => {
    const dataDir = await testdir({});
    const first = await sandbox({ dataDir });
    const created = await bootstrapExample(first.endpoint);
    await first.stop();
    const second = await sandbox({ dataDir });
    const again = await bootstrapExample(second.endpoint);
    expect(again.result.created).toEqual([]);
    expect(again.result.existing).toHaveLength(6);
    expect(again.result.distributionId).toBe(created.result.distributionId);
    expect(again.result.restApiId).toBe(created.result.restApiId);
    expect(
      (await fetch(`${sandboxApiUrl(second.endpoint, again.result.restApiId!, 'development')}/health`))
        .status,
    ).toBe(503);
  });

  it('creates an empty HTTP API when omnix owns its routes, and one that proxies everything when not', async () => {
    const running = await sandbox();
    const owned = await bootstrapExample(running.endpoint, 'preview');
    expect(owned.plan.api).toEqual({
      type: 'http',
      name: 'omnix-shop-preview',
      stage: '$default',
      stageVariables: {},
    });
    expect(owned.result.created.at(-1)).toBe(`HTTP API omnix-shop-preview (${owned.result.apiId})`);
    expect(owned.result.restApiId).toBeUndefined();

    const project = await testdir(
      projectFiles(`project: shop
aws:
  region: us-east-1
backend:
  functions:
    api:
      name: shop-api
      source: api
  api:
    type: http
    name: shop-http
    stage: $default
`),
    );
    const proxied = await bootstrapExample(running.endpoint, 'development', project);
    expect(proxied.result.created.slice(-3)).toEqual([
      `HTTP API shop-http (${proxied.result.apiId})`,
      'stage $default',
      'permission for shop-http to invoke shop-api:live',
    ]);
    const answer = await fetch(
      `${sandboxHttpApiUrl(running.endpoint, proxied.result.apiId!, '$default')}/anything`,
    );
    expect(answer.status).toBe(503);
  });
});
