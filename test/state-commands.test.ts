import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { DeploymentRecord } from '../src/records/index.js';
import { FileStateStore } from '../src/state/file/file-store.js';
import { deployment } from '../src/state/store.contract.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, project, testdir } from './helpers/testdir.js';

const at = (day: number, seconds = 0) => new Date(Date.UTC(2026, 10, day, 10, 0, seconds));

/** A project with staging and production, and a state folder holding two finished deployments of staging and one left in progress. */
async function projectWithHistory() {
  const root = await testdir(project(MINIMAL_MASTER, { staging: '', production: '' }));
  const store = new FileStateStore(join(root, '.omnix/state'));
  const finished = (day: number, release: number, memory: number): DeploymentRecord =>
    deployment('staging', at(day), {
      status: 'succeeded',
      release,
      finishedAt: at(day, 4).toISOString(),
      config: { backend: { functions: { api: { memoryMb: memory } } } },
      artifacts: { files: { 'index.html': `html-${release}` } },
      phases: [
        { name: 'apply', startedAt: at(day).toISOString(), durationMs: 1000 * release, outcome: 'ok' },
      ],
      changes: ['function api: version 2'],
      outputs: { siteUrl: 'https://d111.cloudfront.net' },
    });
  const first = finished(1, 1, 256);
  const second = finished(2, 2, 512);
  for (const record of [first, second]) {
    await store.putDeployment(record);
    await store.putRelease({
      environment: 'staging',
      number: record.release!,
      deploymentId: record.id,
      createdAt: record.finishedAt!,
      manifest: {},
    });
  }
  const dead = deployment('staging', at(3), {
    changes: ['uploaded assets/app.js', 'uploaded index.html'],
    caller: { user: 'ci-bot', host: 'runner-9', pid: 99 },
  });
  await store.putDeployment(dead);
  return { root, store, first, second, dead };
}

describe('omnix status', () => {
  it('shows every environment: live release, last deployment, lock, and an interrupted deployment with its changes', async () => {
    const { root, second, dead } = await projectWithHistory();
    const text = await runCli(['status'], { cwd: root });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain('production\n  live release: none yet');
    expect(text.stdout).toContain(
      `live release: v2 (${at(2, 4).toISOString()} by ada, deployment ${second.id})`,
    );
    expect(text.stdout).toContain('siteUrl: https://d111.cloudfront.net');
    expect(text.stdout).toContain(
      `interrupted: ${dead.id} (started ${dead.startedAt} by ci-bot) stopped after 2 change(s)`,
    );
    expect(text.stdout).toContain('    uploaded assets/app.js');

    const json = JSON.parse((await runCli(['status', 'staging', '--json'], { cwd: root })).stdout);
    expect(json).toMatchObject({
      environment: 'staging',
      release: { number: 2, by: 'ada' },
      lastDeployment: { id: dead.id, status: 'interrupted' },
      lock: null,
      interrupted: [{ id: dead.id, changes: ['uploaded assets/app.js', 'uploaded index.html'] }],
    });
  });

  it('answers as deploy-status under orchestrator', async () => {
    const { root } = await projectWithHistory();
    const run = await runCli(['deploy-status', 'staging', '--json'], { cwd: root, bin: 'orchestrator' });
    expect(JSON.parse(run.stdout)).toMatchObject({ release: { number: 2 } });
  });
});

describe('omnix history', () => {
  it('lists deployments newest first with release, who, outcome, duration and changes', async () => {
    const { root, first, second, dead } = await projectWithHistory();
    const json = JSON.parse((await runCli(['history', 'staging', '--json'], { cwd: root })).stdout);
    expect(json.deployments.map((d: { id: string }) => d.id)).toEqual([dead.id, second.id, first.id]);
    expect(json.deployments[1]).toMatchObject({
      release: 2,
      by: 'ada',
      status: 'succeeded',
      durationMs: 4000,
      changes: 1,
    });
    expect(json.deployments[0].status).toBe('interrupted');

    const text = await runCli(['history', '--limit', '2'], { cwd: root });
    expect(text.stdout.split('\n')[0]).toMatch(
      /^ID\s+ENV\s+RELEASE\s+WHEN\s+WHO\s+OUTCOME\s+DURATION\s+CHANGES$/,
    );
    expect(text.stdout).toContain(second.id);
    expect(text.stdout).not.toContain(first.id);

    const alias = await runCli(['deploy-history', 'staging', '--limit', '1', '--json'], {
      cwd: root,
      bin: 'orchestrator',
    });
    expect(JSON.parse(alias.stdout).deployments).toHaveLength(1);
  });

  it('refuses a limit that is not a positive whole number', async () => {
    const { root } = await projectWithHistory();
    const run = await runCli(['history', '--limit', '0'], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain('--limit takes a whole number of at least 1');
  });

  it('shows one deployment whole, and says so when the id is unknown', async () => {
    const { root, second } = await projectWithHistory();
    const text = await runCli(['history', 'show', second.id], { cwd: root });
    expect(text.exitCode).toBe(0);
    expect(text.stdout).toContain(`${second.id}  staging  succeeded  release v2`);
    expect(text.stdout).toMatch(/apply\s+10:00:00.000\s+2000 ms\s+ok/);
    expect(text.stdout).toContain('Changes (1):\n  function api: version 2');
    expect(text.stdout).toContain('Outputs:\n  siteUrl: https://d111.cloudfront.net');
    expect(
      JSON.parse((await runCli(['history', 'show', second.id, '--json'], { cwd: root })).stdout),
    ).toEqual(second);

    const missing = await runCli(['history', 'show', 'd-20990101T000000000Z-abcdef'], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain("no deployment 'd-20990101T000000000Z-abcdef'");
  });

  it('compares two deployments: configuration, artifacts, timings', async () => {
    const { root, first, second } = await projectWithHistory();
    const json = JSON.parse(
      (await runCli(['history', 'diff', first.id, second.id, '--json'], { cwd: root })).stdout,
    );
    expect(json.config).toEqual([{ path: 'backend.functions.api.memoryMb', a: 256, b: 512 }]);
    expect(json.artifacts.files.changed).toEqual(['index.html']);
    expect(json.timing.phases).toEqual([{ name: 'apply', a: 1000, b: 2000, deltaMs: 1000 }]);
    const text = await runCli(['history', 'diff', first.id, second.id], { cwd: root });
    expect(text.stdout).toMatch(/backend\.functions\.api\.memoryMb\s+256\s+512/);
    expect(text.stdout).toContain('site files: 0 added, 0 removed, 1 changed, 0 the same');
    expect(text.stdout).toMatch(/apply\s+1000 ms\s+2000 ms\s+\+1000 ms/);
  });

  it('takes release numbers as rollback does: 1, v2 (issue 14, defect 10)', async () => {
    const { root, store, first, second } = await projectWithHistory();
    const byId = (await runCli(['history', 'diff', first.id, second.id, '--json'], { cwd: root })).stdout;
    const byRelease = await runCli(['history', 'diff', '1', 'v2', '--json'], { cwd: root });
    expect(byRelease.exitCode, byRelease.stderr).toBe(0);
    expect(byRelease.stdout).toBe(byId);
    const missing = await runCli(['history', 'diff', 'v1', 'v9'], { cwd: root });
    expect(missing.exitCode).toBe(2);
    expect(missing.stderr).toContain('no release v9 in any environment');

    // The same number in two environments: say which, and take --environment.
    await store.putRelease({
      environment: 'production',
      number: 1,
      deploymentId: first.id,
      createdAt: at(4).toISOString(),
      manifest: {},
    });
    await store.putDeployment({ ...first, environment: 'production' });
    const ambiguous = await runCli(['history', 'show', 'v1'], { cwd: root });
    expect(ambiguous.exitCode).toBe(2);
    expect(ambiguous.stderr).toMatch(/v1 is a release of (staging and production|production and staging)/);
    const named = await runCli(['history', 'diff', 'v1', 'v2', '--environment', 'staging', '--json'], {
      cwd: root,
    });
    expect(named.stdout).toBe(byId);
  });
});

describe('--json output', () => {
  it('is one JSON document per line, results and errors alike (issue 14, defect 10)', async () => {
    const { root, first, second } = await projectWithHistory();
    const commands = [
      ['status'],
      ['status', 'staging'],
      ['history'],
      ['history', 'show', first.id],
      ['history', 'diff', first.id, second.id],
      ['lock', 'status', 'staging'],
      ['config', 'validate', '--all'],
      ['config', 'show', 'staging'],
      ['config', 'diff', 'staging', 'production'],
      ['history', 'show', 'd-unknown'],
      ['deploy', 'nowhere', '--yes'],
    ];
    for (const command of commands) {
      const run = await runCli([...command, '--json'], { cwd: root });
      // Events first (deploy), then the result or error: every line one JSON document.
      const lines = run.stdout.trimEnd().split('\n');
      for (const line of lines) expect(() => JSON.parse(line), `${command.join(' ')}: ${line}`).not.toThrow();
      if (command[0] !== 'deploy') expect(lines.length, command.join(' ')).toBe(1);
      else expect(JSON.parse(lines.at(-1)!)).toMatchObject({ ok: false });
    }
  });
});

describe('omnix lock', () => {
  it('names the holder, and breaks the lock only when confirmed', async () => {
    const { root, store } = await projectWithHistory();
    await store.acquireLock('staging', { user: 'ada', host: 'laptop', pid: 42, deploymentId: 'd-1' }, 600);
    const status = await runCli(['lock', 'status', 'staging'], { cwd: root });
    expect(status.stdout).toMatch(/^staging is locked by ada on laptop \(pid 42, deployment d-1\) since /);
    expect(
      JSON.parse((await runCli(['lock', 'status', 'staging', '--json'], { cwd: root })).stdout),
    ).toMatchObject({
      locked: true,
      stale: false,
      holder: { user: 'ada' },
    });

    const refused = await runCli(['lock', 'break', 'staging'], { cwd: root });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('that deployment may still be running');
    const declined = await runCli(['lock', 'break', 'staging'], { cwd: root, tty: true, answers: ['no'] });
    // A declined confirmation is not success: exit 1, said softly on stderr.
    expect(declined.exitCode).toBe(1);
    expect(declined.stderr).toContain('the lock was left in place');
    expect(declined.stderr).not.toContain('error:');
    expect(await store.readLock('staging')).toBeDefined();

    const questions: string[] = [];
    const broken = await runCli(['lock', 'break', 'staging'], {
      cwd: root,
      tty: true,
      answers: ['staging'],
      questions,
    });
    expect(questions).toEqual(['Type staging to break its lock']);
    expect(broken.stdout).toContain('broke the lock of staging held by ada on laptop');
    expect(await store.readLock('staging')).toBeUndefined();
    expect((await runCli(['lock', 'status', 'staging'], { cwd: root })).stdout).toBe(
      'staging is not locked\n',
    );
  });
});

describe('omnix state', () => {
  it('migrates every environment to another store, verifies, and reruns harmlessly', async () => {
    const { root } = await projectWithHistory();
    const first = await runCli(['state', 'migrate', '--from', 'file', '--to', 'file:moved', '--json'], {
      cwd: root,
    });
    expect(first.exitCode, first.stderr).toBe(0);
    expect(JSON.parse(first.stdout).migrated).toMatchObject([
      { environment: 'production', deployments: { total: 0 }, verified: true },
      {
        environment: 'staging',
        deployments: { total: 3, copied: 3 },
        releases: { total: 2, copied: 2 },
        approvals: { total: 0, copied: 0 },
        memory: { total: 0, copied: 0 },
        verified: true,
      },
    ]);
    const moved = new FileStateStore(join(root, 'moved'));
    expect(await moved.listDeployments('staging')).toHaveLength(3);
    const again = await runCli(['state', 'migrate', 'staging', '--from', 'file', '--to', 'file:moved'], {
      cwd: root,
    });
    expect(again.stdout).toMatch(
      /staging\s+\S+\s+\S+\s+3 \(0 copied\)\s+2 \(0 copied\)\s+0 \(0 copied\)\s+0 \(0 copied\)\s+yes/,
    );
  });

  it('says what is missing from an incomplete or unknown store', async () => {
    const { root } = await projectWithHistory();
    const bare = await runCli(['state', 'migrate', '--from', 'file', '--to', 's3'], { cwd: root });
    expect(bare.exitCode).toBe(2);
    expect(bare.stderr).toContain("'s3' alone does not say which bucket");
    const unknown = await runCli(['state', 'migrate', '--from', 'file', '--to', 'ftp://x'], { cwd: root });
    expect(unknown.stderr).toContain("'ftp://x' does not name a state store");
    const same = await runCli(['state', 'migrate', '--from', 'file', '--to', 'file:.omnix/state'], {
      cwd: root,
    });
    expect(same.stderr).toContain('--from and --to both name');
  });
});

describe('omnix deploy --wait-for-lock', () => {
  it('refuses what is not a duration before doing anything', async () => {
    const { root } = await projectWithHistory();
    const run = await runCli(['deploy', 'staging', '--yes', '--wait-for-lock', 'soon'], { cwd: root });
    expect(run.exitCode).toBe(2);
    expect(run.stderr).toContain("--wait-for-lock takes a duration such as 30s, 10m or 1h, not 'soon'");
  });

  it('refuses a wait longer than a week instead of not waiting at all (issue 15, defect 11)', async () => {
    const { root } = await projectWithHistory();
    for (const command of [
      ['deploy', 'staging'],
      ['rollback', 'staging'],
      ['recover', 'staging'],
    ]) {
      const run = await runCli([...command, '--yes', '--wait-for-lock', '99999999999999999999h'], {
        cwd: root,
      });
      expect(run.exitCode, command.join(' ')).toBe(2);
      expect(run.stderr).toContain(
        "--wait-for-lock waits at most a week (168h), not '99999999999999999999h'",
      );
    }
  });
});

describe('omnix recover', () => {
  it('needs --yes without a terminal, and says when there is nothing to recover', async () => {
    const root = await testdir(project(MINIMAL_MASTER, { staging: '' }));
    const refused = await runCli(['recover', 'staging'], { cwd: root });
    expect(refused.exitCode).toBe(2);
    expect(refused.stderr).toContain('refusing to recover staging without --yes');
    const declined = await runCli(['recover', 'staging'], { cwd: root, tty: true, answers: ['no'] });
    expect(declined.exitCode).toBe(1);
    expect(declined.stderr).toContain('not recovered: the recovery of staging was not confirmed');
    const nothing = await runCli(['recover', 'staging', '--yes'], { cwd: root });
    expect(nothing.exitCode, nothing.stderr).toBe(0);
    expect(nothing.stdout).toContain('staging has no interrupted deployment to recover');
  });
});
