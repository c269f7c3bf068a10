import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { deploymentRecord as record, releaseRecord } from '../../../test/helpers/deployment-records.js';
import { testdir } from '../../../test/helpers/testdir.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { loadDashboard } from './load.js';

const NOW = new Date('2026-03-11T10:00:00Z');

async function storeWith() {
  const root = await testdir({});
  const store = new FileStateStore(join(root, 'state'));
  return { root: join(root, 'state'), store };
}

describe('reading the dashboard from a state store', () => {
  it('skips a record that is not a deployment record, with a warning naming it, and counts the rest', async () => {
    const { root, store } = await storeWith();
    await store.putDeployment(
      record({ id: 'd-20260310T100000000Z-aaaaaa', at: '2026-03-10T10:00:00Z', seconds: 5 }),
    );
    await store.putRelease(releaseRecord(1, 'd-20260310T100000000Z-aaaaaa', '2026-03-10T10:00:05Z'));
    const broken = {
      ...record({ id: 'd-20260310T110000000Z-bbbbbb', at: '2026-03-10T11:00:00Z' }),
      status: 'exploded',
    };
    await writeFile(
      join(root, 'staging/deployments/d-20260310T110000000Z-bbbbbb.json'),
      JSON.stringify(broken),
    );
    const data = await loadDashboard([{ environment: 'staging', store }], { now: NOW });
    expect(data.warnings).toEqual([
      expect.stringMatching(/^skipped deployment record d-20260310T110000000Z-bbbbbb of staging: status: /),
    ]);
    expect(data.environments[0]).toMatchObject({ deployments: 1, releases: [{ number: 1, by: 'ada' }] });
  });

  it('skips a record that is not JSON at all, with a warning naming it', async () => {
    const { root, store } = await storeWith();
    await store.putDeployment(
      record({ id: 'd-20260310T100000000Z-aaaaaa', at: '2026-03-10T10:00:00Z', seconds: 5 }),
    );
    await writeFile(join(root, 'staging/deployments/d-20260310T110000000Z-cccccc.json'), '{"id": "d-2026');
    const data = await loadDashboard([{ environment: 'staging', store }], { now: NOW });
    expect(data.warnings).toEqual([
      expect.stringMatching(
        /^skipped deployment record d-20260310T110000000Z-cccccc of staging: not JSON \(/,
      ),
    ]);
    expect(data.environments[0]!.deployments).toBe(1);
  });

  it('goes on with the other environments when one environment’s records cannot be read at all', async () => {
    const { root, store } = await storeWith();
    await store.putDeployment(
      record({ id: 'd-20260310T100000000Z-aaaaaa', at: '2026-03-10T10:00:00Z', seconds: 5 }),
    );
    // A folder where a record should be: not a record the store can skip, but one it cannot read.
    await mkdir(join(root, 'production/deployments/d-20260310T100000000Z-cccccc.json'), { recursive: true });
    const data = await loadDashboard(
      [
        { environment: 'staging', store },
        { environment: 'production', store },
      ],
      { now: NOW },
    );
    expect(data.warnings).toEqual([
      expect.stringMatching(/^the deployments of production could not be read: /),
    ]);
    expect(data.environments.map((metrics) => [metrics.environment, metrics.deployments])).toEqual([
      ['staging', 1],
      ['production', 0],
    ]);
  });

  it('counts a deployment left in progress without its lock as interrupted', async () => {
    const { store } = await storeWith();
    await store.putDeployment(
      record({
        id: 'd-20260310T100000000Z-aaaaaa',
        at: '2026-03-10T10:00:00Z',
        status: 'in_progress',
        changes: 2,
      }),
    );
    const data = await loadDashboard([{ environment: 'staging', store }], { now: NOW });
    expect(data.environments[0]!.openInterruptions).toEqual([
      expect.objectContaining({
        deploymentId: 'd-20260310T100000000Z-aaaaaa',
        changes: ['change 1', 'change 2'],
      }),
    ]);
  });

  it('looks up the times of the commits deployments recorded, once each', async () => {
    const { store } = await storeWith();
    const ci = { caller: { user: 'ada', host: 'ci', pid: 1, ci: { commit: 'abc1234' } } };
    await store.putDeployment(
      record({ id: 'd-20260310T100000000Z-aaaaaa', at: '2026-03-10T10:00:00Z', seconds: 60, extra: ci }),
    );
    await store.putDeployment(
      record({ id: 'd-20260310T110000000Z-aaaaaa', at: '2026-03-10T11:00:00Z', seconds: 60, extra: ci }),
    );
    const asked: string[][] = [];
    const data = await loadDashboard([{ environment: 'staging', store }], {
      now: NOW,
      commitTimes: async (shas) => {
        asked.push([...shas]);
        return new Map([['abc1234', '2026-03-10T09:00:00.000Z']]);
      },
    });
    expect(asked).toEqual([['abc1234']]);
    expect(data.environments[0]!.dora.leadTime).toMatchObject({
      count: 2,
      medianMs: 1.5 * 3_600_000 + 60_000,
    });
  });
});
