import type { ChildProcess } from 'node:child_process';
import { describe, expect, it } from 'vitest';
import { pollUntil } from '../../src/core/poll.js';
import { runBuild } from '../../src/engine/build.js';
import { deployFixture } from '../helpers/deploy-fixture.js';
import { omnixProcess } from '../helpers/omnix-process.js';

// slow: a real deployment process, killed while it waits for the invalidation.
describe('a deployment whose process was killed', () => {
  it('is reported as interrupted with what it changed, and the next deployment takes over and records it', async () => {
    const { project, running, store, processEnv, run } = await deployFixture({}, 'staging');
    await runBuild('frontend', 'npm run build', project, { ...process.env, OMNIX_ENVIRONMENT: 'staging' });
    await fetch(`${running.endpoint}/_omnix/faults`, {
      method: 'PUT',
      body: JSON.stringify({
        rules: [{ service: 'cloudfront', operation: 'GetInvalidation', latencyMs: 60_000 }],
      }),
    });
    const env = processEnv();
    let child: ChildProcess | undefined;
    let ended: string | undefined;
    const killed = omnixProcess(
      ['deploy', 'staging', '--yes', '--skip-build'],
      project,
      env,
      (c) => (child = c),
    );
    void killed.then((result) => (ended = result.stderr || result.stdout));
    const inFlight = await pollUntil(
      'the deployment to reach its invalidation',
      async () => {
        if (ended !== undefined) throw new Error(`the deployment ended early: ${ended}`);
        const [record] = await store.listDeployments('staging', { limit: 1 });
        return record?.changes.some((change) => change.startsWith('invalidation')) ? record : undefined;
      },
      { timeoutMs: 30_000, maxDelayMs: 100 },
    );
    child!.kill('SIGKILL');
    expect((await killed).signal).toBe('SIGKILL');

    const status = JSON.parse((await omnixProcess(['status', 'staging', '--json'], project, env)).stdout);
    expect(status.lastDeployment).toMatchObject({ id: inFlight.id, status: 'interrupted' });
    expect(status.lock).toMatchObject({ stale: true, holder: { deploymentId: inFlight.id } });
    expect(status.interrupted).toHaveLength(1);
    expect(status.interrupted[0].changes).toEqual(inFlight.changes);
    expect(inFlight.changes.some((change) => change.startsWith('uploaded index.html'))).toBe(true);

    await fetch(`${running.endpoint}/_omnix/faults`, { method: 'DELETE' });
    const next = await run();
    expect(next.outcome).toMatchObject({ status: 'succeeded', release: 1 });
    expect(next.events.find((event) => event.kind === 'warn')?.message).toContain(
      `deployment ${inFlight.id} (started ${inFlight.startedAt}`,
    );
    const recorded = await store.getDeployment(inFlight.id);
    expect(recorded).toMatchObject({ status: 'interrupted', errors: [{ code: 'Interrupted' }] });
    expect(recorded?.snapshot).toEqual(inFlight.snapshot);
  });
});
