import type { AnomalyRecord } from '../../records/index.js';
import type { Measurement } from './measurements.js';
import { mad, median } from './robust.js';

/**
 * How far above the usual a value must be: more than MADS robust standard deviations (1.4826 × MAD)
 * above the median, and at least RATIO times the median and FLOOR more than it. The last two keep a
 * steady measurement (MAD near 0) from raising an alarm over a few milliseconds or one request.
 */
const MADS = 5;
const RATIO = 2;
const FLOOR: Record<AnomalyRecord['kind'], number> = { phase: 500, health: 100, requests: 5 };
const UNIT: Record<AnomalyRecord['kind'], string> = { phase: 'ms', health: 'ms', requests: 'requests' };
/** The most recent successful deployments a baseline is taken from. */
export const BASELINE_SIZE = 20;

const label = (measurement: Measurement) =>
  measurement.kind === 'phase'
    ? `phase ${measurement.name}`
    : measurement.kind === 'health'
      ? `health check ${measurement.name} latency`
      : `AWS requests to ${measurement.name}`;

/**
 * The measurements of one deployment that are anomalous against `baseline` (the measurements of the
 * environment's previous successful deployments, newest first). A measurement with fewer than
 * `minHistory` earlier values is not judged. Only values above the usual count: faster is not a fault.
 */
export function detectAnomalies(
  current: readonly Measurement[],
  baseline: ReadonlyArray<readonly Measurement[]>,
  minHistory: number,
): AnomalyRecord[] {
  const anomalies: AnomalyRecord[] = [];
  for (const measurement of current) {
    const earlier = baseline
      .slice(0, BASELINE_SIZE)
      .flatMap((past) => past.filter((m) => m.kind === measurement.kind && m.name === measurement.name))
      .map((m) => m.value);
    if (earlier.length < minHistory) continue;
    const centre = median(earlier);
    const spread = mad(earlier);
    const limit = Math.max(centre + MADS * 1.4826 * spread, centre * RATIO, centre + FLOOR[measurement.kind]);
    if (measurement.value <= limit) continue;
    const unit = UNIT[measurement.kind];
    anomalies.push({
      kind: measurement.kind,
      name: measurement.name,
      value: measurement.value,
      median: centre,
      mad: spread,
      limit: Math.round(limit),
      baseline: earlier.length,
      text: `${label(measurement)}: ${Math.round(measurement.value)} ${unit}, usually ${Math.round(centre)} ${unit} (median of ${earlier.length} successful deployments, MAD ${Math.round(spread)}; limit ${Math.round(limit)})`,
    });
  }
  return anomalies;
}
