import type { AlarmBaseline, HealthReport } from './health.js';
import type { PlanSummary, RollbackPlanSummary } from './plan-summary.js';
import type { ReleaseManifest } from './release.js';

/** What a deployment ended as (`in_progress` until it does). */
export type DeploymentStatus = 'in_progress' | 'succeeded' | 'failed' | 'rolled_back' | 'interrupted';

/** What a deployment's validation found, check by check; or that `--skip-validation` skipped it. */
export type ValidationSummary =
  | {
      status: 'pass' | 'warn' | 'fail';
      durationMs: number;
      checks: Array<{ name: string; status: 'pass' | 'warn' | 'fail'; message: string }>;
    }
  | { skipped: true; forced: boolean };

/** What a deployment set out to make live, by content digest: what `history diff` compares. */
export interface DeploymentArtifacts {
  /** Site object key → hex MD5. */
  files?: Record<string, string>;
  /** Function name → base64 SHA-256 of its package. */
  functions?: Record<string, string>;
  /** Digest of the API's resources, methods and integrations. */
  apiDefinition?: string;
}

export interface PhaseRecord {
  name: string;
  startedAt: string;
  durationMs?: number;
  outcome: 'ok' | 'failed' | 'skipped';
}

/** An automatic rollback: what it put back, and, if it could not, what still differs from the target. */
export interface RollbackRecord {
  startedAt: string;
  durationMs: number;
  outcome: 'restored' | 'failed';
  changes: string[];
  error?: { code: string; message: string };
  /** Read back after the attempt: every way the live state differs from what it restored to. */
  differences?: string[];
}

/** One automatic recovery from a known failure, tried during a change: what it did and whether it worked. */
export interface RecoveryRecord {
  /** The known failure it answered: an id of the agent's catalogue, such as `lambda-update-in-progress`. */
  failure: string;
  /** What was done, in words: "waited 4.2 s for LastUpdateStatus Successful, then retried UpdateFunctionCode". */
  action: string;
  /** The phase it happened in, and the AWS operation when there was one. */
  phase: string;
  operation?: string;
  at: string;
  attempts: number;
  outcome: 'recovered' | 'failed';
  /** When it did not work: the error the change then failed with (secrets hidden). */
  error?: { code: string; message: string };
}

/** A measurement of a deployment far above the environment's usual (median and MAD of its previous successful deployments). */
export interface AnomalyRecord {
  /** `phase`: a phase's duration; `requests`: AWS requests to one service; `health`: a health check's latency. */
  kind: 'phase' | 'requests' | 'health';
  /** The phase, the service or the health check. */
  name: string;
  value: number;
  median: number;
  /** Median absolute deviation of the baseline. */
  mad: number;
  /** Above this it is an anomaly. */
  limit: number;
  /** Previous successful deployments compared with. */
  baseline: number;
  text: string;
}

/** Where a promotion's artifacts came from. */
export interface PromotedFrom {
  environment: string;
  release: number;
  /** The deployment that made that release. */
  deploymentId: string;
}

/** One attempt to move an environment to a new release. Holds no secret. */
export interface DeploymentRecord {
  id: string;
  environment: string;
  status: DeploymentStatus;
  /** When it started, not counting the time a person took to confirm its plan. */
  startedAt: string;
  finishedAt?: string;
  /** The release it made, once it succeeded. */
  release?: number;
  /** Set on a manual rollback: the earlier release it made live again. */
  rollbackTo?: number;
  /** Set on an interrupted deployment once it was dealt with: by which deployment, and how. */
  recoveredBy?: { deploymentId: string; how: 'restored' | 'resumed' };
  /** Set on a recovery: the interrupted deployments it restored the snapshot of, or (a resuming deployment) finished. */
  recoveryOf?: string[];
  /** Who ran it: user or CI identity, host, pid. */
  caller: { user: string; host: string; pid: number; ci?: Record<string, string> };
  configDigest: string;
  /** The resolved configuration it deployed, secrets shown as `***`: what `history diff` compares. */
  config?: unknown;
  artifacts?: DeploymentArtifacts;
  phases: PhaseRecord[];
  /** What was live before the first change (write-ahead), for recovery. */
  snapshot?: ReleaseManifest;
  /** What the deployment changed so far, in order. */
  changes: string[];
  errors: Array<{ code: string; message: string }>;
  /** With `--prune`: what no kept release needed any more and was deleted. */
  pruned?: { functionVersions: string[]; apiDeployments: string[]; inUse: string[] } | undefined;
  /** The automatic rollback after a failure, when there was one. */
  rollback?: RollbackRecord;
  /** The environment is in neither the old nor the new release: a person must look (see `rollback.differences`). */
  needsAttention?: boolean;
  outputs?: Record<string, string>;
  /** What it set out to do: a deployment's plan, or a manual rollback's. */
  plan?: PlanSummary | RollbackPlanSummary;
  /** How the release took traffic: `canary` steps (forced by `--safe-mode`, with its stricter thresholds) or all at once. */
  rollout?: { strategy: 'all-at-once' | 'canary'; safeMode: boolean };
  /** States of the health checks' alarms before the first change. */
  alarmBaseline?: AlarmBaseline;
  /** Every health check run, in order: canary steps, the verification, and after a rollback. */
  health?: HealthReport[];
  /** The pre-deployment validation: what it found, or that it was skipped (and whether by force). */
  validation?: ValidationSummary;
  /** Automatic recoveries tried during the change, in order. */
  recoveries?: RecoveryRecord[];
  /** AWS HTTP requests the command sent, by service (retries included). */
  requests?: Record<string, number>;
  /** Measurements far above the environment's usual (`agent.anomalies`). */
  anomalies?: AnomalyRecord[];
  /** Set on a promotion: the release of another environment whose artifacts this deployment made live. */
  promotedFrom?: PromotedFrom;
  /** Notifications sent about it (`src/notifications`); an undelivered one carries its error. */
  notifications?: Array<{
    event: string;
    target: string;
    delivered: boolean;
    attempts: number;
    error?: string;
  }>;
  /** Set when it ran inside a freeze window with `--override-freeze`: the window and why it went ahead. */
  freezeOverride?: { reason: string; window: string; by: string };
  /** Set when its plan needed an approval: the digest and who approved it (or that a terminal confirmed it). */
  approval?: { planDigest: string; by: string; at: string; via: 'terminal' | 'recorded' };
}
