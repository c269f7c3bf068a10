import type { DeploymentRecord, ReleaseRecord } from '../../src/records/index.js';
import { planOf } from './plan-summary.js';

export interface RecordSpec {
  id: string;
  /** ISO time it started. */
  at: string;
  /** How long it took; absent while it runs. */
  seconds?: number;
  status?: DeploymentRecord['status'];
  /** How many changes it made. @default 1 */
  changes?: number;
  environment?: string;
  extra?: Partial<DeploymentRecord>;
}

/** A deployment record made by hand: only what the metrics read, the rest plausible. */
export function deploymentRecord(spec: RecordSpec): DeploymentRecord {
  const started = Date.parse(spec.at);
  return {
    id: spec.id,
    environment: spec.environment ?? 'staging',
    status: spec.status ?? 'succeeded',
    startedAt: new Date(started).toISOString(),
    ...(spec.seconds === undefined
      ? {}
      : { finishedAt: new Date(started + spec.seconds * 1000).toISOString() }),
    caller: { user: 'ada', host: 'laptop', pid: 42 },
    configDigest: 'sha256:0',
    phases: [],
    changes: Array.from({ length: spec.changes ?? 1 }, (_, index) => `change ${index + 1}`),
    errors: [],
    ...spec.extra,
  };
}

/** A release record of `deploymentId`. */
export function releaseRecord(
  number: number,
  deploymentId: string,
  createdAt: string,
  environment = 'staging',
): ReleaseRecord {
  return {
    environment,
    number,
    deploymentId,
    createdAt,
    manifest: {
      frontend: { bucket: 'site', objects: [{ key: 'index.html', versionId: 'v1', md5: 'abc' }] },
      backend: { functions: [{ name: 'api', version: String(number), codeSha256: 'x' }] },
    },
  };
}

/**
 * Ten deployments of one environment over ten days: two deliveries, one that found nothing to do, an
 * automatic rollback, a failure in validation, two failures left as they were and fixed by a manual
 * rollback, an interruption and the recovery that restored it.
 */
export const TEN_DAYS: DeploymentRecord[] = [
  deploymentRecord({
    id: 'd1',
    at: '2026-03-01T10:00:00Z',
    seconds: 60,
    changes: 3,
    extra: { caller: { user: 'ada', host: 'ci', pid: 1, ci: { commit: 'aaa' } } },
  }),
  deploymentRecord({
    id: 'd2',
    at: '2026-03-02T10:00:00Z',
    seconds: 5,
    changes: 0,
    extra: { plan: planOf({ nothingToDo: true }) },
  }),
  deploymentRecord({
    id: 'd3',
    at: '2026-03-03T10:00:00Z',
    seconds: 90,
    status: 'rolled_back',
    changes: 2,
    extra: {
      rollback: { startedAt: '2026-03-03T10:01:00Z', durationMs: 30_000, outcome: 'restored', changes: [] },
    },
  }),
  deploymentRecord({ id: 'd4', at: '2026-03-04T10:00:00Z', seconds: 30, status: 'failed', changes: 0 }),
  deploymentRecord({ id: 'd5', at: '2026-03-05T10:00:00Z', seconds: 100, status: 'failed', changes: 4 }),
  deploymentRecord({ id: 'd6', at: '2026-03-05T12:00:00Z', seconds: 50, status: 'failed', changes: 1 }),
  deploymentRecord({
    id: 'd7',
    at: '2026-03-05T14:00:00Z',
    seconds: 40,
    changes: 2,
    extra: { rollbackTo: 1, release: 3 },
  }),
  deploymentRecord({
    id: 'd8',
    at: '2026-03-06T10:00:00Z',
    seconds: 80,
    changes: 5,
    extra: { caller: { user: 'bo', host: 'ci', pid: 2, ci: { commit: 'bbb' } } },
  }),
  deploymentRecord({
    id: 'd9',
    at: '2026-03-07T10:00:00Z',
    status: 'interrupted',
    changes: 2,
    extra: { recoveredBy: { deploymentId: 'd10', how: 'restored' } },
  }),
  deploymentRecord({
    id: 'd10',
    at: '2026-03-08T10:00:00Z',
    seconds: 60,
    changes: 2,
    extra: { recoveryOf: ['d9'] },
  }),
];
