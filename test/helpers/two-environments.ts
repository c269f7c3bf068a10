import { cpSync } from 'node:fs';
import { join } from 'node:path';
import { expect } from 'vitest';
import { omnixProcess } from './omnix-process.js';
import { runCli } from './run-cli.js';
import { sandbox } from './sandbox.js';
import { testdir } from './testdir.js';

const EXAMPLE = join(import.meta.dirname, '../../examples/webapp');

/** Health checks that judge correctness, not the speed of a loaded test machine. */
export const CALM = {
  OMNIX__HEALTH__LATENCY__SAMPLES: '2',
  OMNIX__HEALTH__LATENCY__P95_MS: '60000',
  OMNIX__HEALTH__RETRIES: '1',
  OMNIX__HEALTH__RETRY_INTERVAL: '50ms',
};

/**
 * A copy of the example app on a fresh sandbox with staging and production bootstrapped (through the
 * CLI), and `omnix` to run in it.
 */
export async function twoEnvironments() {
  const project = await testdir({});
  cpSync(EXAMPLE, project, {
    recursive: true,
    filter: (path) => !/node_modules|\.omnix|web\/dist/.test(path.slice(EXAMPLE.length)),
  });
  const running = await sandbox({ pageSize: 1000 });
  const env: Record<string, string> = {
    OMNIX_AWS_ENDPOINT: running.endpoint,
    PATH: process.env.PATH ?? '',
    HOME: project,
    ...CALM,
  };
  const omnix = (args: string[], extra: Record<string, string> = {}) =>
    runCli(args, { cwd: project, env: { ...env, ...extra } });
  for (const environment of ['staging', 'production']) {
    const bootstrapped = await omnix(['sandbox', 'bootstrap', environment]);
    expect(bootstrapped.stderr).toBe('');
    expect(bootstrapped.exitCode).toBe(0);
  }
  /** Another person: omnix in its own process with other access keys, so another sandbox identity. */
  const reviewer = (args: string[]) =>
    omnixProcess(args, project, {
      ...env,
      AWS_ACCESS_KEY_ID: 'AKIAREVIEWER',
      AWS_SECRET_ACCESS_KEY: 'reviewer-secret',
    });
  return { project, running, env, omnix, reviewer };
}
