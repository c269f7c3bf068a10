import type { DeploymentRecord, LockRecord, ReleaseRecord } from '../records.js';
import { type ChangeFailureRate, changeFailureRate } from './change-failure.js';
import { byStart, type Deployment } from './classify.js';
import { type OutcomesOverTime, outcomesOverTime } from './daily.js';
import {
  type DeploymentFrequency,
  deploymentFrequency,
  type HistoryWindow,
  historyWindow,
} from './frequency.js';
import { type LeadTime, leadTime } from './lead-time.js';
import { type PhaseDurations, phaseDurations } from './phases.js';
import { type ReleaseEntry, releaseEntries } from './releases.js';
import { type TimeToRestore, timeToRestore } from './restore-time.js';
import { type RiskAgainstOutcomes, riskAgainstOutcomes } from './risk.js';
import { type Rollback, rollbacks } from './rollbacks.js';
import { seedTargets, type TargetCheck } from './seed-targets.js';
import { type TimelineEntry, timeline } from './timeline.js';

/** What the state store holds about one environment, read and checked (see `../load.ts`). */
export interface EnvironmentHistory {
  environment: string;
  /** Any order. */
  deployments: readonly DeploymentRecord[];
  releases: readonly ReleaseRecord[];
  lock: { record: LockRecord; stale: boolean } | null;
  /** Deployments still `in_progress` in the store whose process is gone (they count as interrupted). */
  deadIds: ReadonlySet<string>;
  /** Commit sha → ISO time of the commit, where known. */
  commitTimes: ReadonlyMap<string, string>;
}

/** An interrupted deployment nobody recovered yet. */
export interface OpenInterruption {
  deploymentId: string;
  startedAt: string;
  by: string;
  changes: string[];
}

/** Everything the dashboard shows for one environment. */
export interface EnvironmentMetrics {
  environment: string;
  window: HistoryWindow;
  deployments: number;
  /** The four DORA metrics. */
  dora: {
    deploymentFrequency: DeploymentFrequency;
    leadTime: LeadTime;
    changeFailureRate: ChangeFailureRate;
    timeToRestore: TimeToRestore;
  };
  targets: TargetCheck[];
  outcomes: OutcomesOverTime;
  phases: PhaseDurations[];
  timeline: TimelineEntry[];
  rollbacks: Rollback[];
  releases: ReleaseEntry[];
  openInterruptions: OpenInterruption[];
  lock: { holder: LockRecord['holder']; acquiredAt: string; expiresAt: string; stale: boolean } | null;
  risk: RiskAgainstOutcomes;
}

/** The metrics of one environment's history, as of `now`. Pure: reads nothing but its arguments. */
export function environmentMetrics(history: EnvironmentHistory, now: Date): EnvironmentMetrics {
  const deployments: Deployment[] = history.deployments
    .map((record) => ({
      record,
      status: history.deadIds.has(record.id) ? ('interrupted' as const) : record.status,
    }))
    .sort(byStart);
  const window = historyWindow(deployments, now);
  const lead = leadTime(deployments, history.commitTimes);
  const found = rollbacks(deployments);
  const lock = history.lock;
  return {
    environment: history.environment,
    window,
    deployments: deployments.length,
    dora: {
      deploymentFrequency: deploymentFrequency(deployments, window),
      leadTime: lead,
      changeFailureRate: changeFailureRate(deployments),
      timeToRestore: timeToRestore(deployments),
    },
    targets: seedTargets(deployments, found),
    outcomes: outcomesOverTime(deployments, now),
    phases: phaseDurations(deployments),
    timeline: timeline(deployments, lead.samples),
    rollbacks: found,
    releases: releaseEntries(history.releases, history.deployments),
    openInterruptions: deployments
      .filter(({ status, record }) => status === 'interrupted' && !record.recoveredBy)
      .map(({ record }) => ({
        deploymentId: record.id,
        startedAt: record.startedAt,
        by: record.caller.user,
        changes: record.changes,
      })),
    lock: lock
      ? {
          holder: lock.record.holder,
          acquiredAt: lock.record.acquiredAt,
          expiresAt: lock.record.expiresAt,
          stale: lock.stale,
        }
      : null,
    risk: riskAgainstOutcomes(deployments),
  };
}
