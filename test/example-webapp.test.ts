import { readFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCli } from './helpers/run-cli.js';
import { testdir } from './helpers/testdir.js';

const EXAMPLE = join(import.meta.dirname, '../examples/webapp');

interface BuildModule {
  build(options: {
    src?: string;
    out: string;
    apiUrl: string;
  }): Promise<{ buildId: string; assets: Record<string, string> }>;
}
type Handler = (event?: unknown) => Promise<{ statusCode: number; body: string }>;

const loadBuild = async () => (await import(join(EXAMPLE, 'web/build.mjs'))) as BuildModule;
const loadHandler = async (name: string) =>
  ((await import(join(EXAMPLE, `backend/${name}/index.mjs`))) as { handler: Handler }).handler;

describe('example web build', () => {
  it('writes content-hashed assets that index.html references, a build id and the API URL', async () => {
    const out = join(await testdir({}), 'dist');
    const { buildId, assets } = await (await loadBuild()).build({
      out,
      apiUrl: 'https://api.example.test/dev',
    });
    const html = await readFile(join(out, 'index.html'), 'utf8');
    expect(html).toContain(`<meta name="omnix-build" content="${buildId}" />`);
    expect(Object.keys(assets).sort()).toEqual(['app.js', 'logo.svg', 'style.css']);
    for (const hashed of Object.values(assets)) {
      expect(hashed).toMatch(/^assets\/[a-z]+\.[0-9a-f]{10}\.(js|css|svg)$/);
      expect(html).toContain(hashed);
      await expect(readFile(join(out, hashed))).resolves.toBeInstanceOf(Buffer);
    }
    expect(JSON.parse(await readFile(join(out, 'config.json'), 'utf8'))).toEqual({
      apiUrl: 'https://api.example.test/dev',
    });
  });

  it('produces the same build id and bytes for the same sources', async () => {
    const { build } = await loadBuild();
    const root = await testdir({});
    const first = await build({ out: join(root, 'a'), apiUrl: '' });
    const second = await build({ out: join(root, 'b'), apiUrl: '' });
    expect(second).toEqual(first);
    expect(await readFile(join(root, 'b/index.html'), 'utf8')).toBe(
      await readFile(join(root, 'a/index.html'), 'utf8'),
    );
  });

  it('changes only the hash of the asset whose content changed', async () => {
    const { build } = await loadBuild();
    const src = await testdir({
      'index.html': '<title>t</title><script src="{{app.js}}"></script><link href="{{style.css}}">',
      'app.js': 'console.log(1)',
      'style.css': 'body{}',
    });
    const before = await build({ src, out: join(src, '../out-a'), apiUrl: '' });
    await import('node:fs/promises').then((fs) => fs.writeFile(join(src, 'app.js'), 'console.log(2)'));
    const after = await build({ src, out: join(src, '../out-b'), apiUrl: '' });
    expect(after.assets['style.css']).toBe(before.assets['style.css']);
    expect(after.assets['app.js']).not.toBe(before.assets['app.js']);
    expect(after.buildId).not.toBe(before.buildId);
  });

  it('refuses a page that references a missing asset', async () => {
    const src = await testdir({ 'index.html': '<title>t</title><script src="{{missing.js}}"></script>' });
    await expect((await loadBuild()).build({ src, out: join(src, '../out'), apiUrl: '' })).rejects.toThrow(
      /missing\.js/,
    );
  });
});

describe('example api function', () => {
  it('answers GET /health with the stage', async () => {
    const handler = await loadHandler('api');
    const response = await handler({ httpMethod: 'GET', path: '/health' });
    expect(response.statusCode).toBe(200);
    expect(JSON.parse(response.body)).toMatchObject({ status: 'ok', version: '1.0.0' });
  });

  it('filters products by query, for REST (1.0) and HTTP API (2.0) events', async () => {
    const handler = await loadHandler('api');
    const rest = await handler({ httpMethod: 'GET', path: '/products', queryStringParameters: { q: 'mug' } });
    expect(JSON.parse(rest.body)).toMatchObject({ count: 1, products: [{ name: 'Ceramic mug' }] });
    const http = await handler({ rawPath: '/staging/products', requestContext: { http: { method: 'GET' } } });
    expect(JSON.parse(http.body).count).toBe(4);
  });

  it('answers 404 for an unknown route and 405 for a write', async () => {
    const handler = await loadHandler('api');
    expect((await handler({ httpMethod: 'GET', path: '/nope' })).statusCode).toBe(404);
    expect((await handler({ httpMethod: 'POST', path: '/products' })).statusCode).toBe(405);
  });
});

describe('example worker function', () => {
  it('summarises orders given directly or as SQS records', async () => {
    const handler = (await loadHandler('worker')) as unknown as (
      event: unknown,
    ) => Promise<Record<string, number>>;
    const order = {
      id: 'o1',
      items: [
        { price: 12.5, quantity: 2 },
        { price: 1, quantity: 1 },
      ],
    };
    expect(await handler({ orders: [order] })).toMatchObject({ orders: 1, items: 3, revenue: 26 });
    expect(await handler({ Records: [{ body: JSON.stringify(order) }] })).toMatchObject({
      orders: 1,
      revenue: 26,
    });
    await expect(handler({ orders: [{ id: 'bad', items: [{ price: 1, quantity: 0 }] }] })).rejects.toThrow(
      /bad/,
    );
  });
});

describe('example configuration', () => {
  it('is valid for every environment', async () => {
    const run = await runCli(['config', 'validate', '--all', '--json'], { cwd: EXAMPLE });
    expect(run.exitCode, run.stdout).toBe(0);
    expect(JSON.parse(run.stdout).environments.map((e: { environment: string }) => e.environment)).toEqual([
      'development',
      'preview',
      'production',
      'staging',
    ]);
  });

  it('derives every resource name from the project and the environment', async () => {
    const run = await runCli(['config', 'diff', 'staging', 'production', '--json'], { cwd: EXAMPLE });
    const paths = (JSON.parse(run.stdout).differences as Array<{ path: string; a: unknown; b: unknown }>).map(
      (d) => d.path,
    );
    expect(paths).toEqual(
      expect.arrayContaining([
        'frontend.bucket',
        'backend.functions.api.name',
        'backend.functions.worker.name',
        'backend.api.name',
        'backend.api.stage',
        'backend.functions.api.memoryMb',
      ]),
    );
  });
});
