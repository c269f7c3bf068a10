import { readFileSync, writeFileSync } from 'node:fs';
import { hostname } from 'node:os';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import {
  ARTIFACT_BUCKET,
  changedConfiguration,
  DEAD_PID,
  RECOVERY_CASES,
  type RecoveryCase,
} from '../../bench/recovery-cases.mjs';
import { bootstrapResources } from '../../src/providers/aws/bootstrap.js';
import type { DeploymentRecord } from '../../src/records/index.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** New code for the API function and a changed site file, so every step of a deployment runs. */
function changeVersion(project: string, version: string) {
  const handler = join(project, 'backend/api/index.mjs');
  writeFileSync(
    handler,
    readFileSync(handler, 'utf8').replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
  );
  const app = join(project, 'web/src/app.js');
  writeFileSync(
    app,
    `${readFileSync(app, 'utf8').replace(/\n\/\/ change .*$/s, '')}\n// change ${version}\n`,
  );
}

/** Latency limits measure how busy the machine is, not how a deployment copes with faults. */
const CALM = { OMNIX__HEALTH__LATENCY__P95MS: '60000', OMNIX__HEALTH__LATENCY__SAMPLES: '3' };

async function deployWith(
  fixture: Fixture,
  index: number,
  fault: Omit<RecoveryCase, 'failure' | 'step'>,
  env: Record<string, string> = {},
) {
  changeVersion(fixture.project, `7.${index}.0`);
  if (fault.staleLock)
    await fixture.store.acquireLock('development', { user: 'ada', host: hostname(), pid: DEAD_PID }, 3600);
  fixture.running.faults.configure({ rules: fault.rules });
  try {
    const run = await runCli(['deploy', 'development', '--json', '--yes', ...(fault.flags ?? [])], {
      cwd: fixture.project,
      env: fixture.processEnv({ ...CALM, ...changedConfiguration(index, fault.artifactBucket), ...env }),
    });
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    const events = run.stdout
      .split('\n')
      .filter((line) => line.startsWith('{'))
      .map((line) => JSON.parse(line) as { kind?: string; data?: { recovery?: { failure: string } } });
    return { run, record: record as DeploymentRecord, events };
  } finally {
    fixture.running.faults.configure({ rules: [] });
  }
}

/** A fixture deployed once, with an artifact bucket in the sandbox for the case that needs one. */
async function deployedFixture(): Promise<Fixture> {
  const fixture = await deployFixture();
  await bootstrapResources(
    { region: 'us-east-1', endpoint: fixture.running.endpoint, credentials: TEST_CREDENTIALS },
    '000000000000',
    { artifactBucket: ARTIFACT_BUCKET, functions: [] },
  );
  const first = await runCli(['deploy', 'development', '--json', '--yes'], {
    cwd: fixture.project,
    env: fixture.processEnv(CALM),
  });
  expect(first.exitCode, first.stderr).toBe(0);
  return fixture;
}

// slow: end to end against the sandbox, each fault class through the real CLI.
describe('automatic recovery from transient faults', () => {
  it('each transient fault class, injected on the step it hits, ends in a successful deployment with the recovery recorded', async () => {
    const fixture = await deployedFixture();
    const missed: string[] = [];
    for (const [index, fault] of RECOVERY_CASES.entries()) {
      const { run, record, events } = await deployWith(fixture, index, fault);
      const recorded = record.recoveries?.some(
        (entry) => entry.failure === fault.failure && entry.outcome === 'recovered',
      );
      const reported = events.some(
        (event) => event.kind === 'info' && event.data?.recovery?.failure === fault.failure,
      );
      if (run.exitCode !== 0 || record.status !== 'succeeded' || !recorded || !reported)
        missed.push(
          `${fault.failure} on ${fault.step}: exit ${run.exitCode}, ${record.status}, recorded ${recorded}, reported ${reported} ${run.stderr.slice(0, 300)}`,
        );
    }
    expect(missed).toEqual([]);
  }, 900_000);

  it('a recovery that does not work falls through to the automatic rollback, recorded as failed', async () => {
    const conflict = RECOVERY_CASES.find(
      (fault) => fault.failure === 'lambda-update-in-progress' && fault.step === 'move alias',
    )!;
    const fixture = await deployedFixture();
    const { run, record } = await deployWith(fixture, 90, {
      rules: conflict.rules.map((rule) => ({ ...rule, times: 2 })),
    });
    expect(run.exitCode).toBe(1);
    expect(record.status).toBe('rolled_back');
    expect(record.errors[0]?.code).toBe('ResourceConflictException');
    expect(record.recoveries).toContainEqual(
      expect.objectContaining({
        failure: 'lambda-update-in-progress',
        operation: 'UpdateAlias',
        outcome: 'failed',
        error: expect.objectContaining({ code: 'ResourceConflictException' }),
      }),
    );
  }, 240_000);

  it('without an artifact bucket, a package Lambda refuses as too large fails naming the setting', async () => {
    const tooLarge = RECOVERY_CASES.find((fault) => fault.failure === 'lambda-package-too-large')!;
    const fixture = await deployedFixture();
    const { run, record } = await deployWith(fixture, 91, { rules: tooLarge.rules });
    expect(run.exitCode).toBe(1);
    expect(record.errors[0]?.code).toBe('PackageTooLarge');
    expect(`${run.stdout}${run.stderr}`).toMatch(/set backend\.artifactBucket/);
    expect(record.recoveries ?? []).toEqual([]);
  }, 240_000);

  it('with agent.enabled: false the SDK still retries but nothing is recorded, and a conflict fails as before', async () => {
    const fixture = await deployedFixture();
    const off = { OMNIX__AGENT__ENABLED: 'false' };
    const throttled = RECOVERY_CASES.find((fault) => fault.failure === 'throttling')!;
    const retried = await deployWith(fixture, 92, { rules: throttled.rules }, off);
    expect(retried.run.exitCode, retried.run.stderr).toBe(0);
    expect(retried.record.recoveries).toBeUndefined();
    const conflict = RECOVERY_CASES.find(
      (fault) => fault.failure === 'lambda-update-in-progress' && fault.step === 'move alias',
    )!;
    const failed = await deployWith(fixture, 93, { rules: conflict.rules }, off);
    expect(failed.run.exitCode).toBe(1);
    expect(failed.record.status).toBe('rolled_back');
    expect(failed.record.recoveries).toBeUndefined();
  }, 240_000);
});
