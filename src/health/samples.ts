import { mapPool } from '../core/pool.js';
import type { SampleStats } from '../records/index.js';
import type { Thresholds } from './types.js';

/** The value under which `percent` of the sorted values fall (nearest rank). */
export function percentile(sorted: readonly number[], percent: number): number {
  if (sorted.length === 0) return 0;
  const rank = Math.ceil((percent / 100) * sorted.length);
  return sorted[Math.min(sorted.length, Math.max(1, rank)) - 1]!;
}

export interface Sample {
  ms: number;
  /** Empty when the sample met its expectation. */
  problems: string[];
}

/** Takes `count` samples, a few at a time, and sums them up. */
export async function takeSamples(
  count: number,
  sample: (index: number) => Promise<Sample>,
): Promise<{ stats: SampleStats; problems: string[] }> {
  const samples = await mapPool(
    Array.from({ length: count }, (_, index) => index),
    4,
    (index) =>
      sample(index).catch((error: Error) => ({ ms: Number.NaN, problems: [error.message] }) satisfies Sample),
  );
  return summarize(samples);
}

export function summarize(samples: readonly Sample[]): { stats: SampleStats; problems: string[] } {
  const times = samples
    .map((sample) => sample.ms)
    .filter((ms) => Number.isFinite(ms))
    .sort((a, b) => a - b);
  const failed = samples.filter((sample) => sample.problems.length > 0);
  return {
    stats: {
      samples: samples.length,
      p50Ms: round(percentile(times, 50)),
      p95Ms: round(percentile(times, 95)),
      p99Ms: round(percentile(times, 99)),
      errorRate: samples.length === 0 ? 0 : failed.length / samples.length,
    },
    problems: [...new Set(failed.flatMap((sample) => sample.problems))],
  };
}

/** What in the stats breaks the thresholds; empty when nothing does. */
export function breaches(stats: SampleStats, thresholds: Thresholds): string[] {
  const broken: string[] = [];
  const allowed = thresholds.maxErrorRate ?? 0;
  if (stats.errorRate > allowed)
    broken.push(
      `error rate ${percent(stats.errorRate)} over ${stats.samples} samples, at most ${percent(allowed)} allowed`,
    );
  for (const key of ['p50Ms', 'p95Ms', 'p99Ms'] as const) {
    const limit = thresholds.latency?.[key];
    if (limit !== undefined && stats[key] > limit)
      broken.push(`${key.slice(0, 3)} latency ${stats[key]} ms, at most ${limit} ms allowed`);
  }
  return broken;
}

export const percent = (rate: number) => `${Math.round(rate * 1000) / 10}%`;
const round = (ms: number) => Math.round(ms * 10) / 10;
