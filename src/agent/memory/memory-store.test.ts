import { mkdir, writeFile } from 'node:fs/promises';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { testdir } from '../../../test/helpers/testdir.js';
import { FileStateStore } from '../../state/file/file-store.js';
import { deployment } from '../../state/store.contract.js';
import { learnFromHistory } from './backfill.js';
import { readMemory } from './read-memory.js';
import { forgetEnvironment, rememberChange } from './remember.js';

async function storeWithHistory() {
  const root = await testdir({});
  const store = new FileStateStore(root);
  const records = [
    deployment('staging', new Date('2026-01-01T10:00:00Z'), { status: 'succeeded' }),
    deployment('staging', new Date('2026-01-02T10:00:00Z'), {
      status: 'failed',
      errors: [
        {
          code: 'Throttled',
          message: 'updating the code of shop-api failed (ThrottlingException): Rate exceeded',
        },
      ],
    }),
    deployment('production', new Date('2026-01-03T10:00:00Z'), { status: 'succeeded' }),
  ];
  for (const record of records) await store.putDeployment(record);
  return { root, store, records };
}

describe('the agent memory in the state store', () => {
  it('learns the history written before it existed once, on first use, and then only what is new', async () => {
    const { store, records } = await storeWithHistory();
    const memory = await readMemory(store);
    const learned = await learnFromHistory(store, ['staging', 'production'], memory);
    expect(learned.map((entry) => entry.id).sort()).toEqual(records.map((record) => record.id).sort());
    expect(learned.every((entry) => entry.learnedFrom === 'backfill')).toBe(true);
    expect(memory.deployments.find((entry) => entry.outcome === 'failed')?.errors[0]).toMatchObject({
      failure: 'throttling',
      signature: { code: 'Throttled', awsError: 'ThrottlingException', operation: 'UpdateFunctionCode' },
    });

    const again = await readMemory(store);
    expect(await learnFromHistory(store, ['staging', 'production'], again)).toEqual([]);
    const newer = deployment('staging', new Date('2026-01-04T10:00:00Z'), { status: 'succeeded' });
    await store.putDeployment(newer);
    expect((await learnFromHistory(store, ['staging'], await readMemory(store))).map((e) => e.id)).toEqual([
      newer.id,
    ]);
  });

  it('learns a deployment found interrupted after the history was learned (it never ends by itself)', async () => {
    const { store } = await storeWithHistory();
    const dying = deployment('staging', new Date('2026-01-01T12:00:00Z'), { changes: ['updated code'] });
    await store.putDeployment(dying);
    await learnFromHistory(store, ['staging'], await readMemory(store));
    expect((await readMemory(store)).deployments.map((entry) => entry.id)).not.toContain(dying.id);
    await store.putDeployment({
      ...dying,
      status: 'interrupted',
      errors: [{ code: 'Interrupted', message: 'its process stopped before it finished' }],
    });
    const learned = await learnFromHistory(store, ['staging'], await readMemory(store));
    expect(learned).toEqual([
      expect.objectContaining({
        id: dying.id,
        outcome: 'interrupted',
        errors: [expect.objectContaining({ failure: 'deployment-interrupted' })],
      }),
    ]);
  });

  it('records a change that ended, with the recoveries it tried', async () => {
    const { store } = await storeWithHistory();
    const record = deployment('staging', new Date('2026-01-05T10:00:00Z'), {
      status: 'succeeded',
      recoveries: [
        {
          failure: 'lambda-update-in-progress',
          action: 'waited for LastUpdateStatus Successful, then retried UpdateFunctionCode',
          phase: 'apply',
          operation: 'UpdateFunctionCode',
          at: '2026-01-05T10:00:01Z',
          attempts: 2,
          outcome: 'recovered',
        },
      ],
    });
    await store.putDeployment(record);
    await rememberChange(store, record, { change: 'deploy', hide: (text) => text });
    const memory = await readMemory(store);
    expect(memory.deployments.find((entry) => entry.id === record.id)).toMatchObject({
      learnedFrom: 'recorded',
      recoveries: [{ failure: 'lambda-update-in-progress', attempts: 2, outcome: 'recovered' }],
    });
  });

  it('skips, with the reason, a corrupt document, one of another shape and one from a newer omnix', async () => {
    const { root, store } = await storeWithHistory();
    await learnFromHistory(store, ['staging'], await readMemory(store));
    const folder = join(root, '.agent-memory');
    await mkdir(folder, { recursive: true });
    await writeFile(join(folder, 'cut.json'), '{"schemaVersion": 1, "kind": "deploy');
    await store.putMemory({ id: 'odd', schemaVersion: 1, kind: 'deployment', environment: 'staging' });
    await store.putMemory({ id: 'future', schemaVersion: 99, kind: 'hologram' });
    const memory = await readMemory(store);
    expect(memory.deployments).toHaveLength(2);
    expect(memory.skipped.map((skipped) => skipped.id).sort()).toEqual(['cut', 'future', 'odd']);
    expect(memory.skipped.find((s) => s.id === 'future')?.reason).toMatch(
      /newer omnix \(schema version 99\)/,
    );
  });

  it('forgets an environment for good: its history is not learned again', async () => {
    const { store } = await storeWithHistory();
    const memory = await readMemory(store);
    await learnFromHistory(store, ['staging', 'production'], memory);
    expect(await forgetEnvironment(store, 'staging', memory.deployments)).toBe(2);
    const after = await readMemory(store);
    await learnFromHistory(store, ['staging', 'production'], after);
    expect(after.deployments.map((entry) => entry.environment)).toEqual(['production']);
  });
});
