import { describe, expect, it } from 'vitest';
import { planOf } from '../../test/helpers/plan-summary.js';
import { testdir } from '../../test/helpers/testdir.js';
import type { LoadedConfig } from '../config/load.js';
import type { DeployEvent } from '../core/events.js';
import type { ChangeContext } from '../engine/change/extensions.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { DeploymentRecord } from '../records/index.js';
import { FileStateStore } from '../state/file/file-store.js';
import { deployment } from '../state/store.contract.js';
import type { StateStore } from '../state/store.js';
import { agentExtension } from './extension.js';

const PLANTED = {
  config: 'planted-config-value-4af1',
  variable: 'planted-process-variable-77c2',
  message: 'plantedmessagesecret',
};

async function context(agent: { enabled: boolean }, store?: StateStore) {
  const root = await testdir({ 'config/environments/staging.yaml': '' });
  const events: DeployEvent[] = [];
  const loaded = {
    environment: 'staging',
    location: { environmentsDir: `${root}/config/environments` },
    config: { agent: { ...agent, blockKnownFailures: true }, secrets: { token: PLANTED.config } },
    secretPaths: new Set(['secrets.token']),
    pending: new Map(),
  } as unknown as LoadedConfig;
  const told: ChangeContext = {
    kind: 'deploy',
    loaded,
    clients: {} as AwsClients,
    store: store ?? new FileStateStore(root),
    report: (event) => events.push(event),
    env: { API_TOKEN: PLANTED.variable },
  };
  return { told, events };
}

const failedRecord = (): DeploymentRecord =>
  deployment('staging', new Date('2026-05-01T10:00:00Z'), {
    status: 'failed',
    finishedAt: '2026-05-01T10:01:00Z',
    changes: ['updated code'],
    config: { secrets: { token: '***' }, backend: { functions: { api: { environment: { TOKEN: '***' } } } } },
    errors: [
      {
        code: 'InvalidParameterValueException',
        message: `updating the configuration of api failed (InvalidParameterValueException): String measured: {"TOKEN":"${PLANTED.config}","API_TOKEN":"${PLANTED.variable}","PASS":"${PLANTED.message}"}`,
      },
    ],
  });

describe('the agent as an engine extension', () => {
  it('with agent.enabled false neither checks plans nor records anything', async () => {
    const { told } = await context({ enabled: false });
    const extension = agentExtension();
    expect(await extension.reviewPlan!(told, { summary: planOf(), dryRun: false })).toBeUndefined();
    await extension.finished!(told, failedRecord());
    expect(await told.store.listMemory()).toEqual([]);
  });

  it('stores no secret from config values, environment variables or error messages in memory', async () => {
    const { told } = await context({ enabled: true });
    const record = failedRecord();
    await told.store.putDeployment(record);
    await agentExtension().finished!(told, record);
    const reads = await told.store.listMemory();
    expect(reads).toHaveLength(1);
    const text = JSON.stringify(reads);
    for (const secret of Object.values(PLANTED)) expect(text).not.toContain(secret);
    expect(text).toContain('InvalidParameterValueException');
  });

  it('turns a broken memory into a warning and no findings, never a failed change', async () => {
    const { told: base } = await context({ enabled: true });
    const broken = Object.assign(Object.create(base.store), {
      listMemory: () => Promise.reject(new Error('the state bucket answered 500')),
    }) as StateStore;
    const { told, events } = await context({ enabled: true }, broken);
    const found = await agentExtension().reviewPlan!(told, { summary: planOf(), dryRun: false });
    expect(found).toEqual({ knownFailures: [] });
    expect(events.map((event) => event.message)).toEqual([
      'agent: the memory could not be used: the state bucket answered 500',
    ]);
  });
});
