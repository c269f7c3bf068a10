import { createHash } from 'node:crypto';
import type { LoadedConfig } from '../../config/load.js';
import { redactConfig } from '../../config/secrets.js';
import { OmnixError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import type { AwsClientSettings, AwsClients } from '../../providers/aws/clients.js';
import { awsIdentity } from '../../providers/aws/identity.js';
import type { DeploymentRecord, PhaseRecord, ReleaseManifest } from '../../records/index.js';
import { ChangeJournal } from '../../state/journal.js';
import { newDeploymentId, type StateStore } from '../../state/store.js';
import { callerIdentity } from './caller.js';
import type { ChangeExtension } from './extensions.js';
import type { Interrupts } from './interrupts.js';
import { keepAlive, type Lease, takeLock } from './lock.js';
import { connect } from './open-environment.js';
import type { ChangeRecoveries, RecoveriesFactory } from './recoveries.js';
import { loadForChange, phaseRunner } from './run-steps.js';

export interface RecordedChange {
  record: DeploymentRecord;
  lease: Lease;
  /** The lock was held by another change and waited for: what is live may differ from what was read before. */
  waitedForLock: boolean;
  /** Writes the record with the phases so far. */
  save(): Promise<void>;
  /**
   * Adds a change to the record and appends it to the deployment's journal: at once, or for per-file
   * progress (`batch`) at most every 250 ms. The record itself is not rewritten: a 20,000-file site would
   * rewrite an ever-growing record many times.
   */
  changed(change: string, options?: { batch?: boolean }): Promise<void>;
  /**
   * Adds release `number` (refused if the lock was taken over meanwhile) and records success. Once
   * `record.release` is set the release exists, whatever happens to the record's write after it.
   */
  commit(release: {
    number: number;
    manifest: ReleaseManifest;
    outputs: Record<string, string>;
  }): Promise<void>;
  /** Records the change as failed with `error`; needing attention when it had changed something. */
  fail(error: unknown): Promise<void>;
}

export interface ChangeOptions {
  environment: string;
  /** Project root or its config folder. */
  configDir: string;
  cwd: string;
  env: Readonly<Record<string, string | undefined>>;
  report: Report;
  /** Client settings over the configuration's (credentials for a sandbox, say). */
  aws?: Partial<AwsClientSettings>;
  /** How long to wait for another deployment's lock before giving up (exit 4); 0 or unset fails at once. */
  waitForLockMs?: number;
  /** Where the change registers how to stop cleanly when the user interrupts it (Ctrl-C). */
  interrupts?: Interrupts;
  /** Capabilities outside the engine told about the change and asked about its plan (`extensions.ts`). */
  extensions?: readonly ChangeExtension[];
  /**
   * Automatic recovery from known failures during the change (the CLI passes the agent's); without it,
   * omnix relies on the SDK's own retries.
   */
  recoveries?: RecoveriesFactory;
}

/**
 * What deploy, rollback and recover share: the timed phases, the environment's configuration (the
 * `load` phase), its AWS clients and state store; and `begin`, which starts the recorded change.
 */
export async function openChange(options: ChangeOptions) {
  const startedAt = Date.now();
  const { phases, phase, current } = phaseRunner(options.report);
  const loaded = await phase('load', () => loadForChange(options));
  const recoveries = options.recoveries?.(loaded, options.report, () => current() ?? 'load');
  const { clients, store } = await connect(loaded, options.aws, recoveries);
  const opened = {
    ...options,
    startedAt,
    phases,
    phase,
    current,
    loaded,
    clients,
    store,
    recovering: recoveries,
  };
  return {
    ...opened,
    begin: (record: Partial<DeploymentRecord> = {}) => startRecordedChange(opened, record),
  };
}

/**
 * Once a command is about to change an environment: who is changing it (user or CI, and the AWS
 * identity), its lock taken and kept alive (the `lock` phase), and a record in progress holding the
 * redacted configuration. The caller writes the record when ready.
 */
async function startRecordedChange(
  options: ChangeOptions & {
    startedAt: number;
    phases: PhaseRecord[];
    phase: <T>(name: string, run: () => Promise<T>) => Promise<T>;
    current: () => string | undefined;
    loaded: LoadedConfig;
    clients: AwsClients;
    store: StateStore;
    recovering: ChangeRecoveries | undefined;
  },
  extra: Partial<DeploymentRecord>,
): Promise<RecordedChange> {
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
  let waitedForLock = false;
  const kept = await options.phase('lock', async () =>
    keepAlive(
      store,
      await takeLock(
        store,
        environment,
        { ...caller, deploymentId: id },
        {
          ttlSeconds: ttl,
          waitMs: options.waitForLockMs ?? 0,
          report,
          onWait: () => {
            waitedForLock = true;
          },
          ...(options.recovering ? { onTakeOver: options.recovering.lockTakenOver } : {}),
        },
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
    ...extra,
  };
  options.recovering?.attach(record);
  let written = false;
  let journaled = false;
  const journal = new ChangeJournal(store, environment, id);
  const save = async () => {
    await store.putDeployment({ ...record, phases: [...phases] });
    written = true;
  };
  const unregister = options.interrupts?.register(async () => {
    const left = { deploymentId: id, environment };
    if (record.status !== 'in_progress') {
      await lease.release();
      return { state: 'finished', ...left, status: record.status };
    }
    // Not written yet: nothing was changed (the record is written ahead of the first change). If the
    // engine writes it after this, the record is in progress without a lock: found as interrupted.
    if (!written) {
      await lease.release();
      return { state: 'not-started', ...left };
    }
    const phase = options.current();
    record.errors.push({
      code: 'Interrupted',
      message: `stopped by the user (Ctrl-C)${phase ? ` in phase ${phase}` : ''} after ${record.changes.length} change(s)`,
    });
    // Left in progress without its lock, which is how status, deploy and recover know an interrupted change.
    await save();
    await lease.release();
    return {
      state: 'left-for-recovery',
      ...left,
      ...(phase ? { phase } : {}),
      changes: record.changes.length,
    };
  });
  let released: Promise<void> | undefined;
  const lease: Lease = {
    ...kept,
    release: () => {
      unregister?.();
      released ??= kept.release().then(() => dropJournal());
      return released;
    },
  };
  // A finished record was written with every change: its journal is no longer needed. Left behind
  // (this fails, or the process ends first), it is harmless: a finished record is read without it.
  const dropJournal = async () => {
    if (!journaled || record.status === 'in_progress') return;
    await store.deleteJournal(environment, id).catch((error: Error) => {
      emit(report, 'warn', 'commit', `the journal of ${id} could not be removed: ${error.message}`);
    });
  };
  const changed = async (change: string, { batch = false } = {}) => {
    record.changes.push(change);
    journaled = true;
    await journal.add(change, { batch });
  };
  const commit: RecordedChange['commit'] = async ({ number, manifest, outputs }) => {
    const lost = lease.lost();
    if (lost) throw lost;
    await store.putRelease({
      environment,
      number,
      deploymentId: id,
      createdAt: new Date().toISOString(),
      manifest,
    });
    Object.assign(record, {
      status: 'succeeded',
      release: number,
      finishedAt: new Date().toISOString(),
      outputs,
    });
    await save();
  };
  const fail = async (error: unknown) => {
    Object.assign(record, {
      status: 'failed',
      finishedAt: new Date().toISOString(),
      errors: [errorEntry(error)],
      ...(record.changes.length > 0 ? { needsAttention: true } : {}),
    });
    await save();
  };
  return { record, lease, waitedForLock, save, changed, commit, fail };
}

/** How a record names an error: its code (an OmnixError's, else the SDK's name) and message. */
export function errorEntry(error: unknown): { code: string; message: string } {
  const code = error instanceof OmnixError ? error.code : ((error as { name?: string }).name ?? 'Error');
  return { code, message: (error as Error).message ?? String(error) };
}
