import { describe, expect, it } from 'vitest';
import { planOf } from '../../../test/helpers/plan-summary.js';
import type { DeploymentRecord } from '../../records/index.js';
import { deployment } from '../../state/store.contract.js';
import { learnFromRecord } from '../memory/learn.js';
import type { DeploymentMemory } from '../memory/record.js';
import { findKnownFailures } from './known-failures.js';

let clock = Date.parse('2026-04-01T10:00:00Z');
function remembered(
  environment: string,
  overrides: Partial<DeploymentRecord>,
  code = 'CODE-A',
): DeploymentMemory {
  clock += 60_000;
  return learnFromRecord(
    deployment(environment, new Date(clock), {
      artifacts: { functions: { [`api-${environment}`]: code } },
      plan: planOf({
        environment,
        backend: { functions: [{ name: `api-${environment}`, action: 'update-code', changedFields: [] }] },
      }),
      changes: ['updated code'],
      ...overrides,
    }),
  )!;
}
const healthFailure = {
  code: 'HealthCheckFailed',
  message: 'the new release is not healthy: 1 health check(s) failed',
};
const planned = (code: string) => ({
  functionCode: [{ name: 'api-production', codeSha256: code }],
  configChanges: [],
});

describe('known failures in a plan', () => {
  it('names the failed deployment whose code the plan would put live, with its environment, signature and remedy', () => {
    const failed = remembered('staging', { status: 'rolled_back', errors: [healthFailure] });
    expect(findKnownFailures(planned('CODE-A'), [failed])).toEqual([
      {
        deploymentId: failed.id,
        environment: 'staging',
        signature: 'HealthCheckFailed · HealthCheck · release',
        failure: 'health-check-failed',
        reason: expect.stringContaining(`failed in staging (deployment ${failed.id}, rolled back`),
        remedy: expect.stringContaining('omnix health'),
        matched: ['function api-production code CODE-A'],
      },
    ]);
    expect(findKnownFailures(planned('CODE-B'), [failed])).toEqual([]);
  });

  it('does not flag a change that succeeded after it failed (the fix worked), in any environment', () => {
    const failed = remembered('staging', { status: 'rolled_back', errors: [healthFailure] });
    const succeeded = remembered('development', { status: 'succeeded' });
    expect(findKnownFailures(planned('CODE-A'), [failed, succeeded])).toEqual([]);
    // A success before the failure does not clear it.
    expect(
      findKnownFailures(planned('CODE-A'), [
        succeeded,
        remembered('staging', { status: 'failed', errors: [healthFailure] }),
      ]),
    ).toHaveLength(1);
  });

  it('does not blame the change for failures that say nothing about it, or that changed nothing', () => {
    const throttled = remembered('staging', {
      status: 'rolled_back',
      errors: [
        { code: 'Throttled', message: 'updating the code of x failed (ThrottlingException): Rate exceeded' },
      ],
    });
    const beforeAnyChange = remembered('staging', { status: 'failed', changes: [], errors: [healthFailure] });
    expect(findKnownFailures(planned('CODE-A'), [throttled, beforeAnyChange])).toEqual([]);
  });

  it('matches the same configuration change (path and value digest), not the same path with another value', () => {
    const failed = remembered('staging', { status: 'failed', errors: [healthFailure] });
    failed.features.configChanges = [{ path: 'backend.functions.api.memoryMb', digest: 'sha256:aaa' }];
    const plan = (digest: string) => ({
      functionCode: [],
      configChanges: [{ path: 'backend.functions.api.memoryMb', digest }],
    });
    expect(findKnownFailures(plan('sha256:aaa'), [failed])[0]?.matched).toEqual([
      'config backend.functions.api.memoryMb',
    ]);
    expect(findKnownFailures(plan('sha256:bbb'), [failed])).toEqual([]);
  });
});
