import { siteListing } from '../../artifacts/live/site-listing.js';
import { type LocalArtifacts, localArtifacts } from '../../artifacts/local/local-artifacts.js';
import type { LoadedConfig } from '../../config/load.js';
import { hideSecretsInError, secretHider } from '../../config/secret-hider.js';
import { DeploymentFailedError, OmnixError, UsageError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { callerIdentity } from '../../engine/change/caller.js';
import {
  authorize,
  type ChangeContext,
  checkRelease,
  reviewPlan,
  tellExtensions,
} from '../../engine/change/extensions.js';
import { interruptedError, markRecovered, recordInterrupted } from '../../engine/change/interrupted.js';
import { type ChangeOptions, errorEntry, openChange } from '../../engine/change/recorded-change.js';
import { beforeChanges } from '../../engine/change/run-steps.js';
import { backendComponent } from '../../engine/components/backend/component.js';
import type { CanaryTarget } from '../../engine/components/component.js';
import { frontendComponent } from '../../engine/components/frontend/component.js';
import { liveManifest } from '../../engine/plan/live-manifest.js';
import { deploymentOutputs, type Outputs } from '../../engine/plan/outputs.js';
import { type DeploymentPlan, planDeployment } from '../../engine/plan/plan-deployment.js';
import { deploymentArtifacts } from '../../engine/plan/release-digests.js';
import { planSummary, recordedPlan } from '../../engine/plan/summary.js';
import { pinUnpublished } from '../../engine/restore/restore.js';
import { rollBack } from '../../engine/restore/rollback.js';
import { checkHealth, healthFailure } from '../../engine/verify.js';
import { alarmBaseline } from '../../health/checks/alarm.js';
import type {
  DeploymentRecord,
  HealthReport,
  PlanSummary,
  PromotedFrom,
  ReleaseManifest,
  ReleaseRecord,
} from '../../records/index.js';
import { runBuild } from './build.js';
import { runCanary } from './canary.js';
import { checkBeforeNothingToDo } from './nothing-to-do.js';
import { preflight } from './preflight.js';
import { pruneReleases } from './prune.js';

export interface DeployOptions extends ChangeOptions {
  only?: 'frontend' | 'backend';
  /** Stop after the plan. */
  dryRun?: boolean;
  skipBuild?: boolean;
  redeployApi?: boolean;
  /**
   * Asked after the plan, before any change; false stops the deployment. What it confirmed is what is
   * deployed: a plan that changes before the lock is taken (another deployment went first) is refused.
   */
  confirm?: (plan: PlanSummary) => Promise<boolean>;
  /**
   * Stop once the gates let the plan through (an approval of it exists), before the lock: a workflow's
   * approve step asks the gates about the plan of a later step this way.
   */
  authorizeOnly?: boolean;
  /**
   * Go ahead over interrupted deployments, finishing what they started (`recover --resume`); without it a
   * deployment refuses to start over one (exit 3).
   */
  resumeInterrupted?: boolean;
  /** After success, delete function versions and API deployments no kept release needs. */
  prune?: boolean;
  /** Canary rollout whatever `rollout.strategy` says, judged by `health.safeMode`'s stricter thresholds. */
  safeMode?: boolean;
  /** Leave out the validate phase; refused where approvals are required, unless `force`. Recorded. */
  skipValidation?: boolean;
  force?: boolean;
  /**
   * Deploy these artifacts instead of building and packaging the project (a promotion: another
   * environment's release, fetched and verified). There is then nothing to build.
   */
  artifactsFrom?: (loaded: LoadedConfig) => LocalArtifacts;
  /** Written on the deployment record: the release of another environment whose artifacts it deploys. */
  promotedFrom?: PromotedFrom;
}

export type { Outputs } from '../../engine/plan/outputs.js';

export type DeployOutcome =
  | { status: 'planned'; plan: PlanSummary; outputs: Outputs }
  | { status: 'nothing-to-do'; plan: PlanSummary; outputs: Outputs; release?: number }
  | { status: 'declined'; plan: PlanSummary }
  | { status: 'authorized'; plan: PlanSummary }
  | {
      status: 'succeeded';
      deploymentId: string;
      release: number;
      plan: PlanSummary;
      outputs: Outputs;
      durationMs: number;
    };

/** Runs the life cycle of DESIGN.md: load, build, package, validate, plan, approve, lock, snapshot, apply, verify, commit. */
export async function deploy(options: DeployOptions): Promise<DeployOutcome> {
  const report = options.report;
  const change = await openChange(options);
  const { phase, loaded, clients, store, startedAt: started } = change;
  const { config, environment, location } = loaded;
  const buildEnv = { ...options.env, OMNIX_ENVIRONMENT: environment };
  if (options.skipValidation && config.approvals.required && !options.force)
    throw new UsageError(
      'ValidationRequired',
      `${environment} requires approvals, so its deployments are validated: --skip-validation is refused`,
      { hint: 'Deploy with validation, or add --force to skip it anyway (the deployment record says so).' },
    );

  const skipBuild = options.skipBuild === true || options.artifactsFrom !== undefined;
  await phase(
    'build',
    () =>
      beforeChanges(async () => {
        if (skipBuild) return;
        if (config.frontend?.build && options.only !== 'backend')
          await runBuild('frontend', config.frontend.build, location.projectRoot, buildEnv);
        for (const [key, fn] of Object.entries(config.backend?.functions ?? {})) {
          if (fn.build && options.only !== 'frontend')
            await runBuild(`function ${key}`, fn.build, location.projectRoot, buildEnv);
        }
      }),
    skipBuild,
  );
  // Read once: validation and the plan both look at what was built (or, promoting, what another
  // environment has live), and at what the site bucket holds.
  const artifacts = options.artifactsFrom ? options.artifactsFrom(loaded) : localArtifacts(loaded);
  const listing = siteListing(clients, config.frontend?.prefix ?? '');
  const validation = await phase(
    'validate',
    () =>
      beforeChanges(async () =>
        options.skipValidation
          ? undefined
          : preflight({
              loaded,
              clients,
              store,
              env: options.env,
              report,
              artifacts,
              listing,
              ...(options.only ? { only: options.only } : {}),
            }),
      ),
    options.skipValidation === true,
  );
  const planNow = () => planDeployment(loaded, clients, store, { ...options, artifacts, listing });
  // What is live may have changed while this deployment waited: list it again.
  const planAgain = () => {
    listing.forget();
    return planNow();
  };
  let plan = await phase('plan', () => beforeChanges(planNow));
  if (plan.nothingToDo && !options.dryRun && !options.resumeInterrupted) {
    // "Nothing to change" only where a deployment could have run: not over a held lock or an interruption.
    const checked = await checkBeforeNothingToDo(store, environment, {
      waitMs: options.waitForLockMs ?? 0,
      ttlSeconds: config.state.lockTtlSeconds,
      holder: callerIdentity(options.env),
      report,
    });
    if (checked === 'waited') plan = await beforeChanges(planAgain);
  }
  const extensions = options.extensions ?? [];
  const told: ChangeContext = { kind: 'deploy', loaded, clients, store, report, env: options.env };
  const review = async () => {
    const reviewed = planSummary(plan);
    await reviewPlan(extensions, told, { summary: reviewed, plan, dryRun: options.dryRun === true });
    return reviewed;
  };
  let summary = await review();
  let outputs = await deploymentOutputs(config, plan, store);
  emit(report, 'info', 'plan', plan.nothingToDo ? 'nothing to change' : 'plan ready', { data: summary });
  if (options.dryRun) return { status: 'planned', plan: summary, outputs };
  if (plan.nothingToDo && !options.resumeInterrupted) {
    const latest = plan.releases[0];
    return { status: 'nothing-to-do', plan: summary, outputs, ...(latest ? { release: latest.number } : {}) };
  }
  // Time spent waiting for a person is not the deployment's: it starts (again) once they answered.
  const asked = Date.now();
  if (options.confirm && !(await options.confirm(summary))) return { status: 'declined', plan: summary };
  const waitedMs = Date.now() - asked;
  // What was confirmed is the engine's plan; the extensions' findings (a risk score) may move with the clock.
  const confirmed = options.confirm ? JSON.stringify(planSummary(plan)) : undefined;
  await authorize(extensions, told, { summary, plan });
  if (options.authorizeOnly) return { status: 'authorized', plan: summary };

  const recorded = await change.begin({
    startedAt: new Date(started + waitedMs).toISOString(),
    validation: validation ?? { skipped: true, forced: options.force === true },
    artifacts: deploymentArtifacts(plan),
    snapshot: liveManifest(plan),
    plan: recordedPlan(summary),
    ...(options.promotedFrom ? { promotedFrom: options.promotedFrom } : {}),
  });
  const { record, lease, save, changed } = recorded;
  const deploymentId = record.id;
  let previous: ReleaseRecord | undefined;
  let resumed: DeploymentRecord[] = [];
  try {
    resumed = await recordInterrupted(store, environment, deploymentId, report);
    if (resumed[0] && !options.resumeInterrupted) throw interruptedError(resumed[0], environment);
    if (resumed.length > 0) record.recoveryOf = resumed.map((interrupted) => interrupted.id);
    // Read again under the lock: the plan's read may predate another deployment's release.
    previous = (await store.listReleases(environment, { limit: 1 }))[0];
    // What is live may have changed since the plan read it (another deployment held the lock or
    // committed a release; or, while a person read the plan, anything at all): plan again against what
    // is live now, or its work is redone or called drift. A confirmed plan must still be the plan.
    const stale = recorded.waitedForLock || previous?.number !== plan.releases[0]?.number;
    if (stale || confirmed !== undefined) {
      plan = await beforeChanges(planAgain);
      if (confirmed !== undefined && JSON.stringify(planSummary(plan)) !== confirmed)
        throw new UsageError(
          'PlanChanged',
          `the plan for ${environment} changed after it was confirmed (what is live changed meanwhile); nothing was deployed`,
          { hint: 'Run the deployment again to see the new plan.' },
        );
      summary = await review();
      outputs = await deploymentOutputs(config, plan, store);
      if (stale) emit(report, 'info', 'lock', replannedMessage(plan, previous), { data: summary });
      Object.assign(record, {
        artifacts: deploymentArtifacts(plan),
        snapshot: liveManifest(plan),
        plan: recordedPlan(summary),
      });
    }
  } catch (error) {
    await lease.release();
    throw error;
  }

  if (plan.nothingToDo && !options.resumeInterrupted) {
    // What this deployment would have changed is live already (the deployment it waited for made it so).
    await lease.release();
    const latest = plan.releases[0];
    return { status: 'nothing-to-do', plan: summary, outputs, ...(latest ? { release: latest.number } : {}) };
  }

  const safeMode = options.safeMode === true;
  const strategy = safeMode ? 'canary' : config.rollout.strategy;
  record.rollout = { strategy, safeMode };
  const reports: HealthReport[] = [];
  record.health = reports;
  await tellExtensions(extensions, told, 'started', record);
  const verifying = { loaded, clients, report, outputs: outputs as Record<string, string>, safeMode };

  const rollBackFailure = async (snapshot: ReleaseManifest) => {
    emit(
      report,
      'warn',
      'rollback',
      `restoring what was live before ${deploymentId} (${record.changes.length} change(s) to undo)`,
    );
    // The rollback's own changes go to its record, written with the outcome.
    const rollback = await phase('rollback', () => rollBack(snapshot, { loaded, clients, report }));
    // What was live before is warm already: its checks get one attempt each.
    if (rollback.outcome === 'restored' && previous && config.health.checks.length > 0) {
      const health = await checkHealth(
        { ...verifying, manifest: snapshot, release: previous.number, retries: 0 },
        'rollback',
        'rollback',
      ).catch((error: Error) =>
        emit(report, 'warn', 'rollback', `health checks could not run: ${error.message}`),
      );
      if (health) reports.push(health);
    }
    return rollback;
  };

  try {
    const number = (previous?.number ?? 0) + 1;
    await phase('snapshot', async () => {
      if (record.snapshot && plan.backend) await pinUnpublished(record.snapshot, clients, report);
      record.alarmBaseline = await alarmBaseline(clients, config.health.checks).catch((error: Error) => {
        emit(
          report,
          'warn',
          'snapshot',
          `alarm states could not be read before the change: ${error.message}`,
        );
        return undefined;
      });
      await save();
    });
    const manifest: ReleaseManifest = { ...previous?.manifest };
    const canaries: CanaryTarget[] = [];
    await phase('apply', async () => {
      // Backend before frontend: pages already served keep working against the new API.
      const first = Math.min(...config.rollout.canary.steps);
      const context = {
        loaded,
        clients,
        store,
        releases: plan.releases,
        artifacts,
        listing,
        report,
        changed,
        ...(strategy === 'canary' ? { canary: { firstWeight: first, canaries } } : {}),
      };
      if (plan.backend) manifest.backend = await backendComponent.apply(plan.backend, context);
      if (plan.frontend) manifest.frontend = await frontendComponent.apply(plan.frontend, context);
    });
    await phase('verify', async () => {
      const verify = {
        ...verifying,
        manifest,
        release: number,
        ...(record.alarmBaseline ? { baseline: record.alarmBaseline } : {}),
      };
      if (canaries.length > 0)
        await runCanary(canaries, { ...verify, changed, reported: (health) => reports.push(health) });
      const health = await checkHealth(verify, 'deploy');
      reports.push(health);
      if (health.status === 'fail') throw healthFailure(health, 'the new release is not healthy');
      await checkRelease(extensions, told, record, health);
    });
    await phase('commit', () =>
      recorded.commit({ number, manifest, outputs: outputs as Record<string, string> }),
    );
    await save(); // with the commit phase's own timing
    await markRecovered(store, resumed, deploymentId, 'resumed');
    if (options.prune) {
      // Pruning is housekeeping: its failure is reported, and the deployment stands.
      record.pruned = await phase('prune', () => pruneReleases(loaded, clients, store, report)).catch(
        (error: Error) => {
          emit(report, 'warn', 'prune', `pruning failed: ${error.message}`);
          return undefined;
        },
      );
      await save();
    }
    return {
      status: 'succeeded',
      deploymentId,
      release: number,
      plan: summary,
      outputs,
      durationMs: Date.now() - started - waitedMs,
    };
  } catch (error) {
    // Once the release is recorded it stands: a later failure to write the record is not undone by rollback.
    if (record.release !== undefined)
      throw new OmnixError(
        'RecordNotSaved',
        `release v${record.release} of ${environment} is live and recorded, but writing deployment ${deploymentId} failed: ${(error as Error).message}`,
        { cause: error },
      );
    hideSecretsInError(error, await secretHider(loaded, clients));
    record.errors = [errorEntry(error)];
    // A lock taken over means another deployment may be changing things now: leave them alone.
    const rollback =
      config.rollout.autoRollback && record.changes.length > 0 && record.snapshot && !lease.lost()
        ? await rollBackFailure(record.snapshot)
        : undefined;
    Object.assign(record, {
      status: rollback?.outcome === 'restored' ? 'rolled_back' : 'failed',
      finishedAt: new Date().toISOString(),
      ...(rollback ? { rollback } : {}),
      ...(rollback?.outcome === 'failed' ? { needsAttention: true } : {}),
    });
    await save();
    throw new DeploymentFailedError(
      rollback?.outcome === 'restored' ? 'RolledBack' : 'DeploymentFailed',
      `deployment ${deploymentId} of ${environment} failed: ${(error as Error).message}${rollback?.outcome === 'restored' ? ` (rolled back in ${rollback.durationMs} ms: what was live before is live again)` : ''}`,
      { hint: failureHint(record, environment), cause: error },
    );
  } finally {
    await lease.release();
    if (record.status !== 'in_progress') await tellExtensions(extensions, told, 'finished', record);
  }
}

function replannedMessage(plan: DeploymentPlan, live: ReleaseRecord | undefined): string {
  const frontend = plan.frontend?.plan;
  const files = frontend
    ? `: ${frontend.uploads.length + frontend.entryPoints.length} file(s) to upload, ${frontend.deletes.length} to delete`
    : '';
  return `planned again under the lock, against ${live ? `release v${live.number}` : 'what is live'}${plan.nothingToDo ? ': nothing to change' : files}`;
}

function failureHint(record: DeploymentRecord, environment: string): string {
  const show = `omnix history show ${record.id}`;
  if (record.changes.length === 0) return 'It failed before changing anything.';
  if (record.rollback?.outcome === 'restored') return `Details: ${show}`;
  if (!record.rollback && record.errors[0]?.code === 'LockLost')
    return `Its lock was taken over, so it did not roll back over whoever holds it now; ${record.changes.length} change(s) were made: ${show}`;
  if (record.rollback)
    return `The rollback could not restore everything; ${environment} needs attention (omnix status ${environment}). Still different: ${record.rollback.differences?.slice(0, 3).join('; ') ?? 'unknown'}. Details: ${show}`;
  return `It had made ${record.changes.length} change(s) before failing (rollout.autoRollback is off): ${show}`;
}
