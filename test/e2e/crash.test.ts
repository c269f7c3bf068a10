import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/actions/deploy/build.js';
import { recover } from '../../src/actions/recover/recover.js';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { runCli } from '../helpers/run-cli.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

const stats = async (fixture: Fixture) =>
  (await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>;

/**
 * Release v1 in process; then a second release in a child process, held by latency at `operation` and
 * killed there with SIGKILL once the sandbox has seen the call.
 */
async function killedAt(operation: string, times?: number) {
  const fixture = await deployFixture();
  await fixture.run();
  const v1 = await fixture.served(1);
  const handler = join(fixture.project, 'backend/api/index.mjs');
  await writeFile(
    handler,
    (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '2.0.0'"),
  );
  const app = join(fixture.project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// release 2\n`);
  await runBuild('frontend', 'npm run build', fixture.project, {
    ...process.env,
    OMNIX_ENVIRONMENT: 'development',
  });
  const [service, name] = operation.split(':') as [string, string];
  const seen = (await stats(fixture))[operation] ?? 0;
  fixture.running.faults.configure({
    rules: [{ service, operation: name, latencyMs: 60_000, ...(times ? { times } : {}) }],
  });
  let child: ChildProcess | undefined;
  const ended = omnixProcess(
    ['deploy', 'development', '--yes', '--skip-build', '--redeploy-api'],
    fixture.project,
    fixture.processEnv(),
    (started) => (child = started),
  );
  let exited: string | undefined;
  void ended.then((run) => (exited = run.stderr || run.stdout));
  await pollUntil(
    `the deployment to reach ${operation}`,
    async () => {
      if (exited !== undefined) throw new Error(`the deployment ended first: ${exited}`);
      return ((await stats(fixture))[operation] ?? 0) > seen ? true : undefined;
    },
    { timeoutMs: 30_000, maxDelayMs: 50 },
  );
  // Past the call at `operation`, uploads running alongside may still land: give them a moment.
  await new Promise((resolve) => setTimeout(resolve, 300));
  child!.kill('SIGKILL');
  expect((await ended).signal).toBe('SIGKILL');
  fixture.running.faults.configure({ rules: [] });
  const [killed] = await fixture.store.listDeployments('development', { limit: 1 });
  return { fixture, v1, killed: killed! };
}

const KILL_POINTS: Array<[string, number?]> = [
  ['lambda:UpdateFunctionCode'],
  ['lambda:PublishVersion'],
  ['apigateway:CreateDeployment'],
  ['s3:PutObject', 2],
  ['cloudfront:GetInvalidation'],
];

// slow: deployment processes killed with SIGKILL at each step of apply.
describe('a deployment killed mid-way', () => {
  it.each(KILL_POINTS)(
    'at %s is found as interrupted, blocks the next deployment, and recovers to v1 byte for byte',
    async (operation, times) => {
      const { fixture, v1, killed } = await killedAt(operation, times);
      expect(killed.status).toBe('in_progress');

      const status = JSON.parse(
        (
          await runCli(['status', 'development', '--json'], {
            cwd: fixture.project,
            env: fixture.env as Record<string, string>,
          })
        ).stdout,
      );
      expect(status.interrupted.map((record: { id: string }) => record.id)).toEqual([killed.id]);
      expect(status.interrupted[0].changes).toEqual(killed.changes);
      expect(status.lock).toMatchObject({ stale: true });

      await expect(fixture.run()).rejects.toMatchObject({ code: 'InterruptedDeployment', exitCode: 3 });
      expect(await fixture.store.getDeployment(killed.id, 'development')).toMatchObject({
        status: 'interrupted',
        errors: [{ code: 'Interrupted' }],
      });

      const outcome = await recover(fixture.engineOptions());
      expect(outcome).toMatchObject({ status: 'restored', recovered: [killed.id] });
      expect(await fixture.served(1)).toEqual(v1);
      expect(await fixture.store.getDeployment(killed.id, 'development')).toMatchObject({
        status: 'interrupted',
        recoveredBy: { how: 'restored' },
      });
      const after = JSON.parse(
        (
          await runCli(['status', 'development', '--json'], {
            cwd: fixture.project,
            env: fixture.env as Record<string, string>,
          })
        ).stdout,
      );
      expect(after).toMatchObject({ release: { number: 1 }, interrupted: [], lock: null, attention: null });
      // Nothing lost: v1's deployment, the killed one, and the recovery are all in the history.
      expect((await fixture.store.listDeployments('development')).map((record) => record.status)).toEqual([
        'succeeded',
        'interrupted',
        'succeeded',
      ]);
      // And the environment deploys again.
      expect((await fixture.run()).outcome).toMatchObject({ status: 'succeeded', release: 2 });
    },
  );

  it('can be finished instead with recover --resume, making release v2', async () => {
    const { fixture, killed } = await killedAt('lambda:PublishVersion');
    const outcome = await recover({ ...fixture.engineOptions(), skipBuild: true, resume: true });
    expect(outcome).toMatchObject({ status: 'resumed', recovered: [killed.id], release: 2 });
    expect(await (await fetch(`${fixture.apiUrl}/health`)).json()).toMatchObject({ version: '2.0.0' });
    expect(await fixture.store.getDeployment(killed.id, 'development')).toMatchObject({
      recoveredBy: { how: 'resumed' },
    });
  });
});
