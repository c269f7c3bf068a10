import { listingOf } from '../../artifacts/live/release-objects.js';
import { DeploymentFailedError, OmnixError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { type ChangeContext, tellExtensions } from '../../engine/change/extensions.js';
import {
  findInterrupted,
  markRecovered,
  recentDeployments,
  recordInterrupted,
  unrecovered,
} from '../../engine/change/interrupted.js';
import { openChange } from '../../engine/change/recorded-change.js';
import { differencesFrom, restoreManifest } from '../../engine/restore/restore.js';
import { type DeployOptions, deploy } from '../deploy/deploy.js';

export type RecoverOptions = Omit<DeployOptions, 'resumeInterrupted' | 'dryRun' | 'confirm'> & {
  /** Finish the interrupted deployment (deploy the configuration) instead of restoring its snapshot. */
  resume?: boolean;
};

export type RecoverOutcome =
  | { status: 'nothing-to-recover' }
  | { status: 'restored'; deploymentId: string; recovered: string[]; changes: number; durationMs: number }
  | { status: 'resumed'; deploymentId: string; recovered: string[]; release: number; durationMs: number };

/**
 * Deals with interrupted deployments: by default puts back what was live before the oldest of them (its
 * snapshot), verified by reading it back; with `resume`, deploys the configuration over them instead.
 * Either way they are marked recovered, and the recovery is itself a recorded deployment.
 */
export async function recover(options: RecoverOptions): Promise<RecoverOutcome> {
  const { environment, report } = options;
  const change = await openChange(options);
  const { phase, loaded, clients, store, startedAt: started } = change;
  const context = { loaded, clients, report };

  const recent = await recentDeployments(store, environment);
  const dead = await findInterrupted(store, environment, { recent });
  if (dead.length + unrecovered(recent).length === 0) return { status: 'nothing-to-recover' };
  if (options.resume) {
    // The deployment itself finds and marks the interrupted ones under its lock.
    const outcome = await deploy({ ...options, resumeInterrupted: true });
    if (outcome.status !== 'succeeded') return { status: 'nothing-to-recover' };
    const recovered = (await recentDeployments(store, environment)).filter(
      (record) => record.recoveredBy?.deploymentId === outcome.deploymentId,
    );
    return {
      status: 'resumed',
      deploymentId: outcome.deploymentId,
      recovered: recovered.map((record) => record.id),
      release: outcome.release,
      durationMs: Date.now() - started,
    };
  }

  const recorded = await change.begin();
  const { record, lease, save, changed } = recorded;
  const deploymentId = record.id;
  const told: ChangeContext = { kind: 'recover', loaded, clients, store, report, env: options.env };
  await tellExtensions(options.extensions ?? [], told, 'started', record);
  let saved = false;
  try {
    const pending = await recordInterrupted(store, environment, deploymentId, report);
    const oldest = pending[0];
    if (!oldest) return { status: 'nothing-to-recover' };
    if (!oldest.snapshot)
      throw new OmnixError('NoSnapshot', `deployment ${oldest.id} recorded no snapshot to restore`, {
        hint: `Finish it instead: omnix recover ${environment} --resume`,
      });
    record.recoveryOf = pending.map((r) => r.id);
    await save();
    saved = true;
    emit(
      report,
      'info',
      'restore',
      `restoring what was live before ${oldest.id} (started ${oldest.startedAt})`,
    );
    // One listing for the restore and its read-back.
    const shared = { ...context, listing: listingOf(context) };
    await phase('restore', () => restoreManifest(oldest.snapshot!, { ...shared, changed }));
    await phase('verify', async () => {
      const left = await differencesFrom(oldest.snapshot!, shared);
      if (left.length > 0)
        throw new OmnixError(
          'RestoreNotVerified',
          `after the restore, ${left.length} thing(s) still differ: ${left.slice(0, 3).join('; ')}`,
        );
    });
    Object.assign(record, { status: 'succeeded', finishedAt: new Date().toISOString() });
    await save();
    await markRecovered(store, pending, deploymentId, 'restored');
    return {
      status: 'restored',
      deploymentId,
      recovered: pending.map((r) => r.id),
      changes: record.changes.length,
      durationMs: Date.now() - started,
    };
  } catch (error) {
    if (saved) {
      await recorded.fail(error);
      throw new DeploymentFailedError(
        'RecoveryFailed',
        `the recovery of ${environment} failed: ${(error as Error).message}`,
        {
          hint: `Running it again continues it (it only changes what still differs). Details: omnix history show ${deploymentId}`,
          cause: error,
        },
      );
    }
    throw error;
  } finally {
    await lease.release();
    if (record.status !== 'in_progress')
      await tellExtensions(options.extensions ?? [], told, 'finished', record);
  }
}
