import { readFile, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { runCli } from '../helpers/run-cli.js';

type Fixture = Awaited<ReturnType<typeof deployFixture>>;

/** Quick retries: a broken worker stays broken. A short history is enough to score (issue 18). */
const SETTINGS = {
  OMNIX__HEALTH__RETRIES: '1',
  OMNIX__HEALTH__RETRY_INTERVAL: '50ms',
  OMNIX__AGENT__MIN_HISTORY: '4',
  // Only the worker's failures are planted: a loaded machine must not fail a release on latency.
  OMNIX__HEALTH__LATENCY__SAMPLES: '3',
  OMNIX__HEALTH__LATENCY__P95_MS: '60000',
};

async function edit(fixture: Fixture, file: string, change: (source: string) => string) {
  const path = join(fixture.project, file);
  await writeFile(path, change(await readFile(path, 'utf8')));
}

let counter = 0;
/** A change of the site only: one more paragraph in the page. */
const siteChange = (fixture: Fixture) =>
  edit(fixture, 'web/src/index.html', (html) => html.replace('</h1>', `</h1><p>edit ${++counter}</p>`));
/** A change of the api function that works. */
const apiChange = (fixture: Fixture) =>
  edit(fixture, 'backend/api/index.mjs', (source) => `${source}\n// edit ${++counter}\n`);
const WORKER = 'backend/worker/index.mjs';
/** A change of the worker: broken (its health check fails, so the deployment rolls back) or working. */
const workerChange = (fixture: Fixture, broken: boolean) =>
  edit(
    fixture,
    WORKER,
    (source) =>
      `${source}\n// edit ${++counter}\n${broken ? "if (true) throw new Error('worker broken');\n" : ''}`,
  );

async function cli(fixture: Fixture, args: string[]) {
  return runCli([...args], { cwd: fixture.project, env: fixture.processEnv(SETTINGS) });
}

// slow: about ten real deployments of the example on the sandbox.
describe('the agent learns risk, anomalies and advice from real deployments (issue 18)', () => {
  it('scores a plan touching an often-failing function above a site-only plan, naming the function', async () => {
    const fixture = await deployFixture();
    expect((await cli(fixture, ['deploy', 'development', '--yes'])).exitCode).toBe(0);
    // given: a history where changes to the worker fail often and other changes rarely
    const steps: Array<[() => Promise<void>, number]> = [
      [() => workerChange(fixture, true), 1],
      [() => siteChange(fixture), 0],
      [() => apiChange(fixture), 0],
      [() => workerChange(fixture, true), 1],
      [() => siteChange(fixture), 0],
      [() => workerChange(fixture, false), 0],
      [() => apiChange(fixture), 0],
      [() => workerChange(fixture, true), 1],
      [() => siteChange(fixture), 0],
    ];
    const liveWorker = () => readFile(join(fixture.project, WORKER), 'utf8');
    let live = await liveWorker();
    for (const [change, exitCode] of steps) {
      await change();
      const run = await cli(fixture, ['deploy', 'development', '--yes']);
      expect(run.exitCode, run.stderr).toBe(exitCode);
      // A rolled-back worker is the last working one again: so are its sources, for the next change.
      if (exitCode === 0) live = await liveWorker();
      else await writeFile(join(fixture.project, WORKER), live);
    }

    // when: one plan changes the worker, another only the site
    await workerChange(fixture, true);
    const workerPlan = await cli(fixture, ['plan', 'development', '--json']);
    await writeFile(join(fixture.project, WORKER), live);
    await siteChange(fixture);
    const sitePlan = await cli(fixture, ['plan', 'development', '--json']);

    // then
    const risk = (run: { stdout: string }) => JSON.parse(run.stdout).agent.risk;
    const worker = risk(workerPlan);
    const site = risk(sitePlan);
    expect(worker.basis).toMatchObject({ deployments: 10, failures: 3 });
    expect(worker.score).toBeGreaterThan(site.score);
    expect(worker.factors[0]).toMatchObject({ feature: 'function=worker' });
    expect(worker.factors[0].effect).toBeGreaterThan(0);
    expect(worker.factors[0].text).toMatch(/^changes function worker: 3 of its last \d+ deployments failed$/);
    expect(['low', 'medium', 'high']).toContain(worker.level);

    const text = await cli(fixture, ['plan', 'development']);
    expect(text.stdout).toMatch(/risk: \d\.\d\d (low|medium|high)/);

    const evaluation = await cli(fixture, ['agent', 'evaluate', '--json']);
    expect(evaluation.exitCode).toBe(0);
    expect(JSON.parse(evaluation.stdout)).toMatchObject({
      deployments: 10,
      failures: 3,
      verdict: 'not-enough-history',
    });

    const advice = await cli(fixture, ['agent', 'advise', 'development', '--json']);
    const [environment] = JSON.parse(advice.stdout).environments;
    expect(environment.deployments).toBe(10);
    expect(
      environment.practices.find((practice: { id: string }) => practice.id === 'health-checks'),
    ).toMatchObject({ ok: true });
    const canary = environment.advice.find((item: { id: string }) => item.id === 'canary-for-risk');
    expect(canary.evidence[0]).toBe('3 of the last 10 deployments failed or rolled back');
    const runtime = environment.advice.find((item: { id: string }) => item.id === 'deprecated-runtime');
    if (Date.now() > Date.parse('2026-11-01'))
      expect(runtime.title).toMatch(/nodejs22\.x, deprecated (on|since) 2027-04-30/);
    const human = await cli(fixture, ['agent', 'advise', 'development']);
    expect(human.stdout).toContain('best practices');
    expect(human.stdout).toContain('→ set rollout.strategy: canary');
  }, 600_000);

  it('flags a phase slowed by injected latency after a normal history, and no other phase', async () => {
    const fixture = await deployFixture();
    for (let i = 0; i < 6; i++) {
      await siteChange(fixture);
      const run = await cli(fixture, ['deploy', 'development', '--yes']);
      expect(run.exitCode, run.stderr).toBe(0);
    }
    // when: CloudFront takes 8 s to accept the invalidation, which the apply phase waits for
    await fetch(`${fixture.running.endpoint}/_omnix/faults`, {
      method: 'PUT',
      body: JSON.stringify({
        rules: [{ service: 'cloudfront', operation: 'CreateInvalidation', latencyMs: 8000 }],
      }),
    });
    await siteChange(fixture);
    const slow = await cli(fixture, ['deploy', 'development', '--yes']);
    expect(slow.exitCode, slow.stderr).toBe(0);
    expect(slow.stdout).toMatch(/anomaly +phase apply: \d+ ms, usually \d+ ms/);

    const [record] = await fixture.store.listDeployments('development', { limit: 1 });
    const phases = record!
      .anomalies!.filter((anomaly) => anomaly.kind === 'phase')
      .map((anomaly) => anomaly.name);
    expect(phases).toEqual(['apply']);
    expect(record!.requests!.s3).toBeGreaterThan(0);

    const listed = await cli(fixture, ['agent', 'anomalies', 'development', '--json']);
    expect(JSON.parse(listed.stdout).anomalies).toContainEqual(
      expect.objectContaining({ deploymentId: record!.id, kind: 'phase', name: 'apply' }),
    );
    const shown = await cli(fixture, ['history', 'show', record!.id]);
    expect(shown.stdout).toMatch(/Anomalies \(\d+\):\n {2}phase apply/);
  }, 600_000);
});
