import type { Deployment } from './classify.js';

const DAY_MS = 86_400_000;
/** Past this many days of history, buckets are weeks: a chart of years of days is unreadable. */
const MAX_DAY_BUCKETS = 92;
/** The chart goes back ten years at most: a record dated in antiquity must not make millions of buckets. */
const MAX_DAYS = 3650;

/** Finished deployments started in one bucket (a UTC day, or a week from Monday), by how they ended. */
export interface OutcomeBucket {
  /** The bucket's first day, `YYYY-MM-DD`. */
  start: string;
  succeeded: number;
  failed: number;
  rolledBack: number;
  interrupted: number;
}

export interface OutcomesOverTime {
  unit: 'day' | 'week';
  buckets: OutcomeBucket[];
}

const dayOf = (ms: number) => Math.floor(ms / DAY_MS);
/** 1970-01-01 was a Thursday: shifting by 3 makes weeks start on Monday. */
const weekStartDay = (day: number) => day - ((day + 3) % 7);

/**
 * Outcomes per day (or week) from the first deployment to `now`, empty buckets included. A deployment
 * dated after `now` (a wrong clock) or more than ten years before it is left out.
 */
export function outcomesOverTime(deployments: readonly Deployment[], now: Date): OutcomesOverTime {
  const finished = deployments.filter((deployment) => deployment.status !== 'in_progress');
  const days = finished.map((deployment) => dayOf(Date.parse(deployment.record.startedAt)));
  if (days.length === 0) return { unit: 'day', buckets: [] };
  const last = dayOf(now.getTime());
  const first = Math.max(
    last - MAX_DAYS,
    days.reduce((low, day) => (day < low ? day : low)),
  );
  const unit = last - first + 1 > MAX_DAY_BUCKETS ? 'week' : 'day';
  const bucketOf = unit === 'day' ? (day: number) => day : weekStartDay;
  const step = unit === 'day' ? 1 : 7;
  const buckets = new Map<number, OutcomeBucket>();
  for (let day = bucketOf(first); day <= last; day += step) {
    const start = new Date(day * DAY_MS).toISOString().slice(0, 10);
    buckets.set(day, { start, succeeded: 0, failed: 0, rolledBack: 0, interrupted: 0 });
  }
  finished.forEach((deployment, index) => {
    const day = days[index]!;
    const bucket = day >= first && day <= last ? buckets.get(bucketOf(day)) : undefined;
    if (!bucket) return;
    if (deployment.status === 'succeeded') bucket.succeeded++;
    else if (deployment.status === 'failed') bucket.failed++;
    else if (deployment.status === 'rolled_back') bucket.rolledBack++;
    else bucket.interrupted++;
  });
  return { unit, buckets: [...buckets.values()] };
}
