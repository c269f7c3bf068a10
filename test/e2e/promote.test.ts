import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { GetObjectCommand, PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../../src/records/index.js';
import { twoEnvironments } from '../helpers/two-environments.js';

type Setup = Awaited<ReturnType<typeof twoEnvironments>>;

async function json<T>(setup: Setup, args: string[]): Promise<T> {
  const run = await setup.omnix([...args, '--json']);
  expect(run.exitCode, run.stderr).toBe(0);
  return JSON.parse(run.stdout) as T;
}

const lastLine = (text: string) => JSON.parse(text.trim().split('\n').at(-1)!) as Record<string, unknown>;

async function bytesOf(s3: S3Client, bucket: string, key: string): Promise<Buffer> {
  const object = await s3.send(new GetObjectCommand({ Bucket: bucket, Key: key }));
  return Buffer.from(await object.Body!.transformToByteArray());
}

/** What production serves: every object of its live release, and each function alias's code and memory. */
async function live(setup: Setup, environment: string) {
  const s3 = new S3Client({ ...setup.running.client, forcePathStyle: true });
  const lambda = new LambdaClient(setup.running.client);
  const status = await json<{ release: { number: number } | null }>(setup, ['status', environment]);
  const history = await json<{
    deployments: Array<
      Omit<DeploymentRecord, 'promotedFrom'> & { promotedFrom: DeploymentRecord['promotedFrom'] | null }
    >;
  }>(setup, ['history', environment]);
  const site: Record<string, Buffer> = {};
  for (const key of ['index.html', 'config.json'])
    site[key] = await bytesOf(s3, `omnix-shop-web-${environment}`, key);
  const functions: Record<string, { codeSha256: string; memory: number; stage: string }> = {};
  for (const fn of ['api', 'worker']) {
    const config = await lambda.send(
      new GetFunctionConfigurationCommand({
        FunctionName: `omnix-shop-${fn}-${environment}`,
        Qualifier: 'live',
      }),
    );
    functions[fn] = {
      codeSha256: config.CodeSha256!,
      memory: config.MemorySize!,
      stage: config.Environment?.Variables?.STAGE ?? '',
    };
  }
  return { release: status.release?.number, deployments: history.deployments.length, site, functions };
}

// slow: two environments of the example app on the sandbox, through the CLI.
describe('omnix promote', () => {
  it("makes production serve staging's site byte for byte and run staging's code, with production's configuration", async () => {
    const setup = await twoEnvironments();
    expect((await setup.omnix(['deploy', 'staging', '--yes'])).exitCode).toBe(0);
    const staging = await live(setup, 'staging');

    // Production needs an approval of the promotion's plan, recorded by someone else.
    const waiting = await setup.omnix(['promote', 'staging', 'production', '--yes']);
    expect(waiting.exitCode, waiting.stderr).toBe(5);
    expect((await setup.reviewer(['approve', 'production'])).code).toBe(0);
    const promoted = await setup.omnix(['promote', 'staging', 'production', '--yes', '--json']);
    expect(promoted.exitCode, promoted.stderr).toBe(0);
    const outcome = lastLine(promoted.stdout);
    expect(outcome).toMatchObject({
      type: 'outcome',
      status: 'succeeded',
      release: 1,
      source: { environment: 'staging', release: 1 },
    });
    // The differences shown before asking: production keeps its own memory.
    expect(outcome.differences).toContainEqual({ path: 'backend.functions.api.memoryMb', a: 512, b: 1024 });

    const production = await live(setup, 'production');
    expect(production.site).toEqual(staging.site);
    for (const fn of ['api', 'worker'] as const)
      expect(production.functions[fn]!.codeSha256).toBe(staging.functions[fn]!.codeSha256);
    expect(production.functions.api).toMatchObject({ memory: 1024, stage: 'production' });
    expect(staging.functions.api).toMatchObject({ memory: 512, stage: 'staging' });
    const release = await json<{
      deployments: Array<
        Omit<DeploymentRecord, 'promotedFrom'> & { promotedFrom: DeploymentRecord['promotedFrom'] | null }
      >;
    }>(setup, ['history', 'production']);
    expect(release.deployments[0]).toMatchObject({
      status: 'succeeded',
      promotedFrom: { environment: 'staging', release: 1 },
    });
    const shown = await json<DeploymentRecord & { release: number }>(setup, [
      'history',
      'show',
      'v1',
      '--environment',
      'production',
    ]);
    expect(shown.promotedFrom?.deploymentId).toBe(
      staging.deployments > 0 ? shown.promotedFrom?.deploymentId : '',
    );
    const staged = await json<{
      deployments: Array<
        Omit<DeploymentRecord, 'promotedFrom'> & { promotedFrom: DeploymentRecord['promotedFrom'] | null }
      >;
    }>(setup, ['history', 'staging']);
    expect(shown.promotedFrom?.deploymentId).toBe(staged.deployments[0]!.id);

    // Promoting again: production already runs exactly those artifacts.
    const again = await setup.omnix(['promote', 'staging', 'production', '--yes', '--json']);
    expect(lastLine(again.stdout)).toMatchObject({ status: 'nothing-to-do' });
  }, 300_000);

  it('refuses, changing nothing, to promote a staging that drifted or is unhealthy now', async () => {
    const setup = await twoEnvironments();
    expect((await setup.omnix(['deploy', 'staging', '--yes'])).exitCode).toBe(0);
    expect(
      (await setup.omnix(['deploy', 'production', '--yes'], { OMNIX__APPROVALS__REQUIRED: 'false' }))
        .exitCode,
    ).toBe(0);
    const before = await live(setup, 'production');

    // Unhealthy: the worker check's Invoke fails (a fault on the sandbox, not a change to staging).
    await fetch(`${setup.running.endpoint}/_omnix/faults`, {
      method: 'PUT',
      body: JSON.stringify({
        rules: [
          {
            service: 'lambda',
            operation: 'Invoke',
            error: { code: 'InvalidRequestContentException', status: 400 },
          },
        ],
      }),
    });
    const unhealthy = await setup.omnix(['promote', 'staging', 'production', '--yes']);
    expect(unhealthy.exitCode).toBe(3);
    expect(unhealthy.stderr).toMatch(/staging cannot be promoted: its health checks fail now/);
    await fetch(`${setup.running.endpoint}/_omnix/faults`, { method: 'DELETE' });

    // Drifted: someone changed the live page outside omnix.
    const s3 = new S3Client({ ...setup.running.client, forcePathStyle: true });
    await s3.send(
      new PutObjectCommand({
        Bucket: 'omnix-shop-web-staging',
        Key: 'index.html',
        Body: '<title>hotfix</title>',
      }),
    );
    const drifted = await setup.omnix(['promote', 'staging', 'production', '--yes']);
    expect(drifted.exitCode).toBe(3);
    expect(drifted.stderr).toMatch(/staging cannot be promoted: it drifted from release v1/);

    expect(await live(setup, 'production')).toEqual(before);
    const releases = await json<{
      deployments: Array<
        Omit<DeploymentRecord, 'promotedFrom'> & { promotedFrom: DeploymentRecord['promotedFrom'] | null }
      >;
    }>(setup, ['history', 'production']);
    expect(releases.deployments.every((record) => record.promotedFrom === null)).toBe(true);
  }, 300_000);

  it('refuses at configuration load, with file and line, environments whose components differ', async () => {
    const setup = await twoEnvironments();
    const { writeFile, readFile } = await import('node:fs/promises');
    const file = `${setup.project}/config/environments/production.yaml`;
    const extra =
      '    extra: { name: omnix-shop-extra-production, source: backend/worker, handler: index.handler, runtime: nodejs22.x }';
    await writeFile(
      file,
      (await readFile(file, 'utf8')).replace(/^ {2}functions:$/m, `  functions:\n${extra}`),
    );
    const run = await setup.omnix(['promote', 'staging', 'production', '--yes']);
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toMatch(/production\.yaml:\d+.*production has function extra, staging does not/s);
    const unknown = await setup.omnix(['promote', 'staging', 'nowhere', '--yes']);
    expect(unknown.exitCode).toBe(2);
  });
});
