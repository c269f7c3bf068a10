import { ValidationFailedError } from '../../core/errors.js';
import type { ChangeOptions } from '../../engine/change/recorded-change.js';
import type { HealthReport, ReleaseRecord } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import { healthNow } from '../inspect/health-now.js';
import { driftNow } from '../inspect/validate-now.js';

/** The source release a promotion may take its artifacts from, and the checks that said so. */
export interface PromotableRelease {
  release: ReleaseRecord;
  health: HealthReport;
}

const refuse = (environment: string, why: string, hint: string) =>
  new ValidationFailedError(
    'SourceNotPromotable',
    `${environment} cannot be promoted: ${why}; nothing was changed`,
    {
      hint,
    },
  );

/**
 * The source environment's latest release, refused (exit 3) unless it is what the latest deployment
 * made live (not rolled back, by hand or automatically, and nothing interrupted), nothing drifted from
 * it, and its health checks pass now.
 */
export async function promotableRelease(
  store: StateStore,
  options: Omit<ChangeOptions, 'waitForLockMs'>,
): Promise<PromotableRelease> {
  const environment = options.environment;
  const [release] = await store.listReleases(environment, { limit: 1 });
  if (!release)
    throw refuse(environment, 'it has no release yet', `Deploy it first: omnix deploy ${environment}`);
  // A deployment that failed before changing anything left the release live as it was.
  const [latest] = (await store.listDeployments(environment, { limit: 20 })).filter(
    (record) => !(record.status === 'failed' && record.changes.length === 0),
  );
  const made = await store.getDeployment(release.deploymentId, environment);
  if (latest && latest.id !== release.deploymentId)
    throw refuse(
      environment,
      latest.status === 'rolled_back'
        ? `its latest deployment ${latest.id} was rolled back, so release v${release.number} is not what was last deployed`
        : `its latest deployment ${latest.id} is ${latest.status}, not release v${release.number}'s`,
      `Deploy ${environment} successfully, then promote.`,
    );
  if (made?.rollbackTo !== undefined)
    throw refuse(
      environment,
      `release v${release.number} is a rollback to v${made.rollbackTo}`,
      `Deploy ${environment} again, then promote the release that passed there.`,
    );
  const drift = await driftNow(options);
  if (drift.interrupted || drift.attention || drift.drift.length > 0)
    throw refuse(
      environment,
      drift.drift.length > 0
        ? `it drifted from release v${release.number} (${drift.lines.slice(0, 3).join('; ')})`
        : 'a deployment of it did not finish cleanly',
      `See: omnix drift ${environment}`,
    );
  const health = await healthNow(options);
  if (health.status === 'fail')
    throw refuse(
      environment,
      `its health checks fail now (${health.checks
        .filter((check) => check.status === 'fail')
        .map((check) => `${check.name}: ${check.message}`)
        .join('; ')})`,
      `See: omnix health ${environment}`,
    );
  return { release, health };
}
