import { randomUUID } from 'node:crypto';
import { mkdir, open, readdir, readFile, rename, rm } from 'node:fs/promises';
import { dirname, join } from 'node:path';
import { OmnixError } from '../../core/errors.js';
import type { DeploymentRecord, LockAttempt, LockRecord, ReleaseRecord } from '../records.js';
import type { StateStore } from '../store.js';

const ENVIRONMENT = /^[A-Za-z0-9][A-Za-z0-9_-]*$/;
const DEPLOYMENT_ID = /^d-[0-9TZ]+-[0-9a-f]+$/;

function checkEnvironment(environment: string): string {
  if (!ENVIRONMENT.test(environment))
    throw new OmnixError('InvalidEnvironment', `'${environment}' is not an environment name`);
  return environment;
}

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

/** Creates a file only if it does not exist yet (O_EXCL): true when this call created it. */
async function createExclusive(file: string, content: string): Promise<boolean> {
  await mkdir(dirname(file), { recursive: true });
  let handle: Awaited<ReturnType<typeof open>>;
  try {
    handle = await open(file, 'wx');
  } catch (error) {
    if ((error as NodeJS.ErrnoException).code === 'EEXIST') return false;
    throw error;
  }
  try {
    await handle.writeFile(content);
    await handle.sync();
  } finally {
    await handle.close();
  }
  return true;
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
 * exclusively; an expired one is moved aside by rename, which only one taker can win).
 */
export class FileStateStore implements StateStore {
  constructor(private readonly root: string) {}

  private dir(environment: string, ...parts: string[]): string {
    return join(this.root, checkEnvironment(environment), ...parts);
  }

  async putDeployment(record: DeploymentRecord): Promise<void> {
    if (!DEPLOYMENT_ID.test(record.id))
      throw new OmnixError('InvalidDeploymentId', `'${record.id}' is not a deployment id`);
    await atomicWrite(
      this.dir(record.environment, 'deployments', `${record.id}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
  }

  async getDeployment(id: string): Promise<DeploymentRecord | undefined> {
    if (!DEPLOYMENT_ID.test(id)) return undefined;
    for (const environment of await this.environments()) {
      const record = await readJson<DeploymentRecord>(this.dir(environment, 'deployments', `${id}.json`));
      if (record) return record;
    }
    return undefined;
  }

  async listDeployments(environment: string, { limit = 50 } = {}): Promise<DeploymentRecord[]> {
    const names = (await listNames(this.dir(environment, 'deployments'))).sort().reverse().slice(0, limit);
    const records = await Promise.all(
      names.map((name) => readJson<DeploymentRecord>(this.dir(environment, 'deployments', name))),
    );
    return records.filter((record): record is DeploymentRecord => record !== undefined);
  }

  async putRelease(record: ReleaseRecord): Promise<void> {
    if (!Number.isInteger(record.number) || record.number < 1)
      throw new OmnixError('InvalidRelease', `release numbers start at 1 (got ${record.number})`);
    const created = await createExclusive(
      this.dir(record.environment, 'releases', `${record.number}.json`),
      `${JSON.stringify(record, null, 2)}\n`,
    );
    if (!created)
      throw new OmnixError(
        'ReleaseExists',
        `release v${record.number} of ${record.environment} already exists`,
      );
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
    const records = await Promise.all(numbers.map((number) => this.getRelease(environment, number)));
    return records.filter((record): record is ReleaseRecord => record !== undefined);
  }

  async acquireLock(
    environment: string,
    holder: LockRecord['holder'],
    ttlSeconds: number,
  ): Promise<LockAttempt> {
    const file = this.dir(environment, 'lock.json');
    for (let attempt = 0; attempt < 3; attempt++) {
      const now = new Date();
      const lock: LockRecord = {
        environment,
        holder,
        acquiredAt: now.toISOString(),
        expiresAt: new Date(now.getTime() + ttlSeconds * 1000).toISOString(),
        token: randomUUID(),
      };
      if (await createExclusive(file, JSON.stringify(lock))) return { acquired: true, lock };
      const current = await readJson<LockRecord>(file);
      if (!current) continue; // released meanwhile: try again
      if (Date.parse(current.expiresAt) > Date.now()) return { acquired: false, holder: current };
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
    throw new OmnixError(
      'LockContention',
      `could not take the lock of ${environment} (too much contention)`,
      { hint: 'Try again.' },
    );
  }

  async renewLock(lock: LockRecord, ttlSeconds: number): Promise<LockRecord> {
    const file = this.dir(lock.environment, 'lock.json');
    const current = await readJson<LockRecord>(file);
    if (current?.token !== lock.token) {
      throw new OmnixError(
        'LockLost',
        `the lock of ${lock.environment} was taken over${current ? ` by ${current.holder.user}@${current.holder.host}` : ''}`,
      );
    }
    const renewed: LockRecord = {
      ...lock,
      expiresAt: new Date(Date.now() + ttlSeconds * 1000).toISOString(),
      token: randomUUID(),
    };
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

  private async environments(): Promise<string[]> {
    try {
      return (await readdir(this.root)).filter((name) => ENVIRONMENT.test(name));
    } catch {
      return [];
    }
  }
}
