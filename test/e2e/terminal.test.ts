import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { PutObjectCommand, S3Client } from '@aws-sdk/client-s3';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { KEYS, onTerminal } from '../helpers/pty.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';
import { testdir } from '../helpers/testdir.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/**
 * The example app without its health checks: these tests are about the terminal, and the checks' latency
 * limits belong to the tests of the health gate. `extra`: more of the environment's file.
 */
async function terminalFixture(extra = '') {
  const fixture = await deployFixture();
  await writeFile(
    join(fixture.project, 'config/environments/development.yaml'),
    `health:\n  checks: []\n${extra}`,
  );
  return fixture;
}

// A person at a terminal: not CI, whatever the machine running the tests says.
const terminalEnv = (fixture: Fixture) => fixture.processEnv({ CI: 'false', NO_COLOR: '1' });

/** A change to the site and the API, so the next deployment has something to do. */
async function changeTheApp(fixture: Fixture, version: string) {
  const handler = join(fixture.project, 'backend/api/index.mjs');
  const source = await readFile(handler, 'utf8');
  await writeFile(handler, source.replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`));
  const app = join(fixture.project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// ${version}\n`);
}

// slow: the real CLI on a pseudo-terminal (util-linux `script`), against the sandbox (issue 14, defect 1).
describe('omnix on a terminal', () => {
  it('deploys only after yes: asks again on another answer, does nothing on no', async () => {
    const fixture = await terminalFixture();
    const declined = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await declined.waitFor('Deploy to development? (yes/no)');
    declined.type(`maybe${KEYS.enter}`);
    await declined.waitFor('answer yes or no');
    declined.type('\x7f'.repeat(5));
    declined.type(`n${KEYS.enter}`);
    // Declining is not success: exit 1 (AbortedError), said without "error:".
    expect((await declined.exited).code).toBe(1);
    expect(declined.output()).not.toContain('error:');
    expect(declined.output()).toContain('not deployed: the plan was not confirmed');
    expect(await fixture.store.listDeployments('development')).toEqual([]);

    const confirmed = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await confirmed.waitFor('Deploy to development? (yes/no)');
    confirmed.type(`y${KEYS.enter}`);
    const { code, output } = await confirmed.exited;
    expect(code, output).toBe(0);
    expect(output).toMatch(/deployed development: release v1/);
    // The pty has no size (0 columns): the task list still writes whole phase names, not a letter a line.
    expect(output).toContain('snapshot');
  }, 240_000);

  it('where approvals are required, deploys only when the environment’s name is typed', async () => {
    const fixture = await terminalFixture('approvals:\n  required: true\n');
    const wrong = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await wrong.waitFor('Type development to deploy it');
    wrong.type(`yes${KEYS.enter}`);
    expect((await wrong.exited).code).toBe(1);
    expect(wrong.output()).toContain('not deployed: the plan was not confirmed');
    expect(await fixture.store.listDeployments('development')).toEqual([]);

    const typed = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await typed.waitFor('Type development to deploy it');
    typed.type(`development${KEYS.enter}`);
    const { code, output } = await typed.exited;
    expect(code, output).toBe(0);
    expect(output).toMatch(/deployed development: release v1/);
  }, 240_000);

  // issue 23: the terminal builds and validates once, shows the plan, and deploys exactly it.
  it('builds and validates once, and does not count the time spent reading the plan', async () => {
    const fixture = await terminalFixture('frontend:\n  build: echo built >> builds.txt && npm run build\n');
    const simulations = async () =>
      ((await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>)[
        'iam:SimulatePrincipalPolicy'
      ] ?? 0;
    const before = await simulations();
    const spawnedAt = Date.now();
    const first = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await first.waitFor('Deploy to development? (yes/no)');
    // A person reads the plan for a while before answering.
    const reading = 5000;
    await new Promise((resolve) => setTimeout(resolve, reading));
    first.type(`y${KEYS.enter}`);
    expect((await first.exited).code, first.output()).toBe(0);
    expect((await readFile(join(fixture.project, 'builds.txt'), 'utf8')).trim().split('\n')).toHaveLength(1);
    const onTerminalChecks = (await simulations()) - before;
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    // Reading the plan is not deployment time: the record's start moves on by the time spent reading.
    expect(Date.parse(record!.startedAt)).toBeGreaterThanOrEqual(spawnedAt + reading);

    // The same validation as a deployment without a terminal: it ran once, not for a preview and again.
    await changeTheApp(fixture, 'v-unattended');
    const unattendedBefore = await simulations();
    const unattended = await omnixProcess(
      ['deploy', 'development', '--yes'],
      fixture.project,
      fixture.processEnv(),
    );
    expect(unattended.code, unattended.stderr).toBe(0);
    expect(onTerminalChecks).toBeGreaterThan(0);
    expect(onTerminalChecks).toBe((await simulations()) - unattendedBefore);
  }, 240_000);

  it('refuses what was confirmed when what is live changed before the answer: a file changed by hand, or another deployment', async () => {
    const fixture = await terminalFixture();
    expect((await fixture.run()).outcome.status).toBe('succeeded');
    await changeTheApp(fixture, 'v-terminal');

    // While the question waits, a file the plan would leave alone is changed outside omnix.
    const byHand = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await byHand.waitFor('Deploy to development? (yes/no)');
    const [live] = await fixture.store.listReleases('development', { limit: 1 });
    const untouched = live!.manifest.frontend!.objects.find((object) => object.key.endsWith('.svg'))!;
    const s3 = new S3Client({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      forcePathStyle: true,
      credentials: TEST_CREDENTIALS,
    });
    await s3.send(
      new PutObjectCommand({
        Bucket: live!.manifest.frontend!.bucket,
        Key: untouched.key,
        Body: 'changed by hand',
      }),
    );
    byHand.type(`y${KEYS.enter}`);
    const refused = await byHand.exited;
    expect(refused.code, refused.output).toBe(2);
    expect(refused.output).toContain('changed after it was confirmed');
    expect((await fixture.store.listReleases('development', { limit: 10 })).map((r) => r.number)).toEqual([
      1,
    ]);

    // While the question waits, another deployment makes a release of a changed app.
    const waiting = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await waiting.waitFor('Deploy to development? (yes/no)');
    await changeTheApp(fixture, 'v-other');
    const other = await omnixProcess(
      ['deploy', 'development', '--yes'],
      fixture.project,
      fixture.processEnv(),
    );
    expect(other.code, other.stderr).toBe(0);
    waiting.type(`y${KEYS.enter}`);
    const { code, output } = await waiting.exited;
    expect(code, output).toBe(2);
    expect(output).toContain('changed after it was confirmed');
    expect((await fixture.store.listReleases('development', { limit: 10 })).map((r) => r.number)).toEqual([
      2, 1,
    ]);
  }, 240_000);

  it('Ctrl-C at a prompt cancels with exit 130 and changes nothing', async () => {
    const fixture = await terminalFixture();
    const session = onTerminal(['deploy', 'development'], fixture.project, terminalEnv(fixture));
    await session.waitFor('Deploy to development? (yes/no)');
    session.type(KEYS.ctrlC);
    const { code, output } = await session.exited;
    expect(code, output).toBe(130);
    expect(output).toContain('cancelled at the prompt: nothing was changed');
    expect(await fixture.store.listDeployments('development')).toEqual([]);
    expect(await fixture.store.readLock('development')).toBeUndefined();
  }, 240_000);

  it('asks before a rollback and before breaking a lock', async () => {
    const fixture = await terminalFixture();
    await fixture.run();
    await changeTheApp(fixture, '2.0.0');
    await fixture.run();

    const rollback = onTerminal(['rollback', 'development'], fixture.project, terminalEnv(fixture));
    await rollback.waitFor('Rollback of development: v2 → v1');
    await rollback.waitFor('Roll back development? (yes/no)');
    rollback.type(`yes${KEYS.enter}`);
    const rolled = await rollback.exited;
    expect(rolled.code, rolled.output).toBe(0);
    expect(rolled.output).toMatch(/rolled back development to v1 as release v3/);

    await fixture.store.acquireLock('development', { user: 'ada', host: 'laptop', pid: 42 }, 600);
    const lock = onTerminal(['lock', 'break', 'development'], fixture.project, terminalEnv(fixture));
    await lock.waitFor('Type development to break its lock');
    lock.type(`development${KEYS.enter}`);
    const broke = await lock.exited;
    expect(broke.code, broke.output).toBe(0);
    expect(broke.output).toContain('broke the lock of development held by ada on laptop');
    expect(await fixture.store.readLock('development')).toBeUndefined();
  }, 240_000);

  it('Ctrl-C during a deployment says what was left and what to run next (exit 130); recover asks, then restores', async () => {
    const fixture = await terminalFixture();
    await fixture.run();
    await changeTheApp(fixture, '2.0.0');
    const stats = async () =>
      (await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>;
    const uploads = (await stats())['s3:PutObject'] ?? 0;
    // The backend is changed first; the site's uploads then hang until the Ctrl-C.
    fixture.running.faults.configure({
      rules: [{ service: 's3', operation: 'PutObject', latencyMs: 60_000 }],
    });

    const session = onTerminal(['deploy', 'development', '--yes'], fixture.project, terminalEnv(fixture));
    void session.exited;
    await pollUntil(
      'the deployment to upload',
      async () => ((await stats())['s3:PutObject'] ?? 0) > uploads || undefined,
      { timeoutMs: 120_000, maxDelayMs: 200 },
    ).catch((error) => {
      throw new Error(`${error.message}: ${session.output()}`);
    });
    session.type(KEYS.ctrlC);
    const { code, output } = await session.exited;
    expect(code, output).toBe(130);
    expect(output).toMatch(
      /interrupted: deployment d-\S+ of development stopped in phase apply after \d+ change/,
    );
    expect(output).toContain('omnix recover development');
    fixture.running.faults.configure({ rules: [] });

    // Left for recovery, and its lock let go: status says so, and the next deployment is not blocked by a lock.
    const status = await omnixProcess(
      ['status', 'development', '--json'],
      fixture.project,
      fixture.processEnv(),
    );
    const found = JSON.parse(status.stdout);
    expect(found.interrupted).toHaveLength(1);
    expect(found.lock).toBeNull();

    const declined = onTerminal(['recover', 'development'], fixture.project, terminalEnv(fixture));
    await declined.waitFor('Recover development: restore what was live before it? (yes/no)');
    declined.type(`no${KEYS.enter}`);
    const notRecovered = await declined.exited;
    expect(notRecovered.code, notRecovered.output).toBe(1);
    expect(notRecovered.output).toContain('not recovered: the recovery of development was not confirmed');

    const recover = onTerminal(['recover', 'development'], fixture.project, terminalEnv(fixture));
    await recover.waitFor('Recover development: restore what was live before it? (yes/no)');
    recover.type(`yes${KEYS.enter}`);
    const recovered = await recover.exited;
    expect(recovered.code, recovered.output).toBe(0);
    expect(recovered.output).toContain('development: restored what was live before');
  }, 300_000);

  it('init checks each answer as it is given, and asks again', async () => {
    const root = await testdir({});
    const session = onTerminal(['init'], root, { PATH: process.env.PATH ?? '', HOME: root, NO_COLOR: '1' });
    await session.waitFor('Project name');
    session.type(`Bad Name${KEYS.enter}`);
    await session.waitFor('is not a valid project name');
    session.type('\x7f'.repeat(8));
    session.type(`shop${KEYS.enter}`);
    await session.waitFor('AWS region');
    session.type(`mars-1${KEYS.enter}`);
    await session.waitFor("'mars-1' is not an AWS region omnix knows");
    session.type('\x7f'.repeat(6));
    session.type(`eu-west-1${KEYS.enter}`);
    for (const question of [
      'Environments',
      'Built site folder',
      'Command that builds the site',
      'Lambda function folder',
    ]) {
      await session.waitFor(question);
      session.type(KEYS.enter);
    }
    const { code, output } = await session.exited;
    expect(code, output).toBe(0);
    expect(output).toContain('created config/deployment-config.yaml');
    const master = await readFile(join(root, 'config/deployment-config.yaml'), 'utf8');
    expect(master).toContain('project: shop');
    expect(master).toContain('region: eu-west-1');
  }, 120_000);
});
