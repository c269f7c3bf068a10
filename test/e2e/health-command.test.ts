import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { CloudWatchClient, SetAlarmStateCommand } from '@aws-sdk/client-cloudwatch';
import { afterEach, beforeEach, describe, expect, it, vi } from 'vitest';
import { alarmCheck } from '../../src/health/checks/alarm.js';
import { createAwsClients } from '../../src/providers/aws/clients.js';
import { errorsAlarm } from '../helpers/alarms.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

async function setAlarm(fixture: Fixture, name: string, state: 'OK' | 'ALARM') {
  const cloudWatch = new CloudWatchClient({
    region: 'us-east-1',
    endpoint: fixture.running.endpoint,
    credentials: TEST_CREDENTIALS,
  });
  await cloudWatch.send(errorsAlarm(name));
  await cloudWatch.send(
    new SetAlarmStateCommand({ AlarmName: name, StateValue: state, StateReason: 'test' }),
  );
}

/** The shared checks and these in the environment's file (its list replaces the shared one). */
async function withChecks(fixture: Fixture, checks: string[]) {
  const master = await readFile(join(fixture.project, 'config/deployment-config.yaml'), 'utf8');
  const shared = master.slice(master.indexOf('health:'), master.indexOf('  latency:'));
  const file = join(fixture.project, 'config/environments/development.yaml');
  const own = (await readFile(file, 'utf8')).split('\nhealth:')[0];
  await writeFile(file, `${own}\n${shared}${checks.map((check) => `    - ${check}\n`).join('')}`);
}

// slow: deploys the example on the sandbox, then checks it through the CLI.
describe('omnix health', () => {
  // The CLI runs in this process: its AWS SDK reads credentials from the process environment.
  beforeEach(() => {
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
  });
  afterEach(() => vi.unstubAllEnvs());

  it('checks the live release and writes a Markdown report a person can read', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    const cli = await runCli(['health', 'development', '--report', 'md'], {
      cwd: fixture.project,
      env: fixture.processEnv(),
    });
    expect(cli.stderr).toBe('');
    expect(cli.exitCode).toBe(0);
    expect(cli.stdout).toMatch(/development release v1: pass \(4 check\(s\)/);
    expect(cli.stdout).toMatch(/CHECK\s+TYPE\s+STATUS/);
    const markdown = await readFile(join(fixture.project, 'health-development.md'), 'utf8');
    expect(markdown).toContain('# Health of development, release v1');
    for (const name of ['api-health', 'products', 'site', 'worker'])
      expect(markdown).toMatch(new RegExp(`\\| ${name} \\| \\w+ \\| ✅ pass \\|`));

    const json = await runCli(['health', 'development', '--json'], {
      cwd: fixture.project,
      env: fixture.processEnv(),
    });
    const report = JSON.parse(json.stdout.trim().split('\n').at(-1)!);
    expect(report).toMatchObject({ type: 'report', status: 'pass', release: 1, stage: 'on demand' });
    expect(report.checks).toHaveLength(4);
  });

  it('treats an alarm already in ALARM before a deployment as its baseline, and fails one that fires during it or is unknown', async () => {
    const fixture = await deployFixture();
    await fixture.run();
    await setAlarm(fixture, 'api-errors', 'ALARM');
    await withChecks(fixture, ['{ name: alarms, type: cloudwatch-alarm, alarms: [api-errors] }']);
    await writeFile(join(fixture.project, 'web/src/extra.txt'), 'a change to deploy\n');

    const { outcome } = await fixture.run();
    expect(outcome.status).toBe('succeeded');
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record!.alarmBaseline).toEqual({ 'api-errors': 'ALARM' });
    expect(record!.health![0]!.checks.find((check) => check.name === 'alarms')).toMatchObject({
      status: 'warn',
      message: 'api-errors: in ALARM already before the deployment started (baseline)',
    });

    // On demand there is no baseline: an alarm in ALARM is a failure.
    const cli = await runCli(['health', 'development'], { cwd: fixture.project, env: fixture.processEnv() });
    expect(cli.exitCode).toBe(1);
    expect(cli.stdout).toContain('api-errors: in ALARM');

    await setAlarm(fixture, 'api-errors', 'OK');
    await setAlarm(fixture, 'api-latency', 'OK');
    await withChecks(fixture, [
      '{ name: latency-alarm, type: cloudwatch-alarm, alarms: [api-latency, no-such-alarm] }',
    ]);
    const unknown = await runCli(['health', 'development', '--json'], {
      cwd: fixture.project,
      env: fixture.processEnv(),
    });
    const report = JSON.parse(unknown.stdout.trim().split('\n').at(-1)!);
    expect(report.checks.find((check: { name: string }) => check.name === 'latency-alarm')).toMatchObject({
      status: 'fail',
      message: 'no-such-alarm: no such alarm',
    });

    // During a deployment whose baseline saw it OK, an alarm in ALARM is this release's failure.
    await setAlarm(fixture, 'api-errors', 'ALARM');
    const clients = createAwsClients({
      region: 'us-east-1',
      endpoint: fixture.running.endpoint,
      credentials: TEST_CREDENTIALS,
    });
    const finding = await alarmCheck(
      { name: 'alarms', type: 'cloudwatch-alarm', alarms: ['api-errors'] },
      {
        clients,
        baseline: { 'api-errors': 'OK' },
        signal: AbortSignal.timeout(5000),
      },
    );
    expect(finding).toMatchObject({
      status: 'fail',
      message: 'api-errors: in ALARM since the deployment started',
    });
  });

  it('refuses an unknown report format', async () => {
    const fixture = await deployFixture();
    const cli = await runCli(['health', 'development', '--report', 'pdf'], {
      cwd: fixture.project,
      env: fixture.processEnv(),
    });
    expect(cli.exitCode).toBe(2);
    expect(cli.stderr).toContain("unknown report format 'pdf'");
  });
});
