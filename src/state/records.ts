import type { AlarmBaseline, HealthReport } from '../health/types.js';

/** What a deployment's validation found, check by check; or that `--skip-validation` skipped it. */
export type ValidationSummary =
  | {
      status: 'pass' | 'warn' | 'fail';
      durationMs: number;
      checks: Array<{ name: string; status: 'pass' | 'warn' | 'fail'; message: string }>;
    }
  | { skipped: true; forced: boolean };

/** What a deployment ended as (`in_progress` until it does). */
export type DeploymentStatus = 'in_progress' | 'succeeded' | 'failed' | 'rolled_back' | 'interrupted';

/** What is live for one environment after a deployment: enough to make it live again. */
export interface ReleaseManifest {
  frontend?: {
    bucket: string;
    objects: Array<{ key: string; versionId: string; md5: string; etag?: string }>;
  };
  backend?: {
    /** `alias`: the alias that serves `version` (absent in records from before it was kept). */
    functions: Array<{ name: string; version: string; codeSha256: string; alias?: string }>;
    /** `definitionHash`: digest of the API's resources, methods and integrations when the stage was deployed. */
    api?: {
      restApiId: string;
      stage: string;
      deploymentId: string;
      definitionHash?: string;
      variables?: Record<string, string>;
    };
  };
}

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

/** One attempt to move an environment to a new release. Holds no secret. */
export interface DeploymentRecord {
  id: string;
  environment: string;
  status: DeploymentStatus;
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
  plan?: Record<string, unknown>;
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

/** Where a promotion's artifacts came from. */
export interface PromotedFrom {
  environment: string;
  release: number;
  /** The deployment that made that release. */
  deploymentId: string;
}

export interface ReleaseRecord {
  environment: string;
  number: number;
  deploymentId: string;
  createdAt: string;
  manifest: ReleaseManifest;
}

/** Who holds an environment's lock, since when, and until when it counts without renewal. */
export interface LockRecord {
  environment: string;
  holder: DeploymentRecord['caller'] & { deploymentId?: string };
  acquiredAt: string;
  expiresAt: string;
  /** Changes on every renewal; a takeover or release must name the token it saw. */
  token: string;
}

export type LockAttempt = { acquired: true; lock: LockRecord } | { acquired: false; holder: LockRecord };

/**
 * One document of the agent's memory, shared by every environment of a project. Its shape belongs to
 * the agent (`src/agent/memory/record.ts`), which versions it; a store keeps it whole under its `id`.
 */
export interface MemoryDocument {
  id: string;
  schemaVersion: number;
  [field: string]: unknown;
}

/** A memory document read back, unvalidated; or why it could not be read (its content is not JSON, say). */
export type MemoryRead =
  | { id: string; ok: true; document: unknown }
  | { id: string; ok: false; reason: string };

/**
 * One step of an approval gate: a change asking for an approval of its plan (`requested`), or someone's
 * decision on it (`approved`, `rejected`). Records are only added, never changed: the newest decision on a
 * plan digest is what counts (`src/orchestration/approvals/`).
 */
export interface ApprovalRecord {
  /** `a-20261202T004500123Z-1a2b3c`: sorts in time order, like deployment ids. */
  id: string;
  environment: string;
  kind: 'requested' | 'approved' | 'rejected';
  /** The digest of the exact plan asked about or decided on. */
  planDigest: string;
  /** The AWS identity (ARN) that asked or decided. */
  by: string;
  at: string;
  /** An approval counts until then. */
  expiresAt?: string;
  comment?: string;
  /** A decision: the request it answers. */
  requestId?: string;
  /** A request: who ran the change (user or CI run, host). */
  caller?: DeploymentRecord['caller'];
  /** A request: the plan summary (no secrets), for whoever decides. */
  plan?: Record<string, unknown>;
}
