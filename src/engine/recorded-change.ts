import { createHash } from 'node:crypto';
import type { LoadedConfig } from '../config/load.js';
import { redactConfig } from '../config/secrets.js';
import type { AwsClients } from '../providers/aws/clients.js';
import { awsIdentity } from '../providers/aws/identity.js';
import type { DeploymentRecord, PhaseRecord } from '../state/records.js';
import { newDeploymentId, type StateStore } from '../state/store.js';
import { callerIdentity } from './caller.js';
import { emit, type Report } from './events.js';
import { keepAlive, type Lease, takeLock } from './lock.js';

export interface RecordedChange {
  record: DeploymentRecord;
  lease: Lease;
  /** Writes the record with the phases so far. */
  save(): Promise<void>;
  /**
   * Adds a change to the record and writes it: at once, or for per-file progress (`batch`) at most every
   * 250 ms, or a 2,000-file site would rewrite an ever-growing record 2,000 times.
   */
  changed(change: string, options?: { batch?: boolean }): Promise<void>;
}

/**
 * What deploy, rollback and recover share once they are about to change an environment: who is
 * changing it (user or CI, and the AWS identity), its lock taken and kept alive (the `lock` phase), and
 * a record in progress holding the redacted configuration. The caller writes the record when ready.
 */
export async function startRecordedChange(options: {
  loaded: LoadedConfig;
  clients: AwsClients;
  store: StateStore;
  env: Readonly<Record<string, string | undefined>>;
  report: Report;
  phase: <T>(name: string, run: () => Promise<T>) => Promise<T>;
  phases: PhaseRecord[];
  startedAt: number;
  waitForLockMs?: number | undefined;
  record?: Partial<DeploymentRecord>;
}): Promise<RecordedChange> {
  const { loaded, clients, store, report, phases } = options;
  const environment = loaded.environment;
  const awsArn = await awsIdentity(await clients.sts()).then(
    (identity) => identity.arn,
    (error: Error) => {
      emit(report, 'warn', 'lock', `the AWS identity could not be read: ${error.message}`);
      return undefined;
    },
  );
  const caller = callerIdentity(options.env, awsArn);
  const id = newDeploymentId();
  const ttl = loaded.config.state.lockTtlSeconds;
  const lease = await options.phase('lock', async () =>
    keepAlive(
      store,
      await takeLock(
        store,
        environment,
        { ...caller, deploymentId: id },
        { ttlSeconds: ttl, waitMs: options.waitForLockMs ?? 0, report },
      ),
      ttl,
      report,
    ),
  );
  const config = redactConfig(loaded.config, loaded.secretPaths);
  const record: DeploymentRecord = {
    id,
    environment,
    status: 'in_progress',
    startedAt: new Date(options.startedAt).toISOString(),
    caller,
    configDigest: `sha256:${createHash('sha256').update(JSON.stringify(config)).digest('hex')}`,
    config,
    phases,
    changes: [],
    errors: [],
    ...options.record,
  };
  const save = () => store.putDeployment({ ...record, phases: [...phases] });
  let lastSave = 0;
  const changed = async (change: string, { batch = false } = {}) => {
    record.changes.push(change);
    if (batch && Date.now() - lastSave < 250) return;
    lastSave = Date.now();
    await save();
  };
  return { record, lease, save, changed };
}
