import type {
  ApprovalRecord,
  DeploymentRecord,
  LockAttempt,
  LockRecord,
  MemoryDocument,
  MemoryRead,
  ReleaseRecord,
} from '../records/index.js';
import type { WorkflowRunRecord } from './workflow-runs.js';

/**
 * One append to a deployment's journal: its changes, `from` being the position of the first in the
 * deployment's list of changes. Positions make a retried append harmless and let a store keep
 * appends as separate objects or items, read back in any order.
 */
export interface JournalAppend {
  from: number;
  changes: string[];
}

/**
 * Where deployments, releases, locks and the agent's memory are kept. One interface, one contract suite
 * (`store.contract.ts`), three backends: a folder, an S3 bucket, a DynamoDB table.
 */
export interface StateStore {
  /** Where the state lives, for messages: a folder, `s3://bucket/prefix`, `dynamodb://table`. */
  readonly location: string;
  /** Creates what the store needs (folder, bucket, table) if missing; says what it did. */
  init(): Promise<string>;

  /** Creates or replaces a deployment record, atomically: a reader sees the old or the new one. */
  putDeployment(record: DeploymentRecord): Promise<void>;
  /** By id; naming the environment, when known, reads it directly (and consistently) instead of searching. */
  getDeployment(id: string, environment?: string): Promise<DeploymentRecord | undefined>;
  /**
   * Newest first; `limit` defaults to 50 (`Infinity` for all). A record that is not JSON fails the listing,
   * unless `onUnreadable` is given: then it is left out, and told the record's id and why.
   */
  listDeployments(environment: string, options?: ListDeploymentsOptions): Promise<DeploymentRecord[]>;

  /**
   * Adds changes to a deployment's journal, durably: the record in progress is not rewritten for each.
   * Reading a deployment in progress (`getDeployment`, `listDeployments`) includes its journal.
   */
  appendJournal(environment: string, id: string, append: JournalAppend): Promise<void>;
  /** The journal's changes in order; empty when there is none. */
  readJournal(environment: string, id: string): Promise<string[]>;
  /** Removes the journal once the record holds its changes; does nothing when there is none. */
  deleteJournal(environment: string, id: string): Promise<void>;

  /** Adds a release; a number already taken is refused (ReleaseExists), so two writers cannot both add it. */
  putRelease(record: ReleaseRecord): Promise<void>;
  getRelease(environment: string, number: number): Promise<ReleaseRecord | undefined>;
  /** Newest first. */
  listReleases(environment: string, options?: { limit?: number }): Promise<ReleaseRecord[]>;

  /** Adds an approval request or decision (they are never changed once written). */
  putApproval(record: ApprovalRecord): Promise<void>;
  /** Newest first; `limit` defaults to 50 (`Infinity` for all). */
  listApprovals(environment: string, options?: { limit?: number }): Promise<ApprovalRecord[]>;

  /** Takes the environment's lock, or says who holds it. An expired lock is taken over safely. */
  acquireLock(environment: string, holder: LockRecord['holder'], ttlSeconds: number): Promise<LockAttempt>;
  /** Extends a held lock; fails (LockLost) when it was taken over meanwhile. */
  renewLock(lock: LockRecord, ttlSeconds: number): Promise<LockRecord>;
  /** Lets go of a held lock; does nothing when it is no longer ours. */
  releaseLock(lock: LockRecord): Promise<void>;
  readLock(environment: string): Promise<LockRecord | undefined>;
  /** Removes whatever lock there is (an explicit, confirmed break). */
  breakLock(environment: string): Promise<LockRecord | undefined>;

  /** Creates or replaces one document of the agent's memory (shared by all environments), atomically. */
  putMemory(document: MemoryDocument): Promise<void>;
  /**
   * Every memory document, in id order. One that cannot be read is listed with the reason instead of
   * failing the listing: the agent warns and skips it.
   */
  listMemory(): Promise<MemoryRead[]>;
  /** Removes a memory document; nothing happens when there is none. */
  deleteMemory(id: string): Promise<void>;
  /** Creates or replaces a workflow run's record, atomically. Runs belong to no environment. */
  putWorkflowRun(record: WorkflowRunRecord): Promise<void>;
  getWorkflowRun(id: string): Promise<WorkflowRunRecord | undefined>;
  /** Newest first; `limit` defaults to 50 (`Infinity` for all). */
  listWorkflowRuns(options?: { limit?: number }): Promise<WorkflowRunRecord[]>;
}

export interface ListDeploymentsOptions {
  limit?: number;
  onUnreadable?: (id: string, reason: string) => void;
}

let lastMillis = 0;

/**
 * `d-20261123T225300123Z-1a2b3c`: sorts in time order to the millisecond (later ids from one process
 * never sort before earlier ones), so listings need no record reads to order them.
 */
export function newDeploymentId(at?: Date): string {
  let millis = at?.getTime() ?? Date.now();
  if (!at) {
    millis = Math.max(millis, lastMillis + 1);
    lastMillis = millis;
  }
  const stamp = new Date(millis).toISOString().replace(/[-:.]/g, '');
  return `d-${stamp}-${Math.random().toString(16).slice(2, 8)}`;
}

/** `a-20261202T004500123Z-1a2b3c`: an approval record's id, in time order like deployment ids. */
export function newApprovalId(at?: Date): string {
  return `a-${newDeploymentId(at).slice(2)}`;
}
