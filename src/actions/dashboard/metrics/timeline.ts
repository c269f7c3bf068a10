import type { DeploymentStatus } from '../records.js';
import { type Deployment, durationMs, isRestore } from './classify.js';
import type { LeadTimeSample } from './lead-time.js';

/** One deployment as the page lists it: who, when, what kind, how it ended, how long each phase took. */
export interface TimelineEntry {
  id: string;
  startedAt: string;
  finishedAt: string | null;
  status: DeploymentStatus;
  kind: 'deploy' | 'promotion' | 'rollback' | 'recovery';
  by: string;
  release: number | null;
  changes: number;
  durationMs: number | null;
  /** Each phase that recorded a duration, in order. */
  phases: Array<{ name: string; ms: number }>;
  leadTimeMs: number | null;
  errors: Array<{ code: string; message: string }>;
}

function kindOf(deployment: Deployment): TimelineEntry['kind'] {
  if (deployment.record.rollbackTo !== undefined) return 'rollback';
  if (isRestore(deployment) || deployment.record.recoveryOf?.length) return 'recovery';
  return deployment.record.promotedFrom ? 'promotion' : 'deploy';
}

/** Every deployment, oldest first, with the lead times found (`leadTimes`: the samples by deployment). */
export function timeline(
  deployments: readonly Deployment[],
  leadTimes: readonly LeadTimeSample[],
): TimelineEntry[] {
  const lead = new Map(leadTimes.map((sample) => [sample.deploymentId, sample.ms]));
  return deployments.map((deployment) => {
    const { record } = deployment;
    return {
      id: record.id,
      startedAt: record.startedAt,
      finishedAt: record.finishedAt ?? null,
      status: deployment.status,
      kind: kindOf(deployment),
      by: record.caller.user,
      release: record.release ?? null,
      changes: record.changes.length,
      durationMs: durationMs(record),
      phases: record.phases.flatMap((phase) =>
        phase.durationMs === undefined ? [] : [{ name: phase.name, ms: phase.durationMs }],
      ),
      leadTimeMs: lead.get(record.id) ?? null,
      errors: record.errors,
    };
  });
}
