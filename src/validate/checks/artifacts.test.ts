import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { scanSite } from '../../artifacts/local/site.js';
import type { LoadedConfig } from '../../config/load.js';
import { lambdaFunctionSchema } from '../../config/schema/backend.js';
import { packageFunction } from '../../providers/package/function-package.js';
import type { ValidationContext } from '../types.js';
import { artifactsCheck } from './artifacts.js';

/** The artifacts check over one function packaged from `files`; it reads nothing else. */
async function checkFunction(files: Record<string, string>, fn: Record<string, unknown> = {}) {
  const source = await testdir(files);
  const config = {
    backend: {
      functions: { api: lambdaFunctionSchema.parse({ name: 'shop-api', source, ...fn }) },
      concurrency: 4,
    },
  };
  const context = {
    loaded: { config } as unknown as LoadedConfig,
    packages: async () => new Map([['api', await packageFunction(source)]]),
  } as unknown as ValidationContext;
  return artifactsCheck.run(context);
}

describe('the artifacts check of a function package', () => {
  it('passes a CommonJS handler whose declared dependencies are installed', async () => {
    const finding = await checkFunction({
      'index.js': 'exports.handler = async () => ({ statusCode: 200 });',
      'package.json': JSON.stringify({ dependencies: { leftpad: '1.0.0', '@aws-sdk/client-s3': '3.0.0' } }),
      'node_modules/leftpad/package.json': '{"name":"leftpad"}',
    });
    expect(finding).toMatchObject({ status: 'pass', message: expect.stringMatching(/^api \d+ KB$/) });
  });

  it('fails a declared dependency the package does not carry (the runtime brings @aws-sdk)', async () => {
    const finding = await checkFunction({
      'index.mjs': 'export const handler = async () => 1;',
      'package.json': JSON.stringify({ dependencies: { leftpad: '1.0.0', '@aws-sdk/client-s3': '3.0.0' } }),
    });
    expect(finding).toMatchObject({
      status: 'fail',
      message: 'api: declared dependencies are not in the package: leftpad',
    });
  });

  it('fails a handler whose module is not in the package, naming the files Lambda looks for', async () => {
    const finding = await checkFunction(
      { 'main.mjs': 'export const handler = 1;' },
      { handler: 'app.handler' },
    );
    expect(finding.message).toBe(
      'api: the handler app.handler needs app.js or app.mjs or app.cjs, which the package does not have',
    );
  });

  it('fails a missing function source', async () => {
    const source = await testdir({});
    const context = {
      loaded: {
        config: {
          backend: {
            functions: { api: lambdaFunctionSchema.parse({ name: 'shop-api', source: `${source}/gone` }) },
          },
        },
      } as unknown as LoadedConfig,
      packages: async () =>
        new Map([['api', await packageFunction(`${source}/gone`).catch((error: Error) => error)]]),
    } as unknown as ValidationContext;
    expect(await artifactsCheck.run(context)).toMatchObject({
      status: 'fail',
      message: expect.stringMatching(/^api: the function source \S+\/gone does not exist$/),
    });
  });
});

/** The artifacts check over a site folder holding `files`, with `publishRiskyFiles`. */
async function checkSite(files: Record<string, string>, publishRiskyFiles: string[] = []) {
  const dir = await testdir(files);
  const frontend = {
    source: 'web/dist',
    prefix: '',
    cacheControl: [],
    entryPoints: ['index.html'],
    publishRiskyFiles,
  };
  const site = await scanSite(dir, frontend);
  const context = {
    loaded: { config: { frontend } } as unknown as LoadedConfig,
    site: async () => site,
  } as unknown as ValidationContext;
  return artifactsCheck.run(context);
}

describe('the artifacts check of a site folder', () => {
  const site = { 'index.html': '<p>home</p>', '.well-known/security.txt': 'Contact: x' };

  it('fails files that commonly hold secrets or repository data, naming each', async () => {
    const finding = await checkSite({ ...site, '.env': 'TOKEN=x', '.git/HEAD': 'ref: main' });
    expect(finding).toMatchObject({
      status: 'fail',
      message: expect.stringContaining('2 file(s) that commonly hold secrets or repository data'),
      hint: expect.stringContaining('frontend.publishRiskyFiles'),
    });
    expect(finding.message).toContain('.env, .git/HEAD');
  });

  it('passes them when frontend.publishRiskyFiles lists them, and .well-known always', async () => {
    expect(await checkSite({ ...site, 'certs/ca.pem': 'public' }, ['certs/*.pem'])).toMatchObject({
      status: 'pass',
    });
  });
});
