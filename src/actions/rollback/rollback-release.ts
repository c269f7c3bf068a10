import { missingFromTarget } from '../../artifacts/live/release-objects.js';
import { siteListing } from '../../artifacts/live/site-listing.js';
import { DeploymentFailedError, OmnixError, UsageError, ValidationFailedError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { type ChangeContext, tellExtensions } from '../../engine/change/extensions.js';
import { recordInterrupted } from '../../engine/change/interrupted.js';
import { type ChangeOptions, openChange } from '../../engine/change/recorded-change.js';
import { beforeChanges } from '../../engine/change/run-steps.js';
import { differencesFrom, liveLike, restoreManifest } from '../../engine/restore/restore.js';
import { restoredManifest } from '../../engine/restore/restored-manifest.js';
import { checkHealth, healthFailure } from '../../engine/verify.js';
import { chooseTarget } from './rollback-target.js';

export interface RollbackOptions extends ChangeOptions {
  /**
   * The release to make live again; default: the one before the live release (refused when the live
   * release is itself a rollback: a release must then be named).
   */
  release?: number;
  /** The newest earlier release whose deployment was healthy and that no rollback moved away from. */
  auto?: boolean;
  /** Asked with the plan before any change; false stops. */
  confirm?: (plan: RollbackPlan) => Promise<boolean>;
}

export interface RollbackPlan {
  environment: string;
  from: number;
  to: number;
  /** Every way what is live differs from the target release: what the rollback changes. */
  changes: string[];
}

export type RollbackOutcome =
  | { status: 'already-live'; plan: RollbackPlan }
  | { status: 'declined'; plan: RollbackPlan }
  | {
      status: 'rolled-back';
      plan: RollbackPlan;
      deploymentId: string;
      release: number;
      durationMs: number;
      outputs: Record<string, string>;
    };

/**
 * Makes an earlier release live again, as a recorded deployment that makes a new release pointing at
 * that release's artifacts. Refuses a release whose object versions, function versions or API
 * deployments no longer exist; never deletes any.
 */
export async function rollbackRelease(options: RollbackOptions): Promise<RollbackOutcome> {
  const { report, environment } = options;
  const change = await openChange(options);
  const { phase, loaded, clients, store, startedAt: started } = change;
  // Listed once: the plan, the safety check, the snapshot, the restore and its verification share it.
  const listing = siteListing(clients, loaded.config.frontend?.prefix ?? '');
  const context = { loaded, clients, report, listing };

  const { target, plan, live } = await phase('plan', () =>
    beforeChanges(async () => {
      const [live] = await store.listReleases(environment, { limit: 1 });
      if (!live)
        throw new UsageError('NoRelease', `${environment} has no release yet: there is nothing to roll back`);
      const target = await chooseTarget(store, options, live);
      const missing = await missingFromTarget(target.manifest, context);
      if (missing.length > 0)
        throw new ValidationFailedError(
          'TargetNotRestorable',
          `v${target.number} of ${environment} cannot be restored: ${missing.length} part(s) no longer exist: ${missing.slice(0, 5).join('; ')}${missing.length > 5 ? '; …' : ''}`,
          { hint: 'Choose a later release (omnix history), or deploy.' },
        );
      const changes = await differencesFrom(target.manifest, context);
      return { target, plan: { environment, from: live.number, to: target.number, changes }, live };
    }),
  );
  if (plan.changes.length === 0) return { status: 'already-live', plan };
  if (options.confirm && !(await options.confirm(plan))) return { status: 'declined', plan };

  const recorded = await change.begin({
    rollbackTo: target.number,
    plan: { ...plan },
  });
  const { record, lease, save, changed } = recorded;
  const deploymentId = record.id;
  const told: ChangeContext = { kind: 'rollback', loaded, clients, store, report, env: options.env };
  await tellExtensions(options.extensions ?? [], told, 'started', record);
  try {
    await recordInterrupted(store, environment, deploymentId, report);
    // A release made since the plan (before this rollback held the lock) changed what is live: list again.
    const [latest] = await store.listReleases(environment, { limit: 1 });
    if (latest?.number !== live.number) listing.forget();
    await phase('snapshot', async () => {
      record.snapshot = await liveLike(target.manifest, context);
      await save();
    });
    await phase('restore', () => restoreManifest(target.manifest, { ...context, changed }));
    await phase('verify', async () => {
      const left = await differencesFrom(target.manifest, context);
      if (left.length > 0)
        throw new OmnixError(
          'RestoreNotVerified',
          `after the restore, ${left.length} thing(s) still differ: ${left.slice(0, 3).join('; ')}`,
        );
    });
    const made = await store.getDeployment(target.deploymentId, environment);
    const outputs = made?.outputs ?? {};
    const number = ((await store.listReleases(environment, { limit: 1 }))[0]?.number ?? 0) + 1;
    if (loaded.config.health.checks.length > 0) {
      // The old release is live again whatever its health: a failing check is reported, not undone.
      const health = await phase('health', () =>
        checkHealth(
          { loaded, clients, report, outputs, manifest: target.manifest, release: number },
          'rollback',
          'health',
        ),
      );
      record.health = [health];
      if (health.status === 'fail')
        emit(report, 'warn', 'health', healthFailure(health, `v${target.number} is live again, but`).message);
    }
    // The restore's copies are new object versions: the release names those, what S3 now serves.
    const manifest = await restoredManifest(target.manifest, context);
    await phase('commit', () => recorded.commit({ number, manifest, outputs }));
    await save(); // with the commit phase's own timing
    emit(report, 'info', 'commit', `v${number} of ${environment} is v${target.number} again`);
    return {
      status: 'rolled-back',
      plan,
      deploymentId,
      release: number,
      durationMs: Date.now() - started,
      outputs,
    };
  } catch (error) {
    await recorded.fail(error);
    throw new DeploymentFailedError(
      'RollbackFailed',
      `the rollback of ${environment} to v${target.number} failed: ${(error as Error).message}`,
      {
        hint:
          record.changes.length > 0
            ? `It had made ${record.changes.length} change(s); running the same rollback again continues it (it only changes what still differs). Details: omnix history show ${deploymentId}`
            : 'It failed before changing anything.',
        cause: error,
      },
    );
  } finally {
    await lease.release();
    if (record.status !== 'in_progress')
      await tellExtensions(options.extensions ?? [], told, 'finished', record);
  }
}
