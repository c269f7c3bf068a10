import type { DEPLOY_EVENTS } from '../config/schema/common.js';

export type NotifiedEventName = (typeof DEPLOY_EVENTS)[number];

/**
 * What a notification says, built from records (which hold no secrets) and passed through the
 * environment's secret hider before it is sent. The JSON webhook receives exactly this object.
 */
export interface NotificationEvent {
  event: NotifiedEventName;
  project: string;
  environment: string;
  /** When it happened (ISO 8601). */
  at: string;
  /** deploy, rollback, recover, promote, or a workflow step. */
  change?: string;
  deploymentId?: string;
  release?: number;
  /** Who ran or decided it: user or CI identity, or an AWS identity. */
  who?: string;
  outcome?: string;
  durationMs?: number;
  /** What changed, in a few short lines. */
  changes?: string[];
  links?: { site?: string; api?: string };
  planDigest?: string;
  /** For an approval request: the command that approves it. */
  approveCommand?: string;
  comment?: string;
  reason?: string;
  error?: string;
  /** Free text (a workflow's notify step). */
  message?: string;
}

const TITLES: Record<NotifiedEventName, string> = {
  started: 'deployment started',
  succeeded: 'deployment succeeded',
  failed: 'deployment FAILED',
  rolled_back: 'deployment rolled back',
  approval_requested: 'approval requested',
  approved: 'plan approved',
  rejected: 'plan rejected',
  promoted: 'release promoted',
  freeze_overridden: 'freeze overridden',
};

/** One line: `omnix-shop production: deployment succeeded (release v4)`. */
export function headline(event: NotificationEvent): string {
  const release = event.release !== undefined ? ` (release v${event.release})` : '';
  return `${event.project} ${event.environment}: ${TITLES[event.event]}${release}`;
}

/** The readable text a chat message or an SNS e-mail shows: headline, then one fact per line. */
export function describeEvent(event: NotificationEvent): string {
  const lines = [headline(event)];
  const fact = (label: string, value: unknown) => {
    if (value !== undefined && value !== '') lines.push(`${label}: ${value}`);
  };
  fact('change', event.change && event.deploymentId ? `${event.change} ${event.deploymentId}` : event.change);
  fact('who', event.who);
  fact('outcome', event.outcome);
  fact('duration', event.durationMs !== undefined ? `${(event.durationMs / 1000).toFixed(1)} s` : undefined);
  if (event.changes?.length) fact('changed', event.changes.join('; '));
  fact('plan', event.planDigest);
  fact('approve with', event.approveCommand);
  fact('reason', event.reason);
  fact('comment', event.comment);
  fact('error', event.error);
  fact('message', event.message);
  fact('site', event.links?.site);
  fact('api', event.links?.api);
  return lines.join('\n');
}
