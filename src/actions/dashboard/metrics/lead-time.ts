import { changedSomething, type Deployment, isDelivery } from './classify.js';
import { type DurationSummary, summarize } from './stats.js';

/** One successful delivery whose commit time is known: from the commit to live. */
export interface LeadTimeSample {
  deploymentId: string;
  commit: string;
  committedAt: string;
  liveAt: string;
  ms: number;
}

/**
 * DORA lead time for changes: from a commit to it being live. Counted: deliveries that succeeded and
 * changed something; "live" is when the deployment finished (after its health checks passed). Only
 * where the commit is recorded (`caller.ci.commit`, under GitHub Actions) and its time is known; the
 * others are counted as `unknown`, never guessed.
 */
export interface LeadTime extends DurationSummary {
  unknown: number;
  samples: LeadTimeSample[];
}

/** `commitTimes`: commit sha → ISO time of the commit, for the commits whose time could be found. */
export function leadTime(
  deployments: readonly Deployment[],
  commitTimes: ReadonlyMap<string, string>,
): LeadTime {
  const samples: LeadTimeSample[] = [];
  let unknown = 0;
  for (const deployment of deployments) {
    const { record } = deployment;
    if (deployment.status !== 'succeeded' || !isDelivery(deployment) || !changedSomething(deployment))
      continue;
    const commit = record.caller.ci?.commit;
    const committedAt = commit === undefined ? undefined : commitTimes.get(commit);
    const ms =
      committedAt === undefined || record.finishedAt === undefined
        ? Number.NaN
        : Date.parse(record.finishedAt) - Date.parse(committedAt);
    // A commit dated after the deployment finished is a clock that lies: not a lead time.
    if (!Number.isFinite(ms) || ms < 0) {
      unknown++;
      continue;
    }
    samples.push({
      deploymentId: record.id,
      commit: commit!,
      committedAt: committedAt!,
      liveAt: record.finishedAt!,
      ms,
    });
  }
  return { ...summarize(samples.map((sample) => sample.ms)), unknown, samples };
}
