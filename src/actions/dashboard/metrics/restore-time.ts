import { changedSomething, type Deployment } from './classify.js';
import { type DurationSummary, summarize } from './stats.js';

/** How an environment became good again after a failure. */
export type RestoredHow = 'automatic-rollback' | 'rollback' | 'recovery' | 'deployment';

/** A stretch during which the environment was left by failed deployments, until something restored it. */
export interface RestoreEpisode {
  /** When the first failed deployment of the stretch started. */
  from: string;
  /** When the environment was good again; null while it is not. */
  to: string | null;
  ms: number | null;
  failedDeployments: string[];
  restoredBy: string | null;
  how: RestoredHow | null;
}

/**
 * DORA time to restore: from the start of a deployment that changed something and failed, until the
 * environment is good again: when its own automatic rollback finished (status `rolled_back`), or else
 * when the next deployment of the environment succeeded (a fix, `omnix rollback`, `omnix recover`).
 * Failures in a row before that are one stretch. A stretch not restored yet is `open`, and left out of
 * the median and mean. `deployments`: oldest first.
 */
export interface TimeToRestore extends DurationSummary {
  open: number;
  episodes: RestoreEpisode[];
}

const how = ({ record }: Deployment): RestoredHow =>
  record.rollbackTo !== undefined ? 'rollback' : record.recoveryOf?.length ? 'recovery' : 'deployment';

const between = (from: string, to: string): number => Math.max(0, Date.parse(to) - Date.parse(from));

export function timeToRestore(deployments: readonly Deployment[]): TimeToRestore {
  const episodes: RestoreEpisode[] = [];
  let open: RestoreEpisode | undefined;
  for (const deployment of deployments) {
    const { record, status } = deployment;
    if (status === 'in_progress') continue;
    if (status === 'succeeded') {
      if (open && record.finishedAt) {
        Object.assign(open, {
          to: record.finishedAt,
          ms: between(open.from, record.finishedAt),
          restoredBy: record.id,
          how: how(deployment),
        });
        open = undefined;
      }
      continue;
    }
    // Failed before its first change: the environment is as it was.
    if (!changedSomething(deployment)) continue;
    if (open) {
      // A rollback now puts back what the earlier failure left: still not good.
      open.failedDeployments.push(record.id);
      continue;
    }
    // An interrupted deployment has no finish time: it stopped, and stays a failure until recovered.
    if (status === 'rolled_back' && record.finishedAt) {
      episodes.push({
        from: record.startedAt,
        to: record.finishedAt,
        ms: between(record.startedAt, record.finishedAt),
        failedDeployments: [record.id],
        restoredBy: record.id,
        how: 'automatic-rollback',
      });
      continue;
    }
    open = {
      from: record.startedAt,
      to: null,
      ms: null,
      failedDeployments: [record.id],
      restoredBy: null,
      how: null,
    };
    episodes.push(open);
  }
  const restored = episodes.flatMap((episode) => (episode.ms === null ? [] : [episode.ms]));
  return { ...summarize(restored), open: episodes.length - restored.length, episodes };
}
