import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runBuild } from '../../src/actions/deploy/build.js';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** Health is not under test here: few samples and no latency limit keep a loaded machine from failing it. */
const CALM = { OMNIX__HEALTH__LATENCY__SAMPLES: '2', OMNIX__HEALTH__LATENCY__P95_MS: '60000' };
const deploy = (fixture: Fixture) => fixture.run({ env: { ...fixture.env, ...CALM } });

/** A new release of the example: the API's version and a site file changed, built and deployed in process. */
async function release(fixture: Fixture, version: string): Promise<void> {
  const handler = join(fixture.project, 'backend/api/index.mjs');
  await writeFile(
    handler,
    (await readFile(handler, 'utf8')).replace(/const VERSION = '[^']+'/, `const VERSION = '${version}'`),
  );
  const app = join(fixture.project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// ${version}\n`);
  const { outcome } = await deploy(fixture);
  expect(outcome.status).toBe('succeeded');
}

const cli = (fixture: Fixture, args: string[]) =>
  omnixProcess(args, fixture.project, fixture.processEnv(CALM));

/** `omnix drift` and `omnix validate` as a user runs them: what they say about drift. */
async function driftSeen(fixture: Fixture) {
  const drift = await cli(fixture, ['drift', 'development']);
  const validate = await cli(fixture, ['validate', 'development', '--json']);
  const report = JSON.parse(validate.stdout.trim().split('\n').at(-1)!) as {
    checks: Array<{ name: string; status: string; message: string }>;
  };
  return { drift, check: report.checks.find((check) => check.name === 'drift') };
}

// slow: releases of the example app against the sandbox, rolled back and recovered through the CLI.
describe('after a restore', { timeout: 240_000 }, () => {
  // issue 14, defects 4 and 5.
  it('a rollback leaves no drift, records the live object versions, and a second plain rollback asks which release', async () => {
    // given v1, v2, v3
    const fixture = await deployFixture();
    await deploy(fixture);
    await release(fixture, '2.0.0');
    await release(fixture, '3.0.0');

    // when rolled back from v3
    const first = await cli(fixture, ['rollback', 'development', '--yes']);
    expect(first.code, first.stderr).toBe(0);
    expect(first.stdout).toMatch(/rolled back development to v2 as release v4/);

    // then what is live is what release v4 says, by version id too
    const v2 = (await fixture.store.getRelease('development', 2))!.manifest.frontend!.objects;
    const v4 = (await fixture.store.getRelease('development', 4))!.manifest.frontend!.objects;
    expect(v4.map(({ key, md5 }) => ({ key, md5 }))).toEqual(v2.map(({ key, md5 }) => ({ key, md5 })));
    expect(v4.filter((object, index) => object.versionId !== v2[index]!.versionId).length).toBeGreaterThan(0);
    const { drift, check } = await driftSeen(fixture);
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    expect(drift.stdout).toContain('development: no drift: live resources match release v4');
    expect(check).toMatchObject({ status: 'pass', message: 'live resources match release v4' });

    // a second plain rollback does not go "back" to v3
    const second = await cli(fixture, ['rollback', 'development', '--yes']);
    expect(second.code).toBe(2);
    expect(second.stderr).toContain(
      'v4, live on development, is already a rollback: v2 again, rolled back from v3',
    );
    expect(second.stderr).toContain('omnix rollback development <release>');
    expect((await fixture.store.listReleases('development')).map((r) => r.number)).toEqual([4, 3, 2, 1]);

    // --auto passes over v3 (rolled back from) and v2 (live): v1
    const auto = await cli(fixture, ['rollback', 'development', '--auto', '--yes']);
    expect(auto.code, auto.stderr).toBe(0);
    expect(auto.stdout).toMatch(/rolled back development to v1 as release v5/);
    expect((await cli(fixture, ['drift', 'development'])).code).toBe(0);
  });

  // issue 14, defect 4: 145 files "changed outside omnix" after one recover.
  it('a recovery leaves no drift', async () => {
    // given v1, then a deployment of v2 killed while waiting for its invalidation, after its uploads
    const fixture = await deployFixture();
    await deploy(fixture);
    const app = join(fixture.project, 'web/src/app.js');
    await writeFile(app, `${await readFile(app, 'utf8')}\n// release 2\n`);
    await runBuild('frontend', 'npm run build', fixture.project, {
      ...process.env,
      OMNIX_ENVIRONMENT: 'development',
    });
    const stats = async () =>
      ((await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>)[
        'cloudfront:GetInvalidation'
      ] ?? 0;
    const seen = await stats();
    fixture.running.faults.configure({
      rules: [{ service: 'cloudfront', operation: 'GetInvalidation', latencyMs: 60_000 }],
    });
    let child: ChildProcess | undefined;
    const killed = omnixProcess(
      ['deploy', 'development', '--yes', '--skip-build'],
      fixture.project,
      fixture.processEnv(CALM),
      (started) => (child = started),
    );
    await pollUntil(
      'the deployment to wait for its invalidation',
      async () => ((await stats()) > seen ? true : undefined),
      {
        timeoutMs: 60_000,
        maxDelayMs: 50,
      },
    );
    child!.kill('SIGKILL');
    await killed;
    fixture.running.faults.configure({ rules: [] });

    // when recovered through the CLI
    const recovered = await cli(fixture, ['recover', 'development', '--yes']);
    expect(recovered.code, recovered.stderr).toBe(0);

    // then
    const { drift, check } = await driftSeen(fixture);
    expect(drift.code, drift.stdout + drift.stderr).toBe(0);
    expect(drift.stdout).toContain('development: no drift: live resources match release v1');
    expect(check).toMatchObject({ status: 'pass' });
  });
});
