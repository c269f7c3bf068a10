import { describe, expect, it } from 'vitest';
import { frontendPlanOf } from '../../../test/helpers/plan-summary.js';
import type { DeploymentRecord } from '../../records/index.js';
import { valueDigest } from '../features/index.js';
import { learnableHistory } from './from-records.js';

const config = (memoryMb: number) => ({
  backend: { functions: { worker: { name: 'shop-worker-staging', memoryMb } } },
});

function record(
  id: string,
  startedAt: string,
  status: DeploymentRecord['status'],
  extra: Partial<DeploymentRecord> = {},
): DeploymentRecord {
  return {
    id,
    environment: 'staging',
    status,
    startedAt,
    caller: { user: 'ci', host: 'runner', pid: 1 },
    configDigest: 'sha256:x',
    config: config(128),
    phases: [],
    changes: [],
    errors: [],
    plan: {
      environment: 'staging',
      nothingToDo: false,
      frontend: frontendPlanOf({ upload: 3, delete: 1, uploadBytes: 4096 }),
      backend: { functions: [{ name: 'shop-worker-staging', action: 'update-code', changedFields: [] }] },
    },
    ...extra,
  };
}

describe('learnableHistory', () => {
  it('reads the features of each finished deployment from its record and the ones before it', () => {
    const records = [
      record('d-1', '2026-11-02T09:00:00.000Z', 'succeeded'),
      record('d-2', '2026-11-03T23:30:00.000Z', 'rolled_back', {
        caller: { user: 'ci', host: 'h', pid: 1, ci: { commit: 'abc' } },
      }),
      record('d-3', '2026-11-04T01:30:00.000Z', 'failed', { config: config(256) }),
      record('d-4', '2026-11-04T02:00:00.000Z', 'succeeded', { rollbackTo: 1 }),
      record('d-5', '2026-11-04T03:00:00.000Z', 'interrupted'),
    ];
    const { deployments, unreadable } = learnableHistory(records);
    expect(unreadable).toBe(0);
    expect(deployments.map((deployment) => [deployment.id, deployment.outcome])).toEqual([
      ['d-1', 'succeeded'],
      ['d-2', 'failed'],
      ['d-3', 'failed'],
    ]);
    expect(deployments[2]!.features).toEqual({
      environment: 'staging',
      components: ['frontend', 'backend'],
      files: { uploaded: 3, deleted: 1, uploadedBytes: 4096 },
      functions: [{ name: 'shop-worker-staging', key: 'worker', code: true, configuration: [] }],
      configChanges: [{ path: 'backend.functions.worker.memoryMb', digest: valueDigest(256) }],
      ci: false,
      weekdayUtc: 3,
      hourUtc: 1,
      sincePreviousMs: 2 * 3_600_000,
      failuresLast7Days: 1,
    });
    expect(deployments[1]!.features.ci).toBe(true);
  });

  it('leaves out and counts records it cannot read', () => {
    const broken = { ...record('d-9', 'not a date', 'failed') };
    const { deployments, unreadable } = learnableHistory([
      record('d-1', '2026-11-02T09:00:00.000Z', 'succeeded'),
      broken,
    ]);
    expect(deployments).toHaveLength(1);
    expect(unreadable).toBe(1);
  });
});
