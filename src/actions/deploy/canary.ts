import { worst } from '../../core/check-status.js';
import { parseDuration } from '../../core/duration.js';
import { emit } from '../../core/events.js';
import type { CanaryTarget } from '../../engine/components/component.js';
import { checkHealth, healthFailure, type VerifyContext } from '../../engine/verify.js';
import { compareVersions } from '../../health/compare-versions.js';
import { thresholdsOf } from '../../health/thresholds.js';
import { pointAlias } from '../../providers/aws/functions.js';
import type { HealthReport } from '../../records/index.js';

export interface CanaryContext extends VerifyContext {
  changed(change: string): Promise<void>;
  /** Every report is told here as soon as it is made, so the record keeps it even when a step fails. */
  reported(report: HealthReport): void;
}

const sleep = (ms: number) => new Promise((resolve) => setTimeout(resolve, ms));

/**
 * Raises the new versions' share step by step (`rollout.canary.steps`). Each step below 100% is observed
 * for `interval`, then the health checks run and every new version is compared with its old one. A failed
 * step gives all traffic back to the old versions and throws. Ends with the aliases wholly on the new
 * versions; the deployment's own verification follows.
 */
export async function runCanary(targets: readonly CanaryTarget[], context: CanaryContext): Promise<void> {
  const { config } = context.loaded;
  const { steps, interval, samples, maxLatencyIncreaseMs } = config.rollout.canary;
  const intervalMs = parseDuration(interval) ?? 60_000;
  const lambda = await context.clients.lambda();
  const recoveries = context.clients.recoveries;
  const shares = [...new Set(steps.filter((step) => step < 100))].sort((a, b) => a - b);
  const thresholds = thresholdsOf(config.health, { safeMode: context.safeMode ?? false });

  for (const [index, share] of shares.entries()) {
    if (index > 0) {
      for (const target of targets) {
        await pointAlias(
          lambda,
          target.name,
          target.alias,
          target.fromVersion,
          {
            [target.toVersion]: share / 100,
          },
          recoveries,
        );
        await context.changed(
          `function ${target.name}: ${share}% of ${target.alias} on version ${target.toVersion} (canary)`,
        );
      }
    }
    emit(context.report, 'progress', 'verify', `canary at ${share}%: observing for ${interval}`);
    await sleep(intervalMs);
    const report = await checkHealth(context, `canary ${share}%`);
    for (const target of targets) {
      const comparison = await compareVersions(
        target,
        {
          ...healthContext(context),
          thresholds,
          signal: AbortSignal.timeout(thresholds.timeoutMs * samples * 2),
        },
        { samples, maxLatencyIncreaseMs },
      );
      emit(
        context.report,
        comparison.status === 'fail' ? 'warn' : 'progress',
        'verify',
        `${comparison.name}: ${comparison.message}`,
      );
      report.checks.push(comparison);
    }
    report.status = worst(report.checks.map((check) => check.status));
    context.reported(report);
    if (report.status === 'fail') {
      for (const target of targets) {
        await pointAlias(lambda, target.name, target.alias, target.fromVersion, {}, recoveries);
        await context.changed(
          `function ${target.name}: canary stopped at ${share}%, alias ${target.alias} → ${target.fromVersion} again`,
        );
      }
      throw healthFailure(
        report,
        `the canary stopped at ${share}%, and the old versions take all traffic again`,
      );
    }
  }
  for (const target of targets) {
    await pointAlias(lambda, target.name, target.alias, target.toVersion, {}, recoveries);
    await context.changed(
      `function ${target.name}: alias ${target.alias} → ${target.toVersion} (canary done)`,
    );
  }
  emit(context.report, 'progress', 'verify', 'canary: the new versions take all traffic');
}

function healthContext(context: CanaryContext) {
  return {
    environment: context.loaded.environment,
    config: context.loaded.config,
    projectRoot: context.loaded.location.projectRoot,
    clients: context.clients,
    outputs: context.outputs,
  };
}
