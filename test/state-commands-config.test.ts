import { existsSync } from 'node:fs';
import { writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { setTimeout as sleep } from 'node:timers/promises';
import { describe, expect, it } from 'vitest';
import { FileStateStore } from '../src/state/file/file-store.js';
import { deployment } from '../src/state/store.contract.js';
import { runCli } from './helpers/run-cli.js';
import { MINIMAL_MASTER, project, testdir } from './helpers/testdir.js';

const BROKEN_FRONTEND = `${MINIMAL_MASTER}  concurrency: lots\n`;

describe('status, history and lock read only the state section of the configuration', () => {
  it('work while another part of the configuration is invalid, which validation still reports', async () => {
    const root = await testdir(project(BROKEN_FRONTEND, { staging: '' }));
    const record = deployment('staging', new Date(Date.UTC(2026, 10, 1)), { status: 'succeeded' });
    await new FileStateStore(join(root, '.omnix/state')).putDeployment(record);

    const status = await runCli(['status', 'staging', '--json'], { cwd: root });
    expect(status.exitCode, status.stderr).toBe(0);
    expect(JSON.parse(status.stdout)).toMatchObject({
      environment: 'staging',
      lastDeployment: { id: record.id },
    });
    const history = await runCli(['history', 'staging', '--json'], { cwd: root });
    expect(history.exitCode).toBe(0);
    expect(history.stdout).toContain(record.id);
    expect((await runCli(['lock', 'status', 'staging', '--json'], { cwd: root })).exitCode).toBe(0);

    const validation = await runCli(['config', 'validate', 'staging'], { cwd: root });
    expect(validation.exitCode).toBe(2);
    expect(validation.stderr + validation.stdout).toContain('frontend.concurrency');
  });

  it('refuse an invalid state section, naming where it is', async () => {
    const root = await testdir(project(`${MINIMAL_MASTER}state:\n  backend: floppy\n`, { staging: '' }));
    for (const args of [
      ['status', 'staging'],
      ['history', 'staging'],
      ['lock', 'status', 'staging'],
    ]) {
      const run = await runCli(args, { cwd: root });
      expect(run.exitCode, args.join(' ')).toBe(2);
      expect(run.stderr, args.join(' ')).toMatch(
        /deployment-config\.yaml:\d+.*state\.backend|state\.backend[\s\S]*deployment-config\.yaml/,
      );
    }
  });

  it('remember the state section of unchanged files, and read it again once a file changes', async () => {
    const root = await testdir(
      project(MINIMAL_MASTER, { staging: 'state:\n  backend: file\n  path: .omnix/one\n' }),
    );
    const one = deployment('staging', new Date(Date.UTC(2026, 10, 1)), { status: 'succeeded' });
    const two = deployment('staging', new Date(Date.UTC(2026, 10, 2)), { status: 'succeeded' });
    await new FileStateStore(join(root, '.omnix/one')).putDeployment(one);
    await new FileStateStore(join(root, '.omnix/two')).putDeployment(two);
    // Files written within two seconds of a command could change again unnoticed: they are not remembered.
    await sleep(2100);
    const first = await runCli(['status', 'staging', '--json'], { cwd: root });
    expect(JSON.parse(first.stdout)).toMatchObject({ lastDeployment: { id: one.id } });
    expect(existsSync(join(root, '.omnix/cache/state-section-staging.json'))).toBe(true);

    await writeFile(
      join(root, 'config/environments/staging.yaml'),
      'state:\n  backend: file\n  path: .omnix/two\n',
    );
    const second = await runCli(['status', 'staging', '--json'], { cwd: root });
    expect(JSON.parse(second.stdout)).toMatchObject({ lastDeployment: { id: two.id } });
  });
});
