import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it, vi } from 'vitest';
import { omnixProcess } from '../helpers/omnix-process.js';
import { type Fixture, fixtureWithoutLatencyLimits } from '../helpers/production-fixture.js';
import { runCli } from '../helpers/run-cli.js';
import { TEST_CREDENTIALS } from '../helpers/sandbox.js';

/** Two people (two access keys, so two sandbox identities), each running omnix without a terminal. */
function people(fixture: Fixture) {
  const as = (key: string) =>
    fixture.processEnv({ AWS_ACCESS_KEY_ID: key, AWS_SECRET_ACCESS_KEY: `${key}-secret` });
  const run = (env: Record<string, string>) => (args: string[]) => omnixProcess(args, fixture.project, env);
  return { ci: run(as('AKIACIRUNNER')), reviewer: run(as('AKIAREVIEWER')) };
}

const digestIn = (text: string) => /omnix approve production --plan ([0-9a-f]{16})/.exec(text)?.[1];

async function changeTheSite({ project }: Fixture): Promise<void> {
  const app = join(project, 'web/src/app.js');
  await writeFile(app, `${await readFile(app, 'utf8')}\n// another change\n`);
}

// slow: each step is an omnix process against a sandbox.
describe('approval gates (no terminal)', () => {
  it('exits 5 and changes nothing without an approval; self-approval and another plan are refused; after another identity approves, the same deployment succeeds', async () => {
    const fixture = await fixtureWithoutLatencyLimits();
    const { ci, reviewer } = people(fixture);

    const waiting = await ci(['deploy', 'production', '--yes']);
    expect(waiting.code, waiting.stderr).toBe(5);
    expect(waiting.stderr).toContain('waiting for approval, nothing changed');
    const digest = digestIn(waiting.stderr);
    expect(digest).toBeDefined();
    expect(await fixture.store.listReleases('production')).toEqual([]);
    expect(await fixture.store.listDeployments('production')).toEqual([]);
    expect(await fixture.store.readLock('production')).toBeUndefined();
    const [request] = await fixture.store.listApprovals('production');
    expect(request).toMatchObject({
      kind: 'requested',
      planDigest: digest,
      by: 'arn:aws:iam::000000000000:user/AKIACIRUNNER',
    });

    const listed = await reviewer(['approvals', 'production', '--json']);
    expect(JSON.parse(listed.stdout).approvals[0].pending).toEqual([
      expect.objectContaining({ planDigest: digest }),
    ]);

    const self = await ci(['approve', 'production']);
    expect(self.code, self.stderr).toBe(3);
    expect(self.stderr).toContain('may not approve it too');

    const otherPlan = await reviewer(['approve', 'production', '--plan', '0123456789abcdef']);
    expect(otherPlan.code, otherPlan.stderr).toBe(3);
    expect(otherPlan.stderr).toContain(
      'no change of production asked for an approval of plan 0123456789abcdef',
    );
    expect(otherPlan.stderr).toContain(`plan ${digest}`);
    expect((await fixture.store.listApprovals('production')).map((record) => record.kind)).toEqual([
      'requested',
    ]);

    const approved = await reviewer(['approve', 'production', '--comment', 'reviewed the plan']);
    expect(approved.code, approved.stderr).toBe(0);
    expect(approved.stdout).toContain(`approved plan ${digest} of production`);

    const deployed = await ci(['deploy', 'production', '--yes']);
    expect(deployed.code, deployed.stderr).toBe(0);
    const [record] = await fixture.store.listDeployments('production');
    expect(record).toMatchObject({
      status: 'succeeded',
      approval: { planDigest: digest, by: 'arn:aws:iam::000000000000:user/AKIAREVIEWER', via: 'recorded' },
    });
  }, 120_000);

  it('an approval covers only the plan it names: a changed plan waits again and says whose approval was for another plan', async () => {
    const fixture = await fixtureWithoutLatencyLimits();
    const { ci, reviewer } = people(fixture);
    const first = await ci(['deploy', 'production', '--yes']);
    const approvedDigest = digestIn(first.stderr)!;
    expect((await reviewer(['approve', 'production'])).code).toBe(0);

    await changeTheSite(fixture);
    const changed = await ci(['deploy', 'production', '--yes']);
    expect(changed.code, changed.stderr).toBe(5);
    const newDigest = digestIn(changed.stderr);
    expect(newDigest).not.toBe(approvedDigest);
    expect(changed.stderr).toContain(
      `the latest approval (by arn:aws:iam::000000000000:user/AKIAREVIEWER at`,
    );
    expect(changed.stderr).toContain(`is for plan ${approvedDigest}, not this one`);
    expect(await fixture.store.listReleases('production')).toEqual([]);
  }, 120_000);

  it('a rejected plan is refused with exit 3 and the reason', async () => {
    const fixture = await fixtureWithoutLatencyLimits();
    const { ci, reviewer } = people(fixture);
    expect((await ci(['deploy', 'production', '--yes'])).code).toBe(5);
    const rejected = await reviewer(['reject', 'production', '--comment', 'not during the sale']);
    expect(rejected.code, rejected.stderr).toBe(0);
    const refused = await ci(['deploy', 'production', '--yes']);
    expect(refused.code, refused.stderr).toBe(3);
    expect(refused.stderr).toContain('was rejected by arn:aws:iam::000000000000:user/AKIAREVIEWER');
    expect(refused.stderr).toContain('not during the sale');
    expect(await fixture.store.listDeployments('production')).toEqual([]);
  }, 120_000);

  it('--wait-for-approval waits for the approval and then deploys', async () => {
    const fixture = await fixtureWithoutLatencyLimits();
    const { ci, reviewer } = people(fixture);
    const deploying = ci(['deploy', 'production', '--yes', '--wait-for-approval', '5m']);
    let request = (await fixture.store.listApprovals('production'))[0];
    while (!request) {
      await new Promise((resolve) => setTimeout(resolve, 200));
      request = (await fixture.store.listApprovals('production'))[0];
    }
    expect((await reviewer(['approve', 'production', '--plan', request.planDigest])).code).toBe(0);
    const deployed = await deploying;
    expect(deployed.code, deployed.stderr).toBe(0);
    expect((await fixture.store.listReleases('production')).map((release) => release.number)).toEqual([1]);
  }, 180_000);

  it('on a terminal, typing the environment name after seeing the plan is the approval', async () => {
    const fixture = await fixtureWithoutLatencyLimits();
    vi.stubEnv('AWS_ACCESS_KEY_ID', TEST_CREDENTIALS.accessKeyId);
    vi.stubEnv('AWS_SECRET_ACCESS_KEY', TEST_CREDENTIALS.secretAccessKey);
    try {
      const questions: string[] = [];
      const run = await runCli(['deploy', 'production', '--no-color'], {
        cwd: fixture.project,
        env: fixture.env as Record<string, string>,
        tty: true,
        answers: ['production'],
        questions,
      });
      expect(run.exitCode, run.stderr).toBe(0);
      expect(run.stdout).toContain('Plan for production');
      expect(questions).toEqual(['Type production to deploy it']);
      const [record] = await fixture.store.listDeployments('production');
      expect(record).toMatchObject({
        status: 'succeeded',
        approval: { via: 'terminal', by: `arn:aws:iam::000000000000:user/${TEST_CREDENTIALS.accessKeyId}` },
      });
      expect(await fixture.store.listApprovals('production')).toEqual([]);
    } finally {
      vi.unstubAllEnvs();
    }
  }, 120_000);
});
