import { symlinkSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { MINIMAL_MASTER, project, testdir } from '../../test/helpers/testdir.js';
import { type LoadResult, loadConfig } from './load.js';
import { formatOrigin } from './provenance.js';

function assertOk(result: LoadResult): asserts result is Extract<LoadResult, { ok: true }> {
  if (!result.ok) throw new Error(`expected a valid config, got ${JSON.stringify(result.errors, null, 2)}`);
}

describe('loadConfig', () => {
  it('merges the environment file over the master file, deep for maps and whole for lists', async () => {
    const root = await testdir(
      project(`${MINIMAL_MASTER}  entryPoints: [index.html, 404.html]\n  concurrency: 8\n`, {
        staging: 'frontend:\n  entryPoints: [index.html]\n  prefix: site\n',
      }),
    );
    const result = await loadConfig({ environment: 'staging', configDir: root, env: {}, cwd: root });
    assertOk(result);
    expect(result.config.frontend).toMatchObject({
      bucket: 'shop-web-staging',
      entryPoints: ['index.html'],
      prefix: 'site',
      concurrency: 8,
    });
  });

  it('applies defaults and remembers where every value came from', async () => {
    const root = await testdir(project(MINIMAL_MASTER, { development: 'aws:\n  region: us-west-2\n' }));
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    assertOk(result);
    expect(result.config.rollout.keepReleases).toBe(10);
    expect(formatOrigin(result.provenance.originOf(['aws', 'region']))).toBe(
      'config/environments/development.yaml:2:11',
    );
    expect(formatOrigin(result.provenance.originOf(['project']))).toBe('config/deployment-config.yaml:1:10');
    expect(formatOrigin(result.provenance.originOf(['rollout', 'keepReleases']))).toBe('default');
  });

  it('accepts the config folder itself as --config-dir', async () => {
    const root = await testdir(project(MINIMAL_MASTER));
    const result = await loadConfig({
      environment: 'development',
      configDir: `${root}/config`,
      env: {},
      cwd: root,
    });
    assertOk(result);
    expect(result.location.projectRoot).toBe(root);
  });

  it('applies OMNIX__ overrides coerced to the schema type, and names the variable as the source', async () => {
    const root = await testdir(project(MINIMAL_MASTER));
    const env = {
      OMNIX__FRONTEND__BUCKET: 'other',
      OMNIX__FRONTEND__CONCURRENCY: '4',
      OMNIX__ROLLOUT__AUTO_ROLLBACK: 'false',
    };
    const result = await loadConfig({ environment: 'development', configDir: root, env, cwd: root });
    assertOk(result);
    expect(result.config.frontend?.bucket).toBe('other');
    expect(result.config.frontend?.concurrency).toBe(4);
    expect(result.config.rollout.autoRollback).toBe(false);
    expect(formatOrigin(result.provenance.originOf(['frontend', 'bucket']))).toBe(
      'env OMNIX__FRONTEND__BUCKET',
    );
  });

  it('resolves env, environment and self references, keeping types of whole references', async () => {
    const root = await testdir(
      project(
        `${MINIMAL_MASTER}backend:
  functions:
    api:
      name: \${self:project}-api-\${environment}
      source: api
      memoryMb: \${env:API_MEMORY, 256}
      environment:
        SITE_BUCKET: \${self:frontend.bucket}
        STAGE: \${env:STAGE}
  api:
    name: \${self:project}
    stage: \${environment}
`,
      ),
    );
    const result = await loadConfig({
      environment: 'development',
      configDir: root,
      env: { STAGE: 'blue' },
      cwd: root,
    });
    assertOk(result);
    expect(result.config.backend?.functions.api).toMatchObject({
      name: 'shop-api-development',
      memoryMb: 256,
      environment: { SITE_BUCKET: 'shop-web-development', STAGE: 'blue' },
    });
  });

  it('keeps cfn, ssm and outputs references for later and does not need the network', async () => {
    const root = await testdir(
      project(
        `${MINIMAL_MASTER}  distributionId: \${cfn:shop-\${environment}.DistributionId}
secrets:
  token: \${ssm:/shop/\${environment}/token}
health:
  checks:
    - { name: site, type: http, url: "\${outputs.siteUrl}/" }
`,
      ),
    );
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    assertOk(result);
    expect(result.config.frontend?.distributionId).toBe('${cfn:shop-development.DistributionId}');
    expect(result.config.secrets.token).toBe('${ssm:/shop/development/token}');
    expect([...result.pending.keys()].sort()).toEqual([
      'frontend.distributionId',
      'health.checks[0].url',
      'secrets.token',
    ]);
    expect(result.secretPaths.has('secrets.token')).toBe(true);
  });

  it('reports every problem with file, line and column instead of stopping at the first', async () => {
    const root = await testdir(
      project(`project: shop\naws:\n  region: eu-west-1\n  regoin: x\nfrontend:\n  source: 1\n  bucket: b\n`),
    );
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors).toEqual(
      expect.arrayContaining([
        expect.objectContaining({
          source: 'config/deployment-config.yaml',
          line: 4,
          column: 3,
          path: 'aws.regoin',
        }),
        expect.objectContaining({
          source: 'config/deployment-config.yaml',
          line: 6,
          column: 11,
          path: 'frontend.source',
        }),
      ]),
    );
  });

  it('marks values that reference a secret as secret', async () => {
    const root = await testdir(
      project(
        `${MINIMAL_MASTER}secrets:\n  token: abc\nhealth:\n  checks:\n    - { name: a, type: http, url: "https://x/\${self:secrets.token}" }\n`,
      ),
    );
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    assertOk(result);
    expect(result.secretPaths).toContain('health.checks[0].url');
    expect(result.secretPaths).toContain('secrets.token');
  });
});

describe('configured paths stay in the project (issue 15, defect 2)', () => {
  const master = (source: string, extra = '') =>
    `project: shop\naws:\n  region: eu-west-1\nfrontend:\n  source: ${source}\n  bucket: shop-web\n${extra}`;

  it('refuses a source folder that is a link leading out of the project', async () => {
    const root = await testdir(project(master('web')));
    const outside = await testdir({ 'site/index.html': 'x' });
    symlinkSync(join(outside, 'site'), join(root, 'web'));
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    expect(result.ok).toBe(false);
    if (result.ok) return;
    expect(result.errors[0]).toMatchObject({
      line: 5,
      message: expect.stringMatching(/the site source 'web' is outside the project \(it leads to /),
    });
  });

  it('accepts a source outside the project only under a folder listed in allowOutsideProject', async () => {
    const outside = await testdir({ 'site/index.html': 'x' });
    const root = await testdir(
      project(master(join(outside, 'site'), `allowOutsideProject: [${JSON.stringify(outside)}]\n`)),
    );
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    assertOk(result);
    expect(result.config.frontend?.source).toBe(join(outside, 'site'));
  });

  it('checks a path that came from ${env:} once it is resolved', async () => {
    const root = await testdir(project(master('${env:SITE}')));
    const result = await loadConfig({
      environment: 'development',
      configDir: root,
      env: { SITE: '../x' },
      cwd: root,
    });
    expect(result.ok).toBe(false);
  });
});

describe('the agent section (issues 17 and 18)', () => {
  it('is accepted without a warning once every setting works', async () => {
    const agent = await testdir(
      project(
        `${MINIMAL_MASTER}agent:\n  enabled: true\n  riskThreshold: 0.5\n  minHistory: 3\n  anomalies: rollback\n  blockKnownFailures: true\n`,
      ),
    );
    const working = await loadConfig({ environment: 'development', configDir: agent, env: {}, cwd: agent });
    assertOk(working);
    expect(working.warnings).toEqual([]);
  });
});

describe('OMNIX__STATE__PATH (issue 14, defect 10)', () => {
  it('alone implies the file backend, whatever backend the files configure', async () => {
    const root = await testdir(
      project(`${MINIMAL_MASTER}state:\n  backend: s3\n  bucket: team-state\n  lockTtlSeconds: 300\n`),
    );
    const env = { OMNIX__STATE__PATH: '/tmp/omnix-state' };
    const result = await loadConfig({ environment: 'development', configDir: root, env, cwd: root });
    assertOk(result);
    expect(result.config.state).toEqual({ backend: 'file', path: '/tmp/omnix-state', lockTtlSeconds: 300 });
    expect(formatOrigin(result.provenance.originOf(['state', 'path']))).toBe('env OMNIX__STATE__PATH');
  });

  it('with OMNIX__STATE__BACKEND set too, is a plain override', async () => {
    const root = await testdir(project(`${MINIMAL_MASTER}state:\n  backend: s3\n  bucket: team-state\n`));
    const env = { OMNIX__STATE__PATH: 'state', OMNIX__STATE__BACKEND: 's3' };
    const result = await loadConfig({ environment: 'development', configDir: root, env, cwd: root });
    expect(result.ok).toBe(false);
  });
});

describe('a secret that does not fit its schema', () => {
  it('is reported without its value', async () => {
    const root = await testdir(
      project(
        `${MINIMAL_MASTER}notifications:\n  - type: webhook\n    url: https://hooks.example.com/omnix\n    signingSecret: short-s3cr3t\n`,
      ),
    );
    const result = await loadConfig({ environment: 'development', configDir: root, env: {}, cwd: root });
    expect(result.ok).toBe(false);
    const reported = JSON.stringify(result);
    expect(reported).toMatch(/signingSecret/);
    expect(reported).toMatch(/not shown here \(it is a secret\)/);
    expect(reported).not.toContain('short-s3cr3t');
  });
});
