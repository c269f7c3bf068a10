import { execFile, spawnSync } from 'node:child_process';
import { mkdtempSync, rmSync } from 'node:fs';
import { tmpdir } from 'node:os';
import { join } from 'node:path';
import { promisify } from 'node:util';
import { describe, expect, it, onTestFinished } from 'vitest';
import { logsSandbox } from '../../../../test/helpers/logs-sandbox.js';

const run = promisify(execFile);

/** Why the AWS CLI cannot be used here, or undefined when `aws` runs. */
function cliMissing(): string | undefined {
  const probe = spawnSync('aws', ['--version'], { encoding: 'utf8' });
  if (probe.error) return `the AWS CLI is not installed (${probe.error.message})`;
  return probe.status === 0 ? undefined : `aws --version failed: ${probe.stderr.trim()}`;
}

const missing = cliMissing();

/**
 * The AWS CLI v1 (botocore's own JSON 1.1 client and paginators) against the sandbox. execFile, not
 * spawnSync: the sandbox answers from this same process, which must not be blocked while the CLI waits.
 */
describe.skipIf(missing !== undefined)(
  `aws logs against the sandbox${missing ? ` (skipped: ${missing})` : ''}`,
  () => {
    async function cli(endpoint: string, ...args: string[]) {
      const home = mkdtempSync(join(tmpdir(), 'omnix-aws-cli-'));
      onTestFinished(() => rmSync(home, { recursive: true, force: true }));
      const { stdout } = await run('aws', ['logs', ...args, '--endpoint-url', endpoint, '--output', 'json'], {
        env: {
          PATH: process.env.PATH,
          HOME: home,
          AWS_ACCESS_KEY_ID: 'AKIASANDBOXTEST',
          AWS_SECRET_ACCESS_KEY: 'sandbox-secret',
          AWS_DEFAULT_REGION: 'us-east-1',
          AWS_CONFIG_FILE: join(home, 'config'),
          AWS_SHARED_CREDENTIALS_FILE: join(home, 'credentials'),
        },
      });
      return JSON.parse(stdout);
    }

    it('describes streams, filters events and reads a stream page by page', async () => {
      const { running, put } = await logsSandbox();
      const base = Date.now() - 60_000;
      for (const stream of ['a', 'b', 'c', 'd'])
        await put('/aws-cli/app', stream, [{ timestamp: base, message: `INFO hello from ${stream}` }]);
      await put('/aws-cli/app', 'a', [
        { timestamp: base + 1000, message: 'ERROR first failure' },
        { timestamp: base + 2000, message: 'INFO fine' },
        { timestamp: base + 3000, message: 'ERROR second failure' },
        { timestamp: base + 4000, message: 'INFO done' },
      ]);

      // The CLI follows nextToken itself: four streams over pages of three.
      const described = await cli(
        running.endpoint,
        'describe-log-streams',
        '--log-group-name',
        '/aws-cli/app',
      );
      expect(described.logStreams.map((s: { logStreamName: string }) => s.logStreamName)).toEqual([
        'a',
        'b',
        'c',
        'd',
      ]);

      const filtered = await cli(
        running.endpoint,
        'filter-log-events',
        '--log-group-name',
        '/aws-cli/app',
        '--filter-pattern',
        'ERROR',
      );
      expect(filtered.events.map((e: { message: string }) => e.message)).toEqual([
        'ERROR first failure',
        'ERROR second failure',
      ]);

      const head = await cli(
        running.endpoint,
        'get-log-events',
        '--log-group-name',
        '/aws-cli/app',
        '--log-stream-name',
        'a',
        '--start-from-head',
      );
      expect(head.events.map((e: { message: string }) => e.message)).toEqual([
        'INFO hello from a',
        'ERROR first failure',
        'INFO fine',
      ]);
      const next = await cli(
        running.endpoint,
        'get-log-events',
        '--log-group-name',
        '/aws-cli/app',
        '--log-stream-name',
        'a',
        '--next-token',
        head.nextForwardToken,
      );
      expect(next.events.map((e: { message: string }) => e.message)).toEqual([
        'ERROR second failure',
        'INFO done',
      ]);
    });
  },
);
