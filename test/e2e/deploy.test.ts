import { readdir, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

interface Summary {
  frontend: { upload: number; files: Array<{ key: string; reason: string }> };
  backend: { functions: Array<{ name: string; action: string }> };
  invalidationPaths: string[];
}
const SECRET = 'hunter2-do-not-store';
const summary = (outcome: { plan: Record<string, unknown> }) => outcome.plan as unknown as Summary;
const json = async (url: string) => (await (await fetch(url)).json()) as Record<string, unknown>;

// slow: end to end against the sandbox, with real builds.
describe('omnix deploy on the sandbox', () => {
  it('uploads everything the first time, and an immediate second deployment changes nothing', async () => {
    const { run, siteUrl, apiUrl, store, project, env } = await deployFixture();
    const first = await run({ env: { ...env, OMNIX__SECRETS__SESSION_KEY: SECRET } });
    expect(first.outcome).toMatchObject({ status: 'succeeded', release: 1, outputs: { siteUrl, apiUrl } });
    const plan = summary(first.outcome as { plan: Record<string, unknown> });
    expect(plan.frontend.upload).toBe(5);
    expect(plan.backend.functions.map((f) => f.action)).toEqual(['update-code', 'update-code']);
    expect(plan.invalidationPaths).toEqual(['/', '/config.json', '/index.html']);
    const html = await (await fetch(siteUrl)).text();
    expect(html).toMatch(/<meta name="omnix-build" content="[0-9a-f]{12}"/);
    expect(await json(`${apiUrl}/health`)).toMatchObject({ status: 'ok', version: '1.0.0' });
    expect((await store.listReleases('development'))[0]?.manifest.frontend?.objects).toHaveLength(5);
    const [record] = await store.listDeployments('development', { limit: 1 });
    expect(record?.snapshot?.backend?.functions.map((f) => f.version)).toEqual(['1', '1']);
    expect(record?.snapshot?.frontend?.objects).toEqual([]);
    expect(record?.caller.user).toContain(`(arn:aws:iam::000000000000:user/${TEST_CREDENTIALS.accessKeyId})`);

    const status = await runCli(['status', 'development', '--json'], {
      cwd: project,
      env: env as Record<string, string>,
    });
    expect(JSON.parse(status.stdout)).toMatchObject({
      release: { number: 1, outputs: { siteUrl, apiUrl } },
      lastDeployment: { status: 'succeeded' },
      lock: null,
    });

    // The record keeps the configuration it deployed, with the secret as ***, and no file holds the secret.
    expect(record?.config).toMatchObject({ secrets: { SESSION_KEY: '***' } });
    for (const entry of await readdir(join(project, '.omnix/state'), {
      recursive: true,
      withFileTypes: true,
    }))
      if (entry.isFile())
        expect(await readFile(join(entry.parentPath, entry.name), 'utf8')).not.toContain(SECRET);

    const second = await run();
    expect(second.outcome.status).toBe('nothing-to-do');
    const again = summary(second.outcome as { plan: Record<string, unknown> });
    expect(again.frontend.upload).toBe(0);
    expect(again.backend.functions.map((f) => f.action)).toEqual(['unchanged', 'unchanged']);
    expect(again.invalidationPaths).toEqual([]);
  });

  it('changes nothing when every file was touched but no content changed', async () => {
    const { run, project, touchAll } = await deployFixture();
    await run();
    touchAll(join(project, 'web'), new Date(Date.now() + 60_000));
    touchAll(join(project, 'backend'), new Date(Date.now() + 60_000));
    expect((await run()).outcome.status).toBe('nothing-to-do');
  });

  it('uploads a changed asset and the entry point, and invalidates only the page', async () => {
    const { run, project, siteUrl } = await deployFixture();
    await run();
    await writeFile(
      join(project, 'web/src/style.css'),
      `${await readFile(join(project, 'web/src/style.css'), 'utf8')}\nmain { color: navy; }\n`,
    );
    const { outcome } = await run();
    expect(outcome.status).toBe('succeeded');
    const plan = summary(outcome as { plan: Record<string, unknown> });
    expect(plan.frontend.files.map((f) => f.key).sort()).toEqual([
      expect.stringMatching(/^assets\/style\.[0-9a-f]{10}\.css$/),
      'index.html',
    ]);
    expect(plan.invalidationPaths).toEqual(['/', '/index.html']);
    expect(plan.backend.functions.map((f) => f.action)).toEqual(['unchanged', 'unchanged']);
    const html = await (await fetch(siteUrl)).text();
    const css = /href="(assets\/style\.[0-9a-f]+\.css)"/.exec(html)![1]!;
    expect(await (await fetch(`${siteUrl}${css}`)).text()).toContain('color: navy');
  });

  it('publishes a new version for changed function code, moves the alias, and the API serves it', async () => {
    const { run, project, apiUrl, running } = await deployFixture();
    await run();
    const handler = join(project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '1.1.0'"),
    );
    const { outcome } = await run();
    expect(
      summary(outcome as { plan: Record<string, unknown> }).backend.functions.map((f) => [f.name, f.action]),
    ).toEqual([
      ['omnix-shop-api-development', 'update-code'],
      ['omnix-shop-worker-development', 'unchanged'],
    ]);
    expect(await json(`${apiUrl}/health`)).toMatchObject({ version: '1.1.0' });
    const { LambdaClient, GetAliasCommand } = await import('@aws-sdk/client-lambda');
    const alias = await new LambdaClient(running.client).send(
      new GetAliasCommand({ FunctionName: 'omnix-shop-api-development', Name: 'live' }),
    );
    expect(alias.FunctionVersion).toBe('3');
  });

  it('with --only backend, checks the site at the address the live release recorded', async () => {
    const { run, project, env } = await deployFixture();
    // As on a project that configures no site URL: only the sandbox detection knows it.
    const { OMNIX__FRONTEND__URL: _url, ...detected } = env;
    const first = await run({ env: detected });
    expect(first.outcome).toMatchObject({ status: 'succeeded' });
    const handler = join(project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '1.2.0'"),
    );
    const { outcome, events } = await run({ env: detected, only: 'backend' });
    expect(outcome).toMatchObject({ status: 'succeeded', outputs: { siteUrl: expect.any(String) } });
    expect(events.filter((event) => event.kind === 'warn').map((event) => event.message)).toEqual([]);
  });

  it('gives the stage a new deployment when the API’s definition changed since it was deployed', async () => {
    const { run, running } = await deployFixture();
    const first = await run();
    expect((first.outcome.plan as { backend: { api: { redeploy: string } } }).backend.api.redeploy).toBe(
      'first deployment',
    );
    expect((await run()).outcome.status).toBe('nothing-to-do');
    const {
      APIGatewayClient,
      GetRestApisCommand,
      GetResourcesCommand,
      CreateResourceCommand,
      PutMethodCommand,
      PutIntegrationCommand,
    } = await import('@aws-sdk/client-api-gateway');
    const gateway = new APIGatewayClient(running.client);
    const api = (await gateway.send(new GetRestApisCommand({}))).items![0]!;
    const root = (await gateway.send(new GetResourcesCommand({ restApiId: api.id }))).items!.find(
      (r) => r.path === '/',
    )!;
    const extra = await gateway.send(
      new CreateResourceCommand({ restApiId: api.id, parentId: root.id, pathPart: 'extra' }),
    );
    await gateway.send(
      new PutMethodCommand({
        restApiId: api.id,
        resourceId: extra.id,
        httpMethod: 'GET',
        authorizationType: 'NONE',
      }),
    );
    const uri =
      'arn:aws:apigateway:us-east-1:lambda:path/2015-03-31/functions/arn:aws:lambda:us-east-1:000000000000:function:omnix-shop-worker-development:live/invocations';
    await gateway.send(
      new PutIntegrationCommand({
        restApiId: api.id,
        resourceId: extra.id,
        httpMethod: 'GET',
        type: 'AWS_PROXY',
        integrationHttpMethod: 'POST',
        uri,
      }),
    );
    // As on AWS, the worker's alias must let the API invoke it, or validation stops the deployment.
    const { LambdaClient, AddPermissionCommand } = await import('@aws-sdk/client-lambda');
    await new LambdaClient(running.client).send(
      new AddPermissionCommand({
        FunctionName: 'omnix-shop-worker-development',
        Qualifier: 'live',
        StatementId: 'api',
        Action: 'lambda:InvokeFunction',
        Principal: 'apigateway.amazonaws.com',
        SourceArn: `arn:aws:execute-api:us-east-1:000000000000:${api.id}/*/GET/extra`,
      }),
    );
    const { outcome } = await run();
    expect(outcome.status).toBe('succeeded');
    expect((outcome.plan as { backend: { api: { redeploy: string } } }).backend.api.redeploy).toBe(
      'definition changed',
    );
    expect((await run()).outcome.status).toBe('nothing-to-do');
  });

  it('with automatic rollback off, records a failed upload as failed, with what it had already changed', async () => {
    const { run, project, running, store, env } = await deployFixture();
    await run();
    const handler = join(project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '2.0.0'"),
    );
    await writeFile(
      join(project, 'web/src/app.js'),
      `${await readFile(join(project, 'web/src/app.js'), 'utf8')}\n// changed\n`,
    );
    running.faults.configure({
      rules: [{ service: 's3', operation: 'PutObject', error: { code: 'InternalError', status: 500 } }],
    });
    await expect(
      run({
        env: { ...env, OMNIX__ROLLOUT__AUTO_ROLLBACK: 'false' },
        aws: { credentials: TEST_CREDENTIALS, maxAttempts: 1 },
      }),
    ).rejects.toMatchObject({ code: 'DeploymentFailed', exitCode: 1 });
    const [failed] = await store.listDeployments('development', { limit: 1 });
    expect(failed).toMatchObject({ status: 'failed', errors: [{ code: 'InternalError' }] });
    expect(failed!.changes).toEqual([
      expect.stringMatching(/^function omnix-shop-api-development: code updated/),
      expect.stringMatching(/^function omnix-shop-api-development: version 3 published, alias live → 3$/),
    ]);
    expect(failed!.snapshot?.frontend?.objects).toHaveLength(5);
    expect(failed!.snapshot?.backend?.functions).toContainEqual(
      expect.objectContaining({ name: 'omnix-shop-api-development', version: '2' }),
    );
    expect(await store.readLock('development')).toBeUndefined();
  });

  it('on a terminal, shows the plan and deploys only what was confirmed', async () => {
    const { project, env, store } = await deployFixture();
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
    try {
      const questions: string[] = [];
      const declined = await runCli(['deploy', 'development'], {
        cwd: project,
        env: env as Record<string, string>,
        tty: true,
        answers: ['no'],
        questions,
      });
      expect(declined.exitCode).toBe(1);
      expect(declined.stdout).toContain('Plan for development');
      expect(declined.stdout + declined.stderr).toContain('not deployed: the plan was not confirmed');
      expect(questions).toEqual(['Deploy to development? (yes/no)']);
      expect(await store.listDeployments('development')).toEqual([]);

      const confirmed = await runCli(['deploy', 'development', '--no-color'], {
        cwd: project,
        env: env as Record<string, string>,
        tty: true,
        answers: ['yes'],
      });
      expect(confirmed.exitCode, confirmed.stderr).toBe(0);
      expect(confirmed.stdout).toMatch(/deployed development: release v1/);
      expect((await store.listReleases('development')).map((r) => r.number)).toEqual([1]);
    } finally {
      vi.unstubAllEnvs();
    }
  });

  it('lets one of two concurrent deployments run; the other exits 4 naming the holder', async () => {
    const { project, env } = await deployFixture();
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
    try {
      // Build once, so the two deployments below do not race on web/dist.
      expect(
        (await runCli(['plan', 'development'], { cwd: project, env: env as Record<string, string> }))
          .exitCode,
      ).toBe(0);
      const runs = await Promise.all(
        [1, 2].map(() =>
          runCli(['deploy', 'development', '--yes', '--skip-build', '--json'], {
            cwd: project,
            env: env as Record<string, string>,
          }),
        ),
      );
      expect(runs.map((r) => r.exitCode).sort()).toEqual([0, 4]);
      const loser = runs.find((r) => r.exitCode === 4)!;
      expect(loser.stdout).toMatch(/"code":"Locked"/);
      expect(loser.stdout).toMatch(
        /development is locked by .+ on .+ \(pid \d+, deployment d-[0-9TZ]+-[0-9a-f]+\) since /,
      );
      const winner = runs.find((r) => r.exitCode === 0)!;
      expect(JSON.parse(winner.stdout.trim().split('\n').at(-1)!)).toMatchObject({
        type: 'outcome',
        status: 'succeeded',
        release: 1,
      });
    } finally {
      vi.unstubAllEnvs();
    }
  });
});
