import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

/** Health is not under test here: few samples and no latency limit keep a loaded machine from failing it. */
const CALM = { OMNIX__HEALTH__LATENCY__SAMPLES: '2', OMNIX__HEALTH__LATENCY__P95_MS: '60000' };

// slow: deployments in child processes against the sandbox, one held in verify and killed there.
// issue 14, defect 6: "nothing to change" was said before the lock and the interruption check.
describe('a deployment with nothing to change', { timeout: 240_000 }, () => {
  it('exits 4 while another deployment holds the lock, and 3 after that one was killed in verify', async () => {
    // given v1, and the API's code changed (the site is left as built)
    const fixture = await deployFixture();
    const { outcome } = await fixture.run({ env: { ...fixture.env, ...CALM } });
    expect(outcome.status).toBe('succeeded');
    const handler = join(fixture.project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '2.0.0'"),
    );
    const env = fixture.processEnv(CALM);
    const deploy = () =>
      omnixProcess(['deploy', 'development', '--yes', '--skip-build'], fixture.project, env);
    const invocations = async () =>
      ((await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>)[
        'lambda:Invoke'
      ] ?? 0;

    // when a first deployment of it is held in verify (its lambda health check)
    const seen = await invocations();
    fixture.running.faults.configure({
      rules: [{ service: 'lambda', operation: 'Invoke', latencyMs: 120_000 }],
    });
    let child: ChildProcess | undefined;
    const first = omnixProcess(
      ['deploy', 'development', '--yes', '--skip-build', '--skip-validation'],
      fixture.project,
      env,
      (started) => (child = started),
    );
    let ended: string | undefined;
    void first.then((run) => (ended = run.stderr || run.stdout));
    await pollUntil(
      'the first deployment to reach its verification',
      async () => {
        if (ended !== undefined) throw new Error(`the first deployment ended: ${ended}`);
        return (await invocations()) > seen ? true : undefined;
      },
      { timeoutMs: 120_000, maxDelayMs: 50 },
    );
    const [running] = await fixture.store.listDeployments('development', { limit: 1 });

    // then a second one, whose code is what the first made live, is refused for the lock
    const second = await deploy();
    expect(second.code, second.stdout + second.stderr).toBe(4);
    expect(second.stderr).toContain(`development is locked by`);
    expect(second.stderr).toContain(`deployment ${running!.id}`);

    // and once the first was killed, its interruption is reported, not "up to date"
    child!.kill('SIGKILL');
    await first;
    fixture.running.faults.configure({ rules: [] });
    const third = await deploy();
    expect(third.code, third.stdout + third.stderr).toBe(3);
    expect(third.stderr).toContain(`deployment ${running!.id} of development was interrupted`);
    expect(third.stderr).toContain('omnix recover development');
    // Neither refusal recorded a deployment.
    expect((await fixture.store.listDeployments('development')).map((record) => record.id)).toEqual([
      running!.id,
      expect.any(String),
    ]);

    // and after the recovery, a deployment of the same code deploys it again
    const recovered = await omnixProcess(['recover', 'development', '--yes'], fixture.project, env);
    expect(recovered.code, recovered.stderr).toBe(0);
    const redeployed = await deploy();
    expect(redeployed.code, redeployed.stderr).toBe(0);
    expect(await (await fetch(`${fixture.apiUrl}/health`)).json()).toMatchObject({ version: '2.0.0' });
  });
});
