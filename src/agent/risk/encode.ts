import { hoursSincePrevious } from '../features/index.js';
import { type DeploymentFeatures, functionsTouched } from './features.js';

const WEEKDAYS = ['Sunday', 'Monday', 'Tuesday', 'Wednesday', 'Thursday', 'Friday', 'Saturday'];

/** Six-hour blocks of the UTC day: late-night deployments are a classic risk, so the day is not one number. */
export const hourBlock = (hour: number) => {
  const start = Math.floor(hour / 6) * 6;
  return `${String(start).padStart(2, '0')}-${String(start + 5).padStart(2, '0')}h UTC`;
};

/**
 * Doubling buckets of the hours since the environment's previous deployment (a first deployment counts
 * as a long gap): coarse, so the score and its words do not change by the minute between plan and deploy.
 */
export const gapBucket = (hours: number | null) => Math.round(Math.log2(1 + Math.max(0, hours ?? 24 * 90)));

export const weekdayName = (day: number) => WEEKDAYS[day] ?? 'unknown day';

/**
 * The model's inputs for one deployment, by name: indicators (`function=worker`) are 1 when present,
 * sizes and counts are on a log scale so one huge deployment does not dominate. Absent indicators are 0.
 * Time since the previous deployment is bucketed coarsely so a plan's score does not drift by the minute.
 */
export function encode(features: DeploymentFeatures): Map<string, number> {
  const values = new Map<string, number>();
  const on = (name: string) => values.set(name, 1);
  on(`environment=${features.environment}`);
  for (const component of features.components) on(`component=${component}`);
  for (const key of functionsTouched(features)) on(`function=${key}`);
  for (const { path } of features.configChanges) on(`config=${path}`);
  on(features.ci ? 'caller=ci' : 'caller=local');
  on(`weekday=${weekdayName(features.weekdayUtc)}`);
  on(`hours=${hourBlock(features.hourUtc)}`);
  values.set('files', Math.log1p(features.files.uploaded + features.files.deleted));
  values.set('bytes', Math.log1p(features.files.uploadedBytes / 1024));
  values.set('recentFailures', Math.log1p(features.failuresLast7Days));
  values.set('sincePrevious', gapBucket(hoursSincePrevious(features)));
  return values;
}
