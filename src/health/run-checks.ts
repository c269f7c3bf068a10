import { worst } from '../core/check-status.js';
import { mapPool } from '../core/pool.js';
import { type RootCause, refusedOnLoopback, unreachableCause } from '../providers/aws/root-cause.js';
import type { CheckResult, HealthReport } from '../records/index.js';
import { alarmCheck } from './checks/alarm.js';
import { frontendCheck } from './checks/frontend.js';
import { apiCheck, httpCheck } from './checks/http.js';
import { lambdaCheck } from './checks/lambda.js';
import { pluginCheck } from './checks/plugin.js';
import { tcpCheck } from './checks/tcp.js';
import { fillOutputs } from './fill-outputs.js';
import type { CheckContext, Finding, HealthCheck, Thresholds } from './types.js';

export interface HealthRun extends Omit<CheckContext, 'signal'> {
  /** When the checks run: `deploy`, `canary 10%`, `rollback`, `on demand`. */
  stage: string;
  /** Told each check's result as it ends. */
  onResult?: (result: CheckResult) => void;
  /** Overrides every check's retries (a release known to be warm needs none). */
  retries?: number;
}

const CHECKS: {
  [K in HealthCheck['type']]: (
    check: Extract<HealthCheck, { type: K }>,
    context: CheckContext,
  ) => Promise<Finding>;
} = {
  http: httpCheck,
  api: apiCheck,
  frontend: frontendCheck,
  tcp: tcpCheck,
  lambda: lambdaCheck,
  'cloudwatch-alarm': alarmCheck,
  plugin: pluginCheck,
};

/** Runs every configured check concurrently, each with its timeout and retries; never throws for a failing check. */
export async function runHealthChecks(run: HealthRun): Promise<HealthReport> {
  const startedAt = new Date();
  const checks = run.config.health.checks;
  const outcomes = await mapPool(checks, 8, async (check) => {
    const outcome = await runOne(check, run);
    run.onResult?.(outcome.result);
    return outcome;
  });
  const shared = sharedCause(outcomes);
  const results = outcomes.map(({ result }) =>
    shared ? { ...result, message: 'not checked', hint: undefined } : result,
  );
  return {
    environment: run.environment,
    ...(run.release !== undefined ? { release: run.release } : {}),
    stage: run.stage,
    startedAt: startedAt.toISOString(),
    durationMs: Date.now() - startedAt.getTime(),
    status: worst(results.map((result) => result.status)),
    checks: results.map(({ hint, ...result }) => (hint ? { ...result, hint } : result)),
    ...(shared ? { cause: { message: shared.message, hint: shared.hint } } : {}),
  };
}

/** The one unreachable endpoint every check failed for, if they all did: the report says it once. */
function sharedCause(outcomes: { result: CheckResult; cause?: RootCause }[]): RootCause | undefined {
  const first = outcomes[0]?.cause;
  if (!first) return undefined;
  return outcomes.every(({ result, cause }) => result.status === 'fail' && cause?.message === first.message)
    ? first
    : undefined;
}

/** The thresholds of one check: the run's, with the check's own timeout and retries over them. */
function thresholdsFor(check: HealthCheck, thresholds: Thresholds): Thresholds {
  return {
    ...thresholds,
    ...(check.timeoutSeconds !== undefined ? { timeoutMs: check.timeoutSeconds * 1000 } : {}),
    ...(check.retries !== undefined ? { retries: check.retries } : {}),
  };
}

/**
 * Attempts until one passes, the finding is final, or the retries are used up, waiting
 * `retryInterval`, then twice as long each time, between attempts: a new release may still be warming up.
 */
async function runOne(
  configured: HealthCheck,
  run: HealthRun,
): Promise<{ result: CheckResult; cause?: RootCause }> {
  const started = performance.now();
  const thresholds = {
    ...thresholdsFor(configured, run.thresholds),
    ...(run.retries !== undefined ? { retries: run.retries } : {}),
  };
  const done = (finding: Finding, attempts: number): CheckResult => ({
    name: configured.name,
    type: configured.type,
    status: finding.status,
    message: finding.message,
    ...(finding.hint ? { hint: finding.hint } : {}),
    durationMs: Math.round(performance.now() - started),
    attempts,
    ...(finding.latency ? { latency: finding.latency } : {}),
    ...(finding.details && finding.details.length > 1 ? { details: finding.details } : {}),
  });
  let check: HealthCheck;
  try {
    check = await fillOutputs(configured, run.outputs);
  } catch (error) {
    return { result: done({ status: 'fail', message: `cannot run: ${(error as Error).message}` }, 0) };
  }
  const context = { ...run, thresholds };
  const attempt = CHECKS[check.type] as (check: HealthCheck, context: CheckContext) => Promise<Finding>;
  let finding: Finding = { status: 'fail', message: 'not run' };
  for (let attempts = 1; ; attempts++) {
    const signal = AbortSignal.timeout(thresholds.timeoutMs);
    let cause: RootCause | undefined;
    finding = await attempt(check, { ...context, signal }).catch((error: Error): Finding => {
      cause = unreachableCause(error);
      return {
        status: 'fail',
        message: signal.aborted ? `no result within ${thresholds.timeoutMs / 1000} s` : error.message,
        // Nothing listens on this machine's port: a stopped sandbox does not warm up, so no retries.
        final: refusedOnLoopback(error),
      };
    });
    const final = finding.final || check.type === 'cloudwatch-alarm';
    if (finding.status !== 'fail' || final || attempts > thresholds.retries)
      return { result: done(finding, attempts), ...(cause ? { cause } : {}) };
    await new Promise((resolve) => setTimeout(resolve, thresholds.retryIntervalMs * 2 ** (attempts - 1)));
  }
}
