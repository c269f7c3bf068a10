import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { GetFunctionConfigurationCommand, LambdaClient } from '@aws-sdk/client-lambda';
import { describe, expect, it } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** A second release that changes the function's code and memory, and a site file. */
async function changeEverything({ project }: Fixture): Promise<void> {
  const handler = join(project, 'backend/api/index.mjs');
  await writeFile(
    handler,
    (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '2.0.0'"),
  );
  const app = join(project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// release 2\n`);
}

/** Every byte the site and the API serve: each released file, and the API's /health. */

const APPLY_STEPS: Array<[string, string]> = [
  ['lambda', 'UpdateFunctionCode'],
  ['lambda', 'UpdateFunctionConfiguration'],
  ['lambda', 'PublishVersion'],
  ['lambda', 'UpdateAlias'],
  ['apigateway', 'CreateDeployment'],
  ['s3', 'PutObject'],
  ['cloudfront', 'CreateInvalidation'],
  ['cloudfront', 'GetInvalidation'],
];

// slow: a deployment per apply step, each failed there on purpose.
describe('automatic rollback', () => {
  it.each(APPLY_STEPS)(
    'a failure of %s %s ends rolled back, serving the previous release byte for byte',
    async (service, operation) => {
      const fixture = await deployFixture();
      await fixture.run();
      const before = await fixture.served();
      await changeEverything(fixture);
      fixture.running.faults.configure({
        rules: [{ service, operation, times: 1, error: { code: 'InternalError', status: 500 } }],
      });
      const env = { ...fixture.env, OMNIX__BACKEND__FUNCTIONS__API__MEMORY_MB: '384' };
      const failure = fixture.run({
        env,
        redeployApi: true,
        aws: { credentials: TEST_CREDENTIALS, maxAttempts: 1 },
      });
      await expect(failure).rejects.toMatchObject({ exitCode: 1 });
      const [record] = await fixture.store.listDeployments('development', { limit: 1 });
      expect(record!.errors).toEqual([expect.objectContaining({ code: 'InternalError' })]);
      if (record!.changes.length === 0) {
        // The very first change failed: there was nothing to undo.
        expect(record).toMatchObject({ status: 'failed' });
        expect(record!.rollback).toBeUndefined();
      } else {
        expect(record, JSON.stringify(record!.rollback)).toMatchObject({
          status: 'rolled_back',
          rollback: { outcome: 'restored' },
        });
        await expect(failure).rejects.toMatchObject({ code: 'RolledBack' });
        expect(record!.needsAttention).toBeUndefined();
        expect(record!.phases.map((phase) => `${phase.name}:${phase.outcome}`)).toContain('rollback:ok');
      }
      expect(await fixture.served()).toEqual(before);
      expect((await fixture.store.listReleases('development')).map((release) => release.number)).toEqual([1]);
      expect(await fixture.store.readLock('development')).toBeUndefined();
    },
  );

  it('leaves a failure as it is when rollout.autoRollback is off', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    await changeEverything(fixture);
    fixture.running.faults.configure({
      rules: [{ service: 's3', operation: 'PutObject', error: { code: 'InternalError', status: 500 } }],
    });
    const env = { ...fixture.env, OMNIX__ROLLOUT__AUTO_ROLLBACK: 'false' };
    await expect(
      fixture.run({ env, aws: { credentials: TEST_CREDENTIALS, maxAttempts: 1 } }),
    ).rejects.toMatchObject({
      code: 'DeploymentFailed',
    });
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record).toMatchObject({ status: 'failed' });
    expect(record!.rollback).toBeUndefined();
    expect(await (await fetch(`${fixture.apiUrl}/health`)).json()).toMatchObject({ version: '2.0.0' });
  });

  it('marks the environment as needing attention when the rollback itself fails, saying what still differs, until a deployment succeeds', {
    timeout: 120_000,
  }, async () => {
    const fixture = await deployFixture();
    // Health is not under test: few samples and no latency limit keep a loaded machine from failing it.
    const calm = {
      ...fixture.env,
      OMNIX__HEALTH__LATENCY__SAMPLES: '2',
      OMNIX__HEALTH__LATENCY__P95_MS: '60000',
    };
    await fixture.run({ env: calm });
    await changeEverything(fixture);
    // The invalidation fails after everything was uploaded, and so does every copy that would put a file back.
    fixture.running.faults.configure({
      rules: [
        {
          service: 'cloudfront',
          operation: 'CreateInvalidation',
          times: 1,
          error: { code: 'InternalError', status: 500 },
        },
        { service: 's3', operation: 'CopyObject', error: { code: 'InternalError', status: 500 } },
      ],
    });
    await expect(
      fixture.run({ aws: { credentials: TEST_CREDENTIALS, maxAttempts: 1 } }),
    ).rejects.toMatchObject({
      code: 'DeploymentFailed',
      hint: expect.stringContaining('needs attention'),
    });
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record).toMatchObject({ status: 'failed', needsAttention: true, rollback: { outcome: 'failed' } });
    expect(record!.rollback!.differences).toContainEqual(
      expect.stringMatching(/^function omnix-shop-api-development: alias on version 3, not 2$/),
    );
    const status = await runCli(['status', 'development'], {
      cwd: fixture.project,
      env: fixture.env as Record<string, string>,
    });
    expect(status.stdout).toContain(
      `needs attention: deployment ${record!.id} failed and its rollback could not restore everything`,
    );
    expect(status.stdout).toContain('    function omnix-shop-api-development: alias on version 3, not 2');
    expect(record!.rollback!.differences).toContainEqual(
      expect.stringMatching(/^assets\/app\.[0-9a-f]+\.js: live, but not in the release$/),
    );

    // issue 14, defect 7: a later deployment that fails before changing anything does not hide it.
    const failing = { error: { code: 'InternalError', status: 500 } };
    fixture.running.faults.configure({
      rules: [
        { service: 's3', operation: 'PutObject', ...failing },
        { service: 's3', operation: 'CreateMultipartUpload', ...failing },
        { service: 'lambda', operation: 'UpdateFunctionCode', ...failing },
        { service: 'lambda', operation: 'UpdateFunctionConfiguration', ...failing },
        { service: 'lambda', operation: 'PublishVersion', ...failing },
        { service: 'lambda', operation: 'UpdateAlias', ...failing },
        { service: 'apigateway', operation: 'CreateDeployment', ...failing },
      ],
    });
    await expect(
      fixture.run({
        env: calm,
        aws: { credentials: TEST_CREDENTIALS, maxAttempts: 1 },
        skipValidation: true,
      }),
    ).rejects.toMatchObject({ code: 'DeploymentFailed', hint: 'It failed before changing anything.' });
    const cli = (args: string[]) => omnixProcess(args, fixture.project, fixture.processEnv());
    const still = await cli(['status', 'development', '--json']);
    expect(JSON.parse(still.stdout).attention).toMatchObject({ deploymentId: record!.id });
    const drift = await cli(['drift', 'development']);
    expect(drift.stdout).toContain(
      `development needs attention: deployment ${record!.id} failed and its rollback could not restore everything`,
    );
    expect(drift.stdout).not.toMatch(/changed outside omnix|change\(s\) made outside omnix/);

    // A deployment that succeeds makes it consistent again.
    fixture.running.faults.configure({ rules: [] });
    expect((await fixture.run({ env: calm })).outcome).toMatchObject({ status: 'succeeded' });
    expect(JSON.parse((await cli(['status', 'development', '--json'])).stdout).attention).toBeNull();
  });

  it('publishes a function’s unpublished code before changing it, so the rollback can return to it', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    await changeEverything(fixture);
    // A new alias name: the function has no such alias yet, so what it runs now is only $LATEST.
    const env = { ...fixture.env, OMNIX__BACKEND__FUNCTIONS__API__ALIAS: 'fresh' };
    fixture.running.faults.configure({
      rules: [{ service: 's3', operation: 'PutObject', error: { code: 'InternalError', status: 500 } }],
    });
    // Validation refuses the new alias (the API still invokes `live`); the rollback is what is under test.
    await expect(
      fixture.run({ env, aws: { credentials: TEST_CREDENTIALS, maxAttempts: 1 }, skipValidation: true }),
    ).rejects.toMatchObject({ code: 'RolledBack' });
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    const pinned = record!.snapshot!.backend!.functions.find(
      (fn) => fn.name === 'omnix-shop-api-development',
    )!;
    expect(pinned.version).toMatch(/^\d+$/);
    const lambda = new LambdaClient({ ...fixture.running.client });
    const fresh = await lambda.send(
      new GetFunctionConfigurationCommand({ FunctionName: 'omnix-shop-api-development', Qualifier: 'fresh' }),
    );
    expect(fresh.Version).toBe(pinned.version);
    expect(fresh.CodeSha256).toBe(pinned.codeSha256);
  });
});
