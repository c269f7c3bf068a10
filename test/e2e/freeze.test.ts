import { appendFile, readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { fixtureWithoutLatencyLimits } from '../helpers/production-fixture.js';
import { runCli } from '../helpers/run-cli.js';

const day = (offset: number) => new Date(Date.now() + offset * 86_400_000).toISOString().slice(0, 10);

// slow: two deployments and a rollback of the example app.
describe('freeze windows', () => {
  it('refuse a deployment inside a window with exit 3 and the reason; --override-freeze goes ahead and is recorded; rollback is never frozen', async () => {
    const fixture = await fixtureWithoutLatencyLimits('development');
    // A window from yesterday to tomorrow (UTC dates): now is inside it whatever the hour.
    await appendFile(
      join(fixture.project, 'config/deployment-config.yaml'),
      `freeze:\n  dates:\n    - { from: "${day(-1)}", to: "${day(1)}", reason: "end-of-year sale" }\n`,
    );
    const env = fixture.env as Record<string, string>;
    const cli = (args: string[]) => runCli(args, { cwd: fixture.project, env });

    const frozen = await cli(['deploy', 'development', '--yes']);
    expect(frozen.exitCode, frozen.stderr).toBe(3);
    expect(frozen.stderr).toContain(`development is frozen (${day(-1)} – ${day(1)} UTC): end-of-year sale`);
    expect(frozen.stderr).toContain('--override-freeze');
    expect(await fixture.store.listDeployments('development')).toEqual([]);

    const plan = await cli(['plan', 'development']);
    expect(plan.exitCode, plan.stderr).toBe(0);
    expect(plan.stdout).toContain(`frozen now (${day(-1)} – ${day(1)} UTC): end-of-year sale`);
    const planned = await cli(['plan', 'development', '--json']);
    expect(JSON.parse(planned.stdout).freeze).toEqual({
      frozen: true,
      window: `${day(-1)} – ${day(1)} UTC`,
      reason: 'end-of-year sale',
    });

    const first = await cli([
      'deploy',
      'development',
      '--yes',
      '--override-freeze',
      'launch was promised today',
    ]);
    expect(first.exitCode, first.stderr).toBe(0);
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    expect(record).toMatchObject({
      status: 'succeeded',
      freezeOverride: {
        reason: 'launch was promised today',
        window: `${day(-1)} – ${day(1)} UTC: end-of-year sale`,
      },
    });

    const app = join(fixture.project, 'web/src/app.js');
    await writeFile(app, `${await readFile(app, 'utf8')}\n// release 2\n`);
    expect((await cli(['deploy', 'development', '--yes', '--override-freeze', 'fix'])).exitCode).toBe(0);
    const rollback = await cli(['rollback', 'development', '--yes']);
    expect(rollback.exitCode, rollback.stderr).toBe(0);
    expect((await fixture.store.listReleases('development')).map((release) => release.number)).toEqual([
      3, 2, 1,
    ]);

    const empty = await cli(['deploy', 'development', '--yes', '--override-freeze', ' ']);
    expect(empty.exitCode).toBe(2);
  }, 240_000);
});
