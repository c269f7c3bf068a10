import { OmnixError } from '../../core/errors.js';
import { emit } from '../../core/events.js';
import type { ChangeExtension } from '../../engine/change/extensions.js';

/**
 * Compares each deployment's phase durations, AWS request counts and health-check latencies with the
 * environment's previous successful deployments (`agent.anomalies`): reports what is far above the
 * usual in the output and the record; with `rollback`, a health-check latency anomaly fails the
 * verification, so the release rolls back.
 */
export const anomalyExtension: ChangeExtension = {
  name: 'anomalies',
  async checkRelease(context, record, health) {
    const { agent } = context.loaded.config;
    if (context.kind !== 'deploy' || !agent.enabled || agent.anomalies !== 'rollback') return;
    const [{ baselineFor }, { detectAnomalies }, { healthMeasurement }] = await Promise.all([
      import('./baseline.js'),
      import('./detect.js'),
      import('./measurements.js'),
    ]);
    const current = health.checks.flatMap(healthMeasurement);
    const found = detectAnomalies(current, await baselineFor(context.store, record), agent.minHistory);
    if (found.length === 0) return;
    throw new OmnixError(
      'HealthLatencyAnomaly',
      `the new release answers far slower than usual: ${found.map((anomaly) => anomaly.text).join('; ')}`,
      { hint: 'agent.anomalies is rollback: a health-check latency anomaly fails the verification.' },
    );
  },
  async finished(context, record) {
    const { agent } = context.loaded.config;
    if (context.kind !== 'deploy' || !agent.enabled) return;
    record.requests = context.clients.requestCounts();
    if (agent.anomalies !== 'off') {
      const [{ baselineFor }, { detectAnomalies }, { measurements }] = await Promise.all([
        import('./baseline.js'),
        import('./detect.js'),
        import('./measurements.js'),
      ]);
      record.anomalies = detectAnomalies(
        measurements(record),
        await baselineFor(context.store, record),
        agent.minHistory,
      );
      for (const anomaly of record.anomalies) emit(context.report, 'warn', 'anomaly', anomaly.text);
    }
    await context.store.putDeployment(record);
  },
};
