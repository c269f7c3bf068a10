import { UsageError } from '../../core/errors.js';
import type { DeploymentRecord, ReleaseRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';

export interface TargetChoice {
  environment: string;
  /** The release to make live again, as the user named it. */
  release?: number;
  /** The newest earlier release known to be healthy. */
  auto?: boolean;
}

type Made = { release: ReleaseRecord; record: DeploymentRecord | undefined };

/** The release a release restored, when a rollback made it (`v4 = v1 again` → 1). */
const restoredBy = ({ release, record }: Made): number => record?.rollbackTo ?? release.number;

/** The release a rollback moved away from, recorded in its plan. */
const rolledBackFrom = (record: DeploymentRecord | undefined): number | undefined => {
  const plan = record?.rollbackTo !== undefined ? record.plan : undefined;
  // A manual rollback's plan names the release it moved away from (records are read, not trusted).
  return plan && 'from' in plan && typeof plan.from === 'number' ? plan.from : undefined;
};

/** A release's deployment finished and none of its health checks failed (a rollback keeps an unhealthy release live). */
const healthy = (record: DeploymentRecord | undefined): boolean =>
  record?.status === 'succeeded' && !(record.health ?? []).some((report) => report.status === 'fail');

async function withRecords(
  store: StateStore,
  environment: string,
  releases: ReleaseRecord[],
): Promise<Made[]> {
  return Promise.all(
    releases.map(async (release) => ({
      release,
      record: await store.getDeployment(release.deploymentId, environment),
    })),
  );
}

/**
 * Which release a rollback makes live. Named: that one. Plain: the release before the live one, read
 * through rollback releases to the release they restored; but when the live release is itself a
 * rollback, going "back" again would make the release it rolled away from live, so a release must be
 * named. `auto`: the newest earlier release whose deployment was healthy, that no rollback moved away
 * from, and that does not serve what is live already.
 */
export async function chooseTarget(
  store: StateStore,
  choice: TargetChoice,
  live: ReleaseRecord,
): Promise<ReleaseRecord> {
  const { environment } = choice;
  if (choice.release !== undefined) {
    if (choice.release === live.number)
      throw new UsageError('AlreadyLive', `v${live.number} is the live release of ${environment}`);
    const chosen = await store.getRelease(environment, choice.release);
    if (!chosen)
      throw new UsageError('ReleaseNotFound', `${environment} has no release v${choice.release}`, {
        hint: `Its releases: omnix history ${environment}`,
      });
    return chosen;
  }
  if (choice.auto) return healthyTarget(store, environment, live);
  const record = await store.getDeployment(live.deploymentId, environment);
  if (record?.rollbackTo !== undefined) {
    const from = rolledBackFrom(record);
    throw new UsageError(
      'LiveIsRollback',
      `v${live.number}, live on ${environment}, is already a rollback: v${record.rollbackTo} again${from ? `, rolled back from v${from}` : ''}. Rolling "back" once more would not go further back`,
      {
        hint: `Name the release to make live: omnix rollback ${environment} <release> (omnix history ${environment} lists them).`,
      },
    );
  }
  const previous = (await store.listReleases(environment, { limit: 2 })).find(
    (release) => release.number < live.number,
  );
  if (!previous)
    throw new UsageError('NoEarlierRelease', `${environment} has no release before v${live.number}`);
  const restored = (await store.getDeployment(previous.deploymentId, environment))?.rollbackTo;
  return (restored !== undefined ? await store.getRelease(environment, restored) : undefined) ?? previous;
}

/**
 * `--auto`: the newest earlier release that no rollback moved away from, whose health did not fail when
 * it was made live, and that does not serve what is live already; read through the whole history.
 */
async function healthyTarget(
  store: StateStore,
  environment: string,
  live: ReleaseRecord,
): Promise<ReleaseRecord> {
  const all = await withRecords(
    store,
    environment,
    await store.listReleases(environment, { limit: Number.POSITIVE_INFINITY }),
  );
  const made = new Map(all.map((entry) => [entry.release.number, entry]));
  const current: Made = made.get(live.number) ?? {
    release: live,
    record: await store.getDeployment(live.deploymentId, environment),
  };
  // What a rollback moved away from was bad, and so was what failed its health checks when made live
  // again; so is every release serving the same thing.
  const avoided = new Set(
    all.flatMap((entry) => {
      const from = made.get(rolledBackFrom(entry.record) ?? Number.NaN);
      return [...(from ? [restoredBy(from)] : []), ...(healthy(entry.record) ? [] : [restoredBy(entry)])];
    }),
  );
  const liveContent = restoredBy(current);
  const found = all.find(
    (entry) =>
      entry.release.number < live.number &&
      !avoided.has(restoredBy(entry)) &&
      restoredBy(entry) !== liveContent,
  );
  if (!found)
    throw new UsageError(
      'NoHealthyRelease',
      `${environment} has no earlier release whose deployment was healthy and that was not rolled back`,
      {
        hint: `Name one: omnix rollback ${environment} <release> (omnix history ${environment} lists them).`,
      },
    );
  return found.release;
}
