import { describe, expect, it } from 'vitest';
import { frontendPlanOf, planOf } from '../../../test/helpers/plan-summary.js';
import type { DeploymentRecord } from '../../records/index.js';
import { deployment } from '../../state/store.contract.js';
import { learnFromRecord } from './learn.js';
import { signatureKey } from './signature.js';

const config = (environment: string, memoryMb: number, flag: string) => ({
  project: 'shop',
  frontend: { bucket: `shop-web-${environment}` },
  backend: {
    functions: {
      api: { name: `shop-api-${environment}`, memoryMb, environment: { FLAG: flag, TOKEN: '***' } },
    },
  },
  health: { retries: 3 },
});

function failedHealthCheck(environment: string, at: string, flag = 'on'): DeploymentRecord {
  return deployment(environment, new Date(at), {
    status: 'rolled_back',
    finishedAt: at,
    config: config(environment, 512, flag),
    artifacts: { functions: { [`shop-api-${environment}`]: 'CODE-B' }, files: { 'index.html': 'md5-2' } },
    plan: planOf({
      environment,
      frontend: frontendPlanOf({ upload: 1, delete: 0, uploadBytes: 2048 }),
      backend: {
        functions: [
          {
            name: `shop-api-${environment}`,
            action: 'update-code-and-configuration',
            changedFields: ['environment'],
          },
        ],
      },
    }),
    changes: ['updated code of shop-api'],
    phases: [{ name: 'verify', startedAt: at, outcome: 'failed' }],
    errors: [
      {
        code: 'HealthCheckFailed',
        message: `the new release is not healthy: 1 health check(s) failed: api (https://x.execute-api.us-east-1.amazonaws.com/${environment}/health: status 500, expected 200 after 2031 ms at 2026-03-01T10:00:00Z)`,
      },
    ],
    health: [
      {
        environment,
        stage: 'deploy',
        startedAt: at,
        durationMs: 10,
        status: 'fail',
        checks: [
          { name: 'api', type: 'http', status: 'fail', message: 'status 500', durationMs: 3, attempts: 2 },
        ],
      },
    ],
  });
}

describe('what the agent learns from a deployment record', () => {
  it('keeps its features: components, changed functions, config paths with digests, artifacts, time', () => {
    const previous = deployment('staging', new Date('2026-03-01T08:00:00Z'), {
      status: 'succeeded',
      config: config('staging', 256, 'off'),
    });
    const earlierFailure = deployment('staging', new Date('2026-02-27T08:00:00Z'), { status: 'failed' });
    const record = failedHealthCheck('staging', '2026-03-01T10:00:00Z');
    const learned = learnFromRecord(record, { history: [earlierFailure, previous, record] })!;
    expect(learned).toMatchObject({
      id: record.id,
      environment: 'staging',
      change: 'deploy',
      outcome: 'rolled_back',
      changedSomething: true,
      features: {
        components: ['frontend', 'backend'],
        files: { uploaded: 1, deleted: 0, uploadedBytes: 2048 },
        functions: {
          codeChanged: ['shop-api-staging'],
          configurationChanged: { 'shop-api-staging': ['environment'] },
        },
        introduced: { functionCode: ['CODE-B'], siteDigest: expect.stringMatching(/^sha256:/) },
        weekdayUtc: 0,
        hourUtc: 10,
        sincePreviousMs: 2 * 3600 * 1000,
        failuresLast7Days: 1,
        ci: false,
      },
      errors: [{ phase: 'verify', failure: 'health-check-failed-http' }],
    });
    // Only deployed settings, each as a digest; the secret (***) and the health settings are left out.
    expect(learned.features.configChanges.map((change) => change.path)).toEqual([
      'backend.functions.api.memoryMb',
      'backend.functions.api.environment.FLAG',
    ]);
    expect(JSON.stringify(learned.features.configChanges)).not.toContain('"on"');
  });

  it('gives the same failure in two environments the same signature, without names, numbers or times', () => {
    const staging = learnFromRecord(failedHealthCheck('staging', '2026-03-01T10:00:00Z'))!;
    const production = learnFromRecord(failedHealthCheck('production', '2026-03-05T16:30:00Z'))!;
    const [a, b] = [staging.errors[0]!.signature, production.errors[0]!.signature];
    expect(a).toEqual(b);
    expect(signatureKey(a)).toBe('HealthCheckFailed · HealthCheck · release · checks=http');
    expect(a.pattern).not.toMatch(/staging|\d{3}|2026/);
  });

  it('learns nothing from a change still in progress', () => {
    expect(learnFromRecord(deployment('staging', new Date()))).toBeUndefined();
  });
});
