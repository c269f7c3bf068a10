import { describe, expect, it, vi } from 'vitest';
import { loadValidConfig } from '../src/config/load.js';
import { awsReferenceReaders, resolveDeployTimeReferences } from '../src/config/resolve-deploy-time.js';
import { type FakeAwsData, fakeAwsEndpoint } from './helpers/fake-aws-endpoint.js';
import { runCli } from './helpers/run-cli.js';
import { project, testdir } from './helpers/testdir.js';

const MASTER = `project: shop
aws:
  region: us-east-1
  endpoint: \${env:OMNIX_AWS_ENDPOINT}
frontend:
  source: web/dist
  bucket: shop-web-\${environment}
  distributionId: \${cfn:shop-\${environment}.DistributionId}
backend:
  functions:
    api:
      name: shop-api
      source: api
      memoryMb: \${ssm:/shop/\${environment}/memory}
      environment:
        API_KEY: \${ssm:/shop/\${environment}/api-key}
        DIST: x-\${cfn:shop-\${environment}.DistributionId}
  api:
    id: \${cfn:shop-\${environment}.RestApiId}
    stage: \${environment}
health:
  checks:
    - { name: api, type: http, url: "\${outputs.apiUrl}/health" }
`;

const DATA = {
  stacks: { 'shop-staging': { DistributionId: 'E2STAGING', RestApiId: 'a1b2c3d4e5' } },
  parameters: { '/shop/staging/memory': '512', '/shop/staging/api-key': 'key-123' },
};
const CREDENTIALS = { accessKeyId: 'AKIATEST', secretAccessKey: 'secret' };

/** The staging environment of MASTER, loaded offline, and readers that reach AWS at a fake endpoint holding `data`. */
async function stagingAgainst(data: FakeAwsData) {
  const { endpoint, calls } = await fakeAwsEndpoint(data);
  const root = await testdir(project(MASTER, { staging: '' }));
  const loaded = await loadValidConfig({
    environment: 'staging',
    configDir: root,
    env: { OMNIX_AWS_ENDPOINT: endpoint },
    cwd: root,
  });
  const readers = awsReferenceReaders({ ...loaded.config.aws, credentials: CREDENTIALS });
  return { loaded, readers, calls };
}

describe('${cfn:} and ${ssm:} at deploy time, through the AWS SDK over the wire', () => {
  it('resolves stack outputs and parameters, coerces types, and marks ssm values secret', async () => {
    const { loaded, readers, calls } = await stagingAgainst(DATA);

    const resolved = await resolveDeployTimeReferences(loaded, readers);

    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
    expect(resolved.config.frontend?.distributionId).toBe('E2STAGING');
    expect(resolved.config.backend?.api?.id).toBe('a1b2c3d4e5');
    expect(resolved.config.backend?.functions.api?.memoryMb).toBe(512);
    expect(resolved.config.backend?.functions.api?.environment).toEqual({
      API_KEY: 'key-123',
      DIST: 'x-E2STAGING',
    });
    expect(resolved.secretPaths).toContain('backend.functions.api.environment.API_KEY');
    expect(resolved.secretPaths).toContain('backend.functions.api.memoryMb');
    expect([...resolved.pending.keys()]).toEqual(['health.checks[0].url']);
    expect(calls).toEqual({ DescribeStacks: 1, GetParameter: 2 });
  });

  it('names the file, line and reference that cannot be resolved', async () => {
    const { loaded, readers } = await stagingAgainst({ stacks: {}, parameters: {} });

    const resolved = await resolveDeployTimeReferences(loaded, readers);

    expect(resolved.ok).toBe(false);
    if (resolved.ok) return;
    expect(resolved.errors).toContainEqual(
      expect.objectContaining({
        source: 'config/deployment-config.yaml',
        line: 8,
        column: 19,
        message: '${cfn:shop-staging.DistributionId}: CloudFormation stack shop-staging does not exist',
      }),
    );
    expect(resolved.errors).toContainEqual(
      expect.objectContaining({
        line: 14,
        message: '${ssm:/shop/staging/memory}: SSM parameter /shop/staging/memory does not exist',
      }),
    );
  });

  it('names a missing output and lists the ones the stack has', async () => {
    const { loaded, readers } = await stagingAgainst({
      stacks: { 'shop-staging': { Other: 'x' } },
      parameters: DATA.parameters,
    });
    const resolved = await resolveDeployTimeReferences(loaded, readers);
    expect(!resolved.ok && resolved.errors[0]).toMatchObject({
      message: expect.stringContaining('has no output DistributionId'),
      hint: 'Its outputs are: Other.',
    });
  });

  it('`config show --resolve` prints resolved values with the ssm ones as ***', async () => {
    const { endpoint } = await fakeAwsEndpoint(DATA);
    const root = await testdir(project(MASTER, { staging: '' }));
    vi.stubEnv('AWS_ACCESS_KEY_ID', 'AKIATEST');
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', 'secret');
    const run = await runCli(['config', 'show', 'staging', '--resolve', '--json'], {
      cwd: root,
      env: { OMNIX_AWS_ENDPOINT: endpoint },
    });
    vi.unstubAllEnvs();
    expect(run.exitCode, run.stderr + run.stdout).toBe(0);
    const { config } = JSON.parse(run.stdout) as {
      config: {
        frontend: { distributionId: string };
        backend: { functions: { api: { environment: Record<string, string> } } };
      };
    };
    expect(config.frontend.distributionId).toBe('E2STAGING');
    expect(config.backend.functions.api.environment.API_KEY).toBe('***');
    expect(run.stdout).not.toContain('key-123');
  });

  it('resolves a secret reached through ${self:} over the wire, and shows it as *** (issue 15, defect 3)', async () => {
    const { endpoint } = await fakeAwsEndpoint({
      stacks: {},
      parameters: { '/omnix/dev/db-password': 'pw-over-the-wire' },
    });
    const root = await testdir(
      project(
        `project: shop
aws:
  region: us-east-1
  endpoint: \${env:OMNIX_AWS_ENDPOINT}
secrets:
  dbPassword: \${ssm:/omnix/dev/db-password}
backend:
  functions:
    api:
      name: shop-api
      source: api
      environment:
        DB: \${self:secrets.dbPassword}
`,
        { staging: '' },
      ),
    );
    const loaded = await loadValidConfig({
      environment: 'staging',
      configDir: root,
      env: { OMNIX_AWS_ENDPOINT: endpoint },
      cwd: root,
    });
    const readers = awsReferenceReaders({ ...loaded.config.aws, credentials: CREDENTIALS });

    const resolved = await resolveDeployTimeReferences(loaded, readers);

    if (!resolved.ok) throw new Error(JSON.stringify(resolved.errors));
    expect(resolved.config.backend?.functions.api?.environment.DB).toBe('pw-over-the-wire');
    expect(resolved.secretPaths).toContain('backend.functions.api.environment.DB');
  });
});
