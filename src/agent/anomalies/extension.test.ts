import { describe, expect, it } from 'vitest';
import type { ChangeContext } from '../../engine/change/extensions.js';
import type { DeploymentRecord, HealthReport } from '../../records/index.js';
import { anomalyExtension } from './extension.js';

const report = (p50Ms: number): HealthReport => ({
  environment: 'staging',
  stage: 'deploy',
  startedAt: '2026-11-01T00:00:00.000Z',
  durationMs: 100,
  status: 'pass',
  checks: [
    {
      name: 'api-health',
      type: 'http',
      status: 'pass',
      message: 'ok',
      durationMs: 100,
      attempts: 1,
      latency: { samples: 5, p50Ms, p95Ms: p50Ms, p99Ms: p50Ms, errorRate: 0 },
    },
  ],
});

const past = (i: number, p50Ms: number) =>
  ({
    id: `d-${i}`,
    environment: 'staging',
    status: 'succeeded',
    startedAt: `2026-11-0${i}T00:00:00.000Z`,
    phases: [],
    health: [report(p50Ms)],
  }) as unknown as DeploymentRecord;

const context = (anomalies: 'off' | 'warn' | 'rollback') =>
  ({
    kind: 'deploy',
    loaded: { config: { agent: { enabled: true, anomalies, minHistory: 5 } } },
    store: {
      listDeployments: async () => [
        past(6, 42),
        past(5, 40),
        past(4, 45),
        past(3, 38),
        past(2, 41),
        past(1, 44),
      ],
    },
    report: () => {},
  }) as unknown as ChangeContext;

const current = {
  id: 'd-9',
  environment: 'staging',
  startedAt: '2026-11-09T00:00:00.000Z',
} as DeploymentRecord;

describe('agent.anomalies: rollback', () => {
  it('fails the verification on a health-check latency far above the usual', async () => {
    await expect(
      anomalyExtension.checkRelease!(context('rollback'), current, report(900)),
    ).rejects.toMatchObject({
      code: 'HealthLatencyAnomaly',
      message: expect.stringMatching(/health check api-health latency: 900 ms, usually 42 ms/),
    });
  });

  it('lets an ordinary latency pass, and only warns outside rollback mode', async () => {
    await expect(
      anomalyExtension.checkRelease!(context('rollback'), current, report(47)),
    ).resolves.toBeUndefined();
    await expect(
      anomalyExtension.checkRelease!(context('warn'), current, report(900)),
    ).resolves.toBeUndefined();
  });
});
