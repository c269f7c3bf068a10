import { ValidationFailedError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import { callerIdentity } from '../../engine/change/caller.js';
import type { ChangeExtension } from '../../engine/change/extensions.js';
import type { DeploymentRecord } from '../../records/index.js';
import { type ActiveFreeze, activeFreeze } from './windows.js';

export interface FreezeGateOptions {
  /** `--override-freeze "<why>"`: deploy inside a window anyway; recorded and notified. */
  overrideReason?: string;
  /** The clock (tests). */
  now?: () => Date;
}

/**
 * Refuses a deployment inside one of the environment's freeze windows (exit 3, with the window's reason),
 * unless overridden. Only deployments ask it: rollback and recover never are frozen. A plan (a dry run)
 * is told, not refused.
 */
export function freezeGate(options: FreezeGateOptions = {}): ChangeExtension {
  let overridden: ActiveFreeze | undefined;
  return {
    name: 'freeze',
    async reviewPlan(context, review) {
      if (context.kind !== 'deploy') return undefined;
      const frozen = activeFreeze(context.loaded.config.freeze, options.now?.() ?? new Date());
      if (!frozen) return undefined;
      const { environment } = context.loaded;
      if (review.dryRun || review.plan?.nothingToDo) {
        emit(
          context.report,
          'warn',
          'plan',
          `${environment} is frozen now (${frozen.window}): ${frozen.reason}`,
        );
        // In the plan (`plan --json` and its text) too: a deployment of it would be refused now.
        return { frozen: true, window: frozen.window, reason: frozen.reason };
      }
      if (!options.overrideReason?.trim())
        throw new ValidationFailedError(
          'Frozen',
          `${environment} is frozen (${frozen.window}): ${frozen.reason}; nothing was deployed`,
          {
            hint: `Deploy after the window, or, if it cannot wait: omnix deploy ${environment} --override-freeze "<why>" (recorded and notified). Rollback and recover are never frozen.`,
          },
        );
      overridden = frozen;
      emit(
        context.report,
        'warn',
        'plan',
        `freeze overridden (${frozen.window}: ${frozen.reason}): ${options.overrideReason}`,
      );
      return undefined;
    },
    async started(context, record) {
      if (!overridden || !options.overrideReason) return;
      record.freezeOverride = {
        reason: options.overrideReason,
        window: `${overridden.window}: ${overridden.reason}`,
        by: callerIdentity(context.env).user,
      };
      await notifyOverride(context, record);
    },
  };
}

async function notifyOverride(
  context: Parameters<NonNullable<ChangeExtension['started']>>[0],
  record: DeploymentRecord,
): Promise<void> {
  if (context.loaded.config.notifications.length === 0) return;
  const { notify } = await import('../../notifications/notify.js');
  const deliveries = await notify(
    {
      event: 'freeze_overridden',
      project: context.loaded.config.project,
      environment: context.loaded.environment,
      at: new Date().toISOString(),
      change: context.kind,
      deploymentId: record.id,
      who: record.freezeOverride!.by,
      reason: `${record.freezeOverride!.reason} (window ${record.freezeOverride!.window})`,
    },
    { loaded: context.loaded, clients: context.clients, report: context.report },
  );
  if (deliveries.length > 0) record.notifications = [...(record.notifications ?? []), ...deliveries];
}
