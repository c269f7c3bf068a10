import type { LoadedConfig } from '../config/load.js';
import type { ChangeKind } from '../engine/change/extensions.js';
import { deploymentPlan } from '../engine/plan/summary.js';
import type { DeploymentRecord } from '../records/index.js';
import type { NotificationEvent, NotifiedEventName } from './event.js';

/** What the notification of a change's start or end says, from its record (which holds no secrets). */
export function eventFromRecord(
  loaded: LoadedConfig,
  kind: ChangeKind,
  record: DeploymentRecord,
  moment: 'started' | 'finished',
): NotificationEvent {
  const event: NotifiedEventName =
    moment === 'started'
      ? 'started'
      : record.status === 'succeeded'
        ? kind === 'rollback'
          ? 'rolled_back'
          : record.promotedFrom
            ? 'promoted'
            : 'succeeded'
        : record.status === 'rolled_back'
          ? 'rolled_back'
          : 'failed';
  const finishedAt = record.finishedAt ? Date.parse(record.finishedAt) : undefined;
  const links = {
    ...(record.outputs?.siteUrl ? { site: record.outputs.siteUrl } : {}),
    ...(record.outputs?.apiUrl ? { api: record.outputs.apiUrl } : {}),
  };
  return {
    event,
    project: loaded.config.project,
    environment: loaded.environment,
    at: (moment === 'finished' ? record.finishedAt : undefined) ?? new Date().toISOString(),
    change: kind,
    deploymentId: record.id,
    ...(record.release !== undefined ? { release: record.release } : {}),
    ...(record.rollbackTo !== undefined && moment === 'started' ? { release: record.rollbackTo } : {}),
    who: record.caller.ci?.runUrl ? `${record.caller.user} (${record.caller.ci.runUrl})` : record.caller.user,
    ...(moment === 'finished' ? { outcome: record.status.replace('_', ' ') } : {}),
    ...(finishedAt !== undefined ? { durationMs: finishedAt - Date.parse(record.startedAt) } : {}),
    changes: whatChanges(record),
    ...(Object.keys(links).length > 0 ? { links } : {}),
    ...(record.approval ? { planDigest: record.approval.planDigest } : {}),
    ...(record.freezeOverride ? { reason: `freeze overridden: ${record.freezeOverride.reason}` } : {}),
    ...(record.errors[0] && moment === 'finished' ? { error: record.errors[0].message } : {}),
  };
}

/** A few lines about what the plan changes: functions and counts, not file lists. */
function whatChanges(record: DeploymentRecord): string[] {
  const plan = deploymentPlan(record);
  const lines: string[] = [];
  for (const fn of plan?.backend?.functions ?? [])
    if (fn.action !== 'unchanged') lines.push(`function ${fn.name}: ${fn.action}`);
  if (plan?.frontend && (plan.frontend.upload || plan.frontend.delete))
    lines.push(`site: ${plan.frontend.upload} file(s) to upload, ${plan.frontend.delete} to delete`);
  if (record.rollbackTo !== undefined) lines.push(`back to release v${record.rollbackTo}`);
  if (record.promotedFrom)
    lines.push(
      `promoted from ${record.promotedFrom.environment} release v${record.promotedFrom.release} (${record.promotedFrom.deploymentId})`,
    );
  return lines;
}
