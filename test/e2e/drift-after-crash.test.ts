import type { ChildProcess } from 'node:child_process';
import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

// slow: a deployment in a child process killed with SIGKILL after it moved the function alias.
// Trial defect: drift called the killed deployment's own changes "made outside omnix" and promised the
// next deployment would put them back, though that deployment refuses to start (exit 3).
describe('drift and history after a deployment was killed', { timeout: 240_000 }, () => {
  it("names the interrupted deployment as the differences' likely source and points to recover", async () => {
    // given v1, and a deployment of new API code killed once it is creating the API deployment
    const fixture = await deployFixture();
    expect((await fixture.run()).outcome.status).toBe('succeeded');
    const handler = join(fixture.project, 'backend/api/index.mjs');
    await writeFile(
      handler,
      (await readFile(handler, 'utf8')).replace("const VERSION = '1.0.0'", "const VERSION = '2.0.0'"),
    );
    const stats = async () =>
      ((await (await fetch(`${fixture.running.endpoint}/_omnix/stats`)).json()) as Record<string, number>)[
        'apigateway:CreateDeployment'
      ] ?? 0;
    const seen = await stats();
    fixture.running.faults.configure({
      rules: [{ service: 'apigateway', operation: 'CreateDeployment', latencyMs: 60_000 }],
    });
    const env = fixture.processEnv();
    let child: ChildProcess | undefined;
    const killed = omnixProcess(
      ['deploy', 'development', '--yes', '--skip-build', '--skip-validation', '--redeploy-api'],
      fixture.project,
      env,
      (started) => (child = started),
    );
    let ended: string | undefined;
    void killed.then((run) => (ended = run.stderr || run.stdout));
    await pollUntil(
      'the deployment to create the API deployment',
      async () => {
        if (ended !== undefined) throw new Error(`the deployment ended first: ${ended}`);
        return (await stats()) > seen ? true : undefined;
      },
      { timeoutMs: 120_000, maxDelayMs: 50 },
    );
    child!.kill('SIGKILL');
    await killed;
    fixture.running.faults.configure({ rules: [] });
    const [record] = await fixture.store.listDeployments('development', { limit: 1 });

    // when drift is asked
    const drift = await omnixProcess(['drift', 'development'], fixture.project, env);
    const said = drift.stdout + drift.stderr;

    // then the alias it moved is a difference of that deployment's, with a way out that works
    expect(drift.code, said).toBe(1);
    expect(said).toContain('alias target');
    expect(said).toContain(`Deployment ${record!.id} was interrupted`);
    expect(said).toContain("'omnix recover development'");
    expect(said).toContain("'omnix recover development --resume'");
    expect(said).not.toContain('made outside omnix since');
    expect(said).not.toContain('The next deployment puts back');
    const json = JSON.parse(
      (await omnixProcess(['drift', 'development', '--json'], fixture.project, env)).stdout,
    );
    expect(json.interrupted).toMatchObject({ deploymentId: record!.id });

    // and after `omnix recover`, nothing differs and nothing is attributed
    const recovered = await omnixProcess(['recover', 'development', '--yes'], fixture.project, env);
    expect(recovered.code, recovered.stderr).toBe(0);
    const after = await omnixProcess(['drift', 'development'], fixture.project, env);
    expect(after.code, after.stdout + after.stderr).toBe(0);
    expect(after.stdout).toContain('no drift');
    expect(after.stdout).not.toContain('interrupted');

    // and the history says which deployment recovered which, in the table and in `history show`
    const [recovery] = await fixture.store.listDeployments('development', { limit: 1 });
    const history = await omnixProcess(['history', 'development'], fixture.project, env);
    expect(history.stdout).toContain(`succeeded (recovery of ${record!.id})`);
    expect(history.stdout).toContain(`interrupted (restored by ${recovery!.id})`);
    const shown = await omnixProcess(['history', 'show', recovery!.id], fixture.project, env);
    expect(shown.stdout).toContain(`recovery of interrupted deployment(s) ${record!.id}`);
    const shownKilled = await omnixProcess(['history', 'show', record!.id], fixture.project, env);
    expect(shownKilled.stdout).toContain(`recovered by deployment ${recovery!.id}`);
  });
});
