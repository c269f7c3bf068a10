import type { LocalFile } from '../artifacts/local/site.js';
import type { LoadedConfig } from '../config/load.js';
import type { CheckStatus } from '../core/check-status.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { LiveSiteObject } from '../providers/aws/site-bucket.js';
import type { FunctionPackage } from '../providers/package/function-package.js';
import type { DeploymentRecord, ReleaseRecord } from '../records/index.js';

export type { CheckStatus };

/** What one pre-deployment check found: `details` lists every problem, `message` sums them up. */
export interface ValidationFinding {
  status: CheckStatus;
  message: string;
  hint?: string;
  details?: string[];
}

export interface ValidationCheckResult extends ValidationFinding {
  name: string;
  durationMs: number;
}

/** One validation of an environment: what `omnix validate` prints and a deployment records. */
export interface ValidationReport {
  environment: string;
  startedAt: string;
  durationMs: number;
  status: CheckStatus;
  checks: ValidationCheckResult[];
  /** Set when the checks that failed all failed for it (no endpoint answers, no credentials): said once. */
  rootCause?: { code: string; message: string; hint: string };
}

/** What the checks share. Reads are made once, on first use, whichever check needs them first. */
export interface ValidationContext {
  loaded: LoadedConfig;
  clients: AwsClients;
  env: Readonly<Record<string, string | undefined>>;
  now: Date;
  /** Which part a deployment changes; unset: both. */
  only?: 'frontend' | 'backend';
  /** Newest first: the releases kept for rollback. */
  releases(): Promise<ReleaseRecord[]>;
  /** The record of the deployment that made the latest release. */
  releasedBy(): Promise<DeploymentRecord | undefined>;
  /** The slowest recent successful deployment, in ms (0 when there is none). */
  slowestDeployment(): Promise<number>;
  identity(): Promise<{ arn: string; account: string }>;
  /** Every version of the site bucket's objects under the prefix (none without a frontend). */
  siteVersions(): Promise<Array<LiveSiteObject & { latest: boolean }>>;
  /** The built site's files; throws when the folder is missing. */
  site(): Promise<LocalFile[]>;
  /** Each function's package by function key; a missing source is an error in its entry. */
  packages(): Promise<Map<string, FunctionPackage | Error>>;
}

export interface ValidationCheck {
  name: string;
  /** Runs only when the configuration has this part (and the deployment changes it). */
  needs?: 'frontend' | 'backend';
  /** Advice, not a precondition: when it cannot run, that is a warning, not a failure. */
  advisory?: boolean;
  run(context: ValidationContext): Promise<ValidationFinding>;
}
