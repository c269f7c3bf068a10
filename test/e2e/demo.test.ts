import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { testdir } from '../helpers/testdir.js';

// slow: the whole demo, twice (issue 14, defect 10: its URLs are printed while they work).
describe('omnix demo', () => {
  it('says its URLs stop with the demo, and with --keep serves them until stopped', async () => {
    const cwd = await testdir({});
    // Without health checks: this test is about what the demo prints, the health gate has its own tests.
    const env = { PATH: process.env.PATH ?? '', HOME: cwd, NO_COLOR: '1', OMNIX__HEALTH__CHECKS: '[]' };

    const ended = await omnixProcess(['demo'], cwd, env);
    expect(ended.code, ended.stderr).toBe(0);
    expect(ended.stdout).toContain('To open the site in a browser: omnix demo --keep');

    let child: ChildProcess | undefined;
    let stdout = '';
    const kept = omnixProcess(['demo', '--keep'], cwd, env, (started) => {
      child = started;
      started.stdout!.on('data', (chunk) => (stdout += chunk));
    });
    const siteUrl = await pollUntil(
      'the kept sandbox to be announced',
      async () => /keeps running at \S+: open (\S+) in a browser/.exec(stdout)?.[1],
      { timeoutMs: 180_000, maxDelayMs: 500 },
    );
    expect((await fetch(siteUrl)).status).toBe(200);
    child!.kill('SIGINT');
    const stopped = await kept;
    expect(stopped.code, stopped.stderr).toBe(0);
    await expect(fetch(siteUrl)).rejects.toThrow();
  }, 400_000);
});
