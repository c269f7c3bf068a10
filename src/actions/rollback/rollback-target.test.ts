import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import type { DeploymentRecord } from '../../records/index.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { deployment } from '../../state/store.contract.js';
import { chooseTarget } from './rollback-target.js';

type Made = Partial<DeploymentRecord> & { rollbackTo?: number; from?: number };

/** Releases 1…n of `staging`, each made by a deployment as described (a plain deploy by default). */
async function history(made: Made[]) {
  const store = new FileStateStore(await testdir({}));
  const start = Date.parse('2026-11-01T00:00:00Z');
  for (const [index, { rollbackTo, from, ...rest }] of made.entries()) {
    const record = deployment('staging', new Date(start + index * 60_000), {
      status: 'succeeded',
      release: index + 1,
      ...(rollbackTo !== undefined
        ? { rollbackTo, plan: { environment: 'staging', from: from!, to: rollbackTo, changes: [] } }
        : {}),
      ...rest,
    });
    await store.putDeployment(record);
    await store.putRelease({
      environment: 'staging',
      number: index + 1,
      deploymentId: record.id,
      createdAt: record.startedAt,
      manifest: {},
    });
  }
  const [live] = await store.listReleases('staging', { limit: 1 });
  const choose = async (choice: { release?: number; auto?: boolean } = {}) =>
    (await chooseTarget(store, { environment: 'staging', ...choice }, live!)).number;
  return { choose };
}

// issue 14, defect 5: a second plain rollback went "back" to the release just rolled away from.
describe('the release a rollback makes live', () => {
  it('is the release before the live one by default', async () => {
    const { choose } = await history([{}, {}, {}]);
    expect(await choose()).toBe(2);
  });

  it('refuses a plain rollback when the live release is itself a rollback, naming it and how to choose', async () => {
    const { choose } = await history([{}, {}, {}, { rollbackTo: 2, from: 3 }]);
    await expect(choose()).rejects.toMatchObject({
      code: 'LiveIsRollback',
      exitCode: 2,
      message: expect.stringContaining(
        'v4, live on staging, is already a rollback: v2 again, rolled back from v3',
      ),
      hint: expect.stringContaining('omnix rollback staging <release>'),
    });
    expect(await choose({ release: 1 })).toBe(1);
  });

  it('reads a rollback release before the live one as the release it restored', async () => {
    // v4 made v1 live again; v5 is a new deployment: back from v5 is v1's content, named as v1.
    const { choose } = await history([{}, {}, {}, { rollbackTo: 1, from: 3 }, {}]);
    expect(await choose()).toBe(1);
  });

  it('with auto, skips what a rollback moved away from and what is live already', async () => {
    // v4 = v2 again, rolled back from v3: v3 is known bad, v2 is live; v1 is the one.
    const { choose } = await history([{}, {}, {}, { rollbackTo: 2, from: 3 }]);
    expect(await choose({ auto: true })).toBe(1);
  });

  it('with auto, skips a release whose health failed even though its rollback deployment succeeded', async () => {
    const failing = { stage: 'rollback', status: 'fail' } as unknown as NonNullable<
      DeploymentRecord['health']
    >[number];
    const { choose } = await history([{}, {}, { rollbackTo: 1, from: 2, health: [failing] }, {}]);
    // v3 (v1 again) was unhealthy, so v1's content is too; v2 was rolled away from: nothing is left.
    await expect(choose({ auto: true })).rejects.toMatchObject({ code: 'NoHealthyRelease', exitCode: 2 });
  });
});
