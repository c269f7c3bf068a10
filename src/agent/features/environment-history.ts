import type { DeploymentRecord } from '../../records/index.js';

const WEEK_MS = 7 * 24 * 3600 * 1000;

const failed = (record: DeploymentRecord) => record.status === 'failed' || record.status === 'rolled_back';

/** What came before a moment in one environment's history. */
export interface Before {
  /** The newest deployment that started before it. */
  previous?: DeploymentRecord;
  /** The newest successful deployment that started before it and kept its configuration. */
  previousSuccess?: DeploymentRecord;
  /** Failed or rolled-back deployments that started in the 7 days before it. */
  failuresLast7Days: number;
}

/**
 * One environment's deployments by start time, indexed once so that each question about "before" costs
 * a binary search: reading the features of a whole history stays O(n log n), not O(n²).
 */
export class EnvironmentHistory {
  private readonly sorted: DeploymentRecord[];
  private readonly starts: number[];
  /** Index of the newest success with a configuration at or before each position, -1 if none. */
  private readonly lastSuccess: number[] = [];
  /** Failures among the first i records. */
  private readonly failuresBefore: number[] = [0];

  constructor(records: readonly DeploymentRecord[]) {
    this.sorted = records
      .filter((record) => Number.isFinite(Date.parse(record.startedAt)))
      .sort((a, b) => Date.parse(a.startedAt) - Date.parse(b.startedAt) || a.id.localeCompare(b.id));
    this.starts = this.sorted.map((record) => Date.parse(record.startedAt));
    let success = -1;
    for (const [index, record] of this.sorted.entries()) {
      if (record.status === 'succeeded' && record.config !== undefined) success = index;
      this.lastSuccess.push(success);
      this.failuresBefore.push(this.failuresBefore[index]! + (failed(record) ? 1 : 0));
    }
  }

  /** What started strictly before `at` (epoch ms). */
  before(at: number): Before {
    const end = this.firstAtOrAfter(at);
    const weekStart = this.firstAtOrAfter(at - WEEK_MS);
    const success = end > 0 ? this.lastSuccess[end - 1]! : -1;
    return {
      ...(end > 0 ? { previous: this.sorted[end - 1]! } : {}),
      ...(success >= 0 ? { previousSuccess: this.sorted[success]! } : {}),
      failuresLast7Days: this.failuresBefore[end]! - this.failuresBefore[weekStart]!,
    };
  }

  private firstAtOrAfter(time: number): number {
    let low = 0;
    let high = this.starts.length;
    while (low < high) {
      const middle = (low + high) >>> 1;
      if (this.starts[middle]! < time) low = middle + 1;
      else high = middle;
    }
    return low;
  }
}

/** Each environment's history, built once from records of any number of environments. */
export function historiesByEnvironment(
  records: readonly DeploymentRecord[],
): Map<string, EnvironmentHistory> {
  const grouped = new Map<string, DeploymentRecord[]>();
  for (const record of records) {
    const list = grouped.get(record.environment) ?? [];
    list.push(record);
    grouped.set(record.environment, list);
  }
  return new Map([...grouped].map(([environment, list]) => [environment, new EnvironmentHistory(list)]));
}
