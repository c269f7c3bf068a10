import type { CheckStatus } from '../core/check-status.js';

/** The kinds of health check a configuration may list (`health.checks[].type`). */
export type HealthCheckType = 'http' | 'frontend' | 'api' | 'tcp' | 'lambda' | 'cloudwatch-alarm' | 'plugin';

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
  type: HealthCheckType | 'canary';
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
