import { describe, expect, it } from 'vitest';
import { project, testdir } from '../../../test/helpers/testdir.js';
import { loadConfig } from '../load.js';

/** The messages validation gives for a backend with this `api` section (YAML, indented under `api:`). */
async function problems(api: string): Promise<string[]> {
  const master = `project: shop
aws:
  region: eu-west-1
backend:
  functions:
    api:
      name: shop-api
      source: api
    orders:
      name: shop-orders
      source: orders
  api:
${api}`;
  const root = await testdir(project(master));
  const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
  return result.ok ? [] : result.errors.map((issue) => `${issue.path}: ${issue.message}`);
}

describe('what differs between REST and HTTP APIs, checked at load', () => {
  it('accepts an HTTP API on $default with routes to two functions', async () => {
    expect(
      await problems(`    type: http
    name: shop
    stage: $default
    routes:
      GET /products: api
      POST /orders: orders
      $default: api
`),
    ).toEqual([]);
  });

  it('refuses turnOffAutoDeploy on a REST API, and routes next to function', async () => {
    const found = await problems(`    type: rest
    name: shop
    stage: dev
    turnOffAutoDeploy: true
    function: api
    routes:
      GET /a: api
`);
    expect(found).toEqual([
      expect.stringMatching(/^backend\.api\.turnOffAutoDeploy: .*HTTP APIs only/),
      expect.stringMatching(
        /^backend\.api\.function: give backend\.api\.function .* or backend\.api\.routes/,
      ),
    ]);
  });

  it('refuses a route to an unknown function and a stage variable API Gateway refuses', async () => {
    const found = await problems(`    type: http
    name: shop
    stage: dev
    stageVariables: { note: "two words" }
    routes:
      GET /a: nope
`);
    expect(found).toEqual([
      expect.stringMatching(/^backend\.api\.stageVariables\.note: a stage variable value may hold only/),
      expect.stringMatching(/^backend\.api\.routes\["GET \/a"\]: 'nope' is not a key of backend\.functions/),
    ]);
  });

  it('refuses on a REST API two variable names at one position, $default next to ANY /, and HTTP-only path characters', async () => {
    const found = await problems(`    type: rest
    name: shop
    stage: dev
    routes:
      GET /products/{id}: api
      DELETE /products/{productId}: orders
      $default: api
      ANY /: api
      GET /a$b: api
`);
    expect(found).toEqual([
      expect.stringContaining(
        "'DELETE /products/{productId}' puts {productId} where 'GET /products/{id}' has {id}",
      ),
      expect.stringContaining("on a REST API, 'ANY /' and '$default' are the same method (ANY /)"),
      expect.stringContaining(
        "a REST API path part may hold only letters, digits and . _ : @ ~ -, not 'a$b'",
      ),
    ]);
  });
});
