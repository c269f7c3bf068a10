import type { OmnixConfig } from '../config/schema.js';
import type { CheckStatus } from '../core/check-status.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { AlarmBaseline, ReleaseManifest, SampleStats } from '../records/index.js';

export type { CheckStatus };
export type HealthCheck = OmnixConfig['health']['checks'][number];

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
