import type { OmnixConfig } from '../config/schema.js';
import type { CheckStatus } from '../core/check-status.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { ReleaseManifest } from '../state/records.js';

export type { CheckStatus };
export type HealthCheck = OmnixConfig['health']['checks'][number];

/** Latency and error rate over the samples a check took after its first success. */
export interface SampleStats {
  samples: number;
  p50Ms: number;
  p95Ms: number;
  p99Ms: number;
  errorRate: number;
}

/** What one check found. `details` lists every problem, `message` sums them up in a line. */
export interface CheckResult {
  name: string;
  /** `canary`: the new version compared with the old one between canary steps. */
  type: HealthCheck['type'] | 'canary';
  status: CheckStatus;
  message: string;
  hint?: string;
  durationMs: number;
  attempts: number;
  latency?: SampleStats;
  details?: string[];
}

/** One run of an environment's checks: what a deployment stores and `omnix health` prints. */
export interface HealthReport {
  environment: string;
  release?: number;
  /** `deploy`, `canary 10%`, `rollback` or `on demand`: when the checks ran. */
  stage: string;
  startedAt: string;
  durationMs: number;
  status: CheckStatus;
  checks: CheckResult[];
  /** Why every check failed, when they all failed for one endpoint that did not answer: said once. */
  cause?: { message: string; hint: string };
}

/** The alarm states seen before a deployment changed anything: an alarm already firing is not its fault. */
export type AlarmBaseline = Record<string, string>;

/** The limits a run judges latency and errors by (`health`, or `health.safeMode` over it). */
export interface Thresholds {
  timeoutMs: number;
  retries: number;
  retryIntervalMs: number;
  latency?: { samples: number; p50Ms?: number; p95Ms?: number; p99Ms?: number };
  maxErrorRate?: number;
}

/** Everything a check may use. URLs in the checks are already filled in from the outputs. */
export interface CheckContext {
  environment: string;
  config: OmnixConfig;
  projectRoot: string;
  clients: AwsClients;
  outputs: Record<string, string>;
  /** The release being checked, when there is one: the frontend check compares its build id. */
  manifest?: ReleaseManifest;
  release?: number;
  baseline?: AlarmBaseline;
  thresholds: Thresholds;
  /** Aborted when the check's time is up. */
  signal: AbortSignal;
}

/** What a check's one attempt found; the runner adds the name, timings and retries. */
export interface Finding {
  status: CheckStatus;
  message: string;
  hint?: string;
  details?: string[];
  latency?: SampleStats;
  /** Retrying will not change it (a threshold broken by a warm release, a plugin's verdict). */
  final?: boolean;
}
