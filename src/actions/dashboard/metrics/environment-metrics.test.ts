import { describe, expect, it } from 'vitest';
import {
  deploymentRecord as record,
  releaseRecord,
  TEN_DAYS,
} from '../../../../test/helpers/deployment-records.js';
import { planOf } from '../../../../test/helpers/plan-summary.js';
import type { LockRecord } from '../records.js';
import { type EnvironmentHistory, environmentMetrics } from './environment-metrics.js';

const NOW = new Date('2026-03-11T10:00:00Z');

const history = (extra: Partial<EnvironmentHistory> = {}): EnvironmentHistory => ({
  environment: 'staging',
  deployments: TEN_DAYS,
  releases: [],
  lock: null,
  deadIds: new Set(),
  commitTimes: new Map(),
  ...extra,
});

describe('the seed targets', () => {
  it('measures each of the seed task list’s deployment metrics against its target', () => {
    const { targets } = environmentMetrics(history(), NOW);
    expect(targets.map(({ name, target, value, met }) => ({ name, target, value, met }))).toEqual([
      // d1 d8 of d1 d3 d4 d5 d6 d8 d9 (d2 found nothing to do; d7 and d10 are restores).
      { name: 'Deployment Success Rate', target: '>99%', value: 2 / 7, met: false },
      // d1 60 s and d8 80 s.
      { name: 'Average Deployment Time', target: '<5 minutes', value: 70_000, met: true },
      // d3's automatic rollback 30 s, d7's manual one 40 s, d10's recovery 60 s.
      { name: 'Rollback Time', target: '<2 minutes', value: 60_000, met: true },
      // d5 d6 d9 of the six deliveries that changed something.
      { name: 'Failed Deployments Requiring Manual Fix', target: '<1%', value: 0.5, met: false },
      { name: 'Configuration Drift', target: '0%', value: null, met: null },
    ]);
  });

  it('judges nothing without history', () => {
    const { targets } = environmentMetrics(history({ deployments: [] }), NOW);
    expect(targets.map((target) => target.met)).toEqual([null, null, null, null, null]);
  });
});

describe('environment metrics', () => {
  it('counts a deployment whose process is gone as interrupted and lists it until it is recovered', () => {
    const running = record({ id: 'd11', at: '2026-03-10T10:00:00Z', status: 'in_progress', changes: 3 });
    const metrics = environmentMetrics(
      history({ deployments: [...TEN_DAYS, running], deadIds: new Set(['d11']) }),
      NOW,
    );
    expect(metrics.openInterruptions).toEqual([
      {
        deploymentId: 'd11',
        startedAt: running.startedAt,
        by: 'ada',
        changes: ['change 1', 'change 2', 'change 3'],
      },
    ]);
    expect(metrics.dora.changeFailureRate).toEqual({ failures: 5, changes: 7, rate: 5 / 7 });
    expect(metrics.dora.timeToRestore.open).toBe(1);
    // d9 was recovered by d10: not open.
    expect(metrics.timeline.find((entry) => entry.id === 'd9')).toMatchObject({ status: 'interrupted' });
  });

  it('leaves a deployment that still runs out of every rate', () => {
    const running = record({ id: 'd11', at: '2026-03-10T10:00:00Z', status: 'in_progress', changes: 3 });
    const metrics = environmentMetrics(history({ deployments: [...TEN_DAYS, running] }), NOW);
    expect(metrics.dora.changeFailureRate.changes).toBe(6);
    expect(metrics.openInterruptions).toEqual([]);
    expect(metrics.timeline.at(-1)).toMatchObject({ id: 'd11', status: 'in_progress', durationMs: null });
  });

  it('says who holds the lock and whether it is stale', () => {
    const lock: LockRecord = {
      environment: 'staging',
      holder: { user: 'bo', host: 'ci', pid: 7, deploymentId: 'd11' },
      acquiredAt: '2026-03-11T09:59:00Z',
      expiresAt: '2026-03-11T10:09:00Z',
      token: 't',
    };
    expect(environmentMetrics(history({ lock: { record: lock, stale: true } }), NOW).lock).toEqual({
      holder: lock.holder,
      acquiredAt: lock.acquiredAt,
      expiresAt: lock.expiresAt,
      stale: true,
    });
  });

  it('counts outcomes per day from the first deployment to now, days without any included', () => {
    const { outcomes } = environmentMetrics(history(), NOW);
    expect(outcomes.unit).toBe('day');
    expect(outcomes.buckets).toHaveLength(11);
    expect(outcomes.buckets[2]).toEqual({
      start: '2026-03-03',
      succeeded: 0,
      failed: 0,
      rolledBack: 1,
      interrupted: 0,
    });
    expect(outcomes.buckets[4]).toEqual({
      start: '2026-03-05',
      succeeded: 1,
      failed: 2,
      rolledBack: 0,
      interrupted: 0,
    });
    expect(outcomes.buckets[6]).toEqual({
      start: '2026-03-07',
      succeeded: 0,
      failed: 0,
      rolledBack: 0,
      interrupted: 1,
    });
    expect(outcomes.buckets[10]).toEqual({
      start: '2026-03-11',
      succeeded: 0,
      failed: 0,
      rolledBack: 0,
      interrupted: 0,
    });
  });

  it('counts outcomes per week from Monday past three months, and leaves out what is dated in the future or antiquity', () => {
    const deployments = [
      record({ id: 'old', at: '2025-06-04T10:00:00Z', seconds: 1 }),
      record({ id: 'ancient', at: '1900-01-01T00:00:00Z', seconds: 1 }),
      record({ id: 'future', at: '2099-01-01T00:00:00Z', seconds: 1 }),
      ...TEN_DAYS,
    ];
    const { outcomes } = environmentMetrics(history({ deployments }), NOW);
    expect(outcomes.unit).toBe('week');
    expect(outcomes.buckets).toHaveLength(523);
    expect(outcomes.buckets.at(-1)!.start).toBe('2026-03-09');
    expect(outcomes.buckets.find((bucket) => bucket.start === '2025-06-02')).toMatchObject({ succeeded: 1 });
    const total = outcomes.buckets.reduce(
      (sum, b) => sum + b.succeeded + b.failed + b.rolledBack + b.interrupted,
      0,
    );
    expect(total).toBe(11);
  });

  it('summarizes each phase over the finished deployments that ran it', () => {
    const phased = (id: string, at: string, build: number, apply: number) =>
      record({
        id,
        at,
        seconds: 10,
        extra: {
          phases: [
            { name: 'build', startedAt: at, durationMs: build, outcome: 'ok' },
            { name: 'apply', startedAt: at, durationMs: apply, outcome: 'ok' },
          ],
        },
      });
    const { phases, timeline } = environmentMetrics(
      history({
        deployments: [
          phased('a', '2026-03-01T10:00:00Z', 100, 1000),
          phased('b', '2026-03-02T10:00:00Z', 300, 2000),
          phased('c', '2026-03-03T10:00:00Z', 200, 6000),
        ],
      }),
      NOW,
    );
    expect(phases).toEqual([
      { name: 'build', count: 3, medianMs: 200, meanMs: 200, maxMs: 300 },
      { name: 'apply', count: 3, medianMs: 2000, meanMs: 3000, maxMs: 6000 },
    ]);
    expect(timeline[0]!.phases).toEqual([
      { name: 'build', ms: 100 },
      { name: 'apply', ms: 1000 },
    ]);
  });

  it('lists releases newest first with who made them, when, and what they were', () => {
    const promoted = record({
      id: 'p1',
      at: '2026-03-09T10:00:00Z',
      seconds: 20,
      changes: 2,
      extra: {
        promotedFrom: { environment: 'development', release: 4, deploymentId: 'x' },
        caller: { user: 'cy', host: 'ci', pid: 3, ci: { commit: 'ccc' } },
      },
    });
    const releases = [
      releaseRecord(1, 'd1', '2026-03-01T10:01:00Z'),
      releaseRecord(3, 'd7', '2026-03-05T14:00:40Z'),
      releaseRecord(4, 'p1', '2026-03-09T10:00:20Z'),
      releaseRecord(2, 'gone', '2026-03-03T10:00:00Z'),
    ];
    const metrics = environmentMetrics(history({ deployments: [...TEN_DAYS, promoted], releases }), NOW);
    expect(metrics.releases.map(({ number, by, commit, what }) => ({ number, by, commit, what }))).toEqual([
      {
        number: 4,
        by: 'cy',
        commit: 'ccc',
        what: { kind: 'promotion', from: { environment: 'development', release: 4 }, changes: 2 },
      },
      { number: 3, by: 'ada', commit: null, what: { kind: 'rollback', to: 1 } },
      { number: 2, by: null, commit: null, what: { kind: 'deploy', changes: 0 } },
      { number: 1, by: 'ada', commit: 'aaa', what: { kind: 'deploy', changes: 3 } },
    ]);
    expect(metrics.releases[0]).toMatchObject({ files: 1, functions: [{ name: 'api', version: '4' }] });
  });

  it('puts the agent’s risk scores next to outcomes, by level, and counts deliveries without one', () => {
    const scored = (
      id: string,
      at: string,
      score: number,
      level: string,
      status: 'succeeded' | 'rolled_back',
    ) =>
      record({ id, at, seconds: 10, status, extra: { plan: planOf({ agent: { risk: { score, level } } }) } });
    const { risk } = environmentMetrics(
      history({
        deployments: [
          scored('a', '2026-03-01T10:00:00Z', 0.1, 'low', 'succeeded'),
          scored('b', '2026-03-02T10:00:00Z', 0.8, 'high', 'rolled_back'),
          scored('c', '2026-03-03T10:00:00Z', 0.75, 'high', 'succeeded'),
          scored('d', '2026-03-04T10:00:00Z', 0.4, 'medium', 'succeeded'),
          record({
            id: 'e',
            at: '2026-03-05T10:00:00Z',
            seconds: 10,
            extra: { plan: planOf({ agent: { risk: { score: null, level: 'unknown' } } }) },
          }),
          record({
            id: 'f',
            at: '2026-03-06T10:00:00Z',
            seconds: 10,
            extra: { plan: planOf({ agent: { risk: { score: 7, level: 'high' } } }) },
          }),
        ],
      }),
      NOW,
    );
    expect(risk.scored.map((entry) => [entry.deploymentId, entry.score, entry.outcome])).toEqual([
      ['a', 0.1, 'succeeded'],
      ['b', 0.8, 'failed'],
      ['c', 0.75, 'succeeded'],
      ['d', 0.4, 'succeeded'],
    ]);
    expect(risk.byLevel).toEqual([
      { level: 'low', deployments: 1, failures: 0, failureRate: 0 },
      { level: 'medium', deployments: 1, failures: 0, failureRate: 0 },
      { level: 'high', deployments: 2, failures: 1, failureRate: 0.5 },
    ]);
    expect(risk.unscored).toBe(2);
  });
});
