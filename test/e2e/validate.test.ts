import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { IAMClient, SimulatePrincipalPolicyCommand } from '@aws-sdk/client-iam';
import { LambdaClient, UpdateFunctionConfigurationCommand } from '@aws-sdk/client-lambda';
import { PutBucketVersioningCommand, S3Client } from '@aws-sdk/client-s3';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const PRINCIPAL = `arn:aws:iam::000000000000:user/${TEST_CREDENTIALS.accessKeyId}`;
const SITE_BUCKET = 'omnix-shop-web-development';
const MUTATING = /:(Put|Create|Update|Delete|Publish|Copy|Upload|Complete|Abort)/;

const stats = async (fixture: Fixture) =>
  (await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>;

/** The calls that change something, made since `before`. */
async function changesSince(fixture: Fixture, before: Record<string, number>): Promise<string[]> {
  const after = await stats(fixture);
  return Object.keys(after).filter((name) => MUTATING.test(name) && after[name] !== (before[name] ?? 0));
}

const clientSettings = (fixture: Fixture) => ({
  region: 'us-east-1',
  endpoint: fixture.running.endpoint,
  credentials: TEST_CREDENTIALS,
});

async function setPolicies(fixture: Fixture, policies: Record<string, unknown[]>) {
  const response = await fetch(`${fixture.running.endpoint}/_omnix/iam/policies`, {
    method: 'PUT',
    body: JSON.stringify(policies),
  });
  expect(response.status).toBe(200);
}

/**
 * `omnix deploy development --yes` on a fresh fixture after `prepare`: it must exit 3, name the problem,
 * change nothing on the sandbox and write no deployment record.
 */
async function refusedDeploy(
  prepare: (fixture: Fixture) => Promise<Record<string, string> | undefined>,
  args: string[] = [],
) {
  const fixture = await deployFixture();
  const env = (await prepare(fixture)) ?? {};
  const before = await stats(fixture);
  const run = await runCli(['deploy', 'development', '--yes', ...args], {
    cwd: fixture.project,
    env: fixture.processEnv(env),
  });
  expect(run.exitCode, run.stderr).toBe(3);
  expect(await changesSince(fixture, before)).toEqual([]);
  expect(await fixture.store.listDeployments('development')).toEqual([]);
  return { fixture, run };
}

// slow: each case bootstraps the example on the sandbox and runs the CLI against it.
describe('deploy stops at validation with exit 3 and changes nothing', () => {
  // The CLI runs in this process: its AWS SDK reads credentials from the process environment.
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('when the site bucket does not exist', async () => {
    const { run } = await refusedDeploy(async () => ({ OMNIX__FRONTEND__BUCKET: 'omnix-shop-web-missing' }));
    expect(run.stderr).toContain('frontend: the bucket omnix-shop-web-missing does not exist');
  });

  it('when the site bucket is not versioned and rollback is on', async () => {
    const { run } = await refusedDeploy(async (fixture) => {
      await new S3Client({ ...clientSettings(fixture), forcePathStyle: true }).send(
        new PutBucketVersioningCommand({
          Bucket: SITE_BUCKET,
          VersioningConfiguration: { Status: 'Suspended' },
        }),
      );
      return undefined;
    });
    expect(run.stderr).toContain(`the bucket ${SITE_BUCKET} is not versioned (versioning: Suspended)`);
  });

  it('when the sandbox IAM policy denies an action the deployment needs', async () => {
    const { run } = await refusedDeploy(async (fixture) => {
      await setPolicies(fixture, {
        [PRINCIPAL]: [
          {
            Version: '2012-10-17',
            Statement: [
              { Sid: 'All', Effect: 'Allow', Action: '*', Resource: '*' },
              {
                Sid: 'NoUploads',
                Effect: 'Deny',
                Action: 's3:PutObject',
                Resource: `arn:aws:s3:::${SITE_BUCKET}/*`,
              },
            ],
          },
        ],
      });
      return undefined;
    });
    expect(run.stderr).toContain(
      `permissions: ${PRINCIPAL} is denied 1 permission(s) the deployment needs: s3:PutObject on arn:aws:s3:::${SITE_BUCKET}/index.html (explicitDeny)`,
    );
    expect(run.stderr).toContain('omnix iam-policy development');
  });

  it('when a function does not exist', async () => {
    const { run } = await refusedDeploy(async () => ({
      OMNIX__BACKEND__FUNCTIONS__WORKER__NAME: 'omnix-shop-worker-missing',
    }));
    expect(run.stderr).toContain(
      'the function omnix-shop-worker-missing (backend.functions.worker) does not exist',
    );
  });

  it('when a function runtime is deprecated', async () => {
    const { run } = await refusedDeploy(async () => ({
      OMNIX__BACKEND__FUNCTIONS__API__RUNTIME: 'nodejs18.x',
    }));
    expect(run.stderr).toContain(
      'functions: omnix-shop-api-development: the runtime nodejs18.x is deprecated since 2025-09-01',
    );
    expect(run.stderr).toMatch(/Move backend\.functions\.api\.runtime to nodejs2\dx?/);
  });

  it('when the site was not built', async () => {
    const { run } = await refusedDeploy(async () => undefined, ['--skip-build']);
    expect(run.stderr).toMatch(/artifacts: the site folder \S+web\/dist does not exist/);
  });

  it('when the page references an asset the build did not produce', async () => {
    const { run } = await refusedDeploy(async (fixture) => {
      const page = join(fixture.project, 'web/src/index.html');
      await writeFile(
        page,
        (await readFile(page, 'utf8')).replace(
          '<h1>OMNIX Shop</h1>',
          '<h1>OMNIX Shop</h1><img src="assets/banner.png" />',
        ),
      );
      return undefined;
    });
    expect(run.stderr).toContain(
      'artifacts: index.html references 1 file(s) the site does not have: assets/banner.png',
    );
  });

  it('when the handler is not exported', async () => {
    const { run } = await refusedDeploy(async (fixture) => {
      const file = join(fixture.project, 'backend/worker/index.mjs');
      await writeFile(
        file,
        (await readFile(file, 'utf8')).replace('export async function handler', 'async function handler'),
      );
      return undefined;
    });
    expect(run.stderr).toContain(
      'artifacts: worker: index.mjs does not export handler (handler index.handler)',
    );
  });

  it('when a JS bundle holds an AWS access key, naming the file and line but not the key', async () => {
    const key = ['AKIA', 'Z7Q3XK5P2M4N6R2T'].join('');
    const { fixture, run } = await refusedDeploy(async (fixture) => {
      await appendFile(join(fixture.project, 'web/src/app.js'), `\nconst uploadKey = '${key}';\n`);
      return undefined;
    });
    const source = await readFile(join(fixture.project, 'web/src/app.js'), 'utf8');
    const line = source.split('\n').findIndex((text) => text.includes(key)) + 1;
    expect(run.stderr).toMatch(
      new RegExp(
        `secrets: 1 credential\\(s\\) in files to upload: web/dist/assets/app\\.\\w+\\.js:${line}: AWS access key id`,
      ),
    );
    expect(run.stderr + run.stdout).not.toContain(key);
  });
});

// slow: deploys the example on the sandbox.
describe('omnix validate, drift and iam-policy on a deployed environment', () => {
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('reports a memory size changed outside omnix as drift (exit 1), and validation warns of it', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    const options = { cwd: fixture.project, env: fixture.processEnv() };
    const clean = await runCli(['drift', 'development'], options);
    expect(clean.exitCode).toBe(0);
    expect(clean.stdout).toContain('development: no drift: live resources match release v1');

    await new LambdaClient(clientSettings(fixture)).send(
      new UpdateFunctionConfigurationCommand({ FunctionName: 'omnix-shop-api-development', MemorySize: 512 }),
    );
    const drifted = await runCli(['drift', 'development'], options);
    expect(drifted.exitCode).toBe(1);
    expect(drifted.stdout).toMatch(/omnix-shop-api-development\s+memory\s+256 MB\s+512 MB/);
    const json = JSON.parse((await runCli(['drift', 'development', '--json'], options)).stdout);
    expect(json).toMatchObject({
      drifted: true,
      release: 1,
      drift: [
        { resource: 'omnix-shop-api-development', field: 'memory', expected: '256 MB', found: '512 MB' },
      ],
    });

    const validation = await runCli(['validate', 'development', '--json'], options);
    expect(validation.exitCode).toBe(0);
    const report = JSON.parse(validation.stdout);
    expect(report.status).toBe('warn');
    expect(report.checks.map((check: { name: string }) => check.name)).toEqual([
      'credentials',
      'permissions',
      'references',
      'frontend',
      'functions',
      'api',
      'artifacts',
      'secrets',
      'rollback',
      'drift',
    ]);
    expect(report.checks.find((check: { name: string }) => check.name === 'drift')).toMatchObject({
      status: 'warn',
      details: ['omnix-shop-api-development: memory 256 MB → 512 MB'],
    });
    expect(report.checks.filter((check: { status: string }) => check.status !== 'pass')).toHaveLength(1);
  });

  it('prints a policy without wildcard actions that allows every needed action and nothing broader', async () => {
    const fixture = await deployFixture();
    const options = { cwd: fixture.project, env: fixture.processEnv() };
    const printed = await runCli(['iam-policy', 'development'], options);
    expect(printed.exitCode, printed.stderr).toBe(0);
    const policy = JSON.parse(printed.stdout);
    const actions: string[] = policy.Statement.flatMap((statement: { Action: string[] }) => statement.Action);
    expect(actions.filter((action) => action.includes('*'))).toEqual([]);

    // The deployer gets exactly this policy: validation's simulation passes, and a deployment works.
    await setPolicies(fixture, { [PRINCIPAL]: [policy] });
    const validation = await runCli(['validate', 'development', '--json'], options);
    const permissions = JSON.parse(validation.stdout).checks.find(
      (check: { name: string }) => check.name === 'permissions',
    );
    expect(permissions).toMatchObject({ status: 'pass' });
    const deployed = await runCli(['deploy', 'development', '--yes'], options);
    expect(deployed.exitCode, deployed.stderr).toBe(0);

    // Nothing broader: other buckets, the functions themselves, other APIs and admin actions are denied.
    const iam = new IAMClient(clientSettings(fixture));
    const decision = async (action: string, resource: string) =>
      (
        await iam.send(
          new SimulatePrincipalPolicyCommand({
            PolicySourceArn: PRINCIPAL,
            ActionNames: [action],
            ResourceArns: [resource],
          }),
        )
      ).EvaluationResults?.[0]?.EvalDecision;
    expect(await decision('s3:PutObject', 'arn:aws:s3:::another-bucket/index.html')).toBe('implicitDeny');
    expect(await decision('s3:DeleteBucket', `arn:aws:s3:::${SITE_BUCKET}`)).toBe('implicitDeny');
    expect(
      await decision(
        'lambda:DeleteFunction',
        'arn:aws:lambda:us-east-1:000000000000:function:omnix-shop-api-development',
      ),
    ).toBe('implicitDeny');
    expect(
      await decision(
        'lambda:UpdateFunctionCode',
        'arn:aws:lambda:us-east-1:000000000000:function:someone-else',
      ),
    ).toBe('implicitDeny');
    expect(await decision('iam:CreateUser', 'arn:aws:iam::000000000000:user/x')).toBe('implicitDeny');
  });

  it('refuses --skip-validation where approvals are required unless --force, and records the skip', async () => {
    const fixture = await deployFixture();
    const env = { ...fixture.env, OMNIX__APPROVALS__REQUIRED: 'true' };
    await expect(fixture.run({ env, skipValidation: true })).rejects.toMatchObject({
      code: 'ValidationRequired',
      exitCode: 2,
    });
    const { outcome } = await fixture.run({ env, skipValidation: true, force: true });
    expect(outcome.status).toBe('succeeded');
    const [record] = await fixture.store.listDeployments('development');
    expect(record!.validation).toEqual({ skipped: true, forced: true });
    expect(record!.phases.find((phase) => phase.name === 'validate')).toMatchObject({ outcome: 'skipped' });
  });
});
