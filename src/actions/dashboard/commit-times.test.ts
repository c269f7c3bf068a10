import { execFileSync } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { gitCommitTimes } from './commit-times.js';

describe('commit times from git', () => {
  it('finds a commit’s committer time, and leaves unknown commits and anything not a sha unknown', async () => {
    const repo = await testdir({ 'a.txt': 'a' });
    const env = {
      ...process.env,
      GIT_AUTHOR_NAME: 'ada',
      GIT_AUTHOR_EMAIL: 'ada@example.com',
      GIT_COMMITTER_NAME: 'ada',
      GIT_COMMITTER_EMAIL: 'ada@example.com',
      GIT_COMMITTER_DATE: '2026-03-01T09:00:00+02:00',
    };
    const git = (...args: string[]) =>
      execFileSync('git', ['-C', repo, ...args], { env, encoding: 'utf8' }).trim();
    git('init', '-q');
    git('add', '.');
    git('commit', '-q', '-m', 'first');
    const sha = git('rev-parse', 'HEAD');
    const times = await gitCommitTimes(repo)([sha, 'deadbeefdeadbeef', '--output=/tmp/x', 'abc; rm -rf /']);
    expect([...times]).toEqual([[sha, '2026-03-01T07:00:00.000Z']]);
  });

  it('knows no time outside a git repository', async () => {
    const folder = await testdir({});
    expect((await gitCommitTimes(folder)(['abc1234'])).size).toBe(0);
  });
});
