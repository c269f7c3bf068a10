import { describe, expect, it } from 'vitest';
import { frontendPlanOf, planOf } from '../../../test/helpers/plan-summary.js';
import type { DeploymentRecord, PlanSummary } from '../../records/index.js';
import { deployment } from '../../state/store.contract.js';
import { learnFromRecord } from '../memory/learn.js';
import { learnableHistory } from '../risk/from-records.js';
import { EnvironmentHistory, featuresOf, featuresOfRecord } from './index.js';

const HOUR = 3_600_000;
const at = (hours: number) => new Date(Date.UTC(2026, 10, 2, 9) + hours * HOUR);
const config = (memoryMb: number) => ({
  backend: { functions: { api: { name: 'shop-api-staging', memoryMb } } },
});

function record(hours: number, status: DeploymentRecord['status'], extra: Partial<DeploymentRecord> = {}) {
  return deployment('staging', at(hours), { status, config: config(128), ...extra });
}

const planned = (plan: Partial<PlanSummary>, hours = 100) => ({
  environment: 'staging',
  plan: planOf(plan),
  config: config(256),
  ci: false,
  at: at(hours),
});

describe('deployment features', () => {
  it('counts the backend as changed for code, configuration, a new alias version or API stage, not for a missing function', () => {
    const none = new EnvironmentHistory([]);
    const fn = (action: string, changedFields: string[] = []) =>
      planOf({
        backend: { functions: [{ name: 'shop-api-staging', action, changedFields }] },
      } as Partial<PlanSummary>);
    const components = (plan: PlanSummary) => featuresOf({ ...planned({}), plan }, none).components;
    expect(components(fn('update-code'))).toEqual(['backend']);
    expect(components(fn('publish'))).toEqual(['backend']);
    expect(components(fn('update-configuration', ['memory']))).toEqual(['backend']);
    expect(components(fn('missing'))).toEqual([]);
    expect(components(fn('unchanged'))).toEqual([]);
    expect(
      components(
        planOf({ backend: { functions: [], api: { restApiId: 'a', stage: 's', redeploy: 'asked' } } }),
      ),
    ).toEqual(['backend']);
    expect(
      components(
        planOf({
          backend: { functions: [], stageVariables: { setVariables: { a: '1' }, removeVariables: [] } },
        }),
      ),
    ).toEqual(['backend']);
    expect(components(planOf({ frontend: frontendPlanOf({ upload: 0, delete: 1 }) }))).toEqual(['frontend']);
    expect(components(planOf({ frontend: frontendPlanOf({ upload: 0, delete: 0 }) }))).toEqual([]);
  });

  it('names each changed function by its name and its configuration key', () => {
    const features = featuresOf(
      planned({
        backend: {
          functions: [
            {
              name: 'shop-api-staging',
              action: 'update-code-and-configuration',
              changedFields: ['timeout', 'memory'],
            },
            { name: 'shop-other', action: 'unchanged', changedFields: [] },
          ],
        },
      }),
      new EnvironmentHistory([]),
    );
    expect(features.functions).toEqual([
      { name: 'shop-api-staging', key: 'api', code: true, configuration: ['memory', 'timeout'] },
    ]);
  });

  it('takes the previous deployment by start time, whatever the ids say, and none for a first deployment', () => {
    const later = record(10, 'succeeded');
    // An id that sorts first but started later: ids come from another clock.
    const earlierId = { ...record(20, 'failed'), id: 'd-00000000T000000000Z-aaaaaa' };
    const history = new EnvironmentHistory([earlierId, later]);
    expect(featuresOf(planned({}, 30), history).sincePreviousMs).toBe(10 * HOUR);
    expect(featuresOf(planned({}, 5), history).sincePreviousMs).toBeNull();
  });

  it('counts failed and rolled-back deployments that started in the 7 days before, and no later one', () => {
    const history = new EnvironmentHistory([
      record(-24 * 7 - 1, 'failed'), // more than a week before
      record(-24 * 7 + 1, 'rolled_back'),
      record(-1, 'failed'),
      record(-0.5, 'succeeded'),
      record(0, 'failed'), // starts at the same moment: not before
      record(1, 'failed'),
    ]);
    expect(featuresOf(planned({}, 0), history).failuresLast7Days).toBe(2);
  });

  it('diffs the configuration against the latest successful deployment by start time, leaving secrets out', () => {
    const history = new EnvironmentHistory([
      record(1, 'succeeded', { config: config(128) }),
      record(2, 'succeeded', {
        config: { backend: { functions: { api: { name: 'shop-api-staging', memoryMb: 512 } } } },
      }),
      record(3, 'failed', { config: config(1024) }),
    ]);
    const paths = (memoryMb: number) =>
      featuresOf({ ...planned({}, 4), config: config(memoryMb) }, history).configChanges.map(
        (change) => change.path,
      );
    // 512 is what the latest success (by start time) had: the earlier success and the later failure do not count.
    expect(paths(512)).toEqual([]);
    expect(paths(128)).toEqual(['backend.functions.api.memoryMb']);
    const secret = featuresOf(
      {
        ...planned({}, 4),
        config: { backend: { functions: { api: { name: 'x', memoryMb: 512, key: '***' } } } },
      },
      history,
    );
    expect(secret.configChanges.map((change) => change.path)).not.toContain('backend.functions.api.key');
  });

  it('is in CI only when the caller carries a CI identity with a field', () => {
    const none = new EnvironmentHistory([]);
    const plan = planOf({ frontend: frontendPlanOf({ upload: 1 }) });
    const base = { status: 'succeeded' as const, plan };
    expect(
      featuresOfRecord(
        record(0, 'succeeded', { ...base, caller: { user: 'u', host: 'h', pid: 1, ci: {} } }),
        none,
      ).ci,
    ).toBe(false);
    expect(
      featuresOfRecord(
        record(0, 'succeeded', { ...base, caller: { user: 'u', host: 'h', pid: 1, ci: { commit: 'a' } } }),
        none,
      ).ci,
    ).toBe(true);
  });

  it('gives the risk model and the memory the same features of a record', () => {
    const records = [
      record(0, 'succeeded', { plan: planOf({ frontend: frontendPlanOf({ upload: 2 }) }) }),
      record(5, 'rolled_back', {
        config: config(256),
        plan: planOf({
          frontend: frontendPlanOf({ upload: 3, delete: 1, uploadBytes: 99 }),
          backend: {
            functions: [{ name: 'shop-api-staging', action: 'update-code', changedFields: ['memory'] }],
          },
        }),
        caller: { user: 'ci', host: 'runner', pid: 1, ci: { commit: 'abc' } },
      }),
    ];
    const risk = learnableHistory(records).deployments[1]!.features;
    const memory = learnFromRecord(records[1]!, { history: records })!.features;
    expect(memory.components).toEqual(risk.components);
    expect(memory.files).toEqual(risk.files);
    expect(memory.configChanges).toEqual(risk.configChanges);
    expect(memory.ci).toBe(risk.ci);
    expect(memory.sincePreviousMs).toBe(risk.sincePreviousMs);
    expect(memory.failuresLast7Days).toBe(risk.failuresLast7Days);
    expect(memory.functions.codeChanged).toEqual(risk.functions.filter((fn) => fn.code).map((fn) => fn.name));
  });
});
