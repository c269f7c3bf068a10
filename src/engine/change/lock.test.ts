import { describe, expect, it, vi } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import type { DeployEvent } from '../../core/events.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { describeHolder, keepAlive, takeLock } from './lock.js';

const ada = {
  user: 'ada',
  host: 'laptop',
  pid: 42,
  deploymentId: 'd-1',
  ci: { runUrl: 'https://ci/runs/7' },
};
const bob = { user: 'bob', host: 'runner', pid: 7 };

describe('deployment locks', () => {
  it('fails at once with exit code 4, naming the holder, its CI run and deployment', async () => {
    const store = new FileStateStore(await testdir({}));
    await takeLock(store, 'staging', ada, { ttlSeconds: 60, report: () => {} });
    const failure = takeLock(store, 'staging', bob, { ttlSeconds: 60, report: () => {} });
    await expect(failure).rejects.toMatchObject({ code: 'Locked', exitCode: 4 });
    await expect(failure).rejects.toThrow(
      /locked by ada on laptop \(pid 42, deployment d-1, https:\/\/ci\/runs\/7\)/,
    );
  });

  it('waits its turn when asked to, saying whom it waits for', async () => {
    const store = new FileStateStore(await testdir({}));
    const first = await takeLock(store, 'staging', ada, { ttlSeconds: 60, report: () => {} });
    const events: DeployEvent[] = [];
    setTimeout(() => void store.releaseLock(first), 150);
    const second = await takeLock(store, 'staging', bob, {
      ttlSeconds: 60,
      waitMs: 60_000,
      pollMs: 40,
      report: (event) => events.push(event),
    });
    expect(second.holder.user).toBe('bob');
    expect(events.map((event) => event.message)).toEqual([
      `waiting for the lock held by ${describeHolder(first)}`,
    ]);
  });

  it('gives up waiting after the time it was given', async () => {
    const store = new FileStateStore(await testdir({}));
    await takeLock(store, 'staging', ada, { ttlSeconds: 60, report: () => {} });
    const started = Date.now();
    await expect(
      takeLock(store, 'staging', bob, { ttlSeconds: 60, waitMs: 200, pollMs: 40, report: () => {} }),
    ).rejects.toMatchObject({ code: 'Locked' });
    expect(Date.now() - started).toBeGreaterThanOrEqual(200);
  });

  it('keeps a held lock alive by renewing it before it expires, and lets go of it', async () => {
    const store = new FileStateStore(await testdir({}));
    const taken = await takeLock(store, 'staging', ada, { ttlSeconds: 60, report: () => {} });
    const lease = keepAlive(store, taken, 60, () => {}, 50);
    // Two renewals seen, whatever the machine's speed: each moves the expiry on and changes the token.
    await vi.waitFor(async () => expect((await store.readLock('staging'))?.token).not.toBe(taken.token), {
      timeout: 60_000,
      interval: 20,
    });
    const renewed = lease.current();
    await vi.waitFor(() => expect(lease.current().token).not.toBe(renewed.token), {
      timeout: 60_000,
      interval: 20,
    });
    expect(Date.parse(lease.current().expiresAt)).toBeGreaterThan(Date.parse(taken.expiresAt));
    expect((await store.acquireLock('staging', bob, 60)).acquired).toBe(false);
    expect(lease.lost()).toBeUndefined();
    await lease.release();
    expect(await store.readLock('staging')).toBeUndefined();
  });

  it('notices when its lock was taken over, and then leaves the new holder’s lock alone', async () => {
    const store = new FileStateStore(await testdir({}));
    const taken = await takeLock(store, 'staging', ada, { ttlSeconds: 60, report: () => {} });
    const events: DeployEvent[] = [];
    const lease = keepAlive(store, taken, 60, (event) => events.push(event), 30);
    await store.breakLock('staging');
    await takeLock(store, 'staging', bob, { ttlSeconds: 60, report: () => {} });
    await vi.waitFor(() => expect(lease.lost()).toMatchObject({ code: 'LockLost' }), {
      timeout: 60_000,
      interval: 20,
    });
    expect(events.some((event) => event.kind === 'warn')).toBe(true);
    await lease.release();
    expect((await store.readLock('staging'))?.holder.user).toBe('bob');
  });
});
