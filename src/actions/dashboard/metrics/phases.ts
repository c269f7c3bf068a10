import type { Deployment } from './classify.js';
import { type DurationSummary, summarize } from './stats.js';

/** One phase's durations over every finished deployment that ran it. */
export interface PhaseDurations extends DurationSummary {
  name: string;
}

/** Per phase, in the order phases first appear: how long it took in the deployments that ran it. */
export function phaseDurations(deployments: readonly Deployment[]): PhaseDurations[] {
  const byName = new Map<string, number[]>();
  for (const { record, status } of deployments) {
    if (status === 'in_progress') continue;
    for (const phase of record.phases) {
      if (phase.durationMs === undefined) continue;
      const list = byName.get(phase.name) ?? [];
      list.push(phase.durationMs);
      byName.set(phase.name, list);
    }
  }
  return [...byName].map(([name, values]) => ({ name, ...summarize(values) }));
}
