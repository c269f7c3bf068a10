import { describe, expect, it } from 'vitest';
import { sandbox } from '../../../test/helpers/sandbox.js';
import { testdir } from '../../../test/helpers/testdir.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { openStateStore } from '../../state/open.js';
import { deployment } from '../../state/store.contract.js';
import { newApprovalId } from '../../state/store.js';
import { newWorkflowRunId } from '../../state/workflow-runs.js';
import { migrateEnvironment, migrateWorkflowRuns } from './migrate-state.js';

async function filledFileStore() {
  const store = new FileStateStore(await testdir({}));
  for (let day = 1; day <= 3; day++) {
    const record = deployment('staging', new Date(`2026-02-0${day}T10:00:00Z`), {
      status: 'succeeded',
      release: day,
    });
    await store.putDeployment(record);
    await store.putRelease({
      environment: 'staging',
      number: day,
      deploymentId: record.id,
      createdAt: record.startedAt,
      manifest: { backend: { functions: [{ name: 'api', version: String(day), codeSha256: `sha-${day}` }] } },
    });
    await store.putMemory({ id: record.id, schemaVersion: 1, environment: 'staging', outcome: 'succeeded' });
  }
  await store.putMemory({ id: 'learned-production', schemaVersion: 1, environment: 'production' });
  for (const kind of ['requested', 'approved'] as const)
    await store.putApproval({
      id: newApprovalId(),
      environment: 'staging',
      kind,
      planDigest: '0123456789abcdef',
      by: `arn:aws:iam::000000000000:user/${kind === 'requested' ? 'ci' : 'reviewer'}`,
      at: '2026-02-04T10:00:00.000Z',
    });
  return store;
}

describe('state migration', () => {
  it('copies every deployment, release and approval record from a folder to S3, verifies them, and is safe to rerun', async () => {
    const running = await sandbox();
    const source = await filledFileStore();
    const target = await openStateStore({
      state: { backend: 's3', bucket: 'team-state', prefix: 'omnix/', lockTtlSeconds: 900 },
      projectRoot: '/nonexistent',
      aws: running.client,
    });
    await target.init();
    const first = await migrateEnvironment(source, target, 'staging', () => {});
    expect(first).toEqual({
      environment: 'staging',
      deployments: { total: 3, copied: 3, alreadyThere: 0 },
      releases: { total: 3, copied: 3, alreadyThere: 0 },
      memory: { total: 3, copied: 3, alreadyThere: 0, unreadable: 0 },
      approvals: { total: 2, copied: 2, alreadyThere: 0 },
      verified: true,
    });
    // Only the environment's own memory moves with it.
    expect((await target.listMemory()).map((read) => read.id)).toEqual(
      (await source.listMemory()).map((read) => read.id).filter((id) => id !== 'learned-production'),
    );
    expect(await target.listDeployments('staging')).toEqual(await source.listDeployments('staging'));
    expect(await target.listApprovals('staging')).toEqual(await source.listApprovals('staging'));
    expect(await target.listReleases('staging')).toEqual(await source.listReleases('staging'));
    const again = await migrateEnvironment(source, target, 'staging', () => {});
    expect(again.deployments).toEqual({ total: 3, copied: 0, alreadyThere: 3 });
    expect(again.releases).toEqual({ total: 3, copied: 0, alreadyThere: 3 });
    expect(again.memory).toMatchObject({ total: 3, copied: 0, alreadyThere: 3 });
    expect(again.approvals).toEqual({ total: 2, copied: 0, alreadyThere: 2 });
  });

  it('moves the journal of a deployment left in progress with its record', async () => {
    const source = await filledFileStore();
    const left = deployment('staging', new Date('2026-02-04T10:00:00Z'), { changes: ['uploaded a.js'] });
    await source.putDeployment(left);
    await source.appendJournal('staging', left.id, { from: 0, changes: ['uploaded a.js', 'uploaded b.js'] });
    const target = new FileStateStore(await testdir({}));
    const result = await migrateEnvironment(source, target, 'staging', () => {});
    expect(result.verified).toBe(true);
    expect(await target.readJournal('staging', left.id)).toEqual(['uploaded a.js', 'uploaded b.js']);
    expect((await target.getDeployment(left.id, 'staging'))?.changes).toEqual([
      'uploaded a.js',
      'uploaded b.js',
    ]);
  });

  it('copies workflow runs, which belong to no environment, once, and verifies them', async () => {
    const running = await sandbox();
    const source = await filledFileStore();
    const run = {
      id: newWorkflowRunId(new Date('2026-02-04T10:00:00Z')),
      workflow: 'release',
      status: 'succeeded' as const,
      startedAt: '2026-02-04T10:00:00.000Z',
      caller: { user: 'ada', host: 'laptop', pid: 42 },
      definitionDigest: 'sha256:abc',
      steps: [],
    };
    await source.putWorkflowRun(run);
    const target = await openStateStore({
      state: { backend: 's3', bucket: 'team-state', prefix: 'runs/', lockTtlSeconds: 900 },
      projectRoot: '/nonexistent',
      aws: running.client,
    });
    await target.init();
    expect(await migrateWorkflowRuns(source, target)).toEqual({
      total: 1,
      copied: 1,
      alreadyThere: 0,
      verified: true,
    });
    expect(await target.listWorkflowRuns()).toEqual([run]);
    expect((await migrateWorkflowRuns(source, target)).copied).toBe(0);
  });

  it('refuses to overwrite a release the target holds with other content, and to move a locked environment', async () => {
    const source = await filledFileStore();
    const target = new FileStateStore(await testdir({}));
    await target.putRelease({
      environment: 'staging',
      number: 2,
      deploymentId: 'd-x',
      createdAt: '',
      manifest: {},
    });
    await expect(migrateEnvironment(source, target, 'staging', () => {})).rejects.toMatchObject({
      code: 'MigrationConflict',
    });
    await source.acquireLock('staging', { user: 'ada', host: 'h', pid: 1 }, 60);
    await expect(
      migrateEnvironment(source, new FileStateStore(await testdir({})), 'staging', () => {}),
    ).rejects.toMatchObject({
      code: 'MigrationWhileLocked',
    });
  });
});
