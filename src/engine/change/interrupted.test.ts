import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { deployment } from '../../state/store.contract.js';
import { findInterrupted } from './interrupted.js';

/** A pid no process has: past the kernel's maximum. */
const DEAD_PID = 2 ** 22 + 1;

describe('interrupted deployments', () => {
  it('finds one left in progress whose lock expired', async () => {
    const store = new FileStateStore(await testdir({}));
    const record = deployment('staging', new Date(), { changes: ['function api: version 2'] });
    await store.putDeployment(record);
    await store.acquireLock(
      'staging',
      { user: 'ada', host: 'elsewhere', pid: 1, deploymentId: record.id },
      0.01,
    );
    await new Promise((resolve) => setTimeout(resolve, 30));
    expect((await findInterrupted(store, 'staging')).map((r) => r.id)).toEqual([record.id]);
  });

  it('finds one whose process is gone from this host even before its lock expires', async () => {
    const store = new FileStateStore(await testdir({}));
    const record = deployment('staging', new Date());
    await store.putDeployment(record);
    await store.acquireLock(
      'staging',
      { user: 'ada', host: hostname(), pid: DEAD_PID, deploymentId: record.id },
      600,
    );
    expect(await findInterrupted(store, 'staging')).toHaveLength(1);
  });

  it('leaves alone one that still runs: its lock is live and its process alive', async () => {
    const store = new FileStateStore(await testdir({}));
    const record = deployment('staging', new Date());
    await store.putDeployment(record);
    await store.acquireLock(
      'staging',
      { user: 'ada', host: hostname(), pid: process.pid, deploymentId: record.id },
      600,
    );
    expect(await findInterrupted(store, 'staging')).toEqual([]);
    // Another host's live lock counts as running too: its pid cannot be checked from here.
    await store.breakLock('staging');
    await store.acquireLock(
      'staging',
      { user: 'ada', host: 'other-host', pid: DEAD_PID, deploymentId: record.id },
      600,
    );
    expect(await findInterrupted(store, 'staging')).toEqual([]);
  });

  it('finds one left in progress with no lock at all, and ignores finished ones', async () => {
    const store = new FileStateStore(await testdir({}));
    const left = deployment('staging', new Date('2026-01-01T00:00:00Z'));
    await store.putDeployment(left);
    await store.putDeployment(
      deployment('staging', new Date('2026-01-02T00:00:00Z'), { status: 'succeeded' }),
    );
    expect((await findInterrupted(store, 'staging')).map((r) => r.id)).toEqual([left.id]);
    expect(await findInterrupted(store, 'staging', { exceptId: left.id })).toEqual([]);
  });
});
