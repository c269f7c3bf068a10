import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { FileStateStore } from '../src/state/file/file-store.js';
import { deployment } from '../src/state/store.contract.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, project, testdir } from './helpers/testdir.js';

const at = (day: number) => new Date(Date.UTC(2026, 10, day, 10, 0, 0));
const throttled = {
  code: 'Throttled',
  message: 'updating the code of shop-api-staging failed (ThrottlingException): Rate exceeded',
};

/** A project whose state holds history written before the agent: a success, then a throttled failure. */
async function projectWithHistory(master = MINIMAL_MASTER) {
  const root = await testdir(project(master, { staging: '', production: '' }));
  const store = new FileStateStore(join(root, '.omnix/state'));
  const ok = deployment('staging', at(1), { status: 'succeeded', finishedAt: at(1).toISOString() });
  const failed = deployment('staging', at(2), {
    status: 'failed',
    finishedAt: at(2).toISOString(),
    errors: [throttled],
    recoveries: [
      {
        failure: 'throttling',
        action: 'retried UpdateFunctionCode 3 times with backoff',
        phase: 'apply',
        operation: 'UpdateFunctionCode',
        at: at(2).toISOString(),
        attempts: 3,
        outcome: 'failed',
        error: throttled,
      },
    ],
  });
  for (const record of [ok, failed]) await store.putDeployment(record);
  return { root, store, ok, failed };
}

describe('omnix agent', () => {
  it('memory: learns the existing history on first use; counts signatures and recoveries', async () => {
    const { root, failed } = await projectWithHistory();
    const run = await runCli(['agent', 'memory', '--json'], { cwd: root });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toEqual({
      deployments: { total: 2, byOutcome: { succeeded: 1, failed: 1 }, byEnvironment: { staging: 2 } },
      signatures: [
        {
          signature: 'Throttled · ThrottlingException · UpdateFunctionCode · function',
          failure: 'throttling',
          count: 1,
          lastSeen: { deploymentId: failed.id, environment: 'staging', at: failed.startedAt },
        },
      ],
      recoveries: [{ failure: 'throttling', tried: 1, recovered: 0, successRate: 0 }],
      skipped: [],
    });
    const text = await runCli(['agent', 'memory', 'staging'], { cwd: root });
    expect(text.stdout).toContain('Learned from 2 deployment(s) of staging: 1 succeeded, 1 failed');
    expect(text.stdout).toContain('throttling');
  });

  it('memory: warns about a corrupt memory document and goes on', async () => {
    const { root } = await projectWithHistory();
    await runCli(['agent', 'memory'], { cwd: root });
    const { writeFile } = await import('node:fs/promises');
    await writeFile(join(root, '.omnix/state/.agent-memory/broken.json'), '{"kind": ');
    const run = await runCli(['agent', 'memory', '--json'], { cwd: root });
    expect(run.exitCode).toBe(0);
    expect(run.stderr).toMatch(/agent memory document broken was skipped/);
    expect(JSON.parse(run.stdout).deployments.total).toBe(2);
  });

  it('explain: the last failure, its signature, remedy, what was done and what to run next', async () => {
    const { root, failed } = await projectWithHistory();
    const run = await runCli(['agent', 'explain', 'last', '--env', 'staging', '--json'], { cwd: root });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      deploymentId: failed.id,
      environment: 'staging',
      status: 'failed',
      signature: 'Throttled · ThrottlingException · UpdateFunctionCode · function',
      failure: { id: 'throttling', title: 'Throttled by AWS' },
      remedy: expect.stringContaining('Run again'),
      done: [
        'tried to recover from throttling: retried UpdateFunctionCode 3 times with backoff (3 attempt(s))',
      ],
      next: 'omnix deploy staging',
    });
    const text = await runCli(['agent', 'explain', failed.id], { cwd: root });
    expect(text.stdout).toContain('known failure: Throttled by AWS (throttling)');
    expect((await runCli(['agent', 'explain', 'last', '--env', 'production'], { cwd: root })).exitCode).toBe(
      2,
    );
  });

  it('fix: offers to break a lock whose holder is dead, and does so with --yes', async () => {
    const { root, store } = await projectWithHistory();
    await store.acquireLock('staging', { user: 'ada', host: hostname(), pid: 2 ** 22 + 17 }, 600);
    const refused = await runCli(['agent', 'fix', 'staging'], { cwd: root });
    expect(refused.stdout).toContain('safe next step: omnix lock break staging');
    expect(refused.exitCode).toBe(2);
    expect(await store.readLock('staging')).toBeDefined();
    const fixed = await runCli(['agent', 'fix', 'staging', '--yes', '--json'], { cwd: root });
    expect(fixed.exitCode, fixed.stderr).toBe(0);
    expect(JSON.parse(fixed.stdout.split('\n')[0]!)).toMatchObject({
      type: 'diagnosis',
      action: 'break-lock',
    });
    expect(await store.readLock('staging')).toBeUndefined();
  });

  it('fix: says a failure that needs a change needs one, and that a healthy environment needs nothing', async () => {
    const { root, store } = await projectWithHistory();
    const run = await runCli(['agent', 'fix', 'production', '--json'], { cwd: root });
    expect(JSON.parse(run.stdout)).toMatchObject({ action: 'none', reason: 'no deployments yet' });
    await store.putDeployment(
      deployment('staging', at(3), {
        status: 'rolled_back',
        errors: [{ code: 'BuildFailed', message: 'npm run build exited with 1' }],
      }),
    );
    const manual = await runCli(['agent', 'fix', 'staging'], { cwd: root });
    expect(manual.exitCode).toBe(0);
    expect(manual.stdout).toContain('(build command failed): Run the build command yourself');
    expect(manual.stdout).not.toContain('safe next step');
  });

  it('forget: deletes an environment’s memory once confirmed, and does not learn it again', async () => {
    const { root } = await projectWithHistory();
    await runCli(['agent', 'memory'], { cwd: root });
    expect((await runCli(['agent', 'forget', 'staging'], { cwd: root })).exitCode).toBe(2);
    const forgot = await runCli(['agent', 'forget', 'staging', '--yes', '--json'], { cwd: root });
    expect(JSON.parse(forgot.stdout)).toEqual({ forgotten: 2, environment: 'staging' });
    const after = await runCli(['agent', 'memory', '--json'], { cwd: root });
    expect(JSON.parse(after.stdout).deployments.total).toBe(0);
    expect((await runCli(['agent', 'forget', '--yes'], { cwd: root })).exitCode).toBe(2);
  });

  it('is reached as orchestrator fix deployment-failures', async () => {
    const { root } = await projectWithHistory();
    const run = await runCli(['fix', 'deployment-failures', 'production', '--json'], {
      cwd: root,
      bin: 'orchestrator',
    });
    expect(run.exitCode, run.stderr).toBe(0);
    expect(JSON.parse(run.stdout)).toMatchObject({
      type: 'diagnosis',
      environment: 'production',
      action: 'none',
    });
  });
});
