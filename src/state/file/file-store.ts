import { randomUUID } from 'node:crypto';
import { link, mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { mapPool } from '../../core/pool.js';
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
const WORKFLOW_RUNS = '_workflow-runs';

/** Writes through a temporary file, fsync and rename: readers see the old content or the new, never half. */
async function atomicWrite(file: string, content: string): Promise<void> {
  await mkdir(dirname(file), { recursive: true });
  const temp = `${file}.${randomUUID()}.tmp`;
  const handle = await open(temp, 'w');
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  await rename(temp, file);
}

/**
 * Creates a file only if it does not exist yet, with its whole content at once: written to a temporary
 * file, then hard-linked to its name (link fails if the name exists), so no reader sees it half written.
 */
async function createExclusive(file: string, content: string): Promise<boolean> {
  const temp = `${file}.${randomUUID()}.tmp`;
  await atomicWrite(temp, content);
  try {
    await link(temp, file);
    return true;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  } finally {
    await rm(temp, { force: true });
  }
}

async function readJson<T>(file: string): Promise<T | undefined> {
  try {
    return JSON.parse(await readFile(file, 'utf8')) as T;
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return undefined;
    throw error;
  }
}

async function listNames(dir: string): Promise<string[]> {
  try {
    return (await readdir(dir)).filter((name) => name.endsWith('.json'));
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
    throw error;
  }
}

/**
 * The default store: a folder (`.omnix/state`). Deployments in `<env>/deployments/<id>.json`, releases
 * in `<env>/releases/<number>.json` (created exclusively), the lock in `<env>/lock.json` (created
 * exclusively; an expired one is moved aside by rename, which only one taker can win). A deployment's
 * journal is `<env>/journals/<id>.ndjson`, one line per append, each fsynced. Approval records are in
 * `<env>/approvals/<id>.json`; the agent's memory is in `.agent-memory/<id>.json`.
 */
export class FileStateStore implements StateStore {
  constructor(private readonly root: string) {}

  get location(): string {
    return this.root;
  }

  async init(): Promise<string> {
    await mkdir(this.root, { recursive: true });
    return `state folder ${this.root} is ready`;
  }

  private dir(environment: string, ...parts: string[]): string {
    return join(this.root, checkEnvironment(environment), ...parts);
  }

  async putDeployment(record: DeploymentRecord): Promise<void> {
    await atomicWrite(
      this.dir(record.environment, 'deployments', `${checkDeploymentId(record.id)}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
  }

  async getDeployment(id: string, known?: string): Promise<DeploymentRecord | undefined> {
    if (!isDeploymentId(id)) return undefined;
    for (const environment of known ? [known] : await this.environments()) {
      const record = await readJson<DeploymentRecord>(this.dir(environment, 'deployments', `${id}.json`));
      if (record) return withJournal(record, (env, journal) => this.readJournal(env, journal));
    }
    return undefined;
  }

  async listDeployments(
    environment: string,
    { limit = 50, onUnreadable }: ListDeploymentsOptions = {},
  ): Promise<DeploymentRecord[]> {
    const names = (await listNames(this.dir(environment, 'deployments'))).sort().reverse().slice(0, limit);
    const records = await mapPool(names, 32, async (name) => {
      let record: DeploymentRecord | undefined;
      try {
        record = await readJson<DeploymentRecord>(this.dir(environment, 'deployments', name));
      } catch (error) {
        if (!onUnreadable || !(error instanceof SyntaxError)) throw error;
        onUnreadable(name.replace(/\.json$/, ''), error.message);
        return undefined;
      }
      return withJournal(record, (env, id) => this.readJournal(env, id));
    });
    return records.filter((record): record is DeploymentRecord => record !== undefined);
  }

  private journal(environment: string, id: string): string {
    return this.dir(environment, 'journals', `${checkDeploymentId(id)}.ndjson`);
  }

  async appendJournal(environment: string, id: string, append: JournalAppend): Promise<void> {
    const file = this.journal(environment, id);
    await mkdir(dirname(file), { recursive: true });
    const handle = await open(file, 'a');
    try {
      await handle.writeFile(`${JSON.stringify(append)}\n`);
      await handle.sync();
    } finally {
      await handle.close();
    }
  }

  async readJournal(environment: string, id: string): Promise<string[]> {
    let text: string;
    try {
      text = await readFile(this.journal(environment, id), 'utf8');
    } catch (error) {
      if ((error as NodeJS.ErrnoException).code === 'ENOENT') return [];
      throw error;
    }
    // Only a complete line was synced: a last line without its newline was cut off by a crash.
    const lines = text.split('\n').slice(0, -1);
    return joinAppends(lines.map((line) => JSON.parse(line) as JournalAppend));
  }

  async deleteJournal(environment: string, id: string): Promise<void> {
    await rm(this.journal(environment, id), { force: true });
  }

  async putRelease(record: ReleaseRecord): Promise<void> {
    const created = await createExclusive(
      this.dir(record.environment, 'releases', `${checkReleaseNumber(record.number)}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
    if (!created) throw releaseExists(record.environment, record.number);
  }

  async getRelease(environment: string, number: number): Promise<ReleaseRecord | undefined> {
    return readJson<ReleaseRecord>(this.dir(environment, 'releases', `${number}.json`));
  }

  async listReleases(environment: string, { limit = 50 } = {}): Promise<ReleaseRecord[]> {
    const numbers = (await listNames(this.dir(environment, 'releases')))
      .map((name) => Number(name.replace(/\.json$/, '')))
      .filter(Number.isInteger)
      .sort((a, b) => b - a)
      .slice(0, limit);
    const records = await mapPool(numbers, 32, (number) => this.getRelease(environment, number));
    return records.filter((record): record is ReleaseRecord => record !== undefined);
  }

  async putApproval(record: ApprovalRecord): Promise<void> {
    await atomicWrite(
      this.dir(record.environment, 'approvals', `${checkApprovalId(record.id)}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
  }

  async listApprovals(environment: string, { limit = 50 } = {}): Promise<ApprovalRecord[]> {
    const names = (await listNames(this.dir(environment, 'approvals'))).sort().reverse().slice(0, limit);
    const records = await mapPool(names, 32, (name) =>
      readJson<ApprovalRecord>(this.dir(environment, 'approvals', name)),
    );
    return records.filter((record): record is ApprovalRecord => record !== undefined);
  }

  async acquireLock(
    environment: string,
    holder: LockRecord['holder'],
    ttlSeconds: number,
  ): Promise<LockAttempt> {
    const file = this.dir(environment, 'lock.json');
    for (let attempt = 0; attempt < 3; attempt++) {
      const lock = newLock(environment, holder, ttlSeconds);
      if (await createExclusive(file, JSON.stringify(lock))) return { acquired: true, lock };
      const current = await readJson<LockRecord>(file);
      if (!current) continue; // released meanwhile: try again
      if (!isStale(current)) return { acquired: false, holder: current };
      // Expired: move it aside. Of several takers only one rename succeeds; the rest retry and find its lock.
      const aside = `${file}.expired-${current.token}`;
      try {
        await rename(file, aside);
        await rm(aside, { force: true });
      } catch (error) {
        if ((error as NodeJS.ErrnoException).code !== 'ENOENT') throw error;
      }
    }
    const holderNow = await readJson<LockRecord>(file);
    if (holderNow) return { acquired: false, holder: holderNow };
    throw lockContention(environment);
  }

  async renewLock(lock: LockRecord, ttlSeconds: number): Promise<LockRecord> {
    const file = this.dir(lock.environment, 'lock.json');
    const current = await readJson<LockRecord>(file);
    if (current?.token !== lock.token) throw lockLost(lock.environment, current?.holder);
    const renewed = renewedLock(lock, ttlSeconds);
    await atomicWrite(file, JSON.stringify(renewed));
    return renewed;
  }

  async releaseLock(lock: LockRecord): Promise<void> {
    const file = this.dir(lock.environment, 'lock.json');
    const current = await readJson<LockRecord>(file);
    if (current?.token === lock.token) await rm(file, { force: true });
  }

  readLock(environment: string): Promise<LockRecord | undefined> {
    return readJson<LockRecord>(this.dir(environment, 'lock.json'));
  }

  async breakLock(environment: string): Promise<LockRecord | undefined> {
    const current = await this.readLock(environment);
    await rm(this.dir(environment, 'lock.json'), { force: true });
    return current;
  }

  async putMemory(document: MemoryDocument): Promise<void> {
    await atomicWrite(
      join(this.root, MEMORY_PLACE, `${checkMemoryId(document.id)}.json`),
      `${JSON.stringify(document, null, 2)}\n`,
    );
  }

  async listMemory(): Promise<MemoryRead[]> {
    const names = (await listNames(join(this.root, MEMORY_PLACE))).sort();
    return mapPool(names, 32, async (name): Promise<MemoryRead> => {
      const id = name.replace(/\.json$/, '');
      try {
        return {
          id,
          ok: true,
          document: JSON.parse(await readFile(join(this.root, MEMORY_PLACE, name), 'utf8')),
        };
      } catch (error) {
        return { id, ok: false, reason: (error as Error).message };
      }
    });
  }

  async deleteMemory(id: string): Promise<void> {
    await rm(join(this.root, MEMORY_PLACE, `${checkMemoryId(id)}.json`), { force: true });
  }

  async putWorkflowRun(record: WorkflowRunRecord): Promise<void> {
    await atomicWrite(
      join(this.root, WORKFLOW_RUNS, `${checkWorkflowRunId(record.id)}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
  }

  async getWorkflowRun(id: string): Promise<WorkflowRunRecord | undefined> {
    if (!isWorkflowRunId(id)) return undefined;
    return readJson<WorkflowRunRecord>(join(this.root, WORKFLOW_RUNS, `${id}.json`));
  }

  async listWorkflowRuns({ limit = 50 } = {}): Promise<WorkflowRunRecord[]> {
    const dir = join(this.root, WORKFLOW_RUNS);
    const names = (await listNames(dir)).sort().reverse().slice(0, limit);
    const records = await mapPool(names, 32, (name) => readJson<WorkflowRunRecord>(join(dir, name)));
    return records.filter((record): record is WorkflowRunRecord => record !== undefined);
  }

  private async environments(): Promise<string[]> {
    try {
      return (await readdir(this.root)).filter(isEnvironmentName);
    } catch {
      return [];
    }
  }
}
