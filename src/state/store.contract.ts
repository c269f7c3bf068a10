import { spawn } from 'node:child_process';
import { hostname } from 'node:os';
import { describe, expect, it } from 'vitest';
import type { ApprovalRecord, DeploymentRecord, LockRecord } from '../records/index.js';
import { openStateStore, type StateStoreSpec } from './open.js';
import { newApprovalId, newDeploymentId } from './store.js';
import { newWorkflowRunId, type WorkflowRunRecord } from './workflow-runs.js';

const holder = (user: string): LockRecord['holder'] => ({ user, host: 'test-host', pid: 1234 });

export function deployment(
  environment: string,
  at: Date,
  overrides: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    id: newDeploymentId(at),
    environment,
    status: 'in_progress',
    startedAt: at.toISOString(),
    caller: { user: 'ada', host: 'laptop', pid: 42 },
    configDigest: 'sha256:abc',
    phases: [],
    changes: [],
    errors: [],
    ...overrides,
  };
}

/**
 * The behaviour every StateStore backend must show; each backend's test file calls this with a function
 * that makes a fresh, empty store (its spec is plain data, so child processes can open it too).
 */
export function describeStateStore(
  name: string,
  createSpec: () => Promise<StateStoreSpec>,
  /** Writes memory document `id` as bytes that are not a readable document, the way only this backend can. */
  corruptMemory: (spec: StateStoreSpec, id: string) => Promise<void>,
  /** Overwrites the stored deployment record `id` of `environment` with bytes that are not a record. */
  corruptDeployment: (spec: StateStoreSpec, environment: string, id: string) => Promise<void>,
): void {
  const create = async () => {
    const store = await openStateStore(await createSpec());
    await store.init();
    return store;
  };
  describe(`${name} state store (contract)`, () => {
    it('reads back a deployment, and a replaced record is replaced whole', async () => {
      const store = await create();
      const record = deployment('staging', new Date('2026-01-01T10:00:00Z'));
      await store.putDeployment(record);
      expect(await store.getDeployment(record.id)).toEqual(record);
      const finished = {
        ...record,
        status: 'succeeded' as const,
        release: 1,
        phases: [{ name: 'apply', startedAt: record.startedAt, durationMs: 12, outcome: 'ok' as const }],
      };
      await store.putDeployment(finished);
      expect(await store.getDeployment(record.id)).toEqual(finished);
      expect(await store.getDeployment('d-20990101T000000Z-000000')).toBeUndefined();
    });

    it('never lets a reader see a record half written', async () => {
      const store = await create();
      const base = deployment('staging', new Date('2026-01-01T10:00:00Z'));
      const versions = Array.from({ length: 15 }, (_, i) => ({
        ...base,
        changes: Array.from({ length: 200 * (i + 1) }, (_, j) => `uploaded assets/file-${j}.js`),
      }));
      await store.putDeployment(versions[0]!);
      const seen: number[] = [];
      let writing = true;
      const reader = (async () => {
        while (writing) {
          const read = await store.getDeployment(base.id, 'staging');
          seen.push(read?.changes.length ?? -1);
        }
      })();
      for (const version of versions) await store.putDeployment(version);
      writing = false;
      await reader;
      const lengths = new Set(versions.map((version) => version.changes.length));
      expect(seen.length).toBeGreaterThan(0);
      for (const length of seen) expect(lengths.has(length)).toBe(true);
    });

    it('reads a deployment in progress with the changes appended to its journal since it was written', async () => {
      const store = await create();
      const record = deployment('staging', new Date('2026-01-01T10:00:00Z'), {
        changes: ['function api: code updated'],
      });
      await store.putDeployment(record);
      await store.appendJournal('staging', record.id, {
        from: 0,
        changes: ['function api: code updated', 'uploaded a.js'],
      });
      await store.appendJournal('staging', record.id, { from: 2, changes: ['uploaded b.js'] });
      const expected = ['function api: code updated', 'uploaded a.js', 'uploaded b.js'];
      expect((await store.getDeployment(record.id, 'staging'))?.changes).toEqual(expected);
      expect((await store.getDeployment(record.id))?.changes).toEqual(expected);
      expect((await store.listDeployments('staging'))[0]?.changes).toEqual(expected);
      // A finished record holds every change itself: its journal is not read, and can go.
      await store.putDeployment({ ...record, status: 'failed', changes: expected.slice(0, 1) });
      expect((await store.getDeployment(record.id, 'staging'))?.changes).toEqual(expected.slice(0, 1));
      await store.deleteJournal('staging', record.id);
      expect(await store.readJournal('staging', record.id)).toEqual([]);
      await store.deleteJournal('staging', record.id);
    });

    it('reads a journal in order whatever order its appends were stored in, a retried append once', async () => {
      const store = await create();
      const { id } = deployment('staging', new Date('2026-01-01T10:00:00Z'));
      expect(await store.readJournal('staging', id)).toEqual([]);
      const many = Array.from({ length: 2500 }, (_, i) => `uploaded assets/file-${i}.js (version v${i})`);
      await store.appendJournal('staging', id, { from: 2, changes: many.slice(2, 2502) });
      await store.appendJournal('staging', id, { from: 0, changes: many.slice(0, 2) });
      await store.appendJournal('staging', id, { from: 0, changes: many.slice(0, 2) });
      expect(await store.readJournal('staging', id)).toEqual(many);
      expect(await store.readJournal('production', id)).toEqual([]);
    });

    it('lists an environment’s deployments newest first, with a limit', async () => {
      const store = await create();
      const times = ['2026-01-01T10:00:00Z', '2026-01-03T10:00:00Z', '2026-01-02T10:00:00Z'].map(
        (t) => new Date(t),
      );
      const records = times.map((at) => deployment('staging', at));
      for (const record of records) await store.putDeployment(record);
      const elsewhere = deployment('production', new Date('2026-01-04T10:00:00Z'));
      await store.putDeployment(elsewhere);
      expect((await store.getDeployment(elsewhere.id))?.environment).toBe('production');
      expect(await store.getDeployment(elsewhere.id, 'production')).toEqual(elsewhere);
      expect(await store.getDeployment(elsewhere.id, 'staging')).toBeUndefined();
      expect((await store.listDeployments('staging')).map((r) => r.startedAt)).toEqual(
        [times[1], times[2], times[0]].map((t) => t!.toISOString()),
      );
      expect(await store.listDeployments('staging', { limit: 1 })).toHaveLength(1);
      expect(await store.listDeployments('development')).toEqual([]);
    });

    it('keeps workflow runs apart from environments: read back, replaced whole, listed newest first', async () => {
      const store = await create();
      const run = (at: string): WorkflowRunRecord => ({
        id: newWorkflowRunId(new Date(at)),
        workflow: 'release',
        status: 'running',
        startedAt: at,
        caller: { user: 'ada', host: 'laptop', pid: 42 },
        definitionDigest: 'sha256:abc',
        steps: [],
      });
      const runs = ['2026-01-01T10:00:00.000Z', '2026-01-03T10:00:00.000Z', '2026-01-02T10:00:00.000Z'].map(
        run,
      );
      for (const record of runs) await store.putWorkflowRun(record);
      const finished: WorkflowRunRecord = {
        ...runs[0]!,
        status: 'succeeded',
        steps: [
          {
            index: 0,
            name: 'wait 1s',
            status: 'succeeded',
            startedAt: runs[0]!.startedAt,
            durationMs: 1000,
            attempts: 1,
          },
        ],
      };
      await store.putWorkflowRun(finished);
      expect(await store.getWorkflowRun(finished.id)).toEqual(finished);
      expect(await store.getWorkflowRun('w-20990101T000000Z-000000')).toBeUndefined();
      expect((await store.listWorkflowRuns()).map((r) => r.startedAt)).toEqual([
        runs[1]!.startedAt,
        runs[2]!.startedAt,
        runs[0]!.startedAt,
      ]);
      expect(await store.listWorkflowRuns({ limit: 1 })).toEqual([runs[1]]);
      // Runs are not an environment: looking a deployment up by id alone still works beside them.
      const record = deployment('staging', new Date('2026-01-05T10:00:00Z'));
      await store.putDeployment(record);
      expect(await store.getDeployment(record.id)).toEqual(record);
    });

    it('keeps approval records per environment, newest first, apart from deployments', async () => {
      const store = await create();
      const approval = (environment: string, at: string, kind: ApprovalRecord['kind']): ApprovalRecord => ({
        id: newApprovalId(new Date(at)),
        environment,
        kind,
        planDigest: 'p1a2b3c4d5e6f7a8',
        by: 'arn:aws:iam::000000000000:user/ada',
        at,
      });
      const requested = approval('production', '2026-01-01T10:00:00.000Z', 'requested');
      const approved = { ...approval('production', '2026-01-01T11:00:00.000Z', 'approved'), comment: 'ok' };
      const rejected = approval('production', '2026-01-01T09:00:00.000Z', 'rejected');
      for (const record of [requested, approved, rejected]) await store.putApproval(record);
      await store.putApproval(approval('staging', '2026-01-02T10:00:00.000Z', 'requested'));
      expect(await store.listApprovals('production')).toEqual([approved, requested, rejected]);
      expect(await store.listApprovals('production', { limit: 1 })).toEqual([approved]);
      expect(await store.listApprovals('development')).toEqual([]);
      expect(await store.listDeployments('production')).toEqual([]);
      await expect(store.putApproval({ ...approved, id: '../x' })).rejects.toMatchObject({
        code: 'InvalidApprovalId',
      });
    });

    it('numbers releases once: a number already taken is refused', async () => {
      const store = await create();
      const release = {
        environment: 'staging',
        number: 1,
        deploymentId: 'd-1',
        createdAt: new Date().toISOString(),
        manifest: {},
      };
      await store.putRelease(release);
      await expect(store.putRelease({ ...release, deploymentId: 'd-2' })).rejects.toMatchObject({
        code: 'ReleaseExists',
      });
      await store.putRelease({ ...release, number: 2 });
      expect((await store.listReleases('staging')).map((r) => r.number)).toEqual([2, 1]);
      expect((await store.getRelease('staging', 1))?.deploymentId).toBe('d-1');
    });

    it('gives the lock to one holder and names that holder to the others', async () => {
      const store = await create();
      const first = await store.acquireLock('staging', holder('ada'), 60);
      expect(first.acquired).toBe(true);
      const second = await store.acquireLock('staging', holder('bob'), 60);
      expect(second).toMatchObject({
        acquired: false,
        holder: { holder: { user: 'ada', host: 'test-host' } },
      });
      expect((await store.acquireLock('production', holder('bob'), 60)).acquired).toBe(true);
    });

    it('lets go of a lock, after which another may take it; a stale handle cannot release a newer lock', async () => {
      const store = await create();
      const first = await store.acquireLock('staging', holder('ada'), 60);
      if (!first.acquired) throw new Error('expected the lock');
      await store.releaseLock(first.lock);
      const second = await store.acquireLock('staging', holder('bob'), 60);
      expect(second.acquired).toBe(true);
      await store.releaseLock(first.lock);
      expect((await store.readLock('staging'))?.holder.user).toBe('bob');
    });

    it('takes over an expired lock; the old holder can no longer renew it', async () => {
      const store = await create();
      const old = await store.acquireLock('staging', holder('ada'), 0.05);
      if (!old.acquired) throw new Error('expected the lock');
      await new Promise((resolve) => setTimeout(resolve, 80));
      const taken = await store.acquireLock('staging', holder('bob'), 60);
      expect(taken.acquired).toBe(true);
      await expect(store.renewLock(old.lock, 60)).rejects.toMatchObject({ code: 'LockLost' });
    });

    it('takes over at once a lock whose holder ran on this host and whose process is gone', async () => {
      const store = await create();
      const gone = { user: 'ada', host: hostname(), pid: 2 ** 22 + 1 };
      expect((await store.acquireLock('staging', gone, 600)).acquired).toBe(true);
      const taken = await store.acquireLock('staging', holder('bob'), 60);
      expect(taken.acquired).toBe(true);
      expect((await store.readLock('staging'))?.holder.user).toBe('bob');
    });

    it('renews a held lock', async () => {
      const store = await create();
      const held = await store.acquireLock('staging', holder('ada'), 1);
      if (!held.acquired) throw new Error('expected the lock');
      const renewed = await store.renewLock(held.lock, 600);
      expect(Date.parse(renewed.expiresAt)).toBeGreaterThan(Date.parse(held.lock.expiresAt));
      expect((await store.acquireLock('staging', holder('bob'), 60)).acquired).toBe(false);
    });

    it('lets exactly one of many concurrent takers win', async () => {
      const store = await create();
      const attempts = await Promise.all(
        Array.from({ length: 10 }, (_, i) => store.acquireLock('staging', holder(`user-${i}`), 60)),
      );
      expect(attempts.filter((a) => a.acquired)).toHaveLength(1);
      const winner = attempts.find((a) => a.acquired) as { lock: LockRecord };
      for (const lost of attempts.filter((a) => !a.acquired))
        expect(lost).toMatchObject({ holder: { token: winner.lock.token } });
    });

    it('breaks a lock on request and says whose it was', async () => {
      const store = await create();
      await store.acquireLock('staging', holder('ada'), 60);
      expect((await store.breakLock('staging'))?.holder.user).toBe('ada');
      expect(await store.readLock('staging')).toBeUndefined();
      expect((await store.acquireLock('staging', holder('bob'), 60)).acquired).toBe(true);
    });

    it('keeps the agent memory beside the environments: replaced whole, listed in id order, deleted', async () => {
      const store = await create();
      const record = deployment('staging', new Date('2026-01-01T10:00:00Z'));
      await store.putDeployment(record);
      const older = { id: 'd-20260101T100000000Z-aaaaaa', schemaVersion: 1, environment: 'staging', n: 1 };
      const newer = { id: 'd-20260102T100000000Z-bbbbbb', schemaVersion: 1, environment: 'production' };
      await store.putMemory(newer);
      await store.putMemory(older);
      await store.putMemory({ ...older, n: 2 });
      expect(await store.listMemory()).toEqual([
        { id: older.id, ok: true, document: { ...older, n: 2 } },
        { id: newer.id, ok: true, document: newer },
      ]);
      // Memory is no environment: lookups across environments still work.
      expect(await store.getDeployment(record.id)).toEqual(record);
      await store.deleteMemory(older.id);
      await store.deleteMemory('learned-nothing-there');
      expect((await store.listMemory()).map((read) => read.id)).toEqual([newer.id]);
      await expect(store.putMemory({ id: '../escape', schemaVersion: 1 })).rejects.toMatchObject({
        code: 'InvalidMemoryId',
      });
    });

    it('lists an unreadable memory document with the reason instead of failing the listing', async () => {
      const spec = await createSpec();
      const store = await openStateStore(spec);
      await store.init();
      await store.putMemory({ id: 'good', schemaVersion: 1 });
      await corruptMemory(spec, 'broken');
      const reads = await store.listMemory();
      expect(reads.find((read) => read.id === 'good')).toEqual({
        id: 'good',
        ok: true,
        document: { id: 'good', schemaVersion: 1 },
      });
      expect(reads.find((read) => read.id === 'broken')).toMatchObject({
        ok: false,
        reason: expect.any(String),
      });
    });

    it('leaves out a deployment record that is not JSON when asked to, naming it; fails the listing otherwise', async () => {
      const spec = await createSpec();
      const store = await openStateStore(spec);
      await store.init();
      const [older, broken, newer] = [
        '2026-01-01T10:00:00Z',
        '2026-01-02T10:00:00Z',
        '2026-01-03T10:00:00Z',
      ].map((at) => deployment('staging', new Date(at), { status: 'succeeded' }));
      for (const record of [older!, broken!, newer!]) await store.putDeployment(record);
      await corruptDeployment(spec, 'staging', broken!.id);
      const unreadable: string[] = [];
      const listed = await store.listDeployments('staging', {
        limit: Number.POSITIVE_INFINITY,
        onUnreadable: (id, reason) => unreadable.push(`${id}: ${reason ? 'why' : ''}`),
      });
      expect(listed.map((record) => record.id)).toEqual([newer!.id, older!.id]);
      expect(unreadable).toEqual([`${broken!.id}: why`]);
      await expect(store.listDeployments('staging')).rejects.toThrow();
    });

    it('keeps ten processes out of each other’s way: one holder at a time, losers told who holds it', async () => {
      const spec = await createSpec();
      await (await openStateStore(spec)).init();
      const runs = await lockInChildProcesses(spec, 10);
      const firstWinners = runs.filter((run) => run.first === 'won');
      expect(firstWinners).toHaveLength(1);
      for (const run of runs.filter((r) => r.first !== 'won')) expect(run.first).toBe(firstWinners[0]!.user);
      // Every process held it once, and no two holds overlapped.
      const holds = runs.map((run) => run.held).sort((a, b) => a[0] - b[0]);
      expect(holds).toHaveLength(10);
      for (let i = 1; i < holds.length; i++) expect(holds[i]![0]).toBeGreaterThanOrEqual(holds[i - 1]![1]);
    });
  });
}

interface ChildRun {
  user: string;
  /** `won`, or the user the first attempt was told holds the lock. */
  first: string;
  /** When this process held the lock: [from, to] in epoch milliseconds. */
  held: [number, number];
}

/**
 * `count` Node processes open the store and wait until all are ready; then each tries the lock once
 * (reporting the holder it was told), keeps trying until it holds it, holds it (the first winner until
 * every process has made its first attempt, so each of them meets it, however slow the machine; the
 * others 25 ms), and lets go.
 */
async function lockInChildProcesses(spec: StateStoreSpec, count: number): Promise<ChildRun[]> {
  const moduleUrl = new URL('../../dist/state/open.js', import.meta.url).href;
  const script = `
    const { openStateStore } = await import(${JSON.stringify(moduleUrl)});
    const store = await openStateStore(${JSON.stringify(spec)});
    const user = 'p' + process.pid;
    const holder = { user, host: 'h', pid: process.pid };
    const sleep = (ms) => new Promise((r) => setTimeout(r, ms));
    process.stdout.write('ready\\n');
    await new Promise((go) => process.stdin.once('data', go));
    let attempt = await store.acquireLock('staging', holder, 60);
    const first = attempt.acquired ? 'won' : attempt.holder.holder.user;
    const everyoneTried = new Promise((go) => process.stdin.once('data', go));
    process.stdout.write('tried\\n');
    const deadline = Date.now() + 120000;
    while (!attempt.acquired && Date.now() < deadline) {
      await sleep(10 + Math.random() * 20);
      attempt = await store.acquireLock('staging', holder, 60);
    }
    if (!attempt.acquired) throw new Error('never got the lock');
    const from = Date.now();
    await (first === 'won' ? everyoneTried : sleep(25));
    const to = Date.now();
    await store.releaseLock(attempt.lock);
    process.stdout.write(JSON.stringify({ user, first, held: [from, to] }));
    process.stdin.destroy();
  `;
  let ready = 0;
  let tried = 0;
  let go: () => void = () => {};
  const allReady = new Promise<void>((resolve) => (go = resolve));
  let done: () => void = () => {};
  const allTried = new Promise<void>((resolve) => (done = resolve));
  const runs = Array.from(
    { length: count },
    () =>
      new Promise<ChildRun>((resolve, reject) => {
        const child = spawn(process.execPath, ['--input-type=module', '-e', script]);
        let out = '';
        let err = '';
        let seen = 0;
        child.stdout.on('data', (chunk) => {
          out += chunk;
          if (seen === 0 && out.startsWith('ready\n')) {
            seen = 1;
            if (++ready === count) go();
          }
          if (seen === 1 && out.startsWith('ready\ntried\n')) {
            seen = 2;
            if (++tried === count) done();
          }
        });
        allReady.then(() => child.stdin.write('go\n'));
        allTried.then(() => child.stdin.write('done\n'));
        child.stderr.on('data', (chunk) => (err += chunk));
        child.on('error', reject);
        child.on('close', (code) =>
          code === 0
            ? resolve(JSON.parse(out.slice('ready\ntried\n'.length)) as ChildRun)
            : reject(new Error(`child failed (${code}): ${err}`)),
        );
      }),
  );
  return Promise.all(runs);
}
