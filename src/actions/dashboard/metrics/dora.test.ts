import { describe, expect, it } from 'vitest';
import { deploymentRecord as record, TEN_DAYS } from '../../../../test/helpers/deployment-records.js';
import type { DeploymentRecord } from '../records.js';
import { changeFailureRate } from './change-failure.js';
import { byStart, type Deployment } from './classify.js';
import { deploymentFrequency, historyWindow } from './frequency.js';
import { leadTime } from './lead-time.js';
import { timeToRestore } from './restore-time.js';

const NOW = new Date('2026-03-11T10:00:00Z');
const asIs = (records: DeploymentRecord[]): Deployment[] =>
  records.map((value) => ({ record: value, status: value.status })).sort(byStart);

const HISTORY = asIs(TEN_DAYS);

describe('DORA metrics', () => {
  it('counts deployment frequency as successful deliveries that changed something, per day and week of history', () => {
    const window = historyWindow(HISTORY, NOW);
    expect(window).toEqual({ from: '2026-03-01T10:00:00.000Z', to: NOW.toISOString(), days: 10 });
    const frequency = deploymentFrequency(HISTORY, window);
    expect(frequency.deliveries).toBe(2);
    expect(frequency.perDay).toBeCloseTo(0.2);
    expect(frequency.perWeek).toBeCloseTo(1.4);
  });

  it('counts a first day of history as one day, and has no frequency without history', () => {
    const window = historyWindow(asIs([record({ id: 'd1', at: '2026-03-11T09:00:00Z', seconds: 1 })]), NOW);
    expect(window.days).toBe(1);
    expect(deploymentFrequency([], historyWindow([], NOW))).toEqual({
      deliveries: 0,
      perDay: null,
      perWeek: null,
    });
  });

  it('measures lead time from the commit to live only where the commit time is known', () => {
    const lead = leadTime(HISTORY, new Map([['aaa', '2026-03-01T09:00:00Z']]));
    expect(lead.samples).toEqual([
      {
        deploymentId: 'd1',
        commit: 'aaa',
        committedAt: '2026-03-01T09:00:00Z',
        liveAt: '2026-03-01T10:01:00.000Z',
        ms: 3_660_000,
      },
    ]);
    expect(lead).toMatchObject({ count: 1, medianMs: 3_660_000, meanMs: 3_660_000, unknown: 1 });
  });

  it('calls a lead time unknown when the commit is dated after the deployment finished', () => {
    const lead = leadTime(HISTORY, new Map([['aaa', '2026-03-02T00:00:00Z']]));
    expect(lead).toMatchObject({ count: 0, medianMs: null, unknown: 2 });
  });

  it('divides failed, rolled-back and interrupted deliveries by the deliveries that changed something', () => {
    // Changed something: d1 d3 d5 d6 d8 d9 (d2 found nothing to do, d4 failed in validation, d7 and d10 restore).
    expect(changeFailureRate(HISTORY)).toEqual({ failures: 4, changes: 6, rate: 4 / 6 });
    expect(changeFailureRate([])).toEqual({ failures: 0, changes: 0, rate: null });
  });

  it('times each restore from the first failure to the rollback or deployment that made the environment good again', () => {
    const restore = timeToRestore(HISTORY);
    expect(restore.episodes).toEqual([
      {
        from: '2026-03-03T10:00:00.000Z',
        to: '2026-03-03T10:01:30.000Z',
        ms: 90_000,
        failedDeployments: ['d3'],
        restoredBy: 'd3',
        how: 'automatic-rollback',
      },
      {
        from: '2026-03-05T10:00:00.000Z',
        to: '2026-03-05T14:00:40.000Z',
        ms: 14_440_000,
        failedDeployments: ['d5', 'd6'],
        restoredBy: 'd7',
        how: 'rollback',
      },
      {
        from: '2026-03-07T10:00:00.000Z',
        to: '2026-03-08T10:01:00.000Z',
        ms: 86_460_000,
        failedDeployments: ['d9'],
        restoredBy: 'd10',
        how: 'recovery',
      },
    ]);
    expect(restore).toMatchObject({ count: 3, open: 0, medianMs: 14_440_000, maxMs: 86_460_000 });
    expect(restore.meanMs).toBeCloseTo((90_000 + 14_440_000 + 86_460_000) / 3);
  });

  it('keeps a failure open, out of the median, until a deployment succeeds; a rollback within it does not end it', () => {
    const restore = timeToRestore(
      asIs([
        record({ id: 'a', at: '2026-03-01T10:00:00Z', seconds: 10, status: 'failed', changes: 1 }),
        record({ id: 'b', at: '2026-03-01T11:00:00Z', seconds: 10, status: 'rolled_back', changes: 1 }),
      ]),
    );
    expect(restore.episodes).toEqual([
      {
        from: '2026-03-01T10:00:00.000Z',
        to: null,
        ms: null,
        failedDeployments: ['a', 'b'],
        restoredBy: null,
        how: null,
      },
    ]);
    expect(restore).toMatchObject({ open: 1, count: 0, medianMs: null });
  });
});
