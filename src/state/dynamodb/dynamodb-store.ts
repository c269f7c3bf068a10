import { gunzipSync, gzipSync } from 'node:zlib';
import { OmnixError } from '../../core/errors.js';
import { mapPool } from '../../core/pool.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import { fromAwsError } from '../../providers/aws/errors.js';
import { ItemTable, type TableItem } from '../../providers/aws/item-table.js';
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
  lockContention,
  lockLost,
  MEMORY_PLACE,
  releaseExists,
} from '../names.js';
import type { JournalAppend, ListDeploymentsOptions, StateStore } from '../store.js';
import { checkWorkflowRunId, isWorkflowRunId, type WorkflowRunRecord } from '../workflow-runs.js';

type Item = TableItem;

const TABLE_KEYS = {
  partition: 'PK',
  sort: 'SK',
  idIndex: 'ByDeploymentId',
  idAttribute: 'DeploymentId',
};
/** DynamoDB's item limit is 400 KB; records are stored gzipped and refused above this. */
const MAX_BODY_BYTES = 380_000;

const conditionFailed = (error: unknown) =>
  (error as { name?: string }).name === 'ConditionalCheckFailedException';

const encode = (value: unknown, what: string): Uint8Array => {
  const body = gzipSync(JSON.stringify(value));
  if (body.length > MAX_BODY_BYTES)
    throw new OmnixError(
      'StateRecordTooLarge',
      `${what} is ${Math.round(body.length / 1024)} KB compressed, over what one DynamoDB item holds`,
      { hint: 'Use the s3 state store for sites with this many files.' },
    );
  return body;
};
const decode = <T>(item: Item | undefined): T | undefined =>
  item?.Body?.B ? (JSON.parse(gunzipSync(item.Body.B).toString('utf8')) as T) : undefined;

const deploymentSortKey = (id: string) => `deployment#${id}`;
const releaseSortKey = (number: number) => `release#${String(number).padStart(10, '0')}`;
const approvalSortKey = (id: string) => `approval#${id}`;
const LOCK_SORT_KEY = 'lock';
const journalSortKey = (id: string, from?: number) =>
  `journal#${id}#${from === undefined ? '' : String(from).padStart(10, '0')}`;
/** Changes per journal item: far below the item limit, whatever their length. */
const JOURNAL_ITEM_CHANGES = 1000;
const memorySortKey = (id: string) => `memory#${checkMemoryId(id)}`;
/** Workflow runs belong to no environment: a partition no environment name can have (names start alphanumeric). */
const WORKFLOW_RUNS = '_workflow-runs';
const workflowRunSortKey = (id: string) => `run#${id}`;

/**
 * Team state in one DynamoDB table. Partition key `PK` = the environment; sort key `SK` =
 * `deployment#<id>` (ids sort by time), `approval#<id>`, `release#<0000000001>`, or `lock`. Records are the gzipped JSON in
 * `Body`. A keys-only index `ByDeploymentId` finds a deployment by id alone. The lock is a conditional
 * put: only when there is none, or the one there expired (`ExpiresAt`, epoch milliseconds). A deployment's
 * journal is one item per append (`journal#<id>#<from>`), at most a thousand changes each. The agent's
 * memory is partition `.agent-memory` (no environment has that name), sort key `memory#<id>`.
 */
export class DynamoDbStateStore implements StateStore {
  private readonly items: ItemTable;

  constructor(
    client: Awaited<ReturnType<AwsClients['dynamoDb']>>,
    private readonly table: string,
  ) {
    this.items = new ItemTable(client, table);
  }

  get location(): string {
    return `dynamodb://${this.table}`;
  }

  async init(): Promise<string> {
    try {
      const keys = await this.items.keySchema();
      if (keys.HASH !== TABLE_KEYS.partition || keys.RANGE !== TABLE_KEYS.sort)
        throw new OmnixError(
          'StateTableMismatch',
          `table ${this.table} exists but its keys are ${keys.HASH}/${keys.RANGE}, not ${TABLE_KEYS.partition}/${TABLE_KEYS.sort}`,
          { hint: 'Name another table in state.table; omnix creates it.' },
        );
      return `state table ${this.table} exists`;
    } catch (error) {
      if ((error as { name?: string }).name !== 'ResourceNotFoundException')
        throw fromAwsError(error, `describing the state table ${this.table}`);
    }
    const string = (name: string) => ({ AttributeName: name, AttributeType: 'S' as const });
    try {
      await this.items.create({
        BillingMode: 'PAY_PER_REQUEST',
        AttributeDefinitions: [
          string(TABLE_KEYS.partition),
          string(TABLE_KEYS.sort),
          string(TABLE_KEYS.idAttribute),
        ],
        KeySchema: [
          { AttributeName: TABLE_KEYS.partition, KeyType: 'HASH' },
          { AttributeName: TABLE_KEYS.sort, KeyType: 'RANGE' },
        ],
        GlobalSecondaryIndexes: [
          {
            IndexName: TABLE_KEYS.idIndex,
            KeySchema: [{ AttributeName: TABLE_KEYS.idAttribute, KeyType: 'HASH' }],
            Projection: { ProjectionType: 'KEYS_ONLY' },
          },
        ],
      });
    } catch (error) {
      throw fromAwsError(error, `creating the state table ${this.table}`);
    }
    return `created the state table ${this.table} (on-demand capacity)`;
  }

  private async send<T>(doing: string, run: () => Promise<T>): Promise<T> {
    try {
      return await run();
    } catch (error) {
      if (conditionFailed(error)) throw error;
      if ((error as { name?: string }).name === 'ResourceNotFoundException')
        throw new OmnixError('StateTableMissing', `the state table ${this.table} does not exist`, {
          hint: 'Create it: omnix state init',
          cause: error,
        });
      throw fromAwsError(error, doing);
    }
  }

  private getItem(environment: string, sortKey: string): Promise<Item | undefined> {
    return this.getInPartition(checkEnvironment(environment), sortKey);
  }

  private async getInPartition(partition: string, sortKey: string): Promise<Item | undefined> {
    const { Item } = await this.send(`reading ${sortKey} of ${partition}`, () =>
      this.items.get({ Key: { PK: { S: partition }, SK: { S: sortKey } }, ConsistentRead: true }),
    );
    return Item;
  }

  /** Items of one environment whose sort key starts with `kind`, newest (highest) first. */
  private query<T>(
    environment: string,
    kind: string,
    limit: number,
    onUnreadable?: ListDeploymentsOptions['onUnreadable'],
  ): Promise<T[]> {
    return this.queryPartition(checkEnvironment(environment), kind, limit, onUnreadable);
  }

  /** `onUnreadable`: told of each item whose body does not decode (then left out); without it, such an item fails the query. */
  private async queryPartition<T>(
    partition: string,
    kind: string,
    limit: number,
    onUnreadable?: ListDeploymentsOptions['onUnreadable'],
  ): Promise<T[]> {
    const records: T[] = [];
    let start: Item | undefined;
    do {
      const page = await this.send(`listing ${kind} of ${partition}`, () =>
        this.items.query({
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :kind)',
          ExpressionAttributeValues: { ':pk': { S: partition }, ':kind': { S: kind } },
          ScanIndexForward: false,
          ConsistentRead: true,
          Limit: Math.min(limit - records.length, 1000),
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        let record: T | undefined;
        try {
          record = decode<T>(item);
        } catch (error) {
          if (!onUnreadable) throw error;
          onUnreadable(item.SK?.S?.slice(kind.length) ?? '', (error as Error).message);
        }
        if (record) records.push(record);
      }
      start = page.LastEvaluatedKey;
    } while (start && records.length < limit);
    return records;
  }

  async putDeployment(record: DeploymentRecord): Promise<void> {
    const item: Item = {
      PK: { S: checkEnvironment(record.environment) },
      SK: { S: deploymentSortKey(checkDeploymentId(record.id)) },
      DeploymentId: { S: record.id },
      Status: { S: record.status },
      Body: { B: encode(record, `deployment ${record.id}`) },
    };
    await this.send(`writing deployment ${record.id}`, () => this.items.put({ Item: item }));
  }

  async getDeployment(id: string, known?: string): Promise<DeploymentRecord | undefined> {
    if (!isDeploymentId(id)) return undefined;
    const read = (env: string, journal: string) => this.readJournal(env, journal);
    if (known) return withJournal(decode(await this.getItem(known, deploymentSortKey(id))), read);
    // The index is eventually consistent: a deployment written a moment ago may not be found by id alone.
    const { Items } = await this.send(`finding deployment ${id}`, () =>
      this.items.query({
        IndexName: TABLE_KEYS.idIndex,
        KeyConditionExpression: 'DeploymentId = :id',
        ExpressionAttributeValues: { ':id': { S: id } },
      }),
    );
    const environment = Items?.[0]?.PK?.S;
    return environment
      ? withJournal(decode(await this.getItem(environment, deploymentSortKey(id))), read)
      : undefined;
  }

  async listDeployments(
    environment: string,
    { limit = 50, onUnreadable }: ListDeploymentsOptions = {},
  ): Promise<DeploymentRecord[]> {
    const records = await this.query<DeploymentRecord>(environment, 'deployment#', limit, onUnreadable);
    return mapPool(
      records,
      8,
      async (record) => (await withJournal(record, (env, id) => this.readJournal(env, id)))!,
    );
  }

  async appendJournal(environment: string, id: string, append: JournalAppend): Promise<void> {
    for (let at = 0; at < append.changes.length; at += JOURNAL_ITEM_CHANGES) {
      const part = { from: append.from + at, changes: append.changes.slice(at, at + JOURNAL_ITEM_CHANGES) };
      const item: Item = {
        PK: { S: checkEnvironment(environment) },
        SK: { S: journalSortKey(checkDeploymentId(id), part.from) },
        Body: { B: encode(part, `the journal of deployment ${id}`) },
      };
      await this.send(`appending to the journal of deployment ${id}`, () => this.items.put({ Item: item }));
    }
  }

  /** The journal's items: their sort keys and appends. */
  private async journalItems(
    environment: string,
    id: string,
  ): Promise<Array<{ key: string; append: JournalAppend }>> {
    const items: Array<{ key: string; append: JournalAppend }> = [];
    let start: Item | undefined;
    do {
      const page = await this.send(`reading the journal of deployment ${id}`, () =>
        this.items.query({
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :journal)',
          ExpressionAttributeValues: {
            ':pk': { S: checkEnvironment(environment) },
            ':journal': { S: journalSortKey(checkDeploymentId(id)) },
          },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const append = decode<JournalAppend>(item);
        if (append && item.SK?.S) items.push({ key: item.SK.S, append });
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return items;
  }

  async readJournal(environment: string, id: string): Promise<string[]> {
    return joinAppends((await this.journalItems(environment, id)).map((item) => item.append));
  }

  async deleteJournal(environment: string, id: string): Promise<void> {
    const items = await this.journalItems(environment, id);
    await mapPool(items, 8, async ({ key }) => {
      await this.send(`removing the journal of deployment ${id}`, () =>
        this.items.delete({ Key: { PK: { S: checkEnvironment(environment) }, SK: { S: key } } }),
      );
    });
  }

  async putRelease(record: ReleaseRecord): Promise<void> {
    const item: Item = {
      PK: { S: checkEnvironment(record.environment) },
      SK: { S: releaseSortKey(checkReleaseNumber(record.number)) },
      Body: { B: encode(record, `release v${record.number}`) },
    };
    try {
      await this.send(`writing release v${record.number} of ${record.environment}`, () =>
        this.items.put({ Item: item, ConditionExpression: 'attribute_not_exists(PK)' }),
      );
    } catch (error) {
      if (conditionFailed(error)) throw releaseExists(record.environment, record.number);
      throw error;
    }
  }

  async getRelease(environment: string, number: number): Promise<ReleaseRecord | undefined> {
    if (!Number.isInteger(number) || number < 1) return undefined;
    return decode(await this.getItem(environment, releaseSortKey(number)));
  }

  listReleases(environment: string, { limit = 50 } = {}): Promise<ReleaseRecord[]> {
    return this.query(environment, 'release#', limit);
  }

  async putApproval(record: ApprovalRecord): Promise<void> {
    const item: Item = {
      PK: { S: checkEnvironment(record.environment) },
      SK: { S: approvalSortKey(checkApprovalId(record.id)) },
      Body: { B: encode(record, `approval record ${record.id}`) },
    };
    await this.send(`writing approval record ${record.id}`, () => this.items.put({ Item: item }));
  }

  listApprovals(environment: string, { limit = 50 } = {}): Promise<ApprovalRecord[]> {
    return this.query(environment, 'approval#', limit);
  }

  private lockItem(lock: LockRecord): Item {
    return {
      PK: { S: checkEnvironment(lock.environment) },
      SK: { S: LOCK_SORT_KEY },
      Token: { S: lock.token },
      ExpiresAt: { N: String(Date.parse(lock.expiresAt)) },
      Body: { B: encode(lock, 'the lock') },
    };
  }

  async acquireLock(
    environment: string,
    holder: LockRecord['holder'],
    ttlSeconds: number,
  ): Promise<LockAttempt> {
    const put = (lock: LockRecord, condition: string, values: Item, names?: Record<string, string>) =>
      this.send(`taking the lock of ${environment}`, () =>
        this.items.put({
          Item: this.lockItem(lock),
          ConditionExpression: condition,
          ExpressionAttributeValues: values,
          ...(names ? { ExpressionAttributeNames: names } : {}),
        }),
      ).then(
        () => true,
        (error: unknown) => {
          if (conditionFailed(error)) return false;
          throw error;
        },
      );
    for (let attempt = 0; attempt < 5; attempt++) {
      const lock = newLock(environment, holder, ttlSeconds);
      if (
        await put(lock, 'attribute_not_exists(PK) OR ExpiresAt <= :now', {
          ':now': { N: String(Date.now()) },
        })
      )
        return { acquired: true, lock };
      const current = await this.readLock(environment);
      if (!current) continue; // released meanwhile
      if (!isStale(current)) return { acquired: false, holder: current };
      // Stale before it expired (its process is gone): replace exactly the lock we saw.
      if (await put(lock, '#token = :seen', { ':seen': { S: current.token } }, { '#token': 'Token' }))
        return { acquired: true, lock };
    }
    throw lockContention(environment);
  }

  async renewLock(lock: LockRecord, ttlSeconds: number): Promise<LockRecord> {
    const renewed = renewedLock(lock, ttlSeconds);
    try {
      await this.send(`renewing the lock of ${lock.environment}`, () =>
        this.items.put({
          Item: this.lockItem(renewed),
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'Token' },
          ExpressionAttributeValues: { ':token': { S: lock.token } },
        }),
      );
    } catch (error) {
      if (conditionFailed(error))
        throw lockLost(lock.environment, (await this.readLock(lock.environment))?.holder);
      throw error;
    }
    return renewed;
  }

  async releaseLock(lock: LockRecord): Promise<void> {
    try {
      await this.send(`releasing the lock of ${lock.environment}`, () =>
        this.items.delete({
          Key: { PK: { S: checkEnvironment(lock.environment) }, SK: { S: LOCK_SORT_KEY } },
          ConditionExpression: '#token = :token',
          ExpressionAttributeNames: { '#token': 'Token' },
          ExpressionAttributeValues: { ':token': { S: lock.token } },
        }),
      );
    } catch (error) {
      if (!conditionFailed(error)) throw error; // else: no longer ours
    }
  }

  async readLock(environment: string): Promise<LockRecord | undefined> {
    return decode(await this.getItem(environment, LOCK_SORT_KEY));
  }

  async breakLock(environment: string): Promise<LockRecord | undefined> {
    const { Attributes } = await this.send(`breaking the lock of ${environment}`, () =>
      this.items.delete({
        Key: { PK: { S: checkEnvironment(environment) }, SK: { S: LOCK_SORT_KEY } },
        ReturnValues: 'ALL_OLD',
      }),
    );
    return decode(Attributes);
  }

  async putMemory(document: MemoryDocument): Promise<void> {
    const item: Item = {
      PK: { S: MEMORY_PLACE },
      SK: { S: memorySortKey(document.id) },
      Body: { B: encode(document, `memory document ${document.id}`) },
    };
    await this.send(`writing memory document ${document.id}`, () => this.items.put({ Item: item }));
  }

  async putWorkflowRun(record: WorkflowRunRecord): Promise<void> {
    const item: Item = {
      PK: { S: WORKFLOW_RUNS },
      SK: { S: workflowRunSortKey(checkWorkflowRunId(record.id)) },
      Status: { S: record.status },
      Body: { B: encode(record, `workflow run ${record.id}`) },
    };
    await this.send(`writing workflow run ${record.id}`, () => this.items.put({ Item: item }));
  }

  async listMemory(): Promise<MemoryRead[]> {
    const found: MemoryRead[] = [];
    let start: Item | undefined;
    do {
      const page = await this.send('listing the agent memory', () =>
        this.items.query({
          KeyConditionExpression: 'PK = :pk AND begins_with(SK, :kind)',
          ExpressionAttributeValues: { ':pk': { S: MEMORY_PLACE }, ':kind': { S: 'memory#' } },
          ConsistentRead: true,
          ...(start ? { ExclusiveStartKey: start } : {}),
        }),
      );
      for (const item of page.Items ?? []) {
        const id = (item.SK?.S ?? '').slice('memory#'.length);
        try {
          found.push({ id, ok: true, document: decode<unknown>(item) });
        } catch (error) {
          found.push({ id, ok: false, reason: (error as Error).message });
        }
      }
      start = page.LastEvaluatedKey;
    } while (start);
    return found;
  }

  async deleteMemory(id: string): Promise<void> {
    await this.send(`deleting memory document ${id}`, () =>
      this.items.delete({ Key: { PK: { S: MEMORY_PLACE }, SK: { S: memorySortKey(id) } } }),
    );
  }

  async getWorkflowRun(id: string): Promise<WorkflowRunRecord | undefined> {
    if (!isWorkflowRunId(id)) return undefined;
    return decode(await this.getInPartition(WORKFLOW_RUNS, workflowRunSortKey(id)));
  }

  listWorkflowRuns({ limit = 50 } = {}): Promise<WorkflowRunRecord[]> {
    return this.queryPartition(WORKFLOW_RUNS, 'run#', limit);
  }
}
