import { OmnixError } from '../../core/errors.js';
import { mapPool } from '../../core/pool.js';
import { BucketObjects, lostCondition, noSuchKey as missing } from '../../providers/aws/bucket-objects.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { awsErrorName, fromAwsError } from '../../providers/aws/errors.js';
import type {
  ApprovalRecord,
  DeploymentRecord,
  LockAttempt,
  LockRecord,
  MemoryDocument,
  MemoryRead,
  ReleaseRecord,
} from '../../records/index.js';
import { joinAppends, withJournal } from '../journal.js';
import { isStale, newLock, renewedLock } from '../lease.js';
import {
  checkApprovalId,
  checkDeploymentId,
  checkEnvironment,
  checkMemoryId,
  checkReleaseNumber,
  isDeploymentId,
  isEnvironmentName,
  lockContention,
  lockLost,
  MEMORY_PLACE,
  releaseExists,
} from '../names.js';
import type { JournalAppend, ListDeploymentsOptions, StateStore } from '../store.js';
import { checkWorkflowRunId, isWorkflowRunId, type WorkflowRunRecord } from '../workflow-runs.js';

/** Workflow runs belong to no environment: a folder no environment name can have (names start alphanumeric). */
const WORKFLOW_RUNS = '_workflow-runs/';

// S3 lists keys in ascending order; counting down makes the newest sort first, so a listing of
// N keys yields the N newest records without reading the rest.
const MAX_MILLIS = 9_999_999_999_999;
const MAX_RELEASE = 9_999_999_999;

/** `d-20261123T225300123Z-1a2b3c` (or an `a-` approval id) → `8235…_d-…`: newest first in key order. */
function deploymentKeyName(id: string): string {
  const stamp = /^[da]-(\d{4})(\d{2})(\d{2})T(\d{2})(\d{2})(\d{2})(\d{3})Z/.exec(id);
  const millis = stamp
    ? Date.UTC(+stamp[1]!, +stamp[2]! - 1, +stamp[3]!, +stamp[4]!, +stamp[5]!, +stamp[6]!, +stamp[7]!)
    : 0;
  return `${String(MAX_MILLIS - millis).padStart(13, '0')}_${id}`;
}

const releaseKeyName = (number: number) => String(MAX_RELEASE - number).padStart(10, '0');

/**
 * Team state in an S3 bucket, under a prefix: `<env>/deployments/<countdown>_<id>.json` (one object per
 * deployment), `<env>/approvals/<countdown>_<id>.json`, `<env>/releases/<countdown>.json` (created only if absent), `<env>/lock.json` (created with
 * `If-None-Match: *`; an expired lock is replaced only by a write naming its ETag, so of two takers one wins).
 * S3 has no append: a deployment's journal is one object per append, `<env>/journals/<id>/<from>.json`. The agent's memory is in `.agent-memory/<id>.json`.
 */
export class S3StateStore implements StateStore {
  private readonly prefix: string;
  private readonly objects: BucketObjects;
  private readonly bucket: string;

  constructor(client: Awaited<ReturnType<AwsClients['s3']>>, bucket: string, prefix: string) {
    this.prefix = prefix === '' || prefix.endsWith('/') ? prefix : `${prefix}/`;
    this.objects = new BucketObjects(client, bucket);
    this.bucket = bucket;
  }

  get location(): string {
    return `s3://${this.bucket}/${this.prefix}`;
  }

  async init(): Promise<string> {
    const exists = await this.objects.exists().catch((error: unknown) => {
      throw fromAwsError(error, `checking the state bucket ${this.bucket}`);
    });
    if (exists) return `state bucket ${this.bucket} exists`;
    // Versioning keeps every earlier version of a record: a mistaken overwrite can be undone.
    const region = await this.objects.createVersioned().catch((error: unknown) => {
      throw fromAwsError(error, `creating the state bucket ${this.bucket}`);
    });
    return `created the state bucket ${this.bucket} (versioned) in ${region}`;
  }

  private failure(error: unknown, doing: string): OmnixError {
    if (awsErrorName(error) === 'NoSuchBucket')
      return new OmnixError('StateBucketMissing', `the state bucket ${this.bucket} does not exist`, {
        hint: 'Create it: omnix state init',
        cause: error,
      });
    return fromAwsError(error, doing);
  }

  private key(environment: string, ...parts: string[]): string {
    return `${this.prefix}${checkEnvironment(environment)}/${parts.join('/')}`;
  }

  private async read<T>(key: string): Promise<{ value: T; etag: string } | undefined> {
    try {
      const object = await this.objects.get(key);
      return object && { value: JSON.parse(object.text) as T, etag: object.etag };
    } catch (error) {
      throw this.failure(error, `reading s3://${this.bucket}/${key}`);
    }
  }

  private async write(
    key: string,
    value: unknown,
    condition: { ifNoneMatch?: '*'; ifMatch?: string } = {},
  ): Promise<string> {
    return this.objects.put(key, `${JSON.stringify(value, null, 2)}\n`, condition);
  }

  /**
   * Names under `prefix`, in key order, at most `limit`: the keys, or with `folders` the "folders" directly
   * below it (common prefixes of delimiter `/`).
   */
  private list(prefix: string, options: { limit?: number; folders?: boolean } = {}): Promise<string[]> {
    return this.objects.list(prefix, options).catch((error: unknown) => {
      throw this.failure(error, `listing s3://${this.bucket}/${prefix}`);
    });
  }

  private async readAll<T>(keys: string[]): Promise<T[]> {
    const records = await mapPool(keys, 16, (key) => this.read<T>(key));
    return records.flatMap((record) => (record ? [record.value] : []));
  }

  async putDeployment(record: DeploymentRecord): Promise<void> {
    const key = this.key(
      record.environment,
      'deployments',
      `${deploymentKeyName(checkDeploymentId(record.id))}.json`,
    );
    await this.write(key, record).catch((error: unknown) => {
      throw this.failure(error, `writing deployment ${record.id}`);
    });
  }

  async getDeployment(id: string, known?: string): Promise<DeploymentRecord | undefined> {
    if (!isDeploymentId(id)) return undefined;
    for (const environment of known ? [known] : await this.environments()) {
      const found = await this.read<DeploymentRecord>(
        this.key(environment, 'deployments', `${deploymentKeyName(id)}.json`),
      );
      if (found) return withJournal(found.value, (env, journal) => this.readJournal(env, journal));
    }
    return undefined;
  }

  async listDeployments(
    environment: string,
    { limit = 50, onUnreadable }: ListDeploymentsOptions = {},
  ): Promise<DeploymentRecord[]> {
    const keys = await this.list(this.key(environment, 'deployments/'), { limit });
    const records = await mapPool(keys, 16, async (key) => {
      try {
        return (await this.read<DeploymentRecord>(key))?.value;
      } catch (error) {
        // Not JSON: `read` wraps the parser's error.
        const cause = (error as { cause?: unknown }).cause;
        if (!onUnreadable || !(cause instanceof SyntaxError)) throw error;
        onUnreadable(key.slice(key.lastIndexOf('_') + 1).replace(/\.json$/, ''), cause.message);
        return undefined;
      }
    });
    const found = records.filter((record): record is DeploymentRecord => record !== undefined);
    return mapPool(
      found,
      16,
      async (record) => (await withJournal(record, (env, id) => this.readJournal(env, id)))!,
    );
  }

  private journalPrefix(environment: string, id: string): string {
    return this.key(environment, 'journals', `${checkDeploymentId(id)}/`);
  }

  async appendJournal(environment: string, id: string, append: JournalAppend): Promise<void> {
    const key = `${this.journalPrefix(environment, id)}${String(append.from).padStart(10, '0')}.json`;
    await this.objects.put(key, JSON.stringify(append)).catch((error: unknown) => {
      throw this.failure(error, `appending to the journal of deployment ${id}`);
    });
  }

  async readJournal(environment: string, id: string): Promise<string[]> {
    const keys = await this.list(this.journalPrefix(environment, id));
    return joinAppends(await this.readAll<JournalAppend>(keys));
  }

  async deleteJournal(environment: string, id: string): Promise<void> {
    const keys = await this.list(this.journalPrefix(environment, id));
    await this.objects.deleteMany(keys).catch((error: unknown) => {
      throw this.failure(error, `removing the journal of deployment ${id}`);
    });
  }

  async putRelease(record: ReleaseRecord): Promise<void> {
    const key = this.key(
      record.environment,
      'releases',
      `${releaseKeyName(checkReleaseNumber(record.number))}.json`,
    );
    try {
      await this.write(key, record, { ifNoneMatch: '*' });
    } catch (error) {
      if (lostCondition(error)) throw releaseExists(record.environment, record.number);
      throw this.failure(error, `writing release v${record.number} of ${record.environment}`);
    }
  }

  async getRelease(environment: string, number: number): Promise<ReleaseRecord | undefined> {
    if (!Number.isInteger(number) || number < 1) return undefined;
    return (
      await this.read<ReleaseRecord>(this.key(environment, 'releases', `${releaseKeyName(number)}.json`))
    )?.value;
  }

  async listReleases(environment: string, { limit = 50 } = {}): Promise<ReleaseRecord[]> {
    return this.readAll(await this.list(this.key(environment, 'releases/'), { limit }));
  }

  async putApproval(record: ApprovalRecord): Promise<void> {
    const key = this.key(
      record.environment,
      'approvals',
      `${deploymentKeyName(checkApprovalId(record.id))}.json`,
    );
    await this.write(key, record).catch((error: unknown) => {
      throw this.failure(error, `writing approval record ${record.id}`);
    });
  }

  async listApprovals(environment: string, { limit = 50 } = {}): Promise<ApprovalRecord[]> {
    return this.readAll(await this.list(this.key(environment, 'approvals/'), { limit }));
  }

  async acquireLock(
    environment: string,
    holder: LockRecord['holder'],
    ttlSeconds: number,
  ): Promise<LockAttempt> {
    const key = this.key(environment, 'lock.json');
    for (let attempt = 0; attempt < 5; attempt++) {
      const lock = newLock(environment, holder, ttlSeconds);
      try {
        await this.write(key, lock, { ifNoneMatch: '*' });
        return { acquired: true, lock };
      } catch (error) {
        if (!lostCondition(error)) throw this.failure(error, `taking the lock of ${environment}`);
      }
      const current = await this.read<LockRecord>(key);
      if (!current) continue; // released meanwhile
      if (!isStale(current.value)) return { acquired: false, holder: current.value };
      try {
        // Expired: replace exactly the lock we saw. A second taker's write names the same ETag and fails.
        await this.write(key, lock, { ifMatch: current.etag });
        return { acquired: true, lock };
      } catch (error) {
        if (!lostCondition(error) && !missing(error))
          throw this.failure(error, `taking over the expired lock of ${environment}`);
      }
    }
    const holderNow = await this.read<LockRecord>(key);
    if (holderNow) return { acquired: false, holder: holderNow.value };
    throw lockContention(environment);
  }

  async renewLock(lock: LockRecord, ttlSeconds: number): Promise<LockRecord> {
    const key = this.key(lock.environment, 'lock.json');
    const current = await this.read<LockRecord>(key);
    if (current?.value.token !== lock.token) throw lockLost(lock.environment, current?.value.holder);
    const renewed = renewedLock(lock, ttlSeconds);
    try {
      await this.write(key, renewed, { ifMatch: current.etag });
    } catch (error) {
      if (lostCondition(error) || missing(error)) throw lockLost(lock.environment);
      throw this.failure(error, `renewing the lock of ${lock.environment}`);
    }
    return renewed;
  }

  async releaseLock(lock: LockRecord): Promise<void> {
    const key = this.key(lock.environment, 'lock.json');
    const current = await this.read<LockRecord>(key);
    if (current?.value.token !== lock.token) return;
    try {
      await this.objects.delete(key, current.etag);
    } catch (error) {
      // Changed or gone since we read it: it is no longer ours to release.
      if (lostCondition(error) || missing(error)) return;
      throw this.failure(error, `releasing the lock of ${lock.environment}`);
    }
  }

  async readLock(environment: string): Promise<LockRecord | undefined> {
    return (await this.read<LockRecord>(this.key(environment, 'lock.json')))?.value;
  }

  async breakLock(environment: string): Promise<LockRecord | undefined> {
    const key = this.key(environment, 'lock.json');
    const current = await this.read<LockRecord>(key);
    await this.objects.delete(key).catch((error: unknown) => {
      throw this.failure(error, `breaking the lock of ${environment}`);
    });
    return current?.value;
  }

  private memoryKey(id: string): string {
    return `${this.prefix}${MEMORY_PLACE}/${checkMemoryId(id)}.json`;
  }

  async putMemory(document: MemoryDocument): Promise<void> {
    await this.write(this.memoryKey(document.id), document).catch((error: unknown) => {
      throw this.failure(error, `writing memory document ${document.id}`);
    });
  }

  async listMemory(): Promise<MemoryRead[]> {
    const keys = await this.list(`${this.prefix}${MEMORY_PLACE}/`);
    return mapPool(keys, 16, async (key): Promise<MemoryRead> => {
      const id = key.slice(key.lastIndexOf('/') + 1).replace(/\.json$/, '');
      try {
        const found = await this.read<unknown>(key);
        return found
          ? { id, ok: true, document: found.value }
          : { id, ok: false, reason: 'deleted meanwhile' };
      } catch (error) {
        // Not JSON: `read` wraps the parser's error.
        const cause = (error as { cause?: unknown }).cause;
        if (cause instanceof SyntaxError) return { id, ok: false, reason: cause.message };
        throw error;
      }
    });
  }

  async deleteMemory(id: string): Promise<void> {
    await this.objects.delete(this.memoryKey(id)).catch((error: unknown) => {
      throw this.failure(error, `deleting memory document ${id}`);
    });
  }

  async putWorkflowRun(record: WorkflowRunRecord): Promise<void> {
    const key = `${this.prefix}${WORKFLOW_RUNS}${checkWorkflowRunId(record.id)}.json`;
    await this.write(key, record).catch((error: unknown) => {
      throw this.failure(error, `writing workflow run ${record.id}`);
    });
  }

  async getWorkflowRun(id: string): Promise<WorkflowRunRecord | undefined> {
    if (!isWorkflowRunId(id)) return undefined;
    return (await this.read<WorkflowRunRecord>(`${this.prefix}${WORKFLOW_RUNS}${id}.json`))?.value;
  }

  async listWorkflowRuns({ limit = 50 } = {}): Promise<WorkflowRunRecord[]> {
    // Keys list oldest first; run ids sort by time, so the newest are the last ones.
    const keys = await this.list(`${this.prefix}${WORKFLOW_RUNS}`);
    return this.readAll(keys.reverse().slice(0, limit));
  }

  /** Environments that have state: the "folders" directly under the prefix (not the memory's, nor the workflow runs'). */
  private async environments(): Promise<string[]> {
    return (await this.list(this.prefix, { folders: true })).filter(isEnvironmentName);
  }
}
