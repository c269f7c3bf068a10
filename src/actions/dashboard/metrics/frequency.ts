import { changedSomething, type Deployment, isDelivery } from './classify.js';

const DAY_MS = 86_400_000;

/** The stretch of time the metrics cover: from the first recorded deployment until now. */
export interface HistoryWindow {
  from: string | null;
  to: string;
  /** Its length in days, at least 1 (a first day of history counts as one day). */
  days: number;
}

export function historyWindow(deployments: readonly Deployment[], now: Date): HistoryWindow {
  const starts = deployments.map((deployment) => Date.parse(deployment.record.startedAt));
  const first = starts.length === 0 ? null : starts.reduce((low, start) => (start < low ? start : low));
  const to = now.toISOString();
  if (first === null) return { from: null, to, days: 1 };
  return { from: new Date(first).toISOString(), to, days: Math.max(1, (now.getTime() - first) / DAY_MS) };
}

/**
 * DORA deployment frequency: how often a change reaches the environment. Counted: deliveries (not
 * rollbacks) that succeeded and changed something; divided by the window's days, and times 7 per week.
 */
export interface DeploymentFrequency {
  deliveries: number;
  perDay: number | null;
  perWeek: number | null;
}

export function deploymentFrequency(
  deployments: readonly Deployment[],
  window: HistoryWindow,
): DeploymentFrequency {
  const deliveries = deployments.filter(
    (deployment) =>
      deployment.status === 'succeeded' && isDelivery(deployment) && changedSomething(deployment),
  ).length;
  if (window.from === null) return { deliveries, perDay: null, perWeek: null };
  const perDay = deliveries / window.days;
  return { deliveries, perDay, perWeek: perDay * 7 };
}
