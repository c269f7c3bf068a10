import type { ChildProcess } from 'node:child_process';
import { readdir } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import type { WorkflowRunRecord } from '../../src/state/workflow-runs.js';
import { omnixProcess } from '../helpers/omnix-process.js';
import { twoEnvironments } from '../helpers/two-environments.js';

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

// slow: the example's release workflow on the sandbox, in omnix processes, one of them killed.
describe('omnix workflow', () => {
  it('runs the example release workflow through every step; killed mid-deploy, then waiting for an approval, it resumes and finishes', async () => {
    const setup = await twoEnvironments();
    const runs = join(setup.project, '.omnix/state/_workflow-runs');
    const ci = { ...setup.env, AWS_ACCESS_KEY_ID: 'AKIACIRUNNER', AWS_SECRET_ACCESS_KEY: 'ci-secret' };

    // The validate step checks what is built, as `omnix validate` does: build the site first (plan builds).
    expect((await setup.omnix(['plan', 'staging'])).exitCode).toBe(0);
    // given: a run killed (SIGKILL) while its deploy step is deploying staging
    let child: ChildProcess | undefined;
    const first = omnixProcess(['workflow', 'run', 'release', '--yes'], setup.project, ci, (started) => {
      child = started;
    });
    const staging = join(setup.project, '.omnix/state/staging/deployments');
    for (let i = 0; i < 6000; i++) {
      const names = await readdir(staging).catch(() => []);
      if (names.some((name) => name.endsWith('.json'))) break;
      await sleep(20);
    }
    child!.kill('SIGKILL');
    const killedRun = await first;
    expect(killedRun.signal, killedRun.stderr + killedRun.stdout).toBe('SIGKILL');
    const [id] = (await readdir(runs)).map((name) => name.replace(/\.json$/, ''));
    const killed = await setup.omnix(['workflow', 'show', id!, '--json']);
    const before = JSON.parse(killed.stdout) as WorkflowRunRecord;
    expect(before.status).toBe('running');
    expect(before.steps.map((step) => step.status)).toEqual(['succeeded', 'running']);

    // when: resumed without an approval for production, it finishes staging and waits at the approve step
    const waiting = await omnixProcess(['workflow', 'resume', id!, '--yes'], setup.project, ci);
    expect(waiting.code, waiting.stderr).toBe(5);
    expect(waiting.stderr).toContain('omnix approve production --plan');
    const status = JSON.parse((await setup.omnix(['workflow', 'status', '--json'])).stdout);
    expect(status.run).toMatchObject({
      id,
      status: 'waiting',
      step: { name: 'approve production', status: 'waiting' },
    });

    // and someone else approves the promotion's plan, then it is resumed again
    expect((await setup.reviewer(['approve', 'production'])).code).toBe(0);
    const done = await omnixProcess(['workflow', 'resume', id!, '--yes', '--json'], setup.project, ci);
    expect(done.code, done.stderr).toBe(0);

    // then: every step succeeded, the deploy step twice started, and production runs staging's release
    const run = JSON.parse(
      (await setup.omnix(['workflow', 'show', id!, '--json'])).stdout,
    ) as WorkflowRunRecord;
    expect(run.status).toBe('succeeded');
    expect(run.steps.map((step) => [step.name, step.status])).toEqual([
      ['validate staging', 'succeeded'],
      ['deploy staging', 'succeeded'],
      ['health staging', 'succeeded'],
      ['approve production', 'succeeded'],
      ['promote staging → production', 'succeeded'],
      ['notify', 'succeeded'],
    ]);
    expect(run.steps[1]!.attempts).toBe(2);
    expect(run.resumes).toHaveLength(2);
    for (const step of run.steps) expect(step.durationMs).toBeGreaterThanOrEqual(0);
    expect(run.steps[4]!.result).toMatchObject({ status: 'succeeded', source: { environment: 'staging' } });
    const history = JSON.parse((await setup.omnix(['history', 'production', '--json'])).stdout);
    expect(history.deployments[0]).toMatchObject({
      status: 'succeeded',
      promotedFrom: { environment: 'staging' },
    });
    const list = JSON.parse((await setup.omnix(['workflow', 'list', '--json'])).stdout);
    expect(list.runs.map((r: WorkflowRunRecord) => r.id)).toEqual([id]);
  }, 600_000);

  it('is what `orchestrator workflow <name>` runs, and an unknown workflow or a bad step is refused at load', async () => {
    const setup = await twoEnvironments();
    const unknown = await setup.omnix(['workflow', 'run', 'nope', '--yes']);
    expect(unknown.exitCode).toBe(2);
    expect(unknown.stderr).toContain("there is no workflow 'nope'");
    const { writeFile, readFile } = await import('node:fs/promises');
    const file = join(setup.project, 'config/deployment-config.yaml');
    await writeFile(
      file,
      `${await readFile(file, 'utf8')}  broken:\n    steps:\n      - { step: promote, from: staging, to: nowhere }\n      - { step: wait, duration: forever }\n`,
    );
    const bad = await setup.omnix(['workflow', 'run', 'release', '--yes']);
    expect(bad.exitCode).toBe(2);
    expect(bad.stderr).toMatch(/deployment-config\.yaml:\d+.*environment 'nowhere' has no file/s);
    expect(bad.stderr).toMatch(/'forever' is not a duration/);
  });
});
