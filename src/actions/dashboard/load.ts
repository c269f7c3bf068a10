import { findInterrupted } from '../../engine/change/interrupted.js';
import { isStale } from '../../state/lease.js';
import type { StateStore } from '../../state/store.js';
import { type Checked, checkDeployment, checkLock, checkRelease } from './check-record.js';
import {
  type EnvironmentHistory,
  type EnvironmentMetrics,
  environmentMetrics,
} from './metrics/environment-metrics.js';
import { printable } from './printable.js';
import type { DeploymentRecord, LockRecord, ReleaseRecord } from './records.js';

/** An environment and the store that holds its state. */
export interface HistorySource {
  environment: string;
  store: StateStore;
}

/** Commit sha → ISO time of the commit, for those whose time can be found. */
export type CommitTimes = (shas: readonly string[]) => Promise<ReadonlyMap<string, string>>;

export interface LoadDashboardOptions {
  now: Date;
  /** How to learn commits' times (for lead times). @default none known */
  commitTimes?: CommitTimes;
  /** The newest this many deployments and releases of each environment are read. @default 5000 */
  limit?: number;
}

/** What the page, `--out` and `--json` show. */
export interface DashboardData {
  generatedAt: string;
  environments: EnvironmentMetrics[];
  /** Records skipped and stores that could not be read, in words. */
  warnings: string[];
}

const idOf = (value: unknown): string => {
  const id = (value as { id?: unknown } | null)?.id;
  return typeof id === 'string' ? printable(id, 80) : '(no id)';
};

function keep<T>(
  values: unknown[],
  check: (value: unknown) => Checked<T>,
  skipped: (value: unknown, reason: string) => void,
): T[] {
  return values.flatMap((value) => {
    const checked = check(value);
    if (checked.ok) return [checked.value];
    skipped(value, checked.reason);
    return [];
  });
}

async function readOrWarn<T>(
  read: () => Promise<T>,
  fallback: T,
  warn: (reason: string) => void,
): Promise<T> {
  try {
    return await read();
  } catch (error) {
    warn(printable(error instanceof Error ? error.message : String(error)));
    return fallback;
  }
}

async function readEnvironment(
  { environment, store }: HistorySource,
  limit: number,
  warnings: string[],
): Promise<Omit<EnvironmentHistory, 'commitTimes'>> {
  const name = printable(environment, 80);
  const [listed, listedReleases, lockFound] = await Promise.all([
    readOrWarn(
      () =>
        store.listDeployments(environment, {
          limit,
          onUnreadable: (id, reason) =>
            warnings.push(
              `skipped deployment record ${printable(id, 80)} of ${name}: not JSON (${printable(reason)})`,
            ),
        }),
      [] as unknown[],
      (reason) => warnings.push(`the deployments of ${name} could not be read: ${reason}`),
    ),
    readOrWarn(
      () => store.listReleases(environment, { limit }),
      [] as unknown[],
      (reason) => warnings.push(`the releases of ${name} could not be read: ${reason}`),
    ),
    readOrWarn(
      () => store.readLock(environment),
      undefined as unknown,
      (reason) => warnings.push(`the lock of ${name} could not be read: ${reason}`),
    ),
  ]);
  if (listed.length >= limit) warnings.push(`only the newest ${limit} deployments of ${name} are counted`);
  const deployments = keep<DeploymentRecord>(
    listed,
    (value) => checkDeployment(value, environment),
    (value, reason) =>
      warnings.push(`skipped deployment record ${idOf(value)} of ${name}: ${printable(reason)}`),
  );
  const releases = keep<ReleaseRecord>(
    listedReleases,
    (value) => checkRelease(value, environment),
    (value, reason) =>
      warnings.push(`skipped a release record of ${name} (${idOf(value)}): ${printable(reason)}`),
  );
  const [lock] = keep<LockRecord>(
    lockFound === undefined ? [] : [lockFound],
    (value) => checkLock(value, environment),
    (_value, reason) => warnings.push(`skipped the lock record of ${name}: ${printable(reason)}`),
  );
  const dead = await readOrWarn(
    () => findInterrupted(store, environment, { recent: deployments }),
    [],
    (reason) =>
      warnings.push(`could not tell which running deployments of ${name} were interrupted: ${reason}`),
  );
  return {
    environment,
    deployments,
    releases,
    lock: lock ? { record: lock, stale: isStale(lock) } : null,
    deadIds: new Set(dead.map((record) => record.id)),
  };
}

/**
 * Reads each environment's deployments, releases and lock, skipping (with a warning) records that are
 * not what they should be and stores that cannot be read, and computes the metrics as of `now`.
 */
export async function loadDashboard(
  sources: readonly HistorySource[],
  options: LoadDashboardOptions,
): Promise<DashboardData> {
  const warnings: string[] = [];
  const limit = options.limit ?? 5000;
  const histories = await Promise.all(sources.map((source) => readEnvironment(source, limit, warnings)));
  const shas = [
    ...new Set(
      histories.flatMap((history) => history.deployments.flatMap((record) => record.caller.ci?.commit ?? [])),
    ),
  ];
  const commitTimes = shas.length > 0 && options.commitTimes ? await options.commitTimes(shas) : new Map();
  return {
    generatedAt: options.now.toISOString(),
    environments: histories.map((history) => environmentMetrics({ ...history, commitTimes }, options.now)),
    warnings,
  };
}
