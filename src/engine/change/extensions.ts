import type { LoadedConfig } from '../../config/load.js';
import { OmnixError, ValidationFailedError } from '../../core/errors.js';
import { emit, type Report } from '../../core/events.js';
import type { AwsClients } from '../../providers/aws/clients.js';
import type { DeploymentRecord, HealthReport, PlanSummary } from '../../records/index.js';
import type { StateStore } from '../../state/store.js';
import type { DeploymentPlan } from '../plan/plan-deployment.js';

/** Which engine command is changing (or about to change) an environment. */
export type ChangeKind = 'deploy' | 'rollback' | 'recover';

/** What an extension is told about the change it is called for. */
export interface ChangeContext {
  kind: ChangeKind;
  loaded: LoadedConfig;
  clients: AwsClients;
  store: StateStore;
  report: Report;
  env: Readonly<Record<string, string | undefined>>;
}

/**
 * A capability that lives outside the engine (the agent, orchestration's gates, notifications): the
 * engine tells it what happens to a change and, before anything changes, asks it about the plan. The
 * engine holds no such logic itself; the CLI decides which extensions a command runs with.
 *
 * An extension being broken never fails a change: whatever it throws becomes a warning, except an
 * `OmnixError` thrown by `reviewPlan`, which is how a gate refuses a change before anything changed.
 */
export interface ChangeExtension {
  /** Its findings appear under this name in the plan summary (`plan --json`, the deploy's plan event, the record). */
  readonly name: string;
  /**
   * After the plan (also for `omnix plan`, a dry run), before the confirmation and the lock. Returns
   * findings to add to the plan summary, or nothing; throws an OmnixError to refuse the change.
   * Findings must be the same for the same plan and history (no clocks, no randomness): a deployment
   * confirmed on a terminal refuses to go ahead when its plan differs from the one confirmed.
   */
  reviewPlan?(
    context: ChangeContext,
    review: { summary: PlanSummary; plan?: DeploymentPlan; dryRun: boolean },
  ): Promise<Record<string, unknown> | undefined>;
  /**
   * After the plan was confirmed (or, with `--yes`, needed no confirmation), before the lock: may the
   * change go ahead? A gate that needs a decision (an approval) makes or waits for it here. Whatever it
   * throws refuses the change: a gate that cannot decide must not let the change through.
   */
  authorize?(context: ChangeContext, review: { summary: PlanSummary; plan: DeploymentPlan }): Promise<void>;
  /** The change holds the environment's lock and is about to make its first change. */
  started?(context: ChangeContext, record: DeploymentRecord): Promise<void>;
  /**
   * In the verify phase, after the new release passed its health checks: an OmnixError thrown here
   * fails the verification (and the change rolls back like any failed verification); anything else
   * thrown is a warning.
   */
  checkRelease?(context: ChangeContext, record: DeploymentRecord, health: HealthReport): Promise<void>;
  /** The change ended (succeeded, failed, rolled back); `record` is final and saved (an extension may add to it and save it again). */
  finished?(context: ChangeContext, record: DeploymentRecord): Promise<void>;
}

/**
 * Asks each extension about the plan, in order; adds what they found to `summary` under their names.
 * Extensions sharing a name (the agent's memory and its risk model both report under `agent`) have
 * their findings merged, key by key, later ones winning on the same key.
 */
export async function reviewPlan(
  extensions: readonly ChangeExtension[],
  context: ChangeContext,
  review: { summary: PlanSummary; plan?: DeploymentPlan; dryRun: boolean },
): Promise<void> {
  for (const extension of extensions) {
    if (!extension.reviewPlan) continue;
    try {
      const found = await extension.reviewPlan(context, review);
      if (found) {
        const earlier = review.summary[extension.name];
        review.summary[extension.name] = isFindings(earlier) ? { ...earlier, ...found } : found;
      }
    } catch (error) {
      if (error instanceof OmnixError) throw error;
      warnBroken(context, extension, 'plan', error);
    }
  }
}

/**
 * Asks each extension whether the confirmed plan may be deployed, in order. Fails closed: an error that
 * is not an OmnixError becomes one (`GateFailed`), and refuses the change before anything changed.
 */
export async function authorize(
  extensions: readonly ChangeExtension[],
  context: ChangeContext,
  review: { summary: PlanSummary; plan: DeploymentPlan },
): Promise<void> {
  for (const extension of extensions) {
    if (!extension.authorize) continue;
    try {
      await extension.authorize(context, review);
    } catch (error) {
      if (error instanceof OmnixError) throw error;
      throw new ValidationFailedError(
        'GateFailed',
        `${extension.name} could not decide whether ${context.loaded.environment} may be deployed: ${(error as Error).message ?? String(error)}; nothing was deployed`,
        { cause: error },
      );
    }
  }
}

/** Asks each extension whether the verified release may stand; an OmnixError from one fails the verification. */
export async function checkRelease(
  extensions: readonly ChangeExtension[],
  context: ChangeContext,
  record: DeploymentRecord,
  health: HealthReport,
): Promise<void> {
  for (const extension of extensions) {
    if (!extension.checkRelease) continue;
    try {
      await extension.checkRelease(context, record, health);
    } catch (error) {
      if (error instanceof OmnixError) throw error;
      warnBroken(context, extension, 'verify', error);
    }
  }
}

/** Tells each extension that the change started or finished; their failures are warnings. */
export async function tellExtensions(
  extensions: readonly ChangeExtension[],
  context: ChangeContext,
  event: 'started' | 'finished',
  record: DeploymentRecord,
): Promise<void> {
  for (const extension of extensions) {
    try {
      await extension[event]?.(context, record);
    } catch (error) {
      warnBroken(context, extension, event === 'started' ? 'lock' : 'end', error);
    }
  }
}

const isFindings = (value: unknown): value is Record<string, unknown> =>
  typeof value === 'object' && value !== null && !Array.isArray(value);

function warnBroken(context: ChangeContext, extension: ChangeExtension, phase: string, error: unknown) {
  emit(context.report, 'warn', phase, `${extension.name}: ${(error as Error).message ?? String(error)}`);
}
