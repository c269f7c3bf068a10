import type { LoadedConfig } from '../config/load.js';
import { secretHider } from '../config/secret-hider.js';
import { DeploymentFailedError } from '../core/errors.js';
import { emit, type Report } from '../core/events.js';
import { runHealthChecks } from '../health/run-checks.js';
import { thresholdsOf } from '../health/thresholds.js';
import type { AwsClients } from '../providers/aws/clients.js';
import type { AlarmBaseline, CheckResult, HealthReport, ReleaseManifest } from '../records/index.js';

export interface VerifyContext {
  loaded: LoadedConfig;
  clients: AwsClients;
  report: Report;
  outputs: Record<string, string>;
  manifest?: ReleaseManifest;
  release?: number;
  baseline?: AlarmBaseline;
  safeMode?: boolean;
  /** Overrides `health.retries` (and every check's own) for this run. */
  retries?: number;
}

/** Runs the environment's health checks against what is live, telling each result as it comes. */
export async function checkHealth(
  context: VerifyContext,
  stage: string,
  phase = 'verify',
): Promise<HealthReport> {
  const { loaded } = context;
  if (loaded.config.health.checks.length === 0)
    emit(context.report, 'info', phase, 'no health checks are configured (health.checks)');
  // A response body or a function's error may quote a secret the function was given.
  const hide = await secretHider(loaded, context.clients);
  const hideIn = (result: CheckResult): CheckResult => ({
    ...result,
    message: hide(result.message),
    ...(result.hint !== undefined ? { hint: hide(result.hint) } : {}),
    ...(result.details ? { details: result.details.map(hide) } : {}),
  });
  const report = await runHealthChecks({
    environment: loaded.environment,
    config: loaded.config,
    projectRoot: loaded.location.projectRoot,
    clients: context.clients,
    outputs: context.outputs,
    ...(context.manifest ? { manifest: context.manifest } : {}),
    ...(context.release !== undefined ? { release: context.release } : {}),
    ...(context.baseline ? { baseline: context.baseline } : {}),
    thresholds: thresholdsOf(loaded.config.health, { safeMode: context.safeMode ?? false }),
    ...(context.retries !== undefined ? { retries: context.retries } : {}),
    stage,
    onResult: (result) =>
      emit(
        context.report,
        result.status === 'pass' ? 'progress' : 'warn',
        phase,
        describeResult(hideIn(result)),
      ),
  });
  return { ...report, checks: report.checks.map(hideIn) };
}

export function describeResult(result: CheckResult): string {
  return `${result.status === 'pass' ? '✓' : result.status === 'warn' ? '!' : '✗'} ${result.name} (${result.type}, ${result.durationMs} ms${result.attempts > 1 ? `, ${result.attempts} attempts` : ''}): ${result.message}`;
}

/** The error a failed health report stops a deployment with, naming every failed check. */
export function healthFailure(report: HealthReport, what: string): DeploymentFailedError {
  const failed = report.checks.filter((check) => check.status === 'fail');
  return new DeploymentFailedError(
    'HealthCheckFailed',
    `${what}: ${failed.length} health check(s) failed: ${failed.map((check) => `${check.name} (${check.message})`).join('; ')}`,
  );
}
