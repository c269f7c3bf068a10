import { execFile } from 'node:child_process';
import { mapPool } from '../../core/pool.js';
import type { CommitTimes } from './load.js';

/** At most this many commits are looked up: one `git` process each. */
const MAX_LOOKUPS = 200;
const SHA = /^[0-9a-f]{7,64}$/i;

function commitTime(cwd: string, sha: string): Promise<string | undefined> {
  return new Promise((resolve) => {
    execFile(
      'git',
      ['-C', cwd, 'show', '--no-patch', '--format=%cI', sha, '--'],
      { timeout: 10_000, maxBuffer: 4096, encoding: 'utf8' },
      (error, stdout) => {
        const text = stdout.trim();
        resolve(!error && Number.isFinite(Date.parse(text)) ? new Date(text).toISOString() : undefined);
      },
    );
  });
}

/**
 * Commit times from the git repository at `cwd` (the project's checkout): the committer date of each
 * commit a deployment recorded (`caller.ci.commit`). A commit git does not know (a shallow clone, another
 * repository), or no git at all, leaves its time unknown.
 */
export function gitCommitTimes(cwd: string): CommitTimes {
  return async (shas) => {
    const wanted = shas.filter((sha) => SHA.test(sha)).slice(0, MAX_LOOKUPS);
    const times = await mapPool(wanted, 4, (sha) => commitTime(cwd, sha));
    return new Map(wanted.flatMap((sha, index) => (times[index] ? [[sha, times[index]] as const] : [])));
  };
}
