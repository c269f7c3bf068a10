import type { OmnixConfig } from '../config/schema.js';
import { parseDuration } from '../core/duration.js';
import type { Thresholds } from './types.js';

/** The thresholds a run judges by: `health`, or in safe mode `health.safeMode` over it. */
export function thresholdsOf(
  health: OmnixConfig['health'],
  options: { safeMode?: boolean } = {},
): Thresholds {
  const latency = options.safeMode ? (health.safeMode.latency ?? health.latency) : health.latency;
  const maxErrorRate = options.safeMode ? health.safeMode.maxErrorRate : health.maxErrorRate;
  return {
    timeoutMs: health.timeoutSeconds * 1000,
    retries: health.retries,
    retryIntervalMs: parseDuration(health.retryInterval) ?? 2000,
    ...(latency ? { latency } : {}),
    ...(maxErrorRate !== undefined ? { maxErrorRate } : {}),
  };
}
