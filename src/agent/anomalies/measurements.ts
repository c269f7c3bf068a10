import type { AnomalyRecord, DeploymentRecord } from '../../records/index.js';

/** One number about a deployment that anomalies are judged on. */
export interface Measurement {
  kind: AnomalyRecord['kind'];
  name: string;
  value: number;
}

/**
 * What a deployment measured: each phase that ran to the end (ms), AWS requests by service, and the
 * median latency of each health check in its verification (ms; its duration when it took one sample).
 */
export function measurements(record: DeploymentRecord): Measurement[] {
  const found: Measurement[] = [];
  for (const phase of record.phases ?? [])
    if (phase.outcome === 'ok' && typeof phase.durationMs === 'number')
      found.push({ kind: 'phase', name: phase.name, value: phase.durationMs });
  for (const [service, count] of Object.entries(record.requests ?? {}))
    found.push({ kind: 'requests', name: service, value: count });
  const verification = (record.health ?? []).filter((report) => report.stage === 'deploy').at(-1);
  for (const check of verification?.checks ?? []) found.push(...healthMeasurement(check));
  return found;
}

export function healthMeasurement(check: {
  name: string;
  status: string;
  durationMs: number;
  attempts: number;
  latency?: { p50Ms: number };
}): Measurement[] {
  if (check.status === 'fail') return [];
  if (check.latency) return [{ kind: 'health', name: check.name, value: check.latency.p50Ms }];
  return check.attempts === 1 ? [{ kind: 'health', name: check.name, value: check.durationMs }] : [];
}
